import type { WorkerLike } from "./workerPool";

/**
 * Starts one worker of Hồ sơ đơn vị's pool. webpack sees `new Worker(new URL(…, import.meta.url))`
 * and bundles districtWorker.ts as a chunk of its own, fetched only now; this module is itself loaded
 * only where the page has Worker (never in the pane's first download, nor under Node).
 */
export function startDistrictWorker(): WorkerLike {
  // import.meta is webpack's here (the type-check compiles to CommonJS)
  // @ts-expect-error TS1343
  const worker = new Worker(new URL("./districtWorker.ts", import.meta.url));
  return worker as unknown as WorkerLike;
}

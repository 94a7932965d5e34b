/**
 * A pool of workers that each take one file at a time (Hồ sơ đơn vị, issue #19): results kept in the
 * files' order, progress per file, a worker that fails reports that file's error and is replaced while
 * the others go on. Written against a small Worker-like interface, so its scheduling is tested with a
 * fake worker (test/app/workerPool.test.ts) and the page passes real Web Workers.
 */

export interface WorkerLike {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onerror: ((event: { readonly message?: string }) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
}

/** What a worker posts: first { ready: true } once its script runs, then one answer per task. */
export type WorkerAnswer<R> =
  | { readonly ready: true }
  | { readonly id: number; readonly result: R }
  | { readonly id: number; readonly error: string };

export interface PoolTask {
  readonly name: string;
  /** The message for the worker, with what to transfer (the file's bytes). */
  message(id: number): Promise<{ message: unknown; transfer?: Transferable[] }>;
}

export interface PoolOptions<R> {
  readonly size: number;
  /** Starts one worker (may throw: no Worker, a script refused). */
  start(): WorkerLike;
  /** The result for a file whose worker failed (threw, or its script stopped). */
  failed(name: string, error: string): R;
  /** Called as files start and finish: done of total, and the file concerned. */
  onProgress?(done: number, total: number, file: string): void;
}

/** No worker of the pool could start: the caller reads the files itself. */
export class PoolStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PoolStartError";
  }
}

/** How many workers: the machine's cores (navigator.hardwareConcurrency), at least 1, at most 4. */
export function poolSize(cores: number | undefined, cap = 4): number {
  const n = typeof cores === "number" && Number.isFinite(cores) ? Math.floor(cores) : 2;
  return Math.max(1, Math.min(cap, n));
}

/**
 * Runs every task on the pool and resolves with the results in the tasks' order. Rejects with a
 * PoolStartError only when no worker ever started (before any file was given to one).
 */
export function runPool<R>(tasks: readonly PoolTask[], options: PoolOptions<R>): Promise<R[]> {
  const results: R[] = new Array<R>(tasks.length);
  const total = tasks.length;
  let next = 0;
  let done = 0;
  let anyReady = false;
  let live = 0;
  let settled = false;
  return new Promise<R[]>((resolve, reject) => {
    if (!total) return resolve(results);
    const finish = () => {
      if (settled) return;
      settled = true;
      options.onProgress?.(total, total, "");
      resolve(results);
    };
    const complete = (index: number, result: R) => {
      results[index] = result;
      done++;
      options.onProgress?.(done, total, tasks[index].name);
      if (done === total) finish();
    };
    const launch = (): void => {
      let worker: WorkerLike;
      try {
        worker = options.start();
      } catch (e) {
        return onStartFailure(e instanceof Error ? e.message : String(e));
      }
      live++;
      let ready = false;
      let current: number | undefined;
      const give = async (): Promise<void> => {
        if (next >= total || settled) {
          worker.terminate();
          live--;
          return;
        }
        const index = next++;
        current = index;
        options.onProgress?.(done, total, tasks[index].name);
        try {
          const { message, transfer } = await tasks[index].message(index);
          worker.postMessage(message, transfer ?? []);
        } catch (e) {
          current = undefined;
          complete(index, options.failed(tasks[index].name, String(e)));
          void give();
        }
      };
      worker.onmessage = (event) => {
        const answer = event.data as WorkerAnswer<R>;
        if ("ready" in answer) {
          ready = anyReady = true;
          void give();
          return;
        }
        if (answer.id !== current) return;
        current = undefined;
        complete(
          answer.id,
          "error" in answer ? options.failed(tasks[answer.id].name, answer.error) : answer.result
        );
        void give();
      };
      worker.onerror = (event) => {
        const why = event.message || "worker error";
        worker.onmessage = worker.onerror = null;
        worker.terminate();
        live--;
        if (!ready) return onStartFailure(why);
        // The file it was reading is reported with the error; a fresh worker takes the rest.
        if (current !== undefined) complete(current, options.failed(tasks[current].name, why));
        current = undefined;
        if (next < total) launch();
      };
    };
    const onStartFailure = (why: string) => {
      if (live > 0 || settled) return; // another worker is starting, or at work
      // No worker has started and none is still starting: the pool cannot be used at all.
      if (!anyReady) {
        settled = true;
        return reject(new PoolStartError(why));
      }
      // A replacement could not start and none is left: the files not read yet say why.
      while (next < total) {
        const index = next++;
        complete(index, options.failed(tasks[index].name, why));
      }
    };
    const size = Math.max(1, Math.min(options.size, total));
    for (let i = 0; i < size; i++) launch();
  });
}

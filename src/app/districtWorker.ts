/**
 * The worker of Hồ sơ đơn vị's pool (workerPool.ts): reads and checks one file per message, with the
 * command line's read path (workbookFromBytes: budgetedParts with the browser's inflate, then
 * ExcelJS) and the same engine, and posts the result as plain data. Bundled by webpack as a chunk of
 * its own, loaded only when the files tab reads files (districtWorkerStart.ts).
 */
import { readEmbeddedTemplates } from "../adapters/xlsx/embeddedTemplates";
import { workbookSnapshots } from "../adapters/xlsx/readSheet";
import { workbookFromBytes } from "../adapters/xlsx/workbookFromBytes";
import { browserInflateRaw } from "../adapters/xlsx/browserInflate";
import { legacyWorkbook } from "./legacyRead";
import { readDistrictBytes, ReadSettings, WorkbookReader } from "./districtFileRead";

/** What the page sends: one file. */
export interface DistrictTask {
  readonly id: number;
  readonly name: string;
  readonly bytes: ArrayBuffer;
  readonly settings: ReadSettings;
}

const scope = self as unknown as {
  onmessage: ((event: { data: DistrictTask }) => void) | null;
  postMessage(message: unknown): void;
};

const reader: WorkbookReader = {
  workbookFromBytes,
  workbookSnapshots: (workbook) => workbookSnapshots(workbook),
  readEmbeddedTemplates,
  inflateRaw: browserInflateRaw(),
  legacyWorkbook,
};

scope.onmessage = (event) => {
  const { id, name, bytes, settings } = event.data;
  readDistrictBytes(name, new Uint8Array(bytes), settings, reader).then(
    ({ read }) => scope.postMessage({ id, result: read }),
    (e: unknown) =>
      scope.postMessage({ id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) })
  );
};
scope.postMessage({ ready: true });

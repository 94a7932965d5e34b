import { browserInflateRaw } from "../adapters/xlsx/browserInflate";
import { readEmbeddedTemplates } from "../adapters/xlsx/embeddedTemplates";
import { workbookSnapshots } from "../adapters/xlsx/readSheet";
import { workbookFromBytes } from "../adapters/xlsx/workbookFromBytes";
import {
  DistrictFileRead,
  readDistrictBytes,
  ReadSettings,
  WorkbookReader,
} from "./districtFileRead";
import { legacyWorkbook } from "./legacyRead";
import type { WorkerAnswer } from "./workerPool";

/**
 * What a worker of Hồ sơ đơn vị's pool does with one message: the file read with the command line's
 * read path (workbookFromBytes: budgetedParts with the browser's inflate, then ExcelJS) and checked by
 * the same engine; the answer is plain data, as postMessage needs.
 */

/** What the page sends: one file. */
export interface DistrictTask {
  readonly id: number;
  readonly name: string;
  readonly bytes: ArrayBuffer;
  readonly settings: ReadSettings;
}

let reader: WorkbookReader | undefined;

export async function answerTask(task: DistrictTask): Promise<WorkerAnswer<DistrictFileRead>> {
  reader ??= {
    workbookFromBytes,
    workbookSnapshots: (workbook) => workbookSnapshots(workbook),
    readEmbeddedTemplates,
    inflateRaw: browserInflateRaw(),
    legacyWorkbook,
  };
  try {
    const { read } = await readDistrictBytes(
      task.name,
      new Uint8Array(task.bytes),
      task.settings,
      reader
    );
    return { id: task.id, result: read };
  } catch (e) {
    return { id: task.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

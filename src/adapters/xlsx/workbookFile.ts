import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { Bilingual } from "../../domain";
import {
  damagedText,
  holdsText,
  notXlsx,
  reasonOf,
  signatureProblem,
  unreadableText,
} from "./workbookBytes";

/** Why a workbook file could not be read or written, for a message that names the fix. */
export type FileProblem =
  | "missing"
  | "not-a-file"
  | "unreadable"
  | "not-xlsx"
  | "old-xls"
  | "encrypted"
  | "corrupt"
  | "no-sheet"
  | "exists"
  | "unwritable";

export class WorkbookFileError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly file: string,
    readonly text: Bilingual
  ) {
    super(text.en);
    this.name = "WorkbookFileError";
  }
}

export interface OpenedWorkbook {
  readonly file: string;
  readonly workbook: ExcelJS.Workbook;
  /** The file as read, to copy unchanged when there is nothing to write. */
  readonly bytes: Buffer;
  /** Parts of the file that saving through ExcelJS would drop (charts, pivot tables, macros…). */
  readonly unsupported: readonly Bilingual[];
}

/**
 * Parts ExcelJS does not carry through a save. Their names appear uncompressed in the zip headers,
 * so a byte search finds them without unpacking.
 */
const UNSUPPORTED: ReadonlyArray<readonly [string, Bilingual]> = [
  ["xl/charts/", { vi: "biểu đồ", en: "charts" }],
  ["xl/pivotTables/", { vi: "bảng tổng hợp (pivot)", en: "pivot tables" }],
  ["xl/slicers/", { vi: "slicer", en: "slicers" }],
  ["xl/vbaProject.bin", { vi: "macro", en: "macros" }],
  ["xl/externalLinks/", { vi: "liên kết tới sổ khác", en: "links to other workbooks" }],
];

/** Reads an .xlsx workbook, or throws a WorkbookFileError saying what is wrong with the file. */
export async function readWorkbook(file: string): Promise<OpenedWorkbook> {
  const bytes = await readBytes(file);
  const sniffed = signatureProblem(file, bytes);
  if (sniffed) throw new WorkbookFileError(sniffed.problem, file, sniffed.text);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new WorkbookFileError("corrupt", file, damagedText(file, e));
  }
  // A zip that is not a workbook (a Word .docx, say) loads as an empty workbook.
  if (!holdsText(bytes, "xl/workbook")) {
    const notWorkbook = notXlsx(file, bytes);
    throw new WorkbookFileError(notWorkbook.problem, file, notWorkbook.text);
  }
  const unsupported = UNSUPPORTED.filter(([part]) => bytes.includes(Buffer.from(part))).map(
    ([, what]) => what
  );
  return { file, workbook, bytes, unsupported };
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new WorkbookFileError("missing", file, {
        vi: `Không tìm thấy tệp "${file}".`,
        en: `File "${file}" does not exist.`,
      });
    if (code === "EISDIR")
      throw new WorkbookFileError("not-a-file", file, {
        vi: `"${file}" là thư mục, không phải tệp .xlsx.`,
        en: `"${file}" is a folder, not an .xlsx file.`,
      });
    throw new WorkbookFileError("unreadable", file, unreadableText(file, e));
  }
}

/** Writes the workbook all at once: to a temporary file beside the target, then renamed over it. */
export async function saveWorkbook(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  const buffer = await workbook.xlsx.writeBuffer();
  await writeBytes(file, Buffer.from(buffer as ArrayBuffer));
}

/** No partial file: either the whole new content is at `file`, or the old file is untouched. */
export async function writeBytes(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`
  );
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new WorkbookFileError("unwritable", file, {
      vi: `Không ghi được tệp "${file}" (${reasonOf(e)}). Hãy chọn thư mục khác hoặc đóng tệp nếu đang mở trong Excel.`,
      en: `Cannot write "${file}" (${reasonOf(e)}). Choose another folder, or close the file if Excel has it open.`,
    });
  }
}

/** Never replace a workbook someone already has: they must choose another name or remove it. */
export async function refuseExisting(file: string): Promise<void> {
  const exists = await fs.stat(file).then(
    () => true,
    () => false
  );
  if (exists)
    throw new WorkbookFileError("exists", file, {
      vi: `Tệp "${file}" đã có; không ghi đè. Hãy chọn tên khác hoặc tự xoá tệp cũ.`,
      en: `"${file}" already exists and is not replaced. Choose another name or remove it first.`,
    });
}

import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { Bilingual } from "../../domain";

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

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Compound File Binary: old .xls files, and .xlsx files encrypted with a password. */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** OpenDocument files (LibreOffice .ods) are zips whose first, uncompressed entry holds this type. */
const ODF_MIME = "application/vnd.oasis.opendocument";

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
  const fail = (problem: FileProblem, vi: string, en: string): never => {
    throw new WorkbookFileError(problem, file, { vi, en });
  };
  if (bytes.subarray(0, 8).equals(CFB)) {
    if (bytes.includes(Buffer.from("EncryptionInfo", "utf16le")))
      fail(
        "encrypted",
        `Tệp "${file}" được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại.`,
        `"${file}" is password-protected. Open it in Excel, remove the password (File → Info → Protect Workbook) and save it again.`
      );
    fail(
      "old-xls",
      `Tệp "${file}" là định dạng Excel cũ (.xls). Hãy mở bằng Excel và lưu thành .xlsx.`,
      `"${file}" is an old Excel file (.xls). Open it in Excel and save it as .xlsx.`
    );
  }
  const notXlsx = () =>
    fail(
      "not-xlsx",
      `Tệp "${file}" không phải sổ Excel .xlsx${describe(file, bytes)}.`,
      `"${file}" is not an Excel .xlsx workbook${describe(file, bytes, "en")}.`
    );
  if (!bytes.subarray(0, 4).equals(ZIP) || isOpenDocument(bytes)) notXlsx();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    fail(
      "corrupt",
      `Tệp "${file}" bị hỏng, không đọc được (${reasonOf(e)}). Hãy mở và lưu lại bằng Excel, hoặc xin lại tệp.`,
      `"${file}" is damaged and cannot be read (${reasonOf(e)}). Open and save it again in Excel, or ask for the file again.`
    );
  }
  // A zip that is not a workbook (a Word .docx, say) loads as an empty workbook.
  if (!bytes.includes(Buffer.from("xl/workbook"))) notXlsx();
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
    throw new WorkbookFileError("unreadable", file, {
      vi: `Không đọc được tệp "${file}" (${reasonOf(e)}).`,
      en: `Cannot read "${file}" (${reasonOf(e)}).`,
    });
  }
}

function describe(file: string, bytes: Buffer, lang: "vi" | "en" = "vi"): string {
  const ext = path.extname(file).toLowerCase();
  if (isOpenDocument(bytes) || ext === ".ods")
    return lang === "vi"
      ? " (đây là tệp OpenDocument/LibreOffice; hãy lưu thành .xlsx)"
      : " (it is an OpenDocument/LibreOffice file; save it as .xlsx)";
  if (ext === ".csv") return lang === "vi" ? " (đây là tệp CSV)" : " (it is a CSV file)";
  return "";
}

function isOpenDocument(bytes: Buffer): boolean {
  return bytes.subarray(0, 120).includes(Buffer.from(ODF_MIME));
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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

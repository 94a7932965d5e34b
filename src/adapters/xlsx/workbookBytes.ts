import { Bilingual } from "../../domain";

/**
 * What a file's bytes say about it before ExcelJS unzips them, and the words for a file that cannot be
 * read. Pure (no Node, no DOM): the command line (workbookFile.ts) and the pane's "Hồ sơ huyện"
 * (src/app/districtFiles.ts) tell the same problems apart with the same messages.
 */
export type SignatureProblem = "not-xlsx" | "old-xls" | "encrypted";

export interface BytesProblem {
  readonly problem: SignatureProblem;
  readonly text: Bilingual;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Compound File Binary: old .xls files, and .xlsx files encrypted with a password. */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** An encrypted .xlsx is a compound file holding a stream of this name (UTF-16LE). */
const ENCRYPTION_INFO = [..."EncryptionInfo"].flatMap((c) => [c.charCodeAt(0), 0]);
/** OpenDocument files (LibreOffice .ods) are zips whose first, uncompressed entry holds this type. */
const ODF_MIME = ascii("application/vnd.oasis.opendocument");

/**
 * An old .xls, a password-protected workbook, or a file that is no zip (or an OpenDocument zip); undefined
 * when the bytes may be an .xlsx workbook (whether ExcelJS can read it is the caller's to find out).
 */
export function signatureProblem(file: string, bytes: Uint8Array): BytesProblem | undefined {
  if (startsWith(bytes, CFB)) {
    if (includes(bytes, ENCRYPTION_INFO))
      return {
        problem: "encrypted",
        text: {
          vi: `Tệp "${file}" được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại.`,
          en: `"${file}" is password-protected. Open it in Excel, remove the password (File → Info → Protect Workbook) and save it again.`,
        },
      };
    return {
      problem: "old-xls",
      text: {
        vi: `Tệp "${file}" là định dạng Excel cũ (.xls). Hãy mở bằng Excel và lưu thành .xlsx.`,
        en: `"${file}" is an old Excel file (.xls). Open it in Excel and save it as .xlsx.`,
      },
    };
  }
  if (!startsWith(bytes, ZIP) || isOpenDocument(bytes)) return notXlsx(file, bytes);
  return undefined;
}

/** The file is not an .xlsx workbook; an OpenDocument or CSV file is named as such. */
export function notXlsx(file: string, bytes: Uint8Array): BytesProblem {
  const ext = extension(file);
  const [vi, en] =
    isOpenDocument(bytes) || ext === ".ods"
      ? [
          " (đây là tệp OpenDocument/LibreOffice; hãy lưu thành .xlsx)",
          " (it is an OpenDocument/LibreOffice file; save it as .xlsx)",
        ]
      : ext === ".csv"
        ? [" (đây là tệp CSV)", " (it is a CSV file)"]
        : ["", ""];
  return {
    problem: "not-xlsx",
    text: {
      vi: `Tệp "${file}" không phải sổ Excel .xlsx${vi}.`,
      en: `"${file}" is not an Excel .xlsx workbook${en}.`,
    },
  };
}

/** Whether the bytes hold this ASCII text: zip entry names are stored uncompressed ("xl/workbook"). */
export function holdsText(bytes: Uint8Array, text: string): boolean {
  return includes(bytes, ascii(text));
}

/** The file's bytes could not be read at all. */
export function unreadableText(file: string, e: unknown): Bilingual {
  return {
    vi: `Không đọc được tệp "${file}" (${reasonOf(e)}).`,
    en: `Cannot read "${file}" (${reasonOf(e)}).`,
  };
}

/** ExcelJS could not load the zip. */
export function damagedText(file: string, e: unknown): Bilingual {
  return {
    vi: `Tệp "${file}" bị hỏng, không đọc được (${reasonOf(e)}). Hãy mở và lưu lại bằng Excel, hoặc xin lại tệp.`,
    en: `"${file}" is damaged and cannot be read (${reasonOf(e)}). Open and save it again in Excel, or ask for the file again.`,
  };
}

export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isOpenDocument(bytes: Uint8Array): boolean {
  return includes(bytes.subarray(0, 120), ODF_MIME);
}

/** ".csv" for "huyen/bao-cao.CSV", "" without one (as path.extname, on either kind of slash). */
function extension(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function includes(bytes: Uint8Array, needle: readonly number[]): boolean {
  const first = needle[0];
  outer: for (
    let i = bytes.indexOf(first);
    i >= 0 && i <= bytes.length - needle.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

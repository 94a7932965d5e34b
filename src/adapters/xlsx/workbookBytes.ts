import { Bilingual, formatNumber } from "../../domain";
import { ascii, includes, startsWith } from "./byteSearch";

/**
 * What a file's bytes say about it before ExcelJS unzips them, and the words for a file that cannot be
 * read. Pure (no Node, no DOM): the command line (workbookFile.ts) and the pane's "Hồ sơ huyện"
 * (src/app/districtFiles.ts) tell the same problems apart with the same messages.
 */
export type SignatureProblem = "not-xlsx" | "old-xls" | "encrypted" | "xlsb";

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
  // Excel's binary workbook (.xlsb) is a zip too, whose workbook part is xl/workbook.bin (part names
  // are stored uncompressed); ExcelJS would read it as a workbook without sheets.
  if (includes(bytes, XLSB_PART) && !includes(bytes, XLSX_PART))
    return { problem: "xlsb", text: xlsbText(file) };
  return undefined;
}

const XLSB_PART = ascii("xl/workbook.bin");
const XLSX_PART = ascii("xl/workbook.xml");

/** Excel's binary workbook: refused by name, with the way out. */
export function xlsbText(file: string): Bilingual {
  return {
    vi: `Tệp "${file}" là sổ Excel nhị phân (.xlsb), không đọc được. Hãy mở bằng Excel và lưu lại thành .xlsx (Tệp → Lưu thành → Sổ làm việc Excel).`,
    en: `"${file}" is an Excel binary workbook (.xlsb), which cannot be read. Open it in Excel and save it as .xlsx (File → Save As → Excel Workbook).`,
  };
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

/**
 * How much a workbook may unpack to. ExcelJS keeps every cell of a sheet as objects: a sheet's XML of
 * 70 MB (2 million styled cells) already takes 1.7 GB to read and 3.3 GB to write back, and Node's heap
 * is 2–4 GB on an office computer. A 10,000-row annex is about 5 MB of XML. So a part of the zip may
 * unpack to at most 200 MB, and all of them together to 400 MB (what we can unpack and look at
 * without risk); after empty rows at the end of a sheet are trimmed (a used range to row 1,048,576),
 * the XML handed to ExcelJS is at most 50 MB a sheet (10× the largest real annex, about 1.5 GB to read)
 * and 100 MB for all sheets — counting only the sheets the command reads: `check --sheet` reads one,
 * and `check` and `merge` leave a sheet over the budget unread (named, with why) and check the others.
 */
export const ZIP_BUDGET = {
  part: 200 * 1024 * 1024,
  total: 400 * 1024 * 1024,
  sheet: 50 * 1024 * 1024,
  /** All sheets together, as ExcelJS gets them: a workbook of eight 50 MB sheets is as bad as one. */
  sheets: 100 * 1024 * 1024,
  /** ExcelJS makes an object per cell a data validation or a merge covers: a rule on D:L is 9.4 million. */
  coveredCells: 1_000_000,
} as const;

/** One entry of a zip's central directory: what it claims to hold and where its data is. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** As declared; a hostile zip may lie (the reader must bound what it inflates). */
  readonly size: number;
  /** Where the compressed data starts in the file. */
  readonly dataOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** A size field of 0xFFFFFFFF means "see the ZIP64 record": 4 GB or more, far beyond any budget. */
const ZIP64_SIZE = 0xffffffff;

/**
 * The entries a zip's central directory lists, read without unpacking anything; undefined when there
 * is no readable directory (a damaged file: ExcelJS will say so). Pure: no zlib, no Node.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record is in the last 22 + 65,535 bytes (after a comment of up to 64 KB).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return undefined;
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER) return undefined;
    const dataOffset =
      local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({
      name,
      method,
      compressedSize,
      size: size === ZIP64_SIZE ? Infinity : size,
      dataOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A workbook that unpacks to more than can be read safely. */
export interface SizeProblem {
  readonly problem: "too-large";
  readonly text: Bilingual;
}

/** A zip whose directory declares more than the budget: refused before anything is unpacked. */
export function declaredSizeProblem(
  file: string,
  entries: readonly ZipEntry[],
  budget: { readonly part: number; readonly total: number } = ZIP_BUDGET
): SizeProblem | undefined {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > budget.part) return tooLarge(file, e.name, e.size);
  }
  return total > budget.total ? tooLarge(file, undefined, total) : undefined;
}

/**
 * "Tệp quá lớn": the file (or one of its parts) unpacks to more than can be read safely: `size` bytes,
 * or more than that when `atLeast` (a zip that stopped being unpacked at the budget; Infinity: 4 GB).
 */
export function tooLarge(
  file: string,
  part: string | undefined,
  size: number,
  atLeast = false
): SizeProblem {
  const more = atLeast || !Number.isFinite(size);
  const mb = Number.isFinite(size) ? Math.round(size / 1024 / 1024) : 4096;
  const amount = `${formatNumber(mb, "vi-VN", 0)} MB`;
  const vi = `${part ? `phần ${part} ` : ""}giải nén ra ${more ? "hơn " : ""}${amount}`;
  const en = `${part ? `its part ${part} ` : ""}unpacks to ${more ? "more than " : ""}${amount}`;
  return {
    problem: "too-large",
    text: {
      vi: `Tệp quá lớn: "${file}" (${vi}), vượt giới hạn đọc an toàn. Hãy mở bằng Excel, xoá các dòng, cột trống thừa ở cuối trang tính rồi lưu lại; nếu tệp từ nguồn không rõ, đừng mở.`,
      en: `File too large: "${file}" (${en}), more than can be read safely. Open it in Excel, delete the unused rows and columns at the end of the sheet and save it again; if it comes from an unknown source, do not open it.`,
    },
  };
}

/** Whether the bytes hold this ASCII text: zip entry names are stored uncompressed ("xl/workbook"). */
export function holdsText(bytes: Uint8Array, text: string): boolean {
  return includes(bytes, ascii(text));
}

/** A workbook none of whose sheets can be read: never reported as clean. */
export function noReadableSheetText(file: string): Bilingual {
  return {
    vi: `Tệp "${file}" không có trang tính nào đọc được (sổ không có trang tính bảng, chỉ có biểu đồ hoặc trang hộp thoại, hoặc phần trang tính bị thiếu); không có gì được kiểm tra. Hãy mở bằng Excel, kiểm tra các trang tính rồi lưu lại thành .xlsx.`,
    en: `"${file}" has no sheet that can be read (no worksheet, only chart or dialog sheets, or the sheets' parts are missing); nothing was checked. Open it in Excel, check its sheets and save it again as .xlsx.`,
  };
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

import { Bilingual, formatNumber } from "../../domain";

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

const SHEET_DATA = ascii("<sheetData>");
const SHEET_DATA_END = ascii("</sheetData>");
const ROW_END = ascii("</row>");

/**
 * A worksheet's XML without the empty rows after its last cell that holds something, when they take
 * at least `minimum` bytes (a used range reaching row 1,048,576 with styled empty cells: ExcelJS would
 * make an object for each of them, read and written back). Undefined when there is nothing worth
 * trimming, so ordinary sheets go to ExcelJS exactly as they are. Pure.
 */
export function trimTrailingEmptyRows(
  xml: Uint8Array,
  minimum = 1024 * 1024
): Uint8Array | undefined {
  const start = indexOfBytes(xml, SHEET_DATA, 0);
  const end = lastIndexOfBytes(xml, SHEET_DATA_END, xml.length);
  if (start < 0 || end < start) return undefined;
  let keep = start + SHEET_DATA.length;
  const content = lastCellContent(xml, end, keep);
  if (content >= 0) {
    const rowEnd = indexOfBytes(xml, ROW_END, content);
    if (rowEnd < 0 || rowEnd > end) return undefined;
    keep = rowEnd + ROW_END.length;
  }
  if (end <= keep || end - keep < minimum) return undefined;
  const out = new Uint8Array(xml.length - (end - keep));
  out.set(xml.subarray(0, keep));
  out.set(xml.subarray(end), keep);
  return out;
}

const ROW_START = ascii('<row r="');
const LAST_ROW = 1_048_576;

/**
 * Parts of a worksheet's XML whose ranges ExcelJS turns into an object per cell they cover: data
 * validations (a rule given to whole columns D:L is 9.4 million cells; a check ran for minutes) and
 * merged cells (N1:P1048576 took 8 s and 1.7 GB).
 */
const COVERING = [
  {
    open: ascii("<dataValidations"),
    close: ascii("</dataValidations>"),
    attribute: /\bsqref="([^"]*)"/g,
    needle: ascii('sqref="'),
    name: "sqref",
    what: { vi: "quy tắc kiểm tra dữ liệu", en: "data validation rules" },
    fix: {
      vi: "thu hẹp vùng của quy tắc (Dữ liệu → Xác thực dữ liệu) về đúng các ô nhập liệu",
      en: "narrow the rules (Data → Data Validation) to the input cells",
    },
  },
  {
    open: ascii("<mergeCells"),
    close: ascii("</mergeCells>"),
    attribute: /\bref="([^"]*)"/g,
    needle: ascii('ref="'),
    name: "ref",
    what: { vi: "vùng ô gộp", en: "merged cells" },
    fix: { vi: "bỏ gộp các vùng ô quá lớn", en: "unmerge the oversized areas" },
  },
] as const;

type Covering = (typeof COVERING)[number];

/**
 * A worksheet's XML with its data validations and merged areas cut at the sheet's last row holding a
 * value, when together they cover more than `maxCells` cells. Undefined when they cover less, so
 * ordinary sheets go to ExcelJS exactly as they are. Pure.
 */
export function clipCoveredRanges(
  xml: Uint8Array,
  maxCells: number = ZIP_BUDGET.coveredCells
): Uint8Array | undefined {
  let out = xml;
  for (const kind of COVERING) {
    const found = sectionAt(out, kind);
    if (!found || areaIn(out, found, kind) <= maxCells) continue;
    const lastRow = lastValueRow(out);
    const text = new TextDecoder().decode(out.subarray(found.start, found.end));
    const clipped = text.replace(
      kind.attribute,
      (_, list: string) =>
        `${kind.name}="${list
          .trim()
          .split(/\s+/)
          .map((ref) => clipRange(ref, lastRow))
          .join(" ")}"`
    );
    const bytes = new TextEncoder().encode(clipped);
    const next = new Uint8Array(found.start + bytes.length + (out.length - found.end));
    next.set(out.subarray(0, found.start));
    next.set(bytes, found.start);
    next.set(out.subarray(found.end), found.start + bytes.length);
    out = next;
  }
  return out === xml ? undefined : out;
}

/** The most cells the data validations or the merged areas of a worksheet's XML cover, and which. */
export function coveredCells(xml: Uint8Array): { cells: number; kind: Covering } {
  let most = { cells: 0, kind: COVERING[0] as Covering };
  for (const kind of COVERING) {
    const found = sectionAt(xml, kind);
    const cells = found ? areaIn(xml, found, kind) : 0;
    if (cells > most.cells) most = { cells, kind };
  }
  return most;
}

/** Where the section of that kind starts and ends in the bytes (its text is not decoded here). */
function sectionAt(xml: Uint8Array, kind: Covering): { start: number; end: number } | undefined {
  const start = indexOfBytes(xml, kind.open, 0);
  const endTag = start < 0 ? -1 : indexOfBytes(xml, kind.close, start);
  if (endTag < 0) return undefined;
  return { start, end: endTag + kind.close.length };
}

/** The row number of the last cell that holds something (empty styled rows after it do not count). */
function lastValueRow(xml: Uint8Array): number {
  const dataEnd = lastIndexOfBytes(xml, SHEET_DATA_END, xml.length);
  const content = dataEnd < 0 ? -1 : lastCellContent(xml, dataEnd, 0);
  const rowAt = content < 0 ? -1 : lastIndexOfBytes(xml, ROW_START, content);
  if (rowAt < 0) return 1;
  return parseInt(new TextDecoder().decode(xml.subarray(rowAt + 8, rowAt + 16)), 10) || 1;
}

/**
 * The cells the ranges of a section cover: the values of its `sqref="…"` (or `ref="…"`) attributes, as
 * kind.attribute finds them in the text, read from the bytes. A validation's prompts and messages
 * (Vietnamese text, most of the section's bytes) are never decoded: only the attributes are.
 */
function areaIn(xml: Uint8Array, at: { start: number; end: number }, kind: Covering): number {
  // budgetedParts asks clipCoveredRanges, then coveredCells, about the same bytes: counted once.
  let known = areas.get(xml);
  if (!known) areas.set(xml, (known = new Map()));
  const seen = known.get(kind);
  if (seen !== undefined) return seen;
  const cells = countArea(xml, at, kind);
  known.set(kind, cells);
  return cells;
}

/** The cells covered, per part's bytes (never changed once unpacked) and kind of section. */
const areas = new WeakMap<Uint8Array, Map<Covering, number>>();

function countArea(xml: Uint8Array, at: { start: number; end: number }, kind: Covering): number {
  const needle = kind.needle;
  let n = 0;
  for (let i = indexOfBytes(xml, needle, at.start); i >= 0; i = indexOfBytes(xml, needle, i + 1)) {
    const from = i + needle.length;
    if (from > at.end) break;
    // \b before the name: the byte before it is no word character (UTF-8 bytes of other letters are not)
    if (isWordByte(xml[i - 1])) continue;
    const close = xml.indexOf(QUOTE, from);
    if (close < 0 || close >= at.end) break;
    for (const ref of asciiText(xml, from, close).trim().split(/\s+/)) {
      const r = rangeOf(ref);
      n += r ? (r.bottom - r.top + 1) * (r.rightCol - r.leftCol + 1) : 0;
    }
    i = close;
  }
  return n;
}

const QUOTE = 0x22;

function isWordByte(b: number | undefined): boolean {
  return (
    b !== undefined &&
    ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f)
  );
}

/** The bytes as text: one character a byte when they are ASCII (range lists are), else decoded. */
function asciiText(bytes: Uint8Array, from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++) {
    if (bytes[i] >= 0x80)
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(from, to));
    out += String.fromCharCode(bytes[i]);
  }
  return out;
}

/** A sheet whose validations or merged areas cover more cells than can be read safely. */
export function tooManyCovered(
  file: string,
  part: string,
  covered: { cells: number; kind: Covering }
): SizeProblem {
  const { cells, kind } = covered;
  return {
    problem: "too-large",
    text: {
      vi: `Tệp quá lớn: "${file}" (phần ${part} có ${kind.what.vi} phủ ${formatNumber(cells, "vi-VN", 0)} ô), vượt giới hạn đọc an toàn. Hãy mở bằng Excel, ${kind.fix.vi} rồi lưu lại.`,
      en: `File too large: "${file}" (its part ${part} has ${kind.what.en} covering ${formatNumber(cells, "en-US", 0)} cells), more than can be read safely. Open it in Excel, ${kind.fix.en} and save it again.`,
    },
  };
}

interface Range {
  readonly left: string;
  readonly top: number;
  readonly right: string;
  readonly bottom: number;
  readonly leftCol: number;
  readonly rightCol: number;
}

/** "D11:L20", "D5", "D:D" (a whole column) as letters and 1-based rows; undefined if not a range. */
function rangeOf(ref: string): Range | undefined {
  const m = /^\$?([A-Z]{0,3})\$?(\d*)(?::\$?([A-Z]{0,3})\$?(\d*))?$/i.exec(ref);
  if (!m || (!m[1] && !m[2])) return undefined;
  const [left, top] = [m[1].toUpperCase(), m[2] ? Number(m[2]) : 1];
  const right = m[3] !== undefined ? m[3].toUpperCase() : left;
  const bottom = m[4] ? Number(m[4]) : m[3] !== undefined || !m[2] ? LAST_ROW : top;
  const leftCol = left ? columnNumber(left) : 1;
  const rightCol = right ? columnNumber(right) : 16_384;
  return { left, top, right, bottom, leftCol, rightCol };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The range cut at `lastRow` (at least its first row); whole rows and odd references are kept. */
function clipRange(ref: string, lastRow: number): string {
  const r = rangeOf(ref);
  if (!r || !r.left || !r.right || r.bottom <= lastRow) return ref;
  return `${r.left}${r.top}:${r.right}${Math.max(r.top, lastRow)}`;
}

function indexOfBytes(bytes: Uint8Array, needle: readonly number[], from: number): number {
  // The search jumps between occurrences of the needle's least common byte in sheet XML ("V" of
  // "<dataValidations", not its "<", which starts every tag): far fewer stops on a large sheet.
  const k = anchorOf(needle);
  const b = needle[k];
  for (let i = bytes.indexOf(b, from + k); i >= 0; i = bytes.indexOf(b, i + 1))
    if (matchesAt(bytes, needle, i - k)) return i - k;
  return -1;
}

/** Bytes of worksheet XML from the most to the least frequent (measured on annexes); others are rarer. */
const COMMON_BYTES = ascii(' "tor=<>asec/1ip2n0l3g4h5u6m7f8d9DvVSwCABTEFGHIJKLMNOPQRUWXYZxyqbkjz');

function anchorOf(needle: readonly number[]): number {
  let best = 0;
  let rank = -1;
  for (let k = 0; k < needle.length; k++) {
    const r = COMMON_BYTES.indexOf(needle[k]);
    const rarity = r < 0 ? COMMON_BYTES.length : r;
    if (rarity > rank) {
      rank = rarity;
      best = k;
    }
  }
  return best;
}

function lastIndexOfBytes(bytes: Uint8Array, needle: readonly number[], before: number): number {
  for (
    let i = bytes.lastIndexOf(needle[0], before - 1);
    i >= 0;
    i = bytes.lastIndexOf(needle[0], i - 1)
  ) {
    if (matchesAt(bytes, needle, i)) return i;
    if (i === 0) break;
  }
  return -1;
}

const LT = 0x3c;
const [V, F, I, S, GT, SPACE, SLASH] = ascii("vfis> /");

/**
 * Where the last thing only a cell holding something has starts, before `before` and not before
 * `floor`: a value <v>, a formula <f …>, inline text <is>. A plain loop over the bytes, far quicker
 * than a search call per "<" over tens of megabytes of empty cells.
 */
function lastCellContent(bytes: Uint8Array, before: number, floor: number): number {
  for (let i = Math.min(before, bytes.length - 3) - 1; i >= floor; i--) {
    if (bytes[i] !== LT) continue;
    const c = bytes[i + 1];
    const d = bytes[i + 2];
    if ((c === V || c === F) && (d === GT || d === SPACE || d === SLASH)) return i;
    if (c === I && d === S && bytes[i + 3] === GT) return i;
  }
  return -1;
}

function matchesAt(bytes: Uint8Array, needle: readonly number[], at: number): boolean {
  if (at + needle.length > bytes.length) return false;
  for (let j = 0; j < needle.length; j++) if (bytes[at + j] !== needle[j]) return false;
  return true;
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

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return matchesAt(bytes, prefix, 0);
}

function includes(bytes: Uint8Array, needle: readonly number[]): boolean {
  return indexOfBytes(bytes, needle, 0) >= 0;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

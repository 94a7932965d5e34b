import { formatNumber } from "../../domain";
import { ascii, indexOfBytes, lastIndexOfBytes } from "./byteSearch";
import { SizeProblem, ZIP_BUDGET } from "./workbookBytes";

/**
 * A worksheet's XML looked at as bytes, before ExcelJS parses it (budgetedParts.ts): its empty rows
 * running on to row 1,048,576 trimmed, the areas its data validations and merged cells cover counted
 * and clipped to the rows in use, never decoding the sheet into a string.
 */

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

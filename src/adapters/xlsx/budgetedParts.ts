import { inflateRawSync } from "zlib";
import { Bilingual, formatNumber } from "../../domain";
import { trimTrailingEmptyCells } from "./emptyCells";
import { METADATA_SHEET } from "./metadata";
import { workbookPackage } from "./packageParts";
import { storedZip } from "./storedZip";
import {
  damagedText,
  declaredSizeProblem,
  tooLarge,
  xlsbText,
  ZIP_BUDGET,
  zipEntries,
} from "./workbookBytes";
import {
  clipCoveredRanges,
  coveredCells,
  tooManyCovered,
  trimTrailingEmptyRows,
} from "./sheetXmlBytes";

/** A sheet left unread because it is too large, named with why (the others are still read). */
export interface UnreadSheet {
  readonly sheet: string;
  readonly text: Bilingual;
}

export interface BudgetOptions {
  /** The one sheet the command reads (--sheet): the others are not budgeted, nor read at all. */
  readonly sheet?: string;
  /**
   * The workbook is only read, never saved (check, merge): a sheet over the budget may be left unread
   * (and named) while the others are checked. A workbook that will be saved must read every sheet.
   */
  readonly readOnly: boolean;
  /**
   * Unpacks a deflated part (Node's zlib by default; the pane's worker passes the browser's own,
   * browserInflate.ts). Returns OVER_LIMIT past `limit` bytes of output; throws on damaged data.
   */
  readonly inflateRaw?: InflateRaw;
}

/** What an InflateRaw returns when a part unpacks to more than its limit. */
export const OVER_LIMIT = "over-limit";
export type InflateRaw = (
  data: Uint8Array,
  limit: number
) => Uint8Array | typeof OVER_LIMIT | Promise<Uint8Array | typeof OVER_LIMIT>;

/** Node's zlib, stopping one byte past the limit. */
function nodeInflateRaw(data: Uint8Array, limit: number): Uint8Array | typeof OVER_LIMIT {
  try {
    return inflateRawSync(data, { maxOutputLength: limit + 1 });
  } catch (e) {
    // zlib stops at maxOutputLength (its error may come from another realm: test by code).
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return OVER_LIMIT;
    throw e;
  }
}

export type BudgetedParts =
  | { readonly bytes: Uint8Array; readonly unread: readonly UnreadSheet[] }
  | { readonly problem: "too-large" | "corrupt" | "xlsb"; readonly text: Bilingual };

let unreadSheet: Uint8Array | undefined;
/**
 * What ExcelJS gets in place of a sheet it does not read: the sheet, without its cells (made on first
 * use: jsdom, where the pane's tests run, has no TextEncoder when the module loads).
 */
function unreadSheetBytes(): Uint8Array {
  return (unreadSheet ??= new TextEncoder().encode(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
  ));
}

/**
 * The zip as ExcelJS may load it, or why it may not. First the sizes the zip declares (refused before
 * anything is unpacked), then every part is unpacked here with a hard limit on its output (a zip that
 * lies about its sizes stops at the limit instead of filling the memory). The package's relationships
 * say which part is the workbook and which are its sheets, wherever they sit (renamed to the usual
 * names when ExcelJS would not find them). Each sheet the command reads is trimmed (empty rows running
 * on to row 1,048,576, empty cells to column XFD, validations and merges given to whole columns) and
 * must then fit the budget of a sheet; a sheet the command does not read is handed over empty. The
 * parts are handed over zipped again, stored (storedZip), so ExcelJS does not inflate them twice.
 */
export async function budgetedParts(
  file: string,
  bytes: Uint8Array,
  options: BudgetOptions,
  budget = ZIP_BUDGET
): Promise<BudgetedParts> {
  const entries = zipEntries(bytes);
  if (!entries) return { bytes, unread: [] }; // no readable directory: ExcelJS says the file is damaged
  const declared = declaredSizeProblem(file, entries, budget);
  if (declared) return declared;
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    const limit = Math.min(budget.part, budget.total - total);
    // Past the limit: the part is too large, or (when less than a part's budget was left) the file.
    const overLimit = () =>
      limit < budget.part
        ? tooLarge(file, undefined, budget.total, true)
        : tooLarge(file, entry.name, limit, true);
    let unpacked: Uint8Array | typeof OVER_LIMIT;
    if (entry.method === 0) unpacked = data;
    else if (entry.method === 8)
      try {
        unpacked = await (options.inflateRaw ?? nodeInflateRaw)(data, limit);
      } catch (e) {
        return { problem: "corrupt", text: damagedText(file, e) };
      }
    else return { bytes, unread: [] }; // a compression ExcelJS may know better
    if (unpacked === OVER_LIMIT || unpacked.length > limit) return overLimit();
    total += unpacked.length;
    parts.set(entry.name, unpacked);
  }

  const pkg = workbookPackage([...parts.keys()], (name) => parts.get(name));
  if (!pkg) return { bytes, unread: [] }; // no workbook part: the caller says it is not an .xlsx
  if (pkg.format === "xlsb") return { problem: "xlsb", text: xlsbText(file) };
  const renamed = new Map<string, Uint8Array>();
  for (const [name, data] of parts) renamed.set(pkg.renames.get(name) ?? name, data);
  for (const [name, data] of pkg.rewritten) renamed.set(name, data);

  // ExcelJS parses every part named like a sheet, whether the workbook lists it or not: one it does
  // not list is no sheet of the workbook (Excel ignores it), so it is handed over empty.
  const listed = new Set(pkg.sheets.map((s) => s.part));
  for (const name of renamed.keys())
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name) && !listed.has(name)) {
      renamed.set(name, unreadSheetBytes());
    }

  const unread: UnreadSheet[] = [];
  const refusals: Bilingual[] = [];
  let sheets = 0;
  const asked = options.sheet?.normalize("NFC");
  for (const sheet of pkg.sheets) {
    const xml = renamed.get(sheet.part);
    if (!xml) continue;
    if (asked !== undefined && options.readOnly && sheet.name.normalize("NFC") !== asked) {
      renamed.set(sheet.part, unreadSheetBytes()); // not read by this command: not unpacked into cells
      continue;
    }
    let kept = xml;
    for (const cut of [trimTrailingEmptyRows, trimTrailingEmptyCells]) {
      const next = cut(kept);
      if (next) kept = next;
    }
    // Validations and merges are looked at only in a sheet that fits (they matter to ExcelJS only).
    const fits = kept.length <= budget.sheet && sheets + kept.length <= budget.sheets;
    if (fits) kept = clipCoveredRanges(kept) ?? kept;
    if (kept !== xml) {
      renamed.set(sheet.part, kept);
    }
    const covered = coveredCells(fits ? kept : new Uint8Array(0));
    const why: Over | undefined =
      kept.length > budget.sheet
        ? "size"
        : sheets + kept.length > budget.sheets
          ? "sheets"
          : covered.cells > budget.coveredCells
            ? "covered"
            : undefined;
    if (!why) {
      sheets += kept.length;
      continue;
    }
    const refusal =
      why === "size"
        ? tooLarge(file, sheet.part, kept.length)
        : why === "sheets"
          ? tooLarge(file, undefined, sheets + kept.length, true)
          : tooManyCovered(file, sheet.part, covered);
    // A sheet the command must read (the one asked for, or every sheet of a workbook to be saved).
    if (!options.readOnly || asked !== undefined) return refusal;
    if (sheet.name !== METADATA_SHEET) refusals.push(refusal.text);
    unread.push({ sheet: sheet.name, text: unreadText(sheet.name, sheet.part, kept.length, why) });
    renamed.set(sheet.part, unreadSheetBytes());
  }
  // No sheet of the person's left to read (our _annex sheet does not count): the file is refused,
  // in the words of its (first) sheet's refusal, never checked as a workbook without annexes.
  const people = pkg.sheets.filter((s) => s.name !== METADATA_SHEET);
  if (people.length && people.every((s) => unread.some((u) => u.sheet === s.name)))
    return {
      problem: "too-large",
      text:
        refusals.length === 1
          ? (refusals[0] as Bilingual)
          : {
              vi: `Tệp quá lớn: "${file}", không trang tính nào đọc được an toàn. ${unread.map((u) => u.text.vi).join(" ")}`,
              en: `File too large: "${file}", no sheet can be read safely. ${unread.map((u) => u.text.en).join(" ")}`,
            },
    };
  // Every part goes to ExcelJS stored, as unpacked here (trimmed or not): JSZip need not inflate
  // them again.
  return { bytes: storedZip(renamed), unread };
}

type Over = "size" | "sheets" | "covered";

/** Why a sheet was left unread (the others are checked). */
function unreadText(sheet: string, part: string, size: number, why: Over): Bilingual {
  const mb = (n: number, locale: "vi-VN" | "en-US") =>
    `${formatNumber(Math.round(n / 1024 / 1024), locale, 0)} MB`;
  const limit = (locale: "vi-VN" | "en-US") => mb(ZIP_BUDGET.sheet, locale);
  if (why === "covered")
    return {
      vi: `Trang tính "${sheet}" không được đọc: quy tắc kiểm tra dữ liệu hoặc vùng ô gộp phủ quá nhiều ô (phần ${part}).`,
      en: `Sheet "${sheet}" was not read: its data validations or merged cells cover too many cells (part ${part}).`,
    };
  if (why === "sheets")
    return {
      vi: `Trang tính "${sheet}" không được đọc: cùng các trang tính trước nó vượt ${mb(ZIP_BUDGET.sheets, "vi-VN")} đọc được một lần (phần ${part}, ${mb(size, "vi-VN")}).`,
      en: `Sheet "${sheet}" was not read: with the sheets before it, more than the ${mb(ZIP_BUDGET.sheets, "en-US")} read at once (part ${part}, ${mb(size, "en-US")}).`,
    };
  return {
    vi: `Trang tính "${sheet}" không được đọc: quá lớn (phần ${part}, ${mb(size, "vi-VN")} sau khi bỏ dòng, cột trống; mỗi trang tính đọc tối đa ${limit("vi-VN")}).`,
    en: `Sheet "${sheet}" was not read: too large (part ${part}, ${mb(size, "en-US")} once empty rows and columns are dropped; at most ${limit("en-US")} a sheet is read).`,
  };
}

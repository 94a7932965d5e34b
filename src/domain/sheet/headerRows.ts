import { fold } from "../text/fold";
import { SheetSnapshot, valueText } from "./snapshot";

/**
 * Whether the row right under a header row is already data (a one-row header, as many sheets made by
 * hand have) rather than the header's second row: it holds a figure (a number that is not a year), or
 * its first cell is a row code ("I", "1", "1.2", "a"). A second header row holds words ("ƯTH/KH") and
 * years; its STT cell is empty or merged from above. Used by locate and by the learner alike, so both
 * start the data at the same row.
 */
export function looksLikeDataRow(sheet: SheetSnapshot, row: number): boolean {
  const cells = sheet.values[row];
  if (!cells) return false;
  const first = cells.findIndex((v) => valueText(v).trim() !== "");
  if (first < 0) return false;
  if (/^(?:[IVXivx]+|\d+(?:\.\d+)*|[a-zđ])[.)]?$/.test(valueText(cells[first]).trim())) return true;
  return cells.some(
    (v) => typeof v === "number" && !(Number.isInteger(v) && v >= 1900 && v <= 2100)
  );
}

/**
 * Where a header that starts at row r (the one naming STT and Chỉ tiêu) ends: the numbering row ("A",
 * "B", …) within three rows closes it; without one, the header is two rows, unless the row under it
 * is already data. The built-in forms' locator and the learner of hand-made sheets read it alike.
 */
export function headerExtent(
  sheet: SheetSnapshot,
  r: number,
  height: number
): { numberingRow: number | undefined; lastHeaderRow: number; dataStartRow: number } {
  let numberingRow: number | undefined;
  for (let k = r + 1; k <= r + 3 && k < height; k++) {
    const cells = (sheet.values[k] ?? []).map((v) => fold(valueText(v)));
    if (cells.includes("a") && cells.includes("b")) {
      numberingRow = k;
      break;
    }
  }
  const lastHeaderRow =
    numberingRow !== undefined
      ? numberingRow - 1
      : looksLikeDataRow(sheet, r + 1)
        ? r
        : Math.min(r + 1, height - 1);
  return { numberingRow, lastHeaderRow, dataStartRow: (numberingRow ?? lastHeaderRow) + 1 };
}

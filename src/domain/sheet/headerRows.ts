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

import { cellPieces } from "../sheet/cellPieces";
import { tableColumn } from "../sheet/metadataTables";

/**
 * The targets file a workbook was checked against (--targets; in the pane, chosen once for the
 * workbook), kept in the workbook so it travels with it: a third table in the very hidden metadata
 * sheet "_annex", from column AA (clear of the metadata records, the explanations and the merge's record),
 * headed "targetsFile", with the file's JSON text below in pieces of at most 30,000 characters (a
 * cell holds 32,767). The ExcelJS adapter and the Office.js host read and write it through these
 * functions, as they do the other two tables.
 */
export const TARGETS_HEADER = "targetsFile";
/** The 0-based column the table goes in when the metadata sheet has none yet: AA, clear of the other tables (test/domain/metadataTables.test.ts). */
export const TARGETS_COLUMN = 26;

/** Where the table is in a metadata sheet's values (row 0 = its first row): its column, or undefined. */
export function targetsColumn(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined
): number | undefined {
  return tableColumn(values, TARGETS_HEADER);
}

/** The targets file's text kept in the metadata sheet, or undefined when there is none. */
export function parseTargetsRecord(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined
): string | undefined {
  const col = targetsColumn(values);
  if (!values || col === undefined) return undefined;
  let text = "";
  for (let r = 1; r < values.length; r++) {
    const piece = values[r]?.[col];
    if (typeof piece !== "string" || piece === "") break;
    text += piece;
  }
  return text || undefined;
}

/**
 * The cells to write for `text` (undefined: the table removed): the column, the rows from row 0 (one
 * cell each) and how many rows below them to clear (the pieces the old text had beyond the new).
 */
export function targetsTable(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined,
  text: string | undefined
): { column: number; rows: string[][]; clear: number } {
  const found = targetsColumn(values);
  const column = found ?? TARGETS_COLUMN;
  let before = 0;
  if (found !== undefined && values) {
    before = 1;
    while (
      before < values.length &&
      typeof values[before]?.[found] === "string" &&
      values[before]?.[found] !== ""
    )
      before++;
  }
  const rows: string[][] = [];
  if (text) {
    rows.push([TARGETS_HEADER]);
    for (const piece of cellPieces(text)) rows.push([piece]);
  }
  return { column, rows, clear: Math.max(0, before - rows.length) };
}

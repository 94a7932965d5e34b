import ExcelJS from "exceljs";
import {
  AnnexMetadata,
  Explanation,
  explanationTable,
  METADATA_HEADER,
  METADATA_SHEET,
  metadataRecord,
  parseExplanations,
  parseMetadata,
} from "../../domain";

/**
 * Which template, version, year and period each annex sheet follows, and the explanations given for its
 * findings, kept in a very hidden sheet: it survives Excel and LibreOffice round trips (LibreOffice keeps
 * it as a hidden sheet). The records are the domain's (src/domain/sheet/metadataRecords.ts,
 * src/domain/explanations/records.ts), which the Office.js host reads and writes the same way.
 */
export { METADATA_SHEET };

export function readMetadata(workbook: ExcelJS.Workbook): Map<string, AnnexMetadata> {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  return ws ? parseMetadata(metadataValues(ws)) : new Map();
}

/** The metadata sheet, added very hidden with its header row when the workbook has none. */
export function metadataSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  if (ws) return ws;
  const added = workbook.addWorksheet(METADATA_SHEET, { state: "veryHidden" });
  added.addRow([...METADATA_HEADER]);
  return added;
}

export function writeMetadata(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  metadata: AnnexMetadata
): void {
  const ws = metadataSheet(workbook);
  const row = metadataRecord(sheetName, metadata);
  let existing: ExcelJS.Row | undefined;
  ws.eachRow((r, n) => {
    if (n > 1 && r.getCell(1).value === sheetName) existing = r;
  });
  // Cell by cell: the row may also hold an explanation, further right (see explanationRows).
  if (existing) row.forEach((v, c) => (existing!.getCell(c + 1).value = v));
  else ws.addRow(row);
}

/** The metadata sheet's cells as plain values, row-major from A1 (what parseExplanations reads). */
export function metadataValues(ws: ExcelJS.Worksheet): unknown[][] {
  const values: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      cells[c - 1] =
        v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : v;
    });
    values[n - 1] = cells;
  });
  return values;
}

/** Every sheet's explanations (giải trình), from their table in the metadata sheet (src/domain/explanations/records.ts). */
export function readExplanations(workbook: ExcelJS.Workbook): Map<string, Explanation[]> {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  return ws ? parseExplanations(metadataValues(ws)) : new Map();
}

/**
 * Makes a sheet's explanations exactly these (none: every one withdrawn), keeping the other sheets'.
 * The table is rewritten in place; rows it no longer needs are cleared.
 */
export function writeExplanations(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  explanations: readonly Explanation[]
): void {
  const ws = metadataSheet(workbook);
  const table = explanationTable(metadataValues(ws), sheetName, explanations);
  for (let r = 0; r < table.rows.length + table.clear; r++)
    for (let k = 0; k < table.width; k++)
      ws.getCell(r + 1, table.column + k + 1).value = table.rows[r]?.[k] ?? null;
}

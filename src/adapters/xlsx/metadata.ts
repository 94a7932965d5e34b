import ExcelJS from "exceljs";
import {
  AnnexMetadata,
  EXPLANATIONS_COLUMN,
  EXPLANATIONS_HEADER,
  Explanation,
  explanationRows,
  explanationsColumn,
  isReportingPeriod,
  parseExplanations,
} from "../../domain";

/**
 * Which template, version and year each annex sheet follows, kept in a very hidden sheet: it survives
 * Excel and LibreOffice round trips (LibreOffice keeps it as a hidden sheet), and the Office.js adapter
 * can read and write it the same way.
 */
export const METADATA_SHEET = "_annex";
const HEADER = ["sheet", "templateId", "templateVersion", "year", "period"];

export function readMetadata(workbook: ExcelJS.Workbook): Map<string, AnnexMetadata> {
  const found = new Map<string, AnnexMetadata>();
  const ws = workbook.getWorksheet(METADATA_SHEET);
  if (!ws) return found;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const [sheet, templateId, templateVersion, year, period] = [1, 2, 3, 4, 5].map(
      (c) => row.getCell(c).value
    );
    const y = typeof year === "number" ? year : Number(year);
    if (typeof sheet !== "string" || typeof templateId !== "string" || !Number.isInteger(y)) return;
    found.set(sheet, {
      templateId,
      templateVersion: String(templateVersion ?? ""),
      year: y,
      ...(isReportingPeriod(period) ? { period } : {}),
    });
  });
  return found;
}

/** The metadata sheet, added very hidden with its header row when the workbook has none. */
function metadataSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  if (ws) return ws;
  const added = workbook.addWorksheet(METADATA_SHEET, { state: "veryHidden" });
  added.addRow(HEADER);
  return added;
}

export function writeMetadata(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  metadata: AnnexMetadata
): void {
  const ws = metadataSheet(workbook);
  const row = [
    sheetName,
    metadata.templateId,
    metadata.templateVersion,
    metadata.year,
    metadata.period ?? "",
  ];
  let existing: ExcelJS.Row | undefined;
  ws.eachRow((r, n) => {
    if (n > 1 && r.getCell(1).value === sheetName) existing = r;
  });
  // Cell by cell: the row may also hold an explanation, further right (see explanationRows).
  if (existing) row.forEach((v, c) => (existing!.getCell(c + 1).value = v));
  else ws.addRow(row);
}

/** The metadata sheet's cells as plain values, row-major from A1 (what parseExplanations reads). */
function metadataValues(ws: ExcelJS.Worksheet): unknown[][] {
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
  const values = metadataValues(ws);
  const all = parseExplanations(values);
  if (explanations.length) all.set(sheetName, [...explanations]);
  else all.delete(sheetName);
  const col = explanationsColumn(values) ?? EXPLANATIONS_COLUMN;
  const rows = explanationRows(all);
  const height = Math.max(rows.length, values.length);
  for (let r = 0; r < height; r++)
    for (let k = 0; k < EXPLANATIONS_HEADER.length; k++)
      ws.getCell(r + 1, col + k + 1).value = rows[r]?.[k] ?? null;
}

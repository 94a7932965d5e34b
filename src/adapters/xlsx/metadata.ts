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
  currentNames,
  parseSheetRecords,
  resolveSheets,
  SHEET_IDENTITY_COLUMN,
  SHEET_IDENTITY_HEADER,
  sheetIdentity,
  WorkbookSheet,
  parseTargetsRecord,
  sameSheetName,
  targetsTable,
} from "../../domain";
import {
  CONSOLIDATION_COLUMN,
  consolidationRows,
  ConsolidationRecord,
} from "../../domain/consolidate";

/**
 * Which template, version, year and period each annex sheet follows, and the explanations given for its
 * findings, kept in a very hidden sheet: it survives Excel and LibreOffice round trips (LibreOffice keeps
 * it as a hidden sheet). The records are the domain's (src/domain/sheet/metadataRecords.ts,
 * src/domain/explanations/records.ts), which the Office.js host reads and writes the same way.
 */
export { METADATA_SHEET };

/**
 * Each annex sheet's metadata, by the sheet's name now: a record whose sheet was renamed (in Excel or
 * LibreOffice) is found by the identity kept beside it (resolveSheets).
 */
export function readMetadata(workbook: ExcelJS.Workbook): Map<string, AnnexMetadata> {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  if (!ws) return new Map();
  const values = metadataValues(ws);
  const resolved = resolveSheets(parseSheetRecords(values), workbookSheets(workbook));
  const found = new Map<string, AnnexMetadata>();
  for (const [name, m] of parseMetadata(values)) {
    const now = resolved.get(name);
    if (now !== undefined) found.set(now, m);
  }
  return found;
}

/** The workbook's sheets as resolveSheets compares them: name, Excel's sheetId, position (1 = first). */
export function workbookSheets(workbook: ExcelJS.Workbook): WorkbookSheet[] {
  return workbook.worksheets.map((ws, i) => ({
    name: ws.name,
    sheetNo: String(ws.id),
    position: i + 1,
  }));
}

/** Which sheet each recorded name is now (itself, or the sheet it was renamed to). */
function recordedNames(workbook: ExcelJS.Workbook, values: unknown[][]): Map<string, string> {
  return currentNames(values, workbookSheets(workbook));
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
  identityHeader(ws);
  const me = workbookSheets(workbook).find((s) => s.name === sheetName);
  const row = [...metadataRecord(sheetName, metadata), ...(me ? sheetIdentity(me) : [])];
  let existing: ExcelJS.Row | undefined;
  ws.eachRow((r, n) => {
    const name = r.getCell(1).value;
    if (n > 1 && typeof name === "string" && sameSheetName(name, sheetName)) existing = r;
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

/**
 * Every sheet's explanations (giải trình), from their table in the metadata sheet
 * (src/domain/explanations/records.ts), by the sheet's name now (a renamed sheet keeps them). Those
 * of a sheet the workbook no longer has are left out here: see unplacedSheets.
 */
export function readExplanations(workbook: ExcelJS.Workbook): Map<string, Explanation[]> {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  if (!ws) return new Map();
  const values = metadataValues(ws);
  const names = recordedNames(workbook, values);
  const found = new Map<string, Explanation[]>();
  for (const [recorded, list] of parseExplanations(values)) {
    const now = names.get(recorded);
    if (now === undefined) continue;
    found.set(now, [...(found.get(now) ?? []), ...list]);
  }
  return found;
}

/**
 * Explanations recorded for a sheet the workbook no longer has (deleted, or renamed where nothing
 * tells which sheet it became): by the name they were recorded under. Reported, never applied.
 */
export function unplacedSheets(workbook: ExcelJS.Workbook): Map<string, Explanation[]> {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  const unplaced = new Map<string, Explanation[]>();
  if (!ws) return unplaced;
  const values = metadataValues(ws);
  const names = recordedNames(workbook, values);
  for (const [recorded, list] of parseExplanations(values))
    if (!names.has(recorded)) unplaced.set(recorded, list);
  return unplaced;
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
  const names = recordedNames(workbook, values);
  const former = [...names].filter(([, now]) => now === sheetName).map(([recorded]) => recorded);
  // A renamed sheet's record takes its name now, and its identity (LibreOffice renumbers sheets).
  const me = workbookSheets(workbook).find((s) => s.name === sheetName);
  ws.eachRow((r, n) => {
    const name = r.getCell(1).value;
    if (n === 1 || typeof name !== "string" || name === sheetName || !former.includes(name)) return;
    r.getCell(1).value = sheetName;
    if (me)
      sheetIdentity(me).forEach((v, k) => (r.getCell(SHEET_IDENTITY_COLUMN + k + 1).value = v));
  });
  // A sheet made by hand has no record: one of its identity alone (no template: metadata readers skip
  // it) lets its explanations follow it when it is renamed.
  if (explanations.length && me && !former.some((n) => recordRow(ws, n) !== undefined)) {
    identityHeader(ws);
    let n = 2;
    while (!isBlank(ws.getCell(n, 1).value)) n++;
    ws.getCell(n, 1).value = sheetName;
    sheetIdentity(me).forEach((v, k) => (ws.getCell(n, SHEET_IDENTITY_COLUMN + k + 1).value = v));
  }
  const table = explanationTable(values, sheetName, explanations, former);
  for (let r = 0; r < table.rows.length + table.clear; r++)
    for (let k = 0; k < table.width; k++)
      ws.getCell(r + 1, table.column + k + 1).value = table.rows[r]?.[k] ?? null;
}

/**
 * Records that a sheet is a consolidated annex, and the cells it left empty or did not fully sum
 * (src/domain/consolidate/records.ts), in the metadata sheet of a workbook the merge has just made.
 */
export function writeConsolidation(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  record: ConsolidationRecord
): void {
  const ws = metadataSheet(workbook);
  consolidationRows(sheetName, record).forEach((row, r) =>
    row.forEach((v, k) => (ws.getCell(r + 1, CONSOLIDATION_COLUMN + k + 1).value = v))
  );
}

/** The row (1-based) of a sheet's record in the metadata sheet, if it has one. */
function recordRow(ws: ExcelJS.Worksheet, sheet: string): number | undefined {
  let found: number | undefined;
  ws.eachRow((r, n) => {
    if (n > 1 && found === undefined && r.getCell(1).value === sheet) found = n;
  });
  return found;
}

function isBlank(v: ExcelJS.CellValue): boolean {
  return v === null || v === undefined || v === "";
}

/** The identity columns' header (SHEET_IDENTITY_HEADER), where the metadata sheet has none yet. */
function identityHeader(ws: ExcelJS.Worksheet): void {
  SHEET_IDENTITY_HEADER.forEach((h, k) => {
    const header = ws.getCell(1, SHEET_IDENTITY_COLUMN + k + 1);
    if (isBlank(header.value)) header.value = h;
  });
}

/** The targets file kept with the workbook (its JSON text), if any. */
export function readTargets(workbook: ExcelJS.Workbook): string | undefined {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  return ws ? parseTargetsRecord(metadataValues(ws)) : undefined;
}

/** Keeps this targets file with the workbook (undefined: none); the same text again changes nothing. */
export function writeTargets(workbook: ExcelJS.Workbook, text: string | undefined): void {
  if (readTargets(workbook) === text) return;
  if (text === undefined && !workbook.getWorksheet(METADATA_SHEET)) return;
  const ws = metadataSheet(workbook);
  const table = targetsTable(metadataValues(ws), text);
  for (let r = 0; r < table.rows.length + table.clear; r++)
    ws.getCell(r + 1, table.column + 1).value = table.rows[r]?.[0] ?? null;
}

import ExcelJS from "exceljs";
import { AnnexMetadata, CellSnapshot, CellValue, SheetSnapshot } from "../../domain";
import { METADATA_SHEET, readMetadata } from "./metadata";

/** Excel's day 0 (1899-12-30), so a date cell reads as the serial number Excel shows. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * One worksheet as the engine's snapshot: values, formulas with their cached results, number formats
 * and error values. Cells covered by a merge read as empty, as in Excel (the value lives in the
 * top-left cell).
 */
export function sheetSnapshot(ws: ExcelJS.Worksheet, metadata?: AnnexMetadata): SheetSnapshot {
  const rows: Array<Array<CellSnapshot | undefined>> = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: Array<CellSnapshot | undefined> = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const snap = cellSnapshot(cell);
      if (snap) out[colNumber - 1] = snap;
    });
    if (out.length) rows[rowNumber - 1] = out;
  });
  return { name: ws.name, rows, ...(metadata ? { metadata } : {}) };
}

function cellSnapshot(cell: ExcelJS.Cell): CellSnapshot | undefined {
  if (cell.type === ExcelJS.ValueType.Merge) return undefined;
  const numFmt = cell.numFmt && cell.numFmt !== "General" ? cell.numFmt : undefined;
  const withFmt = numFmt ? { numFmt } : {};
  if (cell.type === ExcelJS.ValueType.Formula) {
    // cell.result, not cell.value.result: ExcelJS's value copy drops falsy results (0, "", false).
    const formula = cell.formula;
    return { value: plainValue(cell.result), ...(formula ? { formula } : {}), ...withFmt };
  }
  const value = plainValue(cell.value);
  if (value === null && !numFmt) return undefined;
  return { value, ...withFmt };
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText))
      return (o.richText as Array<{ text?: string }>).map((t) => t.text ?? "").join("");
    if (typeof o.text === "string") return o.text;
    if ("result" in o) return plainValue(o.result);
  }
  return String(v);
}

/** The worksheets a check looks at: every one but our metadata sheet, or the one named. */
export function workbookSnapshots(workbook: ExcelJS.Workbook, sheet?: string): SheetSnapshot[] {
  const metadata = readMetadata(workbook);
  return workbook.worksheets
    .filter((ws) => ws.name !== METADATA_SHEET && (sheet === undefined || ws.name === sheet))
    .map((ws) => sheetSnapshot(ws, metadata.get(ws.name)));
}

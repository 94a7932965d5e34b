import ExcelJS from "exceljs";
import type { Explanation } from "../../domain";
import { AnnexMetadata, CellValue, sameSheetName, SheetSnapshot, toA1 } from "../../domain";
import { METADATA_SHEET, readExplanations, readMetadata } from "./metadata";

/**
 * ExcelJS's load options for a workbook read only for its snapshots, never saved (annex merge, Hồ sơ huyện
 * in the pane): the worksheet parts sheetSnapshot does not read, which an
 * annex has many of (a data validation per input cell, a conditional format per figure column, their
 * Excel 2010 extensions), are skipped.
 */
export const SNAPSHOT_ONLY: ExcelJS.XlsxReadOptions = {
  ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst"],
};

/** Excel's day 0 (1899-12-30), so a date cell reads as the serial number Excel shows. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * One worksheet as the engine's snapshot, in Office.js's shape and in one pass: values (a formula's
 * cached result), formulas with "=", number formats, error values as their codes. Cells covered by a
 * merge read as empty, as in Excel (the value lives in the top-left cell).
 */
export function sheetSnapshot(ws: ExcelJS.Worksheet, metadata?: AnnexMetadata): SheetSnapshot {
  const values: Array<CellValue[] | undefined> = [];
  const formulas: Array<CellValue[] | undefined> = [];
  const numberFormats: Array<string[] | undefined> = [];
  // Each merge's extent, by its top-left cell (ExcelJS keeps a Merge cell for every other cell of it).
  const merged = new Map<string, { r0: number; c0: number; r1: number; c1: number }>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const v: CellValue[] = [];
    const f: CellValue[] = [];
    const n: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) {
        extendMerge(merged, cell.master, rowNumber, colNumber);
        return;
      }
      const c = colNumber - 1;
      for (let k = v.length; k < c; k++) {
        v.push("");
        f.push("");
        n.push("General");
      }
      const numFmt = cell.numFmt || "General";
      if (cell.type === ExcelJS.ValueType.Formula) {
        // cell.result, not cell.value.result: ExcelJS's value copy drops falsy results (0, "", false).
        const value = plainValue(cell.result);
        const formula = cell.formula;
        v.push(value);
        f.push(formula ? `=${formula}` : "");
      } else {
        // Not the value, as Office.js repeats it: text typed as '=abc would then read as a formula.
        v.push(plainValue(cell.value));
        f.push("");
      }
      n.push(numFmt);
    });
    if (v.length) {
      const r = rowNumber - 1;
      while (values.length < r) {
        values.push(undefined);
        formulas.push(undefined);
        numberFormats.push(undefined);
      }
      values.push(v);
      formulas.push(f);
      numberFormats.push(n);
    }
  });
  const merges = [...merged.values()].map(
    (m) => `${toA1(m.r0 - 1, m.c0 - 1)}:${toA1(m.r1 - 1, m.c1 - 1)}`
  );
  return {
    name: ws.name,
    values,
    formulas,
    numberFormats,
    ...(metadata ? { metadata } : {}),
    ...(merges.length ? { merges } : {}),
  };
}

function extendMerge(
  merged: Map<string, { r0: number; c0: number; r1: number; c1: number }>,
  master: ExcelJS.Cell,
  row: number,
  col: number
): void {
  let m = merged.get(master.address);
  if (!m) {
    const [r, c] = [Number(master.row), Number(master.col)];
    m = { r0: r, c0: c, r1: r, c1: c };
    merged.set(master.address, m);
  }
  m.r0 = Math.min(m.r0, row);
  m.c0 = Math.min(m.c0, col);
  m.r1 = Math.max(m.r1, row);
  m.c1 = Math.max(m.c1, col);
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return o.error;
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
  const explanations = readExplanations(workbook);
  return workbook.worksheets
    .filter(
      (ws) => ws.name !== METADATA_SHEET && (sheet === undefined || sameSheetName(ws.name, sheet))
    )
    .map((ws) => withExplanations(sheetSnapshot(ws, metadata.get(ws.name)), explanations));
}

/** The snapshot with the sheet's explanations (giải trình), when it has any. */
export function withExplanations(
  snapshot: SheetSnapshot,
  explanations: ReadonlyMap<string, readonly Explanation[]>
): SheetSnapshot {
  const mine = explanations.get(snapshot.name);
  return mine?.length ? { ...snapshot, explanations: mine } : snapshot;
}

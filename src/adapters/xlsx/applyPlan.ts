import ExcelJS from "exceljs";
import { WritePlan } from "../../domain";

/**
 * Applies the engine's write plan to a worksheet. Formulas are written with their computed result
 * cached, so the file shows the right figures even where nothing recalculates (viewers, previews);
 * Excel recalculates them on open anyway. Decides nothing: the plan already left typed cells alone.
 */
export function applyWritePlan(ws: ExcelJS.Worksheet, plan: WritePlan): number {
  for (const w of plan.writes) {
    const cell = ws.getCell(w.row + 1, w.col + 1);
    cell.value =
      w.formula !== undefined
        ? ({ formula: w.formula, result: w.value ?? "" } as ExcelJS.CellFormulaValue)
        : w.value;
    if (w.numFmt) cell.numFmt = w.numFmt;
  }
  if (plan.writes.some((w) => w.formula !== undefined)) {
    // Ask Excel to recalculate everything when the file is opened.
    ws.workbook.calcProperties.fullCalcOnLoad = true;
  }
  return plan.writes.length;
}

/** Applies one plan per sheet; returns how many cells were written. */
export function applyWritePlans(workbook: ExcelJS.Workbook, plans: readonly WritePlan[]): number {
  let written = 0;
  for (const plan of plans) {
    if (!plan.writes.length) continue;
    const ws = workbook.getWorksheet(plan.sheet);
    if (!ws) throw new Error(`sheet "${plan.sheet}" vanished between read and write`);
    written += applyWritePlan(ws, plan);
  }
  return written;
}

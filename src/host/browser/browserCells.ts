import ExcelJS from "exceljs";
import { parseNumber, WritePlan } from "../../domain";
import type { CellState, UndoRecord } from "../annexHost";

/**
 * The in-browser workbook's cells as undo keeps them and as a person types them: a cell saved before
 * a write (its cached result too), its state as AnnexHost speaks of it, and what typing puts in it.
 */

/** An ExcelJS cell value saved before a write, so restore puts back the cached result as well. */
export interface SavedCell {
  readonly address: string;
  readonly value: ExcelJS.CellValue;
  readonly numFmt: string | undefined;
}

const GENERAL = "General";

export function saveCell(cell: ExcelJS.Cell, address: string): SavedCell {
  // A formula's cached result lives in cell.result; ExcelJS's value copy drops falsy results.
  const value: ExcelJS.CellValue =
    cell.type === ExcelJS.ValueType.Formula
      ? ({ formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue)
      : cell.type === ExcelJS.ValueType.Merge
        ? null
        : cell.value;
  return { address, value: structuredCloneSafe(value), numFmt: cell.numFmt || undefined };
}

function structuredCloneSafe(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (v === null || typeof v !== "object" || v instanceof Date) return v;
  return JSON.parse(JSON.stringify(v)) as ExcelJS.CellValue;
}

export function cellState(s: SavedCell): CellState {
  const v = s.value;
  let formula: CellState["formula"];
  if (v === null || v === undefined) formula = "";
  else if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") formula = v;
  else if (v instanceof Date) formula = v.toISOString();
  else if ("formula" in v && v.formula) formula = `=${v.formula}`;
  else if ("richText" in v) formula = v.richText.map((t) => t.text).join("");
  else if ("text" in v) formula = String(v.text);
  else if ("error" in v) formula = String(v.error);
  else formula = "";
  return { address: s.address, formula, numberFormat: s.numFmt ?? GENERAL };
}

/** A cell's content as undo compares it: the formula with "=", or the value. */
export function contentOf(ws: ExcelJS.Worksheet, address: string): CellState["formula"] {
  return cellState(saveCell(ws.getCell(address), address)).formula;
}

export function savedFromState(c: CellState): SavedCell {
  const f = c.formula;
  const value: ExcelJS.CellValue =
    typeof f === "string" && f.startsWith("=")
      ? ({ formula: f.slice(1) } as ExcelJS.CellFormulaValue)
      : f === ""
        ? null
        : f;
  return {
    address: c.address,
    value,
    numFmt: c.numberFormat === GENERAL ? undefined : c.numberFormat,
  };
}

export function undoLabel(plan: WritePlan, cells: number): UndoRecord["label"] {
  const purposes = new Set(plan.writes.map((w) => w.purpose));
  const [vi, en] = purposes.has("derived")
    ? ["Tính cột", "Fill columns"]
    : purposes.has("fix")
      ? ["Chuyển thành số", "Convert to number"]
      : ["Nhập số liệu", "Enter figures"];
  return { vi: `Hoàn tác: ${vi} (${cells} ô)`, en: `Undo: ${en} (${cells} cells)` };
}

/** How Excel on a vi-VN machine reads what was typed into a cell. */
export function typedValue(typed: string): ExcelJS.CellValue {
  if (typed === "") return null;
  if (typed.startsWith("'")) return typed.slice(1);
  if (typed.startsWith("=") && typed.length > 1) {
    return { formula: typed.slice(1) } as ExcelJS.CellFormulaValue;
  }
  const upper = typed.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return upper === "TRUE";
  const parsed = parseNumber(typed, "vi-VN");
  if (parsed.kind === "number" && !parsed.unit) {
    return parsed.percent ? parsed.value / 100 : parsed.value;
  }
  return typed;
}

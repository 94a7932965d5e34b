/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import {
  CellValue,
  formatText,
  formulaText,
  isErrorCode,
  SheetSnapshot,
} from "../../../../src/domain/sheet/snapshot";

/**
 * One cell of a snapshot as a small object (value, formula without "=", number format), for the few
 * places that look at single cells: stated derived values, units, the write plan. Never built per
 * input cell: the checks read input columns through ColumnReadings.
 */
export type ViewValue = number | string | boolean | null | { readonly error: string };

export interface CellView {
  /** The value, or for a formula cell its cached result; null when empty; an error as {error}. */
  readonly value: ViewValue;
  /** Formula text without the leading "=". */
  readonly formula?: string;
  readonly numFmt?: string;
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellView | undefined {
  const v: CellValue | undefined = sheet.values[row]?.[col];
  const formula = formulaText(sheet.formulas[row]?.[col]);
  const numFmt = formatText(sheet.numberFormats[row]?.[col]);
  if ((v === undefined || v === "") && formula === undefined && numFmt === undefined)
    return undefined;
  const value: ViewValue = v === undefined || v === "" ? null : isErrorCode(v) ? { error: v } : v;
  return {
    value,
    ...(formula !== undefined ? { formula } : {}),
    ...(numFmt !== undefined ? { numFmt } : {}),
  };
}

export function isErrorValue(v: ViewValue): v is { readonly error: string } {
  return typeof v === "object" && v !== null;
}

export function isEmptyCell(cell: CellView | undefined): boolean {
  if (!cell) return true;
  if (cell.formula) return false;
  return (
    cell.value === null ||
    cell.value === "" ||
    (typeof cell.value === "string" && cell.value.trim() === "")
  );
}

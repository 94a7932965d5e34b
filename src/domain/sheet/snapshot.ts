import type { Explanation } from "../explanations/explanation";
import type { ConsolidationRecord } from "../consolidate/records";

/**
 * What the engine reads: a snapshot of one worksheet in the shape an Office.js range gives it in one
 * read (`values`, `formulas`, `numberFormat`), and that ExcelJS fills in one pass. Nothing here knows
 * where it came from.
 */

import type { ReportingPeriod } from "../template/period";

/** Office.js's convention: "" is empty; an error value is its code as a string ("#DIV/0!", "#REF!", "#N/A"…). */
export type CellValue = string | number | boolean;

/** Identifies an annex written by this tool; adapters keep it in the workbook (see issue #3). */
export interface AnnexMetadata {
  readonly templateId: string;
  readonly templateVersion: string;
  readonly year: number;
  /** The reporting period the form was made for (quý I, 6 tháng…), for forms that offer a choice. */
  readonly period?: ReportingPeriod;
  /** The department the annex was made for (Sở Nội vụ, Sở Y tế…: catalog/departments.json), its blocks only. */
  readonly department?: string;
  /** Set on an annex that annex merge (or the pane's Tổng hợp) made from units' files: never a unit itself. */
  readonly consolidated?: ConsolidationRecord;
}

export interface SheetSnapshot {
  readonly name: string;
  /** Row-major from A1: values[r][c] is the cell at row r, column c (0-based). A row may be shorter than the
   *  others or missing (undefined): what is not there is empty. A formula cell holds its cached result. */
  readonly values: ReadonlyArray<ReadonlyArray<CellValue> | undefined>;
  /** Same shape: a formula cell holds its formula WITH "=" ("=G11/E11*100"); any other entry (the value, as
   *  Office gives it, or "") means no formula. */
  readonly formulas: ReadonlyArray<ReadonlyArray<CellValue> | undefined>;
  /** Same shape: the number format; "General" (or "", or missing) when none. */
  readonly numberFormats: ReadonlyArray<ReadonlyArray<string> | undefined>;
  readonly metadata?: AnnexMetadata;
  /** The sheet's explanations (giải trình) of findings, kept beside the metadata (src/domain/explanations). */
  readonly explanations?: readonly Explanation[];
  /** The merged ranges, in A1 ("D20:M20"); absent when the host cannot tell. The value of a merge is
   *  in its top-left cell; the others read as empty (see sheet/mergedAreas.ts). */
  readonly merges?: readonly string[];
}

/** The error values Excel shows in a cell. */
export const ERROR_CODES = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const ERROR_SET: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether a cell value is one of Excel's error values ("#REF!"), as Office.js reports them. */
export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === "string" && v.length > 2 && v.charCodeAt(0) === 35 && ERROR_SET.has(v);
}

/** Rows in the snapshot (the longest of its arrays). */
export function sheetHeight(sheet: SheetSnapshot): number {
  return Math.max(sheet.values.length, sheet.formulas.length);
}

/** The value at (row, col); "" when there is none. */
export function valueAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  return sheet.values[row]?.[col] ?? "";
}

/** The formula at (row, col) without its "=", or undefined. */
export function formulaAt(sheet: SheetSnapshot, row: number, col: number): string | undefined {
  return formulaEntry(sheet, row, col)?.slice(1);
}

/** The formula at (row, col) as the snapshot holds it, WITH its "=", or undefined. */
export function formulaEntry(sheet: SheetSnapshot, row: number, col: number): string | undefined {
  const f = sheet.formulas[row]?.[col];
  return isFormula(f) ? f : undefined;
}

/** Whether a `formulas` entry is a formula: "=" and something after it (any other entry is a value). */
export function isFormula(f: CellValue | undefined): f is string {
  return typeof f === "string" && f.length > 1 && f.charCodeAt(0) === 61;
}

/** The number format at (row, col), or undefined for "General" or none. */
export function numberFormatAt(sheet: SheetSnapshot, row: number, col: number): string | undefined {
  return formatText(sheet.numberFormats[row]?.[col]);
}

export function formatText(f: string | undefined): string | undefined {
  return f && f !== "General" ? f : undefined;
}

/** The text a person sees for a cell value, good enough for recognising headers and names. */
export function valueText(v: CellValue | undefined): string {
  return v === undefined ? "" : typeof v === "string" ? v : String(v);
}

/** Whether a cell holds nothing: no formula and no value but blanks. */
export function isEmptyAt(sheet: SheetSnapshot, row: number, col: number): boolean {
  if (formulaAt(sheet, row, col) !== undefined) return false;
  const v = valueAt(sheet, row, col);
  return v === "" || (typeof v === "string" && v.trim() === "");
}

/**
 * Builds a snapshot from plain values, for tests and for callers that have a 2-D array: no formulas,
 * no number formats. `null` and `undefined` entries are empty.
 */
export function snapshotFromValues(
  name: string,
  values: ReadonlyArray<ReadonlyArray<CellValue | null | undefined> | undefined>,
  metadata?: AnnexMetadata
): SheetSnapshot {
  return {
    name,
    values: values.map((row) => row?.map((v) => v ?? "")),
    formulas: [],
    numberFormats: [],
    ...(metadata ? { metadata } : {}),
  };
}

/**
 * Writes cells into a copy of a snapshot (or a new one), keeping the three arrays the same shape: a
 * row is copied the first time it is written, short rows are padded with empty cells.
 */
export class SnapshotEditor {
  private readonly values: Array<ReadonlyArray<CellValue> | undefined>;
  private readonly formulas: Array<ReadonlyArray<CellValue> | undefined>;
  private readonly formats: Array<ReadonlyArray<string> | undefined>;
  private readonly copied = new Set<number>();

  constructor(private readonly base?: SheetSnapshot) {
    this.values = base ? [...base.values] : [];
    this.formulas = base ? [...base.formulas] : [];
    this.formats = base ? [...base.numberFormats] : [];
  }

  /**
   * Sets one cell: its value (a formula's cached result), its formula without "=" (none: not a
   * formula) and its number format (undefined keeps the one the cell has).
   */
  set(row: number, col: number, value: CellValue, formula?: string, numFmt?: string): this {
    const [v, f, n] = this.rowsAt(row, col);
    v[col] = value;
    f[col] = formula !== undefined ? `=${formula}` : value;
    if (numFmt !== undefined) n[col] = numFmt;
    return this;
  }

  /** Replaces the rows in place of the snapshot's (for moving and inserting rows in tests). */
  spliceRows(at: number, remove: number, insert: readonly CellValue[][] = []): this {
    const height = Math.max(this.values.length, this.formulas.length, at);
    for (const a of [this.values, this.formulas, this.formats])
      while (a.length < height) a.push(undefined);
    this.values.splice(at, remove, ...insert.map((r) => [...r]));
    this.formulas.splice(at, remove, ...insert.map((r) => [...r]));
    this.formats.splice(at, remove, ...insert.map((r) => r.map(() => "General")));
    this.copied.clear();
    return this;
  }

  /** Moves a row (cut and insert elsewhere), in all three arrays together. */
  moveRow(from: number, to: number): this {
    const height = Math.max(this.values.length, this.formulas.length, from + 1, to + 1);
    for (const a of [this.values, this.formulas, this.formats]) {
      while (a.length < height) a.push(undefined);
      const [r] = a.splice(from, 1);
      (a as Array<unknown>).splice(to, 0, r);
    }
    this.copied.clear();
    return this;
  }

  snapshot(name = this.base?.name ?? "", metadata = this.base?.metadata): SheetSnapshot {
    return {
      name,
      values: this.values,
      formulas: this.formulas,
      numberFormats: this.formats,
      ...(metadata ? { metadata } : {}),
      ...(this.base?.explanations ? { explanations: this.base.explanations } : {}),
      ...(this.base?.merges ? { merges: this.base.merges } : {}),
    };
  }

  private rowsAt(row: number, col: number): [CellValue[], CellValue[], string[]] {
    while (this.values.length <= row) this.values.push(undefined);
    while (this.formulas.length <= row) this.formulas.push(undefined);
    while (this.formats.length <= row) this.formats.push(undefined);
    if (!this.copied.has(row)) {
      this.values[row] = [...(this.values[row] ?? [])];
      this.formulas[row] = [...(this.formulas[row] ?? [])];
      this.formats[row] = [...(this.formats[row] ?? [])];
      this.copied.add(row);
    }
    const v = this.values[row] as CellValue[];
    const f = this.formulas[row] as CellValue[];
    const n = this.formats[row] as string[];
    for (let c = v.length; c <= col; c++) v.push("");
    for (let c = f.length; c <= col; c++) f.push(v[c] ?? "");
    for (let c = n.length; c <= col; c++) n.push("General");
    return [v, f, n];
  }
}

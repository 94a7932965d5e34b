/**
 * What the engine reads: a snapshot of one worksheet, taken by an adapter (Office.js or ExcelJS) in one
 * read. Nothing here knows where it came from.
 */
export type CellValue = number | string | boolean | null | { readonly error: string };

export interface CellSnapshot {
  /** The value, or for a formula cell its cached result. */
  readonly value: CellValue;
  /** Formula text without the leading "=". */
  readonly formula?: string;
  readonly numFmt?: string;
}

/** Identifies an annex written by this tool; adapters keep it in the workbook (see issue #3). */
export interface AnnexMetadata {
  readonly templateId: string;
  readonly templateVersion: string;
  readonly year: number;
}

export interface SheetSnapshot {
  readonly name: string;
  /** Row-major, 0-based: rows[r][c]. Missing entries are empty cells. */
  readonly rows: ReadonlyArray<ReadonlyArray<CellSnapshot | undefined> | undefined>;
  readonly metadata?: AnnexMetadata;
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellSnapshot | undefined {
  return sheet.rows[row]?.[col];
}

export function isErrorValue(v: CellValue): v is { readonly error: string } {
  return typeof v === "object" && v !== null;
}

/** The text a person sees for a cell, good enough for recognising headers and names. */
export function cellText(cell: CellSnapshot | undefined): string {
  if (!cell) return "";
  const v = cell.value;
  if (v === null) return "";
  if (isErrorValue(v)) return v.error;
  return String(v);
}

export function isEmptyCell(cell: CellSnapshot | undefined): boolean {
  if (!cell) return true;
  if (cell.formula) return false;
  return (
    cell.value === null ||
    cell.value === "" ||
    (typeof cell.value === "string" && cell.value.trim() === "")
  );
}

/** Builds a snapshot from plain values, for tests and for callers that have a 2-D array. */
export function snapshotFromValues(
  name: string,
  values: ReadonlyArray<ReadonlyArray<CellValue | undefined>>,
  metadata?: AnnexMetadata
): SheetSnapshot {
  return {
    name,
    rows: values.map((row) =>
      row.map((v) => (v === undefined || v === null ? undefined : { value: v }))
    ),
    ...(metadata ? { metadata } : {}),
  };
}

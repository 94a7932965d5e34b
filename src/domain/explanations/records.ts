import { CellValue } from "../sheet/snapshot";
import { SheetNameMap } from "../sheet/sheetName";
import { Explanation, normalizeFigure } from "./explanation";
import { tableColumn } from "../sheet/metadataTables";

/**
 * How explanations are kept in the workbook: a second table in the very hidden metadata sheet
 * ("_annex"), to the right of the metadata records, so the workbook gains no sheet and every reader
 * of the metadata keeps working (their rows stay where they were; a metadata reader reads its own
 * columns only). The table starts with a header row whose first cell is "explainedSheet" — readers find
 * it by that header, writers put it at column J when the sheet has none — then one row per
 * explanation: the sheet, the rule, the cell, the figures of the fingerprint (JSON: {"G42": 2350,
 * "D42": 1356}), the reason, the date (ISO) and who gave it; since issue #19 also the indicator's code,
 * the column and where each figure is ({"G42": "17.1|estimateCur"}), which bind the explanation to its
 * indicator when rows move (rows of older versions lack them and still load, matched by their cell). Text cells only, so Excel and LibreOffice
 * keep them as they are. The ExcelJS adapter (src/adapters/xlsx/metadata.ts) and the Office.js host
 * (src/host/office/officeHost.ts) both read and write it through these functions.
 */
export const EXPLANATIONS_HEADER = [
  "explainedSheet",
  "ruleId",
  "cell",
  "figures",
  "reason",
  "date",
  "by",
  "indicator",
  "column",
  "anchors",
] as const;

/** The 0-based column the table goes in when the metadata sheet has none yet: J, clear of the metadata. */
export const EXPLANATIONS_COLUMN = 9;

/** Where the table is in a metadata sheet's values (row 0 = its first row): its column, or undefined. */
export function explanationsColumn(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined
): number | undefined {
  return tableColumn(values, EXPLANATIONS_HEADER[0]);
}

/** Every sheet's explanations, read from the metadata sheet's values. Rows that do not parse are skipped. */
export function parseExplanations(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined
): Map<string, Explanation[]> {
  const found = new SheetNameMap<Explanation[]>();
  const col = explanationsColumn(values);
  if (!values || col === undefined) return found;
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    const [sheet, ruleId, cell, figures, reason, date, by, indicator, column, anchors] =
      EXPLANATIONS_HEADER.map((_, k) => row[col + k]);
    if (!isText(sheet) || !isText(ruleId) || !isText(cell) || !/^[A-Za-z]{1,3}\d+$/.test(cell))
      continue;
    const e: Explanation = {
      ruleId,
      cell: cell.toUpperCase(),
      figures: parseFigures(figures),
      reason: reason === undefined || reason === null ? "" : String(reason),
      date: isoDate(date),
      ...(isText(by) ? { by } : {}),
      ...(isText(indicator) && isText(column)
        ? { indicator: indicator.trim(), column: column.trim(), anchors: parseAnchors(anchors) }
        : {}),
    };
    const list = found.get(sheet);
    if (list) list.push(e);
    else found.set(sheet, [e]);
  }
  return found;
}

/** The table's rows (header first) for every sheet's explanations, in the order given. */
export function explanationRows(bySheet: ReadonlyMap<string, readonly Explanation[]>): string[][] {
  const rows: string[][] = [[...EXPLANATIONS_HEADER]];
  for (const [sheet, list] of bySheet)
    for (const e of list)
      rows.push([
        sheet,
        e.ruleId,
        e.cell,
        JSON.stringify(e.figures),
        e.reason,
        e.date,
        e.by ?? "",
        e.indicator ?? "",
        e.column ?? "",
        e.anchors ? JSON.stringify(e.anchors) : "",
      ]);
  return rows;
}

function isText(v: unknown): v is string {
  return typeof v === "string" && v.trim() !== "";
}

/** A JSON object kept in one cell (figures or anchors by address), or nothing when it is not one. */
function jsonObject(v: unknown): Record<string, unknown> {
  if (typeof v !== "string") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    return {};
  }
  return parsed && typeof parsed === "object" && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

function parseFigures(v: unknown): Record<string, CellValue> {
  const figures: Record<string, CellValue> = {};
  for (const [address, value] of Object.entries(jsonObject(v)))
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      figures[address.toUpperCase()] = normalizeFigure(value);
  return figures;
}

function parseAnchors(v: unknown): Record<string, string> {
  const anchors: Record<string, string> = {};
  for (const [address, anchor] of Object.entries(jsonObject(v)))
    if (typeof anchor === "string" && anchor.includes("|")) anchors[address.toUpperCase()] = anchor;
  return anchors;
}

/**
 * The date as written ("2026-11-21"); a date a program turned into a serial number (or a Date) is
 * turned back. A serial no calendar holds (1e20) stays as written: toISOString would throw on it.
 */
function isoDate(v: unknown): string {
  const d =
    typeof v === "number"
      ? new Date(Math.round((v - 25569) * 86_400_000))
      : v instanceof Date
        ? v
        : undefined;
  if (d && Number.isFinite(d.getTime())) return d.toISOString().slice(0, 10);
  return v === undefined || v === null ? "" : String(v);
}

/**
 * Where and what to write to make one sheet's explanations exactly `explanations` in the metadata
 * sheet whose values are `values` (undefined: no sheet yet): the table's column, its rows (header
 * first, every sheet's explanations), and how many rows below it to clear (rows it no longer needs).
 * `formerNames`: names the sheet's explanations are recorded under from before it was renamed.
 * The same table the ExcelJS adapter writes (src/domain/explanations/records.ts).
 */
export function explanationTable(
  values: ReadonlyArray<ReadonlyArray<unknown>> | undefined,
  sheet: string,
  explanations: readonly Explanation[],
  formerNames: readonly string[] = []
): { column: number; width: number; rows: string[][]; clear: number } {
  const all = parseExplanations(values);
  // The sheet's explanations recorded under a name it had before it was renamed are these ones.
  for (const name of formerNames) if (name !== sheet) all.delete(name);
  if (explanations.length) all.set(sheet, [...explanations]);
  else all.delete(sheet);
  const rows = explanationRows(all);
  const found = explanationsColumn(values);
  const before = found === undefined ? 0 : (values?.length ?? 0);
  return {
    column: found ?? EXPLANATIONS_COLUMN,
    width: EXPLANATIONS_HEADER.length,
    rows,
    clear: Math.max(0, before - rows.length),
  };
}

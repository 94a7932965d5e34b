import {
  EXPLANATIONS_COLUMN,
  EXPLANATIONS_HEADER,
  explanationRows,
  explanationsColumn,
  isReportingPeriod,
  parseExplanations,
} from "../../domain";
import type { AnnexMetadata, Explanation } from "../../domain";

/**
 * The annex metadata record, kept as `annex new` keeps it (src/adapters/xlsx/metadata.ts): a very
 * hidden sheet "_annex" with a header row (sheet, templateId, templateVersion, year, period) and one row per
 * annex sheet. The name and header are repeated here rather than imported, so the add-in's bundle does
 * not pull in ExcelJS; a test checks both write the same record.
 */
export const METADATA_SHEET = "_annex";
export const METADATA_HEADER = [
  "sheet",
  "templateId",
  "templateVersion",
  "year",
  "period",
] as const;

/**
 * Where and what to write to make one sheet's explanations exactly `explanations` in the metadata
 * sheet whose values are `values` (undefined: no sheet yet): the table's column, its rows (header
 * first, every sheet's explanations), and how many rows below it to clear (rows it no longer needs).
 * The same table the ExcelJS adapter writes (src/domain/explanations/records.ts).
 */
export function explanationTable(
  values: ReadonlyArray<ReadonlyArray<unknown>> | undefined,
  sheet: string,
  explanations: readonly Explanation[]
): { column: number; width: number; rows: string[][]; clear: number } {
  const all = parseExplanations(values);
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

/** Reads the records from the sheet's values (header row first). Rows that do not parse are skipped. */
export function parseMetadata(
  values: ReadonlyArray<ReadonlyArray<unknown>> | undefined
): Map<string, AnnexMetadata> {
  const found = new Map<string, AnnexMetadata>();
  if (!values) return found;
  for (let r = 1; r < values.length; r++) {
    const [sheet, templateId, templateVersion, year, period] = values[r] ?? [];
    const y = typeof year === "number" ? year : Number(year);
    if (typeof sheet !== "string" || !sheet || typeof templateId !== "string" || !templateId)
      continue;
    if (!Number.isInteger(y)) continue;
    found.set(sheet, {
      templateId,
      templateVersion: String(templateVersion ?? ""),
      year: y,
      ...(isReportingPeriod(period) ? { period } : {}),
    });
  }
  return found;
}

/** The 0-based row where a sheet's record goes: its existing row, or the first after the others. */
export function metadataRow(
  values: ReadonlyArray<ReadonlyArray<unknown>> | undefined,
  sheet: string
): number {
  if (!values || values.length === 0) return 1;
  for (let r = 1; r < values.length; r++) if (values[r]?.[0] === sheet) return r;
  return values.length;
}

/** A sheet's record, one value per METADATA_HEADER column ("" for no period). */
export function metadataRecord(
  sheet: string,
  m: AnnexMetadata
): [string, string, string, number, string] {
  return [sheet, m.templateId, m.templateVersion, m.year, m.period ?? ""];
}

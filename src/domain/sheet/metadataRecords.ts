import { AnnexMetadata } from "./snapshot";
import { isReportingPeriod } from "../template/period";

/**
 * The annex metadata record, as every host keeps it: a very hidden sheet "_annex" with a header row
 * (sheet, templateId, templateVersion, year, period) and one row per annex sheet, read and written
 * through these functions by the ExcelJS adapter (src/adapters/xlsx/metadata.ts) and the Office.js
 * host alike. Explanations are a second table in the same sheet (src/domain/explanations/records.ts).
 */
export const METADATA_SHEET = "_annex";
export const METADATA_HEADER = [
  "sheet",
  "templateId",
  "templateVersion",
  "year",
  "period",
  "department",
] as const;

/** Reads the records from the sheet's values (header row first). Rows that do not parse are skipped. */
export function parseMetadata(
  values: ReadonlyArray<ReadonlyArray<unknown>> | undefined
): Map<string, AnnexMetadata> {
  const found = new Map<string, AnnexMetadata>();
  if (!values) return found;
  for (let r = 1; r < values.length; r++) {
    const [sheet, templateId, templateVersion, year, period, department] = values[r] ?? [];
    const y = typeof year === "number" ? year : Number(year);
    if (typeof sheet !== "string" || !sheet || typeof templateId !== "string" || !templateId)
      continue;
    if (!Number.isInteger(y)) continue;
    found.set(sheet, {
      templateId,
      templateVersion: String(templateVersion ?? ""),
      year: y,
      ...(isReportingPeriod(period) ? { period } : {}),
      ...(typeof department === "string" && department ? { department } : {}),
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

/** A sheet's record, one value per METADATA_HEADER column ("" for no period or department). */
export function metadataRecord(
  sheet: string,
  m: AnnexMetadata
): [string, string, string, number, string, string] {
  return [sheet, m.templateId, m.templateVersion, m.year, m.period ?? "", m.department ?? ""];
}

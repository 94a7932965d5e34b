import { AnnexMetadata } from "./snapshot";
import { isReportingPeriod } from "../template/period";
import { parseConsolidation } from "../consolidate/records";
import { sameSheetName, SheetNameMap } from "./sheetName";
import { findDepartment } from "../template/department";

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
  const found = new SheetNameMap<AnnexMetadata>();
  if (!values) return found;
  // A consolidated annex's record (consolidate/records.ts) is a table of the same sheet.
  const consolidated = parseConsolidation(values);
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
      // Only a department the catalog knows (a record of an older version has other things there).
      ...(typeof department === "string" && findDepartment(department) ? { department } : {}),
      ...(consolidated.has(sheet) ? { consolidated: consolidated.get(sheet) } : {}),
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
  for (let r = 1; r < values.length; r++) {
    const name = values[r]?.[0];
    if (typeof name === "string" && sameSheetName(name, sheet)) return r;
  }
  return values.length;
}

/** A sheet's record, one value per METADATA_HEADER column ("" for no period or department). */
export function metadataRecord(
  sheet: string,
  m: AnnexMetadata
): [string, string, string, number, string, string] {
  return [sheet, m.templateId, m.templateVersion, m.year, m.period ?? "", m.department ?? ""];
}

/** The identity written beside a record (SHEET_IDENTITY_HEADER): the sheet's id as text, its position. */
export function sheetIdentity(s: WorkbookSheet): [string, number] {
  return [s.sheetNo ?? "", s.position];
}

/**
 * A sheet's identity beside its record (issue #19), in the two columns right of METADATA_HEADER: the
 * workbook's own id of the sheet (Excel's sheetId, which Excel keeps through a rename or a move;
 * LibreOffice numbers the sheets afresh when it saves) and its position (1 = first) when the record
 * was written. A record whose name no sheet has any more finds its sheet by them (resolveSheets), so a
 * sheet renamed in Excel or LibreOffice keeps its metadata and its explanations. Hosts that do not
 * know them leave them empty: the record is then matched by its name only, as before.
 */
export const SHEET_IDENTITY_HEADER = ["sheetNo", "position"] as const;
export const SHEET_IDENTITY_COLUMN = METADATA_HEADER.length;

/** A sheet of the workbook as a host sees it: its name, its id (as text) and position (1 = first). */
export interface WorkbookSheet {
  readonly name: string;
  readonly sheetNo?: string;
  readonly position: number;
}

/** The recorded sheets: name, and the identity kept beside it when the host wrote one. */
export function parseSheetRecords(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined
): WorkbookSheet[] {
  const found: WorkbookSheet[] = [];
  if (!values) return found;
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const name = row[0];
    if (typeof name !== "string" || !name) continue;
    const no = row[SHEET_IDENTITY_COLUMN];
    const position = Number(row[SHEET_IDENTITY_COLUMN + 1]);
    found.push({
      name,
      ...(no !== undefined && no !== null && String(no) !== "" ? { sheetNo: String(no) } : {}),
      position: Number.isInteger(position) && position > 0 ? position : 0,
    });
  }
  return found;
}

/**
 * Which sheet each recorded name is now: the sheet of that name; else, for a name no sheet has (a
 * sheet renamed), the sheet no record names with the same id, else at the same position. Each sheet
 * answers for one record at most; a record no sheet answers for is left out (its sheet is gone).
 */
export function resolveSheets(
  records: readonly WorkbookSheet[],
  sheets: readonly WorkbookSheet[]
): Map<string, string> {
  const resolved = new Map<string, string>();
  const names = new Set(sheets.map((s) => s.name));
  const recorded = new Set(records.map((r) => r.name));
  const free = sheets.filter((s) => !recorded.has(s.name) && s.name !== METADATA_SHEET);
  const claimed = new Set<string>();
  for (const r of records) if (names.has(r.name)) resolved.set(r.name, r.name);
  const orphans = records.filter((r) => !names.has(r.name));
  const claim = (match: (r: WorkbookSheet, s: WorkbookSheet) => boolean) => {
    for (const r of orphans) {
      if (resolved.has(r.name)) continue;
      const s = free.filter((x) => !claimed.has(x.name) && match(r, x));
      if (s.length !== 1) continue;
      resolved.set(r.name, s[0].name);
      claimed.add(s[0].name);
    }
  };
  claim((r, s) => r.sheetNo !== undefined && r.sheetNo === s.sheetNo);
  claim((r, s) => r.position > 0 && r.position === s.position);
  return resolved;
}

/**
 * Which sheet each name recorded in `_annex` is now (itself, or the sheet it was renamed to, see
 * resolveSheets); a sheet with no record answers for its own name. What every host reads a sheet's
 * records through, so a sheet renamed in Excel keeps them in the add-in as in the command line.
 */
export function currentNames(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined,
  sheets: readonly WorkbookSheet[]
): Map<string, string> {
  const resolved = resolveSheets(parseSheetRecords(values), sheets);
  for (const s of sheets) if (!resolved.has(s.name)) resolved.set(s.name, s.name);
  return resolved;
}

/** The names a sheet's records are kept under: its own first, then those it had before a rename. */
export function recordedNamesOf(names: ReadonlyMap<string, string>, sheet: string): string[] {
  const former = [...names].filter(([r, now]) => now === sheet && r !== sheet).map(([r]) => r);
  return [sheet, ...former];
}

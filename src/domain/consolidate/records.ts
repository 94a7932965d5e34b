import type { Bilingual } from "../rules/finding";
import { tableColumn } from "../sheet/metadataTables";

/**
 * What a consolidated annex (annex merge, Tổng hợp) records about itself in the very hidden metadata
 * sheet "_annex", so that whoever opens it later — `annex check`, a second merge, the pane — knows:
 *  - that it is a consolidated annex (a second merge never takes it for one more unit), and of how
 *    many units;
 *  - which of its cells the merge left empty or did not fully sum, and why (a rate whose base not
 *    every unit gave, a figure written as text): `check` reports each one (rules/checks/consolidated.ts).
 *
 * A third table in the metadata sheet, right of the metadata records and the explanations
 * (src/domain/explanations/records.ts), found by its header "consolidatedSheet" (written at column U
 * when absent). One row per sheet with kind "units" (its cell empty, the number of units in `vi`),
 * then one row per note: sheet, kind, cell(s) (space-separated), message vi, message en. Text cells only (and the count).
 * parseMetadata (sheet/metadataRecords.ts) attaches it to the sheet's AnnexMetadata, so both hosts
 * read it with the metadata they already read.
 */
export const CONSOLIDATION_HEADER = ["consolidatedSheet", "kind", "cell", "vi", "en"] as const;

/** The 0-based column the table goes in when the metadata sheet has none: U, clear of the explanations (J–S). */
export const CONSOLIDATION_COLUMN = 20;

/**
 * Why a consolidated cell is empty or not the plain sum:
 *  - partial-base: a rate not recomputed because some units lack its numerator or denominator;
 *  - left-empty: the province's own figure is asked for (no counts to compute a rate from, no year before);
 *  - text: some units wrote the figure as text (left out of the sum, or read as a number and said so);
 *  - partial-sum: a count or amount summed over the units that gave it, others having left it blank.
 */
export type ConsolidationNoteKind = "partial-base" | "left-empty" | "text" | "partial-sum";

export interface ConsolidationNote {
  readonly kind: ConsolidationNoteKind;
  /** The consolidated cell ("E30"), or cells space-separated ("D29 E29 G29"). */
  readonly cell: string;
  readonly message: Bilingual;
}

export interface ConsolidationRecord {
  /** How many units' files were summed. */
  readonly units: number;
  readonly notes: readonly ConsolidationNote[];
}

const KINDS: readonly ConsolidationNoteKind[] = [
  "partial-base",
  "left-empty",
  "text",
  "partial-sum",
];

/** Where the table is in a metadata sheet's values (row 0 = its first row): its column, or undefined. */
export function consolidationColumn(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined
): number | undefined {
  return tableColumn(values, CONSOLIDATION_HEADER[0]);
}

/** Every consolidated sheet's record, read from the metadata sheet's values. Rows that do not parse are skipped. */
export function parseConsolidation(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined
): Map<string, ConsolidationRecord> {
  const found = new Map<string, { units: number; notes: ConsolidationNote[] }>();
  const col = consolidationColumn(values);
  if (!values || col === undefined) return found;
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    const [sheet, kind, cell, vi, en] = CONSOLIDATION_HEADER.map((_, k) => row[col + k]);
    if (typeof sheet !== "string" || !sheet) continue;
    let record = found.get(sheet);
    if (kind === "units") {
      const units = Number(vi);
      if (!record) found.set(sheet, (record = { units: 0, notes: [] }));
      if (Number.isInteger(units) && units >= 0) record.units = units;
      continue;
    }
    if (!KINDS.includes(kind as ConsolidationNoteKind)) continue;
    // One cell ("E30") or several, space-separated ("D29 E29 G29").
    if (typeof cell !== "string" || !/^[A-Za-z]{1,3}\d+(?: [A-Za-z]{1,3}\d+)*$/.test(cell.trim()))
      continue;
    if (!record) found.set(sheet, (record = { units: 0, notes: [] }));
    record.notes.push({
      kind: kind as ConsolidationNoteKind,
      cell: cell.trim().toUpperCase(),
      message: { vi: String(vi ?? ""), en: String(en ?? "") },
    });
  }
  return found;
}

/** The table's rows (header first) for one consolidated sheet: what the merge writes beside its metadata. */
export function consolidationRows(sheet: string, record: ConsolidationRecord): string[][] {
  return [
    [...CONSOLIDATION_HEADER],
    [sheet, "units", "", String(record.units), ""],
    ...record.notes.map((n) => [sheet, n.kind, n.cell, n.message.vi, n.message.en]),
  ];
}

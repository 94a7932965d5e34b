/** The values of the very hidden `_annex` sheet as a host reads them (row 0 = its first row). */
export type MetadataValues = ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined;

/**
 * Where one of `_annex`'s tables is (the metadata's neighbours: explanations, the merge's record, the
 * targets file, the embedded templates): the column whose first-row cell is the table's header, or
 * undefined when the sheet has none. Each table is found this way wherever it stands.
 */
export function tableColumn(values: MetadataValues, header: string): number | undefined {
  const at = values?.[0]?.findIndex((v) => v === header) ?? -1;
  return at >= 0 ? at : undefined;
}

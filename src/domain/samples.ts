import { AnnexLayout } from "./layout/annexLayout";
import { CellSnapshot, SheetSnapshot } from "./sheet/snapshot";
import { Template } from "./template/schema";

/** Figures to fill an annex with, by indicator code and column id (as typed: numbers or text). */
export interface SampleFigures {
  readonly templateId: string;
  readonly year: number;
  readonly authority?: string;
  readonly unitName?: string;
  readonly values: Readonly<Record<string, Readonly<Record<string, number | string>>>>;
  readonly notes?: Readonly<Record<string, string>>;
}

/** Types figures into a freshly laid-out annex, as a person would (the snapshot, not a file). */
export function fillSnapshot(
  snapshot: SheetSnapshot,
  layout: AnnexLayout,
  template: Template,
  sample: SampleFigures
): SheetSnapshot {
  const rows = snapshot.rows.map((r) => (r ? [...r] : [])) as Array<
    Array<CellSnapshot | undefined>
  >;
  const colOf = new Map(template.columns.map((c, i) => [c.id, i]));
  for (const [code, byColumn] of Object.entries(sample.values)) {
    const row = layout.rowOf.get(code);
    if (row === undefined) continue;
    for (const [columnId, value] of Object.entries(byColumn)) {
      const col = colOf.get(columnId);
      if (col === undefined) continue;
      const before = rows[row][col];
      rows[row][col] = { value, ...(before?.numFmt ? { numFmt: before.numFmt } : {}) };
    }
  }
  for (const [code, note] of Object.entries(sample.notes ?? {})) {
    const row = layout.rowOf.get(code);
    const col = colOf.get("note");
    if (row !== undefined && col !== undefined) rows[row][col] = { value: note };
  }
  return { ...snapshot, rows };
}

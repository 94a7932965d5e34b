import { AnnexLayout } from "./layout/annexLayout";
import { applyPlan, CellWrite, WritePlan } from "./plan/writePlan";
import { toA1 } from "./sheet/address";
import { SheetSnapshot } from "./sheet/snapshot";
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

/** What a person would type to enter the sample into a freshly laid-out annex, as a write plan. */
export function samplePlan(
  layout: AnnexLayout,
  template: Template,
  sample: SampleFigures
): WritePlan {
  const writes: CellWrite[] = [];
  const colOf = new Map(template.columns.map((c, i) => [c.id, i]));
  const type = (code: string, columnId: string, value: number | string) => {
    const row = layout.rowOf.get(code);
    const col = colOf.get(columnId);
    if (row === undefined || col === undefined) return;
    writes.push({ row, col, address: toA1(row, col), value, purpose: "input" });
  };
  for (const [code, byColumn] of Object.entries(sample.values)) {
    for (const [columnId, value] of Object.entries(byColumn)) type(code, columnId, value);
  }
  for (const [code, note] of Object.entries(sample.notes ?? {})) type(code, "note", note);
  return { sheet: layout.sheetName, writes, skipped: [] };
}

/** Types the sample into a freshly laid-out annex snapshot, as a person would. */
export function fillSnapshot(
  snapshot: SheetSnapshot,
  layout: AnnexLayout,
  template: Template,
  sample: SampleFigures
): SheetSnapshot {
  return applyPlan(snapshot, samplePlan(layout, template, sample));
}

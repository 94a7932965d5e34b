import {
  AnnexLayout,
  Bilingual,
  buildAnnexLayout,
  LocatedAnnex,
  NumberLocale,
  reportingUnit,
  SheetSnapshot,
  Template,
  toA1,
} from "../domain";
import { CellWrite } from "../domain/plan/writePlan";
import { CarriedFigure, rollover } from "../domain/rollover";
import { SheetReadings } from "../domain/sheet/columnReadings";

/**
 * "Lập biểu năm sau" (issue #21): the pane's side of `annex rollover`. From the open annex, next year's
 * layout (same form, title block, department) and the figures that go into it, each listed; the
 * session inserts the sheet and writes them. An estimate standing in for an actual is a draft.
 */
export interface NextYearPlan {
  readonly layout: AnnexLayout;
  readonly writes: readonly CellWrite[];
  readonly carried: ReadonlyArray<CarriedFigure & { readonly cell: string }>;
  readonly empty: readonly Bilingual[];
}

export function nextYearPlan(
  snapshot: SheetSnapshot,
  annex: LocatedAnnex,
  whole: Template,
  locale: NumberLocale
): NextYearPlan {
  const plan = rollover(annex, new SheetReadings(snapshot, annex.rows, locale));
  const title = reportingUnit(snapshot, annex.headerRow);
  const department = snapshot.metadata?.department;
  const layout = buildAnnexLayout(whole, {
    year: plan.year,
    locale,
    ...(title.authority ? { authority: title.authority } : {}),
    ...(title.unit ? { unitName: title.unit } : {}),
    ...(department ? { department } : {}),
  });
  const colOf = new Map(whole.columns.map((c, i) => [c.id, i]));
  const writes: CellWrite[] = [];
  const carried: Array<CarriedFigure & { cell: string }> = [];
  for (const f of plan.carried) {
    const row = layout.rowOf.get(f.code);
    const col = colOf.get(f.to);
    if (row === undefined || col === undefined) continue;
    const address = toA1(row, col);
    writes.push({ row, col, address, value: f.value, purpose: "input" });
    carried.push({ ...f, cell: address });
  }
  return { layout, writes, carried, empty: plan.empty };
}

/** "Đã lập biểu năm 2028 …: chuyển 120 số, 58 số là bản nháp …" */
export function nextYearSummary(plan: NextYearPlan, sheet: string, from: string): Bilingual {
  const n = plan.carried.length;
  const drafts = plan.carried.filter((c) => c.draft).length;
  const year = plan.layout.metadata.year;
  return {
    vi: `Đã lập biểu năm ${year} từ trang tính "${from}" vào trang tính mới "${sheet}": chuyển ${n} số, trong đó ${drafts} số ước thực hiện là bản nháp của số thực hiện (cần cập nhật số chính thức). Để trống: ${plan.empty.map((e) => e.vi).join(", ")}; không chuyển ghi chú và giải trình.`,
    en: `Made the ${year} annex from sheet "${from}" as the new sheet "${sheet}": carried ${n} figures, ${drafts} of them estimates standing as drafts of the actual (replace with the official figures). Left empty: ${plan.empty.map((e) => e.en).join(", ")}; notes and explanations are not carried.`,
  };
}

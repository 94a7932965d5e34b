/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { EVALUATION } from "../../derive/derivedCells";
import { parseTarget, Target } from "../../../../../src/domain/targets/parseTarget";
import { EPSILON, indicatorLabel, num, RuleContext, text } from "../context";

/** Plans against the targets set from above, and estimates against the plan (evaluation column). */
export function checkTargets(ctx: RuleContext): void {
  for (const row of ctx.annex.rows) {
    for (const t of row.indicator.targets) {
      const column = ctx.column(t.column);
      if (column?.role !== "input" || ctx.col(column.id) === undefined) continue;
      const v = ctx.number(row, column);
      const parsed = parseTarget(t.text, "vi-VN");
      if (!v || !parsed.ok || satisfies(v.value, parsed.target, row.indicator.direction)) continue;
      const where = ctx.columnName(column);
      const source = t.source
        ? { vi: ` (${t.source.vi})`, en: ` (${t.source.en})` }
        : { vi: "", en: "" };
      ctx.emit("target.below-template", {
        cells: [ctx.address(row, column.id)],
        indicator: row.indicator,
        columnId: column.id,
        message: text(
          `Chỉ tiêu ${row.indicator.code}: "${where.vi}" là ${num(v.value).vi}, chưa đạt chỉ tiêu "${t.text}"${source.vi}.`,
          `Indicator ${row.indicator.code}: "${where.en}" is ${num(v.value).en}, short of the target "${t.text}"${source.en}.`
        ),
        expected: text(t.text),
        found: num(v.value),
      });
    }
  }
  for (const dc of ctx.derived) {
    if (dc.mode !== "evaluation" || dc.value !== EVALUATION.notMet) continue;
    const label = indicatorLabel(dc.indicator);
    ctx.emit("target.not-met", {
      cells: [dc.address],
      indicator: dc.indicator,
      columnId: dc.columnId,
      message: text(
        `Chỉ tiêu "${label.vi}" không đạt kế hoạch.`,
        `"${label.en}" does not meet its plan.`
      ),
      found: text(EVALUATION.notMet, "not met"),
    });
  }
}

/** Whether a value meets a target set from above; a plain figure is a floor or a ceiling by direction. */
export function satisfies(v: number, t: Target, direction: "up" | "down" | "neutral"): boolean {
  if (t.op === "=") {
    if (direction === "up") return v >= t.value - EPSILON;
    if (direction === "down") return v <= t.value + EPSILON;
    return Math.abs(v - t.value) <= EPSILON;
  }
  switch (t.op) {
    case ">":
      return v > t.value + EPSILON;
    case ">=":
      return v >= t.value - EPSILON;
    case "<":
      return v < t.value - EPSILON;
    case "<=":
      return v <= t.value + EPSILON;
    case "about":
      return Math.abs(v - t.value) <= Math.abs(t.value) * 0.05 + EPSILON;
    case "range":
      return v >= t.min - EPSILON && v <= t.max + EPSILON;
  }
}

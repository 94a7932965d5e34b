import { EVALUATION } from "../../derive/derivedCells";
import { parseTarget, Target } from "../../targets/parseTarget";
import { isFigure } from "../../sheet/columnReadings";
import { EPSILON, indicatorLabel, num, RuleContext, text } from "../context";

/** Plans against the targets set from above, and estimates against the plan (evaluation column). */
export function checkTargets(ctx: RuleContext): void {
  const rows = ctx.annex.rows;
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri];
    const targets = row.indicator.targets;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k];
      const column = ctx.column(t.column);
      if (column?.role !== "input") continue;
      const c = ctx.input(column);
      if (!c || !isFigure(c.state[row.index])) continue;
      const v = c.value[row.index];
      const parsed = parseTemplateTarget(t.text);
      if (!parsed.ok || satisfies(v, parsed.target, row.indicator.direction)) continue;
      const where = ctx.columnName(column);
      const source = t.source
        ? { vi: ` (${t.source.vi})`, en: ` (${t.source.en})` }
        : { vi: "", en: "" };
      ctx.emit("target.below-template", {
        cells: [ctx.address(row, column.id)],
        indicator: row.indicator,
        columnId: column.id,
        message: text(
          `Chỉ tiêu ${row.indicator.code}: "${where.vi}" là ${num(v).vi}, chưa đạt chỉ tiêu "${t.text}"${source.vi}.`,
          `Indicator ${row.indicator.code}: "${where.en}" is ${num(v).en}, short of the target "${t.text}"${source.en}.`
        ),
        expected: text(t.text),
        found: num(v),
      });
    }
  }
  const derived = ctx.derived;
  for (let k = 0; k < derived.length; k++) {
    if (derived.value(k) !== EVALUATION.notMet || derived.mode(k) !== "evaluation") continue;
    const dc = derived.cell(k);
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

const templateTargets = new Map<string, ReturnType<typeof parseTarget>>();

/** A target written in the template, read once (templates are data; the text never changes). */
function parseTemplateTarget(text: string): ReturnType<typeof parseTarget> {
  let parsed = templateTargets.get(text);
  if (!parsed) {
    parsed = parseTarget(text, "vi-VN");
    templateTargets.set(text, parsed);
  }
  return parsed;
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

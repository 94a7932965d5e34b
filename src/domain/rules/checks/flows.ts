import { isFigure } from "../../sheet/columnReadings";
import { EPSILON, indicatorNamed, num, RuleContext, text } from "../context";

/** A flow accumulates over the year: the part-year figure cannot exceed the full-year figure. */
export function checkFlows(ctx: RuleContext): void {
  for (const column of ctx.inputs) {
    if (column.notAbove === undefined) continue;
    const full = ctx.column(column.notAbove);
    if (!full || full.role !== "input") continue;
    const partCol = ctx.input(column);
    const yearCol = ctx.input(full);
    if (!partCol || !yearCol) continue;
    const rows = ctx.annex.rows;
    for (let ri = 0; ri < rows.length; ri++) {
      const row = rows[ri];
      if (row.indicator.nature !== "flow") continue;
      const i = row.index;
      if (!isFigure(partCol.state[i]) || !isFigure(yearCol.state[i])) continue;
      const part = partCol.value[i];
      const year = yearCol.value[i];
      if (part <= year + EPSILON) continue;
      const [p, f] = [ctx.columnName(column), ctx.columnName(full)];
      const named = indicatorNamed(row.indicator);
      ctx.emit("flow.part-year-exceeds", {
        cells: [ctx.address(row, column.id), ctx.address(row, full.id)],
        indicator: row.indicator,
        columnId: column.id,
        message: text(
          `${named.vi}: "${p.vi}" (${num(part).vi}) lớn hơn "${f.vi}" (${num(year).vi}).`,
          `${named.en}: "${p.en}" (${num(part).en}) exceeds "${f.en}" (${num(year).en}).`
        ),
        expected: text(`≤ ${num(year).vi}`, `≤ ${num(year).en}`),
        found: num(part),
      });
    }
  }
}

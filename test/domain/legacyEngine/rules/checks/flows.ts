/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { EPSILON, num, RuleContext, text } from "../context";

/** A flow accumulates over the year: the part-year figure cannot exceed the full-year figure. */
export function checkFlows(ctx: RuleContext): void {
  for (const column of ctx.inputs) {
    if (column.notAbove === undefined || ctx.col(column.id) === undefined) continue;
    const full = ctx.column(column.notAbove);
    if (!full || full.role !== "input" || ctx.col(full.id) === undefined) continue;
    for (const row of ctx.annex.rows) {
      if (row.indicator.nature !== "flow") continue;
      const part = ctx.number(row, column);
      const year = ctx.number(row, full);
      if (!part || !year || part.value <= year.value + EPSILON) continue;
      const [p, f] = [ctx.columnName(column), ctx.columnName(full)];
      ctx.emit("flow.part-year-exceeds", {
        cells: [ctx.address(row, column.id), ctx.address(row, full.id)],
        indicator: row.indicator,
        columnId: column.id,
        message: text(
          `Chỉ tiêu ${row.indicator.code}: "${p.vi}" (${num(part.value).vi}) lớn hơn "${f.vi}" (${num(year.value).vi}).`,
          `Indicator ${row.indicator.code}: "${p.en}" (${num(part.value).en}) exceeds "${f.en}" (${num(year.value).en}).`
        ),
        expected: text(`≤ ${num(year.value).vi}`, `≤ ${num(year.value).en}`),
        found: num(part.value),
      });
    }
  }
}

/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { isEmptyAt } from "../../../../../src/domain/sheet/snapshot";
import { num, RuleContext, text } from "../context";

export const DEFAULT_CHANGE_THRESHOLD = 50;

/** A large change from last year deserves a word in Ghi chú; without one it is flagged. */
export function checkChange(ctx: RuleContext): void {
  const threshold = ctx.options.changeThreshold ?? DEFAULT_CHANGE_THRESHOLD;
  const noteCol = ctx.col("note");
  for (const column of ctx.annex.template.columns) {
    if (column.role !== "derived" || column.purpose !== "yearOverYear") continue;
    const now = ctx.column(column.numerator);
    const before = ctx.column(column.denominator);
    if (now?.role !== "input" || before?.role !== "input") continue;
    for (const row of ctx.annex.rows) {
      if (row.indicator.kind === "points") continue;
      const a = ctx.number(row, now);
      const b = ctx.number(row, before);
      if (!a || !b || b.value <= 0) continue;
      const change = (a.value / b.value - 1) * 100;
      if (Math.abs(change) <= threshold) continue;
      if (noteCol !== undefined && !isEmptyAt(ctx.sheet, row.row, noteCol)) continue;
      const [n, p] = [ctx.columnName(now), ctx.columnName(before)];
      const sign = change > 0 ? "+" : "";
      ctx.emit("change.large", {
        cells: [
          ctx.address(row, now.id),
          ...(noteCol !== undefined ? [ctx.address(row, "note")] : []),
        ],
        indicator: row.indicator,
        columnId: now.id,
        message: text(
          `Chỉ tiêu ${row.indicator.code}: "${n.vi}" thay đổi ${sign}${num(change, 1).vi}% so với "${p.vi}" (ngưỡng ±${threshold}%) mà chưa có ghi chú.`,
          `Indicator ${row.indicator.code}: "${n.en}" changed ${sign}${num(change, 1).en}% from "${p.en}" (threshold ±${threshold}%) with no note.`
        ),
        expected: text(`±${threshold}% hoặc có ghi chú`, `±${threshold}% or a note`),
        found: text(`${sign}${num(change, 1).vi}%`, `${sign}${num(change, 1).en}%`),
      });
    }
  }
}

import { isFigure } from "../../sheet/columnReadings";
import { isEmptyAt } from "../../sheet/snapshot";
import { indicatorNamed, num, RuleContext, text } from "../context";

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
    const nowCol = ctx.input(now);
    const beforeCol = ctx.input(before);
    if (!nowCol || !beforeCol) continue;
    const rows = ctx.annex.rows;
    for (let ri = 0; ri < rows.length; ri++) {
      const row = rows[ri];
      if (row.indicator.kind === "points") continue;
      const i = row.index;
      if (!isFigure(nowCol.state[i]) || !isFigure(beforeCol.state[i])) continue;
      const a = nowCol.value[i];
      const b = beforeCol.value[i];
      if (b <= 0) continue;
      const change = (a / b - 1) * 100;
      // 1e308 over a small figure overflows: derived.overflow reports it; no "+Infinity%" here.
      if (!Number.isFinite(change) || Math.abs(change) <= threshold) continue;
      if (noteCol !== undefined && !isEmptyAt(ctx.sheet, row.row, noteCol)) continue;
      const [n, p] = [ctx.columnName(now), ctx.columnName(before)];
      const sign = change > 0 ? "+" : "";
      const named = indicatorNamed(row.indicator);
      ctx.emit("change.large", {
        cells: [
          ctx.address(row, now.id),
          ...(noteCol !== undefined ? [ctx.address(row, "note")] : []),
        ],
        indicator: row.indicator,
        columnId: now.id,
        message: text(
          `${named.vi}: "${n.vi}" thay đổi ${sign}${num(change, 1).vi}% so với "${p.vi}" (ngưỡng ±${threshold}%) mà chưa có ghi chú.`,
          `${named.en}: "${n.en}" changed ${sign}${num(change, 1).en}% from "${p.en}" (threshold ±${threshold}%) with no note.`
        ),
        expected: text(`±${threshold}% hoặc có ghi chú`, `±${threshold}% or a note`),
        found: text(`${sign}${num(change, 1).vi}%`, `${sign}${num(change, 1).en}%`),
      });
    }
  }
}

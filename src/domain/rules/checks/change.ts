import { isFigure } from "../../sheet/columnReadings";
import { isEmptyAt } from "../../sheet/snapshot";
import { EPSILON, indicatorNamed, num, RuleContext, text } from "../context";

export const DEFAULT_CHANGE_THRESHOLD = 50;
/** For rates and points: a change beyond this many percentage points. */
export const DEFAULT_CHANGE_POINTS_THRESHOLD = 5;

/**
 * A large change from last year deserves a word in Ghi chú; without one it is flagged. Counts and
 * amounts change in % of last year's figure (±50 %); rates and points in percentage points (±5), as
 * the comparison column shows them: a low poverty rate halving (2,66 → 1,30 %) is 1,36 points, not a
 * "-51,1 %" change.
 */
export function checkChange(ctx: RuleContext): void {
  const threshold = ctx.options.changeThreshold ?? DEFAULT_CHANGE_THRESHOLD;
  const pointsThreshold = ctx.options.changePointsThreshold ?? DEFAULT_CHANGE_POINTS_THRESHOLD;
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
      const i = row.index;
      if (!isFigure(nowCol.state[i]) || !isFigure(beforeCol.state[i])) continue;
      const a = nowCol.value[i];
      const b = beforeCol.value[i];
      const inPoints = row.indicator.kind === "rate" || row.indicator.kind === "points";
      if (!inPoints && b <= 0) continue;
      const change = inPoints ? a - b : (a / b - 1) * 100;
      const limit = inPoints ? pointsThreshold : threshold;
      // 1e308 over a small figure overflows: derived.overflow reports it; no "+Infinity%" here.
      if (!Number.isFinite(change) || Math.abs(change) <= limit + EPSILON) continue;
      if (noteCol !== undefined && !isEmptyAt(ctx.sheet, row.row, noteCol)) continue;
      const [n, p] = [ctx.columnName(now), ctx.columnName(before)];
      const sign = change > 0 ? "+" : "";
      const named = indicatorNamed(row.indicator);
      // "%" for a share of last year's figure; " điểm %" (vi) / " points" (en) for rates and points.
      const [uVi, uEn] = inPoints ? [" điểm %", " percentage points"] : ["%", "%"];
      const size = text(
        `${sign}${num(change, inPoints ? 2 : 1).vi}${uVi}`,
        `${sign}${num(change, inPoints ? 2 : 1).en}${uEn}`
      );
      const bound = text(`±${num(limit).vi}${uVi}`, `±${num(limit).en}${uEn}`);
      ctx.emit("change.large", {
        cells: [
          ctx.address(row, now.id),
          ...(noteCol !== undefined ? [ctx.address(row, "note")] : []),
        ],
        indicator: row.indicator,
        columnId: now.id,
        message: text(
          `${named.vi}: "${n.vi}" thay đổi ${size.vi} so với "${p.vi}" (ngưỡng ${bound.vi}) mà chưa có ghi chú.`,
          `${named.en}: "${n.en}" changed ${size.en} from "${p.en}" (threshold ${bound.en}) with no note.`
        ),
        expected: text(`${bound.vi} hoặc có ghi chú`, `${bound.en} or a note`),
        found: size,
      });
    }
  }
}

import { valueAt } from "../../sheet/snapshot";
import { fold } from "../../text/fold";
import { quoteCell } from "../../text/quote";
import { indicatorNamed, RuleContext, text } from "../context";

/** The unit in column C against the template's unit (and its accepted spellings). */
export function checkUnits(ctx: RuleContext): void {
  const unitCol = ctx.col("unit");
  if (unitCol === undefined) return;
  const rows = ctx.annex.rows;
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri];
    const ind = row.indicator;
    const v = valueAt(ctx.sheet, row.row, unitCol);
    const written = typeof v === "string" ? v.trim() : String(v);
    if (written === ind.unit) continue;
    const address = ctx.address(row, "unit");
    const named = indicatorNamed(ind);
    if (!written) {
      ctx.emit("unit.missing", {
        cells: [address],
        indicator: ind,
        message: text(
          `${named.vi} chưa ghi đơn vị tính (${ind.unit}).`,
          `${named.en} has no unit written (${ind.unit}).`
        ),
        expected: text(ind.unit),
        found: text("(trống)", "(blank)"),
      });
      continue;
    }
    const accepted = [ind.unit, ...ind.unitAliases].map(fold);
    if (accepted.includes(fold(written))) continue;
    const quoted = quoteCell(written);
    ctx.emit("unit.mismatch", {
      cells: [address],
      indicator: ind,
      message: text(
        `${named.vi} có đơn vị "${quoted}" nhưng mẫu quy định "${ind.unit}".`,
        `${named.en} is in "${quoted}" but the template says "${ind.unit}".`
      ),
      expected: text(ind.unit),
      found: text(quoted),
    });
  }
}

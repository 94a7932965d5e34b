import standards from "../../catalog/povertyStandards.json";
import { isFigure } from "../../sheet/columnReadings";
import { Column, InputColumn } from "../../template/schema";
import { indicatorNamed, RuleContext, text } from "../context";

/**
 * A poverty rate of a year under one standard against a year under another (2026 under the 2022–2025
 * standard, 2027 under Decree 351/2025/NĐ-CP) is not a change in poverty (issue #21): each comparison
 * the annex makes across the change of standard is said to be not comparable, naming both standards,
 * instead of reading silently as "giảm X điểm %". Which rows are poverty rates, and the standards'
 * years, are data (catalog/povertyStandards.json).
 */
interface Standard {
  readonly id: string;
  readonly from: number;
  readonly until: number;
  readonly vi: string;
  readonly en: string;
}

const STANDARDS: readonly Standard[] = standards.standards;
const ROWS: Readonly<
  Record<string, { readonly rates: readonly string[]; readonly reductions: readonly string[] }>
> = standards.indicators;

function standardOf(year: number): Standard | undefined {
  return STANDARDS.find((s) => year >= s.from && year <= s.until);
}

export function checkPovertyStandard(ctx: RuleContext): void {
  const template = ctx.annex.template;
  const rows = ROWS[template.id];
  if (!rows) return;
  const year = (c: InputColumn) => ctx.annex.year + c.yearOffset;
  const inputOf = (id: string): InputColumn | undefined => {
    const c: Column | undefined = ctx.column(id);
    return c?.role === "input" ? c : undefined;
  };
  for (const row of ctx.annex.rows) {
    const code = row.indicator.code;
    const named = indicatorNamed(row.indicator);
    if (rows.rates.includes(code)) {
      // Each derived column compares two input columns: across the change of standard, not comparable.
      for (const column of template.columns) {
        if (column.role !== "derived") continue;
        const a = inputOf(column.numerator);
        const b = inputOf(column.denominator);
        if (!a || !b) continue;
        const [sa, sb] = [standardOf(year(a)), standardOf(year(b))];
        if (!sa || !sb || sa.id === sb.id) continue;
        const [ra, rb] = [ctx.input(a), ctx.input(b)];
        if (!ra || !rb || !isFigure(ra.state[row.index]) || !isFigure(rb.state[row.index]))
          continue;
        const [na, nb] = [ctx.columnName(a), ctx.columnName(b)];
        ctx.emit("poverty.standard-changed", {
          cells: [ctx.address(row, column.id), ctx.address(row, a.id), ctx.address(row, b.id)],
          indicator: row.indicator,
          columnId: column.id,
          message: text(
            `${named.vi}: "${na.vi}" tính theo ${sa.vi}, "${nb.vi}" theo ${sb.vi}; hai số không so sánh được, chênh lệch giữa chúng không phải là mức tăng, giảm nghèo.`,
            `${named.en}: "${na.en}" is under ${sa.en}, "${nb.en}" under ${sb.en}; the two are not comparable, and their difference is no change in poverty.`
          ),
          expected: text(`cùng một chuẩn nghèo`, `one poverty standard`),
          found: text(`${sb.id} và ${sa.id}`, `${sb.id} and ${sa.id}`),
        });
      }
    }
    if (rows.reductions.includes(code)) {
      // A reduction in a year is that year's rate against the year before's: the first year of a
      // standard has none under one standard.
      for (const column of template.columns) {
        if (column.role !== "input") continue;
        const now = standardOf(year(column));
        const before = standardOf(year(column) - 1);
        if (!now || !before || now.id === before.id) continue;
        const reading = ctx.input(column);
        if (!reading || !isFigure(reading.state[row.index])) continue;
        const n = ctx.columnName(column);
        ctx.emit("poverty.standard-changed", {
          cells: [ctx.address(row, column.id)],
          indicator: row.indicator,
          columnId: column.id,
          message: text(
            `${named.vi}: "${n.vi}" so tỷ lệ năm ${year(column)} (${now.vi}) với năm ${year(column) - 1} (${before.vi}); hai chuẩn khác nhau nên đây không phải là mức giảm nghèo. Hãy ghi rõ cách tính ở cột Ghi chú.`,
            `${named.en}: "${n.en}" compares ${year(column)}'s rate (${now.en}) with ${year(column) - 1}'s (${before.en}); under two standards it is no reduction of poverty. Say how it was computed in the Note column.`
          ),
          expected: text(`cùng một chuẩn nghèo`, `one poverty standard`),
          found: text(`${before.id} và ${now.id}`, `${before.id} and ${now.id}`),
        });
      }
    }
  }
}

import { toA1 } from "../../sheet/address";
import { namedPeriodText } from "../../template/period";
import { quoteCell } from "../../text/quote";
import { RuleContext, text } from "../context";

/**
 * A column whose header names another period than the one it covers: "Ước TH Quý I/2020" in the 6-month
 * column of a 6-month report, or in a quarterly report "TH 6 tháng". Its figures would be compared
 * as if they covered the form's period (plan, same period last year, year's estimate), so it is an
 * error, at the header cell.
 */
export function checkPeriods(ctx: RuleContext): void {
  const { annex } = ctx;
  const bySheet = annex.periodSource === "metadata";
  for (const m of annex.periodMismatches ?? []) {
    const column = ctx.column(m.columnId);
    if (!column) continue;
    const name = ctx.columnName(column);
    const [found, expected] = [namedPeriodText(m.found), namedPeriodText(m.expected)];
    const header = quoteCell(m.header);
    const why = bySheet
      ? text("theo thông tin biểu lưu trong tệp", "as recorded with the sheet")
      : text(`theo mẫu ${annex.template.form}`, `in template ${annex.template.form}`);
    ctx.emit("header.period-mismatch", {
      cells: [toA1(m.row, m.col)],
      columnId: m.columnId,
      message: text(
        `Tiêu đề cột "${header}" ghi kỳ ${found.vi}, nhưng cột này là "${name.vi}" (${expected.vi}, ${why.vi}); số liệu kỳ khác không so sánh được với kế hoạch và cùng kỳ. Hãy sửa tiêu đề hoặc chọn đúng kỳ báo cáo khi tạo biểu.`,
        `Column header "${header}" names ${found.en}, but this column is "${name.en}" (${expected.en}, ${why.en}); figures of another period cannot be compared with the plan and the same period last year. Correct the header, or choose the right reporting period when making the annex.`
      ),
      expected: text(name.vi, name.en),
      found: text(header),
    });
  }
}

import { toA1 } from "../../sheet/address";
import { indicatorLabel, RuleContext, text } from "../context";
import { quoteCell } from "../../text/quote";

/** The shape of the sheet: columns, header years, unknown, duplicate, missing and renamed rows. */
export function checkStructure(ctx: RuleContext): void {
  const { annex } = ctx;
  for (const column of annex.missingColumns) {
    if (column.role === "note") continue;
    const name = ctx.columnName(column);
    ctx.emit("header.missing-column", {
      cells: [toA1(annex.headerRow, 0)],
      columnId: column.id,
      message: text(
        `Không tìm thấy cột "${name.vi}" (${column.number || "-"}).`,
        `Column "${name.en}" (${column.number || "-"}) was not found.`
      ),
      expected: text(name.vi, name.en),
      found: text("không có", "none"),
    });
  }
  if (annex.headerYear !== undefined) {
    ctx.emit("header.year-mismatch", {
      cells: [toA1(annex.headerRow, 0)],
      message: text(
        `Biểu được lập cho năm ${annex.year} nhưng tiêu đề cột ghi năm theo năm ${annex.headerYear}.`,
        `The annex was made for ${annex.year} but its column headers are for ${annex.headerYear}.`
      ),
      expected: text(String(annex.year)),
      found: text(String(annex.headerYear)),
    });
  }
  const nameCol = ctx.col("name") ?? 1;
  for (const u of annex.unknownRows) {
    const name = quoteCell(u.text);
    ctx.emit("row.unknown", {
      cells: [toA1(u.row, nameCol)],
      message: text(
        `Dòng ${u.row + 1} ("${name || "không có tên"}") không có trong mẫu ${annex.template.form}; số liệu của dòng này không được kiểm tra.`,
        `Row ${u.row + 1} ("${name || "no name"}") is not in template ${annex.template.form}; its figures are not checked.`
      ),
      found: text(name || "(trống)", name || "(blank)"),
    });
  }
  for (const d of annex.duplicateRows) {
    const label = indicatorLabel(d.indicator);
    ctx.emit("row.duplicate", {
      cells: [toA1(d.row, nameCol), toA1(d.firstRow, nameCol)],
      indicator: d.indicator,
      message: text(
        `Chỉ tiêu "${label.vi}" đã có ở dòng ${d.firstRow + 1}; dòng ${d.row + 1} bị lặp.`,
        `Indicator "${label.en}" is already on row ${d.firstRow + 1}; row ${d.row + 1} repeats it.`
      ),
    });
  }
  const optional = annex.missingIndicators.filter((i) => !i.required);
  for (const ind of annex.missingIndicators.filter((i) => i.required)) {
    const label = indicatorLabel(ind);
    ctx.emit("row.missing", {
      cells: [toA1(annex.dataStartRow, nameCol)],
      indicator: ind,
      message: text(
        `Thiếu chỉ tiêu chủ yếu "${label.vi}".`,
        `Main indicator "${label.en}" is missing.`
      ),
      expected: text(label.vi, label.en),
      found: text("không có", "none"),
    });
  }
  if (optional.length) {
    const codes = optional.map((i) => i.code).join(", ");
    const made = ctx.sheet.metadata;
    // A sheet the tool made with another version of this form (Biểu 02 2.1.0 before the rows of 3.0.0):
    // its rows are read by name, and the rows that version lacked are named as such.
    const version =
      made?.templateId === annex.template.id &&
      made.templateVersion &&
      made.templateVersion !== annex.template.version
        ? made.templateVersion
        : undefined;
    const form = annex.template.form;
    ctx.emit("row.missing", {
      cells: [toA1(annex.dataStartRow, nameCol)],
      message: version
        ? text(
            `Biểu được lập theo ${form} phiên bản ${version}, mẫu hiện hành là phiên bản ${annex.template.version}: các dòng có trên biểu được đọc theo tên chỉ tiêu; ${optional.length} chỉ tiêu của mẫu hiện hành không có trên biểu (${codes}). Muốn báo cáo các chỉ tiêu này, lập biểu mới theo mẫu hiện hành và chép số liệu sang.`,
            `The annex was made with ${form} version ${version}; the current form is version ${annex.template.version}: the rows on the sheet are read by their names; ${optional.length} indicators of the current form are not on the sheet (${codes}). To report them, make a new annex with the current form and copy the figures over.`
          )
        : text(
            `${optional.length} chỉ tiêu của mẫu không có trên biểu: ${codes}.`,
            `${optional.length} template indicators are not on the sheet: ${codes}.`
          ),
    });
  }
  for (const r of annex.rows) {
    if (r.matchedBy !== "code") continue;
    const label = indicatorLabel(r.indicator);
    ctx.emit("row.matched-by-code", {
      cells: [toA1(r.row, nameCol)],
      indicator: r.indicator,
      message: text(
        `Dòng ${r.row + 1} được hiểu là chỉ tiêu "${label.vi}" theo STT.`,
        `Row ${r.row + 1} was read as "${label.en}" by its number.`
      ),
      expected: text(r.indicator.name.vi, r.indicator.name.en),
    });
  }
}

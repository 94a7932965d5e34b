import ExcelJS from "exceljs";
import { CellStyle } from "../../domain";

/** How each kind of layout cell looks in the workbook: Times New Roman, as the ministry's forms are. */
const FONT = "Times New Roman";
const thin: ExcelJS.Border = { style: "thin", color: { argb: "FF000000" } };

/** Pale yellow: where a person types. */
export const INPUT_FILL = "FFFFF8DC";

/** Text above the table: no border. */
function title(
  font: Partial<ExcelJS.Font>,
  horizontal: "center" | "right"
): Partial<ExcelJS.Style> {
  return { font: { name: FONT, size: 12, ...font }, alignment: { horizontal } };
}

/** A cell of the table: bordered, vertically centred, optionally shaded. */
function table(
  font: Partial<ExcelJS.Font>,
  alignment: Partial<ExcelJS.Alignment>,
  shade?: string
): Partial<ExcelJS.Style> {
  return {
    font: { name: FONT, size: 12, ...font },
    alignment: { vertical: "middle", ...alignment },
    border: { top: thin, left: thin, bottom: thin, right: thin },
    ...(shade ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: shade } } } : {}),
  };
}

export const ANNEX_STYLES: Readonly<Record<CellStyle, Partial<ExcelJS.Style>>> = {
  authority: title({}, "center"),
  unitName: title({ bold: true }, "center"),
  form: title({ bold: true }, "right"),
  title: {
    font: { name: FONT, size: 14, bold: true },
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  },
  unitNote: title({ italic: true }, "center"),
  header: table({ bold: true }, { horizontal: "center", wrapText: true }, "FFE7E6E6"),
  numbering: table({ size: 11, italic: true }, { horizontal: "center" }),
  section: table({ bold: true }, { wrapText: true }, "FFF2F2F2"),
  indicator: table({ bold: true }, { wrapText: true }),
  child: table({}, { wrapText: true }),
  code: table({}, { horizontal: "center" }),
  unit: table({}, { horizontal: "center", wrapText: true }),
  input: table({}, { horizontal: "right" }, INPUT_FILL),
  derived: table({}, { horizontal: "right" }),
  evaluation: table({}, { horizontal: "center" }),
  note: table({ size: 11 }, { wrapText: true }, INPUT_FILL),
  footer: title({ bold: true }, "center"),
};

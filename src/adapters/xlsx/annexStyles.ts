import ExcelJS from "exceljs";
import { CellStyle } from "../../domain";

/** How each kind of layout cell looks in the workbook: Times New Roman, as the ministry's forms are. */
const FONT = "Times New Roman";
const thin: ExcelJS.Border = { style: "thin", color: { argb: "FF000000" } };
const grid: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (argb: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb },
});

/** Pale yellow: where a person types. */
export const INPUT_FILL = "FFFFF8DC";

export const ANNEX_STYLES: Readonly<Record<CellStyle, Partial<ExcelJS.Style>>> = {
  authority: { font: { name: FONT, size: 12 }, alignment: { horizontal: "center" } },
  unitName: {
    font: { name: FONT, size: 12, bold: true },
    alignment: { horizontal: "center" },
  },
  form: { font: { name: FONT, size: 12, bold: true }, alignment: { horizontal: "right" } },
  title: {
    font: { name: FONT, size: 14, bold: true },
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  },
  unitNote: { font: { name: FONT, size: 12, italic: true }, alignment: { horizontal: "center" } },
  header: {
    font: { name: FONT, size: 12, bold: true },
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
    border: grid,
    fill: fill("FFE7E6E6"),
  },
  numbering: {
    font: { name: FONT, size: 11, italic: true },
    alignment: { horizontal: "center", vertical: "middle" },
    border: grid,
  },
  section: {
    font: { name: FONT, size: 12, bold: true },
    alignment: { vertical: "middle", wrapText: true },
    border: grid,
    fill: fill("FFF2F2F2"),
  },
  indicator: {
    font: { name: FONT, size: 12, bold: true },
    alignment: { vertical: "middle", wrapText: true },
    border: grid,
  },
  child: {
    font: { name: FONT, size: 12 },
    alignment: { vertical: "middle", wrapText: true },
    border: grid,
  },
  code: {
    font: { name: FONT, size: 12 },
    alignment: { horizontal: "center", vertical: "middle" },
    border: grid,
  },
  unit: {
    font: { name: FONT, size: 12 },
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
    border: grid,
  },
  input: {
    font: { name: FONT, size: 12 },
    alignment: { horizontal: "right", vertical: "middle" },
    border: grid,
    fill: fill(INPUT_FILL),
  },
  derived: {
    font: { name: FONT, size: 12 },
    alignment: { horizontal: "right", vertical: "middle" },
    border: grid,
  },
  evaluation: {
    font: { name: FONT, size: 12 },
    alignment: { horizontal: "center", vertical: "middle" },
    border: grid,
  },
  note: {
    font: { name: FONT, size: 11 },
    alignment: { vertical: "middle", wrapText: true },
    border: grid,
    fill: fill(INPUT_FILL),
  },
  footer: { font: { name: FONT, size: 12, bold: true }, alignment: { horizontal: "center" } },
};

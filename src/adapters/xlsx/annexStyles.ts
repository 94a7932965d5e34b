import ExcelJS from "exceljs";
import { CellStyle } from "../../domain";
import { CELL_LOOKS, CellLook, INPUT_FILL_RGB } from "../../domain/layout/styles";

/** Pale yellow (ExcelJS ARGB): where a person types. */
export const INPUT_FILL = `FF${INPUT_FILL_RGB}`;

/**
 * How a kind of layout cell looks in an ExcelJS workbook: the neutral description of
 * src/domain/layout/styles.ts (shared with the Office.js host), translated to an ExcelJS style.
 */
function excelJsStyle(look: CellLook): Partial<ExcelJS.Style> {
  const font: Partial<ExcelJS.Font> = {
    name: look.font.name,
    size: look.font.size,
    ...(look.font.bold !== undefined ? { bold: look.font.bold } : {}),
    ...(look.font.italic !== undefined ? { italic: look.font.italic } : {}),
    ...(look.font.color ? { color: { argb: `FF${look.font.color}` } } : {}),
  };
  const alignment: Partial<ExcelJS.Alignment> = {
    ...(look.vertical ? { vertical: look.vertical } : {}),
    ...(look.horizontal ? { horizontal: look.horizontal } : {}),
    ...(look.wrap !== undefined ? { wrapText: look.wrap } : {}),
  };
  const line: ExcelJS.Border | undefined = look.border
    ? { style: look.border, color: { argb: `FF${look.borderColor ?? "000000"}` } }
    : undefined;
  return {
    font,
    alignment,
    ...(line ? { border: { top: line, left: line, bottom: line, right: line } } : {}),
    ...(look.fill
      ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${look.fill}` } } }
      : {}),
  };
}

export const ANNEX_STYLES: Readonly<Record<CellStyle, Partial<ExcelJS.Style>>> = Object.fromEntries(
  Object.entries(CELL_LOOKS).map(([name, look]) => [name, excelJsStyle(look)])
) as Record<CellStyle, Partial<ExcelJS.Style>>;

import ExcelJS from "exceljs";
import { AnnexLayout } from "../../domain";
import { ANNEX_STYLES } from "./annexStyles";
import { addSelfCheckRules } from "./applyPlan";
import { writeMetadata } from "./metadata";

/**
 * Adds the annex sheet described by the layout (see src/domain/layout/annexLayout.ts) to a workbook:
 * cells with styles and formats, merges, protection (derived cells locked, inputs open, no password),
 * data validation with unit and target prompts, frozen panes, print set-up, row heights for wrapped
 * names, the self-check (conditional formats and the "Kiểm tra" column) and the metadata record.
 */
export async function addAnnexSheet(
  workbook: ExcelJS.Workbook,
  layout: AnnexLayout
): Promise<ExcelJS.Worksheet> {
  const ws = workbook.addWorksheet(layout.sheetName, {
    views: [{ state: "frozen", xSplit: layout.freeze.col, ySplit: layout.freeze.row }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: layout.print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${layout.print.repeatRows[0] + 1}:${layout.print.repeatRows[1] + 1}`,
      // The table, title and signatures; the "Kiểm tra" column to their right is not printed.
      printArea: layout.printArea,
    },
  });
  layout.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  for (const c of layout.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    const style = ANNEX_STYLES[c.style];
    cell.style = {
      ...style,
      ...(c.indent ? { alignment: { ...style.alignment, indent: c.indent } } : {}),
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      protection: { locked: c.locked },
    };
    if (c.formula !== undefined) cell.value = { formula: c.formula } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined) cell.value = c.value;
  }
  for (const m of layout.merges) {
    ws.mergeCells(m.from.row + 1, m.from.col + 1, m.to.row + 1, m.to.col + 1);
  }
  for (const h of layout.rowHeights) ws.getRow(h.row + 1).height = h.height;
  addSelfCheckRules(ws, layout.selfCheck.rules);

  for (const v of layout.validations) {
    const base = {
      allowBlank: true,
      showInputMessage: true,
      promptTitle: v.prompt.title,
      prompt: v.prompt.text,
    };
    if (v.type === "any") {
      // Excel's "any value" rule: no restriction, the input message only.
      ws.getCell(v.address).dataValidation = {
        ...base,
        type: "any",
        formulae: [],
      } as unknown as ExcelJS.DataValidation;
      continue;
    }
    const bounded = v.max !== undefined;
    ws.getCell(v.address).dataValidation = {
      ...base,
      type: v.type,
      operator: bounded ? "between" : "greaterThanOrEqual",
      formulae: bounded ? [v.min ?? 0, v.max] : [v.min ?? 0],
      showErrorMessage: true,
      errorStyle: "stop",
      ...(v.error ? { errorTitle: v.error.title, error: v.error.text } : {}),
    };
  }

  await ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
  });
  writeMetadata(workbook, layout.sheetName, layout.metadata);
  // The formulas have no saved results yet: Excel computes them when the file is opened.
  workbook.calcProperties.fullCalcOnLoad = true;
  return ws;
}

import ExcelJS from "exceljs";
import { Consolidation } from "../../domain/consolidate";
import { fromA1 } from "../../domain";
import { ANNEX_STYLES } from "./annexStyles";
import { applyWritePlan } from "./applyPlan";
import { addAnnexSheet } from "./createAnnex";
import { writeConsolidation } from "./metadata";

/**
 * Writes a consolidation (src/domain/consolidate) as a workbook: the province's annex, a normal annex
 * (`annex check` and `fill` work on it) whose input cells are live formulas with their results cached,
 * and beside it "Chi tiết theo huyện", the districts' figures those formulas sum; its record in
 * "_annex" says it is consolidated and which cells it left empty. Decides nothing.
 */
export async function mergedWorkbook(merge: Consolidation): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "indicator-annex";
  const ws = await addAnnexSheet(workbook, merge.layout);
  for (const w of merge.inputs) {
    const cell = ws.getCell(w.row + 1, w.col + 1);
    cell.value = { formula: w.formula ?? "", result: w.value ?? "" } as ExcelJS.CellFormulaValue;
  }
  applyWritePlan(ws, merge.derived);
  for (const note of merge.notes) {
    const first = note.cells[0];
    if (!first) continue;
    const { row, col } = fromA1(first);
    const cell = ws.getCell(row + 1, col + 1);
    const text = `${note.message.vi}\n\n${note.message.en}`;
    cell.note = typeof cell.note === "string" && cell.note ? `${cell.note}\n\n${text}` : text;
  }
  // That it is consolidated (a later merge leaves it out), and what it left empty (check reports it).
  writeConsolidation(workbook, merge.layout.sheetName, merge.record);
  addDetailSheet(workbook, merge);
  return workbook;
}

function addDetailSheet(workbook: ExcelJS.Workbook, merge: Consolidation): ExcelJS.Worksheet {
  const detail = merge.detail;
  const ws = workbook.addWorksheet(detail.name, {
    views: [{ state: "frozen", xSplit: detail.freeze.col, ySplit: detail.freeze.row }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${detail.headerRows[0] + 1}:${detail.freeze.row}`,
    },
  });
  detail.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // One style object per look: ExcelJS recognises an object it has seen, so a sheet of 100 districts'
  // columns writes in a fraction of the time a new object per cell takes.
  const looks = new Map<string, Partial<ExcelJS.Style>>();
  for (const c of detail.cells) {
    const key = `${c.style}|${c.indent ?? 0}|${c.numFmt ?? ""}`;
    let look = looks.get(key);
    if (!look) {
      const style = ANNEX_STYLES[c.style];
      look = {
        ...style,
        ...(c.indent ? { alignment: { ...style.alignment, indent: c.indent } } : {}),
        ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      };
      looks.set(key, look);
    }
    const cell = ws.getCell(c.row + 1, c.col + 1);
    cell.style = look;
    if (c.value !== undefined) cell.value = c.value;
  }
  for (const m of detail.merges)
    ws.mergeCells(m.from.row + 1, m.from.col + 1, m.to.row + 1, m.to.col + 1);
  ws.getRow(detail.headerRows[1] + 1).height = 45;
  return ws;
}

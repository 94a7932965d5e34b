import {
  METADATA_HEADER,
  metadataRecord,
  metadataRow,
  SHEET_IDENTITY_COLUMN,
  SHEET_IDENTITY_HEADER,
  sheetIdentity,
} from "../../domain";
import type { AnnexLayout, LayoutCell } from "../../domain";
import { CELL_LOOKS } from "../../domain/layout/styles";
import type { Capability, HostCapabilities, InsertedAnnex } from "../annexHost";
import { sheetExists } from "../hostErrors";
import { groupBlocks } from "./cellBlocks";
import { runOn } from "./officeErrors";
import { MetadataPresence, readForWrite } from "./officeMetadata";
import { ANNEX_PROTECTION, protectAgain, ProtectionMemory } from "./officeProtection";
import type { OfficeRuntime } from "./officeRuntime";
import { addSelfCheckRules, applyLook, columnWidthPoints } from "./officeStyles";
import { cellInput, Input } from "./officeWrite";

/**
 * Inserting a new annex sheet from the layout, in two phases so a refusal late in the batch cannot
 * leave a sheet behind while saying nothing changed:
 *  1. is the name free, and where does the metadata row go (1 sync; 2 the first time `_annex` is
 *     looked at); then the sheet with its cells, looks, merges, self-check rules, frozen panes,
 *     metadata record and protection (1 sync). After this the annex is there and usable.
 *  2. what Excel may refuse without the annex being wrong: data validation (1.8) and page layout
 *     (1.9; whether `verticalFitToPages: 0` is accepted is not documented). 1 sync; when Excel
 *     refuses it, the protection is put back (1) and it is sent again without the fit to one page
 *     wide (1); refused again, each part alone, and what could not be applied is reported as skipped.
 */

export interface InsertDeps {
  readonly runtime: OfficeRuntime;
  readonly caps: HostCapabilities;
  readonly protection: ProtectionMemory;
  readonly metadata: MetadataPresence;
  /** False where the diagnostic found verticalFitToPages: 0 refused: not even tried. */
  readonly fitToWidth?: boolean;
}

export async function insertAnnex(deps: InsertDeps, layout: AnnexLayout): Promise<InsertedAnnex> {
  const name = layout.sheetName;
  const skipped: Capability[] = [];
  const validations = deps.caps.dataValidation && layout.validations.length > 0;
  if (!deps.caps.dataValidation && layout.validations.length) skipped.push("dataValidation");
  if (!deps.caps.pageLayout) skipped.push("pageLayout");
  await runOn(deps.runtime, name, async (context) => {
    const sheets = context.workbook.worksheets;
    const meta = await readForWrite(context, deps.metadata, () =>
      sheets.getItemOrNullObject(name).load("name")
    );
    if (!meta.alongside.isNullObject) throw sheetExists(name);
    const ws = sheets.add(name);
    renderCells(ws, layout, deps.caps.pageLayout);
    const metaSheet = meta.sheet();
    const row = metadataRow(meta.values, name);
    metaSheet.getRangeByIndexes(row, 0, 1, METADATA_HEADER.length).formulas = [
      metadataRecord(name, layout.metadata).map(cellInput),
    ];
    ws.activate();
    ws.protection.protect(ANNEX_PROTECTION);
    ws.load("id,position");
    await context.sync();
    deps.protection.set(name, { protected: true, options: ANNEX_PROTECTION });
    // The sheet's identity beside its record (Excel's id for it, known only now, and its position),
    // so a sheet renamed or moved in Excel keeps its record and explanations (issue #19).
    metaSheet.getRangeByIndexes(0, SHEET_IDENTITY_COLUMN, 1, 2).values = [
      [...SHEET_IDENTITY_HEADER],
    ];
    metaSheet.getRangeByIndexes(row, SHEET_IDENTITY_COLUMN, 1, 2).values = [
      sheetIdentity({ name, sheetNo: ws.id, position: ws.position + 1 }),
    ];
    await context.sync();
  });

  // Phase 2: validation and page layout, the fit to one page wide last (where Excel refuses it,
  // everything before it has landed); refused, once more without it; refused again, each alone.
  const apply = (
    ws: Excel.Worksheet,
    what: { validation: boolean; page: boolean; fit: boolean }
  ) => {
    if (what.validation) applyValidations(ws, layout);
    if (what.page) applyPageLayout(ws, layout, what.fit);
  };
  const page = deps.caps.pageLayout;
  if (!validations && !page) return { sheet: name, skipped };
  for (const fit of page && deps.fitToWidth !== false ? [true, false] : [false]) {
    if (
      await protectedEdit(deps.runtime, name, (ws) =>
        apply(ws, { validation: validations, page, fit })
      )
    )
      return { sheet: name, skipped };
  }
  if (
    validations &&
    !(await protectedEdit(deps.runtime, name, (ws) => applyValidations(ws, layout)))
  )
    skipped.push("dataValidation");
  if (
    page &&
    !(await protectedEdit(deps.runtime, name, (ws) => applyPageLayout(ws, layout, false)))
  )
    skipped.push("pageLayout");
  return { sheet: name, skipped };
}

/**
 * One batch on the new sheet with its protection lifted around it; false when Excel refused it (the
 * protection is put back).
 */
async function protectedEdit(
  runtime: OfficeRuntime,
  sheet: string,
  edit: (ws: Excel.Worksheet) => void
): Promise<boolean> {
  try {
    await runtime.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.protection.unprotect();
      edit(ws);
      ws.protection.protect(ANNEX_PROTECTION);
      await context.sync();
    });
    return true;
  } catch {
    await protectAgain(runtime, sheet, ANNEX_PROTECTION);
    return false;
  }
}

/** Queues the layout's cells, looks, merges, sizes, self-check rules and frozen panes (no sync). */
function renderCells(ws: Excel.Worksheet, layout: AnnexLayout, indents: boolean): void {
  let maxRow = 0;
  let maxCol = layout.columnWidths.length - 1;
  for (const c of layout.cells) {
    maxRow = Math.max(maxRow, c.row);
    maxCol = Math.max(maxCol, c.col);
  }
  const formulas: Input[][] = [];
  const formats: string[][] = [];
  for (let r = 0; r <= maxRow; r++) {
    formulas.push(new Array<Input>(maxCol + 1).fill(""));
    formats.push(new Array<string>(maxCol + 1).fill("General"));
  }
  for (const c of layout.cells) {
    if (c.formula !== undefined) formulas[c.row][c.col] = `=${c.formula}`;
    else if (c.value !== undefined) formulas[c.row][c.col] = cellInput(c.value);
    if (c.numFmt) formats[c.row][c.col] = c.numFmt;
  }
  const all = ws.getRangeByIndexes(0, 0, maxRow + 1, maxCol + 1);
  all.numberFormat = formats;
  all.formulas = formulas;

  const styled = layout.cells.map((c) => ({ row: c.row, col: c.col, item: c }));
  for (const b of groupBlocks(styled, (c: LayoutCell) => `${c.style}|${c.indent ?? 0}`)) {
    const range = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
    const first = b.items[0][0];
    applyLook(range, CELL_LOOKS[first.style], b.rows, b.cols);
    // RangeFormat.indentLevel is ExcelApi 1.9, as page layout.
    if (first.indent && indents) range.format.indentLevel = first.indent;
  }
  const open = layout.cells
    .filter((c) => !c.locked)
    .map((c) => ({ row: c.row, col: c.col, item: c }));
  for (const b of groupBlocks(open)) {
    ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols).format.protection.locked = false;
  }
  for (const m of layout.merges) {
    ws.getRangeByIndexes(
      m.from.row,
      m.from.col,
      m.to.row - m.from.row + 1,
      m.to.col - m.from.col + 1
    ).merge(false);
  }
  layout.columnWidths.forEach((w, i) => {
    ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = columnWidthPoints(w);
  });
  for (const h of layout.rowHeights) {
    ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
  }
  // The self-check's red rules (ExcelApi 1.6), on a new sheet: none there yet.
  addSelfCheckRules(ws, layout.selfCheck.rules);
  ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, layout.freeze.row, layout.freeze.col));
}

/** Queues the input cells' validation and prompts (ExcelApi 1.8; no sync). */
function applyValidations(ws: Excel.Worksheet, layout: AnnexLayout): void {
  for (const v of layout.validations) {
    const dv = ws.getRange(v.address).dataValidation;
    if (v.type !== "any") {
      const bounded = v.max !== undefined;
      const rule = {
        formula1: v.min ?? 0,
        ...(bounded ? { formula2: v.max } : {}),
        operator: (bounded ? "Between" : "GreaterThanOrEqualTo") as Excel.DataValidationOperator,
      };
      dv.rule = v.type === "whole" ? { wholeNumber: rule } : { decimal: rule };
      if (v.error)
        dv.errorAlert = {
          showAlert: true,
          style: "Stop" as Excel.DataValidationAlertStyle,
          title: v.error.title,
          message: v.error.text,
        };
    }
    dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.text };
  }
}

/** Queues A4 landscape, margins, print titles and area (ExcelApi 1.9; no sync). */
function applyPageLayout(ws: Excel.Worksheet, layout: AnnexLayout, fitToWidth: boolean): void {
  const page = ws.pageLayout;
  page.orientation = "Landscape" as Excel.PageOrientation;
  page.paperSize = "A4" as Excel.PaperType;
  page.centerHorizontally = true;
  page.leftMargin = 28.8;
  page.rightMargin = 28.8;
  page.topMargin = 43.2;
  page.bottomMargin = 43.2;
  page.headerMargin = 21.6;
  page.footerMargin = 21.6;
  page.setPrintTitleRows(`$${layout.print.repeatRows[0] + 1}:$${layout.print.repeatRows[1] + 1}`);
  // The "Kiểm tra" column right of the table is not printed.
  page.setPrintArea(layout.printArea);
  // One page wide, as many tall as it takes (0: "automatic"), where Excel accepts it: last, so a
  // refusal leaves everything above done.
  if (fitToWidth) page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
}

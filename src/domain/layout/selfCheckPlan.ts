import type { Bilingual } from "../rules/finding";
import { toA1 } from "../sheet/address";
import type { LocatedAnnex } from "../sheet/locate";
import {
  formulaEntry,
  isEmptyAt,
  SheetSnapshot,
  sheetHeight,
  valueAt,
  valueText,
} from "../sheet/snapshot";
import { fold } from "../text/fold";
import type { CellWrite, SkippedCell, WritePlan } from "../plan/writePlan";
import {
  buildSelfCheck,
  CHECK_HEADER,
  isCheckFormula,
  sameFormula,
  SelfCheck,
  SelfCheckRule,
  withResults,
} from "./selfCheck";

/**
 * The part of a write plan that is not cells: the conditional formats of the self-check, with what a
 * host needs to place its "Kiểm tra" column. A host adds the rules the sheet does not have yet (same
 * range and formula: already there) and never touches any other conditional format or cell style.
 */
export interface PlannedSelfCheck {
  readonly rules: readonly SelfCheckRule[];
  readonly column: number;
  readonly headerRow: number;
  readonly width: number;
  readonly note: SelfCheck["note"];
  /** The table without the "Kiểm tra" column, set as the print area only where the sheet has none. */
  readonly printArea: string;
  /** The header is written by this plan: the column is new (hosts set its width and note). */
  readonly newColumn: boolean;
  /**
   * The person asked for the self-check: hosts that pay for looking at the sheet's rules (Office.js: a
   * sync) add missing ones only then or for a new column; a routine fill costs nothing more.
   */
  readonly asked: boolean;
}

/** A write plan that may carry a self-check (a WritePlan to every host that does not know of it). */
export interface SelfCheckedPlan extends WritePlan {
  readonly selfCheck?: PlannedSelfCheck;
  /** The self-check was asked for but cannot be added, and why (no free column up to XFD). */
  readonly selfCheckRefused?: Bilingual;
}

/** Excel's last column, XFD (0-based). */
const LAST_COLUMN = 16_383;

/** The self-check a plan carries, if any. */
export function plannedSelfCheck(plan: WritePlan): PlannedSelfCheck | undefined {
  return (plan as SelfCheckedPlan).selfCheck;
}

export interface SelfCheckOptions {
  /** Add the self-check to a sheet that has none (hand-made sheets: only when the user asks). */
  readonly selfCheck?: boolean;
  /** Replace what a person typed in the "Kiểm tra" column too. */
  readonly overwrite?: boolean;
}

const FOLDED_HEADER = fold(CHECK_HEADER);

/**
 * A plan with the self-check added: on a sheet that already has our "Kiểm tra" column (every sheet
 * `annex new` and the add-in make) it is kept current; on others it is added only when asked. Cells a
 * person typed in that column are kept (listed as skipped) unless `overwrite`. Planning again after
 * the plan was applied adds no cell; hosts add no rule the sheet already has.
 */
export function withSelfCheck(
  sheet: SheetSnapshot,
  annex: LocatedAnnex,
  plan: WritePlan,
  options: SelfCheckOptions = {}
): SelfCheckedPlan {
  const tableEnd = Math.max(...annex.columns.values());
  const existing = findCheckColumn(sheet, annex, tableEnd);
  if (existing === undefined && !options.selfCheck) return plan;
  const column = existing ?? freeColumn(sheet, annex, tableEnd);
  if (column === undefined)
    return {
      ...plan,
      selfCheckRefused: {
        vi: `Không thêm được cột Kiểm tra: mọi cột bên phải biểu, đến cột cuối cùng của Excel (XFD), đều có nội dung ở dòng tiêu đề hoặc ở các dòng chỉ tiêu. Hãy xoá nội dung thừa bên phải biểu rồi chạy lại.`,
        en: `The Kiểm tra column cannot be added: every column right of the table, up to Excel's last column (XFD), holds something in the header or indicator rows. Clear what is right of the table and run it again.`,
      },
    };
  const check = withResults(
    buildSelfCheck({
      template: annex.template,
      columns: annex.columns,
      rows: annex.rows.map((r) => ({ indicator: r.indicator, row: r.row })),
      headerRow: annex.headerRow,
      checkColumn: column,
    }),
    sheet
  );
  const writes: CellWrite[] = [];
  const skipped: SkippedCell[] = [];
  const header = annex.headerRow;
  if (existing === undefined) writes.push(cellWrite(header, column, { value: CHECK_HEADER }));
  for (const cell of check.cells) {
    const now = formulaEntry(sheet, cell.row, cell.col);
    if (now !== undefined && sameFormula(now, cell.formula)) {
      if (valueText(valueAt(sheet, cell.row, cell.col)) !== cell.value)
        writes.push(cellWrite(cell.row, cell.col, { formula: cell.formula, value: cell.value }));
      continue;
    }
    if (isEmptyAt(sheet, cell.row, cell.col) || isCheckFormula(now) || options.overwrite) {
      writes.push(cellWrite(cell.row, cell.col, { formula: cell.formula, value: cell.value }));
      continue;
    }
    const address = toA1(cell.row, cell.col);
    const found = now ?? valueText(valueAt(sheet, cell.row, cell.col));
    skipped.push({
      address,
      found,
      reason: {
        vi: `Ô ${address} của cột Kiểm tra đã có nội dung do người dùng nhập (${found}); giữ nguyên.`,
        en: `Cell ${address} of the Kiểm tra column holds something a person typed (${found}); left as it is.`,
      },
    });
  }
  const lastRow = Math.max(sheetHeight(sheet) - 1, ...check.cells.map((c) => c.row));
  return {
    ...plan,
    writes: [...plan.writes, ...writes],
    skipped: [...plan.skipped, ...skipped],
    selfCheck: {
      rules: check.rules,
      column,
      headerRow: header,
      width: check.width,
      note: check.note,
      printArea: `A1:${toA1(lastRow, tableEnd)}`,
      newColumn: existing === undefined,
      asked: options.selfCheck === true,
    },
  };
}

function cellWrite(
  row: number,
  col: number,
  content: { readonly value: string; readonly formula?: string }
): CellWrite {
  return {
    row,
    col,
    address: toA1(row, col),
    ...(content.formula !== undefined ? { formula: content.formula } : {}),
    value: content.value === "" && content.formula === undefined ? null : content.value,
    purpose: "derived",
  };
}

/**
 * Our "Kiểm tra" column right of the table (its header in the first header row, where we write it), if
 * any. A header alone is not ours: a person's own "Kiểm tra" column on a sheet made by hand took 68 of
 * our formulas (#17). The column is ours on a sheet the tool made (it has its _annex record, and its
 * "Kiểm tra" column was laid out with it), or where it already holds one of our formulas (added once
 * by fill --self-check or Tính cột's box).
 */
function findCheckColumn(
  sheet: SheetSnapshot,
  annex: LocatedAnnex,
  tableEnd: number
): number | undefined {
  for (let c = tableEnd + 1; c <= tableEnd + 8; c++) {
    if (fold(valueText(valueAt(sheet, annex.headerRow, c))) !== FOLDED_HEADER) continue;
    if (sheet.metadata || annex.rows.some((r) => isCheckFormula(formulaEntry(sheet, r.row, c))))
      return c;
  }
  return undefined;
}

/** The first column right of the table whose header and indicator rows are all empty. */
function freeColumn(
  sheet: SheetSnapshot,
  annex: LocatedAnnex,
  tableEnd: number
): number | undefined {
  // A column with no cell at all in any row the check uses is free: past the widest of those rows.
  const rows = [annex.headerRow, annex.headerRow + 1, ...annex.rows.map((r) => r.row)];
  const widest = Math.max(...rows.map((r) => sheet.values[r]?.length ?? 0));
  for (let c = tableEnd + 1; c <= Math.min(LAST_COLUMN, widest); c++) {
    const busy =
      !isEmptyAt(sheet, annex.headerRow, c) ||
      !isEmptyAt(sheet, annex.headerRow + 1, c) ||
      annex.rows.some((r) => !isEmptyAt(sheet, r.row, c));
    if (!busy) return c;
  }
  return widest <= LAST_COLUMN ? Math.max(tableEnd + 1, widest) : undefined;
}

import { toA1 } from "../../domain";
import type { Bilingual, CellWrite, WritePlan } from "../../domain";
import { plannedSelfCheck } from "../../domain/layout/selfCheckPlan";
import type { CellState } from "../annexHost";
import { HostError } from "../annexHost";
import { passwordProtected, sheetMissing } from "../hostErrors";
import { batchBlocks, Block, BLOCK_OVERHEAD, groupBlocks, jsonBytes } from "./cellBlocks";
import type { EditWatcher } from "./editWatcher";
import { errorCode, fromExcel } from "./officeErrors";
import {
  loadGuard,
  PASSWORD_CODES,
  protectionOf,
  ProtectionMemory,
  ProtectionState,
  unprotectRefused,
} from "./officeProtection";
import type { OfficeRuntime } from "./officeRuntime";
import {
  addSelfCheckRules,
  columnWidthPoints,
  loadCustomFormats,
  missingRules,
} from "./officeStyles";

/**
 * Writing cells with Office.js: rectangular blocks, each block's previous content read in the same
 * batch (for undo), protection without a password lifted and put back around the writes, batches
 * split only where Excel on the web's 5 MB cap requires (and halved again when Excel refuses one).
 * Also the self-check's red rules a plan adds.
 */

export type Input = string | number | boolean;

/** A cell to write: what goes into `formulas` and, when set, into `numberFormat`. */
export interface Put {
  readonly input: Input;
  readonly numberFormat?: string;
}

export interface WriteDeps {
  readonly runtime: OfficeRuntime;
  readonly budget: number;
  readonly protection: ProtectionMemory;
  readonly watcher: EditWatcher;
}

/**
 * A constant as written through `formulas`, so Excel keeps it exactly: text that Excel would read as
 * a number, a date, a boolean or a formula ("17.500", "1.0.0", "TRUE", "=x", "- Trong đó") gets the
 * apostrophe that keeps it text.
 */
export function cellInput(v: string | number | boolean | null): Input {
  if (v === null) return "";
  if (typeof v !== "string" || v === "") return v;
  const t = v.trim();
  const risky =
    /^[=+\-@']/.test(v) ||
    /^[\d.,\s]+%?$/.test(t) ||
    /^(true|false)$/i.test(t) ||
    /^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$/.test(t) ||
    /^#[A-Z/0!?]+/.test(t);
  return risky ? `'${v}` : v;
}

export function putOf(w: CellWrite): Put {
  const input = w.formula !== undefined ? `=${w.formula}` : cellInput(w.value);
  return w.numFmt !== undefined ? { input, numberFormat: w.numFmt } : { input };
}

/** Whether a cell read back holds what we wrote (a text constant loses its apostrophe). */
export function sameInput(now: unknown, input: Input): boolean {
  if (typeof input === "string" && input.startsWith("'")) return now === input.slice(1);
  return now === input;
}

export function blockAddress(b: Block<unknown>): string {
  const a = toA1(b.row, b.col);
  return b.rows === 1 && b.cols === 1 ? a : `${a}:${toA1(b.row + b.rows - 1, b.col + b.cols - 1)}`;
}

export function planLabel(plan: WritePlan): Bilingual {
  const n = plan.writes.length;
  const kinds = new Set(plan.writes.map((w) => w.purpose));
  const what =
    kinds.size === 1 && kinds.has("derived")
      ? { vi: "Tính cột", en: "Fill columns" }
      : kinds.size === 1 && kinds.has("fix")
        ? { vi: "Chuyển số", en: "Convert numbers" }
        : { vi: "Ghi số liệu", en: "Write figures" };
  return { vi: `Hoàn tác: ${what.vi} (${n} ô)`, en: `Undo: ${what.en} (${n} cells)` };
}

/**
 * A block's weight in a batch: the larger of what it adds to the request (the new content) and to the
 * response (the previous content read back for undo, guessed as long as the new one, and its format).
 */
function blockBytes(b: Block<Put>): number {
  let request = 0;
  let response = 0;
  for (const row of b.items)
    for (const p of row) {
      const input = jsonBytes(p.input) + 1;
      request += input;
      response += Math.max(input, 16) + 12;
      if (p.numberFormat !== undefined) request += jsonBytes(p.numberFormat) + 1;
    }
  return BLOCK_OVERHEAD + Math.max(request, response);
}

function canSplit(batch: readonly Block<Put>[]): boolean {
  return batch.length > 1 || batch[0].rows > 1;
}

/** Halves a batch Excel refused for size: by blocks, or a single block by rows. */
function splitBatch(batch: readonly Block<Put>[]): Block<Put>[][] {
  if (batch.length > 1) {
    const mid = Math.ceil(batch.length / 2);
    return [batch.slice(0, mid), batch.slice(mid)];
  }
  const b = batch[0];
  const mid = Math.ceil(b.rows / 2);
  return [
    [{ row: b.row, col: b.col, rows: mid, cols: b.cols, items: b.items.slice(0, mid) }],
    [{ row: b.row + mid, col: b.col, rows: b.rows - mid, cols: b.cols, items: b.items.slice(mid) }],
  ];
}

function statesOf(b: Block<Put>, previous: Excel.Range): CellState[] {
  const out: CellState[] = [];
  const f = previous.formulas;
  const n = previous.numberFormat;
  for (let r = 0; r < b.rows; r++)
    for (let c = 0; c < b.cols; c++) {
      out.push({
        address: toA1(b.row + r, b.col + c),
        formula: f[r][c] as string | number | boolean,
        numberFormat: String(n[r][c]),
      });
    }
  return out;
}

/**
 * Writes cells in rectangular blocks, reading each block's previous content first in the same batch
 * (for undo), lifting protection without a password around the writes. One sync unless the 5 MB cap
 * forces more; a batch Excel refuses for size is split and sent again. Returns the cells' previous
 * states.
 */
export async function writeCells(
  deps: WriteDeps,
  sheet: string,
  cells: ReadonlyArray<{ row: number; col: number; item: Put }>
): Promise<CellState[]> {
  const blocks = groupBlocks(cells, (p) => (p.numberFormat === undefined ? "v" : "vf"));
  const queue = batchBlocks(blocks, blockBytes, deps.budget);
  let protection: ProtectionState;
  try {
    protection = await protectionOf(deps.runtime, deps.protection, sheet);
  } catch (e) {
    throw fromExcel(e, sheet);
  }
  const before: CellState[] = [];
  const written: string[] = [];
  let unprotected = false;
  let batch: Block<Put>[] = [];
  try {
    await deps.runtime.run(async (context) => {
      while (queue.length) {
        batch = queue[0];
        const last = queue.length === 1;
        const ws = context.workbook.worksheets.getItem(sheet);
        const previous = batch.map((b) => {
          const r = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
          r.load("formulas,numberFormat");
          return r;
        });
        if (protection.protected && !unprotected) ws.protection.unprotect();
        for (const b of batch) {
          const target = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
          if (b.items[0][0].numberFormat !== undefined)
            target.numberFormat = b.items.map((row) => row.map((p) => p.numberFormat ?? "General"));
          target.formulas = b.items.map((row) => row.map((p) => p.input));
        }
        if (protection.protected && last) ws.protection.protect(protection.options);
        const addresses = batch.map(blockAddress);
        const done = deps.watcher.ownWrite(sheet, addresses);
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 5 MB part, only when the sheet needs parts
          await context.sync();
        } catch (e) {
          done();
          if (errorCode(e) === "RequestPayloadSizeLimitExceeded" && canSplit(batch)) {
            queue.splice(0, 1, ...splitBatch(batch));
            continue;
          }
          throw e;
        }
        done();
        if (protection.protected) unprotected = !last;
        batch.forEach((b, i) => before.push(...statesOf(b, previous[i])));
        written.push(...addresses);
        queue.shift();
      }
    });
  } catch (e) {
    throw await failedWrite(deps, e, sheet, protection, batch, written);
  }
  return before;
}

/**
 * After a failed write: find out what the sheet holds now (one more sync), put protection back if we
 * lifted it, and say which cells were written. A refused unprotect is a password.
 */
async function failedWrite(
  deps: WriteDeps,
  e: unknown,
  sheet: string,
  protection: ProtectionState,
  blocks: readonly Block<Put>[],
  written: string[]
): Promise<HostError> {
  if (errorCode(e) === "ItemNotFound") return sheetMissing(sheet, written);
  if (protection.protected && unprotectRefused(e) && written.length === 0)
    return passwordProtected(sheet);
  try {
    const landed = await deps.runtime.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const guard = ws.protection.load("protected");
      const now = blocks.map((b) => {
        const r = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
        r.load("formulas");
        return r;
      });
      await context.sync();
      if (protection.protected && !guard.protected) {
        guard.protect(protection.options);
        await context.sync();
      }
      // What now holds the new content, named by block where the whole block does.
      const cells: string[] = [];
      blocks.forEach((b, i) => {
        const hits: string[] = [];
        b.items.forEach((row, r) =>
          row.forEach((p, c) => {
            if (sameInput(now[i].formulas[r][c], p.input)) hits.push(toA1(b.row + r, b.col + c));
          })
        );
        if (hits.length === b.rows * b.cols) cells.push(blockAddress(b));
        else cells.push(...hits);
      });
      return cells;
    });
    const all = [...new Set([...written, ...landed])];
    if (protection.protected && all.length === 0 && PASSWORD_CODES.has(errorCode(e) ?? ""))
      return passwordProtected(sheet);
    return fromExcel(e, sheet, all);
  } catch {
    return fromExcel(e, sheet, written);
  }
}

/**
 * The self-check's red rules a plan carries that the sheet lacks (2 syncs: which rules are there;
 * then the missing ones, protection without a password lifted around them). Never touches another
 * conditional format or a cell's style. Nothing to add: 1 sync; no self-check: none.
 */
export async function addSelfCheck(runtime: OfficeRuntime, plan: WritePlan): Promise<void> {
  const check = plannedSelfCheck(plan);
  if (!check?.rules.length || !(check.newColumn || check.asked)) return;
  const sheet = plan.sheet;
  try {
    await runtime.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const formats = loadCustomFormats(ws);
      const guard = loadGuard(ws);
      await context.sync();
      const missing = missingRules(formats, check.rules);
      if (!missing.length) return;
      const wasProtected = guard.protected;
      const options = guard.options;
      if (wasProtected) guard.unprotect();
      addSelfCheckRules(ws, missing);
      if (check.newColumn) {
        ws.getRangeByIndexes(0, check.column, 1, 1).format.columnWidth = columnWidthPoints(
          check.width
        );
      }
      if (wasProtected) guard.protect(options);
      await context.sync();
    });
  } catch (e) {
    if (unprotectRefused(e)) throw passwordProtected(sheet);
    throw fromExcel(e, sheet);
  }
}

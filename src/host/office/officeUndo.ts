import { fromA1, toA1 } from "../../domain";
import type { Restored, UndoRecord } from "../annexHost";
import { hostError } from "../hostErrors";
import { batchBlocks, BLOCK_OVERHEAD, groupBlocks, jsonBytes } from "./cellBlocks";
import { runOn } from "./officeErrors";
import { loadGuard, stateOf } from "./officeProtection";
import { cellInput, Input, Put, sameInput, WriteDeps, writeCells } from "./officeWrite";

/**
 * Exact undo for the Office host. Before ExcelApi 1.19 an add-in's writes clear Excel's own undo
 * stack; since 1.19 most can be undone with Ctrl+Z, but protect and unprotect (around every write to a
 * protected sheet) still clear it. So each write returns the cells' previous states, and restore puts
 * them back — except a cell a person changed after our write, which keeps what they typed.
 */
export class OfficeUndo {
  /** What each applyPlan wrote, by its undo record, so undo can tell what a person changed since. */
  private readonly wrote = new WeakMap<UndoRecord, Map<string, Input>>();

  constructor(private readonly deps: WriteDeps) {}

  remember(undo: UndoRecord, puts: ReadonlyArray<{ row: number; col: number; item: Put }>): void {
    this.wrote.set(undo, new Map(puts.map((p) => [toA1(p.row, p.col), p.item.input])));
  }

  /** 2 syncs: which of our cells a person changed since (left as they are); then the others back. */
  async restore(undo: UndoRecord): Promise<Restored> {
    if (undo.cells.length === 0) return { restored: 0, kept: [] };
    const kept = await this.editedSince(undo);
    const puts = undo.cells
      .filter((c) => !kept.has(c.address))
      .map((c) => {
        const { row, col } = cellOf(c.address);
        const input =
          typeof c.formula === "string" && c.formula.startsWith("=")
            ? c.formula
            : cellInput(c.formula);
        return { row, col, item: { input, numberFormat: c.numberFormat } };
      });
    if (puts.length) await writeCells(this.deps, undo.sheet, puts);
    this.wrote.delete(undo);
    return { restored: puts.length, kept: [...kept] };
  }

  /**
   * The cells of an undo record a person changed after our write (one sync): undo leaves them as they
   * typed them rather than overwrite their work. Unknown for a record this host did not make.
   */
  private async editedSince(undo: UndoRecord): Promise<Set<string>> {
    const wrote = this.wrote.get(undo);
    const edited = new Set<string>();
    if (!wrote) return edited;
    const cells = [...wrote].map(([address, input]) => ({ ...cellOf(address), item: input }));
    // The answer carries what we wrote back: batches sized on that, split only past 5 MB.
    const batches = batchBlocks(
      groupBlocks(cells),
      (b) =>
        BLOCK_OVERHEAD + b.items.flat().reduce<number>((n, input) => n + jsonBytes(input) + 1, 0),
      this.deps.budget
    );
    await runOn(this.deps.runtime, undo.sheet, async (context) => {
      // The protection as it is now, with the first answer: a person may have lifted or set it since
      // the sheet was read, and the write that follows must not put back what they took off.
      const guard = loadGuard(context.workbook.worksheets.getItem(undo.sheet));
      for (const batch of batches) {
        const ws = context.workbook.worksheets.getItem(undo.sheet);
        const now = batch.map((b) => {
          const r = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
          r.load("formulas");
          return r;
        });
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 5 MB part
        await context.sync();
        batch.forEach((b, i) =>
          b.items.forEach((row, r) =>
            row.forEach((input, c) => {
              if (!sameInput(now[i].formulas[r][c], input)) edited.add(toA1(b.row + r, b.col + c));
            })
          )
        );
      }
      this.deps.protection.set(undo.sheet, stateOf(guard));
    });
    return edited;
  }
}

/** An undo record's address ("E12", "$E$12", "Biểu 01!E12") as 0-based row and column. */
function cellOf(address: string): { row: number; col: number } {
  try {
    return fromA1(address.replace(/^.*!/, ""));
  } catch {
    throw hostError("invalid-argument", {
      vi: `Địa chỉ ô không hợp lệ: ${address}.`,
      en: `Not a cell address: ${address}.`,
    });
  }
}

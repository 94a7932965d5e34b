import {
  explanationTable,
  fromA1,
  METADATA_HEADER,
  METADATA_SHEET,
  metadataRecord,
  metadataRow,
  parseExplanations,
  parseMetadata,
  toA1,
} from "../../domain";
import type {
  AnnexLayout,
  AnnexMetadata,
  Bilingual,
  CellValue,
  CellWrite,
  LayoutCell,
  SheetSnapshot,
  WritePlan,
} from "../../domain";
import { CELL_LOOKS } from "../../domain/layout/styles";
import { plannedSelfCheck } from "../../domain/layout/selfCheckPlan";
import { addSelfCheckRules, loadCustomFormats, missingRules } from "./officeStyles";
import type {
  AnnexHost,
  AppliedPlan,
  Capability,
  CellState,
  ExplanationsChange,
  Highlight,
  HostCapabilities,
  InsertedAnnex,
  Restored,
  SheetEdit,
  SheetInfo,
  SheetRead,
  UndoRecord,
} from "../annexHost";
import { changedExplanations, HostError } from "../annexHost";
import {
  batchBlocks,
  Block,
  BLOCK_OVERHEAD,
  groupBlocks,
  jsonBytes,
  PAYLOAD_BUDGET,
} from "./cellBlocks";
import { ChangeSource, EditWatcher } from "./editWatcher";
import { hostError, passwordProtected, sheetExists, sheetMissing } from "../hostErrors";
import { errorCode, failedStatement, fromExcel, notSupported } from "./officeErrors";
import { CORE_SET, detectCapabilities, OfficeRuntime } from "./officeRuntime";
import { applyLook, columnWidthPoints } from "./officeStyles";

/**
 * The AnnexHost on Office.js (ExcelApi 1.7 core, newer sets where present). Every method is a
 * fixed number of `context.sync()` calls, whatever the number of rows:
 *  - readSheet: 1 (values, formulas, number formats, protection and the metadata together);
 *  - applyPlan: 1 (the cells' previous state is read in the same batch, before the writes;
 *    protection without a password is lifted and put back around them); 2 more when it adds the
 *    self-check's rules (a new "Kiểm tra" column, or the person asked: which rules are there; add);
 *  - restore: 2 (which of our cells a person changed since, left as they are; then the others back);
 *  - insertAnnex: 2 (is the name free, and where does the metadata row go; then everything else);
 *  - writeExplanations: 2 (the metadata sheet's table as it is; then the new one);
 *  - highlight / clearHighlights: 2 (which conditional formats are ours; then replace them).
 * A batch that would pass Excel on the web's 5 MB cap is split, only then.
 */

/** Our conditional formats carry this in their rule, so we never touch the user's own. */
const MARK = "annex:highlight";
const HIGHLIGHT_COLOURS: Record<Highlight["severity"], { fill: string; font: string }> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  info: { fill: "#DDEBF7", font: "#1F4E78" },
};

/** What a sheet is read as: protection state the host keeps to put it back after writing. */
interface ProtectionState {
  readonly protected: boolean;
  readonly options: Excel.WorksheetProtectionOptions;
}

/** The options `annex new` protects the sheet with (src/adapters/xlsx/createAnnex.ts). */
export const ANNEX_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowInsertRows: true,
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowPivotTables: false,
  allowSort: false,
};

type Input = string | number | boolean;

/** A cell to write: what goes into `formulas` and, when set, into `numberFormat`. */
interface Put {
  readonly input: Input;
  readonly numberFormat?: string;
}

/**
 * Bytes a cell takes in the answer to a read (value, formula, number format): about 61 on a filled
 * annex of Biểu 01's shape with its "Kiểm tra" column (the 20,000-row synthetic one, long formulas
 * and all).
 */
const READ_PER_CELL = 60;
/**
 * Rows read with the first answer, before the used range's size is known: an annex of Biểu 01's shape
 * with its "Kiểm tra" column (14 columns) answers 5,100 rows in about 4.4 MB, under Excel on the web's
 * 5 MB, so any annex of 5,000 indicators is read at once; longer sheets get the rest in bands, wider
 * ones are read again in bands. (6,000 rows, sized when annexes had 12 columns, passed the cap once
 * the Kiểm tra column was added.)
 */
const HEAD_ROWS = 5100;

/** Range.getMergedAreasOrNullObject: the sheet's merges are read with its cells where Excel has it. */
const MERGES_SET = "1.13";

export interface OfficeHostOptions {
  /** Bytes per batch we allow ourselves (tests lower it to see the split). */
  readonly payloadBudget?: number;
  /** Debounce of edit events, ms. */
  readonly editDelayMs?: number;
}

export class OfficeHost implements AnnexHost {
  readonly kind = "office" as const;
  private readonly caps: HostCapabilities;
  private readonly core: boolean;
  private readonly protection = new Map<string, ProtectionState>();
  private readonly budget: number;
  /** What each applyPlan wrote, by its undo record, so undo can tell what a person changed since. */
  private readonly wrote = new WeakMap<UndoRecord, Map<string, Input>>();
  private readonly watcher: EditWatcher;
  private readonly mergesSet: boolean;

  constructor(
    private readonly runtime: OfficeRuntime,
    options: OfficeHostOptions = {}
  ) {
    this.core = runtime.isSetSupported("ExcelApi", CORE_SET);
    this.mergesSet = runtime.isSetSupported("ExcelApi", MERGES_SET);
    this.caps = detectCapabilities(runtime);
    this.budget = options.payloadBudget ?? PAYLOAD_BUDGET;
    this.watcher = new EditWatcher(options.editDelayMs);
  }

  capabilities(): HostCapabilities {
    return this.caps;
  }

  /** One Excel.run whose failure becomes a HostError about `sheet`. */
  private async excel<T>(
    sheet: string,
    batch: (context: Excel.RequestContext) => Promise<T>
  ): Promise<T> {
    try {
      return await this.runtime.run(batch);
    } catch (e) {
      throw fromExcel(e, sheet);
    }
  }

  private requireCore(): void {
    if (!this.core)
      throw notSupported({ vi: "Bổ trợ Biểu chỉ tiêu", en: "The Biểu chỉ tiêu add-in" }, CORE_SET);
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    this.requireCore();
    return this.excel("", async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/visibility");
      const active = sheets.getActiveWorksheet();
      active.load("name");
      const meta = loadMetadata(sheets);
      await context.sync();
      const records = parseMetadata(meta.isNullObject ? undefined : meta.values);
      return sheets.items
        .filter((s) => s.visibility === "Visible" && s.name !== METADATA_SHEET)
        .map((s) => ({ name: s.name, active: s.name === active.name, annex: records.has(s.name) }));
    });
  }

  async readSheet(name?: string): Promise<SheetRead> {
    this.requireCore();
    return this.excel(name ?? "", async (context) => {
      const { ws, guard, meta, used, merged } = this.queueRead(context, name, this.mergesSet);
      // The first rows come in the same answer: all of any annex that fits under 5 MB.
      const head = used.getIntersectionOrNullObject(ws.getRange(`1:${HEAD_ROWS}`));
      head.load("values,formulas,numberFormat");
      try {
        await context.sync();
      } catch (e) {
        const code = errorCode(e);
        // Excel refuses more than 512 merged areas: read again without them (the engine then cannot
        // tell merges, as on an older Excel).
        if (merged && code !== "ResponsePayloadSizeLimitExceeded" && code !== "ItemNotFound")
          return this.readInParts(context, name, false);
        if (code !== "ResponsePayloadSizeLimitExceeded") throw e;
        // Wider than we guessed: learn the size, then read in row bands.
        return this.readInParts(context, name, this.mergesSet);
      }
      if (used.isNullObject) return this.finishRead(ws, guard, used, meta, undefined, merged);
      const grids = head.isNullObject
        ? { values: [], formulas: [], numberFormat: [] }
        : { values: head.values, formulas: head.formulas, numberFormat: head.numberFormat };
      const rest = await this.readBands(context, ws, used, used.rowIndex + grids.values.length);
      return this.finishRead(
        ws,
        guard,
        used,
        meta,
        {
          values: [...grids.values, ...rest.values],
          formulas: [...grids.formulas, ...rest.formulas],
          numberFormat: [...grids.numberFormat, ...rest.numberFormat],
        },
        merged
      );
    });
  }

  private async readInParts(
    context: Excel.RequestContext,
    name: string | undefined,
    withMerges: boolean
  ): Promise<SheetRead> {
    const { ws, guard, meta, used, merged } = this.queueRead(context, name, withMerges);
    await context.sync();
    const grids = used.isNullObject
      ? undefined
      : await this.readBands(context, ws, used, used.rowIndex);
    return this.finishRead(ws, guard, used, meta, grids, merged);
  }

  /**
   * Queues what every read of a sheet loads besides its cells (no sync): its name, its protection,
   * the size of its used range, the annex metadata and, when asked, the merged areas.
   */
  private queueRead(context: Excel.RequestContext, name: string | undefined, withMerges: boolean) {
    const sheets = context.workbook.worksheets;
    const ws = name ? sheets.getItem(name) : sheets.getActiveWorksheet();
    ws.load("name");
    const guard = this.loadGuard(ws);
    const meta = loadMetadata(sheets);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    const merged = withMerges ? used.getMergedAreasOrNullObject() : undefined;
    merged?.load("address");
    return { ws, guard, meta, used, merged };
  }

  /**
   * Reads the used range from row `from` to its end in row bands small enough for one answer each
   * (halving a band Excel refuses). Nothing to read: no sync.
   */
  private async readBands(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    used: Excel.Range,
    from: number
  ): Promise<{ values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] }> {
    const end = used.rowIndex + used.rowCount;
    const cols = used.columnCount;
    let band = Math.max(1, Math.floor(this.budget / (cols * READ_PER_CELL)));
    const out = {
      values: [] as unknown[][],
      formulas: [] as unknown[][],
      numberFormat: [] as unknown[][],
    };
    let r = from;
    while (r < end) {
      const n = Math.min(band, end - r);
      const part = ws.getRangeByIndexes(r, used.columnIndex, n, cols);
      part.load("values,formulas,numberFormat");
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 5 MB part, only when the sheet needs parts
        await context.sync();
      } catch (e) {
        if (errorCode(e) === "ResponsePayloadSizeLimitExceeded" && band > 1) {
          band = Math.max(1, Math.floor(band / 2));
          continue;
        }
        throw e;
      }
      out.values.push(...part.values);
      out.formulas.push(...part.formulas);
      out.numberFormat.push(...part.numberFormat);
      r += n;
    }
    return out;
  }

  private finishRead(
    ws: Excel.Worksheet,
    guard: Excel.WorksheetProtection,
    used: Excel.Range,
    meta: Excel.Range,
    grids: { values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] } | undefined,
    merged: Excel.RangeAreas | undefined
  ): SheetRead {
    const name = ws.name;
    const state: ProtectionState = {
      protected: guard.protected,
      options: guard.options,
    };
    this.protection.set(name, state);
    const metadata = parseMetadata(meta.isNullObject ? undefined : meta.values).get(name);
    const snapshot = grids
      ? toSnapshot(name, used.rowIndex, used.columnIndex, grids, metadata)
      : toSnapshot(name, 0, 0, { values: [], formulas: [], numberFormat: [] }, metadata);
    // The explanations come in the same answer as the metadata: the same sheet's other table.
    const explanations = parseExplanations(meta.isNullObject ? undefined : meta.values).get(name);
    return {
      snapshot: withMerges(explanations?.length ? { ...snapshot, explanations } : snapshot, merged),
      // ExcelApi 1.7 cannot tell a password before trying: writes find out and say so.
      protection: state.protected ? "no-password" : "none",
    };
  }

  /**
   * Queues the load of a sheet's protection. ExcelApi cannot tell a password before trying (the
   * office.js we ship has no isPasswordProtected): a write finds out and says so.
   */
  private loadGuard(ws: Excel.Worksheet): Excel.WorksheetProtection {
    return ws.protection.load("protected,options");
  }

  async applyPlan(plan: WritePlan): Promise<AppliedPlan> {
    this.requireCore();
    const label = planLabel(plan);
    if (plan.writes.length === 0) {
      await this.addSelfCheck(plan);
      return { written: 0, undo: { sheet: plan.sheet, cells: [], label } };
    }
    const puts = plan.writes.map((w) => ({ row: w.row, col: w.col, item: putOf(w) }));
    const before = await this.write(plan.sheet, puts);
    await this.addSelfCheck(plan);
    const undo: UndoRecord = { sheet: plan.sheet, cells: before, label };
    this.wrote.set(undo, new Map(puts.map((p) => [toA1(p.row, p.col), p.item.input])));
    return { written: plan.writes.length, undo };
  }

  /**
   * The self-check's red rules a plan carries that the sheet lacks (2 syncs: which rules are there;
   * then the missing ones, protection without a password lifted around them). Never touches another
   * conditional format or a cell's style. Nothing to add: 1 sync; no self-check: none.
   */
  private async addSelfCheck(plan: WritePlan): Promise<void> {
    const check = plannedSelfCheck(plan);
    if (!check?.rules.length || !(check.newColumn || check.asked)) return;
    await this.editConditionalFormats(plan.sheet, (formats) => {
      const missing = missingRules(formats, check.rules);
      if (!missing.length) return undefined;
      return (ws) => {
        addSelfCheckRules(ws, missing);
        if (check.newColumn) {
          ws.getRangeByIndexes(0, check.column, 1, 1).format.columnWidth = columnWidthPoints(
            check.width
          );
        }
      };
    });
  }

  /**
   * One Excel.run on a sheet's conditional formats: they are loaded with its protection (1 sync);
   * `plan` returns the edit to queue, or nothing (no second sync); protection without a password is
   * lifted around the edit (a password: said so).
   */
  private async editConditionalFormats(
    sheet: string,
    plan: (
      formats: Excel.ConditionalFormatCollection
    ) => ((ws: Excel.Worksheet) => void) | undefined
  ): Promise<void> {
    try {
      await this.runtime.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const formats = loadCustomFormats(ws);
        const guard = this.loadGuard(ws);
        await context.sync();
        const edit = plan(formats);
        if (!edit) return;
        const wasProtected = guard.protected;
        const options = guard.options;
        if (wasProtected) guard.unprotect();
        edit(ws);
        if (wasProtected) guard.protect(options);
        await context.sync();
      });
    } catch (e) {
      if (errorCode(e) && /unprotect/i.test(failedStatement(e))) throw passwordProtected(sheet);
      throw fromExcel(e, sheet);
    }
  }

  async restore(undo: UndoRecord): Promise<Restored> {
    this.requireCore();
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
    if (puts.length) await this.write(undo.sheet, puts);
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
      this.budget
    );
    await this.excel(undo.sheet, async (context) => {
      // The protection as it is now, with the first answer: a person may have lifted or set it since
      // the sheet was read, and the write that follows must not put back what they took off.
      const guard = this.loadGuard(context.workbook.worksheets.getItem(undo.sheet));
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
      this.protection.set(undo.sheet, { protected: guard.protected, options: guard.options });
    });
    return edited;
  }

  /**
   * Writes cells in rectangular blocks, reading each block's previous content first in the same batch
   * (for undo), lifting protection without a password around the writes. One sync unless the 5 MB cap
   * forces more; a batch Excel refuses for size is split and sent again.
   */
  private async write(
    sheet: string,
    cells: ReadonlyArray<{ row: number; col: number; item: Put }>
  ): Promise<CellState[]> {
    const blocks = groupBlocks(cells, (p) => (p.numberFormat === undefined ? "v" : "vf"));
    const queue = batchBlocks(blocks, blockBytes, this.budget);
    const protection = this.protection.get(sheet) ?? (await this.loadProtection(sheet));
    const before: CellState[] = [];
    const written: string[] = [];
    let unprotected = false;
    let batch: Block<Put>[] = [];
    try {
      await this.runtime.run(async (context) => {
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
              target.numberFormat = b.items.map((row) =>
                row.map((p) => p.numberFormat ?? "General")
              );
            target.formulas = b.items.map((row) => row.map((p) => p.input));
          }
          if (protection.protected && last) ws.protection.protect(protection.options);
          const addresses = batch.map(blockAddress);
          const done = this.watcher.ownWrite(sheet, addresses);
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
      throw await this.failedWrite(e, sheet, protection, batch, written);
    }
    return before;
  }

  private async loadProtection(sheet: string): Promise<ProtectionState> {
    return this.excel(sheet, async (context) => {
      const p = this.loadGuard(context.workbook.worksheets.getItem(sheet));
      await context.sync();
      const state: ProtectionState = {
        protected: p.protected,
        options: p.options,
      };
      this.protection.set(sheet, state);
      return state;
    });
  }

  /**
   * After a failed write: find out what the sheet holds now (one more sync), put protection back if we
   * lifted it, and say which cells were written. A refused unprotect is a password.
   */
  private async failedWrite(
    e: unknown,
    sheet: string,
    protection: ProtectionState,
    blocks: readonly Block<Put>[],
    written: string[]
  ): Promise<HostError> {
    if (errorCode(e) === "ItemNotFound") return sheetMissing(sheet, written);
    if (protection.protected && /unprotect/i.test(failedStatement(e)) && written.length === 0)
      return passwordProtected(sheet);
    try {
      const landed = await this.runtime.run(async (context) => {
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
      if (
        protection.protected &&
        all.length === 0 &&
        /^(InvalidArgument|AccessDenied|InvalidOperation)$/.test(errorCode(e) ?? "")
      )
        return passwordProtected(sheet);
      return fromExcel(e, sheet, all);
    } catch {
      return fromExcel(e, sheet, written);
    }
  }

  async writeExplanations(sheet: string, explanations: ExplanationsChange): Promise<void> {
    this.requireCore();
    return this.excel(sheet, async (context) => {
      const sheets = context.workbook.worksheets;
      const loaded = loadMetadataSheet(sheets);
      await context.sync();
      const { meta, values } = metadataSheet(sheets, loaded);
      // A change is applied to the table as read in this same Excel.run (issue #19).
      const stored = parseExplanations(values).get(sheet) ?? [];
      const table = explanationTable(values, sheet, changedExplanations(explanations, stored));
      meta.getRangeByIndexes(0, table.column, table.rows.length, table.width).formulas =
        table.rows.map((r) => r.map(cellInput));
      if (table.clear)
        meta
          .getRangeByIndexes(table.rows.length, table.column, table.clear, table.width)
          .clear("Contents" as Excel.ClearApplyTo);
      await context.sync();
    });
  }

  async insertAnnex(layout: AnnexLayout): Promise<InsertedAnnex> {
    this.requireCore();
    const name = layout.sheetName;
    const skipped: Capability[] = [];
    if (!this.caps.dataValidation && layout.validations.length) skipped.push("dataValidation");
    if (!this.caps.pageLayout) skipped.push("pageLayout");
    return this.excel(name, async (context) => {
      const sheets = context.workbook.worksheets;
      const existing = sheets.getItemOrNullObject(name);
      existing.load("name");
      const loaded = loadMetadataSheet(sheets);
      await context.sync();
      if (!existing.isNullObject) throw sheetExists(name);
      const ws = sheets.add(name);
      this.renderLayout(ws, layout);
      const { meta, values } = metadataSheet(sheets, loaded);
      meta.getRangeByIndexes(metadataRow(values, name), 0, 1, METADATA_HEADER.length).formulas = [
        metadataRecord(name, layout.metadata).map(cellInput),
      ];
      ws.activate();
      await context.sync();
      this.protection.set(name, { protected: true, options: ANNEX_PROTECTION });
      return { sheet: name, skipped };
    });
  }

  /** Queues everything of the layout on a new sheet (no sync). */
  private renderLayout(ws: Excel.Worksheet, layout: AnnexLayout): void {
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
      if (first.indent && this.caps.pageLayout) range.format.indentLevel = first.indent;
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
    if (this.caps.dataValidation) {
      for (const v of layout.validations) {
        const dv = ws.getRange(v.address).dataValidation;
        if (v.type !== "any") {
          const bounded = v.max !== undefined;
          const rule = {
            formula1: v.min ?? 0,
            ...(bounded ? { formula2: v.max } : {}),
            operator: (bounded
              ? "Between"
              : "GreaterThanOrEqualTo") as Excel.DataValidationOperator,
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
    if (this.caps.pageLayout) {
      const page = ws.pageLayout;
      page.orientation = "Landscape" as Excel.PageOrientation;
      page.paperSize = "A4" as Excel.PaperType;
      page.centerHorizontally = true;
      page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      page.leftMargin = 28.8;
      page.rightMargin = 28.8;
      page.topMargin = 43.2;
      page.bottomMargin = 43.2;
      page.headerMargin = 21.6;
      page.footerMargin = 21.6;
      page.setPrintTitleRows(
        `$${layout.print.repeatRows[0] + 1}:$${layout.print.repeatRows[1] + 1}`
      );
      // The "Kiểm tra" column right of the table is not printed.
      page.setPrintArea(layout.printArea);
    }
    ws.protection.protect(ANNEX_PROTECTION);
  }

  async select(sheet: string, cells: readonly string[]): Promise<void> {
    this.requireCore();
    if (!cells.length) return;
    await this.excel(sheet, async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cells[0]).select();
      await context.sync();
    });
  }

  async highlight(sheet: string, marks: readonly Highlight[]): Promise<void> {
    this.requireCore();
    await this.replaceHighlights(sheet, marks);
  }

  async clearHighlights(sheet: string): Promise<void> {
    this.requireCore();
    await this.replaceHighlights(sheet, []);
  }

  /** Deletes our conditional formats on the sheet and adds the new ones: 2 syncs (1 if nothing to do). */
  private async replaceHighlights(sheet: string, marks: readonly Highlight[]): Promise<void> {
    await this.editConditionalFormats(sheet, (formats) => {
      const ours = formats.items.filter(
        (f) =>
          !f.customOrNullObject.isNullObject && f.customOrNullObject.rule.formula.includes(MARK)
      );
      if (ours.length === 0 && marks.length === 0) return undefined;
      return (ws) => {
        for (const f of ours) f.delete();
        for (const m of marks) {
          const colours = HIGHLIGHT_COLOURS[m.severity];
          const cf = ws
            .getRange(m.address)
            .conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
          cf.custom.rule.formula = `=ISTEXT("${MARK}:${m.severity}")`;
          cf.custom.format.fill.color = colours.fill;
          cf.custom.format.font.color = colours.font;
        }
      };
    });
  }

  async onEdit(handler: (edit: SheetEdit) => void): Promise<() => Promise<void>> {
    this.requireCore();
    const withSource = this.caps.changeSource;
    const handles = await this.excel("", async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/id");
      await context.sync();
      const names = new Map(sheets.items.map((s) => [s.id, s.name]));
      const results = sheets.items
        .filter((s) => s.name !== METADATA_SHEET)
        .map((s) =>
          s.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
            const source: ChangeSource = !withSource
              ? "unknown"
              : event.triggerSource === ("ThisLocalAddin" as Excel.EventTriggerSource)
                ? "this-addin"
                : "other";
            this.watcher.report(names.get(event.worksheetId) ?? s.name, event.address, source);
          })
        );
      await context.sync();
      return results;
    });
    this.watcher.listen(handler);
    return async () => {
      this.watcher.listen(undefined);
      if (!handles.length) return;
      // The handlers were added in one batch: they share its context and go in one sync.
      for (const h of handles) h.remove();
      try {
        await handles[0].context.sync();
      } catch (e) {
        throw fromExcel(e, "");
      }
    };
  }
}

/**
 * Queues what writing to the metadata sheet needs (no sync): the sheet and its cells (null objects
 * when there is none or it is empty).
 */
function loadMetadataSheet(sheets: Excel.WorksheetCollection) {
  const sheet = sheets.getItemOrNullObject(METADATA_SHEET);
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values");
  return { sheet, used };
}

/**
 * After the sync: the metadata sheet's values (undefined: no sheet, or an empty one) and the sheet to
 * write to, added with its header row where it was missing or empty, and very hidden (no sync).
 */
function metadataSheet(
  sheets: Excel.WorksheetCollection,
  loaded: ReturnType<typeof loadMetadataSheet>
): { meta: Excel.Worksheet; values: unknown[][] | undefined } {
  const values =
    loaded.sheet.isNullObject || loaded.used.isNullObject ? undefined : loaded.used.values;
  const meta = loaded.sheet.isNullObject ? sheets.add(METADATA_SHEET) : loaded.sheet;
  if (!values)
    meta.getRangeByIndexes(0, 0, 1, METADATA_HEADER.length).formulas = [[...METADATA_HEADER]];
  meta.visibility = "VeryHidden" as Excel.SheetVisibility;
  return { meta, values };
}

/** Queues the load of the metadata sheet's records (a null object when there is none; no sync). */
function loadMetadata(sheets: Excel.WorksheetCollection): Excel.Range {
  const meta = sheets.getItemOrNullObject(METADATA_SHEET).getUsedRangeOrNullObject(true);
  return meta.load("values");
}

/**
 * The snapshot with the merged areas Excel gave ("D20:M20"; none: []), or as it is when they were not
 * read (ExcelApi before 1.13).
 */
function withMerges(snapshot: SheetSnapshot, merged: Excel.RangeAreas | undefined): SheetSnapshot {
  if (!merged) return snapshot;
  return { ...snapshot, merges: merged.isNullObject ? [] : areaAddresses(merged.address) };
}

/**
 * The areas of a RangeAreas address ("Sheet1!D20:M20, 'Huyện, xã'!$A$1:$C$1") without their sheet
 * and $ signs: split at the commas outside a quoted sheet name.
 */
export function areaAddresses(address: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (i === address.length || (ch === "," && !quoted)) {
      const part = address.slice(start, i).trim();
      const plain = part.slice(part.lastIndexOf("!") + 1).replace(/\$/g, "");
      if (plain) out.push(plain);
      start = i + 1;
    }
  }
  return out;
}

/** The snapshot the engine reads, from Office's grids placed at their offset from A1. */
export function toSnapshot(
  name: string,
  rowIndex: number,
  columnIndex: number,
  grids: { values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] },
  metadata?: AnnexMetadata
): SheetSnapshot {
  const pad = <T>(rows: unknown[][], empty: T): Array<T[] | undefined> => {
    const out: Array<T[] | undefined> = new Array(rowIndex).fill(undefined);
    for (const row of rows) {
      out.push(
        columnIndex ? [...new Array<T>(columnIndex).fill(empty), ...(row as T[])] : (row as T[])
      );
    }
    return out;
  };
  return {
    name,
    values: pad<CellValue>(grids.values, ""),
    formulas: pad<CellValue>(grids.formulas, ""),
    numberFormats: pad<string>(grids.numberFormat, "General"),
    ...(metadata ? { metadata } : {}),
  };
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

function putOf(w: CellWrite): Put {
  const input = w.formula !== undefined ? `=${w.formula}` : cellInput(w.value);
  return w.numFmt !== undefined ? { input, numberFormat: w.numFmt } : { input };
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

function blockAddress(b: Block<unknown>): string {
  const a = toA1(b.row, b.col);
  return b.rows === 1 && b.cols === 1 ? a : `${a}:${toA1(b.row + b.rows - 1, b.col + b.cols - 1)}`;
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

function sameInput(now: unknown, input: Input): boolean {
  if (typeof input === "string" && input.startsWith("'")) return now === input.slice(1);
  return now === input;
}

function planLabel(plan: WritePlan): Bilingual {
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

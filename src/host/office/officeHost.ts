import type { AnnexLayout, WritePlan } from "../../domain";
import type {
  AnnexHost,
  AppliedPlan,
  ExplanationsChange,
  HostDiagnostics,
  Highlight,
  HostCapabilities,
  InsertedAnnex,
  Restored,
  SheetEdit,
  SheetInfo,
  SheetRead,
  TemplateWriteOptions,
  TemplateWritten,
  UndoRecord,
} from "../annexHost";
import type { TemplateInput } from "../../domain/template/schema";
import { PAYLOAD_BUDGET } from "./cellBlocks";
import { EditWatcher } from "./editWatcher";
import { replaceHighlights } from "./highlights";
import { notSupported, runOn } from "./officeErrors";
import { COLLECTION_EVENTS_SET, watchEdits } from "./officeEvents";
import { insertAnnex } from "./officeInsert";
import {
  diagnosticReport,
  excelApiSets,
  ExcelBeliefs,
  probeBeliefs,
  UNPROBED,
} from "./officeDiagnostics";
import { MetadataPresence, writeExplanations, writeTargets, writeTemplate } from "./officeMetadata";
import { ProtectionMemory } from "./officeProtection";
import { listSheets, MERGES_SET, readSheet, ReadDeps } from "./officeRead";
import { CORE_SET, detectCapabilities, OfficeRuntime } from "./officeRuntime";
import { OfficeUndo } from "./officeUndo";
import { addSelfCheck, cellInput, planLabel, putOf, WriteDeps, writeCells } from "./officeWrite";

/**
 * The AnnexHost on Office.js (ExcelApi 1.7 core, newer sets where present): a thin class over one
 * file per concern, each saying how many `context.sync()` calls it takes, whatever the number of rows:
 *  - officeRead.ts: readSheet 1 (cells, protection, merges and metadata together; 2 the first time
 *    `_annex` is looked at), more only in 5 MB row bands;
 *  - officeWrite.ts: applyPlan 1 (the cells' previous state read in the same batch, protection without
 *    a password lifted and put back around them), split only past 5 MB; 2 more for the self-check's
 *    rules;
 *  - officeUndo.ts: restore 2 (which of our cells a person changed since; then the others back);
 *  - officeInsert.ts: insertAnnex 3 (is the name free; the sheet; then validation and page layout);
 *  - officeMetadata.ts: `_annex`, writeExplanations 2, writeTemplate 2 (1 when already kept);
 *  - highlights.ts: highlight / clearHighlights 2 (which formats are ours; replace them), 1 more per
 *    5 MB part of marks;
 *  - officeProtection.ts, officeEvents.ts (onEdit), officeErrors.ts (Excel's errors as messages);
 *  - officeDiagnostics.ts: diagnose (which Excel; each undocumented behaviour probed on a scratch
 *    sheet; the host then goes by what it found).
 * Nothing is ever called on an object that may be null (see officeMetadata.ts).
 */

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
  private readonly budget: number;
  private readonly watcher: EditWatcher;
  private readonly protection: ProtectionMemory = new Map();
  private readonly metadata = new MetadataPresence();
  private readonly reading: ReadDeps;
  private readonly writing: WriteDeps;
  private readonly undo: OfficeUndo;
  /** What the diagnostic found about this Excel (unknown until it runs). */
  private beliefs: ExcelBeliefs = UNPROBED;

  constructor(
    private readonly runtime: OfficeRuntime,
    options: OfficeHostOptions = {}
  ) {
    this.core = runtime.isSetSupported("ExcelApi", CORE_SET);
    this.caps = detectCapabilities(runtime);
    this.budget = options.payloadBudget ?? PAYLOAD_BUDGET;
    this.watcher = new EditWatcher(options.editDelayMs);
    this.reading = {
      runtime,
      budget: this.budget,
      mergesSet: runtime.isSetSupported("ExcelApi", MERGES_SET),
      protection: this.protection,
      metadata: this.metadata,
    };
    this.writing = {
      runtime,
      budget: this.budget,
      protection: this.protection,
      watcher: this.watcher,
    };
    this.undo = new OfficeUndo(this.writing);
  }

  capabilities(): HostCapabilities {
    return this.caps;
  }

  private requireCore(): void {
    if (!this.core)
      throw notSupported({ vi: "Bổ trợ Biểu chỉ tiêu", en: "The Biểu chỉ tiêu add-in" }, CORE_SET);
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    this.requireCore();
    return listSheets(this.reading);
  }

  async readSheet(name?: string): Promise<SheetRead> {
    this.requireCore();
    return readSheet(this.reading, name);
  }

  async applyPlan(plan: WritePlan): Promise<AppliedPlan> {
    this.requireCore();
    const label = planLabel(plan);
    if (plan.writes.length === 0) {
      await addSelfCheck(this.runtime, plan);
      return { written: 0, undo: { sheet: plan.sheet, cells: [], label } };
    }
    const puts = plan.writes.map((w) => ({ row: w.row, col: w.col, item: putOf(w) }));
    const before = await writeCells(this.writing, plan.sheet, puts);
    await addSelfCheck(this.runtime, plan);
    const undo: UndoRecord = { sheet: plan.sheet, cells: before, label };
    this.undo.remember(undo, puts);
    return { written: plan.writes.length, undo };
  }

  async restore(undo: UndoRecord): Promise<Restored> {
    this.requireCore();
    return this.undo.restore(undo);
  }

  async writeExplanations(sheet: string, explanations: ExplanationsChange): Promise<void> {
    this.requireCore();
    return writeExplanations(this.runtime, this.metadata, sheet, explanations, cellInput);
  }

  async writeTargets(text: string | undefined): Promise<void> {
    this.requireCore();
    return writeTargets(this.runtime, this.metadata, text, cellInput);
  }

  async writeTemplate(
    data: TemplateInput,
    options: TemplateWriteOptions = {}
  ): Promise<TemplateWritten> {
    this.requireCore();
    return writeTemplate(this.runtime, this.metadata, data, options, this.budget, cellInput);
  }

  async insertAnnex(layout: AnnexLayout): Promise<InsertedAnnex> {
    this.requireCore();
    return insertAnnex(
      {
        runtime: this.runtime,
        caps: this.caps,
        protection: this.protection,
        metadata: this.metadata,
        fitToWidth: this.beliefs.pageFit !== "refused",
      },
      layout
    );
  }

  async select(sheet: string, cells: readonly string[]): Promise<void> {
    this.requireCore();
    if (!cells.length) return;
    await runOn(this.runtime, sheet, async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cells[0]).select();
      await context.sync();
    });
  }

  async highlight(sheet: string, marks: readonly Highlight[]): Promise<void> {
    this.requireCore();
    await replaceHighlights(this.runtime, sheet, marks, this.budget);
  }

  async clearHighlights(sheet: string): Promise<void> {
    this.requireCore();
    await replaceHighlights(this.runtime, sheet, [], this.budget);
  }

  async diagnose(): Promise<HostDiagnostics> {
    this.requireCore();
    this.beliefs = await probeBeliefs(this.runtime, this.caps);
    return diagnosticReport(
      this.runtime.environment?.() ?? {},
      excelApiSets(this.runtime),
      this.beliefs
    );
  }

  async onEdit(handler: (edit: SheetEdit) => void): Promise<() => Promise<void>> {
    this.requireCore();
    const collection = this.runtime.isSetSupported("ExcelApi", COLLECTION_EVENTS_SET);
    return watchEdits(this.runtime, this.caps, collection, this.watcher, handler);
  }
}

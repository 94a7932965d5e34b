import type { Bilingual, ReportingPeriod } from "../domain";
import type { AnnexHost, SheetEdit } from "../host/annexHost";
import { checkDistrictFiles, DistrictFileInput, DistrictFileReport } from "./districtFiles";
import type { FindingView } from "./findingViews";
import { saveLearned } from "./learnedTemplate";
import type { LearnedChange, LearnedView, SavedTemplate } from "./learnedTemplate";
import { attempt, Outcome, success } from "./problems";
import * as checking from "./sessionCheck";
import type { CheckReport, FixResult, HighlightResult, WatchEvent } from "./sessionCheck";
import * as explanations from "./sessionExplanations";
import type { ExplainResult } from "./sessionExplanations";
import * as filling from "./sessionFill";
import type { FillResult, UndoResult } from "./sessionFill";
import { SessionOptions, SessionState } from "./sessionState";
import * as targetsFile from "./sessionTargets";
import type { TargetsResult } from "./sessionTargets";
import * as catalog from "./sessionTemplates";
import type { InsertRequest, InsertResult, NextYearResult } from "./sessionTemplates";
import type { TargetsView } from "./targetsChoice";
import type { TemplateChoice, TemplatePreview } from "./templateCatalog";

export type { SessionOptions } from "./sessionState";
export type { CheckReport, FixResult, HighlightResult, WatchEvent } from "./sessionCheck";
export type { ExplainResult } from "./sessionExplanations";
export type { FillResult, KeptCell, UndoResult } from "./sessionFill";
export type { TargetsResult } from "./sessionTargets";
export type { InsertRequest, InsertResult, NextYearResult } from "./sessionTemplates";

/**
 * The use cases of the add-in, shared by the task pane and the ribbon commands. The only place that
 * calls the engine (src/domain) and the host (AnnexHost). Every action returns an Outcome: its result
 * as plain, serialisable data with texts in Vietnamese and English, or the Problem that stopped it.
 *
 * Stable for src/commands: check(), fill({ overwrite: false }), highlightAll(); each result has a
 * one-line `summary` (Bilingual) a command can show as it is.
 *
 * A thin front: each use case lives in the file named after it (sessionTemplates, sessionCheck,
 * sessionExplanations, sessionTargets, sessionFill), over the state they share (sessionState: the host,
 * the templates, the last check, the undo stack, and the queue that runs actions one at a time).
 */
export class AnnexSession {
  private readonly s: SessionState;

  constructor(host: AnnexHost, options: SessionOptions = {}) {
    this.s = new SessionState(host, options);
  }

  get hostKind(): AnnexHost["kind"] {
    return this.s.host.kind;
  }

  // ── Mẫu biểu (sessionTemplates.ts) ──────────────────────────────────────────────────────────

  /** The templates to choose from, titles with the year given (custom ones first). */
  templates(year?: number): TemplateChoice[] {
    return catalog.templates(this.s, year);
  }

  preview(templateId: string, year: number, period?: ReportingPeriod): Outcome<TemplatePreview> {
    return catalog.preview(this.s, templateId, year, period);
  }

  /**
   * Adds a department's template from its JSON text (a file the user chose). A template with the same
   * id replaces the earlier one; the built-in one of that id stays hidden behind it.
   */
  addTemplate(text: string, source: string): Outcome<TemplateChoice> {
    return catalog.addTemplate(this.s, text, source);
  }

  /** "Tạo mẫu từ trang tính đang mở": the open sheet's template, learned (see learnedTemplate.ts). */
  learnOpenSheet(): Promise<Outcome<LearnedView>> {
    return catalog.learnOpenSheet(this.s);
  }

  /**
   * Saves a learned template (with the officer's changes) inside the workbook and checks the sheet
   * with it (see learnedTemplate.ts: saveLearned).
   */
  saveLearned(
    view: LearnedView,
    changes: readonly LearnedChange[],
    options: { readonly replace?: boolean } = {}
  ): Promise<Outcome<SavedTemplate>> {
    return saveLearned(this.s, view, changes, options);
  }

  /** Forgets a template added in the pane. */
  removeTemplate(id: string): Outcome<void> {
    return catalog.removeTemplate(this.s, id);
  }

  /** The default name for the template and year, or the first free variant of it in this workbook. */
  suggestSheetName(templateId: string, year: number): Promise<Outcome<string>> {
    return catalog.suggestSheetName(this.s, templateId, year);
  }

  insert(request: InsertRequest): Promise<Outcome<InsertResult>> {
    return catalog.insert(this.s, request);
  }

  /** "Lập biểu năm sau" (issue #21): next year's annex from the open one, as a new sheet. */
  nextYear(sheet?: string): Promise<Outcome<NextYearResult>> {
    return catalog.nextYear(this.s, sheet);
  }

  // ── Kiểm tra (sessionCheck.ts) ──────────────────────────────────────────────────────────────

  /** Checks the active sheet (or the one named). */
  check(sheet?: string): Promise<Outcome<CheckReport>> {
    return checking.check(this.s, sheet);
  }

  /** Checks the last checked sheet again after a person edited it; the report names the edited cells. */
  recheck(edit?: SheetEdit): Promise<Outcome<CheckReport>> {
    return checking.recheck(this.s, edit);
  }

  /** The last report, if any (undefined before the first check). */
  get lastReport(): CheckReport | undefined {
    return this.s.last?.report;
  }

  /** Re-checks as the user types (see sessionCheck.ts). Returns the function that stops it. */
  watch(listener: (event: WatchEvent) => void): Promise<() => Promise<void>> {
    return checking.watch(this.s, listener);
  }

  /** Selects a finding's cells in Excel (the first is the active cell). */
  select(finding: FindingView): Promise<Outcome<void>> {
    return checking.select(this.s, finding);
  }

  /** Marks every finding's cells of the last check (checking first if needed) by severity. */
  highlightAll(): Promise<Outcome<HighlightResult>> {
    return checking.highlightAll(this.s);
  }

  clearHighlights(): Promise<Outcome<HighlightResult>> {
    return checking.clearHighlights(this.s);
  }

  /** Converts the numbers stored as text of the findings the user ticked, then checks again. */
  fixNumbers(findingIds: readonly string[]): Promise<Outcome<FixResult>> {
    return checking.fixNumbers(this.s, findingIds);
  }

  // ── Giải trình (sessionExplanations.ts) ─────────────────────────────────────────────────────

  /** Explains a finding of the last check (giải trình), kept in the workbook; the sheet is checked again. */
  explain(id: string, reason: string): Promise<Outcome<ExplainResult>> {
    return explanations.explain(this.s, id, reason);
  }

  /** Withdraws an explanation (its ExplanationView key): the finding counts again. */
  withdrawExplanation(key: string): Promise<Outcome<ExplainResult>> {
    return explanations.withdrawExplanation(this.s, key);
  }

  // ── Tệp chỉ tiêu (sessionTargets.ts) ────────────────────────────────────────────────────────

  /** Keeps a province's targets file with the workbook, then checks the active sheet with it. */
  chooseTargets(text: string, name: string): Promise<Outcome<TargetsResult>> {
    return targetsFile.chooseTargets(this.s, text, name);
  }

  /** Forgets the targets file kept with the workbook; the sheet is checked again without it. */
  removeTargets(): Promise<Outcome<TargetsResult>> {
    return targetsFile.removeTargets(this.s);
  }

  /** The targets file the last check or fill used (undefined: none, or nothing read yet). */
  get targets(): TargetsView | undefined {
    return this.s.keptTargets;
  }

  /** Whether `targets` is known: the workbook has been read at least once. */
  get targetsKnown(): boolean {
    return this.s.targetsRead;
  }

  // ── Tính cột, Hoàn tác (sessionFill.ts) ─────────────────────────────────────────────────────

  /** Writes the derived formulas of the active annex; never replaces what a person typed unless asked. */
  fill(
    options: { readonly overwrite?: boolean; readonly selfCheck?: boolean } = {}
  ): Promise<Outcome<FillResult>> {
    return filling.fill(this.s, options);
  }

  get canUndo(): boolean {
    return this.s.undoStack.length > 0;
  }

  /** "Hoàn tác: Tính cột (148 ô)" — what undo() would restore. */
  get undoLabel(): Bilingual | undefined {
    return filling.undoLabel(this.s);
  }

  /** Puts back exactly what the last fill or conversion changed. */
  undo(): Promise<Outcome<UndoResult>> {
    return filling.undo(this.s);
  }

  // ── Hồ sơ huyện (districtFiles.ts) ──────────────────────────────────────────────────────────

  /** Reads and checks the districts' files in the page (ExcelJS loads on first use), one after another. */
  checkFiles(
    files: readonly DistrictFileInput[],
    onProgress?: (done: number, total: number, file: string) => void
  ): Promise<Outcome<DistrictFileReport[]>> {
    return attempt(async () =>
      success(
        await checkDistrictFiles(files, {
          templates: this.s.custom,
          locale: this.s.locale,
          ...(onProgress ? { onProgress } : {}),
        })
      )
    );
  }
}

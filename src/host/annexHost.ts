import type {
  AnnexLayout,
  AnnexMetadata,
  Bilingual,
  Explanation,
  Severity,
  SheetSnapshot,
  WritePlan,
} from "../domain";
import type { EmbedOutcome, EmbeddedTemplate } from "../domain/sheet/embeddedTemplates";
import type { TemplateInput } from "../domain/template/schema";

/** A sheet's explanations as they must be, or the change to make to those stored, read afresh. */
export type ExplanationsChange =
  readonly Explanation[] | ((stored: readonly Explanation[]) => readonly Explanation[]);

/** The list a change makes of the stored explanations. */
export function changedExplanations(
  change: ExplanationsChange,
  stored: readonly Explanation[]
): readonly Explanation[] {
  return typeof change === "function" ? change(stored) : change;
}

/**
 * The one boundary between the engine's world and a spreadsheet program. The task pane and the ribbon
 * commands speak only to this interface; two hosts implement it:
 *  - the Office.js host (src/host/office/): the add-in inside Excel (desktop 2019+, Microsoft 365, web);
 *  - the in-browser workbook (src/host/browser/): ExcelJS in the page, for the preview and for the
 *    districts' files.
 * A host decides nothing about annexes: it reads snapshots, applies plans the engine made, renders the
 * layout the domain described, selects, highlights and reports edits. Every method either does all of
 * its work or throws a HostError that says, in Vietnamese and English, what happened and which cells (if
 * any) were written before it failed.
 */
export interface AnnexHost {
  /** "office" inside Excel; "browser" for the in-page workbook of the preview. */
  readonly kind: "office" | "browser";

  /** What this Excel offers beyond the core (ExcelApi 1.7). Known once the host is ready. */
  capabilities(): HostCapabilities;

  /** The workbook's visible sheets, in tab order (our metadata sheet is never listed). */
  listSheets(): Promise<readonly SheetInfo[]>;

  /**
   * The active sheet (or the one named) as the engine's snapshot, with its annex metadata. One round
   * trip to Excel however many rows it has.
   */
  readSheet(name?: string): Promise<SheetRead>;

  /**
   * Writes a plan. The sheet's protection without a password is lifted and put back around the
   * write; a password-protected sheet throws HostError "password-protected" and nothing is written.
   * Returns what the cells held before, so the pane can undo exactly: before ExcelApi 1.19 an add-in's
   * writes clear Excel's own undo stack; since 1.19 most of them can be undone with Ctrl+Z, but
   * protect and unprotect (which a write to a protected sheet does) still clear it.
   */
  applyPlan(plan: WritePlan): Promise<AppliedPlan>;

  /**
   * Puts back the cells an applyPlan changed: values, formulas and number formats, exactly. A cell a
   * person changed after our write keeps what they typed, and is named in `kept`.
   */
  restore(undo: UndoRecord): Promise<Restored>;

  /**
   * Adds the annex sheet the domain laid out (cells, styles, formats, merges, protection, validation
   * where supported, frozen panes, print set-up where supported, and the metadata record) and
   * activates it. Throws HostError "sheet-exists" when the name is taken; nothing is added then.
   */
  insertAnnex(layout: AnnexLayout): Promise<InsertedAnnex>;

  /**
   * Makes a sheet's explanations (giải trình) of findings exactly these, kept in the workbook beside
   * the annex metadata (a second table in the very hidden metadata sheet, see
   * src/domain/explanations/records.ts), the other sheets' left as they are; an empty list withdraws
   * them all. readSheet gives them back in `snapshot.explanations`. Writing the same list twice
   * changes nothing. Given a change instead of a list (issue #19), the host applies it to the sheet's
   * explanations as it reads them right before writing, in the same round trip: one made meanwhile
   * (another pane, another command) is kept.
   */
  writeExplanations(sheet: string, explanations: ExplanationsChange): Promise<void>;

  /**
   * Keeps a targets file (its JSON text) with the workbook, or none (undefined), in the very hidden
   * metadata sheet (src/domain/targets/targetsRecord.ts); readSheet gives it back in `targets`.
   * Writing the same text twice changes nothing.
   */
  writeTargets(text: string | undefined): Promise<void>;

  /**
   * Keeps a template inside the workbook (issue #20: `_annex`'s embedded-template table, laid out once
   * in src/domain/sheet/embeddedTemplates.ts), so the file carries its form wherever it is sent;
   * readSheet gives the kept templates back in `templates`. With `bind`, the sheet is also recorded as
   * an annex of that template (its metadata record). Decided on `_annex` as read right before writing
   * (embedPlan): the same template already kept (and the sheet already bound) writes nothing; another
   * template of that id (another version, other content) is not replaced unless `replace`: the
   * answer says "conflict" and names it.
   */
  writeTemplate(data: TemplateInput, options?: TemplateWriteOptions): Promise<TemplateWritten>;

  /** Activates the sheet and selects the cells (the first one is the active cell). */
  select(sheet: string, cells: readonly string[]): Promise<void>;

  /**
   * Marks cells by severity with conditional formats owned by the add-in, so clearing them leaves
   * every fill, font and border the user set exactly as it was. Replaces earlier highlights.
   */
  highlight(sheet: string, marks: readonly Highlight[]): Promise<void>;
  clearHighlights(sheet: string): Promise<void>;

  /**
   * Calls back, debounced, after a person edits cells of a sheet; our own writes are not reported.
   * Returns the function that unsubscribes.
   */
  onEdit(handler: (edit: SheetEdit) => void): Promise<() => Promise<void>>;

  /**
   * "Kiểm tra môi trường / Diagnostics": which Excel this is and how it behaves where no document
   * says, probed harmlessly; the host uses what it found from then on. Only where there is an Excel.
   */
  diagnose?(): Promise<HostDiagnostics>;
}

/** The diagnostic's report: one line per fact in both languages, and the whole as text to copy. */
export interface HostDiagnostics {
  readonly lines: readonly Bilingual[];
  readonly text: string;
}

export interface HostCapabilities {
  /** Data validation (ExcelApi 1.8): unit/target prompts on input cells of an inserted annex. */
  readonly dataValidation: boolean;
  /** Page layout (ExcelApi 1.9): A4 landscape, repeated header rows, fit to width. */
  readonly pageLayout: boolean;
  /** Worksheet custom properties (ExcelApi 1.12). */
  readonly customProperties: boolean;
  /** Change events that say who made the change (ExcelApi 1.14). */
  readonly changeSource: boolean;
}

export type Capability = keyof HostCapabilities;

export interface SheetInfo {
  readonly name: string;
  readonly active: boolean;
  /** Whether our metadata names this sheet as an annex. */
  readonly annex: boolean;
}

export interface SheetRead {
  readonly snapshot: SheetSnapshot;
  /** The templates kept in the workbook (issue #20), read in the same answer as the metadata. */
  readonly templates?: readonly EmbeddedTemplate[];
  /** The targets file kept with the workbook (its JSON text), read in the same answer as the metadata. */
  readonly targets?: string;
  /** "none", protected without a password (we can write), or with one (we cannot). */
  readonly protection: "none" | "no-password" | "password";
}

export interface TemplateWriteOptions {
  /** Also record this sheet as an annex of the template (template id and version, year…). */
  readonly bind?: { readonly sheet: string; readonly metadata: AnnexMetadata };
  /** Replace a kept template of the same id that differs (the person said so). */
  readonly replace?: boolean;
}

/** What writeTemplate did: wrote (replacing a kept one), nothing (already kept), or nothing (conflict). */
export type TemplateWritten = EmbedOutcome;

export interface CellState {
  readonly address: string;
  /** The value, or for a formula cell its formula with "=" (as Office's `formulas` gives it). */
  readonly formula: string | number | boolean;
  readonly numberFormat: string;
}

export interface UndoRecord {
  readonly sheet: string;
  readonly cells: readonly CellState[];
  /** What the pane shows on the undo button: "Hoàn tác: Tính cột (148 ô)". */
  readonly label: Bilingual;
}

export interface AppliedPlan {
  readonly written: number;
  readonly undo: UndoRecord;
}

export interface Restored {
  /** Cells put back as they were before our write. */
  readonly restored: number;
  /** A1 addresses a person changed after our write, left as they typed them. */
  readonly kept: readonly string[];
}

export interface InsertedAnnex {
  readonly sheet: string;
  /** Parts of the layout this Excel could not apply (no data validation before ExcelApi 1.8…). */
  readonly skipped: readonly Capability[];
}

export interface Highlight {
  /** A1 address of one cell or a range ("E12" or "E12:E14"). */
  readonly address: string;
  readonly severity: Severity;
}

export interface SheetEdit {
  readonly sheet: string;
  /** The A1 ranges edited since the last call. */
  readonly addresses: readonly string[];
}

export type HostProblem =
  | "office-unavailable"
  | "sheet-missing"
  | "sheet-exists"
  | "password-protected"
  | "not-supported"
  | "too-large"
  | "invalid-argument"
  | "excel-error";

/** A failure a person can act on: what happened, in both languages, and which cells were written. */
export class HostError extends Error {
  constructor(
    readonly problem: HostProblem,
    readonly text: Bilingual,
    /** Cells written before the failure (empty: nothing was changed). */
    readonly written: readonly string[] = []
  ) {
    super(text.en);
    this.name = "HostError";
  }
}

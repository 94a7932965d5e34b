import ExcelJS from "exceljs";
import { AnnexLayout, fromA1, sameSheetName, toA1, WritePlan } from "../../domain";
import { applyWritePlan } from "../../adapters/xlsx/applyPlan";
import { addAnnexSheet } from "../../adapters/xlsx/createAnnex";
import {
  METADATA_SHEET,
  readExplanations,
  readMetadata,
  writeExplanations,
  readTargets,
  writeTargets,
} from "../../adapters/xlsx/metadata";
import { sheetSnapshot, withExplanations } from "../../adapters/xlsx/readSheet";
import { keepTemplate, readEmbeddedTemplates } from "../../adapters/xlsx/embeddedTemplates";
import type { TemplateInput } from "../../domain/template/schema";
import {
  AnnexHost,
  AppliedPlan,
  CellState,
  changedExplanations,
  ExplanationsChange,
  HostCapabilities,
  HostError,
  Highlight,
  InsertedAnnex,
  Restored,
  SheetEdit,
  SheetInfo,
  SheetRead,
  TemplateWriteOptions,
  TemplateWritten,
  UndoRecord,
} from "../annexHost";
import { passwordProtected, sheetExists, sheetMissing } from "../hostErrors";
import {
  cellState,
  contentOf,
  SavedCell,
  savedFromState,
  saveCell,
  typedValue,
  undoLabel,
} from "./browserCells";

export { typedValue };

/** What the spreadsheet view shows besides the cells: the selection and the pane's highlights. */
export interface BrowserSelection {
  readonly sheet: string;
  /** A1 addresses or ranges; the first one is the active cell. */
  readonly cells: readonly string[];
  /** Who selected: the pane (through AnnexHost.select) or a click or key in the view. */
  readonly by: "pane" | "view";
}

export interface BrowserHostOptions {
  /** Milliseconds to wait after the last edit before telling onEdit handlers (Excel debounces too). */
  readonly editDebounceMs?: number;
}

/**
 * The in-browser workbook: an ExcelJS workbook held in the page, behind the same AnnexHost interface
 * as the Office.js host. The preview's spreadsheet view renders it (cells, selection, highlights) and
 * reports typing through `editCell`; the task pane speaks to it only through AnnexHost. Runs in the
 * browser (webpack picks ExcelJS's browser build) and under jest in Node.
 *
 * Highlights and the selection are state kept beside the workbook: they never change a cell's own
 * style, so the file downloaded is the one the person would have saved.
 */
export class BrowserWorkbookHost implements AnnexHost {
  readonly kind = "browser" as const;
  private workbook: ExcelJS.Workbook;
  private active: string | undefined;
  private selection: BrowserSelection | undefined;
  private readonly highlights = new Map<string, readonly Highlight[]>();
  /** Each handler with the number of the last edit made before it subscribed (it hears later ones only). */
  private readonly editHandlers = new Map<(edit: SheetEdit) => void, number>();
  private readonly viewListeners = new Set<() => void>();
  private readonly saved = new WeakMap<UndoRecord, readonly SavedCell[]>();
  /** What each applyPlan left in its cells (as CellState.formula), so undo can tell what a person changed since. */
  private readonly wrote = new WeakMap<UndoRecord, ReadonlyMap<string, CellState["formula"]>>();
  private pendingEdits: Array<{
    readonly seq: number;
    readonly sheet: string;
    readonly address: string;
  }> = [];
  private editSeq = 0;
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private revision = 0;
  private readonly editDebounceMs: number;

  constructor(
    workbook: ExcelJS.Workbook = new ExcelJS.Workbook(),
    options: BrowserHostOptions = {}
  ) {
    this.workbook = workbook;
    this.editDebounceMs = options.editDebounceMs ?? 300;
    this.active = firstVisible(workbook);
  }

  /** Opens an .xlsx file's bytes in place of the current workbook. */
  static async fromXlsx(
    data: ArrayBuffer | Uint8Array,
    options?: BrowserHostOptions
  ): Promise<BrowserWorkbookHost> {
    const host = new BrowserWorkbookHost(new ExcelJS.Workbook(), options);
    await host.load(data);
    return host;
  }

  // ---- AnnexHost -------------------------------------------------------------------------------

  capabilities(): HostCapabilities {
    return { dataValidation: true, pageLayout: true, customProperties: true, changeSource: true };
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    const metadata = readMetadata(this.workbook);
    return visibleSheets(this.workbook).map((ws) => ({
      name: ws.name,
      active: ws.name === this.active,
      annex: metadata.has(ws.name),
    }));
  }

  async readSheet(name?: string): Promise<SheetRead> {
    const ws = this.sheet(name ?? this.active);
    const metadata = readMetadata(this.workbook).get(ws.name);
    const snapshot = withExplanations(sheetSnapshot(ws, metadata), readExplanations(this.workbook));
    const targets = readTargets(this.workbook);
    const templates = readEmbeddedTemplates(this.workbook);
    return {
      snapshot,
      protection: protectionOf(ws),
      ...(targets ? { targets } : {}),
      ...(templates.length ? { templates } : {}),
    };
  }

  async writeTemplate(
    data: TemplateInput,
    options?: TemplateWriteOptions
  ): Promise<TemplateWritten> {
    const bind = options?.bind && { ...options.bind, sheet: this.sheet(options.bind.sheet).name };
    const done = keepTemplate(this.workbook, data, { ...options, ...(bind ? { bind } : {}) });
    if (done.outcome === "written") this.changed();
    return done;
  }

  async writeTargets(text: string | undefined): Promise<void> {
    if (readTargets(this.workbook) === text) return;
    writeTargets(this.workbook, text);
    this.changed();
  }

  async writeExplanations(sheet: string, explanations: ExplanationsChange): Promise<void> {
    const ws = this.sheet(sheet);
    const stored = readExplanations(this.workbook).get(ws.name) ?? [];
    writeExplanations(this.workbook, ws.name, changedExplanations(explanations, stored));
    this.changed();
  }

  async applyPlan(plan: WritePlan): Promise<AppliedPlan> {
    const ws = this.sheet(plan.sheet);
    refusePassword(ws);
    const before: SavedCell[] = [];
    const seen = new Set<string>();
    for (const w of plan.writes) {
      const address = toA1(w.row, w.col);
      if (seen.has(address)) continue;
      seen.add(address);
      before.push(saveCell(ws.getCell(address), address));
    }
    // Protection without a password is left in place: ExcelJS (like Excel once it is lifted and put
    // back) writes through it, and the file keeps its protection.
    const written = plan.writes.length ? applyWritePlan(ws, plan) : 0;
    const undo: UndoRecord = {
      sheet: ws.name,
      cells: before.map((s) => cellState(s)),
      label: undoLabel(plan, before.length),
    };
    this.saved.set(undo, before);
    this.wrote.set(undo, new Map(before.map((s) => [s.address, contentOf(ws, s.address)])));
    if (written) this.changed();
    return { written, undo };
  }

  async restore(undo: UndoRecord): Promise<Restored> {
    const ws = this.sheet(undo.sheet);
    refusePassword(ws);
    const saved = this.saved.get(undo) ?? undo.cells.map(savedFromState);
    // As the Office host does: a cell a person changed after our write keeps what they typed.
    const wrote = this.wrote.get(undo);
    const back = saved.filter((s) => !wrote || wrote.get(s.address) === contentOf(ws, s.address));
    for (const s of back) {
      const cell = ws.getCell(s.address);
      cell.value = s.value;
      cell.numFmt = s.numFmt as string;
    }
    this.wrote.delete(undo);
    if (back.length) this.changed();
    return {
      restored: back.length,
      kept: saved.filter((s) => !back.includes(s)).map((s) => s.address),
    };
  }

  async insertAnnex(layout: AnnexLayout): Promise<InsertedAnnex> {
    const taken = this.workbook.worksheets.some(
      (ws) => ws.name.toLocaleLowerCase() === layout.sheetName.toLocaleLowerCase()
    );
    if (taken) throw sheetExists(layout.sheetName);
    await addAnnexSheet(this.workbook, layout);
    this.active = layout.sheetName;
    this.selection = undefined;
    this.changed();
    return { sheet: layout.sheetName, skipped: [] };
  }

  async select(sheet: string, cells: readonly string[]): Promise<void> {
    const ws = this.sheet(sheet);
    for (const c of cells) checkAddress(c);
    this.active = ws.name;
    this.selection = { sheet: ws.name, cells: [...cells], by: "pane" };
    this.changed();
  }

  async highlight(sheet: string, marks: readonly Highlight[]): Promise<void> {
    const ws = this.sheet(sheet);
    for (const m of marks) checkAddress(m.address);
    this.highlights.set(ws.name, [...marks]);
    this.changed();
  }

  async clearHighlights(sheet: string): Promise<void> {
    const ws = this.sheet(sheet);
    if (this.highlights.delete(ws.name)) this.changed();
  }

  async onEdit(handler: (edit: SheetEdit) => void): Promise<() => Promise<void>> {
    this.editHandlers.set(handler, this.editSeq);
    return async () => {
      this.editHandlers.delete(handler);
    };
  }

  // ---- The page's side: files, the spreadsheet view ---------------------------------------------

  /** Replaces the workbook with an .xlsx file's bytes. The selection and highlights are cleared. */
  async load(data: ArrayBuffer | Uint8Array): Promise<void> {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(data as ArrayBuffer);
    } catch (e) {
      throw new HostError("invalid-argument", {
        vi: `Không đọc được tệp: đây không phải sổ tính Excel (.xlsx), tệp bị hỏng hoặc được đặt mật khẩu mở. (${errorText(e)})`,
        en: `Could not read the file: it is not an Excel workbook (.xlsx), it is damaged, or it needs a password to open. (${errorText(e)})`,
      });
    }
    this.workbook = workbook;
    const tab = workbook.views?.[0]?.activeTab;
    const byTab = typeof tab === "number" ? workbook.worksheets[tab] : undefined;
    this.active = byTab && isVisible(byTab) ? byTab.name : firstVisible(workbook);
    this.selection = undefined;
    this.highlights.clear();
    this.changed();
  }

  /** The workbook as .xlsx bytes, with the active sheet remembered. */
  async download(): Promise<Uint8Array<ArrayBuffer>> {
    const index = this.workbook.worksheets.findIndex((ws) => ws.name === this.active);
    if (index >= 0) {
      this.workbook.views = [
        { ...(this.workbook.views?.[0] ?? {}), activeTab: index } as ExcelJS.WorkbookView,
      ];
    }
    const buffer = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(buffer as ArrayBuffer);
  }

  /** The ExcelJS workbook, for the view to read cells, widths and merges. Do not write through it. */
  get book(): ExcelJS.Workbook {
    return this.workbook;
  }

  get activeSheet(): string | undefined {
    return this.active;
  }

  /** The view's tab click. */
  activate(sheet: string): void {
    const ws = this.sheet(sheet);
    if (this.active === ws.name) return;
    this.active = ws.name;
    this.changed();
  }

  /** The view's click on a cell: selects it (the pane is not told; Excel does not tell it either). */
  selectFromView(sheet: string, address: string): void {
    checkAddress(address);
    const ws = this.sheet(sheet);
    this.active = ws.name;
    this.selection = { sheet: ws.name, cells: [address], by: "view" };
    this.changed();
  }

  get currentSelection(): BrowserSelection | undefined {
    return this.selection;
  }

  highlightsOf(sheet: string): readonly Highlight[] {
    return this.highlights.get(sheet) ?? [];
  }

  /**
   * A person typed into a cell of the view, the way Excel reads typing on a Vietnamese machine: "=" starts
   * a formula, a leading apostrophe keeps text as text ("'16.000"), a figure written as vi-VN writes it
   * ("16.000", "57,72") becomes a number, anything else is text, and an empty entry clears the cell.
   * A locked cell of a protected sheet refuses, as in Excel. Reported to onEdit handlers, debounced.
   */
  editCell(sheet: string, address: string, typed: string): void {
    checkAddress(address);
    const ws = this.sheet(sheet);
    const cell = ws.getCell(address);
    // ExcelJS, not Office.js: cell.protection is plain data (the Office.js proxy rules misread it).
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    const locked = cell.protection?.locked !== false;
    if (protectionOf(ws) !== "none" && locked) {
      throw new HostError("not-supported", {
        vi: `Ô ${address} bị khóa: trang tính "${ws.name}" đang được bảo vệ. Ô này do công cụ tính, không nhập tay.`,
        en: `Cell ${address} is locked: sheet "${ws.name}" is protected. The tool computes this cell; it is not for typing.`,
      });
    }
    cell.value = typedValue(typed);
    this.changed();
    this.reportEdit(ws.name, address);
  }

  /** For the view: re-render when anything it shows changed (useSyncExternalStore). */
  subscribe = (listener: () => void): (() => void) => {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  };

  /** Grows on every change the view shows. */
  getRevision = (): number => this.revision;

  /** Sends pending edits now (the view flushes before a test or a download). */
  flushEdits(): void {
    if (this.editTimer !== undefined) clearTimeout(this.editTimer);
    this.editTimer = undefined;
    const pending = this.pendingEdits;
    this.pendingEdits = [];
    for (const [handler, since] of [...this.editHandlers]) {
      const bySheet = new Map<string, string[]>();
      for (const e of pending) {
        if (e.seq <= since) continue;
        const list = bySheet.get(e.sheet) ?? [];
        if (!list.includes(e.address)) list.push(e.address);
        bySheet.set(e.sheet, list);
      }
      for (const [sheet, addresses] of bySheet) handler({ sheet, addresses });
    }
  }

  // ---- internals --------------------------------------------------------------------------------

  private reportEdit(sheet: string, address: string): void {
    this.pendingEdits.push({ seq: ++this.editSeq, sheet, address });
    if (this.editTimer !== undefined) clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => this.flushEdits(), this.editDebounceMs);
  }

  private changed(): void {
    this.revision++;
    for (const l of [...this.viewListeners]) l();
  }

  private sheet(name: string | undefined): ExcelJS.Worksheet {
    const ws =
      name === undefined
        ? undefined
        : (this.workbook.getWorksheet(name) ??
          this.workbook.worksheets.find((w) => sameSheetName(w.name, name)));
    if (!ws || ws.name === METADATA_SHEET || !isVisible(ws)) {
      if (name !== undefined) throw sheetMissing(name);
      throw new HostError("sheet-missing", {
        vi: "Sổ tính chưa có trang tính nào.",
        en: "The workbook has no sheet yet.",
      });
    }
    return ws;
  }
}

function visibleSheets(workbook: ExcelJS.Workbook): ExcelJS.Worksheet[] {
  return workbook.worksheets.filter((ws) => ws.name !== METADATA_SHEET && isVisible(ws));
}

function isVisible(ws: ExcelJS.Worksheet): boolean {
  return ws.state !== "hidden" && ws.state !== "veryHidden";
}

function firstVisible(workbook: ExcelJS.Workbook): string | undefined {
  return visibleSheets(workbook)[0]?.name;
}

function protectionOf(ws: ExcelJS.Worksheet): SheetRead["protection"] {
  // ExcelJS keeps the <sheetProtection> record here; its typings do not declare it.
  const p = (ws as unknown as { sheetProtection?: SheetProtectionRecord | null }).sheetProtection;
  if (!p?.sheet) return "none";
  return p.hashValue || p.password ? "password" : "no-password";
}

interface SheetProtectionRecord {
  readonly sheet?: boolean;
  readonly hashValue?: string;
  readonly password?: string;
}

function refusePassword(ws: ExcelJS.Worksheet): void {
  if (protectionOf(ws) === "password") throw passwordProtected(ws.name);
}

function checkAddress(address: string): void {
  const parts = address.split(":");
  const ok = parts.length <= 2 && parts.every((p) => /^[A-Z]{1,3}[1-9]\d{0,6}$/.test(p));
  if (!ok) {
    throw new HostError("invalid-argument", {
      vi: `"${address}" không phải địa chỉ ô hay vùng ô (ví dụ E12 hoặc E12:E14).`,
      en: `"${address}" is not a cell or range address (for example E12 or E12:E14).`,
    });
  }
  for (const p of parts) fromA1(p);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

import {
  AnnexLayout,
  Bilingual,
  CellValue,
  Explanation,
  fromA1,
  SheetSnapshot,
  toA1,
  WritePlan,
} from "../../src/domain";
import { SnapshotEditor } from "../../src/domain/sheet/snapshot";
import { embedPlan, parseEmbeddedTemplates } from "../../src/domain/sheet/embeddedTemplates";
import type { TemplateInput } from "../../src/domain/template/schema";
import {
  AnnexHost,
  AppliedPlan,
  CellState,
  changedExplanations,
  ExplanationsChange,
  Highlight,
  HostCapabilities,
  HostError,
  InsertedAnnex,
  Restored,
  SheetEdit,
  SheetInfo,
  SheetRead,
  TemplateWriteOptions,
  TemplateWritten,
  UndoRecord,
} from "../../src/host/annexHost";

/**
 * A whole workbook in memory behind the AnnexHost interface, for tests of the session and the pane.
 * It keeps cells as Excel would (value, formula, number format), protects sheets, refuses taken names,
 * records selections and highlights, and lets a test type into cells as a person would (reported to
 * onEdit subscribers, as the Office host reports a person's edits). Our own writes are not reported.
 */
interface Cell {
  readonly value: CellValue;
  /** Without "=". */
  readonly formula?: string;
  readonly numFmt?: string;
}

interface MemorySheet {
  readonly name: string;
  readonly cells: Map<string, Cell>;
  metadata?: AnnexLayout["metadata"];
  protection: SheetRead["protection"];
  /** Its explanations (giải trình), as the metadata sheet keeps them. */
  explanations?: readonly Explanation[];
}

type Method =
  | "readSheet"
  | "applyPlan"
  | "restore"
  | "insertAnnex"
  | "select"
  | "highlight"
  | "listSheets"
  | "writeExplanations"
  | "writeTargets"
  | "writeTemplate";

export class MemoryHost implements AnnexHost {
  readonly kind = "browser" as const;
  private readonly sheets: MemorySheet[] = [];
  private active: string | undefined;
  private readonly handlers = new Set<(edit: SheetEdit) => void>();
  private readonly failures = new Map<Method, HostError>();
  /** Every call, by method name, in order. */
  readonly calls: string[] = [];
  readonly highlights = new Map<string, readonly Highlight[]>();
  selection: { sheet: string; cells: readonly string[] } | undefined;
  /** The targets file kept with the workbook (its JSON text), as the metadata sheet keeps it. */
  targets: string | undefined;
  /** `_annex` as far as kept templates go: their table's cells (row 0 its header), as Excel holds them. */
  readonly annexCells: unknown[][] = [];
  /** How many writeTemplate calls wrote something. */
  templateWrites = 0;

  constructor(
    private readonly caps: HostCapabilities = {
      dataValidation: true,
      pageLayout: true,
      customProperties: true,
      changeSource: true,
    }
  ) {}

  // ── test controls ──
  /** Adds a sheet from plain values (row-major from A1), and activates it. */
  addSheet(name: string, values: ReadonlyArray<ReadonlyArray<CellValue | undefined>> = []): this {
    const sheet: MemorySheet = { name, cells: new Map(), protection: "none" };
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== undefined && v !== "") sheet.cells.set(toA1(r, c), { value: v });
      })
    );
    this.sheets.push(sheet);
    this.active = name;
    return this;
  }

  activate(name: string): this {
    this.sheetNamed(name);
    this.active = name;
    return this;
  }

  protect(name: string, protection: SheetRead["protection"]): this {
    this.sheetNamed(name).protection = protection;
    return this;
  }

  /** The next call of `method` throws this error (once). */
  failNext(method: Method, problem: HostError["problem"], text: Bilingual): this {
    this.failures.set(method, new HostError(problem, text));
    return this;
  }

  /** A person types: values, or formulas starting with "=", by address. Reported to onEdit. */
  type(sheetName: string, entries: Readonly<Record<string, CellValue>>): void {
    const sheet = this.sheetNamed(sheetName);
    for (const [address, v] of Object.entries(entries)) {
      const had = sheet.cells.get(address);
      const numFmt = had?.numFmt;
      if (typeof v === "string" && v.startsWith("="))
        sheet.cells.set(address, { value: "", formula: v.slice(1), ...(numFmt ? { numFmt } : {}) });
      else sheet.cells.set(address, { value: v, ...(numFmt ? { numFmt } : {}) });
    }
    const edit = { sheet: sheetName, addresses: Object.keys(entries) };
    for (const h of this.handlers) h(edit);
  }

  /** Types a whole plan (e.g. the domain's samplePlan), as a person would, without reporting edits. */
  typePlan(plan: WritePlan): void {
    const sheet = this.sheetNamed(plan.sheet);
    for (const w of plan.writes) this.write(sheet, w.address, w.value ?? "", w.formula, w.numFmt);
  }

  cell(sheetName: string, address: string): Cell | undefined {
    return this.sheetNamed(sheetName).cells.get(address);
  }

  /** Everything on a sheet, for comparing before and after. */
  dump(sheetName: string): Record<string, Cell> {
    return Object.fromEntries([...this.sheetNamed(sheetName).cells].sort());
  }

  get subscribers(): number {
    return this.handlers.size;
  }

  // ── AnnexHost ──
  capabilities(): HostCapabilities {
    return this.caps;
  }

  async listSheets(): Promise<readonly SheetInfo[]> {
    this.enter("listSheets");
    return this.sheets.map((s) => ({
      name: s.name,
      active: s.name === this.active,
      annex: s.metadata !== undefined,
    }));
  }

  async readSheet(name?: string): Promise<SheetRead> {
    this.enter("readSheet");
    const sheet = this.sheetNamed(name ?? this.active);
    const editor = new SnapshotEditor();
    for (const [address, c] of sheet.cells) {
      const { row, col } = fromA1(address);
      editor.set(row, col, c.value, c.formula, c.numFmt);
    }
    const snapshot: SheetSnapshot = editor.snapshot(sheet.name, sheet.metadata);
    return {
      snapshot: sheet.explanations?.length
        ? { ...snapshot, explanations: sheet.explanations }
        : snapshot,
      protection: sheet.protection,
      ...(this.targets ? { targets: this.targets } : {}),
      ...(this.templates.length ? { templates: this.templates } : {}),
    };
  }

  /** The templates kept in the workbook. */
  get templates() {
    return parseEmbeddedTemplates(this.annexCells);
  }

  async writeTemplate(
    data: TemplateInput,
    options: TemplateWriteOptions = {}
  ): Promise<TemplateWritten> {
    this.enter("writeTemplate");
    const plan = embedPlan(this.annexCells.length ? this.annexCells : undefined, data, options);
    if (plan.action === "conflict") return { outcome: "conflict", kept: plan.kept };
    const bind = options.bind;
    const sheet = bind && this.sheetNamed(bind.sheet);
    const bound = !bind || JSON.stringify(sheet?.metadata) === JSON.stringify(bind.metadata);
    if (plan.action === "unchanged" && bound) return { outcome: "unchanged" };
    if (sheet && bind) sheet.metadata = bind.metadata;
    if (plan.action === "write") {
      const { table } = plan;
      for (let r = 0; r < table.rows.length + table.clear; r++)
        for (let k = 0; k < table.width; k++) {
          const row = (this.annexCells[r] ??= []);
          row[table.column + k] = table.rows[r]?.[k] ?? "";
        }
    }
    this.templateWrites++;
    return {
      outcome: "written",
      ...(plan.action === "write" && plan.replaced ? { replaced: plan.replaced } : {}),
    };
  }

  async writeExplanations(sheet: string, explanations: ExplanationsChange): Promise<void> {
    this.enter("writeExplanations");
    const named = this.sheetNamed(sheet);
    named.explanations = [...changedExplanations(explanations, named.explanations ?? [])];
  }

  async writeTargets(text: string | undefined): Promise<void> {
    this.enter("writeTargets");
    this.targets = text;
  }

  /** A sheet's explanations as stored (test control). */
  explanationsOf(sheet: string): readonly Explanation[] {
    return this.sheetNamed(sheet).explanations ?? [];
  }

  async applyPlan(plan: WritePlan): Promise<AppliedPlan> {
    this.enter("applyPlan");
    const sheet = this.sheetNamed(plan.sheet);
    if (sheet.protection === "password") throw passwordError(sheet.name);
    const before: CellState[] = plan.writes.map((w) => this.state(sheet, w.address));
    for (const w of plan.writes) this.write(sheet, w.address, w.value ?? "", w.formula, w.numFmt);
    return {
      written: plan.writes.length,
      undo: {
        sheet: sheet.name,
        cells: before,
        label: { vi: `Ghi ${before.length} ô`, en: `Write ${before.length} cells` },
      },
    };
  }

  async restore(undo: UndoRecord): Promise<Restored> {
    this.enter("restore");
    const sheet = this.sheetNamed(undo.sheet);
    if (sheet.protection === "password") throw passwordError(sheet.name);
    for (const c of undo.cells) {
      const isFormula = typeof c.formula === "string" && c.formula.startsWith("=");
      const numFmt = c.numberFormat === "General" ? undefined : c.numberFormat;
      if (!isFormula && c.formula === "" && numFmt === undefined) sheet.cells.delete(c.address);
      else
        sheet.cells.set(c.address, {
          value: isFormula ? "" : c.formula,
          ...(isFormula ? { formula: (c.formula as string).slice(1) } : {}),
          ...(numFmt ? { numFmt } : {}),
        });
    }
    // This test host does not follow edits made after a write: every cell goes back.
    return { restored: undo.cells.length, kept: [] };
  }

  async insertAnnex(layout: AnnexLayout): Promise<InsertedAnnex> {
    this.enter("insertAnnex");
    if (this.sheets.some((s) => s.name.toLowerCase() === layout.sheetName.toLowerCase()))
      throw new HostError("sheet-exists", {
        vi: `Đã có trang tính "${layout.sheetName}".`,
        en: `A sheet "${layout.sheetName}" already exists.`,
      });
    const sheet: MemorySheet = {
      name: layout.sheetName,
      cells: new Map(),
      metadata: layout.metadata,
      protection: "no-password",
    };
    for (const c of layout.cells) {
      if (c.value === undefined && c.formula === undefined && !c.numFmt) continue;
      this.write(
        sheet,
        toA1(c.row, c.col),
        c.formula !== undefined ? "" : (c.value ?? ""),
        c.formula,
        c.numFmt
      );
    }
    this.sheets.push(sheet);
    this.active = sheet.name;
    const skipped = (["dataValidation", "pageLayout"] as const).filter((k) => !this.caps[k]);
    return { sheet: sheet.name, skipped };
  }

  async select(sheet: string, cells: readonly string[]): Promise<void> {
    this.enter("select");
    this.sheetNamed(sheet);
    this.active = sheet;
    this.selection = { sheet, cells };
  }

  async highlight(sheet: string, marks: readonly Highlight[]): Promise<void> {
    this.enter("highlight");
    this.sheetNamed(sheet);
    this.highlights.set(sheet, marks);
  }

  async clearHighlights(sheet: string): Promise<void> {
    this.calls.push("clearHighlights");
    this.highlights.delete(sheet);
  }

  async onEdit(handler: (edit: SheetEdit) => void): Promise<() => Promise<void>> {
    this.calls.push("onEdit");
    this.handlers.add(handler);
    return async () => {
      this.handlers.delete(handler);
    };
  }

  // ── internals ──
  private enter(method: Method): void {
    this.calls.push(method);
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  private sheetNamed(name: string | undefined): MemorySheet {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet)
      throw new HostError("sheet-missing", {
        vi: name ? `Không có trang tính "${name}".` : "Sổ làm việc không có trang tính nào.",
        en: name ? `There is no sheet "${name}".` : "The workbook has no sheet.",
      });
    return sheet;
  }

  private state(sheet: MemorySheet, address: string): CellState {
    const c = sheet.cells.get(address);
    return {
      address,
      formula: c?.formula !== undefined ? `=${c.formula}` : (c?.value ?? ""),
      numberFormat: c?.numFmt ?? "General",
    };
  }

  private write(
    sheet: MemorySheet,
    address: string,
    value: CellValue,
    formula?: string,
    numFmt?: string
  ): void {
    // Excel has no "no format": General is the default, stored here as none.
    const given = numFmt === "General" ? undefined : numFmt;
    const keep = numFmt !== undefined ? given : sheet.cells.get(address)?.numFmt;
    sheet.cells.set(address, {
      value,
      ...(formula !== undefined ? { formula } : {}),
      ...(keep ? { numFmt: keep } : {}),
    });
  }
}

function passwordError(sheet: string): HostError {
  return new HostError("password-protected", {
    vi: `Trang tính "${sheet}" được bảo vệ bằng mật khẩu.`,
    en: `Sheet "${sheet}" is protected with a password.`,
  });
}

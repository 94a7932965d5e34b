import { nextYearPlan, nextYearSummary } from "./nextYear";
import type { CarriedFigure } from "../domain/rollover";
import { templateForDepartment } from "../domain/template/department";
import {
  Analysis,
  analyzeSheet,
  Bilingual,
  buildAnnexLayout,
  explainFinding,
  explanationKey,
  Finding,
  NumberLocale,
  periodName,
  planFixes,
  ReportingPeriod,
  Severity,
  sameExplanation,
  SheetSnapshot,
  Template,
  withExplanation,
  WritePlan,
} from "../domain";
import { plannedSelfCheck, SelfCheckedPlan, withSelfCheck } from "../domain/layout/selfCheckPlan";
import {
  AnnexHost,
  Capability,
  Highlight,
  HostError,
  SheetEdit,
  UndoRecord,
} from "../host/annexHost";
import {
  AnnexSummary,
  Counts,
  countsText,
  explainedText,
  ExplainedView,
  ExplanationView,
  findingId,
  FindingView,
  moreSerious,
  SeverityGroup,
  sheetFindings,
} from "./findingViews";
import {
  CustomTemplate,
  parseCustomTemplate,
  readStoredTemplates,
  TemplateStore,
} from "./customTemplates";
import { checkDistrictFiles, DistrictFileInput, DistrictFileReport } from "./districtFiles";
import { KEPT_TARGETS, readTargetsText, TargetsView } from "./targetsChoice";
import { attempt, failure, Outcome, success } from "./problems";
import { learnFromOpenSheet, LearnedView } from "./learnedTemplate";
import {
  freeSheetName,
  isAnnexYear,
  sheetNameProblem,
  TemplateChoice,
  templateChoice,
  templateFor,
  templateList,
  TemplatePreview,
  templatePreview,
} from "./templateCatalog";

/**
 * The use cases of the add-in, shared by the task pane and the ribbon commands. The only place that
 * calls the engine (src/domain) and the host (AnnexHost). Every action returns an Outcome: its result
 * as plain, serialisable data with texts in Vietnamese and English, or the Problem that stopped it.
 *
 * Stable for src/commands: check(), fill({ overwrite: false }), highlightAll(); each result has a
 * one-line `summary` (Bilingual) a command can show as it is.
 */

export interface SessionOptions {
  /** The department's own templates, loaded with loadTemplate; they come before the built-in ones. */
  readonly templates?: readonly Template[];
  /** Where custom templates added in the pane are kept; they are read from it when the session starts. */
  readonly store?: TemplateStore;
  /** How figures typed as text are read: vi-VN ("16.000") unless the office writes en-US. */
  readonly locale?: NumberLocale;
  /** Quiet time after an edit before the sheet is checked again (ms). */
  readonly recheckDelayMs?: number;
}

/** What "Kiểm tra" found on a sheet. */
export interface CheckReport {
  readonly sheet: string;
  readonly annex: AnnexSummary;
  readonly counts: Counts;
  /** Errors, then warnings, then notes; within each, the template's sections in order. */
  readonly groups: readonly SeverityGroup[];
  /** The same findings in the engine's order. */
  readonly findings: readonly FindingView[];
  /** Findings explained (giải trình) on their figures: listed apart, not counted. */
  readonly explained: readonly ExplainedView[];
  readonly explainedCounts: Counts;
  /** Explanations whose finding no longer fires, kept until withdrawn. */
  readonly staleExplanations: readonly ExplanationView[];
  /** Derived cells "Tính cột" would write now, and cells it would keep because a person typed there. */
  readonly fill: { readonly pending: number; readonly kept: number };
  /** "password": the add-in can check this sheet but not write to it. */
  readonly protection: "none" | "no-password" | "password";
  /** "Biểu số 01 năm 2023: 0 lỗi, 5 cảnh báo, 2 lưu ý." */
  readonly summary: Bilingual;
  /** Cells edited since the previous check, when this check followed edits. */
  readonly edited: readonly string[];
  /** The targets file kept with the workbook that this check used, if any. */
  readonly targets?: TargetsView;
}

export interface TargetsResult {
  /** The targets file now kept with the workbook (none after removing it). */
  readonly targets?: TargetsView;
  /** The sheet checked again with it, when the active sheet holds an annex. */
  readonly report?: CheckReport;
  readonly summary: Bilingual;
}

export interface KeptCell {
  readonly address: string;
  /** What the person typed there. */
  readonly found: string;
  readonly reason: Bilingual;
}

export interface FillResult {
  readonly sheet: string;
  readonly written: number;
  readonly kept: readonly KeptCell[];
  /** Cells were kept because a person typed there: the pane asks before filling with overwrite. */
  readonly askOverwrite: boolean;
  readonly summary: Bilingual;
}

export interface FixResult {
  readonly sheet: string;
  readonly converted: number;
  readonly summary: Bilingual;
}

export interface ExplainResult {
  readonly sheet: string;
  /** The sheet checked again: the finding among `explained` (or back among the findings). */
  readonly report: CheckReport;
  readonly summary: Bilingual;
}

export interface UndoResult {
  readonly sheet: string;
  readonly restored: number;
  /** Cells a person changed after the fill or conversion: left as they typed them. */
  readonly kept: readonly string[];
  readonly summary: Bilingual;
}

export interface InsertRequest {
  readonly templateId: string;
  readonly year: number;
  /** "Sở Lao động - Thương binh và Xã hội" */
  readonly unitName?: string;
  /** "UBND tỉnh Lạng Sơn" */
  readonly authority?: string;
  /** The default name ("Biểu 01 - 2023") when absent. */
  readonly sheetName?: string;
  /** The reporting period, for a form that offers one (Biểu 02: quý I, 6 tháng…); its default when absent. */
  readonly period?: ReportingPeriod;
  /** The department filling it (Sở Nội vụ, Sở Y tế…; issue #21): its blocks; the whole form when absent. */
  readonly department?: string;
}

export interface NextYearResult {
  readonly sheet: string;
  /** Every figure carried, with its new cell; drafts are estimates standing for actuals. */
  readonly carried: ReadonlyArray<CarriedFigure & { readonly cell: string }>;
  readonly summary: Bilingual;
}

export interface InsertResult {
  readonly sheet: string;
  readonly indicators: number;
  /** Parts of the layout this Excel could not apply, each with what it means for the user. */
  readonly skipped: ReadonlyArray<{ readonly capability: Capability; readonly message: Bilingual }>;
  readonly summary: Bilingual;
}

export interface HighlightResult {
  readonly sheet: string;
  readonly cells: number;
  readonly summary: Bilingual;
}

export type WatchEvent =
  | { readonly type: "stale"; readonly sheet: string; readonly addresses: readonly string[] }
  | { readonly type: "checked"; readonly outcome: Outcome<CheckReport> };

interface UndoEntry {
  readonly record: UndoRecord;
  readonly label: Bilingual;
}

interface Checked {
  readonly analysis: Analysis;
  readonly report: CheckReport;
}

const SKIPPED_CAPABILITY: Readonly<Record<Capability, Bilingual>> = {
  dataValidation: {
    vi: "Excel này chưa có kiểm tra dữ liệu nhập (ExcelApi 1.8): các ô nhập không hiện lời nhắc ĐVT và chỉ tiêu.",
    en: "This Excel lacks data validation (ExcelApi 1.8): input cells show no unit and target prompts.",
  },
  pageLayout: {
    vi: "Excel này chưa đặt được trang in (ExcelApi 1.9): hãy tự chọn A4 nằm ngang trước khi in.",
    en: "This Excel cannot set up printing (ExcelApi 1.9): choose A4 landscape yourself before printing.",
  },
  customProperties: {
    vi: "Excel này chưa có thuộc tính trang tính (ExcelApi 1.12); biểu vẫn được nhận biết qua trang tính ẩn _annex.",
    en: "This Excel lacks worksheet properties (ExcelApi 1.12); the annex is still recognised by the hidden _annex sheet.",
  },
  changeSource: {
    vi: "Excel này không phân biệt được ai sửa ô (ExcelApi 1.14).",
    en: "This Excel cannot tell who changed a cell (ExcelApi 1.14).",
  },
};

const NO_ANNEX_HINT: Bilingual = {
  vi: 'Hãy mở trang tính có biểu chỉ tiêu, hoặc chèn biểu mới ở thẻ "Mẫu biểu".',
  en: 'Open the sheet that holds the indicator annex, or insert a new one from the "Mẫu biểu" (templates) tab.',
};

export class AnnexSession {
  /** Given with the options: always offered, never stored. */
  private readonly given: readonly Template[];
  /** Added in the pane, kept in the store. */
  private added: CustomTemplate[];
  private readonly store: TemplateStore | undefined;
  private readonly locale: NumberLocale;
  private readonly recheckDelayMs: number;
  private last: Checked | undefined;
  /** The targets file kept with the workbook, as the last read found it. */
  private keptTargets: TargetsView | undefined;
  /** Whether a read has told what the workbook keeps (before the first check, nothing is known). */
  private targetsRead = false;
  /** The sheet whose edits trigger a re-check: the last one checked, even if it stopped reading as an annex. */
  private watched: string | undefined;
  private readonly undoStack: UndoEntry[] = [];
  /** Actions run one after another: an edit's re-check never interleaves with a fill. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: AnnexHost,
    options: SessionOptions = {}
  ) {
    this.given = options.templates ?? [];
    this.store = options.store;
    this.added = options.store ? readStoredTemplates(options.store) : [];
    this.locale = options.locale ?? "vi-VN";
    this.recheckDelayMs = options.recheckDelayMs ?? 800;
  }

  get hostKind(): AnnexHost["kind"] {
    return this.host.kind;
  }

  /** Custom templates: the ones added in the pane (latest first), then the ones given. */
  private get custom(): readonly Template[] {
    const added = this.added.map((a) => a.template);
    const ids = new Set(added.map((t) => t.id));
    return [...added, ...this.given.filter((t) => !ids.has(t.id))];
  }

  // ── Mẫu biểu ────────────────────────────────────────────────────────────────────────────────

  /** The templates to choose from, titles with the year given (custom ones first). */
  templates(year?: number): TemplateChoice[] {
    const custom = new Set(this.custom);
    return templateList(this.custom).map((t) => templateChoice(t, custom.has(t), year));
  }

  preview(templateId: string, year: number, period?: ReportingPeriod): Outcome<TemplatePreview> {
    const t = this.template(templateId);
    if (!t) return this.templateMissing(templateId);
    return success(templatePreview(t, year, period));
  }

  /**
   * Adds a department's template from its JSON text (a file the user chose). A template with the same
   * id replaces the earlier one; the built-in one of that id stays hidden behind it.
   */
  addTemplate(text: string, source: string): Outcome<TemplateChoice> {
    const parsed = parseCustomTemplate(text, source);
    if (!parsed.ok) return parsed;
    const { template } = parsed.value;
    this.added = [parsed.value, ...this.added.filter((a) => a.template.id !== template.id)];
    this.store?.write(this.added.map((a) => a.text));
    return success(templateChoice(template, true));
  }

  /** "Tạo mẫu từ trang tính đang mở": the open sheet's template, learned (see learnedTemplate.ts). */
  learnOpenSheet(): Promise<Outcome<LearnedView>> {
    return learnFromOpenSheet(this.host, this.locale);
  }

  /** Forgets a template added in the pane. */
  removeTemplate(id: string): Outcome<void> {
    const before = this.added.length;
    this.added = this.added.filter((a) => a.template.id !== id);
    if (this.added.length === before) return this.templateMissing(id);
    this.store?.write(this.added.map((a) => a.text));
    return success(undefined);
  }

  /** The default name for the template and year, or the first free variant of it in this workbook. */
  suggestSheetName(templateId: string, year: number): Promise<Outcome<string>> {
    return this.run(async () => {
      const t = this.template(templateId);
      if (!t) return this.templateMissing<string>(templateId);
      const taken = (await this.host.listSheets()).map((s) => s.name);
      return success(freeSheetName(templatePreview(t, year).sheetName, taken));
    });
  }

  insert(request: InsertRequest): Promise<Outcome<InsertResult>> {
    return this.run(async () => {
      const found = this.template(request.templateId);
      if (!found) return this.templateMissing<InsertResult>(request.templateId);
      const t = templateFor(found, request.period);
      if (!isAnnexYear(request.year))
        return failure<InsertResult>("invalid-argument", {
          vi: `Năm "${request.year}" không hợp lệ; hãy nhập năm có 4 chữ số, ví dụ 2023.`,
          en: `"${request.year}" is not a valid year; enter a four-digit year such as 2023.`,
        });
      const layout = buildAnnexLayout(t, {
        year: request.year,
        locale: this.locale,
        ...(request.unitName?.trim() ? { unitName: request.unitName.trim() } : {}),
        ...(request.authority?.trim() ? { authority: request.authority.trim() } : {}),
        ...(request.sheetName?.trim() ? { sheetName: request.sheetName.trim() } : {}),
        ...(request.department ? { department: request.department } : {}),
      });
      const nameProblem = sheetNameProblem(layout.sheetName);
      if (nameProblem) return failure<InsertResult>("invalid-sheet-name", nameProblem);
      const taken = (await this.host.listSheets()).map((s) => s.name);
      const free = freeSheetName(layout.sheetName, taken);
      if (free !== layout.sheetName) return this.sheetExists(layout.sheetName, free);
      try {
        const inserted = await this.host.insertAnnex(layout);
        const n = templateForDepartment(t, request.department).indicators.length;
        return success<InsertResult>({
          sheet: inserted.sheet,
          indicators: n,
          skipped: inserted.skipped.map((capability) => ({
            capability,
            message: SKIPPED_CAPABILITY[capability],
          })),
          summary: {
            vi: `Đã chèn ${t.form}${t.period ? ` ${periodName(t.period).vi}` : ""} năm ${request.year} (${n} chỉ tiêu) vào trang tính "${inserted.sheet}".`,
            en: `Inserted ${t.form} for ${t.period ? `${periodName(t.period).en} ` : ""}${request.year} (${n} indicators) as sheet "${inserted.sheet}".`,
          },
        });
      } catch (e) {
        // Another sheet may have taken the name between our look and the insert.
        if (e instanceof HostError && e.problem === "sheet-exists") {
          const names = (await this.host.listSheets()).map((s) => s.name);
          return this.sheetExists(layout.sheetName, freeSheetName(layout.sheetName, names));
        }
        throw e;
      }
    });
  }

  /**
   * "Lập biểu năm sau" (issue #21): next year's annex from the open one, as a new sheet, with the
   * figures that mean the same thing next year written in (each listed; estimates as drafts).
   */
  nextYear(sheet?: string): Promise<Outcome<NextYearResult>> {
    return this.run(async () => {
      const read = await this.readAnnex(sheet);
      if (!read.ok) return read;
      const { snapshot, analysis } = read.value;
      const annex = analysis.annex;
      if (!annex) return failure<NextYearResult>("no-annex", NO_ANNEX_HINT);
      const found = this.template(annex.template.id);
      if (!found) return this.templateMissing<NextYearResult>(annex.template.id);
      const plan = nextYearPlan(snapshot, annex, templateFor(found, annex.period), this.locale);
      const taken = (await this.host.listSheets()).map((s) => s.name);
      const free = freeSheetName(plan.layout.sheetName, taken);
      if (free !== plan.layout.sheetName) return this.sheetExists(plan.layout.sheetName, free);
      const inserted = await this.host.insertAnnex(plan.layout);
      if (plan.writes.length)
        await this.host.applyPlan({ sheet: inserted.sheet, writes: plan.writes, skipped: [] });
      return success<NextYearResult>({
        sheet: inserted.sheet,
        carried: plan.carried,
        summary: nextYearSummary(plan, inserted.sheet, snapshot.name),
      });
    });
  }

  // ── Kiểm tra ────────────────────────────────────────────────────────────────────────────────

  /** Checks the active sheet (or the one named). */
  check(sheet?: string): Promise<Outcome<CheckReport>> {
    return this.run(() => this.checkNow(sheet, []));
  }

  /** Checks the last checked sheet again after a person edited it. Relations span rows, so the whole
   *  sheet is checked; the report names the edited cells. */
  recheck(edit?: SheetEdit): Promise<Outcome<CheckReport>> {
    return this.run(() =>
      this.checkNow(edit?.sheet ?? this.last?.report.sheet, edit?.addresses ?? [])
    );
  }

  /** The last report, if any (undefined before the first check). */
  get lastReport(): CheckReport | undefined {
    return this.last?.report;
  }

  /**
   * Re-checks as the user types: each edit of the checked sheet makes the results stale at once, and
   * after `recheckDelayMs` of quiet the sheet is checked again. Returns the function that stops it.
   */
  async watch(listener: (event: WatchEvent) => void): Promise<() => Promise<void>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: string[] = [];
    let sheet: string | undefined;
    const unsubscribe = await this.host.onEdit((edit) => {
      if (edit.sheet !== this.watched) return;
      sheet = edit.sheet;
      pending = [...new Set([...pending, ...edit.addresses])];
      listener({ type: "stale", sheet, addresses: pending });
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        const addresses = pending;
        pending = [];
        void this.recheck({ sheet: sheet as string, addresses }).then((outcome) =>
          listener({ type: "checked", outcome })
        );
      }, this.recheckDelayMs);
    });
    return async () => {
      if (timer !== undefined) clearTimeout(timer);
      await unsubscribe();
    };
  }

  /** Selects a finding's cells in Excel (the first is the active cell). */
  select(finding: FindingView): Promise<Outcome<void>> {
    return this.run(async () => {
      await this.host.select(finding.sheet, finding.cells);
      return success(undefined);
    });
  }

  /** Marks every finding's cells of the last check (checking first if needed) by severity. */
  highlightAll(): Promise<Outcome<HighlightResult>> {
    return this.run(async () => {
      if (!this.last) {
        const checked = await this.checkNow(undefined, []);
        if (!checked.ok) return checked;
      }
      const report = (this.last as Checked).report;
      const marks = highlightsOf(report.findings);
      await this.host.highlight(report.sheet, marks);
      return success<HighlightResult>({
        sheet: report.sheet,
        cells: marks.length,
        summary: {
          vi: `Đã tô màu ${marks.length} ô trên trang tính "${report.sheet}": ${countsText(report.counts).vi}.`,
          en: `Highlighted ${marks.length} cells on "${report.sheet}": ${countsText(report.counts).en}.`,
        },
      });
    });
  }

  clearHighlights(): Promise<Outcome<HighlightResult>> {
    return this.run(async () => {
      const sheet = this.last?.report.sheet ?? (await this.host.readSheet()).snapshot.name;
      await this.host.clearHighlights(sheet);
      return success<HighlightResult>({
        sheet,
        cells: 0,
        summary: {
          vi: `Đã bỏ tô màu trên trang tính "${sheet}"; định dạng của bạn giữ nguyên.`,
          en: `Cleared the highlights on "${sheet}"; your own formatting is unchanged.`,
        },
      });
    });
  }

  /** Converts the numbers stored as text of the findings the user ticked, then checks again. */
  fixNumbers(findingIds: readonly string[]): Promise<Outcome<FixResult>> {
    return this.run(async () => {
      if (!this.last)
        return failure<FixResult>("not-checked", {
          vi: "Hãy kiểm tra trang tính trước khi chuyển số.",
          en: "Check the sheet before converting numbers.",
        });
      const read = await this.readAnnex(this.last.report.sheet);
      if (!read.ok) return read;
      const { snapshot, analysis, protection } = read.value;
      if (protection === "password") return passwordProblem<FixResult>(snapshot.name);
      const wanted = new Set(findingIds);
      const chosen = analysis.findings.filter((f) => f.fix && wanted.has(findingId(f)));
      const plan = planFixes(snapshot, chosen);
      const n = plan.writes.length;
      if (n)
        await this.apply(plan, { vi: `Chuyển số (${n} ô)`, en: `Convert numbers (${n} cells)` });
      await this.checkNow(
        snapshot.name,
        plan.writes.map((w) => w.address)
      );
      return success<FixResult>({
        sheet: snapshot.name,
        converted: n,
        summary: n
          ? {
              vi: `Đã chuyển ${n} ô từ dạng văn bản sang số.`,
              en: `Converted ${n} cells from text to numbers.`,
            }
          : {
              vi: "Không có ô nào cần chuyển: các ô đã là số.",
              en: "Nothing to convert: the cells already hold numbers.",
            },
      });
    });
  }

  // ── Giải trình ──────────────────────────────────────────────────────────────────────────────

  /**
   * Explains a finding of the last check (giải trình): the reason is kept in the workbook, beside the
   * annex metadata, with a fingerprint of the finding's figures; the finding is then listed apart and
   * not counted, until one of those figures changes. Explaining it again replaces the reason; the same
   * reason again writes nothing. The sheet is checked again.
   */
  explain(id: string, reason: string): Promise<Outcome<ExplainResult>> {
    return this.run(async () => {
      const text = reason.trim();
      if (!text)
        return failure<ExplainResult>("invalid-argument", {
          vi: "Hãy nhập lý do giải trình trước khi lưu.",
          en: "Type the reason before saving the explanation.",
        });
      const read = await this.readChecked();
      if (!read.ok) return read;
      const { snapshot, analysis } = read.value;
      const all: Finding[] = [
        ...analysis.findings,
        ...(analysis.explanations?.explained.map((x) => x.finding) ?? []),
      ];
      const finding = all.find((f) => findingId(f) === id);
      if (!finding) {
        await this.checkNow(snapshot.name, []);
        return failure<ExplainResult>("not-checked", {
          vi: "Phát hiện này không còn trên trang tính: số liệu đã thay đổi từ lần kiểm tra trước. Kết quả kiểm tra đã được cập nhật.",
          en: "This finding is no longer on the sheet: the figures changed since the last check. The results have been updated.",
        });
      }
      const explanation = explainFinding(finding, snapshot, analysis.annex, {
        reason: text,
        date: today(),
      });
      // The finding's explanation as it reads now (it follows its indicator's row).
      const existing = [
        ...(analysis.explanations?.explained ?? []),
        ...(analysis.explanations?.reopened ?? []),
      ].find((x) => x.finding === finding)?.explanation;
      const same = existing !== undefined && sameExplanation(existing, explanation);
      // A change the host applies to the explanations as it reads them right before writing.
      if (!same)
        await this.host.writeExplanations(snapshot.name, (stored) =>
          withExplanation(stored, explanation, explanation)
        );
      const checked = await this.checkNow(snapshot.name, []);
      if (!checked.ok) return checked;
      const cell = explanation.cell;
      return success<ExplainResult>({
        sheet: snapshot.name,
        report: checked.value,
        summary: same
          ? {
              vi: `Ô ${cell} đã có giải trình này; không có gì thay đổi.`,
              en: `Cell ${cell} already has this explanation; nothing changed.`,
            }
          : {
              vi: `Đã lưu giải trình cho ô ${cell} trong sổ tính. Phát hiện này không còn được tính, cho đến khi số liệu của nó thay đổi.`,
              en: `Saved the explanation for cell ${cell} in the workbook. The finding no longer counts, until its figures change.`,
            },
      });
    });
  }

  /** Withdraws an explanation (its ExplanationView key): the finding counts again. */
  withdrawExplanation(key: string): Promise<Outcome<ExplainResult>> {
    return this.run(async () => {
      const read = await this.readChecked();
      if (!read.ok) return read;
      const { snapshot, analysis } = read.value;
      const s = analysis.explanations;
      const all = s
        ? [
            ...s.explained.map((x) => x.explanation),
            ...s.reopened.map((x) => x.explanation),
            ...s.stale,
            ...s.unplaced.map((x) => x.explanation),
          ]
        : [];
      const gone = all.find((e) => explanationKey(e) === key);
      if (gone)
        await this.host.writeExplanations(snapshot.name, (stored) => withExplanation(stored, gone));
      const checked = await this.checkNow(snapshot.name, []);
      if (!checked.ok) return checked;
      return success<ExplainResult>({
        sheet: snapshot.name,
        report: checked.value,
        summary: gone
          ? {
              vi: `Đã rút giải trình ở ô ${gone.cell}; phát hiện này lại được tính.`,
              en: `Withdrew the explanation at cell ${gone.cell}; the finding counts again.`,
            }
          : {
              vi: "Giải trình này đã được rút trước đó; không có gì thay đổi.",
              en: "This explanation was already withdrawn; nothing changed.",
            },
      });
    });
  }

  /** The last checked sheet read afresh, for an action on its findings. */
  private async readChecked(): ReturnType<AnnexSession["readAnnex"]> {
    if (!this.last)
      return failure("not-checked", {
        vi: "Hãy kiểm tra trang tính trước khi giải trình.",
        en: "Check the sheet before explaining a finding.",
      });
    return this.readAnnex(this.last.report.sheet);
  }

  // ── Tệp chỉ tiêu ────────────────────────────────────────────────────────────────────────────

  /**
   * Keeps a province's targets file (its JSON text, a file the user chose) with the workbook, for
   * Kiểm tra and Tính cột from now on, then checks the active sheet with it. A file that is not a
   * valid targets file is refused with --targets' own words, and nothing is kept.
   */
  chooseTargets(text: string, name: string): Promise<Outcome<TargetsResult>> {
    return this.run(async () => {
      const read = readTargetsText(text.replace(/^\uFEFF/, ""), name, templateList(this.custom));
      if (!read.ok) return read;
      await this.host.writeTargets(text.replace(/^\uFEFF/, ""));
      this.keptTargets = read.value.view;
      this.targetsRead = true;
      return this.checkedWithTargets(read.value.view, {
        vi: `Đã lưu tệp chỉ tiêu "${name}" vào sổ tính: ${read.value.view.summary.vi}`,
        en: `Kept the targets file "${name}" in the workbook: ${read.value.view.summary.en}`,
      });
    });
  }

  /** Forgets the targets file kept with the workbook; the sheet is checked again without it. */
  removeTargets(): Promise<Outcome<TargetsResult>> {
    return this.run(async () => {
      await this.host.writeTargets(undefined);
      this.keptTargets = undefined;
      this.targetsRead = true;
      return this.checkedWithTargets(undefined, {
        vi: "Đã bỏ tệp chỉ tiêu khỏi sổ tính; kiểm tra theo mẫu biểu, không theo chỉ tiêu của tỉnh.",
        en: "Removed the targets file from the workbook; checks follow the template, not the province's targets.",
      });
    });
  }

  /** The targets file the last check or fill used (undefined: none, or nothing read yet). */
  get targets(): TargetsView | undefined {
    return this.keptTargets;
  }

  /** Whether `targets` is known: the workbook has been read at least once. */
  get targetsKnown(): boolean {
    return this.targetsRead;
  }

  private async checkedWithTargets(
    targets: TargetsView | undefined,
    summary: Bilingual
  ): Promise<Outcome<TargetsResult>> {
    const checked = await this.checkNow(this.last?.report.sheet, []);
    // Kept either way: a sheet that holds no annex is checked with it once one is opened.
    if (!checked.ok && checked.problem.code !== "no-annex") return checked;
    return success<TargetsResult>({
      ...(targets ? { targets } : {}),
      ...(checked.ok ? { report: checked.value } : {}),
      summary,
    });
  }

  // ── Tính cột ────────────────────────────────────────────────────────────────────────────────

  /** Writes the derived formulas of the active annex; never replaces what a person typed unless asked. */
  fill(
    options: { readonly overwrite?: boolean; readonly selfCheck?: boolean } = {}
  ): Promise<Outcome<FillResult>> {
    return this.run(async () => {
      const read = await this.readAnnex(undefined, { overwrite: options.overwrite === true });
      if (!read.ok) return read;
      const { snapshot, analysis, protection } = read.value;
      // The self-check (red cells, "Kiểm tra" column) is kept current where the sheet has it, and
      // added to a sheet recognised from its headers only when the person asks (#13).
      const plan = analysis.annex
        ? withSelfCheck(snapshot, analysis.annex, analysis.plan, {
            selfCheck: options.selfCheck === true,
            overwrite: options.overwrite === true,
          })
        : analysis.plan;
      // Asked for and impossible (no free column up to XFD): refused in words, nothing written.
      const refused = (plan as SelfCheckedPlan).selfCheckRefused;
      if (refused) return failure<FillResult>("no-room-for-self-check", refused);
      const n = plan.writes.length;
      const rules = options.selfCheck === true && plannedSelfCheck(plan) !== undefined;
      if ((n || rules) && protection === "password")
        return passwordProblem<FillResult>(snapshot.name);
      if (n || rules)
        await this.apply(plan, { vi: `Tính cột (${n} ô)`, en: `Fill columns (${n} cells)` });
      // Nothing written (and no overwrite asked): the sheet is as just read, so this analysis is its
      // check; no second read of the whole sheet.
      if (n || options.overwrite === true) await this.checkNow(snapshot.name, []);
      else this.remember(analysis, protection, []);
      const kept = plan.skipped.map((s) => ({
        address: s.address,
        found: s.found,
        reason: s.reason,
      }));
      const k = kept.length;
      return success<FillResult>({
        sheet: snapshot.name,
        written: n,
        kept,
        // Overwriting cannot help a cell kept because it lies in a merge holding a figure (#10).
        askOverwrite: plan.skipped.some((s) => s.merge === undefined) && options.overwrite !== true,
        summary: {
          vi:
            (n
              ? `Đã ghi ${n} ô công thức vào trang tính "${snapshot.name}"`
              : `Không có gì cần ghi: các cột tính toán trên trang tính "${snapshot.name}" đã đúng`) +
            (k ? `; giữ nguyên ${k} ô người dùng đã nhập.` : "."),
          en:
            (n
              ? `Wrote ${n} formula cells on "${snapshot.name}"`
              : `Nothing to write: the derived columns on "${snapshot.name}" are already right`) +
            (k ? `; kept ${k} cells a person typed.` : "."),
        },
      });
    });
  }

  // ── Hoàn tác ────────────────────────────────────────────────────────────────────────────────

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** "Hoàn tác: Tính cột (148 ô)" — what undo() would restore. */
  get undoLabel(): Bilingual | undefined {
    const top = this.undoStack[this.undoStack.length - 1];
    return top ? { vi: `Hoàn tác: ${top.label.vi}`, en: `Undo: ${top.label.en}` } : undefined;
  }

  /** Puts back exactly what the last fill or conversion changed. */
  undo(): Promise<Outcome<UndoResult>> {
    return this.run(async () => {
      const top = this.undoStack[this.undoStack.length - 1];
      if (!top)
        return failure<UndoResult>("nothing-to-undo", {
          vi: "Không có thao tác nào để hoàn tác.",
          en: "There is nothing to undo.",
        });
      const { restored, kept } = await this.host.restore(top.record);
      this.undoStack.pop();
      if (this.last?.report.sheet === top.record.sheet) await this.checkNow(top.record.sheet, []);
      const keptNote: Bilingual = kept.length
        ? {
            vi: ` Giữ nguyên ${kept.length} ô đã được sửa sau đó: ${cellList(kept)}.`,
            en: ` ${kept.length} ${kept.length === 1 ? "cell" : "cells"} changed since then kept as typed: ${cellList(kept)}.`,
          }
        : { vi: "", en: "" };
      return success<UndoResult>({
        sheet: top.record.sheet,
        restored,
        kept,
        summary: {
          vi: `Đã hoàn tác "${top.label.vi}": ${restored} ô trở lại như trước.${keptNote.vi}`,
          en: `Undid "${top.label.en}": ${restored} ${restored === 1 ? "cell is" : "cells are"} back as they were.${keptNote.en}`,
        },
      });
    });
  }

  // ── Hồ sơ huyện ─────────────────────────────────────────────────────────────────────────────

  /** Reads and checks the districts' files in the page (ExcelJS loads on first use), one after another. */
  checkFiles(
    files: readonly DistrictFileInput[],
    onProgress?: (done: number, total: number, file: string) => void
  ): Promise<Outcome<DistrictFileReport[]>> {
    return attempt(async () =>
      success(
        await checkDistrictFiles(files, {
          templates: this.custom,
          locale: this.locale,
          ...(onProgress ? { onProgress } : {}),
        })
      )
    );
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  private run<T>(action: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const next = this.queue.then(() => attempt(action));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private template(id: string): Template | undefined {
    return templateList(this.custom).find((t) => t.id === id);
  }

  private templateMissing<T>(id: string): Outcome<T> {
    return failure<T>("template-missing", {
      vi: `Không có mẫu biểu "${id}" trong danh mục.`,
      en: `There is no template "${id}" in the catalog.`,
    });
  }

  private sheetExists<T>(name: string, suggestion: string): Outcome<T> {
    return failure<T>(
      "sheet-exists",
      {
        vi: `Sổ đã có trang tính "${name}". Hãy dùng tên khác, ví dụ "${suggestion}".`,
        en: `The workbook already has a sheet "${name}". Use another name, such as "${suggestion}".`,
      },
      { suggestion }
    );
  }

  private async readAnnex(
    sheet: string | undefined,
    options: { overwrite?: boolean } = {}
  ): Promise<
    Outcome<{
      snapshot: SheetSnapshot;
      analysis: Analysis;
      protection: "none" | "no-password" | "password";
    }>
  > {
    const read = await this.host.readSheet(sheet);
    const templates = templateList(this.custom);
    // The targets file kept with the workbook, read as --targets reads one (#17).
    const kept =
      read.targets === undefined
        ? undefined
        : readTargetsText(read.targets, KEPT_TARGETS, templates);
    this.targetsRead = true;
    if (kept && !kept.ok) return kept;
    this.keptTargets = kept?.value.view;
    const analysis = analyzeSheet(read.snapshot, {
      templates,
      locale: this.locale,
      ...(options.overwrite ? { overwrite: true } : {}),
      ...(kept ? { targets: kept.value.file } : {}),
    });
    if (!analysis.annex) {
      const finding = analysis.findings[0];
      const unknown = finding?.ruleId === "sheet.unknown-template";
      const message = finding?.message ?? { vi: "", en: "" };
      return failure(unknown ? "unknown-template" : "no-annex", {
        vi: `${message.vi} ${NO_ANNEX_HINT.vi}`.trim(),
        en: `${message.en} ${NO_ANNEX_HINT.en}`.trim(),
      });
    }
    return success({ snapshot: read.snapshot, analysis, protection: read.protection });
  }

  private async checkNow(
    sheet: string | undefined,
    edited: readonly string[]
  ): Promise<Outcome<CheckReport>> {
    const read = await this.readAnnex(sheet);
    if (!read.ok) {
      this.last = undefined;
      return read;
    }
    return success(this.remember(read.value.analysis, read.value.protection, edited));
  }

  /** Makes an analysis of the sheet as it is now the last report (the one the pane shows). */
  private remember(
    analysis: Analysis,
    protection: CheckReport["protection"],
    edited: readonly string[]
  ): CheckReport {
    const seen = sheetFindings(analysis);
    // readAnnex returned it: the sheet holds an annex.
    const annex = seen.annex as AnnexSummary;
    const { counts } = seen;
    // Explained findings are not counted, but explained errors stay visible in the summary.
    const explained = explainedText(seen.explainedCounts);
    const more = (lang: "vi" | "en") => (explained ? `; ${explained[lang]}` : "");
    const report: CheckReport = {
      ...seen,
      annex,
      fill: { pending: analysis.plan.writes.length, kept: analysis.plan.skipped.length },
      protection,
      ...(this.keptTargets ? { targets: this.keptTargets } : {}),
      summary: {
        vi: `${annex.form} năm ${annex.year}, trang tính "${analysis.sheet}": ${countsText(counts).vi}${more("vi")}.`,
        en: `${annex.form} for ${annex.year}, sheet "${analysis.sheet}": ${countsText(counts).en}${more("en")}.`,
      },
      edited,
    };
    this.last = { analysis, report };
    this.watched = analysis.sheet;
    return report;
  }

  private async apply(plan: WritePlan, label: Bilingual): Promise<void> {
    const applied = await this.host.applyPlan(plan);
    if (applied.written > 0) this.undoStack.push({ record: applied.undo, label });
  }
}

function passwordProblem<T>(sheet: string): Outcome<T> {
  return failure<T>("password-protected", {
    vi: `Trang tính "${sheet}" được bảo vệ bằng mật khẩu nên không ghi được. Hãy bỏ bảo vệ (Xem lại → Bỏ bảo vệ trang tính) rồi thử lại; kiểm tra vẫn dùng được.`,
    en: `Sheet "${sheet}" is protected with a password, so nothing can be written. Unprotect it (Review → Unprotect Sheet) and try again; checking still works.`,
  });
}

/** One mark per cell, the most serious finding's severity. */
function highlightsOf(findings: readonly FindingView[]): Highlight[] {
  const worst = new Map<string, Severity>();
  for (const f of findings)
    for (const cell of f.cells) {
      const had = worst.get(cell);
      if (!had || moreSerious(f.severity, had)) worst.set(cell, f.severity);
    }
  return [...worst].map(([address, severity]) => ({ address, severity }));
}

/** Today's date where the pane runs, ISO 8601 ("2026-11-21"). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "E12, F12, G12" — at most five addresses, then "…". */
function cellList(addresses: readonly string[]): string {
  const shown = addresses.slice(0, 5).join(", ");
  return addresses.length > 5 ? `${shown}, …` : shown;
}

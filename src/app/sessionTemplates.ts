import { nextYearPlan, nextYearSummary } from "./nextYear";
import type { CarriedFigure } from "../domain/rollover";
import { templateForDepartment } from "../domain/template/department";
import {
  Bilingual,
  buildAnnexLayout,
  builtInTemplates,
  periodName,
  ReportingPeriod,
  Template,
} from "../domain";
import type { TemplateInput } from "../domain/template/schema";
import { Capability, HostError } from "../host/annexHost";
import { parseCustomTemplate } from "./customTemplates";
import { failure, Outcome, success } from "./problems";
import { learnFromOpenSheet, LearnedView } from "./learnedTemplate";
import { NO_ANNEX_HINT, SessionState } from "./sessionState";
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

/** Mẫu biểu: the templates to choose from, adding and removing one, inserting an annex, next year's. */

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

/** The templates to choose from, titles with the year given (custom ones first). */
export function templates(s: SessionState, year?: number): TemplateChoice[] {
  const custom = new Set(s.custom);
  return templateList(s.custom).map((t) => templateChoice(t, custom.has(t), year));
}

export function preview(
  s: SessionState,
  templateId: string,
  year: number,
  period?: ReportingPeriod
): Outcome<TemplatePreview> {
  const t = s.template(templateId);
  if (!t) return s.templateMissing(templateId);
  return success(templatePreview(t, year, period));
}

/**
 * Adds a department's template from its JSON text (a file the user chose). A template with the same
 * id replaces the earlier one; the built-in one of that id stays hidden behind it.
 */
export function addTemplate(
  s: SessionState,
  text: string,
  source: string
): Outcome<TemplateChoice> {
  const parsed = parseCustomTemplate(text, source);
  if (!parsed.ok) return parsed;
  const { template } = parsed.value;
  s.added = [parsed.value, ...s.added.filter((a) => a.template.id !== template.id)];
  s.store?.write(s.added.map((a) => a.text));
  return success(templateChoice(template, true));
}

/** "Tạo mẫu từ trang tính đang mở": the open sheet's template, learned (see learnedTemplate.ts). */
export function learnOpenSheet(s: SessionState): Promise<Outcome<LearnedView>> {
  return learnFromOpenSheet(s.host, s.locale);
}

/** Forgets a template added in the pane. */
export function removeTemplate(s: SessionState, id: string): Outcome<void> {
  const before = s.added.length;
  s.added = s.added.filter((a) => a.template.id !== id);
  if (s.added.length === before) return s.templateMissing(id);
  s.store?.write(s.added.map((a) => a.text));
  return success(undefined);
}

/** The default name for the template and year, or the first free variant of it in this workbook. */
export function suggestSheetName(
  s: SessionState,
  templateId: string,
  year: number
): Promise<Outcome<string>> {
  return s.run(async () => {
    const t = s.template(templateId);
    if (!t) return s.templateMissing<string>(templateId);
    const taken = (await s.host.listSheets()).map((sheet) => sheet.name);
    return success(freeSheetName(templatePreview(t, year).sheetName, taken));
  });
}

export function insert(s: SessionState, request: InsertRequest): Promise<Outcome<InsertResult>> {
  return s.run(async () => {
    const found = s.template(request.templateId);
    if (!found) return s.templateMissing<InsertResult>(request.templateId);
    const t = templateFor(found, request.period);
    if (!isAnnexYear(request.year))
      return failure<InsertResult>("invalid-argument", {
        vi: `Năm "${request.year}" không hợp lệ; hãy nhập năm có 4 chữ số, ví dụ 2023.`,
        en: `"${request.year}" is not a valid year; enter a four-digit year such as 2023.`,
      });
    const layout = buildAnnexLayout(t, {
      year: request.year,
      locale: s.locale,
      ...(request.unitName?.trim() ? { unitName: request.unitName.trim() } : {}),
      ...(request.authority?.trim() ? { authority: request.authority.trim() } : {}),
      ...(request.sheetName?.trim() ? { sheetName: request.sheetName.trim() } : {}),
      ...(request.department ? { department: request.department } : {}),
    });
    const nameProblem = sheetNameProblem(layout.sheetName);
    if (nameProblem) return failure<InsertResult>("invalid-sheet-name", nameProblem);
    const taken = (await s.host.listSheets()).map((sheet) => sheet.name);
    const free = freeSheetName(layout.sheetName, taken);
    if (free !== layout.sheetName) return s.sheetExists(layout.sheetName, free);
    try {
      const inserted = await s.host.insertAnnex(layout);
      const n = templateForDepartment(t, request.department).indicators.length;
      const kept = await keepOwnForm(s, found);
      return success<InsertResult>({
        sheet: inserted.sheet,
        indicators: n,
        skipped: inserted.skipped.map((capability) => ({
          capability,
          message: SKIPPED_CAPABILITY[capability],
        })),
        summary: {
          vi: `Đã chèn ${t.form}${t.period ? ` ${periodName(t.period).vi}` : ""} năm ${request.year} (${n} chỉ tiêu) vào trang tính "${inserted.sheet}".${kept ? ` ${kept.vi}` : ""}`,
          en: `Inserted ${t.form} for ${t.period ? `${periodName(t.period).en} ` : ""}${request.year} (${n} indicators) as sheet "${inserted.sheet}".${kept ? ` ${kept.en}` : ""}`,
        },
      });
    } catch (e) {
      // Another sheet may have taken the name between our look and the insert.
      if (e instanceof HostError && e.problem === "sheet-exists") {
        const names = (await s.host.listSheets()).map((sheet) => sheet.name);
        return s.sheetExists(layout.sheetName, freeSheetName(layout.sheetName, names));
      }
      throw e;
    }
  });
}

/**
 * A province's own form (added from .json, not a built-in one) goes inside the workbook it was
 * inserted into, as `annex new` does (issue #20): the file sent carries it. Said in the summary; a
 * different template of that id already kept is left as it is, and said too.
 */
async function keepOwnForm(s: SessionState, t: Template): Promise<Bilingual | undefined> {
  if (builtInTemplates().some((b) => b.id === t.id && b.version === t.version)) return undefined;
  const done = await s.host.writeTemplate(t as TemplateInput);
  if (done.outcome === "conflict")
    return {
      vi: `Sổ tính đã giữ mẫu này ở phiên bản ${done.kept.version}, nên chưa lưu phiên bản ${t.version} vào sổ tính; trang tính mới được kiểm tra với phiên bản ${done.kept.version}.`,
      en: `The workbook already keeps this template at version ${done.kept.version}, so version ${t.version} was not saved in it; the new sheet is checked with version ${done.kept.version}.`,
    };
  return {
    vi: "Mẫu riêng này được lưu trong sổ tính: gửi tệp đi là gửi kèm mẫu.",
    en: "This custom template is kept in the workbook: the file carries it wherever it is sent.",
  };
}

/**
 * "Lập biểu năm sau" (issue #21): next year's annex from the open one, as a new sheet, with the
 * figures that mean the same thing next year written in (each listed; estimates as drafts).
 */
export function nextYear(s: SessionState, sheet?: string): Promise<Outcome<NextYearResult>> {
  return s.run(async () => {
    const read = await s.readAnnex(sheet);
    if (!read.ok) return read;
    const { snapshot, analysis } = read.value;
    const annex = analysis.annex;
    if (!annex) return failure<NextYearResult>("no-annex", NO_ANNEX_HINT);
    // A form kept in the workbook (issue #20) is the analysis's own: it is not in the catalog.
    const found = s.template(annex.template.id) ?? annex.template;
    const plan = nextYearPlan(snapshot, annex, templateFor(found, annex.period), s.locale);
    const taken = (await s.host.listSheets()).map((sheet) => sheet.name);
    const free = freeSheetName(plan.layout.sheetName, taken);
    if (free !== plan.layout.sheetName) return s.sheetExists(plan.layout.sheetName, free);
    const inserted = await s.host.insertAnnex(plan.layout);
    if (plan.writes.length)
      await s.host.applyPlan({ sheet: inserted.sheet, writes: plan.writes, skipped: [] });
    return success<NextYearResult>({
      sheet: inserted.sheet,
      carried: plan.carried,
      summary: nextYearSummary(plan, inserted.sheet, snapshot.name),
    });
  });
}

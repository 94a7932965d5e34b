import {
  Bilingual,
  builtInTemplates,
  periodName,
  periodsOf,
  ReportingPeriod,
  resolveLocalized,
  Template,
  templateForPeriod,
} from "../domain";
import { defaultSheetName } from "../domain/layout/annexLayout";

/** A template the user can choose in "Mẫu biểu", built-in or added by the department. */
export interface TemplateChoice {
  readonly id: string;
  readonly version: string;
  /** "Biểu số 01" */
  readonly form: string;
  /** Title for the year asked, or with its year tokens as written ("năm {Y}") when none was. */
  readonly title: Bilingual;
  /** What the year means for this template: "năm kế hoạch". */
  readonly yearMeaning: Bilingual;
  readonly custom: boolean;
  readonly indicators: number;
  /** The reporting periods the form can be made for (quý I, 6 tháng…), its default first; none for a
   *  form with fixed columns. */
  readonly periods: ReadonlyArray<{ readonly id: ReportingPeriod; readonly name: Bilingual }>;
}

export type PreviewRow =
  | {
      readonly kind: "section";
      readonly code: string;
      readonly name: Bilingual;
    }
  | {
      readonly kind: "indicator";
      readonly code: string;
      /** What the STT column shows ("1.1", "-", "+"). */
      readonly label: string;
      readonly name: Bilingual;
      readonly unit: string;
      readonly level: number;
      readonly required: boolean;
    };

/** What a template will insert for a year: its title, columns and rows, before anything is written. */
export interface TemplatePreview {
  readonly templateId: string;
  readonly form: string;
  readonly title: Bilingual;
  readonly columns: ReadonlyArray<{ readonly id: string; readonly header: Bilingual }>;
  readonly rows: readonly PreviewRow[];
  readonly sheetName: string;
}

/** The years an annex may be made for (the command line's --year keeps the same bounds). */
export function isAnnexYear(year: number): boolean {
  return Number.isInteger(year) && year >= 2000 && year <= 2100;
}

/** The year typed in "Mẫu biểu": four digits, spaces around allowed, within isAnnexYear; else undefined. */
export function yearOf(text: string): number | undefined {
  const digits = text.trim();
  if (!/^\d{4}$/.test(digits)) return undefined;
  const year = Number(digits);
  return isAnnexYear(year) ? year : undefined;
}

/** Custom templates first (a department's own version of a form wins), then the built-in ones. */
export function templateList(custom: readonly Template[]): Template[] {
  const ids = new Set(custom.map((t) => t.id));
  return [...custom, ...builtInTemplates().filter((t) => !ids.has(t.id))];
}

export function templateChoice(t: Template, custom: boolean, year?: number): TemplateChoice {
  return {
    id: t.id,
    version: t.version,
    form: t.form,
    title: year === undefined ? t.title : resolveLocalized(t.title, year),
    yearMeaning: t.yearMeaning,
    custom,
    indicators: t.indicators.length,
    periods: periodsOf(t).map((id) => ({ id, name: periodName(id) })),
  };
}

/**
 * The form made for a period it offers (templateForPeriod); a period it does not offer, or none, gives
 * its default. A form with fixed columns comes back as it is.
 */
export function templateFor(t: Template, period?: ReportingPeriod): Template {
  return templateForPeriod(t, period && periodsOf(t).includes(period) ? period : undefined);
}

export function templatePreview(
  template: Template,
  year: number,
  period?: ReportingPeriod
): TemplatePreview {
  const t = templateFor(template, period);
  const rows: PreviewRow[] = [];
  for (const s of t.sections) {
    const inds = t.indicators.filter((i) => i.section === s.code);
    if (!inds.length) continue;
    rows.push({ kind: "section", code: s.code, name: s.name });
    for (const i of inds)
      rows.push({
        kind: "indicator",
        code: i.code,
        label: i.label ?? i.code,
        name: i.name,
        unit: i.unit,
        level: i.level,
        required: i.required,
      });
  }
  return {
    templateId: t.id,
    form: t.form,
    title: resolveLocalized(t.title, year),
    columns: t.columns.map((c) => ({ id: c.id, header: resolveLocalized(c.header, year) })),
    rows,
    sheetName: defaultSheetName(t, year),
  };
}

/** Excel's rules for a sheet name: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '. */
export function sheetNameProblem(name: string): Bilingual | undefined {
  if (!name.trim()) return { vi: "Hãy đặt tên cho trang tính.", en: "Give the sheet a name." };
  if (name.length > 31)
    return {
      vi: `Tên trang tính dài ${name.length} ký tự; Excel cho tối đa 31.`,
      en: `The sheet name has ${name.length} characters; Excel allows 31 at most.`,
    };
  if (/[:\\/?*[\]]/.test(name))
    return {
      vi: "Tên trang tính không được chứa các ký tự : \\ / ? * [ ].",
      en: "A sheet name cannot contain : \\ / ? * [ ].",
    };
  if (name.startsWith("'") || name.endsWith("'"))
    return {
      vi: "Tên trang tính không được bắt đầu hay kết thúc bằng dấu '.",
      en: "A sheet name cannot begin or end with '.",
    };
  if (name.trim().toLowerCase() === "history")
    return { vi: 'Excel dành riêng tên "History".', en: 'Excel reserves the name "History".' };
  return undefined;
}

/** The name, or the first of "name (2)", "name (3)"… that no sheet has (Excel compares ignoring case). */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = wanted.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

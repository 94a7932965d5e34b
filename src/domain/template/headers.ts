import {
  hasPeriodToken,
  NamedPeriod,
  PERIOD_WORDS,
  periodKeyOfMonths,
  ReportingPeriod,
  resolvePeriodTokens,
} from "./period";
import { Column, Localized, Template } from "./schema";

/** Replaces the year tokens of a header text: "KH năm {Y}" with year 2023 → "KH năm 2023", "{Y-2}" → 2021. */
export function resolveYearTokens(text: string, year: number): string {
  return text.replace(
    /\{Y(?:([+-])(\d+))?\}/g,
    (_m, sign: string | undefined, n: string | undefined) => {
      if (!sign || !n) return String(year);
      return String(sign === "+" ? year + Number(n) : year - Number(n));
    }
  );
}

export function resolveLocalized(text: Localized, year: number): Localized {
  return { vi: resolveYearTokens(text.vi, year), en: resolveYearTokens(text.en, year) };
}

const baseOf = new WeakMap<Template, Template>();
const made = new WeakMap<Template, Map<ReportingPeriod, Template>>();

/**
 * A reporting form made for one period: its period tokens resolved ("TH {P:Y}" → "TH quý I năm {Y}")
 * and its period columns covering the period's months (none for cả năm, a full year). Made once per
 * template and period, so the caches kept per template object (compileTemplate…) stay warm. Without a
 * period, the form's own (the first it offers); a template offering no period comes back as it is.
 */
export function templateForPeriod(template: Template, period?: ReportingPeriod): Template {
  const base = baseOf.get(template) ?? template;
  const offered = base.periods;
  if (!offered?.length) return template;
  const chosen = period ?? base.period ?? offered[0];
  let variants = made.get(base);
  if (!variants) made.set(base, (variants = new Map()));
  let variant = variants.get(chosen);
  if (!variant) {
    const res = (t: Localized): Localized => ({
      vi: resolvePeriodTokens(t.vi, chosen, "vi"),
      en: resolvePeriodTokens(t.en, chosen, "en"),
    });
    const months = PERIOD_WORDS[chosen].months;
    variant = {
      ...base,
      period: chosen,
      title: res(base.title),
      ...(base.unitNote ? { unitNote: res(base.unitNote) } : {}),
      columns: base.columns.map((c): Column => {
        const header = res(c.header);
        const group = c.group ? { group: res(c.group) } : {};
        if (c.role !== "input" || !c.followsPeriod) return { ...c, header, ...group };
        // A column of the whole year is no part of a year: its "not above the year's figure" goes too.
        const { months: _fixed, notAbove, ...rest } = c;
        const partYear = months < 12 ? { months, ...(notAbove ? { notAbove } : {}) } : {};
        return { ...rest, header, ...group, ...partYear };
      }),
    };
    variants.set(chosen, variant);
    baseOf.set(variant, base);
  }
  return variant;
}

/** The periods a form can be made for (empty for a form with fixed columns, such as Biểu 01). */
export function periodsOf(template: Template): readonly ReportingPeriod[] {
  return (baseOf.get(template) ?? template).periods ?? [];
}

/** The period key a column's figures cover, when it covers part of a year or follows the period. */
export function expectedPeriodOf(template: Template, column: Column): NamedPeriod | undefined {
  if (column.role !== "input") return undefined;
  if (column.followsPeriod && template.period) return template.period;
  return periodKeyOfMonths(column.months);
}

/**
 * A template's period fields that do not hold together: a {P} token or a period column in a form that
 * offers no period, or a chosen period the form does not offer. Paths as loadTemplate names them.
 */
export function periodProblems(
  template: Template
): Array<{ path: string; vi: string; en: string }> {
  const problems: Array<{ path: string; vi: string; en: string }> = [];
  const offered = template.periods ?? [];
  if (template.period && !offered.includes(template.period)) {
    problems.push({
      path: "period",
      vi: `kỳ "${template.period}" không có trong "periods"`,
      en: `period "${template.period}" is not one of "periods"`,
    });
  }
  if (offered.length) return problems;
  const texts: Array<[string, Localized | undefined]> = [
    ["title", template.title],
    ["unitNote", template.unitNote],
  ];
  template.columns.forEach((c, i) => {
    texts.push([`columns[${i}].header`, c.header], [`columns[${i}].group`, c.group]);
    if (c.role === "input" && c.followsPeriod) {
      problems.push({
        path: `columns[${i}].followsPeriod`,
        vi: 'cột theo kỳ báo cáo cần danh sách kỳ "periods" của mẫu',
        en: 'a column that follows the reporting period needs the template\'s "periods"',
      });
    }
  });
  for (const [path, t] of texts) {
    if (t && (hasPeriodToken(t.vi) || hasPeriodToken(t.en))) {
      problems.push({
        path,
        vi: 'dùng {P} (kỳ báo cáo) nhưng mẫu không có danh sách kỳ "periods"',
        en: 'uses {P} (the reporting period) but the template has no "periods"',
      });
    }
  }
  return problems;
}

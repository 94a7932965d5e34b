import {
  Analysis,
  Bilingual,
  explanationKey,
  ExplainedFinding,
  Explanation,
  Finding,
  RULES,
  resolveLocalized,
  Severity,
  Template,
} from "../domain";

/**
 * The shapes the pane and the ribbon commands render: plain, serialisable data, every text in
 * Vietnamese and English. Nothing here computes a figure; it only names what the engine found.
 */

export type Counts = Readonly<Record<Severity, number>>;

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** Whether `a` is more serious than `b`: an error than a warning, a warning than a note. */
export function moreSerious(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) < SEVERITIES.indexOf(b);
}

export const SEVERITY_LABEL: Readonly<Record<Severity, Bilingual>> = {
  error: { vi: "Lỗi", en: "Errors" },
  warning: { vi: "Cảnh báo", en: "Warnings" },
  info: { vi: "Lưu ý", en: "Notes" },
};

/** One finding, with the indicator's name and the column's header beside their codes. */
export interface FindingView {
  /** Stable across re-checks of the same sheet: rule, sheet and cells. */
  readonly id: string;
  readonly ruleId: string;
  readonly severity: Severity;
  /** The rule's short title: "Tổng không khớp". */
  readonly title: Bilingual;
  readonly sheet: string;
  /** The cell the finding is shown at first, then any other cells involved. */
  readonly cells: readonly string[];
  readonly indicator?: { readonly code: string; readonly name: Bilingual };
  readonly column?: { readonly id: string; readonly header: Bilingual };
  readonly message: Bilingual;
  readonly expected?: Bilingual;
  readonly found?: Bilingual;
  readonly reason: Bilingual;
  /** A number stored as text the user may convert (see AnnexSession.fixNumbers). */
  readonly fixable: boolean;
  /** An explanation given for other figures than these: the finding is open again (see AnnexSession.explain). */
  readonly outdatedExplanation?: ExplanationView & { readonly changed: readonly string[] };
}

/** An explanation (giải trình) as the pane shows it. */
export interface ExplanationView {
  /** The rule and cell it explains, as AnnexSession.withdrawExplanation takes it. */
  readonly key: string;
  readonly ruleId: string;
  readonly cell: string;
  readonly reason: string;
  /** ISO date. */
  readonly date: string;
  readonly by?: string;
  /** Why it cannot be placed on the sheet any more (its indicator's row is gone): applied to nothing. */
  readonly unplaced?: Bilingual;
}

/** A finding explained on the figures it was explained for: listed apart, not counted. */
export interface ExplainedView extends FindingView {
  readonly explanation: ExplanationView;
}

export interface SectionGroup {
  /** The template's section ("I", "Lao động - Việc làm"), or null for findings about the whole sheet. */
  readonly section: { readonly code: string; readonly name: Bilingual } | null;
  readonly findings: readonly FindingView[];
}

export interface SeverityGroup {
  readonly severity: Severity;
  readonly label: Bilingual;
  readonly count: number;
  readonly sections: readonly SectionGroup[];
}

export interface AnnexSummary {
  readonly templateId: string;
  readonly version: string;
  /** "Biểu số 01" */
  readonly form: string;
  /** The title with its years: "Kế hoạch … năm 2023". */
  readonly title: Bilingual;
  readonly year: number;
}

/** One sheet's findings as the pane and the ribbon show them: named, counted and grouped. */
export interface SheetFindings {
  readonly sheet: string;
  readonly annex: AnnexSummary | null;
  readonly counts: Counts;
  readonly groups: readonly SeverityGroup[];
  readonly findings: readonly FindingView[];
  /** Findings explained (giải trình): apart from the counts; explained errors stay visible here. */
  readonly explained: readonly ExplainedView[];
  readonly explainedCounts: Counts;
  /** Explanations whose finding no longer fires: kept in the workbook until withdrawn. */
  readonly staleExplanations: readonly ExplanationView[];
}

export function sheetFindings(analysis: Analysis): SheetFindings {
  const findings = findingViews(analysis);
  const template = analysis.annex?.template;
  const year = analysis.annex?.year ?? 0;
  const explained = (analysis.explanations?.explained ?? []).map(
    (x: ExplainedFinding): ExplainedView => ({
      ...findingView(x.finding, template, year),
      explanation: explanationView(x.explanation),
    })
  );
  return {
    sheet: analysis.sheet,
    annex: annexSummary(analysis),
    counts: countOf(findings),
    groups: groupFindings(findings, template),
    findings,
    explained,
    explainedCounts: countOf(explained),
    staleExplanations: [
      ...(analysis.explanations?.unplaced ?? []).map((u) => ({
        ...explanationView(u.explanation),
        unplaced: u.why,
      })),
      ...(analysis.explanations?.stale ?? []).map(explanationView),
    ],
  };
}

export function explanationView(e: Explanation): ExplanationView {
  return {
    key: explanationKey(e),
    ruleId: e.ruleId,
    cell: e.cell,
    reason: e.reason,
    date: e.date,
    ...(e.by ? { by: e.by } : {}),
  };
}

/** "1 lỗi, 1 cảnh báo đã giải trình" — nothing when none are explained. */
export function explainedText(c: Counts): Bilingual | undefined {
  const some = SEVERITIES.filter((s) => c[s] > 0);
  if (!some.length) return undefined;
  const parts = (lang: "vi" | "en") => some.map((s) => amount(c[s], s, lang)).join(", ");
  return { vi: `${parts("vi")} đã giải trình`, en: `${parts("en")} explained` };
}

const SEVERITY_NOUN: Readonly<Record<Severity, Bilingual>> = {
  error: { vi: "lỗi", en: "error" },
  warning: { vi: "cảnh báo", en: "warning" },
  info: { vi: "lưu ý", en: "note" },
};

/** "2 lỗi", "2 errors", "1 note". */
function amount(n: number, severity: Severity, lang: "vi" | "en"): string {
  const noun = SEVERITY_NOUN[severity][lang];
  return lang === "vi" ? `${n} ${noun}` : `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export const WHOLE_SHEET: Bilingual = { vi: "Toàn trang tính", en: "Whole sheet" };

export function findingId(f: Finding): string {
  return [f.ruleId, f.sheet, f.cells.join(","), f.columnId ?? ""].join("|");
}

export function countOf(findings: readonly { readonly severity: Severity }[]): Counts {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function countsText(c: Counts): Bilingual {
  const parts = (lang: "vi" | "en") => SEVERITIES.map((s) => amount(c[s], s, lang)).join(", ");
  return { vi: parts("vi"), en: parts("en") };
}

export function annexSummary(analysis: Analysis): AnnexSummary | null {
  const annex = analysis.annex;
  if (!annex) return null;
  const t = annex.template;
  return {
    templateId: t.id,
    version: t.version,
    form: t.form,
    title: resolveLocalized(t.title, annex.year),
    year: annex.year,
  };
}

export function findingViews(analysis: Analysis): FindingView[] {
  const template = analysis.annex?.template;
  const year = analysis.annex?.year ?? 0;
  const reopened = new Map(
    (analysis.explanations?.reopened ?? []).map((r) => [r.finding, r] as const)
  );
  return analysis.findings.map((f) => {
    const view = findingView(f, template, year);
    const r = reopened.get(f);
    return r
      ? { ...view, outdatedExplanation: { ...explanationView(r.explanation), changed: r.changed } }
      : view;
  });
}

function findingView(f: Finding, template: Template | undefined, year: number): FindingView {
  const rule = (RULES as Readonly<Record<string, { readonly title: Bilingual }>>)[f.ruleId];
  const indicator = f.indicatorCode
    ? template?.indicators.find((i) => i.code === f.indicatorCode)
    : undefined;
  const column = f.columnId ? template?.columns.find((c) => c.id === f.columnId) : undefined;
  return {
    id: findingId(f),
    ruleId: f.ruleId,
    severity: f.severity,
    title: rule?.title ?? { vi: f.ruleId, en: f.ruleId },
    sheet: f.sheet,
    cells: f.cells,
    ...(f.indicatorCode
      ? {
          indicator: {
            code: f.indicatorCode,
            name: indicator?.name ?? { vi: f.indicatorCode, en: f.indicatorCode },
          },
        }
      : {}),
    ...(column ? { column: { id: column.id, header: resolveLocalized(column.header, year) } } : {}),
    message: f.message,
    ...(f.expected ? { expected: f.expected } : {}),
    ...(f.found ? { found: f.found } : {}),
    reason: f.reason,
    fixable: f.fix !== undefined,
  };
}

/** Findings by severity (errors first), then by the template's sections in their order. */
export function groupFindings(
  views: readonly FindingView[],
  template: Template | undefined
): SeverityGroup[] {
  const sectionOf = new Map(template?.indicators.map((i) => [i.code, i.section]) ?? []);
  const order = template?.sections ?? [];
  return SEVERITIES.map((severity) => {
    const mine = views.filter((v) => v.severity === severity);
    const bySection = new Map<string | null, FindingView[]>();
    for (const v of mine) {
      const code = (v.indicator && sectionOf.get(v.indicator.code)) ?? null;
      const list = bySection.get(code);
      if (list) list.push(v);
      else bySection.set(code, [v]);
    }
    const sections: SectionGroup[] = [];
    const whole = bySection.get(null);
    if (whole) sections.push({ section: null, findings: whole });
    for (const s of order) {
      const list = bySection.get(s.code);
      if (list) sections.push({ section: { code: s.code, name: s.name }, findings: list });
    }
    return { severity, label: SEVERITY_LABEL[severity], count: mine.length, sections };
  }).filter((g) => g.count > 0);
}

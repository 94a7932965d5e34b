import { Analysis, Bilingual, planFixes, Severity } from "../domain";
import { Highlight, SheetEdit } from "../host/annexHost";
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
import { failure, Outcome, success } from "./problems";
import { Checked, passwordProblem, SessionState } from "./sessionState";
import type { TargetsView } from "./targetsChoice";

/**
 * Kiểm tra: checking a sheet (again as it is edited), selecting and highlighting findings,
 * converting numbers stored as text.
 */

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

export interface FixResult {
  readonly sheet: string;
  readonly converted: number;
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

/** Checks the active sheet (or the one named). */
export function check(s: SessionState, sheet?: string): Promise<Outcome<CheckReport>> {
  return s.run(() => checkNow(s, sheet, []));
}

/** Checks the last checked sheet again after a person edited it. Relations span rows, so the whole
 *  sheet is checked; the report names the edited cells. */
export function recheck(s: SessionState, edit?: SheetEdit): Promise<Outcome<CheckReport>> {
  return s.run(() => checkNow(s, edit?.sheet ?? s.last?.report.sheet, edit?.addresses ?? []));
}

/**
 * Re-checks as the user types: each edit of the checked sheet makes the results stale at once, and
 * after `recheckDelayMs` of quiet the sheet is checked again. Returns the function that stops it.
 */
export async function watch(
  s: SessionState,
  listener: (event: WatchEvent) => void
): Promise<() => Promise<void>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: string[] = [];
  let sheet: string | undefined;
  const unsubscribe = await s.host.onEdit((edit) => {
    if (edit.sheet !== s.watched) return;
    sheet = edit.sheet;
    pending = [...new Set([...pending, ...edit.addresses])];
    listener({ type: "stale", sheet, addresses: pending });
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const addresses = pending;
      pending = [];
      void recheck(s, { sheet: sheet as string, addresses }).then((outcome) =>
        listener({ type: "checked", outcome })
      );
    }, s.recheckDelayMs);
  });
  return async () => {
    if (timer !== undefined) clearTimeout(timer);
    await unsubscribe();
  };
}

/** Selects a finding's cells in Excel (the first is the active cell). */
export function select(s: SessionState, finding: FindingView): Promise<Outcome<void>> {
  return s.run(async () => {
    await s.host.select(finding.sheet, finding.cells);
    return success(undefined);
  });
}

/** Marks every finding's cells of the last check (checking first if needed) by severity. */
export function highlightAll(s: SessionState): Promise<Outcome<HighlightResult>> {
  return s.run(async () => {
    if (!s.last) {
      const checked = await checkNow(s, undefined, []);
      if (!checked.ok) return checked;
    }
    const report = (s.last as Checked).report;
    const marks = highlightsOf(report.findings);
    await s.host.highlight(report.sheet, marks);
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

export function clearHighlights(s: SessionState): Promise<Outcome<HighlightResult>> {
  return s.run(async () => {
    const sheet = s.last?.report.sheet ?? (await s.host.readSheet()).snapshot.name;
    await s.host.clearHighlights(sheet);
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
export function fixNumbers(
  s: SessionState,
  findingIds: readonly string[]
): Promise<Outcome<FixResult>> {
  return s.run(async () => {
    if (!s.last)
      return failure<FixResult>("not-checked", {
        vi: "Hãy kiểm tra trang tính trước khi chuyển số.",
        en: "Check the sheet before converting numbers.",
      });
    const read = await s.readAnnex(s.last.report.sheet);
    if (!read.ok) return read;
    const { snapshot, analysis, protection } = read.value;
    if (protection === "password") return passwordProblem<FixResult>(snapshot.name);
    const wanted = new Set(findingIds);
    const chosen = analysis.findings.filter((f) => f.fix && wanted.has(findingId(f)));
    const plan = planFixes(snapshot, chosen);
    const n = plan.writes.length;
    if (n) await s.apply(plan, { vi: `Chuyển số (${n} ô)`, en: `Convert numbers (${n} cells)` });
    await checkNow(
      s,
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

export async function checkNow(
  s: SessionState,
  sheet: string | undefined,
  edited: readonly string[]
): Promise<Outcome<CheckReport>> {
  const read = await s.readAnnex(sheet);
  if (!read.ok) {
    s.last = undefined;
    return read;
  }
  return success(remember(s, read.value.analysis, read.value.protection, edited));
}

/** Makes an analysis of the sheet as it is now the last report (the one the pane shows). */
export function remember(
  s: SessionState,
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
    ...(s.keptTargets ? { targets: s.keptTargets } : {}),
    // A template kept in the workbook that could not be used is said, never passed over in silence.
    summary: {
      vi: `${annex.form} năm ${annex.year}, trang tính "${analysis.sheet}": ${countsText(counts).vi}${more("vi")}.${s.keptBroken.map((b) => ` ${b.vi}`).join("")}`,
      en: `${annex.form} for ${annex.year}, sheet "${analysis.sheet}": ${countsText(counts).en}${more("en")}.${s.keptBroken.map((b) => ` ${b.en}`).join("")}`,
    },
    edited,
  };
  s.last = { analysis, report };
  s.watched = analysis.sheet;
  return report;
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

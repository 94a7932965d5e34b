import {
  Analysis,
  Bilingual,
  ExplainedFinding,
  Explanation,
  Finding,
  ReopenedFinding,
  Severity,
  UnplacedExplanation,
} from "../domain";
import { Lang } from "./io";
import { renderTable } from "./table";

/** What `annex check` found in one file: the stable shape behind both the table and --json. */
export interface FileReport {
  readonly file: string;
  readonly problem?: { readonly code: string; readonly message: Bilingual };
  readonly sheets: readonly SheetReport[];
  readonly ignoredSheets: readonly string[];
  /** Explanations recorded for a sheet the workbook no longer has: by the name they were given under. */
  readonly unplacedSheets?: ReadonlyArray<{
    readonly sheet: string;
    readonly explanations: readonly Explanation[];
  }>;
}

export interface SheetReport {
  readonly sheet: string;
  readonly template: {
    readonly id: string;
    readonly version: string;
    readonly year: number;
  } | null;
  readonly findings: readonly Finding[];
  /** Findings explained (giải trình) on the figures they were explained for: listed apart, not counted. */
  readonly explained?: readonly ExplainedFinding[];
  /** Open findings whose explanation no longer holds because a figure changed (among `findings`). */
  readonly reopened?: readonly ReopenedFinding[];
  /** Explanations whose finding no longer fires: kept in the workbook, reported. */
  readonly staleExplanations?: readonly Explanation[];
  /** Explanations whose indicator or column is no longer on the sheet: reported, never applied. */
  readonly unplacedExplanations?: readonly UnplacedExplanation[];
}

export type Counts = Record<Severity, number>;

export function sheetReport(a: Analysis): SheetReport {
  const annex = a.annex;
  return {
    sheet: a.sheet,
    template: annex
      ? { id: annex.template.id, version: annex.template.version, year: annex.year }
      : null,
    findings: a.findings,
    ...(a.explanations
      ? {
          explained: a.explanations.explained,
          reopened: a.explanations.reopened,
          staleExplanations: a.explanations.stale,
          unplacedExplanations: a.explanations.unplaced,
        }
      : {}),
  };
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function fileCounts(report: FileReport): Counts {
  return countFindings(report.sheets.flatMap((s) => s.findings));
}

/** The explained findings of these sheets, counted apart from the open ones. */
export function explainedCounts(sheets: readonly SheetReport[]): Counts {
  return countFindings(sheets.flatMap((s) => s.explained ?? []).map((x) => x.finding));
}

const SEVERITY: Readonly<Record<Severity, Bilingual>> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Lưu ý", en: "Info" },
};

export function countsText(c: Counts, lang: Lang): string {
  return lang === "vi"
    ? `${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} lưu ý`
    : `${c.error} error${c.error === 1 ? "" : "s"}, ${c.warning} warning${c.warning === 1 ? "" : "s"}, ${c.info} note${c.info === 1 ? "" : "s"}`;
}

/** The readable report of one file: a heading, a table per annex sheet, a summary line. */
export function renderFile(report: FileReport, lang: Lang, width: number): string {
  const out = [`== ${report.file} ==`];
  if (report.problem) {
    out.push(`${SEVERITY.error[lang]}: ${report.problem.message[lang]}`);
    return out.join("\n");
  }
  const header =
    lang === "vi"
      ? ["Mức", "Ô", "Nội dung", "Cần", "Thấy"]
      : ["Severity", "Cell", "Message", "Expected", "Found"];
  for (const s of report.sheets) {
    const t = s.template;
    out.push(
      t
        ? lang === "vi"
          ? `Trang tính "${s.sheet}": mẫu ${t.id} ${t.version}, năm ${t.year}`
          : `Sheet "${s.sheet}": template ${t.id} ${t.version}, year ${t.year}`
        : lang === "vi"
          ? `Trang tính "${s.sheet}"`
          : `Sheet "${s.sheet}"`
    );
    if (!s.findings.length) {
      out.push(lang === "vi" ? "  Không có phát hiện nào." : "  Nothing found.");
      out.push(...explainedLines(s, lang, width));
      continue;
    }
    const rows = s.findings.map((f) => [
      SEVERITY[f.severity][lang],
      f.cells[0] ?? "",
      f.message[lang],
      f.expected?.[lang] ?? "",
      f.found?.[lang] ?? "",
    ]);
    out.push(renderTable(header, rows, width, [0, 1]));
    out.push(...explainedLines(s, lang, width));
  }
  for (const u of report.unplacedSheets ?? [])
    out.push(
      lang === "vi"
        ? `${u.explanations.length} giải trình của trang tính "${u.sheet}" không đặt được vào đâu: sổ tính không còn trang tính này (đã xoá, hoặc đổi tên mà không tìm ra được); không áp dụng cho phát hiện nào, vẫn giữ trong tệp.`
        : `${u.explanations.length} explanation${u.explanations.length === 1 ? "" : "s"} of sheet "${u.sheet}" cannot be placed: the workbook no longer has that sheet (deleted, or renamed beyond recognition); they apply to no finding and stay in the file.`
    );
  if (report.ignoredSheets.length) {
    const names = report.ignoredSheets.map((n) => `"${n}"`).join(", ");
    out.push(
      lang === "vi"
        ? `Bỏ qua trang tính không phải biểu chỉ tiêu: ${names}.`
        : `Skipped sheets that are not annexes: ${names}.`
    );
  }
  const explained = explainedCounts(report.sheets);
  const summary = countsText(fileCounts(report), lang);
  out.push(
    `${lang === "vi" ? "Tóm tắt" : "Summary"}: ${summary}${explainedSummary(explained, lang)}.`
  );
  return out.join("\n");
}

/** "; đã giải trình: 1 lỗi, 1 cảnh báo" — explained findings stay visible in the summary, apart. */
export function explainedSummary(c: Counts, lang: Lang): string {
  if (c.error + c.warning + c.info === 0) return "";
  return lang === "vi"
    ? `; đã giải trình: ${countsText(c, lang)}`
    : `; explained: ${countsText(c, lang)}`;
}

/** Said of an explanation of an older version, matched by its cell alone. */
const ADDRESS_ONLY: Bilingual = {
  vi: " — giải trình cũ chỉ ghi địa chỉ ô: nếu đã chèn hoặc xoá dòng, hãy xem lại nó có đúng chỉ tiêu này không",
  en: " — an older explanation that records only its cell: if rows were inserted or deleted, check it is this indicator's",
};

/**
 * A sheet's explanations as `annex check` prints them, after the open findings' table: the explained
 * findings ("Đã giải trình", with their reasons), those open again because a figure changed, and
 * explanations no finding uses any more.
 */
function explainedLines(s: SheetReport, lang: Lang, width: number): string[] {
  const out: string[] = [];
  const vi = lang === "vi";
  if (s.explained?.length) {
    out.push(vi ? "Đã giải trình (không tính vào lỗi, cảnh báo):" : "Explained (not counted):");
    const header = vi
      ? ["Mức", "Ô", "Nội dung", "Lý do giải trình"]
      : ["Severity", "Cell", "Message", "Explanation"];
    const rows = s.explained.map(({ finding: f, explanation: e, addressOnly }) => [
      SEVERITY[f.severity][lang],
      f.cells[0] ?? "",
      f.message[lang],
      `${e.reason} (${[e.date, e.by].filter(Boolean).join(", ")})` +
        (addressOnly ? ADDRESS_ONLY[lang] : ""),
    ]);
    out.push(renderTable(header, rows, width, [0, 1]));
  }
  for (const r of s.reopened ?? [])
    out.push(
      vi
        ? `Giải trình ở ô ${r.explanation.cell} (${r.explanation.ruleId}, ${r.explanation.date}) không còn áp dụng: số liệu ở ${r.changed.join(", ")} đã thay đổi. Lý do cũ: "${r.explanation.reason}".`
        : `The explanation at cell ${r.explanation.cell} (${r.explanation.ruleId}, ${r.explanation.date}) no longer applies: the figures in ${r.changed.join(", ")} changed. It said: "${r.explanation.reason}".`
    );
  for (const { explanation: e, why } of s.unplacedExplanations ?? [])
    out.push(
      vi
        ? `Giải trình ở ô ${e.cell} (${e.ruleId}, ${e.date}) không đặt được vào đâu: ${why.vi}; không áp dụng cho phát hiện nào, vẫn giữ trong tệp (rút bằng annex explain --withdraw): "${e.reason}".`
        : `The explanation at cell ${e.cell} (${e.ruleId}, ${e.date}) cannot be placed: ${why.en}; it applies to no finding and stays in the file (withdraw it with annex explain --withdraw): "${e.reason}".`
    );
  for (const e of s.staleExplanations ?? [])
    out.push(
      vi
        ? `Giải trình ở ô ${e.cell} (${e.ruleId}) không còn phát hiện tương ứng; vẫn giữ trong tệp (rút bằng annex explain --withdraw): "${e.reason}".`
        : `The explanation at cell ${e.cell} (${e.ruleId}) has no finding any more; it stays in the file (withdraw it with annex explain --withdraw): "${e.reason}".`
    );
  return out;
}

/** The --json report: field names and order are stable; messages carry both languages. */
export function jsonReport(reports: readonly FileReport[]): unknown {
  const files = reports.map((r) => ({
    file: r.file,
    status: r.problem ? "unreadable" : "checked",
    ...(r.problem ? { problem: r.problem } : {}),
    counts: fileCounts(r),
    sheets: r.sheets.map((s) => ({
      sheet: s.sheet,
      template: s.template,
      counts: countFindings(s.findings),
      findings: s.findings.map(findingJson),
      explainedCounts: explainedCounts([s]),
      explained: (s.explained ?? []).map(({ finding, explanation, addressOnly }) => ({
        ...findingJson(finding),
        explanation: explanationJson(explanation),
        // An older version's record, matched by its cell alone (issue #19).
        addressOnly: addressOnly ?? false,
      })),
      reopenedExplanations: (s.reopened ?? []).map(({ explanation, changed }) => ({
        ...explanationJson(explanation),
        changed,
      })),
      staleExplanations: (s.staleExplanations ?? []).map(explanationJson),
      unplacedExplanations: (s.unplacedExplanations ?? []).map(({ explanation, why }) => ({
        ...explanationJson(explanation),
        why,
      })),
    })),
    ignoredSheets: r.ignoredSheets,
    unplacedSheetExplanations: (r.unplacedSheets ?? []).flatMap((u) =>
      u.explanations.map((e) => ({ sheet: u.sheet, ...explanationJson(e) }))
    ),
  }));
  const totals = files.reduce(
    (t, f) => ({
      files: t.files + 1,
      unreadable: t.unreadable + (f.status === "unreadable" ? 1 : 0),
      error: t.error + f.counts.error,
      warning: t.warning + f.counts.warning,
      info: t.info + f.counts.info,
    }),
    { files: 0, unreadable: 0, error: 0, warning: 0, info: 0 }
  );
  return { format: "annex-check/1", files, totals };
}

function findingJson(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    cell: f.cells[0] ?? null,
    cells: f.cells,
    indicator: f.indicatorCode ?? null,
    column: f.columnId ?? null,
    message: f.message,
    expected: f.expected ?? null,
    found: f.found ?? null,
    reason: f.reason,
    fix: f.fix ?? null,
  };
}

/** An explanation in --json: the rule and cell it explains, the reason, when and by whom, and the
 *  fingerprint (the figures it was given for, by address). */
function explanationJson(e: Explanation) {
  return {
    ruleId: e.ruleId,
    cell: e.cell,
    indicator: e.indicator ?? null,
    column: e.column ?? null,
    reason: e.reason,
    date: e.date,
    by: e.by ?? null,
    figures: e.figures,
  };
}

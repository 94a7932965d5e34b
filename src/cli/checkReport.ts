import { Analysis, Bilingual, Finding, Severity } from "../domain";
import { Lang } from "./io";
import { renderTable } from "./table";

/** What `annex check` found in one file: the stable shape behind both the table and --json. */
export interface FileReport {
  readonly file: string;
  readonly problem?: { readonly code: string; readonly message: Bilingual };
  readonly sheets: readonly SheetReport[];
  readonly ignoredSheets: readonly string[];
}

export interface SheetReport {
  readonly sheet: string;
  readonly template: {
    readonly id: string;
    readonly version: string;
    readonly year: number;
  } | null;
  readonly findings: readonly Finding[];
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
          ? `Trang "${s.sheet}": mẫu ${t.id} ${t.version}, năm ${t.year}`
          : `Sheet "${s.sheet}": template ${t.id} ${t.version}, year ${t.year}`
        : lang === "vi"
          ? `Trang "${s.sheet}"`
          : `Sheet "${s.sheet}"`
    );
    if (!s.findings.length) {
      out.push(lang === "vi" ? "  Không có phát hiện nào." : "  Nothing found.");
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
  }
  if (report.ignoredSheets.length) {
    const names = report.ignoredSheets.map((n) => `"${n}"`).join(", ");
    out.push(
      lang === "vi"
        ? `Bỏ qua trang không phải biểu chỉ tiêu: ${names}.`
        : `Skipped sheets that are not annexes: ${names}.`
    );
  }
  out.push(`${lang === "vi" ? "Tóm tắt" : "Summary"}: ${countsText(fileCounts(report), lang)}.`);
  return out.join("\n");
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
      findings: s.findings.map((f) => ({
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
      })),
    })),
    ignoredSheets: r.ignoredSheets,
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

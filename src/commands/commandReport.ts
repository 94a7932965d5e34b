import type { Bilingual } from "../domain";

/**
 * What a ribbon command tells the person when it is done: a title and a few lines, each in Vietnamese
 * and English. Excel has no notification bar for add-ins, so the command opens report.html in an
 * Office dialog and passes the report in the page's URL (the dialog page is on our own origin).
 */
export interface CommandReport {
  readonly tone: "ok" | "warning" | "error";
  readonly title: Bilingual;
  readonly lines: readonly Bilingual[];
}

/** Office dialogs take URLs up to about 2 000 characters; the report is cut to fit, never dropped. */
export const MAX_REPORT_URL = 1900;

const PARAM = "r";

/** The dialog page's URL for a report, next to the page the command runs in. */
export function reportUrl(report: CommandReport, base: string): string {
  const href = (lines: readonly Bilingual[]): string => {
    const page = new URL("report.html", base);
    page.searchParams.set(PARAM, JSON.stringify({ ...report, lines }));
    return page.href;
  };
  const all = report.lines.length;
  for (let kept = all; ; kept--) {
    const lines = kept === all ? report.lines : [...report.lines.slice(0, kept), more(all - kept)];
    const url = href(lines);
    if (url.length <= MAX_REPORT_URL || kept === 0) return url;
  }
}

const more = (n: number): Bilingual => ({
  vi: `… và ${n} dòng nữa: mở ngăn Biểu chỉ tiêu để xem đủ.`,
  en: `… and ${n} more lines: open the Indicator Annex pane to see them all.`,
});

/** Reads the report back on the dialog page; anything malformed becomes a plain error report. */
export function reportFromUrl(href: string): CommandReport {
  const raw = new URL(href).searchParams.get(PARAM);
  try {
    const parsed: unknown = raw === null ? undefined : JSON.parse(raw);
    if (isReport(parsed)) return parsed;
  } catch {
    // fall through
  }
  return {
    tone: "error",
    title: { vi: "Không đọc được kết quả", en: "The result could not be read" },
    lines: [
      {
        vi: "Hãy chạy lại lệnh, hoặc mở ngăn Biểu chỉ tiêu để xem kết quả.",
        en: "Run the command again, or open the Indicator Annex pane to see the result.",
      },
    ],
  };
}

function isBilingual(value: unknown): value is Bilingual {
  const v = value as Bilingual | null;
  return (
    typeof v === "object" && v !== null && typeof v.vi === "string" && typeof v.en === "string"
  );
}

function isReport(value: unknown): value is CommandReport {
  const v = value as CommandReport | null;
  return (
    typeof v === "object" &&
    v !== null &&
    (v.tone === "ok" || v.tone === "warning" || v.tone === "error") &&
    isBilingual(v.title) &&
    Array.isArray(v.lines) &&
    v.lines.every(isBilingual)
  );
}

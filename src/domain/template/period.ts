import { z } from "zod";

/**
 * The reporting period a form is made for: quý I, 6 tháng, 9 tháng or cả năm. A reporting form (Biểu
 * 02) is one template whose period-dependent column headers are computed from the period chosen; the
 * chosen period is kept with the sheet (AnnexMetadata.period).
 *
 * Header texts name the period with tokens, resolved before the year tokens ({Y}, {Y-1}):
 *   {P}        the period alone:        "6 tháng" | "quý I" | "9 tháng" | "cả năm"  (en "H1", "Q1", …)
 *   {P:Y-1}    the period of a year:    "6 tháng năm {Y-1}" | "quý I năm {Y-1}" | "năm {Y-1}"
 *   {P^…}      the same in capitals, for titles: "6 THÁNG NĂM {Y}"
 *   {C:Y-1}    the same period a year before, as a comparison says it: "cùng kỳ năm {Y-1}" for part
 *              of a year, "năm {Y-1}" for the whole year (en "the same period of {Y-1}" | "{Y-1}")
 */
export const ReportingPeriod = z.enum(["quy-1", "6-thang", "9-thang", "ca-nam"]);
export type ReportingPeriod = z.infer<typeof ReportingPeriod>;

export const REPORTING_PERIODS: readonly ReportingPeriod[] = ReportingPeriod.options;

interface PeriodWords {
  /** Months from the start of the year the figures cover. */
  readonly months: number;
  readonly vi: string;
  readonly en: string;
  /** With a year: vi "6 tháng năm 2020", en "H1 2020"; "{Y}" stands for the year. */
  readonly viYear: string;
  readonly enYear: string;
}

export const PERIOD_WORDS: Readonly<Record<ReportingPeriod, PeriodWords>> = {
  "quy-1": { months: 3, vi: "quý I", en: "Q1", viYear: "quý I năm {Y}", enYear: "Q1 {Y}" },
  "6-thang": { months: 6, vi: "6 tháng", en: "H1", viYear: "6 tháng năm {Y}", enYear: "H1 {Y}" },
  "9-thang": {
    months: 9,
    vi: "9 tháng",
    en: "9 months",
    viYear: "9 tháng năm {Y}",
    enYear: "9 months {Y}",
  },
  "ca-nam": { months: 12, vi: "cả năm", en: "full year", viYear: "năm {Y}", enYear: "{Y}" },
};

/** The period's name for people choosing it: "quý I", "6 tháng"… */
export function periodName(period: ReportingPeriod): { vi: string; en: string } {
  const w = PERIOD_WORDS[period];
  return { vi: w.vi, en: w.en };
}

const PERIOD_TOKEN = /\{P(\^?)(?::(Y(?:[+-]\d+)?))?\}/g;
const SAME_PERIOD_TOKEN = /\{C:(Y(?:[+-]\d+)?)\}/g;

/** Replaces the period tokens of a header text for one language, keeping the year tokens. */
export function resolvePeriodTokens(
  text: string,
  period: ReportingPeriod,
  lang: "vi" | "en"
): string {
  const w = PERIOD_WORDS[period];
  return text
    .replace(PERIOD_TOKEN, (_m, upper: string, year: string | undefined) => {
      const phrase = year
        ? (lang === "vi" ? w.viYear : w.enYear).replace("{Y}", `{${year}}`)
        : lang === "vi"
          ? w.vi
          : w.en;
      return upper ? phrase.toLocaleUpperCase("vi") : phrase;
    })
    .replace(SAME_PERIOD_TOKEN, (_m, year: string) => {
      const whole = w.months >= 12;
      if (lang === "vi") return whole ? `năm {${year}}` : `cùng kỳ năm {${year}}`;
      return whole ? `{${year}}` : `the same period of {${year}}`;
    })
    .replace(/ {2,}/g, " ")
    .trim();
}

/** Whether a text holds a period token. */
export function hasPeriodToken(text: string): boolean {
  return /\{P[\^:}]|\{C:/.test(text);
}

/**
 * A period a header names, as the key of what it covers: "quy-1" … "quy-4", "6-thang", "9-thang",
 * "ca-nam" (and "N-thang" for other month counts). Only periods written out count: "TH năm 2020"
 * names a year, not a period.
 */
export type NamedPeriod = string;

/** The period key a column covering `months` from the start of the year expects. */
export function periodKeyOfMonths(months: number | undefined): NamedPeriod | undefined {
  return months === undefined ? undefined : monthsKey(months);
}

/** 3 months are quý I, 12 the whole year, any other count "N-thang". */
function monthsKey(months: number): NamedPeriod {
  return months === 3 ? "quy-1" : months === 12 ? "ca-nam" : `${months}-thang`;
}

const YEAR = "((?:19|20|21)\\d\\d)";
const QUARTER = new RegExp(
  `\\b(?:quy|q)\\s*(iv|iii|ii|i|[1-4])\\b(?:\\s+nam)?(?:\\s+${YEAR})?`,
  "g"
);
const MONTHS = new RegExp(
  `\\b(\\d{1,2})\\s*(?:thang|months?)\\b(?:\\s+(?:dau|cuoi|dau nam))?(?:\\s+nam)?(?:\\s+${YEAR})?`,
  "g"
);
const HALF = new RegExp(`\\bh([12])\\b(?:\\s+${YEAR})?`, "g");
const WHOLE_YEAR = new RegExp(`\\b(?:ca nam|full year)\\b(?:\\s+${YEAR})?`, "g");
const QUARTER_NUMBER: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * The periods a header names, read from its folded text (see fold): "uoc th quy i 2020" → ["quy-1"],
 * "th 6 thang nam 2022" → ["6-thang"].
 */
export function periodsNamed(folded: string): NamedPeriod[] {
  const found: Array<{ at: number; key: NamedPeriod }> = [];
  for (const m of folded.matchAll(QUARTER)) {
    const q = QUARTER_NUMBER[m[1]] ?? Number(m[1]);
    found.push({ at: m.index ?? 0, key: `quy-${q}` });
  }
  for (const m of folded.matchAll(MONTHS)) {
    const n = Number(m[1]);
    if (n < 1 || n > 12) continue;
    found.push({ at: m.index ?? 0, key: monthsKey(n) });
  }
  for (const m of folded.matchAll(HALF)) {
    found.push({ at: m.index ?? 0, key: m[1] === "1" ? "6-thang" : "h2" });
  }
  for (const m of folded.matchAll(WHOLE_YEAR)) found.push({ at: m.index ?? 0, key: "ca-nam" });
  return found.sort((a, b) => a.at - b.at).map((f) => f.key);
}

/**
 * A folded header with the period it names taken out, its year kept as "nam 2020": "uoc th quy i 2020"
 * → "uoc th nam 2020", "th 6 thang nam 2020" → "th nam 2020". Columns are matched on this, so a column
 * is found whatever period its header names, and a wrong period is then reported as such.
 */
export function withoutPeriod(folded: string): string {
  const drop = (_m: string, ...groups: unknown[]) => {
    const year = groups.find((g) => typeof g === "string" && /^(?:19|20|21)\d\d$/.test(g));
    return year ? ` nam ${year as string} ` : " ";
  };
  return folded
    .replace(QUARTER, drop)
    .replace(MONTHS, drop)
    .replace(HALF, drop)
    .replace(WHOLE_YEAR, drop)
    .replace(/\bnam\s+nam\b/g, "nam")
    .replace(/\s+/g, " ")
    .trim();
}

/** How people write a period in a message: "quý I", "6 tháng", "quý II", "cả năm". */
export function namedPeriodText(key: NamedPeriod): { vi: string; en: string } {
  const q = /^quy-(\d)$/.exec(key);
  if (q) {
    const roman = ["I", "II", "III", "IV"][Number(q[1]) - 1];
    return { vi: `quý ${roman}`, en: `Q${q[1]}` };
  }
  if (key === "ca-nam") return { vi: "cả năm", en: "full year" };
  if (key === "h2") return { vi: "6 tháng cuối năm", en: "H2" };
  const m = /^(\d+)-thang$/.exec(key);
  if (m) return { vi: `${m[1]} tháng`, en: m[1] === "6" ? "H1" : `${m[1]} months` };
  return { vi: key, en: key };
}

/** Whether a value (a cell of the metadata sheet) names a reporting period. */
export function isReportingPeriod(v: unknown): v is ReportingPeriod {
  return typeof v === "string" && (REPORTING_PERIODS as readonly string[]).includes(v);
}

/** What an Excel number format tells the engine about the figures it shows. */
export interface FormatInfo {
  readonly decimals?: number;
  readonly percent: boolean;
  /** The format shows a date or a time ("dd/mm/yyyy", "h:mm"): the number is a date serial, not a figure. */
  readonly date?: boolean;
}

const formatCache = new Map<string, FormatInfo | undefined>();

const DATE_INFO: FormatInfo = { percent: false, date: true };

/**
 * Decimals, percent and date from an Excel number format ("#,##0.00", "0.0%", "dd/mm/yyyy");
 * "General" tells nothing.
 */
export function formatInfo(numFmt: string): FormatInfo | undefined {
  if (formatCache.has(numFmt)) return formatCache.get(numFmt);
  let info: FormatInfo | undefined;
  const section = numFmt
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  if (isDateSection(section)) info = DATE_INFO;
  else if (/general/i.test(section) || !/[0#?]/.test(section)) info = undefined;
  else {
    const m = /[0#?]\.([0#?]+)/.exec(section);
    info = { decimals: m ? m[1].length : 0, percent: section.includes("%") };
  }
  formatCache.set(numFmt, info);
  return info;
}

/** What a date format shows: a day ("dd/mm/yyyy"), a time of day ("hh:mm", "[h]:mm"), or both. */
export type DateShown = "date" | "time" | "dateTime";

/**
 * What a date or time format (formatInfo(…).date) shows: hours or seconds, or an elapsed time, are a
 * time; days or years a date; "m" alone is a month ("mmm"), beside hours a minute.
 */
export function dateFormatShows(numFmt: string): DateShown {
  const section = numFmt
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  const elapsed = /\[(?:h+|m+|s+)\]/i.test(section);
  const bare = section
    .replace(/\[[^\]]*\]/g, "")
    .replace(/general/gi, "")
    .replace(/E[+-]/gi, "")
    .replace(/AM\/PM|A\/P/gi, "");
  const time = elapsed || /[hs]/i.test(bare);
  const date = /[dy]/i.test(bare) || (!time && /m/i.test(bare));
  return date && time ? "dateTime" : time ? "time" : "date";
}

/**
 * Whether a format section (quoted text, escapes, "_x" spaces and "*x" fills removed) shows a date or a time: day, month,
 * year, hour or second codes outside brackets ("[$-42A]", "[Red]"), or an elapsed time ("[h]:mm").
 * "General" and "E+00" hold letters that are not date codes.
 */
function isDateSection(section: string): boolean {
  if (/\[(?:h+|m+|s+)\]/i.test(section)) return true;
  const bare = section
    .replace(/\[[^\]]*\]/g, "")
    .replace(/general/gi, "")
    .replace(/E[+-]/gi, "");
  return /[dmyhs]/i.test(bare);
}

/** What an Excel number format tells the engine about the figures it shows. */
export interface FormatInfo {
  readonly decimals?: number;
  readonly percent: boolean;
}

const formatCache = new Map<string, FormatInfo | undefined>();

/** Decimals and percent from an Excel number format ("#,##0.00", "0.0%"); "General" tells nothing. */
export function formatInfo(numFmt: string): FormatInfo | undefined {
  if (formatCache.has(numFmt)) return formatCache.get(numFmt);
  let info: FormatInfo | undefined;
  const section = numFmt
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "");
  if (/general/i.test(section) || !/[0#?]/.test(section)) info = undefined;
  else {
    const m = /[0#?]\.([0#?]+)/.exec(section);
    info = { decimals: m ? m[1].length : 0, percent: section.includes("%") };
  }
  formatCache.set(numFmt, info);
  return info;
}

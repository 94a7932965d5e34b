import { Localized } from "./schema";

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

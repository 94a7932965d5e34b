/** The number conventions the engine understands. vi-VN: "16.000" and "57,72"; en-US: "16,000" and "57.72". */
export type NumberLocale = "vi-VN" | "en-US";

export const NUMBER_LOCALES: readonly NumberLocale[] = ["vi-VN", "en-US"];

export interface Separators {
  readonly group: "." | ",";
  readonly decimal: "," | ".";
}

export function separatorsOf(locale: NumberLocale): Separators {
  return locale === "vi-VN" ? { group: ".", decimal: "," } : { group: ",", decimal: "." };
}

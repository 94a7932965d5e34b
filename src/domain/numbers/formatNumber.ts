import { NumberLocale, separatorsOf } from "./locale";

/**
 * What is shown for a result no number holds (a sum or ratio of figures near 1e308): words, in the
 * language that goes with the locale (vi-VN Vietnamese, en-US English, as `num` pairs them), never
 * "Infinity" or "NaN".
 */
const NOT_FINITE: Record<NumberLocale, Record<"up" | "down" | "none", string>> = {
  "vi-VN": {
    up: "số quá lớn, không tính được",
    down: "số âm quá lớn, không tính được",
    none: "không tính được",
  },
  "en-US": {
    up: "a number too large to compute",
    down: "a negative number too large to compute",
    none: "not computable",
  },
};

/**
 * Formats a number the way the user's locale shows it: 16000 → "16.000" (vi-VN) or "16,000" (en-US),
 * 57.72 → "57,72" / "57.72". Written by hand (not Intl) so results are identical on every runtime.
 * NaN and ±Infinity are said in words (NOT_FINITE).
 */
export function formatNumber(value: number, locale: NumberLocale, decimals?: number): string {
  if (!Number.isFinite(value)) {
    return NOT_FINITE[locale][Number.isNaN(value) ? "none" : value > 0 ? "up" : "down"];
  }
  const { group, decimal } = separatorsOf(locale);
  const fixed = decimals === undefined ? shortest(value) : value.toFixed(decimals);
  const negative = fixed.startsWith("-");
  const [intPart, frac] = (negative ? fixed.slice(1) : fixed).split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const body = frac ? `${grouped}${decimal}${frac}` : grouped;
  return negative && Number(fixed) !== 0 ? `-${body}` : body;
}

/** Up to 6 decimals, without trailing zeros: 12.2 → "12.2", 1/3 → "0.333333". */
function shortest(value: number): string {
  if (Number.isInteger(value)) return value.toFixed(0);
  return value.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
}

/** Decimal places a value needs when shown in full (at most 6). */
export function decimalsOf(value: number): number {
  const s = shortest(value);
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

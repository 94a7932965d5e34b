import { NumberLocale, separatorsOf } from "./locale";

/**
 * Reading numbers the way Vietnamese staff write them, and the way Word pastes them into cells.
 *
 * A string whose meaning depends on the locale ("16.000" is 16 000 in vi-VN but 16 in en-US) is read
 * by the given locale and carries `ambiguous` with the other reading, so that callers can say so.
 */
export type ParsedNumber =
  | {
      readonly kind: "number";
      readonly value: number;
      /** Digits after the decimal separator as written; the value stands for ± half a unit there. */
      readonly decimals: number;
      readonly percent: boolean;
      /** Trailing words such as "người" or "triệu đồng". */
      readonly unit?: string;
      /**
       * Present when the text also reads as a different number: `alternative`, read the `locale` way.
       * Usually the other locale's reading; on a count row read against the locale ("16,000" in vi-VN
       * is 16 000 people, though the comma is the decimal mark there), the locale's own reading.
       */
      readonly ambiguous?: { readonly alternative: number; readonly locale: NumberLocale };
    }
  | { readonly kind: "blank"; readonly marker: string }
  | { readonly kind: "invalid"; readonly text: string; readonly problem: InvalidNumberProblem };

export type InvalidNumberProblem = "not-a-number" | "bad-grouping" | "too-many-decimal-marks";

/** Marks used in annexes for "no figure" / "not applicable". They are blanks, never zeros. */
const BLANK_MARKERS = new Set(["", "-", "–", "—", "x", "X", "..", "...", "…", "k", "K", "/"]);

/**
 * What a blank marker says, as the statistics office writes them: "x" (and "k", "/") the figure does
 * not apply here, "-" there is none to report, "..." it exists but is not yet known (still owed), ""
 * nothing was written.
 */
export type BlankMeaning = "not-applicable" | "none" | "not-yet-known" | "empty";

export function blankMeaning(marker: string): BlankMeaning {
  switch (marker) {
    case "x":
    case "X":
    case "k":
    case "K":
    case "/":
      return "not-applicable";
    case "-":
    case "–":
    case "—":
      return "none";
    case "":
      return "empty";
    default:
      return "not-yet-known";
  }
}

const SPACES = /[\s\u00a0\u202f\u2009\u2007]+/g;
// sign, numeric body, optional percent, optional trailing unit words
const NUMBER_SHAPE = /^([+\-−]?)(\d[\d.,' ]*\d|\d)\s*(%?)\s*(\p{L}[\p{L}\s./²³]+)?$/u;

/**
 * What the cell is known to hold. "whole": a count (people, households): "1.058" and "1,058" can only
 * be 1 058, whatever the locale, since a count has no decimals; such text is not ambiguous.
 */
export interface ParseExpectation {
  readonly whole?: boolean;
}

export function parseNumber(
  input: string,
  locale: NumberLocale,
  expect: ParseExpectation = {}
): ParsedNumber {
  const text = input.replace(SPACES, " ").trim();
  if (BLANK_MARKERS.has(text)) return { kind: "blank", marker: text };
  const shape = NUMBER_SHAPE.exec(text);
  if (!shape) return { kind: "invalid", text, problem: "not-a-number" };
  const [, sign, rawBody, percent, rawUnit] = shape;
  const body = rawBody.replace(/'/g, "");
  const read = readBody(body, locale, expect.whole === true);
  if (read.kind === "invalid") return { kind: "invalid", text, problem: read.problem };
  // 400 digits read as Infinity: no number a cell can hold (#10).
  if (!Number.isFinite(read.value)) return { kind: "invalid", text, problem: "not-a-number" };
  const negative = sign === "-" || sign === "−";
  const signed = (v: number): number => (negative ? -v : v);
  const unit = rawUnit?.trim();
  return {
    kind: "number",
    value: signed(read.value),
    decimals: read.decimals,
    percent: percent === "%",
    ...(unit ? { unit } : {}),
    ...(read.alternative !== undefined
      ? {
          ambiguous: {
            alternative: signed(read.alternative),
            locale: read.againstLocale ? locale : otherLocale(locale),
          },
        }
      : {}),
  };
}

type BodyReading =
  | {
      kind: "ok";
      value: number;
      decimals: number;
      alternative?: number;
      /** The value is not the locale's reading: the alternative is. */
      againstLocale?: boolean;
    }
  | { kind: "invalid"; problem: InvalidNumberProblem };

function readBody(body: string, locale: NumberLocale, whole: boolean): BodyReading {
  // Spaces are only ever thousands separators ("16 000", "16 000,5"); a mark after them is decimal.
  if (body.includes(" ")) {
    const groups = body.split(" ");
    const last = groups[groups.length - 1];
    const mark = /[.,]/.exec(last);
    const lastGroup = mark ? last.slice(0, mark.index) : last;
    const frac = mark ? last.slice(mark.index + 1) : "";
    if (!validGroups([...groups.slice(0, -1), lastGroup]) || !/^\d*$/.test(frac)) {
      return { kind: "invalid", problem: "bad-grouping" };
    }
    const digits = [...groups.slice(0, -1), lastGroup].join("");
    return {
      kind: "ok",
      value: Number(frac ? `${digits}.${frac}` : digits),
      decimals: frac.length,
    };
  }
  const dots = count(body, ".");
  const commas = count(body, ",");
  if (dots === 0 && commas === 0) return { kind: "ok", value: Number(body), decimals: 0 };

  if (dots > 0 && commas > 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands ("1.234,5", "1,234.5").
    const decimalMark = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
    const groupMark = decimalMark === "." ? "," : ".";
    if (count(body, decimalMark) > 1) return { kind: "invalid", problem: "too-many-decimal-marks" };
    const [intPart, frac] = body.split(decimalMark);
    if (!validGroups(intPart.split(groupMark))) return { kind: "invalid", problem: "bad-grouping" };
    return {
      kind: "ok",
      value: Number(`${intPart.split(groupMark).join("")}.${frac}`),
      decimals: frac.length,
    };
  }

  const mark = dots > 0 ? "." : ",";
  const parts = body.split(mark);
  if (parts.length > 2) {
    // "127.550.801.040": only grouping can repeat
    if (!validGroups(parts)) return { kind: "invalid", problem: "bad-grouping" };
    return { kind: "ok", value: Number(parts.join("")), decimals: 0 };
  }
  const [intPart, frac] = parts;
  const asDecimal = Number(`${intPart}.${frac}`);
  const groupingPossible = validGroups(parts);
  if (!groupingPossible) return { kind: "ok", value: asDecimal, decimals: frac.length };
  const asGrouped = Number(intPart + frac);
  const { decimal } = separatorsOf(locale);
  // A count has no decimals: one mark before three digits groups thousands ("1,058" is 1 058 people in
  // any locale). Where that mark is the locale's decimal mark and the decimal reading is whole too
  // ("16,000" in vi-VN: 16 000 or 16), the text is read against the locale: say so (#17).
  if (whole) {
    return mark === decimal && Number.isInteger(asDecimal)
      ? { kind: "ok", value: asGrouped, decimals: 0, alternative: asDecimal, againstLocale: true }
      : { kind: "ok", value: asGrouped, decimals: 0 };
  }
  // One mark followed by exactly three digits: "16.000" / "16,000" — the locale decides, and we say so.
  return mark === decimal
    ? { kind: "ok", value: asDecimal, decimals: frac.length, alternative: asGrouped }
    : { kind: "ok", value: asGrouped, decimals: 0, alternative: asDecimal };
}

/** "1", "234", "567": a 1–3 digit head without a leading zero, then groups of exactly three digits. */
function validGroups(groups: readonly string[]): boolean {
  if (groups.length < 2) return false;
  const [head, ...rest] = groups;
  if (!/^\d{1,3}$/.test(head) || (head.length > 1 && head.startsWith("0")) || head === "0") {
    return false;
  }
  return rest.every((g) => /^\d{3}$/.test(g));
}

function otherLocale(locale: NumberLocale): NumberLocale {
  return locale === "vi-VN" ? "en-US" : "vi-VN";
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === ch) n++;
  return n;
}

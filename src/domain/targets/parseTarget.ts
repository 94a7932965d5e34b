import { fold } from "../text/fold";
import { NumberLocale } from "../numbers/locale";
import { ParseExpectation, parseNumber } from "../numbers/parseNumber";

/**
 * A plan target as written in a plan cell: "trên 16.000", "từ 3% trở lên", "dưới 4", "1-1,5",
 * "khoảng 24", "≥ 85", "100". The comparator is read from the words; the row's direction decides
 * later whether a value beats it (see evaluateTarget).
 */
export type Target =
  | {
      readonly op: ">" | ">=" | "<" | "<=" | "=" | "about";
      readonly value: number;
      readonly text: string;
      readonly change?: TargetChange;
      readonly placed?: PlacedChange;
    }
  | {
      readonly op: "range";
      readonly min: number;
      readonly max: number;
      readonly text: string;
      readonly change?: TargetChange;
      readonly placed?: PlacedChange;
    };

/**
 * A target written as a change from a base ("giảm 3%", "tăng 5%", "giảm 1-1,5%/năm"): the figures are
 * the size of the change, never a level. `written` is the unit the figure was written with ("%",
 * "điểm %" or none); the row's kind decides what it means (see targets/changeTarget.ts).
 */
export interface TargetChange {
  readonly direction: "up" | "down";
  readonly written: "%" | "điểm %" | "";
  /** "/năm", "mỗi năm", "hằng năm", "bình quân": a change per year (one year from its base). */
  readonly perYear: boolean;
}

/**
 * A change target placed on a sheet's row (DerivedBuilder): whether its figure is added to the base
 * ("absolute": points, people) or a share of it ("relative"), and the 0-based column of the base cell
 * (absent when the template has no column for the year before).
 */
export interface PlacedChange {
  readonly meaning: "absolute" | "relative";
  readonly baseCol?: number;
  /** The base cell is formatted as a percentage (0.122 for 12,20): the level reads it × 100. */
  readonly basePercent?: boolean;
}

export type TargetParse =
  | {
      readonly ok: true;
      readonly target: Target;
      readonly ambiguous: boolean;
      /** How the figures were read: the locale's way, or on a count row the other way ("16,000" in vi-VN). */
      readonly readAs: NumberLocale;
    }
  | { readonly ok: false; readonly text: string };

type Op = ">" | ">=" | "<" | "<=" | "=" | "about";

/** Folded word forms (no diacritics) → comparator. Longest first so "khong duoi" beats "duoi". */
const PREFIXES: ReadonlyArray<readonly [string, Op]> = [
  ["khong vuot qua", "<="],
  ["khong qua", "<="],
  ["khong duoi", ">="],
  ["khong thap hon", ">="],
  ["it nhat", ">="],
  ["toi thieu", ">="],
  ["toi da", "<="],
  ["xap xi", "about"],
  ["khoang", "about"],
  ["tren", ">"],
  ["hon", ">"],
  ["duoi", "<"],
];

const SYMBOLS: ReadonlyArray<readonly [string, Op]> = [
  [">=", ">="],
  ["≥", ">="],
  ["=>", ">="],
  ["<=", "<="],
  ["≤", "<="],
  ["=<", "<="],
  [">", ">"],
  ["<", "<"],
  ["~", "about"],
  ["≈", "about"],
  ["=", "="],
];

/** Words in front of the figure that say nothing about the comparison ("đạt 62%", "mức 3"). */
const FILLER = /^(?:dat|muc|la|con|phan dau|bang|binh quan)\s+/;
/** The words that make a target a change from a base: "giảm 3%", "tăng 5%". */
const CHANGE = /^(giam|tang)\s+/;
/** "/năm", "mỗi năm", "hằng năm", "một năm" after the figure: a change per year. */
const PER_YEAR = /\s*(?:\/\s*nam|(?:moi|hang|hng|mot)\s+nam)$/;
const RANGE = /^(.+?)\s*(?:-|–|—|den)\s*(.+)$/;
const WHOLE: ParseExpectation = { whole: true };

/**
 * `expect.whole`: the row is a count, so a figure written without "%" or "điểm %" ("trên 16.000",
 * "tăng 1,500") is whole people or households and not ambiguous (see parseNumber); a percentage
 * ("tăng 5%") is read as written.
 */
export function parseTarget(
  input: string,
  locale: NumberLocale,
  expect: ParseExpectation = {}
): TargetParse {
  const text = input.trim();
  let rest = text.replace(/\s+/g, " ");
  let op: Op | undefined;
  for (const [symbol, symOp] of SYMBOLS) {
    if (rest.startsWith(symbol)) {
      op = symOp;
      rest = rest.slice(symbol.length).trim();
      break;
    }
  }
  // Work on a folded copy for the words, but keep the original characters of the figures.
  let words = foldKeepingFigures(rest);
  let direction: TargetChange["direction"] | undefined;
  for (;;) {
    if (FILLER.test(words)) words = words.replace(FILLER, "");
    else if (!direction && CHANGE.test(words)) {
      direction = words.startsWith("giam") ? "down" : "up";
      words = words.replace(CHANGE, "");
    } else break;
  }
  const perYear = PER_YEAR.test(words);
  if (perYear) {
    words = words.replace(PER_YEAR, "");
    while (FILLER.test(words)) words = words.replace(FILLER, "");
  }
  const change: { change?: TargetChange } = direction
    ? { change: { direction, written: writtenUnit(words), perYear } }
    : {};
  if (!op) {
    for (const [prefix, wordOp] of PREFIXES) {
      if (words.startsWith(prefix + " ")) {
        op = wordOp;
        words = words.slice(prefix.length + 1);
        break;
      }
    }
  }
  // "từ 3% trở lên" / "3% trở lên" / "từ 3 đến 5" / "5 trở xuống"
  const from = /^tu\s+/.test(words);
  if (from) words = words.replace(/^tu\s+/, "");
  if (/\s+tro len$/.test(words)) {
    if (op && op !== ">=") return { ok: false, text };
    op = ">=";
    words = words.replace(/\s+tro len$/, "");
  } else if (/\s+tro xuong$/.test(words)) {
    if (op && op !== "<=") return { ok: false, text };
    op = "<=";
    words = words.replace(/\s+tro xuong$/, "");
  }

  // A count's figures are whole; a share or points of it ("tăng 5%", "0,5 điểm %") are not.
  const figures = expect.whole && !/%|diem|phan tram/.test(words) ? WHOLE : {};
  const single = readFigure(words, locale, figures);
  if (single) {
    return {
      ok: true,
      target: { op: op ?? (from ? ">=" : "="), value: single.value, text, ...change },
      ambiguous: single.ambiguous,
      readAs: single.readAs,
    };
  }
  if (!op || from) {
    const range = RANGE.exec(words);
    if (range) {
      const a = readFigure(range[1], locale, figures);
      const b = readFigure(range[2], locale, figures);
      if (a && b && a.value <= b.value) {
        return {
          ok: true,
          target: { op: "range", min: a.value, max: b.value, text, ...change },
          ambiguous: a.ambiguous || b.ambiguous,
          readAs: a.ambiguous ? a.readAs : b.readAs,
        };
      }
    }
  }
  return { ok: false, text };
}

function readFigure(
  text: string,
  locale: NumberLocale,
  expect: ParseExpectation
): { value: number; ambiguous: boolean; readAs: NumberLocale } | undefined {
  const figure = text.replace(/\s*diem\s*(?:%|phan tram)$/, "").replace(/\s*%$/, "%");
  const parsed = parseNumber(figure, locale, expect);
  if (parsed.kind !== "number") return undefined;
  if (parsed.unit && !/^(?:%|diem %|diem phan tram|d p t)$/.test(fold(parsed.unit))) {
    // A unit word after the figure is fine ("16.000 lao động"); anything else is not a target.
    if (!/^\p{L}[\p{L}\s]*$/u.test(parsed.unit)) return undefined;
  }
  const other = parsed.ambiguous?.locale;
  // The alternative is read the `other` way; the figure the remaining one.
  const readAs = other === undefined ? locale : other === "vi-VN" ? "en-US" : "vi-VN";
  return { value: parsed.value, ambiguous: parsed.ambiguous !== undefined, readAs };
}

/** The unit a change was written with: "điểm %" (points), "%" or none. */
function writtenUnit(words: string): TargetChange["written"] {
  if (/diem\s*(?:%|phan tram)|d\.?p\.?t/.test(words)) return "điểm %";
  return /%|phan tram/.test(words) ? "%" : "";
}

/** Lower-cases and strips diacritics from words while keeping digits, ".", ",", "%" and "-". */
function foldKeepingFigures(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[:;()]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The single figure that stands for a target when a ratio or difference needs one number. */
export function referenceValue(target: Target, direction: "up" | "down" | "neutral"): number {
  if (target.op !== "range") return target.value;
  if (direction === "up") return target.min;
  if (direction === "down") return target.max;
  return (target.min + target.max) / 2;
}

import { NumberLocale } from "../numbers/locale";
import { decimalsOf } from "../numbers/formatNumber";
import { blankMeaning, parseNumber } from "../numbers/parseNumber";
import { formatInfo } from "./numberFormat";
import { formatText, isErrorCode, SheetSnapshot } from "./snapshot";

/**
 * One input cell as the rules see it, as an object: made only for cells a finding is about (see
 * ColumnReading.reading). Numbers typed as text are read (and remembered as text, for the "number
 * stored as text" rule); a cell formatted as a percentage holds 0.1220 for 12,20% and reads as 12.2.
 * A blank may carry the mark written in it ("x": does not apply, "-": none), which is not "missing".
 */
export type CellReading =
  | { readonly kind: "blank"; readonly marker?: string }
  | {
      readonly kind: "number";
      readonly value: number;
      /** Decimals the value is shown with, when known (number format or text as typed). */
      readonly decimals?: number;
      /** The cell holds text that reads as this number. */
      readonly text?: string;
      readonly ambiguousAlternative?: number;
      /** How the alternative is read (see ParsedNumber's ambiguous). */
      readonly alternativeLocale?: NumberLocale;
    }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "error"; readonly code: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  /** A number shown as a date or a time (its number format says so): 31/12/2021 is 44561. */
  | { readonly kind: "date"; readonly serial: number; readonly format: string };

/** What a cell of a column holds, as one byte (ColumnReading.state). */
export const EMPTY = 0;
/** A number (typed, or a formula's result). */
export const NUMBER = 1;
/** Text that reads as a number ("16.000"). */
export const TEXT_NUMBER = 2;
export const TEXT = 3;
export const ERROR = 4;
export const BOOLEAN = 5;
/** A number formatted as a date or a time: not a figure, though a formula sees its serial. */
export const DATE = 6;
/** A mark that says there is no figure on purpose: "x" (does not apply), "-" (none). Not missing. */
export const MARKER = 7;

/** Whether a state carries a number the rules read (typed, or text that reads as one). */
export function isFigure(state: number): boolean {
  return state === NUMBER || state === TEXT_NUMBER;
}

/** Whether a formula referring to the cell sees a number: a number, a date's serial, or TRUE/FALSE as 1/0 (`raw`). */
export function isFormulaNumber(state: number): boolean {
  return state === NUMBER || state === BOOLEAN || state === DATE;
}

/**
 * One sheet column read once, for the located rows (position i is LocatedAnnex.rows[i]): typed arrays
 * every check and the derived columns share. Text is kept only for the cells that hold text.
 */
export class ColumnReading {
  readonly state: Uint8Array;
  /** The figure as the rules read it: a cell formatted as a percentage holds 0.1220 and reads 12.2. */
  readonly value: Float64Array;
  /** The number as a formula sees it (the cell's own value). */
  readonly raw: Float64Array;
  /** Decimals shown (number format, or as typed in text); -1 when nothing tells. See shownDecimals. */
  readonly decimals: Int8Array;
  private readonly texts = new Map<number, string>();
  private readonly alternatives = new Map<
    number,
    { readonly alternative: number; readonly locale: NumberLocale }
  >();
  private readonly formats = new Map<number, string>();

  /**
   * `whole[i]` is 1 where row i's indicator is a count: text such as "1.058" there reads as 1 058
   * in any locale, without ambiguity (see parseNumber).
   */
  constructor(
    sheet: SheetSnapshot,
    rows: ArrayLike<number>,
    col: number,
    locale: NumberLocale,
    whole?: ArrayLike<number>
  ) {
    const n = rows.length;
    this.state = new Uint8Array(n);
    this.value = new Float64Array(n);
    this.raw = new Float64Array(n);
    this.decimals = new Int8Array(n).fill(-1);
    const { values, numberFormats } = sheet;
    let lastFormat: string | undefined;
    let decimals = -1;
    let percent = false;
    let date = false;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      const v = values[r]?.[col];
      if (v === undefined || v === "") continue;
      if (typeof v === "number") {
        const fmt = numberFormats[r]?.[col];
        if (fmt !== lastFormat) {
          lastFormat = fmt;
          const f = formatText(fmt);
          const info = f === undefined ? undefined : formatInfo(f);
          decimals = info?.decimals ?? -1;
          percent = info?.percent ?? false;
          date = info?.date ?? false;
        }
        this.raw[i] = v;
        if (date) {
          this.state[i] = DATE;
          this.formats.set(i, fmt ?? "");
          continue;
        }
        this.state[i] = NUMBER;
        this.value[i] = percent ? round15(v * 100) : v;
        this.decimals[i] = decimals;
      } else if (typeof v === "boolean") {
        this.state[i] = BOOLEAN;
        this.raw[i] = this.value[i] = v ? 1 : 0;
      } else {
        this.texts.set(i, v);
        if (isErrorCode(v)) {
          this.state[i] = ERROR;
          continue;
        }
        const parsed = parseNumber(v, locale, whole?.[i] === 1 ? WHOLE : {});
        if (parsed.kind === "blank") {
          const meaning = blankMeaning(parsed.marker);
          if (meaning === "not-applicable" || meaning === "none") this.state[i] = MARKER;
          continue;
        }
        if (parsed.kind === "invalid") {
          this.state[i] = TEXT;
          continue;
        }
        this.state[i] = TEXT_NUMBER;
        this.value[i] = parsed.value;
        this.decimals[i] = parsed.decimals;
        if (parsed.ambiguous) this.alternatives.set(i, parsed.ambiguous);
      }
    }
  }

  /** The text a cell holds (for text, text numbers, errors), or undefined. */
  text(i: number): string | undefined {
    return this.texts.get(i);
  }

  /** What a formula referring to the cell sees: a number, some text, or nothing. */
  formulaReading(i: number): number | string | null {
    const s = this.state[i];
    if (isFormulaNumber(s)) return this.raw[i];
    if (s === ERROR) return null;
    return this.texts.get(i) ?? null;
  }

  /**
   * Decimals the figure at i stands for, as the person wrote it: text as typed ("87,3" → 1); a number
   * typed as a number, the decimals it has, at most as many as its format shows (87.3 in a "0.00"
   * cell → 1, so it stands for [87,25; 87,35); 68.5083… shown "68,51" → 2); -1 for no figure.
   */
  shownDecimals(i: number): number {
    const s = this.state[i];
    if (s === TEXT_NUMBER) return this.decimals[i];
    if (s !== NUMBER) return -1;
    const shown = this.decimals[i];
    const v = this.value[i];
    // Fast paths, for the many whole figures and whole-number formats: no text made.
    if (shown === 0 || Number.isInteger(v)) return 0;
    const own = decimalsOf(v);
    return shown > 0 && shown < own ? shown : own;
  }

  /** The reading as one object, for the few cells a finding is made for. */
  reading(i: number): CellReading {
    switch (this.state[i]) {
      case EMPTY:
        return BLANK;
      case MARKER:
        return { kind: "blank", marker: (this.texts.get(i) ?? "").trim() };
      case DATE:
        return { kind: "date", serial: this.raw[i], format: this.formats.get(i) ?? "" };
      case NUMBER:
        return {
          kind: "number",
          value: this.value[i],
          decimals: this.shownDecimals(i),
        };
      case TEXT_NUMBER: {
        const alternative = this.alternatives.get(i);
        return {
          kind: "number",
          value: this.value[i],
          decimals: this.decimals[i],
          text: this.texts.get(i) ?? "",
          ...(alternative !== undefined
            ? {
                ambiguousAlternative: alternative.alternative,
                alternativeLocale: alternative.locale,
              }
            : {}),
        };
      }
      case TEXT:
        return { kind: "text", text: this.texts.get(i) ?? "" };
      case ERROR:
        return { kind: "error", code: this.texts.get(i) ?? "" };
      case BOOLEAN:
        return { kind: "boolean", value: this.raw[i] === 1 };
      default:
        return BLANK;
    }
  }
}

const BLANK: CellReading = { kind: "blank" };
const WHOLE = { whole: true } as const;

/**
 * The columns of a located annex, each read once on first use and shared by the derived columns and
 * every check.
 */
export class SheetReadings {
  private readonly columns = new Map<number, ColumnReading>();
  /** Sheet row of each located row. */
  readonly rows: Int32Array;
  /** 1 where the located row's indicator is a count (its figures are whole). */
  readonly whole: Uint8Array;

  constructor(
    readonly sheet: SheetSnapshot,
    located: ReadonlyArray<{
      readonly row: number;
      readonly indicator?: { readonly kind: string };
    }>,
    readonly locale: NumberLocale
  ) {
    this.rows = new Int32Array(located.length);
    this.whole = new Uint8Array(located.length);
    for (let i = 0; i < located.length; i++) {
      this.rows[i] = located[i].row;
      if (located[i].indicator?.kind === "count") this.whole[i] = 1;
    }
  }

  column(col: number): ColumnReading {
    let c = this.columns.get(col);
    if (!c) {
      c = new ColumnReading(this.sheet, this.rows, col, this.locale, this.whole);
      this.columns.set(col, c);
    }
    return c;
  }
}

/** Removes binary noise from a scaled value (0.122 × 100 = 12.200000000000001). */
function round15(v: number): number {
  return Number(v.toPrecision(15));
}

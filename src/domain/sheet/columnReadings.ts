import { NumberLocale } from "../numbers/locale";
import { parseNumber } from "../numbers/parseNumber";
import { formatInfo } from "./numberFormat";
import { formatText, isErrorCode, SheetSnapshot } from "./snapshot";

/**
 * One input cell as the rules see it, as an object: made only for cells a finding is about (see
 * ColumnReading.reading). Numbers typed as text are read (and remembered as text, for the "number
 * stored as text" rule); a cell formatted as a percentage holds 0.1220 for 12,20% and reads as 12.2.
 */
export type CellReading =
  | { readonly kind: "blank" }
  | {
      readonly kind: "number";
      readonly value: number;
      /** Decimals the value is shown with, when known (number format or text as typed). */
      readonly decimals?: number;
      /** The cell holds text that reads as this number. */
      readonly text?: string;
      readonly ambiguousAlternative?: number;
    }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "error"; readonly code: string }
  | { readonly kind: "boolean"; readonly value: boolean };

/** What a cell of a column holds, as one byte (ColumnReading.state). */
export const EMPTY = 0;
/** A number (typed, or a formula's result). */
export const NUMBER = 1;
/** Text that reads as a number ("16.000"). */
export const TEXT_NUMBER = 2;
export const TEXT = 3;
export const ERROR = 4;
export const BOOLEAN = 5;

/** Whether a state carries a number the rules read (typed, or text that reads as one). */
export function isFigure(state: number): boolean {
  return state === NUMBER || state === TEXT_NUMBER;
}

/** Whether a formula referring to the cell sees a number: a number, or TRUE/FALSE as 1/0 (`raw`). */
export function isFormulaNumber(state: number): boolean {
  return state === NUMBER || state === BOOLEAN;
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
  /** Decimals shown (number format, or as typed in text); -1 when nothing tells. */
  readonly decimals: Int8Array;
  private readonly texts = new Map<number, string>();
  private readonly alternatives = new Map<number, number>();

  constructor(sheet: SheetSnapshot, rows: ArrayLike<number>, col: number, locale: NumberLocale) {
    const n = rows.length;
    this.state = new Uint8Array(n);
    this.value = new Float64Array(n);
    this.raw = new Float64Array(n);
    this.decimals = new Int8Array(n).fill(-1);
    const { values, numberFormats } = sheet;
    let lastFormat: string | undefined;
    let decimals = -1;
    let percent = false;
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
        }
        this.state[i] = NUMBER;
        this.raw[i] = v;
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
        const parsed = parseNumber(v, locale);
        if (parsed.kind === "blank") continue;
        if (parsed.kind === "invalid") {
          this.state[i] = TEXT;
          continue;
        }
        this.state[i] = TEXT_NUMBER;
        this.value[i] = parsed.value;
        this.decimals[i] = parsed.decimals;
        if (parsed.ambiguous) this.alternatives.set(i, parsed.ambiguous.alternative);
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

  /** The reading as one object, for the few cells a finding is made for. */
  reading(i: number): CellReading {
    switch (this.state[i]) {
      case EMPTY:
        return BLANK;
      case NUMBER:
        return {
          kind: "number",
          value: this.value[i],
          decimals: this.decimals[i] < 0 ? undefined : this.decimals[i],
        };
      case TEXT_NUMBER: {
        const alternative = this.alternatives.get(i);
        return {
          kind: "number",
          value: this.value[i],
          decimals: this.decimals[i],
          text: this.texts.get(i) ?? "",
          ...(alternative !== undefined ? { ambiguousAlternative: alternative } : {}),
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

/**
 * The columns of a located annex, each read once on first use and shared by the derived columns and
 * every check.
 */
export class SheetReadings {
  private readonly columns = new Map<number, ColumnReading>();
  /** Sheet row of each located row. */
  readonly rows: Int32Array;

  constructor(
    readonly sheet: SheetSnapshot,
    located: ReadonlyArray<{ readonly row: number }>,
    readonly locale: NumberLocale
  ) {
    this.rows = new Int32Array(located.length);
    for (let i = 0; i < located.length; i++) this.rows[i] = located[i].row;
  }

  column(col: number): ColumnReading {
    let c = this.columns.get(col);
    if (!c) {
      c = new ColumnReading(this.sheet, this.rows, col, this.locale);
      this.columns.set(col, c);
    }
    return c;
  }
}

/** Removes binary noise from a scaled value (0.122 × 100 = 12.200000000000001). */
function round15(v: number): number {
  return Number(v.toPrecision(15));
}

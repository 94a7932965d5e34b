/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { NumberLocale } from "../../../../src/domain/numbers/locale";
import { parseNumber } from "../../../../src/domain/numbers/parseNumber";
import { CellView, isErrorValue } from "./cellView";

/**
 * What an input cell holds, as the rules see it. Numbers typed as text are read (and remembered as
 * text, for the "number stored as text" rule); a cell formatted as a percentage holds 0.1220 for 12,20%
 * and reads as 12.2.
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
      readonly formula?: boolean;
    }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "error"; readonly code: string }
  | { readonly kind: "boolean"; readonly value: boolean };

export function readCell(cell: CellView | undefined, locale: NumberLocale): CellReading {
  if (!cell) return BLANK;
  const v = cell.value;
  if (v === null || v === "") return BLANK;
  if (typeof v === "number") {
    const fmt = cell.numFmt ? formatInfo(cell.numFmt) : undefined;
    const value = fmt?.percent ? round15(v * 100) : v;
    return { kind: "number", value, decimals: fmt?.decimals, formula: cell.formula !== undefined };
  }
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  if (isErrorValue(v)) return { kind: "error", code: v.error };
  const parsed = parseNumber(v, locale);
  if (parsed.kind === "blank") return BLANK;
  if (parsed.kind === "invalid") return { kind: "text", text: v };
  return {
    kind: "number",
    value: parsed.value,
    decimals: parsed.decimals,
    text: v,
    ...(parsed.ambiguous ? { ambiguousAlternative: parsed.ambiguous.alternative } : {}),
  };
}

const BLANK: CellReading = { kind: "blank" };

interface FormatInfo {
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

/** Removes binary noise from a scaled value (0.122 × 100 = 12.200000000000001). */
function round15(v: number): number {
  return Number(v.toPrecision(15));
}

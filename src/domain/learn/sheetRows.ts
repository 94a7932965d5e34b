import { NumberLocale } from "../numbers/locale";
import { decimalsOf } from "../numbers/formatNumber";
import { parseNumber } from "../numbers/parseNumber";
import { formatInfo } from "../sheet/numberFormat";
import { SheetSnapshot, sheetHeight, valueAt, valueText } from "../sheet/snapshot";
import { fold, isRomanNumeral } from "../text/fold";

/**
 * The rows under the header of a sheet made by hand: section rows (I, II… or a name in capitals with
 * nothing else), lines that only introduce children ("Trong đó:", "Gồm:"), and indicator rows with
 * their code as written (1, 2; 1.1; a, b; -, +, *; none), name, unit and figures. Each indicator's
 * parent comes from how codes nest: a style of code seen for the first time under a row is one level
 * deeper ("-" under "1", "+" under "-"), a style seen before closes the deeper ones, "1.2" sits under
 * "1", and the row after "Trong đó:" / "Gồm:" under the row before it.
 */
export interface Figure {
  readonly value: number;
  /** Digits after the decimal mark as written or shown. */
  readonly decimals: number;
}

export interface SheetRow {
  readonly row: number;
  /** The STT cell as written ("1", "-", ""). */
  readonly codeText: string;
  /** The name cell, trimmed. */
  readonly name: string;
  readonly unit: string;
  /** Index of the section in SheetRows.sections. */
  readonly section: number;
  /** Index of the parent row in SheetRows.indicators. */
  readonly parent?: number;
  readonly level: number;
  /** The line above introduced this row: "gom" (consists of) or "trong-do" (of which). */
  readonly introducedBy?: "gom" | "trong-do";
  /** The name itself starts with "Trong đó:" ("Trong đó: Lao động nữ"). */
  readonly inlineOfWhich: boolean;
  /** One entry per input column, in the order given. */
  readonly figures: ReadonlyArray<Figure | undefined>;
}

export interface SheetSection {
  readonly row?: number;
  readonly codeText: string;
  readonly name: string;
}

export interface SheetRows {
  readonly sections: readonly SheetSection[];
  readonly indicators: readonly SheetRow[];
}

const FOOTER = /^(?:nguoi lap bieu|thu truong don vi|giam doc|ky ten|ket luan|o to do)/;
const INTRO = /^(?:trong do|gom|bao gom|chia ra|cu the|chia theo)$/;
const OF_WHICH_PREFIX = /^(?:trong do)\b/;

type Style = string;

function styleOf(code: string): Style {
  const t = code.trim().replace(/[.)]+$/, "");
  if (!t) return "none";
  if (/^\d+$/.test(t)) return "num";
  if (/^\d+(?:\.\d+)+$/.test(t)) return `dot${t.split(".").length - 1}`;
  if (/^[a-zđ]$/.test(t)) return "alpha";
  if (/^[-–—]$/.test(t)) return "dash";
  if (t === "+") return "plus";
  if (t === "*") return "star";
  return `other`;
}

/** Reads a figure cell: a number (a percent format shows it × 100), or text written as a number. */
export function readFigure(
  sheet: SheetSnapshot,
  row: number,
  col: number,
  locale: NumberLocale
): Figure | undefined {
  const v = valueAt(sheet, row, col);
  if (typeof v === "number") {
    const info = formatInfo(sheet.numberFormats[row]?.[col] ?? "General");
    if (info?.date) return undefined;
    const value = info?.percent ? v * 100 : v;
    const decimals = info?.decimals ?? decimalsOf(value);
    return { value, decimals: Math.max(info?.decimals ?? 0, Math.min(decimals, 6)) };
  }
  if (typeof v !== "string" || !v.trim()) return undefined;
  const parsed = parseNumber(v, locale);
  return parsed.kind === "number" ? { value: parsed.value, decimals: parsed.decimals } : undefined;
}

export function readSheetRows(
  sheet: SheetSnapshot,
  dataStartRow: number,
  cols: { code: number; name: number; unit?: number; inputs: readonly number[] },
  locale: NumberLocale
): SheetRows {
  const sections: SheetSection[] = [];
  const indicators: Array<SheetRow & { style: Style }> = [];
  let stack: Array<{ style: Style; index: number }> = [];
  let intro: { parent: number; word: "gom" | "trong-do"; depth: number } | undefined;
  // The rows a "Trong đó:" / "Gồm:" line introduced children of, and which word it was.
  const introOf = new Map<number, "gom" | "trong-do">();
  const height = sheetHeight(sheet);
  for (let r = dataStartRow; r < height; r++) {
    if (!sheet.values[r]) continue;
    const codeText = valueText(valueAt(sheet, r, cols.code)).trim();
    const rawName = valueText(valueAt(sheet, r, cols.name));
    const name = rawName.trim();
    const unit = cols.unit === undefined ? "" : valueText(valueAt(sheet, r, cols.unit)).trim();
    const folded = fold(name);
    if (FOOTER.test(folded) || FOOTER.test(fold(codeText))) break;
    if (!name) continue;
    const figures = cols.inputs.map((c) => readFigure(sheet, r, c, locale));
    const hasFigures = figures.some((f) => f !== undefined);
    // A line that only introduces children: "Trong đó:", "- Gồm:".
    if (INTRO.test(folded) && !unit && !hasFigures) {
      const top = stack[stack.length - 1];
      if (top) {
        const word = folded === "trong do" ? "trong-do" : "gom";
        intro = { parent: top.index, word, depth: stack.length };
        introOf.set(top.index, word);
      }
      continue;
    }
    const letters = name.replace(/[^\p{L}]/gu, "");
    const capitals = letters.length > 3 && letters === letters.toLocaleUpperCase("vi");
    const isSection =
      (isRomanNumeral(codeText) && !unit) ||
      (!unit && !hasFigures && capitals && (!codeText || /^[A-H]\.?$/.test(codeText))) ||
      // A code no indicator is numbered with ("A", "S0", "Phần 1") on a row with no unit or figure.
      (!unit && !hasFigures && codeText !== "" && styleOf(codeText) === "other");
    if (isSection) {
      sections.push({ row: r, codeText: codeText.replace(/\.$/, ""), name });
      stack = [];
      intro = undefined;
      continue;
    }
    if (!sections.length) sections.push({ codeText: "", name: "" });
    // Without a code, the name's indentation (leading spaces) tells how deep the row sits.
    const indent = Math.min(3, Math.floor((rawName.length - rawName.trimStart().length) / 2));
    const style = codeText ? styleOf(codeText) : `none${indent}`;
    const inlineOfWhich = OF_WHICH_PREFIX.test(folded);
    let parent: number | undefined;
    const dotted = /^(\d+(?:\.\d+)*)\.\d+\.?$/.exec(codeText);
    const byPrefix = dotted
      ? stack.findIndex((s) => indicators[s.index].codeText.replace(/\.$/, "") === dotted[1])
      : -1;
    if (intro && !stack.slice(0, intro.depth - 1).some((s) => s.style === style)) {
      stack = stack.slice(0, intro.depth);
      parent = intro.parent;
      intro = undefined;
    } else if (byPrefix >= 0) {
      stack = stack.slice(0, byPrefix + 1);
      parent = stack[byPrefix].index;
    } else {
      const at = stack.map((s) => s.style).lastIndexOf(style);
      if (at >= 0) stack = stack.slice(0, at);
      parent = stack[stack.length - 1]?.index;
      // "Trong đó: …" after a list of parts is of their total, not of the last part.
      if (at < 0 && inlineOfWhich && parent !== undefined) {
        const prev = indicators[parent];
        if (
          prev.parent !== undefined &&
          !prev.inlineOfWhich &&
          prev === indicators[indicators.length - 1]
        ) {
          stack = stack.slice(0, stack.length - 1);
          parent = prev.parent;
        }
      }
      if (at >= 0 && intro && stack.length < intro.depth) intro = undefined;
    }
    const introducedBy = parent === undefined ? undefined : introOf.get(parent);
    const index = indicators.length;
    stack.push({ style, index });
    indicators.push({
      row: r,
      codeText,
      name,
      unit,
      section: sections.length - 1,
      ...(parent !== undefined ? { parent } : {}),
      level: Math.min(3, stack.length - 1),
      ...(introducedBy ? { introducedBy } : {}),
      inlineOfWhich,
      figures,
      style,
    });
  }
  return { sections, indicators };
}

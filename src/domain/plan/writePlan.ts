import { DerivedSet } from "../derive/derivedCells";
import { CURRENT, derivedOnSheet, FREE, OURS_OUTDATED } from "../derive/derivedOnSheet";
import { isOurFormula, sameSavedResult } from "../derive/formulaShape";
import { fromA1, toA1 } from "../sheet/address";
import { MergedArea, MergedAreas } from "../sheet/mergedAreas";
import {
  formulaEntry,
  isEmptyAt,
  isErrorCode,
  numberFormatAt,
  SheetSnapshot,
  SnapshotEditor,
  valueAt,
} from "../sheet/snapshot";
import { Bilingual, Finding } from "../rules/finding";
import { quoteCell } from "../text/quote";

/**
 * What an adapter writes. The engine decides; adapters (Office.js, ExcelJS) only apply. A plan never
 * holds a cell the user typed unless the caller asked to overwrite, and applying a plan to the sheet
 * it was made from, then planning again, gives an empty plan.
 *
 * A derived write is a view whose fields are getters (its formula is rendered when read): `{ ...w }`
 * and `Object.assign` copy none of them. Read the fields by name, or copy with JSON (`toJSON`).
 */
export interface CellWrite {
  readonly row: number;
  readonly col: number;
  readonly address: string;
  /** Formula without "="; when present, `value` is its computed result, cached by adapters that can. */
  readonly formula?: string;
  readonly value: number | string | null;
  readonly numFmt?: string;
  /** derived: our formula; fix: a conversion the user chose; input: figures typed for a person (samples). */
  readonly purpose: "derived" | "fix" | "input";
}

export interface SkippedCell {
  readonly address: string;
  readonly reason: Bilingual;
  /** What the user typed there, for the message (quoted: at most ~80 characters). */
  readonly found: string;
  /** The merged range ("D20:M20") the cell lies in, when that is why it is kept: overwriting cannot
   *  write there either (unmerging can). */
  readonly merge?: string;
}

export interface WritePlan {
  readonly sheet: string;
  readonly writes: readonly CellWrite[];
  readonly skipped: readonly SkippedCell[];
  /**
   * What the plan caches depends on a formula result the file does not hold (a person's =SUM(…) saved
   * by a program that does not calculate; formula.not-calculated): a host writing a file asks Excel to
   * recalculate everything when it is opened (#17).
   */
  readonly recalculate?: boolean;
}

export interface FillOptions {
  /** Replace values and formulas someone typed into derived cells. Off unless the user asks. */
  readonly overwrite?: boolean;
}

export function planFill(
  sheet: SheetSnapshot,
  cells: DerivedSet,
  options: FillOptions = {}
): WritePlan {
  // Sized once (at most one write per derived cell), trimmed at the end: no regrowth.
  const writes = new Array<CellWrite>(cells.length);
  let count = 0;
  const skipped: SkippedCell[] = [];
  const states = derivedOnSheet(sheet, cells);
  const merges = MergedAreas.of(sheet);
  const overflowed = cells.overflowed.length ? new Set(cells.overflowed) : undefined;
  for (let k = 0; k < cells.length; k++) {
    const state = states[k];
    if (merges.size) {
      // A cell inside a merge, not its top-left, shows the merge's value: a write there would land on
      // that value (a figure a person typed), so it is never written, even when asked to overwrite.
      const merge = merges.covered(cells.row(k), cells.col(k));
      if (merge) {
        const held = mergedValue(sheet, merge);
        if (held !== undefined) skipped.push(coveredByMerge(cells.address(k), merge, held));
        continue;
      }
    }
    if (state === FREE) {
      writes[count++] = new DerivedWrite(cells, k, cells.numFmt(k));
      continue;
    }
    if (state === CURRENT) {
      // Ours and current: only a result that differs from the engine's is written again.
      const row = cells.row(k);
      const col = cells.col(k);
      const saved = valueAt(sheet, row, col);
      // A result too large for a number is left blank by us; Excel shows its #NUM! there: the same.
      const overflowShown = overflowed?.has(k) === true && isErrorCode(saved);
      if (!overflowShown && !sameSavedResult(saved, cells.value(k))) {
        writes[count++] = new DerivedWrite(
          cells,
          k,
          numberFormatAt(sheet, row, col) ?? cells.numFmt(k)
        );
      }
      continue;
    }
    if (state === OURS_OUTDATED || options.overwrite) {
      writes[count++] = new DerivedWrite(cells, k, cells.numFmt(k));
      continue;
    }
    const [row, col, address] = [cells.row(k), cells.col(k), cells.address(k)];
    const found = quoteCell(formulaEntry(sheet, row, col) ?? valueAt(sheet, row, col));
    skipped.push({
      address,
      found,
      reason: {
        vi: `Ô ${address} đã có nội dung do người dùng nhập (${found}); giữ nguyên. Chọn "ghi đè" để thay bằng công thức.`,
        en: `Cell ${address} holds something a person typed (${found}); left as it is. Choose "overwrite" to replace it with the formula.`,
      },
    });
  }
  writes.length = count;
  return { sheet: sheet.name, writes, skipped };
}

/**
 * What a person put in the top-left cell of a merge (formula or value, quoted), or undefined when it
 * is empty or holds one of our formulas.
 */
function mergedValue(sheet: SheetSnapshot, merge: MergedArea): string | undefined {
  if (isEmptyAt(sheet, merge.r0, merge.c0)) return undefined;
  const formula = formulaEntry(sheet, merge.r0, merge.c0);
  if (formula !== undefined && isOurFormula(formula)) return undefined;
  return quoteCell(formula ?? valueAt(sheet, merge.r0, merge.c0));
}

function coveredByMerge(address: string, merge: MergedArea, found: string): SkippedCell {
  const first = toA1(merge.r0, merge.c0);
  const what = found.startsWith("=")
    ? { vi: "công thức", en: "formula" }
    : { vi: "số liệu", en: "figure" };
  return {
    address,
    found,
    merge: merge.address,
    reason: {
      vi: `Ô ${address} nằm trong vùng ô gộp ${merge.address}, đang giữ ${what.vi} ${found} ở ô ${first}; không ghi vào đó để khỏi mất ${what.vi} này. Hãy bỏ gộp ô ${merge.address} rồi chạy lại.`,
      en: `Cell ${address} lies in the merged range ${merge.address}, which holds the ${what.en} ${found} in ${first}; nothing is written there, so that ${what.en} is not lost. Unmerge ${merge.address}, then run again.`,
    },
  };
}

/**
 * A write of one of our formulas. Its address and formula text are rendered when first read (by the
 * adapter that writes it, or a preview), not when the plan is made: re-checking as a person types
 * plans every derived cell of a fresh sheet and writes none of them. Reads, `JSON.stringify` and
 * copies (`toJSON`) see the same fields as any other CellWrite.
 */
class DerivedWrite implements CellWrite {
  constructor(
    private readonly cells: DerivedSet,
    private readonly k: number,
    readonly numFmt: string
  ) {}

  get row(): number {
    return this.cells.row(this.k);
  }

  get col(): number {
    return this.cells.col(this.k);
  }

  get value(): number | string | null {
    return planValue(this.cells.value(this.k));
  }

  get purpose(): "derived" {
    return "derived";
  }

  get address(): string {
    return this.cells.address(this.k);
  }

  get formula(): string {
    return this.cells.formula(this.k);
  }

  toJSON(): CellWrite {
    return {
      row: this.row,
      col: this.col,
      address: this.address,
      formula: this.formula,
      value: this.value,
      numFmt: this.numFmt,
      purpose: this.purpose,
    };
  }
}

/**
 * The last guard where a plan entry is made: a value a plan may hold. Blank is null, and so is a
 * number that is not finite (NaN, ±Infinity): Excel has no such number, and a file holding one is
 * rewritten by every later fill.
 */
export function planValue(v: number | string): number | string | null {
  if (v === "") return null;
  return typeof v === "number" && !Number.isFinite(v) ? null : v;
}

/** Converts numbers stored as text to numbers, for the findings the user chose. Only on request. */
export function planFixes(sheet: SheetSnapshot, findings: readonly Finding[]): WritePlan {
  const writes: CellWrite[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.fix || f.sheet !== sheet.name || seen.has(f.fix.address)) continue;
    seen.add(f.fix.address);
    const { row, col } = fromA1(f.fix.address);
    if (typeof valueAt(sheet, row, col) === "number" || planValue(f.fix.value) === null) continue;
    writes.push({ row, col, address: f.fix.address, value: f.fix.value, purpose: "fix" });
  }
  return { sheet: sheet.name, writes, skipped: [] };
}

/** The sheet as it is after an adapter applies the plan; used by tests and previews. */
export function applyPlan(sheet: SheetSnapshot, plan: WritePlan): SheetSnapshot {
  const editor = new SnapshotEditor(sheet);
  for (const w of plan.writes) editor.set(w.row, w.col, w.value ?? "", w.formula, w.numFmt);
  return editor.snapshot();
}

import { isFormula, SheetSnapshot } from "../sheet/snapshot";
import { DerivedSet } from "./derivedCells";
import { isOurFormula, sameFormula } from "./formulaShape";

// What the sheet holds in a derived cell, as one byte (see derivedOnSheet).

/** No formula, and a blank value: the cell is free. */
export const FREE = 0;
/** Exactly the formula the engine would write. */
export const CURRENT = 1;
/** One of our formulas, but not the current one (an old target, another row's references). */
export const OURS_OUTDATED = 2;
/** A formula a person wrote. */
export const THEIR_FORMULA = 3;
/** A value a person typed (no formula). */
export const TYPED = 4;

interface Seen {
  readonly sheet: SheetSnapshot;
  readonly states: Uint8Array;
}

const cache = new WeakMap<DerivedSet, Seen>();

/**
 * For each derived cell (same positions as `derived`), what the sheet holds there: compared once per
 * analysis, then shared by the derived-value check and the write plan (the formula text comparison is
 * the costly part, one per derived cell).
 */
export function derivedOnSheet(sheet: SheetSnapshot, derived: DerivedSet): Uint8Array {
  const seen = cache.get(derived);
  if (seen && seen.sheet === sheet) return seen.states;
  const states = new Uint8Array(derived.length);
  const { values, formulas } = sheet;
  for (let k = 0; k < derived.length; k++) {
    const row = derived.row(k);
    const col = derived.col(k);
    const f = formulas[row]?.[col];
    if (isFormula(f)) {
      const current = derived.hasFormula(k, f, 1) || sameFormula(f, derived.formula(k));
      states[k] = current ? CURRENT : isOurFormula(f) ? OURS_OUTDATED : THEIR_FORMULA;
      continue;
    }
    const v = values[row]?.[col];
    states[k] = v === undefined || v === "" || (typeof v === "string" && !v.trim()) ? FREE : TYPED;
  }
  cache.set(derived, { sheet, states });
  return states;
}

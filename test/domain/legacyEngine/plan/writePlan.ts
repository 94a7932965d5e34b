/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { DerivedCell } from "../derive/derivedCells";
import { isCurrent, isOurFormula, sameSavedResult } from "../derive/formulaShape";
import { fromA1 } from "../../../../src/domain/sheet/address";
import { cellAt, CellView, isEmptyCell } from "../sheet/cellView";
import { SheetSnapshot, SnapshotEditor } from "../../../../src/domain/sheet/snapshot";
import { Bilingual, Finding } from "../../../../src/domain/rules/finding";

/**
 * What an adapter writes. The engine decides; adapters (Office.js, ExcelJS) only apply. A plan never
 * holds a cell the user typed unless the caller asked to overwrite, and applying a plan to the sheet
 * it was made from, then planning again, gives an empty plan.
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
  /** What the user typed there, for the message. */
  readonly found: string;
}

export interface WritePlan {
  readonly sheet: string;
  readonly writes: readonly CellWrite[];
  readonly skipped: readonly SkippedCell[];
}

export interface FillOptions {
  /** Replace values and formulas someone typed into derived cells. Off unless the user asks. */
  readonly overwrite?: boolean;
}

export function planFill(
  sheet: SheetSnapshot,
  derived: readonly DerivedCell[],
  options: FillOptions = {}
): WritePlan {
  const writes: CellWrite[] = [];
  const skipped: SkippedCell[] = [];
  for (const dc of derived) {
    const cell = cellAt(sheet, dc.row, dc.col);
    if (isEmptyCell(cell)) {
      writes.push(derivedWrite(dc, dc.numFmt));
      continue;
    }
    const existing = cell as CellView;
    if (existing.formula && isCurrent(dc, existing.formula)) {
      // Ours and current: only a result that differs from the engine's is written again.
      if (!sameSavedResult(existing.value, dc.value)) {
        writes.push(derivedWrite(dc, existing.numFmt ?? dc.numFmt));
      }
      continue;
    }
    if ((existing.formula && isOurFormula(existing.formula)) || options.overwrite) {
      writes.push(derivedWrite(dc, dc.numFmt));
      continue;
    }
    const found = existing.formula ? `=${existing.formula}` : String(existing.value);
    skipped.push({
      address: dc.address,
      found,
      reason: {
        vi: `Ô ${dc.address} đã có nội dung do người dùng nhập (${found}); giữ nguyên. Chọn "ghi đè" để thay bằng công thức.`,
        en: `Cell ${dc.address} holds something a person typed (${found}); left as it is. Choose "overwrite" to replace it with the formula.`,
      },
    });
  }
  return { sheet: sheet.name, writes, skipped };
}

function derivedWrite(dc: DerivedCell, numFmt: string): CellWrite {
  return {
    row: dc.row,
    col: dc.col,
    address: dc.address,
    formula: dc.formula,
    value: dc.value === "" ? null : dc.value,
    numFmt,
    purpose: "derived",
  };
}

/** Converts numbers stored as text to numbers, for the findings the user chose. Only on request. */
export function planFixes(sheet: SheetSnapshot, findings: readonly Finding[]): WritePlan {
  const writes: CellWrite[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.fix || f.sheet !== sheet.name || seen.has(f.fix.address)) continue;
    seen.add(f.fix.address);
    const { row, col } = fromA1(f.fix.address);
    const current = cellAt(sheet, row, col);
    if (typeof current?.value === "number") continue;
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

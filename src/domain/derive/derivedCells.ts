import { NumberLocale } from "../numbers/locale";
import { parseTarget, referenceValue, Target } from "../targets/parseTarget";
import { DerivedColumn, EvaluationColumn, Indicator, Template } from "../template/schema";
import { toA1 } from "../sheet/address";
import { LocatedAnnex } from "../sheet/locate";
import { CellSnapshot, isErrorValue, SheetSnapshot } from "../sheet/snapshot";
import {
  and,
  BLANK,
  bin,
  CellReading,
  cmp,
  evaluate,
  Expr,
  iff,
  isNumber,
  num,
  ref,
  str,
  toExcel,
} from "./expr";

/**
 * The derived columns: percent of plan, year over year, next plan vs estimate (ratios × 100 for counts
 * and amounts, percentage-point differences for rates and points) and the evaluation against the plan.
 * A missing or zero denominator gives an empty cell, never #DIV/0! and never 0.
 */
export const EVALUATION = { exceeded: "Vượt", met: "Đạt", notMet: "Không đạt" } as const;
export const EVALUATION_EN: Readonly<Record<string, string>> = {
  [EVALUATION.exceeded]: "exceeded",
  [EVALUATION.met]: "met",
  [EVALUATION.notMet]: "not met",
};

/** A target "about X" is met within this share of X. */
export const ABOUT_TOLERANCE = 0.05;

export const RATIO_FORMAT = "0.00";
export const POINTS_FORMAT = '+0.00" điểm %";-0.00" điểm %";0.00" điểm %"';

export type CompareMode = "ratio" | "difference";

export interface DerivedCell {
  readonly row: number;
  readonly col: number;
  readonly address: string;
  readonly columnId: string;
  readonly indicator: Indicator;
  readonly expr: Expr;
  /** Excel formula text without the leading "=". */
  readonly formula: string;
  /** The engine's result: a number, an evaluation label, or "" for blank. */
  readonly value: number | string;
  readonly numFmt: string;
  readonly mode: CompareMode | "evaluation";
}

export function compareMode(indicator: Indicator): CompareMode {
  return indicator.compare ?? (indicator.kind === "rate" || indicator.kind === "points" ? "difference" : "ratio");
}

/** What a formula sees in a cell: numbers as numbers, text as text, everything else as nothing. */
export function formulaReading(cell: CellSnapshot | undefined): CellReading {
  if (!cell) return null;
  const v = cell.value;
  if (typeof v === "number" || typeof v === "string") return v === "" ? null : v;
  if (v === null || isErrorValue(v)) return null;
  return v ? 1 : 0;
}

/**
 * One side of a comparison: a reference to an input cell, or — in a plan column whose cell holds a
 * target written as text ("trên 16.000") — that target's figure embedded as a constant.
 */
export interface Operand {
  readonly expr: Expr;
  readonly target?: Target;
}

function operand(
  sheet: SheetSnapshot | undefined,
  row: number,
  col: number,
  holdsTarget: boolean,
  locale: NumberLocale
): Operand {
  const v = sheet?.rows[row]?.[col]?.value;
  if (holdsTarget && typeof v === "string" && v.trim() !== "") {
    const parsed = parseTarget(v, locale);
    if (parsed.ok) return { expr: ref(row, col), target: parsed.target };
  }
  return { expr: ref(row, col) };
}

/** The figure an operand stands for, and the references that must hold numbers for it to exist. */
function figure(o: Operand, direction: Indicator["direction"]): { value: Expr; guards: Expr[] } {
  return o.target ? { value: num(referenceValue(o.target, direction)), guards: [] } : { value: o.expr, guards: [o.expr] };
}

function guarded(guards: Expr[], body: Expr): Expr {
  return guards.length ? iff(and(...guards.map(isNumber)), body, BLANK) : body;
}

export function ratioExpr(n: Operand, d: Operand, direction: Indicator["direction"]): Expr {
  const a = figure(n, direction);
  const b = figure(d, direction);
  if (b.value.t === "num" && b.value.v === 0) return BLANK;
  const ratio = bin("*", bin("/", a.value, b.value), num(100));
  const body = b.value.t === "ref" ? iff(cmp("=", b.value, num(0)), BLANK, ratio) : ratio;
  return guarded([...a.guards, ...b.guards], body);
}

export function differenceExpr(n: Operand, d: Operand, direction: Indicator["direction"]): Expr {
  const a = figure(n, direction);
  const b = figure(d, direction);
  return guarded([...a.guards, ...b.guards], bin("-", a.value, b.value));
}

/**
 * Vượt / Đạt / Không đạt. With direction "up", beating the target's figure is Vượt, meeting it is Đạt;
 * "down" mirrors that. An upper bound on an "up" row (or a lower bound on a "down" row) can only be met.
 * Neutral rows are not judged.
 */
export function evaluationExpr(value: Operand, t: Operand, direction: Indicator["direction"]): Expr {
  const v = value.expr;
  if (direction === "neutral") return BLANK;
  const up = direction === "up";
  const [V, D, M] = [str(EVALUATION.exceeded), str(EVALUATION.met), str(EVALUATION.notMet)];
  const better = up ? ">" : "<";
  const guardRef = (decision: Expr) => iff(and(isNumber(v), isNumber(t.expr)), decision, BLANK);
  const guard = (decision: Expr) => iff(isNumber(v), decision, BLANK);
  const target = t.target;
  if (!target) return guardRef(iff(cmp(better, v, t.expr), V, iff(cmp("=", v, t.expr), D, M)));
  switch (target.op) {
    case "=":
      return guard(iff(cmp(better, v, num(target.value)), V, iff(cmp("=", v, num(target.value)), D, M)));
    case ">=":
    case "<=":
    case ">":
    case "<": {
      const favourable = (target.op[0] === ">") === up;
      if (!favourable) return guard(iff(cmp(target.op, v, num(target.value)), D, M));
      if (target.op.length === 1) return guard(iff(cmp(target.op, v, num(target.value)), V, M));
      return guard(iff(cmp(better, v, num(target.value)), V, iff(cmp("=", v, num(target.value)), D, M)));
    }
    case "about": {
      const tol = Math.abs(target.value) * ABOUT_TOLERANCE;
      const lo = num(target.value - tol);
      const hi = num(target.value + tol);
      return up
        ? guard(iff(cmp(">", v, hi), V, iff(cmp(">=", v, lo), D, M)))
        : guard(iff(cmp("<", v, lo), V, iff(cmp("<=", v, hi), D, M)));
    }
    case "range":
      return up
        ? guard(iff(cmp(">", v, num(target.max)), V, iff(cmp(">=", v, num(target.min)), D, M)))
        : guard(iff(cmp("<", v, num(target.min)), V, iff(cmp("<=", v, num(target.max)), D, M)));
  }
}

/** Builds the expression of one derived cell; the same code serves a filled sheet and a new empty one. */
export function derivedExpr(
  column: DerivedColumn | EvaluationColumn,
  indicator: Indicator,
  row: number,
  columns: ReadonlyMap<string, number>,
  template: Template,
  sheet: SheetSnapshot | undefined,
  locale: NumberLocale
): { expr: Expr; mode: CompareMode | "evaluation"; numFmt: string } | undefined {
  const [nId, dId] = column.role === "derived" ? [column.numerator, column.denominator] : [column.value, column.target];
  const nCol = columns.get(nId);
  const dCol = columns.get(dId);
  if (nCol === undefined || dCol === undefined) return undefined;
  const holds = (id: string) => {
    const c = template.columns.find((x) => x.id === id);
    return c?.role === "input" && c.holdsTarget;
  };
  const n: Operand = operand(sheet, row, nCol, column.role === "derived" && holds(nId), locale);
  const d: Operand = operand(sheet, row, dCol, holds(dId), locale);
  if (column.role === "evaluation") {
    return { expr: evaluationExpr(n, d, indicator.direction), mode: "evaluation", numFmt: "@" };
  }
  const mode = compareMode(indicator);
  return mode === "ratio"
    ? { expr: ratioExpr(n, d, indicator.direction), mode, numFmt: RATIO_FORMAT }
    : { expr: differenceExpr(n, d, indicator.direction), mode, numFmt: POINTS_FORMAT };
}

export function computeDerived(sheet: SheetSnapshot, annex: LocatedAnnex, locale: NumberLocale): DerivedCell[] {
  const { template, columns } = annex;
  const outputs = template.columns.filter((c): c is DerivedColumn | EvaluationColumn => c.role === "derived" || c.role === "evaluation");
  const read = (r: number, c: number): CellReading => formulaReading(sheet.rows[r]?.[c]);
  const cells: DerivedCell[] = [];
  for (const located of annex.rows) {
    for (const column of outputs) {
      const col = columns.get(column.id);
      if (col === undefined) continue;
      const built = derivedExpr(column, located.indicator, located.row, columns, template, sheet, locale);
      if (!built) continue;
      const raw = evaluate(built.expr, read);
      cells.push({
        row: located.row,
        col,
        address: toA1(located.row, col),
        columnId: column.id,
        indicator: located.indicator,
        expr: built.expr,
        formula: toExcel(built.expr),
        value: typeof raw === "boolean" ? "" : raw,
        numFmt: built.numFmt,
        mode: built.mode,
      });
    }
  }
  return cells;
}

import { InputColumn, Indicator, Template } from "../template/schema";
import { PlacedChange, Target, TargetChange } from "./parseTarget";

/**
 * Targets written as a change from a base ("giảm 3%", "tăng 5%", "giảm 1-1,5%/năm") turned into the
 * level they ask for. For counts and amounts "tăng 5%" is 5 % of the base (base × 1,05) and "tăng 500"
 * is 500 more; for rates "giảm 3%" means 3 percentage points (base − 3), as provinces write it, unless
 * the template or the targets file says `"changeOfRate": "percent"` (base × 0,97). A change written in
 * "điểm %" is always points. A `points` row (itself a change, "Mức giảm tỷ lệ hộ nghèo") reads
 * "giảm 3%" as its level 3. One function gives the level both as numbers (the checks) and as
 * expressions over the base cell (the formulas written), so the two cannot drift apart.
 */
export type ChangeOfRate = "points" | "percent";

/** How the figure of a change applies to the base: added (points, people) or as a share of it. */
export type ChangeMeaning = PlacedChange["meaning"];

export type Level<T> =
  | { readonly op: ">" | ">=" | "<" | "<=" | "=" | "about"; readonly value: T }
  | { readonly op: "range"; readonly min: T; readonly max: T };

/** What a change's figure means on this row; undefined when the row reads it as a level. */
export function changeMeaning(
  change: TargetChange,
  kind: Indicator["kind"],
  changeOfRate: ChangeOfRate = "points"
): ChangeMeaning | undefined {
  if (kind === "points") return undefined;
  if (kind === "rate") {
    return change.written === "%" && changeOfRate === "percent" ? "relative" : "absolute";
  }
  return change.written === "%" ? "relative" : "absolute";
}

/** The arithmetic a level needs, on numbers or on formula expressions. */
export interface LevelArithmetic<T> {
  /** base + delta (delta may be negative). */
  add(base: T, delta: number): T;
  /** base × factor. */
  scale(base: T, factor: number): T;
}

export const NUMBER_ARITHMETIC: LevelArithmetic<number> = {
  add: (base, delta) => base + delta,
  scale: (base, factor) => base * factor,
};

const FLIP = { ">": "<", ">=": "<=", "<": ">", "<=": ">=", "=": "=", about: "about" } as const;

/**
 * The level a change target asks for, from its base. "giảm từ 3% trở lên" is a level at or below
 * base − 3: a decrease turns the comparator round.
 */
export function changeLevel<T>(
  target: Target,
  meaning: ChangeMeaning,
  base: T,
  arith: LevelArithmetic<T>
): Level<T> {
  const down = target.change?.direction === "down";
  const sign = down ? -1 : 1;
  // Factors kept to the 15 digits a spreadsheet stores (0,97, not 0,9700000000000001).
  const at = (figure: number): T =>
    meaning === "absolute"
      ? arith.add(base, sign * figure)
      : arith.scale(base, Number((1 + (sign * figure) / 100).toPrecision(15)));
  if (target.op === "range") {
    return down
      ? { op: "range", min: at(target.max), max: at(target.min) }
      : { op: "range", min: at(target.min), max: at(target.max) };
  }
  return { op: down ? FLIP[target.op] : target.op, value: at(target.value) };
}

/** A target that is a level already, as a Level of numbers. */
export function staticLevel(target: Target): Level<number> {
  return target.op === "range"
    ? { op: "range", min: target.min, max: target.max }
    : { op: target.op, value: target.value };
}

/**
 * The column a change in a plan column is measured from: the full-year figure of the year before
 * (KH năm 2023 from ƯTH năm 2022; KH năm 2022 from TH năm 2021), the actual before the estimate.
 */
export function changeBaseColumn(template: Template, columnId: string): InputColumn | undefined {
  const plan = template.columns.find((c) => c.id === columnId);
  if (plan?.role !== "input") return undefined;
  const candidates = template.columns.filter(
    (c): c is InputColumn =>
      c.role === "input" &&
      c.period !== "plan" &&
      c.months === undefined &&
      c.yearOffset === plan.yearOffset - 1
  );
  return candidates.find((c) => c.period === "actual") ?? candidates[0];
}

import { Comparison, compare } from "../derive/expr";
import type { Indicator } from "../template/schema";
import { Level, LevelArithmetic, NUMBER_ARITHMETIC } from "./changeTarget";

/**
 * How a figure is judged against a plan — one reading for every place a verdict is made: the Đánh giá
 * formula written into the sheet (derive/derivedCells.ts renders the reading as IF(…)), the engine's
 * value of that cell (the same expression evaluated), and a plan checked against the province's
 * targets file (rules/checks/targets.ts evaluates the reading on numbers). docs/templates.md states it
 * in words ("Cách đọc chỉ tiêu kế hoạch").
 *
 * - A plan on the favourable side ("trên X", "từ X trở lên" on a row where more is better; "dưới X",
 *   "không quá X" where less is better; a plain figure X): reaching X is Đạt, going beyond it Vượt,
 *   falling short Không đạt. "trên X" and "từ X" read the same: reports say "đạt 100% kế hoạch" when
 *   the figure the plan names is reached.
 * - A bound on the unfavourable side (a cap "không quá X" on a row where more is better): within it is
 *   Đạt, never Vượt; beyond it Không đạt.
 * - A range "a–b" or "khoảng X" (the band around X): only the unfavourable side misses. Where more is
 *   better, above the band is Vượt, inside Đạt, below Không đạt; where less is better, mirrored.
 * - A neutral row is judged only against a target with a comparator, a range or "khoảng": inside is Đạt,
 *   outside (on either side) Không đạt, never Vượt. A plain figure on a neutral row is not judged.
 */
export type Verdict = "exceeded" | "met" | "notMet";

export interface VerdictTest<T> {
  readonly op: Comparison;
  readonly at: T;
}

/** Vượt when `exceed` holds; else Đạt when every test of `meet` holds; else Không đạt. */
export interface Reading<T> {
  readonly exceed?: VerdictTest<T>;
  readonly meet: ReadonlyArray<VerdictTest<T>>;
}

/**
 * How far "khoảng X" reaches: a share of X for counts and amounts (5 %: "khoảng 16.000" is 15.200–
 * 16.800), percentage points for rates and points ("khoảng 75%" is 74–76 with 1 point). A template
 * may set its own (`aboutTolerance` in the template format).
 */
export interface AboutTolerance {
  readonly relative: number;
  readonly points: number;
}
export const DEFAULT_ABOUT_TOLERANCE: AboutTolerance = { relative: 0.05, points: 1 };

/** The tolerance that applies to one row: points for rates and points, a share otherwise. */
export type RowTolerance =
  | { readonly in: "points"; readonly size: number }
  | { readonly in: "share"; readonly size: number };

export function rowTolerance(
  kind: Indicator["kind"],
  tolerance: Partial<AboutTolerance> = {}
): RowTolerance {
  const t = { ...DEFAULT_ABOUT_TOLERANCE, ...tolerance };
  return kind === "rate" || kind === "points"
    ? { in: "points", size: t.points }
    : { in: "share", size: t.relative };
}

/** The band "khoảng X" stands for, kept to the 15 digits a spreadsheet stores when X is a figure. */
export function aboutBand<T>(x: T, tolerance: RowTolerance, arith: LevelArithmetic<T>): [T, T] {
  if (tolerance.in === "points")
    return [arith.add(x, -tolerance.size), arith.add(x, tolerance.size)];
  const f = (s: number) => Number((1 + s * tolerance.size).toPrecision(15));
  return [arith.scale(x, f(-1)), arith.scale(x, f(1))];
}

/**
 * The reading of a level on a row of this direction; undefined when the row is not judged (a plain
 * figure on a neutral row).
 */
export function readingOf<T>(
  level: Level<T>,
  direction: Indicator["direction"],
  band: (x: T) => [T, T]
): Reading<T> | undefined {
  if (level.op === "range" || level.op === "about") {
    const [lo, hi] = level.op === "range" ? [level.min, level.max] : band(level.value);
    if (direction === "up") return { exceed: { op: ">", at: hi }, meet: [{ op: ">=", at: lo }] };
    if (direction === "down") return { exceed: { op: "<", at: lo }, meet: [{ op: "<=", at: hi }] };
    return {
      meet: [
        { op: ">=", at: lo },
        { op: "<=", at: hi },
      ],
    };
  }
  const x = level.value;
  const floor = level.op === ">" || level.op === ">=";
  const ceiling = level.op === "<" || level.op === "<=";
  if (direction === "neutral") {
    if (floor) return { meet: [{ op: ">=", at: x }] };
    if (ceiling) return { meet: [{ op: "<=", at: x }] };
    return undefined;
  }
  const up = direction === "up";
  // A bound on the unfavourable side is a limit to stay within: met or not, never exceeded.
  if ((up && ceiling) || (!up && floor)) return { meet: [{ op: up ? "<=" : ">=", at: x }] };
  return up
    ? { exceed: { op: ">", at: x }, meet: [{ op: ">=", at: x }] }
    : { exceed: { op: "<", at: x }, meet: [{ op: "<=", at: x }] };
}

/** The verdict on a figure, compared as a spreadsheet compares (see expr.ts compare). */
export function judge(v: number, reading: Reading<number>): Verdict {
  if (reading.exceed && compare(reading.exceed.op, v, reading.exceed.at)) return "exceeded";
  return reading.meet.every((t) => compare(t.op, v, t.at)) ? "met" : "notMet";
}

/** The verdict on a figure against a level of numbers; undefined when the row is not judged. */
export function verdictOf(
  v: number,
  level: Level<number>,
  direction: Indicator["direction"],
  tolerance: RowTolerance
): Verdict | undefined {
  const reading = readingOf(level, direction, (x) => aboutBand(x, tolerance, NUMBER_ARITHMETIC));
  return reading && judge(v, reading);
}

import { NumberLocale } from "../numbers/locale";
import { parseTarget, referenceValue, Target } from "../targets/parseTarget";
import {
  changeBaseColumn,
  changeLevel,
  changeMeaning,
  Level,
  LevelArithmetic,
  NUMBER_ARITHMETIC,
} from "../targets/changeTarget";
import { aboutBand, Reading, readingOf, RowTolerance, rowTolerance } from "../targets/verdict";
import { DerivedColumn, EvaluationColumn, Indicator, Template } from "../template/schema";
import { toA1 } from "../sheet/address";
import { LocatedAnnex } from "../sheet/locate";
import { ColumnReading, isFormulaNumber, SheetReadings } from "../sheet/columnReadings";
import { formatInfo } from "../sheet/numberFormat";
import { CellValue, isErrorCode, numberFormatAt, SheetSnapshot, valueAt } from "../sheet/snapshot";
import {
  and,
  BLANK,
  bin,
  CellReading,
  cmp,
  compare,
  ExprValue,
  Expr,
  formulaTemplate,
  FormulaTemplate,
  iff,
  isNumber,
  num,
  ref,
  str,
} from "./expr";

/**
 * The derived columns: percent of plan, year over year, next plan vs estimate (ratios × 100 for counts
 * and amounts, percentage-point differences for rates and points) and the evaluation against the plan.
 * A missing or zero denominator gives an empty cell, never #DIV/0! and never 0.
 */
export const EVALUATION = {
  exceeded: "Vượt",
  met: "Đạt",
  notMet: "Không đạt",
} as const;
export const EVALUATION_EN: Readonly<Record<string, string>> = {
  [EVALUATION.exceeded]: "exceeded",
  [EVALUATION.met]: "met",
  [EVALUATION.notMet]: "not met",
};

export const RATIO_FORMAT = "0.00";
/** Not "@": Excel stores a formula typed into a Text-formatted cell as text, never computing it. */
export const EVALUATION_FORMAT = "General";
export const POINTS_FORMAT = '+0.00" điểm %";-0.00" điểm %";0.00" điểm %"';

export type CompareMode = "ratio" | "difference";

/** The row a derived cell is on, and its indicator (a LocatedRow, shared by the row's cells). */
export interface DerivedRow {
  readonly row: number;
  readonly indicator: Indicator;
}

/** The output column a derived cell is in (shared by the column's cells). */
export interface DerivedColumnAt {
  readonly col: number;
  readonly columnId: string;
}

/**
 * The derived cells the engine and the plan work on, by position k: what DerivedCell shows one at a
 * time. `DerivedCells` keeps them in typed arrays (a 100k-row annex has 400k of them).
 */
export interface DerivedSet {
  readonly length: number;
  row(k: number): number;
  col(k: number): number;
  columnId(k: number): string;
  indicator(k: number): Indicator;
  /** The engine's result: a number, an evaluation label, or "" for blank. */
  value(k: number): number | string;
  numFmt(k: number): string;
  mode(k: number): CompareMode | "evaluation";
  address(k: number): string;
  /** Excel formula text without "=". */
  formula(k: number): string;
  /** Whether `formula` (from `from` on; 1 skips a leading "=") is exactly this cell's formula. */
  hasFormula(k: number, formula: string, from?: number): boolean;
  cell(k: number): DerivedCell;
  /** Positions whose result was not a finite number (an overflow): their value is blank. */
  readonly overflowed: readonly number[];
}

// kind 0: blank ("")
const VALUE_NUMBER = 1;
const VALUE_TEXT = 2;

/**
 * The derived cells of one analysis in typed arrays: where each is (its located row, its output
 * column), which shared expression computes it, and its value. DerivedCell objects are made only when
 * someone asks for them (Analysis.derived); the checks and the plan read the arrays.
 */
export class DerivedCells implements DerivedSet {
  length = 0;
  private readonly located: Int32Array;
  private readonly output: Uint8Array;
  private readonly expr: Uint32Array;
  private readonly kind: Uint8Array;
  private readonly number: Float64Array;
  private readonly text: Uint16Array;
  private readonly exprs: BuiltExpr[] = [];
  private readonly exprIndex = new Map<BuiltExpr, number>();
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  private views?: DerivedCell[];
  readonly overflowed: number[] = [];

  constructor(
    private readonly rows: readonly DerivedRow[],
    private readonly outputs: readonly DerivedColumnAt[],
    capacity: number
  ) {
    this.located = new Int32Array(capacity);
    this.output = new Uint8Array(capacity);
    this.expr = new Uint32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.number = new Float64Array(capacity);
    this.text = new Uint16Array(capacity);
  }

  /** Adds a cell: located row i, output column o, its expression and value. */
  add(i: number, o: number, built: BuiltExpr, value: number | string): void {
    const k = this.length++;
    this.located[k] = i;
    this.output[k] = o;
    let e = this.exprIndex.get(built);
    if (e === undefined) {
      e = this.exprs.length;
      this.exprs.push(built);
      this.exprIndex.set(built, e);
    }
    this.expr[k] = e;
    if (typeof value === "number" && !Number.isFinite(value)) {
      // Figures so large the result overflows (1e308 / 0.5 × 100) or NaN: blank, never written.
      this.kind[k] = 0;
      this.overflowed.push(k);
    } else if (typeof value === "number") {
      this.kind[k] = VALUE_NUMBER;
      this.number[k] = value;
    } else if (value !== "") {
      let t = this.textIndex.get(value);
      if (t === undefined) {
        t = this.texts.length;
        this.texts.push(value);
        this.textIndex.set(value, t);
      }
      this.kind[k] = VALUE_TEXT;
      this.text[k] = t;
    }
  }

  row(k: number): number {
    return this.rows[this.located[k]].row;
  }
  col(k: number): number {
    return this.outputs[this.output[k]].col;
  }
  columnId(k: number): string {
    return this.outputs[this.output[k]].columnId;
  }
  indicator(k: number): Indicator {
    return this.rows[this.located[k]].indicator;
  }
  value(k: number): number | string {
    const kind = this.kind[k];
    return kind === VALUE_NUMBER
      ? this.number[k]
      : kind === VALUE_TEXT
        ? this.texts[this.text[k]]
        : "";
  }
  built(k: number): BuiltExpr {
    return this.exprs[this.expr[k]];
  }
  numFmt(k: number): string {
    return this.built(k).numFmt;
  }
  mode(k: number): CompareMode | "evaluation" {
    return this.built(k).mode;
  }
  address(k: number): string {
    return toA1(this.row(k), this.col(k));
  }
  formula(k: number): string {
    return this.built(k).formula.at(this.row(k));
  }
  hasFormula(k: number, formula: string, from = 0): boolean {
    return this.built(k).formula.matches(formula, this.row(k), from);
  }
  cell(k: number): DerivedCell {
    return this.views ? this.views[k] : new DerivedCell(this, k);
  }
  /** Every cell as a DerivedCell, made once. */
  toArray(): DerivedCell[] {
    if (!this.views) {
      const views = new Array<DerivedCell>(this.length);
      for (let k = 0; k < this.length; k++) views[k] = new DerivedCell(this, k);
      this.views = views;
    }
    return this.views;
  }
}

/**
 * One derived cell: where it is, the engine's value, and the formula that computes the same. A view of
 * DerivedCells: its fields are getters, so `{ ...dc }` copies none of them; read them by name, or
 * copy with JSON (`toJSON`).
 */
export class DerivedCell {
  private text?: string;

  constructor(
    private readonly cells: DerivedCells,
    private readonly k: number
  ) {}

  get row(): number {
    return this.cells.row(this.k);
  }
  get col(): number {
    return this.cells.col(this.k);
  }
  get columnId(): string {
    return this.cells.columnId(this.k);
  }
  get indicator(): Indicator {
    return this.cells.indicator(this.k);
  }
  /** The engine's result: a number, an evaluation label, or "" for blank. */
  get value(): number | string {
    return this.cells.value(this.k);
  }
  get address(): string {
    return this.cells.address(this.k);
  }
  get expr(): Expr {
    return this.cells.built(this.k).expr;
  }
  /** Excel formula text without the leading "=". Rendered on first use. */
  get formula(): string {
    return (this.text ??= this.cells.formula(this.k));
  }
  /**
   * Whether a formula found on the sheet is exactly this one (against the text once rendered, else
   * through the template's `matches`); `from` 1 skips the "=" of a formula as Office.js gives it.
   */
  hasFormula(formula: string, from = 0): boolean {
    return this.text !== undefined
      ? formula.length - from === this.text.length && formula.startsWith(this.text, from)
      : this.cells.hasFormula(this.k, formula, from);
  }
  get numFmt(): string {
    return this.cells.numFmt(this.k);
  }
  get mode(): CompareMode | "evaluation" {
    return this.cells.mode(this.k);
  }
  /** Its public fields, for JSON (not the arrays it is a view of). */
  toJSON(): Record<string, unknown> {
    return {
      row: this.row,
      col: this.col,
      address: this.address,
      columnId: this.columnId,
      indicator: this.indicator.code,
      value: this.value,
      formula: this.formula,
      numFmt: this.numFmt,
      mode: this.mode,
    };
  }
}

export function compareMode(indicator: Indicator): CompareMode {
  return (
    indicator.compare ??
    (indicator.kind === "rate" || indicator.kind === "points" ? "difference" : "ratio")
  );
}

/**
 * What a formula sees in a cell value: numbers as numbers, text as text, TRUE/FALSE as 1/0, errors and
 * empty cells as nothing. (The engine reads whole columns with ColumnReading.formulaReading.)
 */
export function formulaReading(v: CellValue | undefined): CellReading {
  if (v === undefined || v === "" || isErrorCode(v)) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  return v ? 1 : 0;
}

/**
 * One side of a comparison: a reference to an input cell, or — in a plan column whose cell holds a
 * target written as text ("trên 16.000") — that target's figure embedded as a constant.
 */
export interface Operand {
  readonly expr: Expr;
  readonly target?: Target;
  /** The cell is formatted as a percentage: it holds 0.1075 for the 10,75 it shows, so the formula reads it × 100. */
  readonly percent?: boolean;
}

/** The figure a reference operand shows: the cell itself, or × 100 for a percent-formatted cell. */
function shown(o: Operand): Expr {
  return o.percent ? bin("*", o.expr, num(100)) : o.expr;
}

/** The figure an operand stands for, and the references that must hold numbers for it to exist. */
function figure(o: Operand, direction: Indicator["direction"]): { value: Expr; guards: Expr[] } {
  const target = placedTarget(o.target);
  return target ? targetFigure(target, direction) : { value: shown(o), guards: [o.expr] };
}

function guarded(guards: Expr[], body: Expr): Expr {
  return guards.length ? iff(and(...guards.map(isNumber)), body, BLANK) : body;
}

export function ratioExpr(n: Operand, d: Operand, direction: Indicator["direction"]): Expr {
  const a = figure(n, direction);
  const b = figure(d, direction);
  if (b.value.t === "num" && b.value.v === 0) return BLANK;
  const ratio = bin("*", bin("/", a.value, b.value), num(100));
  const body = b.guards.length ? iff(cmp("=", b.guards[0], num(0)), BLANK, ratio) : ratio;
  return guarded([...a.guards, ...b.guards], body);
}

export function differenceExpr(n: Operand, d: Operand, direction: Indicator["direction"]): Expr {
  const a = figure(n, direction);
  const b = figure(d, direction);
  return guarded([...a.guards, ...b.guards], bin("-", a.value, b.value));
}

/**
 * Vượt / Đạt / Không đạt of the value against the plan, read as targets/verdict.ts says (reaching a
 * "trên X" plan is Đạt, only the unfavourable side of a range or "khoảng X" misses, a neutral row is
 * judged only against a target with a comparator). `tolerance` is how far "khoảng X" reaches on the row.
 */
export function evaluationExpr(
  value: Operand,
  t: Operand,
  direction: Indicator["direction"],
  tolerance: RowTolerance = rowTolerance("count")
): Expr {
  const v = shown(value);
  const target = placedTarget(t.target);
  if (!target) {
    const reading = readingOf({ op: "=", value: shown(t) }, direction, (x) => [x, x]);
    if (!reading) return BLANK;
    return iff(and(isNumber(value.expr), isNumber(t.expr)), readingExpr(v, reading), BLANK);
  }
  const level = targetLevel(target);
  const reading = readingOf(level.level, direction, (x) => exprBand(x, tolerance));
  if (!reading) return BLANK;
  const refs = [value.expr, ...level.guards];
  return iff(and(...refs.map(isNumber)), readingExpr(v, reading), BLANK);
}

/** Builds the expression of one derived cell; the same code serves a filled sheet and a new empty one. */
export interface BuiltExpr {
  readonly expr: Expr;
  readonly formula: FormulaTemplate;
  readonly mode: CompareMode | "evaluation";
  readonly numFmt: string;
}

/** An output column resolved against the sheet: where its operands are, and which may hold targets. */
interface OutputColumn {
  readonly nCol: number;
  readonly dCol: number;
  readonly nHolds: boolean;
  readonly dHolds: boolean;
  /** Shared expressions for rows with no target text, by mode and direction. */
  readonly plain: Array<BuiltExpr | undefined>;
}

const MODE_INDEX = { ratio: 0, difference: 1, evaluation: 2 } as const;
const DIRECTION_INDEX = { up: 0, down: 1, neutral: 2 } as const;

/**
 * Builds the expression of each derived cell, sharing one expression (and one rendered formula) among
 * all rows with the same column, mode, direction and targets: thousands of rows cost a handful of trees.
 */
export class DerivedBuilder {
  private readonly withTargets = new Map<string, BuiltExpr>();
  private readonly outputs = new Map<string, OutputColumn | null>();
  private readonly holdsTarget: ReadonlySet<string>;

  constructor(
    private readonly template: Template,
    private readonly columns: ReadonlyMap<string, number>,
    private readonly sheet: SheetSnapshot | undefined,
    private readonly locale: NumberLocale
  ) {
    this.holdsTarget = new Set(
      template.columns.flatMap((c) => (c.role === "input" && c.holdsTarget ? [c.id] : []))
    );
  }

  /** Builds (or reuses) the expression for one cell; `mode` is the row's compare mode. */
  build(
    column: DerivedColumn | EvaluationColumn,
    indicator: Indicator,
    row: number,
    mode: CompareMode = compareMode(indicator)
  ): BuiltExpr | undefined {
    const out = this.output(column);
    if (!out) return undefined;
    const cellMode = column.role === "derived" ? mode : "evaluation";
    const nTarget = out.nHolds ? this.target(row, out.nCol, indicator) : undefined;
    const dTarget = out.dHolds ? this.target(row, out.dCol, indicator) : undefined;
    const percent = this.percentAt(row, out.nCol) | (this.percentAt(row, out.dCol) << 1);
    if (!nTarget && !dTarget && percent === 0) {
      const slot = MODE_INDEX[cellMode] * 3 + DIRECTION_INDEX[indicator.direction];
      return (out.plain[slot] ??= this.make(out, cellMode, indicator.direction));
    }
    const tolerance = rowTolerance(indicator.kind, this.template.aboutTolerance);
    const key = `${column.id}|${cellMode}|${indicator.direction}|${targetKey(nTarget)}|${targetKey(dTarget)}|${percent}|${tolerance.in}`;
    let built = this.withTargets.get(key);
    if (!built) {
      built = this.make(out, cellMode, indicator.direction, nTarget, dTarget, percent, tolerance);
      this.withTargets.set(key, built);
    }
    return built;
  }

  private output(column: DerivedColumn | EvaluationColumn): OutputColumn | undefined {
    let out = this.outputs.get(column.id);
    if (out === undefined) {
      const derived = column.role === "derived";
      const nId = derived ? column.numerator : column.value;
      const dId = derived ? column.denominator : column.target;
      const nCol = this.columns.get(nId);
      const dCol = this.columns.get(dId);
      out =
        nCol === undefined || dCol === undefined
          ? null
          : {
              nCol,
              dCol,
              nHolds: derived && this.holdsTarget.has(nId),
              dHolds: this.holdsTarget.has(dId),
              plain: [],
            };
      this.outputs.set(column.id, out);
    }
    return out ?? undefined;
  }

  private make(
    out: OutputColumn,
    mode: CompareMode | "evaluation",
    direction: Indicator["direction"],
    nTarget?: Target,
    dTarget?: Target,
    percent = 0,
    tolerance?: RowTolerance
  ): BuiltExpr {
    const n: Operand = nTarget
      ? { expr: ref(out.nCol), target: nTarget }
      : { expr: ref(out.nCol), percent: (percent & 1) !== 0 };
    const d: Operand = dTarget
      ? { expr: ref(out.dCol), target: dTarget }
      : { expr: ref(out.dCol), percent: (percent & 2) !== 0 };
    const expr =
      mode === "evaluation"
        ? evaluationExpr(n, d, direction, tolerance)
        : mode === "ratio"
          ? ratioExpr(n, d, direction)
          : differenceExpr(n, d, direction);
    const numFmt =
      mode === "evaluation" ? EVALUATION_FORMAT : mode === "ratio" ? RATIO_FORMAT : POINTS_FORMAT;
    return { expr, formula: formulaTemplate(expr), mode, numFmt };
  }

  /**
   * 1 when the cell holds a number formatted as a percentage ("10,75%" typed in Excel is 0.1075 with a
   * "0.00%" format): the formula then reads it × 100, as the checks do (ColumnReading.value).
   */
  private percentAt(row: number, col: number): number {
    if (!this.sheet || typeof valueAt(this.sheet, row, col) !== "number") return 0;
    const f = numberFormatAt(this.sheet, row, col);
    return f !== undefined && formatInfo(f)?.percent === true ? 1 : 0;
  }

  /**
   * The target written as text in a plan cell, if that is what the cell holds; a change ("giảm 3%")
   * placed on its row: what its figure means for the row's kind, and the column of its base.
   */
  private target(row: number, col: number, indicator: Indicator): Target | undefined {
    if (!this.sheet) return undefined;
    const v = valueAt(this.sheet, row, col);
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const parsed = parseTarget(v, this.locale, { whole: indicator.kind === "count" });
    return parsed.ok ? this.place(parsed.target, row, col, indicator) : undefined;
  }

  private readonly baseCols = new Map<number, number | undefined>();

  /** A change target with its meaning and base column; a level (or a change a `points` row reads as its level) as it is. */
  place(target: Target, row: number, col: number, indicator: Indicator): Target {
    if (!target.change) return target;
    const meaning = changeMeaning(target.change, indicator.kind, indicator.changeOfRate);
    if (!meaning) {
      const { change: _change, ...level } = target;
      return level;
    }
    if (!this.baseCols.has(col)) {
      const planId = [...this.columns].find(([, c]) => c === col)?.[0];
      const base = planId === undefined ? undefined : changeBaseColumn(this.template, planId);
      this.baseCols.set(col, base && this.columns.get(base.id));
    }
    const baseCol = this.baseCols.get(col);
    if (baseCol === undefined) return { ...target, placed: { meaning } };
    // A base typed as "12,20%" is 0.122 in a percent-formatted cell: the level reads it × 100.
    const basePercent = this.percentAt(row, baseCol) === 1;
    return { ...target, placed: { meaning, baseCol, ...(basePercent ? { basePercent } : {}) } };
  }
}

function targetKey(t: Target | undefined): string {
  if (!t) return "";
  const change = t.placed
    ? `:${t.change?.direction}:${t.placed.meaning}:${t.placed.baseCol}:${t.placed.basePercent ?? false}`
    : "";
  return (t.op === "range" ? `range:${t.min}:${t.max}` : `${t.op}:${t.value}`) + change;
}

/** Level arithmetic on formula expressions: the base cell ± a figure, or × a factor. */
const EXPR_ARITHMETIC: LevelArithmetic<Expr> = {
  add: (base, delta) => (delta < 0 ? bin("-", base, num(-delta)) : bin("+", base, num(delta))),
  scale: (base, factor) => bin("*", base, num(factor)),
};

/**
 * The target an operand is judged against: a level, or a change placed on its row with a base
 * column. A change with no base column is no target at all (undefined): the plan cell then counts
 * as the text it is, and the derived cell stays blank — a change is never read as a level.
 */
function placedTarget(t: Target | undefined): Target | undefined {
  if (!t?.change) return t;
  return t.placed?.baseCol === undefined ? undefined : t;
}

/** A target's level as expressions, and the base cells that must hold numbers for it to exist. */
function targetLevel(t: Target): { level: Level<Expr>; guards: Expr[] } {
  if (t.placed?.baseCol !== undefined) {
    const base = ref(t.placed.baseCol);
    const shownBase = t.placed.basePercent ? bin("*", base, num(100)) : base;
    return { level: changeLevel(t, t.placed.meaning, shownBase, EXPR_ARITHMETIC), guards: [base] };
  }
  return t.op === "range"
    ? { level: { op: "range", min: num(t.min), max: num(t.max) }, guards: [] }
    : { level: { op: t.op, value: num(t.value) }, guards: [] };
}

/** The single figure a target stands for in a ratio or a difference (see referenceValue). */
function targetFigure(
  t: Target,
  direction: Indicator["direction"]
): { value: Expr; guards: Expr[] } {
  if (!t.placed) return { value: num(referenceValue(t, direction)), guards: [] };
  const { level, guards } = targetLevel(t);
  if (level.op !== "range") return { value: level.value, guards };
  const value =
    direction === "up"
      ? level.min
      : direction === "down"
        ? level.max
        : bin("/", bin("+", level.min, level.max), num(2));
  return { value, guards };
}

/** "khoảng X" as a band of expressions: a figure's band is computed as the engine computes it. */
function exprBand(x: Expr, tolerance: RowTolerance): [Expr, Expr] {
  if (x.t === "num") {
    const [lo, hi] = aboutBand(x.v, tolerance, NUMBER_ARITHMETIC);
    return [num(lo), num(hi)];
  }
  return aboutBand(x, tolerance, EXPR_ARITHMETIC);
}

/** A reading as IF(…): Vượt when its `exceed` test holds, else Đạt when every `meet` test holds. */
function readingExpr(v: Expr, reading: Reading<Expr>): Expr {
  const [V, D, M] = [str(EVALUATION.exceeded), str(EVALUATION.met), str(EVALUATION.notMet)];
  const { exceed } = reading;
  // Past a failed "v > X", "v >= X" is "v = X": written so, as the sheets filled before wrote it.
  const tests = reading.meet.map((t) =>
    exceed && t.at === exceed.at && t.op === `${exceed.op}=`
      ? cmp("=", v, t.at)
      : cmp(t.op, v, t.at)
  );
  const meet = iff(tests.length === 1 ? tests[0] : and(...tests), D, M);
  return exceed ? iff(cmp(exceed.op, v, exceed.at), V, meet) : meet;
}

/** An expression compiled for one sheet: its value at position i of the located rows. */
type Run = (i: number) => ExprValue;

/**
 * The two shapes nearly every derived cell has — a ratio or a difference of two references, with no
 * target written as text — as one closure doing the arithmetic on the typed arrays: no intermediate
 * number is boxed. Any other shape goes through the general closures.
 *   ratio:      IF(AND(ISNUMBER(a),ISNUMBER(b)),IF(b=0,"",a/b*100),"")
 *   difference: IF(AND(ISNUMBER(a),ISNUMBER(b)),a-b,"")
 */
function plainComparison(expr: Expr, column: (col: number) => ColumnReading): Run | undefined {
  if (expr.t !== "if" || !isBlank(expr.else)) return undefined;
  const guard = expr.cond;
  if (guard.t !== "and" || guard.items.length !== 2) return undefined;
  const [ga, gb] = guard.items;
  if (ga.t !== "isnumber" || ga.a.t !== "ref" || gb.t !== "isnumber" || gb.a.t !== "ref") {
    return undefined;
  }
  const [ac, bc] = [ga.a.col, gb.a.col];
  const isRef = (e: Expr, col: number) => e.t === "ref" && e.col === col;
  const body = expr.then;
  let ratio: number | undefined;
  if (body.t === "bin" && body.op === "-" && isRef(body.a, ac) && isRef(body.b, bc))
    ratio = undefined;
  else if (
    body.t === "if" &&
    isBlank(body.then) &&
    body.cond.t === "cmp" &&
    body.cond.op === "=" &&
    isRef(body.cond.a, bc) &&
    body.cond.b.t === "num" &&
    body.cond.b.v === 0 &&
    body.else.t === "bin" &&
    body.else.op === "*" &&
    body.else.b.t === "num" &&
    body.else.a.t === "bin" &&
    body.else.a.op === "/" &&
    isRef(body.else.a.a, ac) &&
    isRef(body.else.a.b, bc)
  ) {
    ratio = body.else.b.v;
  } else return undefined;
  const a = column(ac);
  const b = column(bc);
  const [as, bs, av, bv] = [a.state, b.state, a.raw, b.raw];
  // Bound locally: in the CommonJS build a call to an import reads it from the module's exports.
  const isNum = isFormulaNumber;
  if (ratio === undefined) return (i) => (isNum(as[i]) && isNum(bs[i]) ? av[i] - bv[i] : "");
  const scale = ratio;
  return (i) => {
    if (!isNum(as[i]) || !isNum(bs[i])) return "";
    const d = bv[i];
    return d === 0 ? "" : (av[i] / d) * scale;
  };
}

function isBlank(e: Expr): boolean {
  return e.t === "str" && e.v === "";
}

/**
 * The expression as closures reading column readings directly: the same meaning as `evaluate` (which
 * the tests hold it to), without walking the tree or building a reader per cell.
 */
export function compileExpr(expr: Expr, column: (col: number) => ColumnReading): Run {
  const special = plainComparison(expr, column);
  if (special) return special;
  const sub = (e: Expr) => compileExpr(e, column);
  switch (expr.t) {
    case "num":
    case "str": {
      const v = expr.v;
      return () => v;
    }
    case "ref": {
      const c = column(expr.col);
      return (i) => c.formulaReading(i) ?? "";
    }
    case "bin": {
      const a = sub(expr.a);
      const b = sub(expr.b);
      const n = (v: ExprValue) => (typeof v === "number" ? v : Number.NaN);
      switch (expr.op) {
        case "+":
          return (i) => n(a(i)) + n(b(i));
        case "-":
          return (i) => n(a(i)) - n(b(i));
        case "*":
          return (i) => n(a(i)) * n(b(i));
        case "/":
          return (i) => n(a(i)) / n(b(i));
      }
      break;
    }
    case "cmp": {
      const a = sub(expr.a);
      const b = sub(expr.b);
      const op = expr.op;
      // As a spreadsheet compares (see compare): a level computed from a base cell meets the figure typed.
      return (i) => compare(op, a(i), b(i));
    }
    case "isnumber": {
      if (expr.a.t === "ref") {
        const state = column(expr.a.col).state;
        const isNum = isFormulaNumber;
        return (i) => isNum(state[i]);
      }
      const a = sub(expr.a);
      return (i) => typeof a(i) === "number";
    }
    case "and": {
      const items = expr.items.map(sub);
      return (i) => {
        for (let k = 0; k < items.length; k++) if (items[k](i) !== true) return false;
        return true;
      };
    }
    case "if": {
      const cond = sub(expr.cond);
      const then = sub(expr.then);
      const otherwise = sub(expr.else);
      return (i) => (cond(i) === true ? then(i) : otherwise(i));
    }
  }
  throw new Error(`unreachable expression ${JSON.stringify(expr)}`);
}

/** The derived cells of a located annex, as objects (see computeDerivedCells). */
export function computeDerived(
  sheet: SheetSnapshot,
  annex: LocatedAnnex,
  locale: NumberLocale,
  readings: SheetReadings = new SheetReadings(sheet, annex.rows, locale)
): DerivedCell[] {
  return computeDerivedCells(sheet, annex, locale, readings).toArray();
}

/** The derived cells of a located annex, computed from the column readings into typed arrays. */
export function computeDerivedCells(
  sheet: SheetSnapshot,
  annex: LocatedAnnex,
  locale: NumberLocale,
  readings: SheetReadings
): DerivedCells {
  const { template, columns } = annex;
  const outputs = template.columns.flatMap((c) =>
    (c.role === "derived" || c.role === "evaluation") && columns.has(c.id)
      ? [{ column: c, col: columns.get(c.id) as number }]
      : []
  );
  const builder = new DerivedBuilder(template, columns, sheet, locale);
  const located = annex.rows;
  // Sized once: at most one cell per row and output column.
  const cells = new DerivedCells(
    located,
    outputs.map((o) => ({ col: o.col, columnId: o.column.id })),
    located.length * outputs.length
  );
  // Each shared expression compiled once into closures over the columns it reads (typed arrays).
  const runs = new Map<BuiltExpr, Run>();
  const columnAt = (c: number) => readings.column(c);
  for (let i = 0; i < located.length; i++) {
    const { row, indicator } = located[i];
    const mode = compareMode(indicator);
    for (let o = 0; o < outputs.length; o++) {
      const built = builder.build(outputs[o].column, indicator, row, mode);
      if (!built) continue;
      let run = runs.get(built);
      if (!run) {
        run = compileExpr(built.expr, columnAt);
        runs.set(built, run);
      }
      const raw = run(i);
      cells.add(i, o, built, typeof raw === "boolean" ? "" : raw);
    }
  }
  return cells;
}

import { columnLetter } from "../sheet/address";

/**
 * A tiny formula language for the derived cells. Each derived cell is one expression that is both
 * evaluated here (the engine's own number, used to check stated values and cached in files) and
 * rendered as an Excel formula (so the sheet stays live without the add-in). One source, two readings:
 * the value and the formula cannot drift apart.
 *
 * References are to columns of the cell's own row (every derived column compares figures of the same
 * indicator), so one expression serves every row that has the same column, mode, direction and target.
 */
export type Expr =
  | { readonly t: "num"; readonly v: number }
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "ref"; readonly col: number }
  | { readonly t: "bin"; readonly op: "+" | "-" | "*" | "/"; readonly a: Expr; readonly b: Expr }
  | { readonly t: "cmp"; readonly op: Comparison; readonly a: Expr; readonly b: Expr }
  | { readonly t: "isnumber"; readonly a: Expr }
  | { readonly t: "and"; readonly items: readonly Expr[] }
  | { readonly t: "if"; readonly cond: Expr; readonly then: Expr; readonly else: Expr };

export type Comparison = ">" | ">=" | "<" | "<=" | "=";

/** What a referenced cell holds, as a formula sees it: a number, some text, or nothing. */
export type CellReading = number | string | null;

/** The result of a derived cell: a number, a label, or blank (""). */
export type ExprValue = number | string | boolean;

/**
 * A constant, kept to the 15 significant digits a spreadsheet stores, so the engine computes with the
 * very number Excel and LibreOffice read from the formula (0.1 × 3 is 0.30000000000000004 in
 * JavaScript, 0.3 in a spreadsheet; LibreOffice rewrites the longer text, so it must never be written).
 */
export const num = (v: number): Expr => ({ t: "num", v: Number(v.toPrecision(15)) });
export const str = (v: string): Expr => ({ t: "str", v });
/** A reference to a column (0-based) of the same row. */
export const ref = (col: number): Expr => ({ t: "ref", col });
export const BLANK: Expr = str("");
export const bin = (op: "+" | "-" | "*" | "/", a: Expr, b: Expr): Expr => ({ t: "bin", op, a, b });
export const cmp = (op: Comparison, a: Expr, b: Expr): Expr => ({ t: "cmp", op, a, b });
export const isNumber = (a: Expr): Expr => ({ t: "isnumber", a });
export const and = (...items: Expr[]): Expr =>
  items.length === 1 ? items[0] : { t: "and", items };
export const iff = (cond: Expr, then: Expr, otherwise: Expr): Expr => ({
  t: "if",
  cond,
  then,
  else: otherwise,
});

/** Evaluates with Excel's meaning; `read(col)` gives what a cell of the row holds. */
export function evaluate(expr: Expr, read: (col: number) => CellReading): ExprValue {
  switch (expr.t) {
    case "num":
    case "str":
      return expr.v;
    case "ref": {
      const v = read(expr.col);
      return v === null ? "" : v;
    }
    case "bin": {
      const a = asNumber(evaluate(expr.a, read));
      const b = asNumber(evaluate(expr.b, read));
      switch (expr.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return a / b;
      }
      break;
    }
    case "cmp":
      return compare(expr.op, evaluate(expr.a, read), evaluate(expr.b, read));
    case "isnumber":
      return typeof evaluate(expr.a, read) === "number";
    case "and":
      return expr.items.every((item) => evaluate(item, read) === true);
    case "if":
      return evaluate(expr.cond, read) === true
        ? evaluate(expr.then, read)
        : evaluate(expr.else, read);
  }
  throw new Error(`unreachable expression ${JSON.stringify(expr)}`);
}

/**
 * A comparison as a spreadsheet makes it: two numbers that differ only in the last bits of a double
 * are equal (LibreOffice's approxEqual, Excel's 15 digits), so 12,2 − 3 = 9,2 and a level computed
 * from a base cell meets the figure typed.
 */
export function compare(op: Comparison, a: ExprValue, b: ExprValue): boolean {
  if (typeof a === "number" && typeof b === "number" && a !== b && approxEqual(a, b)) {
    return op === "=" || op === ">=" || op === "<=";
  }
  switch (op) {
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case "=":
      return a === b;
  }
}

const E48 = 2 ** -48;

function approxEqual(a: number, b: number): boolean {
  if (a === 0 || b === 0) return false;
  const d = Math.abs(a - b);
  return d < Math.abs(a) * E48 && d < Math.abs(b) * E48;
}

function asNumber(v: ExprValue): number {
  // Every arithmetic node sits under an ISNUMBER guard, so this only sees numbers.
  return typeof v === "number" ? v : Number.NaN;
}

/** Renders an expression as the text of an Excel formula (without "=") for row `row` (0-based). */
export function toExcel(expr: Expr, row: number): string {
  return render(expr, String(row + 1));
}

/**
 * A formula rendered once for any row: `at(row)` fills in the row number. Used where thousands of
 * rows share one expression.
 */
export interface FormulaTemplate {
  at(row: number): string;
  /**
   * Whether `formula` from position `from` on (1 to skip a leading "=") is this template at `row`:
   * lengths compared first, then the row's own text in one native comparison.
   */
  matches(formula: string, row: number, from?: number): boolean;
}

const ROW = "\u0001";

export function formulaTemplate(expr: Expr): FormulaTemplate {
  return new RowFormula(render(expr, ROW).split(ROW));
}

/** One class for every template, so the checks' calls to matches() stay monomorphic. */
class RowFormula implements FormulaTemplate {
  private readonly fixedLength: number;

  constructor(private readonly parts: readonly string[]) {
    this.fixedLength = parts.reduce((n, p) => n + p.length, 0);
  }

  at(row: number): string {
    return this.parts.join(String(row + 1));
  }

  matches(formula: string, row: number, from = 0): boolean {
    // Lengths first; then the row's own text, built and compared natively in one call (measured
    // faster than a startsWith per part, and than a loop over characters).
    const parts = this.parts;
    const r = String(row + 1);
    if (formula.length - from !== this.fixedLength + r.length * (parts.length - 1)) return false;
    const own = parts.join(r);
    return from === 0 ? formula === own : formula.endsWith(own);
  }
}

function render(expr: Expr, row: string): string {
  switch (expr.t) {
    case "num":
      return excelNumber(expr.v);
    case "str":
      return `"${expr.v.replace(/"/g, '""')}"`;
    case "ref":
      return columnLetter(expr.col) + row;
    case "bin":
      return `${operand(expr.a, expr.op, "left", row)}${expr.op}${operand(expr.b, expr.op, "right", row)}`;
    case "cmp":
      return `${render(expr.a, row)}${expr.op}${render(expr.b, row)}`;
    case "isnumber":
      return `ISNUMBER(${render(expr.a, row)})`;
    case "and":
      return `AND(${expr.items.map((i) => render(i, row)).join(",")})`;
    case "if":
      return `IF(${render(expr.cond, row)},${render(expr.then, row)},${render(expr.else, row)})`;
  }
}

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 } as const;

function operand(
  child: Expr,
  parentOp: "+" | "-" | "*" | "/",
  side: "left" | "right",
  row: string
): string {
  const text = render(child, row);
  if (child.t === "num" && child.v < 0) return `(${text})`;
  if (child.t !== "bin") return text;
  const childPrec = PRECEDENCE[child.op];
  const parentPrec = PRECEDENCE[parentOp];
  const needs = childPrec < parentPrec || (side === "right" && childPrec === parentPrec);
  return needs ? `(${text})` : text;
}

function excelNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  // Constants hold at most 15 significant digits (see num); this is their shortest exact text.
  return String(v).replace("e", "E");
}

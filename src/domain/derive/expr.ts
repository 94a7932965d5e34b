import { toA1 } from "../sheet/address";

/**
 * A tiny formula language for the derived cells. Each derived cell is one expression that is both
 * evaluated here (the engine's own number, used to check stated values and cached in files) and
 * rendered as an Excel formula (so the sheet stays live without the add-in). One source, two readings:
 * the value and the formula cannot drift apart.
 */
export type Expr =
  | { readonly t: "num"; readonly v: number }
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "ref"; readonly row: number; readonly col: number }
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

export const num = (v: number): Expr => ({ t: "num", v });
export const str = (v: string): Expr => ({ t: "str", v });
/** A cell reference, 0-based; rendered as A1. */
export const ref = (row: number, col: number): Expr => ({ t: "ref", row, col });
export const BLANK: Expr = str("");
export const bin = (op: "+" | "-" | "*" | "/", a: Expr, b: Expr): Expr => ({ t: "bin", op, a, b });
export const cmp = (op: Comparison, a: Expr, b: Expr): Expr => ({ t: "cmp", op, a, b });
export const isNumber = (a: Expr): Expr => ({ t: "isnumber", a });
export const and = (...items: Expr[]): Expr => (items.length === 1 ? items[0] : { t: "and", items });
export const iff = (cond: Expr, then: Expr, otherwise: Expr): Expr => ({
  t: "if",
  cond,
  then,
  else: otherwise,
});

export function evaluate(expr: Expr, read: (row: number, col: number) => CellReading): ExprValue {
  switch (expr.t) {
    case "num":
      return expr.v;
    case "str":
      return expr.v;
    case "ref": {
      const v = read(expr.row, expr.col);
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
    case "cmp": {
      const a = evaluate(expr.a, read);
      const b = evaluate(expr.b, read);
      switch (expr.op) {
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
      break;
    }
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

function asNumber(v: ExprValue): number {
  // Every arithmetic node sits under an ISNUMBER guard, so this only sees numbers.
  return typeof v === "number" ? v : Number.NaN;
}

/** Renders an expression as the text of an Excel formula (without the leading "="). */
export function toExcel(expr: Expr): string {
  switch (expr.t) {
    case "num":
      return excelNumber(expr.v);
    case "str":
      return `"${expr.v.replace(/"/g, '""')}"`;
    case "ref":
      return toA1(expr.row, expr.col);
    case "bin":
      return `${operand(expr.a, expr.op, "left")}${expr.op}${operand(expr.b, expr.op, "right")}`;
    case "cmp":
      return `${toExcel(expr.a)}${expr.op}${toExcel(expr.b)}`;
    case "isnumber":
      return `ISNUMBER(${toExcel(expr.a)})`;
    case "and":
      return `AND(${expr.items.map(toExcel).join(",")})`;
    case "if":
      return `IF(${toExcel(expr.cond)},${toExcel(expr.then)},${toExcel(expr.else)})`;
  }
}

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 } as const;

function operand(child: Expr, parentOp: "+" | "-" | "*" | "/", side: "left" | "right"): string {
  const text = toExcel(child);
  if (child.t === "num" && child.v < 0) return `(${text})`;
  if (child.t !== "bin") return text;
  const childPrec = PRECEDENCE[child.op];
  const parentPrec = PRECEDENCE[parentOp];
  const needs = childPrec < parentPrec || (side === "right" && childPrec === parentPrec);
  return needs ? `(${text})` : text;
}

function excelNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  // Excel reads up to 15 significant digits; keep the shortest exact text JavaScript gives.
  return String(v).replace("e", "E");
}

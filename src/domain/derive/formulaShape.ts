import { Target } from "../targets/parseTarget";
import { differenceExpr, evaluationExpr, ratioExpr } from "./derivedCells";
import { ref, toExcel } from "./expr";

/**
 * Recognises formulas this tool wrote. A derived cell whose formula has the shape of one of ours (the
 * same functions and operators, whatever the cell references and constants) may be rewritten; any
 * other formula was typed by someone and is left alone unless the user asks to overwrite.
 */
export function formulaShape(formula: string): string {
  return formula
    .replace(/^=/, "")
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/\$?[A-Z]{1,3}\$?\d+/g, "@")
    .replace(/\d+(?:\.\d+)?(?:E[+-]?\d+)?/g, "#");
}

export function sameFormula(a: string, b: string): boolean {
  if (a === b) return true;
  return (
    a.replace(/^=/, "").replace(/\s+/g, "").toUpperCase() ===
    b.replace(/^=/, "").replace(/\s+/g, "").toUpperCase()
  );
}

/** Whether a result saved in the file (a formula's cached value) is the engine's result. */
export function sameSavedResult(saved: unknown, computed: number | string): boolean {
  if (typeof computed === "number") {
    return (
      typeof saved === "number" &&
      Math.abs(saved - computed) <= 1e-9 * Math.max(1, Math.abs(computed))
    );
  }
  return (saved === null ? "" : saved) === computed;
}

let shapes: Set<string> | undefined;

export function isOurFormula(formula: string): boolean {
  shapes ??= ourShapes();
  return shapes.has(formulaShape(formula));
}

function ourShapes(): Set<string> {
  const plain = { expr: ref(1) };
  const targets: Target[] = [
    { op: "=", value: 2, text: "" },
    { op: ">", value: 2, text: "" },
    { op: ">=", value: 2, text: "" },
    { op: "<", value: 2, text: "" },
    { op: "<=", value: 2, text: "" },
    { op: "about", value: 2, text: "" },
    { op: "range", min: 1, max: 2, text: "" },
  ];
  // Changes ("giảm 3%", "tăng 5%") placed on a row: levels computed from a base cell.
  const changes = targets.flatMap((t) =>
    (["up", "down"] as const).flatMap((direction) =>
      (["absolute", "relative"] as const).map((meaning): Target => ({
        ...t,
        change: { direction, written: "%", perYear: false },
        placed: { meaning, baseCol: 2 },
      }))
    )
  );
  const operands = [plain, ...[...targets, ...changes].map((target) => ({ expr: ref(1), target }))];
  const out = new Set<string>();
  for (const direction of ["up", "down", "neutral"] as const) {
    for (const n of operands) {
      for (const d of operands) {
        for (const build of [ratioExpr, differenceExpr, evaluationExpr]) {
          out.add(formulaShape(toExcel(build(n, d, direction), 0)));
        }
      }
    }
  }
  return out;
}

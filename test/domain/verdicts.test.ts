import fc from "fast-check";
import { analyzeSheet, builtInTemplates, EVALUATION, loadTargetsJson } from "../../src/domain";
import { evaluate, ref, toExcel } from "../../src/domain/derive/expr";
import { evaluationExpr, formulaReading } from "../../src/domain/derive/derivedCells";
import { satisfies } from "../../src/domain/rules/checks/targets";
import {
  changeLevel,
  Level,
  NUMBER_ARITHMETIC,
  staticLevel,
} from "../../src/domain/targets/changeTarget";
import { Target } from "../../src/domain/targets/parseTarget";
import { rowTolerance, verdictOf } from "../../src/domain/targets/verdict";
import { Indicator } from "../../src/domain/template/schema";
import { valueAt } from "../../src/domain/sheet/snapshot";
import { TestAnnex } from "../helpers/annex";
import { VERDICT_CASES, VerdictCase } from "../helpers/verdictTable";

/**
 * One table (test/helpers/verdictTable.ts) drives every place a verdict is made: the Đánh giá formula
 * the engine writes (its expression evaluated on the sheet's cells, and its cached value), the engine's
 * check of a plan against the province's targets file (target.below-template only when the reading says
 * Không đạt), and the check of a Đánh giá a person typed (derived.mismatch only when it disagrees).
 */
const templates = builtInTemplates();
type Direction = Indicator["direction"];
type Kind = Indicator["kind"];
const label = (c: VerdictCase) =>
  `row ${c.code}, plan ${JSON.stringify(c.target)}${c.base !== undefined ? ` from ${c.base}` : ""}, figure ${c.value} → ${JSON.stringify(c.expected)} (${c.why})`;

describe.each(VERDICT_CASES.map((c) => [label(c), c] as const))("%s", (_name, c) => {
  test("the Đánh giá formula, evaluated on the sheet's cells, gives it", () => {
    const a = new TestAnnex().setRow(c.code, {
      planCur: c.target,
      estimateCur: c.value,
      ...(c.base !== undefined ? { actualPrev: c.base } : {}),
    });
    const analysis = analyzeSheet(a.sheet, { locale: "vi-VN" });
    const cell = analysis.derived.find(
      (d) => d.indicator.code === c.code && d.columnId === "evaluation"
    );
    if (!cell) throw new Error("no evaluation cell");
    const row = a.row(c.code);
    expect(toExcel(cell.expr, row)).toBe(cell.formula);
    expect(evaluate(cell.expr, (col) => formulaReading(valueAt(a.sheet, row, col)))).toBe(
      c.expected
    );
    expect(cell.value).toBe(c.expected);
    // target.not-met says so exactly when the verdict is Không đạt.
    const notMet = analysis.findings.filter(
      (f) => f.ruleId === "target.not-met" && f.cells[0] === cell.address
    );
    expect(notMet.length).toBe(c.expected === EVALUATION.notMet ? 1 : 0);
  });

  test("a plan checked against the province's targets file gives the same verdict", () => {
    const targets = loadTargetsJson(
      JSON.stringify({
        format: "annex-targets/1",
        province: "Lạng Sơn",
        year: 2023,
        template: "bieu-01-ke-hoach-nam",
        targets: [{ indicator: c.code, column: "planNext", text: String(c.target) }],
      }),
      templates
    );
    const a = new TestAnnex().setRow(c.code, {
      planNext: c.value,
      ...(c.base !== undefined ? { estimateCur: c.base } : {}),
    });
    const short = analyzeSheet(a.sheet, { locale: "vi-VN", targets }).findings.filter(
      (f) => f.ruleId === "target.below-template"
    );
    expect(short.map((f) => f.cells[0])).toEqual(
      c.expected === EVALUATION.notMet ? [a.address(c.code, "planNext")] : []
    );
  });

  test("a Đánh giá typed by a person is checked against the same verdict", () => {
    const verdicts = [EVALUATION.exceeded, EVALUATION.met, EVALUATION.notMet];
    for (const typed of verdicts) {
      const a = new TestAnnex().setRow(c.code, {
        planCur: c.target,
        estimateCur: c.value,
        evaluation: typed,
        ...(c.base !== undefined ? { actualPrev: c.base } : {}),
      });
      const mismatch = analyzeSheet(a.sheet, { locale: "vi-VN" }).findings.filter(
        (f) => f.ruleId === "derived.mismatch" && f.cells[0] === a.address(c.code, "evaluation")
      );
      // A row not judged has no verdict to disagree with.
      expect(mismatch.length).toBe(c.expected === "" || typed === c.expected ? 0 : 1);
    }
  });
});

test("a template's own aboutTolerance widens 'khoảng X%' (in points) in the Đánh giá formula", () => {
  const base = templates.find((t) => t.id === "bieu-01-ke-hoach-nam");
  if (!base) throw new Error("no Biểu 01");
  const tpl = { ...base, aboutTolerance: { points: 2 } };
  const a = new TestAnnex(tpl).setRow("13", { planCur: "khoảng 75%", estimateCur: 73.5 });
  const cell = analyzeSheet(a.sheet, { locale: "vi-VN", templates: [tpl] }).derived.find(
    (d) => d.indicator.code === "13" && d.columnId === "evaluation"
  );
  expect(cell?.value).toBe(EVALUATION.met);
  expect(cell?.formula).toContain(">=73");
  const wider = new TestAnnex(tpl).setRow("13", { planCur: "khoảng 75%", estimateCur: 72.5 });
  expect(
    analyzeSheet(wider.sheet, { locale: "vi-VN", templates: [tpl] }).derived.find(
      (d) => d.indicator.code === "13" && d.columnId === "evaluation"
    )?.value
  ).toBe(EVALUATION.notMet);
});

describe("properties: any target kind × direction × figure gives one verdict", () => {
  const ops = ["=", ">", ">=", "<", "<=", "about", "range"] as const;
  type Op = (typeof ops)[number];
  const figure = fc.integer({ min: 0, max: 20000 }).map((n) => n / 100);
  const targetOf = (op: Op, x: number, width: number): Target =>
    op === "range"
      ? { op, min: x, max: Number((x + width).toFixed(2)), text: "" }
      : { op, value: x, text: "" };

  /** The reading of docs/templates.md, written out independently of targets/verdict.ts. */
  function spec(v: number, level: Level<number>, dir: Direction, tol: number, points: boolean) {
    const [V, D, M] = [EVALUATION.exceeded, EVALUATION.met, EVALUATION.notMet];
    const eq = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    const ge = (a: number, b: number) => a > b || eq(a, b);
    const le = (a: number, b: number) => a < b || eq(a, b);
    if (level.op === "range" || level.op === "about") {
      const [lo, hi] =
        level.op === "range"
          ? [level.min, level.max]
          : points
            ? [level.value - tol, level.value + tol]
            : [level.value * (1 - tol), level.value * (1 + tol)];
      if (dir === "up") return v > hi && !eq(v, hi) ? V : ge(v, lo) ? D : M;
      if (dir === "down") return v < lo && !eq(v, lo) ? V : le(v, hi) ? D : M;
      return ge(v, lo) && le(v, hi) ? D : M;
    }
    const x = level.value;
    const floor = level.op === ">" || level.op === ">=";
    const ceiling = level.op === "<" || level.op === "<=";
    if (dir === "neutral") return floor ? (ge(v, x) ? D : M) : ceiling ? (le(v, x) ? D : M) : "";
    if (dir === "up" && ceiling) return le(v, x) ? D : M;
    if (dir === "down" && floor) return ge(v, x) ? D : M;
    const beyond = dir === "up" ? v > x : v < x;
    return beyond && !eq(v, x) ? V : eq(v, x) ? D : M;
  }

  test("the engine's verdict, the Đánh giá formula evaluated and the reading written in the docs agree", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.constantFrom<Direction>("up", "down", "neutral"),
        fc.constantFrom<Kind>("count", "amount", "rate", "points"),
        figure,
        fc.integer({ min: 1, max: 500 }).map((n) => n / 100),
        fc.oneof(figure, fc.constantFrom(-0.01, 0, 0.01, 0.05, -0.05, 1, -1)),
        fc.boolean(),
        (op, direction, kind, x, width, offset, fromEdge) => {
          const target = targetOf(op, x, width);
          const level = staticLevel(target);
          const tolerance = rowTolerance(kind);
          const points = tolerance.in === "points";
          // A figure at, near or away from the target's edges.
          const edges =
            level.op === "range"
              ? [level.min, level.max]
              : level.op === "about"
                ? points
                  ? [x - tolerance.size, x + tolerance.size]
                  : [x * 0.95, x * 1.05]
                : [x];
          const v = fromEdge ? Number((edges[0] + offset).toFixed(4)) : offset;
          const engine = verdictOf(v, level, direction, tolerance);
          const formula = evaluate(
            evaluationExpr({ expr: ref(0) }, { expr: ref(1), target }, direction, tolerance),
            (c) => (c === 0 ? v : "text")
          );
          expect(formula).toBe(engine === undefined ? "" : EVALUATION[engine]);
          expect(formula).toBe(spec(v, level, direction, tolerance.size, points));
          expect(satisfies(v, level, direction, tolerance)).toBe(formula !== EVALUATION.notMet);
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("a change placed over a base cell: the formula over the base and the engine's level agree", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.constantFrom<Direction>("up", "down", "neutral"),
        fc.constantFrom("up" as const, "down" as const),
        fc.constantFrom("absolute" as const, "relative" as const),
        figure,
        fc.integer({ min: 1, max: 300 }).map((n) => n / 100),
        figure,
        fc.constantFrom(-0.01, 0, 0.01),
        (op, direction, change, meaning, size, width, base, nudge) => {
          const target: Target = {
            ...targetOf(op, size, width),
            change: { direction: change, written: "%", perYear: false },
            placed: { meaning, baseCol: 2 },
          };
          const tolerance = rowTolerance("rate");
          const level = changeLevel(target, meaning, base, NUMBER_ARITHMETIC);
          const edge = level.op === "range" ? level.min : level.value;
          const v = Number((edge + nudge).toFixed(6));
          const engine = verdictOf(v, level, direction, tolerance);
          const formula = evaluate(
            evaluationExpr({ expr: ref(0) }, { expr: ref(1), target }, direction, tolerance),
            (c) => (c === 0 ? v : c === 2 ? base : "text")
          );
          expect(formula).toBe(engine === undefined ? "" : EVALUATION[engine]);
        }
      ),
      { numRuns: 2000 }
    );
  });
});

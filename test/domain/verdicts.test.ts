import { analyzeSheet, builtInTemplates, EVALUATION, loadTargetsJson } from "../../src/domain";
import { evaluate, toExcel } from "../../src/domain/derive/expr";
import { formulaReading } from "../../src/domain/derive/derivedCells";
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

import fc from "fast-check";
import { analyzeSheet, computeDerived, EVALUATION, locateAnnex } from "../../src/domain";
import { cmp, evaluate, formulaTemplate, num, ref, toExcel } from "../../src/domain/derive/expr";
import { snapshotFromValues } from "../../src/domain";
import { SheetReadings } from "../../src/domain/sheet/columnReadings";
import { Target } from "../../src/domain/targets/parseTarget";
import {
  compileExpr,
  differenceExpr,
  evaluationExpr,
  formulaReading,
  ratioExpr,
} from "../../src/domain/derive/derivedCells";
import { TestAnnex } from "../helpers/annex";

function derivedOf(a: TestAnnex, code: string) {
  const located = locateAnnex(a.sheet, [a.tpl]);
  if (!located.ok) throw new Error("not located");
  const cells = computeDerived(a.sheet, located.annex, "vi-VN").filter(
    (d) => d.indicator.code === code
  );
  return Object.fromEntries(cells.map((d) => [d.columnId, d]));
}

describe("derived columns", () => {
  test("counts get ratios × 100: percent of plan, year over year, next plan vs estimate", () => {
    const a = new TestAnnex().setRow("2", {
      actualPrev: 2000,
      planCur: 2500,
      estimateCur: 3000,
      planNext: 3300,
    });
    const d = derivedOf(a, "2");
    expect(d.pctPlan.value).toBeCloseTo(120, 10);
    expect(d.yoy.value).toBeCloseTo(150, 10);
    expect(d.nextVsEst.value).toBeCloseTo(110, 10);
    const r = a.row("2") + 1;
    expect(d.pctPlan.formula).toBe(
      `IF(AND(ISNUMBER(G${r}),ISNUMBER(E${r})),IF(E${r}=0,"",G${r}/E${r}*100),"")`
    );
    expect(d.pctPlan.numFmt).toBe("0.00");
  });

  test("rates get percentage-point differences, and the format says so", () => {
    const a = new TestAnnex().setRow("22", {
      actualPrev: 14.5,
      planCur: 11.5,
      estimateCur: 10.75,
      planNext: 7.75,
    });
    const d = derivedOf(a, "22");
    expect(d.pctPlan.value).toBeCloseTo(-0.75, 10);
    expect(d.yoy.value).toBeCloseTo(-3.75, 10);
    expect(d.nextVsEst.value).toBeCloseTo(-3, 10);
    expect(d.pctPlan.numFmt).toContain("điểm %");
    expect(d.pctPlan.mode).toBe("difference");
  });

  test("the template may ask for ratios on a rate row", () => {
    const a = new TestAnnex().setRow("22", { planCur: 10, estimateCur: 12 });
    const tpl = {
      ...a.tpl,
      indicators: a.tpl.indicators.map((i) =>
        i.code === "22" ? { ...i, compare: "ratio" as const } : i
      ),
    };
    const located = locateAnnex(a.sheet, [tpl]);
    if (!located.ok) throw new Error("not located");
    const d = computeDerived(a.sheet, located.annex, "vi-VN").find(
      (x) => x.indicator.code === "22" && x.columnId === "pctPlan"
    );
    expect(d?.value).toBeCloseTo(120, 10);
  });

  test("a missing or zero denominator gives an empty cell, never #DIV/0! and never 0", () => {
    const a = new TestAnnex().setRow("2", { actualPrev: 0, estimateCur: 3000 });
    const d = derivedOf(a, "2");
    expect(d.pctPlan.value).toBe("");
    expect(d.yoy.value).toBe("");
    expect(d.nextVsEst.value).toBe("");
    expect(d.yoy.formula).toContain('=0,""');
  });

  test("a plan written as a target text feeds the comparison with its figure", () => {
    const a = new TestAnnex().setRow("1", {
      planCur: "trên 16.000",
      estimateCur: 16200,
      planNext: "trên 16.000",
    });
    const d = derivedOf(a, "1");
    expect(d.pctPlan.value).toBeCloseTo(101.25, 10);
    expect(d.nextVsEst.value).toBeCloseTo((16000 / 16200) * 100, 10);
    expect(d.evaluation.value).toBe(EVALUATION.exceeded);
    expect(d.pctPlan.formula).toContain("/16000*100");
  });

  describe("evaluation (Vượt / Đạt / Không đạt) judged with direction", () => {
    const judge = (code: string, plan: number | string, estimate: number) =>
      derivedOf(new TestAnnex().setRow(code, { planCur: plan, estimateCur: estimate }), code)
        .evaluation.value;
    test.each([
      ["1", 16000, 16200, EVALUATION.exceeded],
      ["1", 16000, 16000, EVALUATION.met],
      ["1", 16000, 11000, EVALUATION.notMet],
      ["1", "trên 16.000", 16000, EVALUATION.met],
      ["1", "từ 16.000 trở lên", 16000, EVALUATION.met],
      ["1", "khoảng 16.000", 15500, EVALUATION.met],
      ["1", "khoảng 16.000", 14000, EVALUATION.notMet],
      ["1", "15.000-17.000", 17500, EVALUATION.exceeded],
      ["1", "15.000-17.000", 15000, EVALUATION.met],
      ["22", 11.5, 10.75, EVALUATION.exceeded],
      ["22", 11.5, 11.5, EVALUATION.met],
      ["22", 11.5, 12, EVALUATION.notMet],
      ["22", "dưới 11,5", 11.5, EVALUATION.met],
      ["22", "không quá 11,5", 11.5, EVALUATION.met],
      ["36", 250, 240, EVALUATION.exceeded],
      ["4", 5000, 5500, ""],
    ] as const)("row %s, plan %j, estimate %d → %j", (code, plan, estimate, expected) => {
      expect(judge(code, plan, estimate)).toBe(expected);
    });
    test("blank when data is missing", () => {
      expect(derivedOf(new TestAnnex().setRow("1", { planCur: 16000 }), "1").evaluation.value).toBe(
        ""
      );
      expect(
        derivedOf(new TestAnnex().setRow("1", { estimateCur: 16000 }), "1").evaluation.value
      ).toBe("");
    });
  });
});

/** An independent reading of what each derived column means, to hold the expressions to. */
describe("properties: derived values agree with their formulas' meaning", () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constant(0),
    fc.constant("x")
  );
  const read = (n: number | string | null, d: number | string | null) => (c: number) =>
    formulaReading((c === 0 ? n : d) ?? "");
  test("ratio = n / d × 100, blank unless both are numbers and d ≠ 0", () => {
    fc.assert(
      fc.property(cell, cell, (n, d) => {
        const v = evaluate(ratioExpr({ expr: ref(0) }, { expr: ref(1) }, "up"), read(n, d));
        if (typeof n === "number" && typeof d === "number" && d !== 0)
          expect(v).toBeCloseTo((n / d) * 100, 8);
        else expect(v).toBe("");
      })
    );
  });
  test("difference = n − d, blank unless both are numbers", () => {
    fc.assert(
      fc.property(cell, cell, (n, d) => {
        const v = evaluate(differenceExpr({ expr: ref(0) }, { expr: ref(1) }, "down"), read(n, d));
        if (typeof n === "number" && typeof d === "number") expect(v).toBeCloseTo(n - d, 8);
        else expect(v).toBe("");
      })
    );
  });
  test("evaluation: up rows beat the plan above it, down rows below it; never judged without both figures", () => {
    fc.assert(
      fc.property(
        cell,
        cell,
        fc.constantFrom("up" as const, "down" as const),
        (v, t, direction) => {
          const out = evaluate(
            evaluationExpr({ expr: ref(0) }, { expr: ref(1) }, direction),
            read(v, t)
          );
          if (typeof v !== "number" || typeof t !== "number") {
            expect(out).toBe("");
            return;
          }
          const better = direction === "up" ? v > t : v < t;
          expect(out).toBe(
            better ? EVALUATION.exceeded : v === t ? EVALUATION.met : EVALUATION.notMet
          );
        }
      )
    );
  });
  test("every formula starts from a guard, so blanks stay blank", () => {
    const analysis = analyzeSheet(TestAnnex.filled().sheet, { locale: "vi-VN" });
    expect(analysis.derived.length).toBeGreaterThan(100);
    for (const d of analysis.derived) expect(toExcel(d.expr, d.row)).toMatch(/^(IF\(|"")/);
  });
});

test("evaluation cells are not formatted as Text, where Excel would not compute a formula", () => {
  const d = derivedOf(new TestAnnex().setRow("1", { planCur: 16000, estimateCur: 16200 }), "1");
  expect(d.evaluation.numFmt).not.toBe("@");
});

test("constants in formulas are the 15 digits a spreadsheet keeps, and the engine uses the same", () => {
  // LibreOffice rewrote 787962.5279999999 as 787962.528, so our formula no longer looked current.
  const threshold = 0.1 * 3;
  expect(String(threshold)).toBe("0.30000000000000004");
  const expr = cmp(">=", ref(0), num(threshold));
  expect(toExcel(expr, 0)).toBe("A1>=0.3");
  expect(evaluate(expr, () => 0.3)).toBe(true);
});

describe("a formula template matches exactly its own text at a row", () => {
  const expr = ratioExpr({ expr: ref(6) }, { expr: ref(4) }, "up");
  const tpl = formulaTemplate(expr);
  test("matches(text, row) ⇔ text is at(row); with or without the leading =", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.nat({ max: 6 }),
        (row, other, cut) => {
          const own = tpl.at(row);
          expect(tpl.matches(own, row)).toBe(true);
          expect(tpl.matches(`=${own}`, row, 1)).toBe(true);
          expect(tpl.matches(tpl.at(other), row)).toBe(other === row);
          expect(tpl.matches(own.slice(0, own.length - cut - 1), row)).toBe(false);
          expect(tpl.matches(own.replace("E", "F"), row)).toBe(false);
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe("compiled expressions mean what evaluate means", () => {
  const value = fc.oneof(
    fc.constant(""),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constant(0),
    fc.constantFrom("x", "16.000", "  ", "-", "#REF!", "#DIV/0!", true, false)
  );
  const target = fc.constantFrom<Target | undefined>(
    undefined,
    { op: ">", value: 100, text: "" },
    { op: "range", min: 1, max: 2, text: "" },
    { op: "about", value: 50, text: "" }
  );
  test("ratio, difference and evaluation, on every kind of cell", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 8 }),
        target,
        fc.constantFrom<"up" | "down" | "neutral">("up", "down", "neutral"),
        (pairs, t, direction) => {
          const sheet = snapshotFromValues(
            "x",
            pairs.map(([n, d]) => [n, d])
          );
          const readings = new SheetReadings(
            sheet,
            pairs.map((_p, row) => ({ row })),
            "vi-VN"
          );
          const d = t ? { expr: ref(1), target: t } : { expr: ref(1) };
          for (const expr of [
            ratioExpr({ expr: ref(0) }, d, direction),
            differenceExpr({ expr: ref(0) }, d, direction),
            evaluationExpr({ expr: ref(0) }, d, direction),
          ]) {
            const run = compileExpr(expr, (c) => readings.column(c));
            pairs.forEach((pair, i) => {
              expect(run(i)).toEqual(evaluate(expr, (c) => formulaReading(pair[c])));
            });
          }
        }
      ),
      { numRuns: 400 }
    );
  });
});

describe("derived cells are made when read, and read like plain data", () => {
  test("Analysis.derived gives the same cells each time; JSON holds their fields, not the arrays", () => {
    const a = TestAnnex.filled();
    const analysis = analyzeSheet(a.sheet, { locale: "vi-VN" });
    expect(analysis.derived).toBe(analysis.derived);
    const pct = analysis.derived.find((d) => d.indicator.code === "1" && d.columnId === "pctPlan");
    expect(JSON.parse(JSON.stringify(pct))).toEqual({
      row: a.row("1"),
      col: a.col("pctPlan"),
      address: a.address("1", "pctPlan"),
      columnId: "pctPlan",
      indicator: "1",
      value: pct?.value,
      formula: pct?.formula,
      numFmt: "0.00",
      mode: "ratio",
    });
    const write = analysis.plan.writes.find((w) => w.address === a.address("1", "pctPlan"));
    expect(JSON.parse(JSON.stringify(write))).toEqual({
      row: a.row("1"),
      col: a.col("pctPlan"),
      address: a.address("1", "pctPlan"),
      formula: pct?.formula,
      value: pct?.value,
      numFmt: "0.00",
      purpose: "derived",
    });
  });
});

import { analyzeSheet } from "../../src/domain";
import { TestAnnex } from "../helpers/annex";

/**
 * A plan typed as text over a plan that was a number: the formulas already on the row test ISNUMBER of
 * the plan, so F9 changes nothing. The finding says the plan is written as text and that Tính cột
 * writes the formula that reads it, not "hãy tính lại (F9)".
 */
test("a plan rewritten as 'giảm 1-1,5%/năm' points to Tính cột, not F9", () => {
  const a = new TestAnnex().setRow("10", { actualPrev: 7.12, planCur: 6, estimateCur: 5.9 });
  const first = analyzeSheet(a.sheet, { locale: "vi-VN" });
  const onRow = first.derived.filter((d) => d.indicator.code === "10");
  // The formulas as Tính cột wrote them, with what Excel shows once the plan is text.
  for (const d of onRow) {
    const readsPlan = d.columnId === "pctPlan" || d.columnId === "evaluation";
    a.setCell(d.row, d.col, { value: readsPlan ? "" : d.value, formula: d.formula });
  }
  a.set("10", "planCur", "giảm 1-1,5%/năm");
  const stale = analyzeSheet(a.sheet, { locale: "vi-VN" }).findings.filter(
    (f) => f.ruleId === "derived.stale"
  );
  expect(stale.map((f) => f.cells[0]).sort()).toEqual(
    [a.address("10", "pctPlan"), a.address("10", "evaluation")].sort()
  );
  const plan = a.address("10", "planCur");
  for (const f of stale) {
    expect(f.message.vi).toContain(`kế hoạch ở ô ${plan}`);
    expect(f.message.vi).toContain('ghi bằng chữ "giảm 1-1,5%/năm"');
    expect(f.message.vi).toContain('Hãy "Tính cột" lại');
    expect(f.message.vi).not.toMatch(/hãy tính lại \(F9\)/);
    expect(f.message.en).toContain("is written as text");
  }
});

test("a formula left stale by a figure still asks for F9", () => {
  const a = new TestAnnex().setRow("2", { planCur: 100, estimateCur: 120 });
  const d = analyzeSheet(a.sheet, { locale: "vi-VN" }).derived.find(
    (x) => x.indicator.code === "2" && x.columnId === "pctPlan"
  );
  if (!d) throw new Error("no pctPlan");
  a.setCell(d.row, d.col, { value: 50, formula: d.formula });
  const [f] = analyzeSheet(a.sheet, { locale: "vi-VN" }).findings.filter(
    (x) => x.ruleId === "derived.stale"
  );
  expect(f.message.vi).toContain("hãy tính lại (F9)");
});

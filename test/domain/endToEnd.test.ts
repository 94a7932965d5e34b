import { analyzeSheet, applyPlan, EVALUATION } from "../../src/domain";
import { TestAnnex } from "../helpers/annex";

/** Biểu 01 for 2023 of Lạng Sơn, filled with the sample figures of the domain brief. */
describe("Biểu 01 Lạng Sơn 2023, end to end", () => {
  const a = TestAnnex.filled();
  const first = analyzeSheet(a.sheet, { locale: "vi-VN" });
  const filled = applyPlan(a.sheet, first.plan);
  const after = analyzeSheet(filled, { locale: "vi-VN" });
  const value = (code: string, col: string) =>
    after.derived.find((d) => d.indicator.code === code && d.columnId === col)?.value;

  test("every indicator row is recognised", () => {
    expect(after.annex?.rows).toHaveLength(a.tpl.indicators.length);
    expect(after.findings.filter((f) => f.ruleId.startsWith("row."))).toEqual([]);
  });

  test("the derived figures are the brief's", () => {
    // new jobs: ƯTH 16.200 against "trên 16.000" → 101,25 %, Vượt
    expect(value("1", "pctPlan")).toBeCloseTo(101.25, 10);
    expect(value("1", "evaluation")).toBe(EVALUATION.exceeded);
    // poverty rate falls 3 points from the 2021 review's 12,20 % and the 2023 plan is 3 points lower again
    expect(value("22", "yoy")).toBeCloseTo(-3, 10);
    expect(value("22", "nextVsEst")).toBeCloseTo(-3, 10);
    // unemployment benefits are neutral: not judged
    expect(value("4", "evaluation")).toBe("");
  });

  test("the seeds' own slips are caught: 87 of 181 communes are 48,07 %, not the 45,86 % the plan writes", () => {
    const typed = TestAnnex.filled().set("72", "planNext", 45.86);
    const slip = analyzeSheet(typed.sheet, { locale: "vi-VN" }).findings.find(
      (f) => f.ruleId === "ratio.mismatch"
    );
    expect(slip?.cells[0]).toBe(typed.address("72", "planNext"));
    expect(slip?.severity).toBe("error");
  });

  test("a plan pasted from Word as text is flagged with its fix", () => {
    const pasted = new TestAnnex().set("7", "planNext", "17.500");
    const found = analyzeSheet(pasted.sheet, { locale: "vi-VN" }).findings;
    expect(found.find((f) => f.ruleId === "type.number-as-text")?.fix).toEqual({
      address: pasted.address("7", "planNext"),
      value: 17500,
    });
  });

  test("no errors in the sample; the finding left is the seeds' own: a figure pasted as text ('trên 16.000' on a count row is whole, not ambiguous)", () => {
    expect(after.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(
      new Set(after.findings.filter((f) => !f.ruleId.startsWith("row.")).map((f) => f.ruleId))
    ).toEqual(new Set(["type.number-as-text"]));
  });
});

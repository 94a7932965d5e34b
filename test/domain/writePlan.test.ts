import fc from "fast-check";
import { analyzeSheet, applyPlan, planFixes } from "../../src/domain";
import { TestAnnex } from "../helpers/annex";

const analyze = (a: TestAnnex, overwrite = false) =>
  analyzeSheet(a.sheet, { locale: "vi-VN", overwrite });

describe("write plan", () => {
  test("fills every derived cell of a new sheet, with formulas and cached values", () => {
    const a = TestAnnex.filled();
    const { plan, derived } = analyze(a);
    // The new sheet already holds the formulas; each one whose result is not blank gets it cached.
    // A cell whose formula is not the sheet's (a plan written as text, "1.000", becomes the
    // formula's constant) is written even where its result is blank.
    const sheetFormula = (d: (typeof derived)[number]) =>
      String(a.sheet.formulas[d.row]?.[d.col] ?? "").replace(/^=/, "");
    expect(plan.writes).toHaveLength(
      derived.filter((d) => d.value !== "" || d.formula !== sheetFormula(d)).length
    );
    expect(plan.writes.length).toBeGreaterThan(100);
    expect(plan.skipped).toEqual([]);
    const pct = plan.writes.find((w) => w.address === a.address("1", "pctPlan"));
    expect(pct).toMatchObject({
      value: expect.closeTo(101.25, 10),
      formula: expect.stringContaining("ISNUMBER"),
      purpose: "derived",
    });
  });

  test("applying the plan twice equals applying it once; the second plan is empty", () => {
    const a = TestAnnex.filled();
    const once = applyPlan(a.sheet, analyze(a).plan);
    const again = analyzeSheet(once, { locale: "vi-VN" }).plan;
    expect(again.writes).toEqual([]);
    expect(applyPlan(once, again)).toEqual(once);
  });

  test("never overwrites a value the user typed into a derived cell, unless asked", () => {
    const a = TestAnnex.filled().set("2", "pctPlan", 128, { numFmt: "0.00" });
    const { plan } = analyze(a);
    expect(plan.writes.map((w) => w.address)).not.toContain(a.address("2", "pctPlan"));
    expect(plan.skipped).toEqual([
      expect.objectContaining({ address: a.address("2", "pctPlan"), found: "128" }),
    ]);
    expect(plan.skipped[0].reason.vi).toContain("ghi đè");
    const forced = analyze(a, true).plan;
    expect(forced.writes.map((w) => w.address)).toContain(a.address("2", "pctPlan"));
  });

  test("a formula someone wrote is theirs; a formula of ours with an old target is updated", () => {
    const a = TestAnnex.filled();
    const r = a.row("2") + 1;
    a.set("2", "pctPlan", 5, { formula: `G${r}/E${r}` });
    a.set("1", "pctPlan", 100, {
      formula: `IF(ISNUMBER(G${a.row("1") + 1}),G${a.row("1") + 1}/15000*100,"")`,
    });
    const { plan } = analyze(a);
    expect(plan.skipped.map((s) => s.address)).toEqual([a.address("2", "pctPlan")]);
    expect(plan.writes.find((w) => w.address === a.address("1", "pctPlan"))?.formula).toContain(
      "/16000*100"
    );
  });

  test("fixes for numbers stored as text are planned only on request, and only for text cells", () => {
    const a = TestAnnex.filled();
    const analysis = analyze(a);
    expect(analysis.plan.writes.some((w) => w.purpose === "fix")).toBe(false);
    const fixes = planFixes(a.sheet, analysis.findings);
    expect(fixes.writes).toEqual([
      expect.objectContaining({
        address: a.address("7", "actual6m"),
        value: 8977,
        purpose: "fix",
      }),
    ]);
    const fixed = applyPlan(a.sheet, fixes);
    expect(planFixes(fixed, analysis.findings).writes).toEqual([]);
  });

  test("property: the plan never touches a cell holding user input, whatever was typed where", () => {
    const a = TestAnnex.filled();
    const targets = a.tpl.indicators.map((i) => i.code);
    const columns = a.tpl.columns.map((c) => c.id);
    const typed = fc.oneof(
      fc.integer({ min: -100, max: 100000 }),
      fc.constantFrom("16.000", "x", "trên 5", "ghi chú", "=1")
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...targets), fc.constantFrom(...columns), typed), {
          maxLength: 25,
        }),
        (edits) => {
          const b = TestAnnex.filled();
          const typedAt = new Set<string>();
          for (const [code, col, v] of edits) {
            b.set(code, col, v);
            typedAt.add(b.address(code, col));
          }
          const { plan } = analyzeSheet(b.sheet, { locale: "vi-VN" });
          for (const w of plan.writes) expect(typedAt.has(w.address)).toBe(false);
          const once = applyPlan(b.sheet, plan);
          expect(analyzeSheet(once, { locale: "vi-VN" }).plan.writes).toEqual([]);
        }
      ),
      { numRuns: 60 }
    );
  });
});

import { analyzeSheet, DerivedCell, EVALUATION, Finding, parseTarget } from "../../src/domain";
import { evaluate } from "../../src/domain/derive/expr";
import { isOurFormula } from "../../src/domain/derive/formulaShape";
import { changeLevel, NUMBER_ARITHMETIC } from "../../src/domain/targets/changeTarget";
import { Template } from "../../src/domain/template/schema";
import { template, TestAnnex } from "../helpers/annex";

/**
 * Targets written as a change ("giảm 3%", "tăng 5%", "giảm 1-1,5%/năm") are measured from their base
 * (the figure of the year before), shown as the level they ask for, evaluated against that level, and
 * written as formulas over the base cell — never read as a level 3 / 5 / 1-1,5.
 */
const analyze = (a: TestAnnex) => analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] });
const derivedAt = (a: TestAnnex, code: string, columnId: string): DerivedCell => {
  const d = analyze(a).derived.find((x) => x.row === a.row(code) && x.columnId === columnId);
  if (!d) throw new Error(`no derived cell ${code}/${columnId}`);
  return d;
};
const findingsOf = (a: TestAnnex, ruleId: string): Finding[] =>
  analyze(a).findings.filter((f) => f.ruleId === ruleId);

describe("reading a change", () => {
  test.each([
    ["giảm 3%", "=", 3, "down", "%", false],
    ["tăng 5%", "=", 5, "up", "%", false],
    ["giảm 0,5%", "=", 0.5, "down", "%", false],
    ["Giảm từ 3% trở lên", ">=", 3, "down", "%", false],
    ["tăng 500 người mỗi năm", "=", 500, "up", "", true],
    ["giảm 0,69 điểm %", "=", 0.69, "down", "điểm %", false],
  ] as const)("%j is a change", (text, op, value, direction, written, perYear) => {
    const p = parseTarget(text, "vi-VN");
    expect(p).toMatchObject({
      ok: true,
      target: { op, value, change: { direction, written, perYear } },
    });
  });

  test("a range of change per year: giảm 1-1,5%/năm, giảm bình quân 1-1,5%/năm", () => {
    for (const text of ["giảm 1-1,5%/năm", "giảm bình quân 1-1,5%/năm", "giảm 1 - 1,5% mỗi năm"]) {
      expect(parseTarget(text, "vi-VN")).toMatchObject({
        ok: true,
        target: { op: "range", min: 1, max: 1.5, change: { direction: "down", perYear: true } },
      });
    }
  });

  test("levels carry no change", () => {
    for (const text of ["trên 16.000", "từ 3% trở lên", "1-1,5", "đạt 62%"]) {
      const p = parseTarget(text, "vi-VN");
      expect(p.ok && p.target.change).toBeUndefined();
    }
  });

  test("a decrease turns the comparator round: 'giảm từ 3 trở lên' is at or below base − 3", () => {
    const p = parseTarget("giảm từ 3% trở lên", "vi-VN");
    if (!p.ok) throw new Error("unread");
    expect(changeLevel(p.target, "absolute", 12.2, NUMBER_ARITHMETIC)).toEqual({
      op: "<=",
      value: 12.2 - 3,
    });
    const up = parseTarget("tăng 5%", "vi-VN");
    if (!up.ok) throw new Error("unread");
    expect(changeLevel(up.target, "relative", 2000, NUMBER_ARITHMETIC)).toEqual({
      op: "=",
      value: 2100,
    });
  });
});

describe("a rate: 'giảm 3%' is 3 percentage points from the year before", () => {
  // Row 22, the poverty rate (down is better): ƯTH 2022 12,20 %, KH 2023 "giảm 3%" → 9,20 %. The
  // seeds' 12,20 % is Lạng Sơn's end-2021 rate (TH năm 2021); here it stands in as the base.
  const sheet = () =>
    new TestAnnex().setRow("22", {
      actualPrev: 14.5,
      planCur: 12.5,
      estimateCur: 12.2,
      planNext: "giảm 3%",
    });

  test("the finding shows the level and says it reads points", () => {
    const [f, ...rest] = findingsOf(sheet(), "target.change-read");
    expect(rest).toEqual([]);
    expect(f.cells).toEqual([sheet().address("22", "planNext")]);
    expect(f.message.vi).toContain(
      '"KH năm 2023" ghi "giảm 3%": giảm 3 điểm % so với "ƯTH năm 2022" (12,20%) → 9,20%'
    );
    expect(f.message.vi).toContain("3 điểm phần trăm");
    expect(f.message.vi).toContain("ƯTH năm 2022");
    expect(f.message.en).toContain(
      'a decrease of 3 percentage points from "Estimate 2022" (12.20%) → 9.20%'
    );
    expect(f.severity).toBe("info");
  });

  test("next plan vs estimate is −3 points, computed from the estimate cell", () => {
    const a = sheet();
    const d = derivedAt(a, "22", "nextVsEst");
    expect(d.value).toBeCloseTo(-3, 12);
    const est = `${"ABCDEFGHIJKL"[a.col("estimateCur")]}${a.row("22") + 1}`;
    expect(d.formula).toContain(`${est}-3`);
  });

  test("a template may read it as 3 % of the base instead (changeOfRate: percent)", () => {
    const base = template();
    const tpl: Template = {
      ...base,
      indicators: base.indicators.map((i) =>
        i.code === "22" ? { ...i, changeOfRate: "percent" } : i
      ),
    };
    const a = new TestAnnex(tpl).setRow("22", { estimateCur: 12.2, planNext: "giảm 3%" });
    expect(derivedAt(a, "22", "nextVsEst").value).toBeCloseTo(12.2 * 0.97 - 12.2, 12);
    const [f] = findingsOf(a, "target.change-read");
    expect(f.message.vi).toContain("→ 11,83%");
  });
});

describe("a count: 'tăng 5%' is 5 % more than the year before", () => {
  // Row 2 (loans, up is better): TH 2021 2.000, KH 2022 "tăng 5%" → 2.100.
  test.each([
    [2100, EVALUATION.met],
    [2250, EVALUATION.exceeded],
    [2050, EVALUATION.notMet],
  ])("ƯTH %d → %s", (estimate, verdict) => {
    const a = new TestAnnex().setRow("2", {
      actualPrev: 2000,
      planCur: "tăng 5%",
      estimateCur: estimate,
    });
    const d = derivedAt(a, "2", "evaluation");
    expect(d.value).toBe(verdict);
    expect(d.formula).toContain(`D${a.row("2") + 1}*1.05`);
    // The formula computes the same verdict as the engine.
    const row = a.sheet.values[a.row("2")] ?? [];
    const read = (c: number) => {
      const v = row[c];
      return typeof v === "number" || typeof v === "string" ? (v === "" ? null : v) : null;
    };
    expect(evaluate(d.expr, read)).toBe(verdict);
  });

  test("percent of plan divides by the level, not by 5", () => {
    const a = new TestAnnex().setRow("2", {
      actualPrev: 2000,
      planCur: "tăng 5%",
      estimateCur: 2310,
    });
    expect(derivedAt(a, "2", "pctPlan").value).toBeCloseTo((2310 / 2100) * 100, 10);
  });
});

describe("a change without its base", () => {
  test("is reported, and never judged as a level", () => {
    const a = new TestAnnex().setRow("22", { planCur: "giảm 1-1,5%/năm", estimateCur: 1.2 });
    expect(derivedAt(a, "22", "evaluation").value).toBe("");
    const [f] = findingsOf(a, "target.change-no-base");
    expect(f.cells).toEqual([a.address("22", "planCur")]);
    expect(f.message.vi).toContain(a.address("22", "actualPrev"));
    expect(f.severity).toBe("warning");
    expect(findingsOf(a, "target.not-met")).toEqual([]);
  });

  test("typing the base makes the same formula compute", () => {
    const without = new TestAnnex().setRow("22", { planCur: "giảm 1-1,5%/năm", estimateCur: 4.8 });
    const withBase = new TestAnnex().setRow("22", {
      actualPrev: 6,
      planCur: "giảm 1-1,5%/năm",
      estimateCur: 4.8,
    });
    const a = derivedAt(without, "22", "evaluation");
    const b = derivedAt(withBase, "22", "evaluation");
    expect(a.formula).toBe(b.formula);
    expect(b.value).toBe(EVALUATION.met);
  });
});

test("a points row ('Mức giảm tỷ lệ hộ nghèo') reads 'giảm 3%' as its level 3", () => {
  const a = new TestAnnex().setRow("23", { planCur: "giảm 3%", estimateCur: 3.2 });
  expect(derivedAt(a, "23", "evaluation").value).toBe(EVALUATION.exceeded);
  expect(findingsOf(a, "target.change-read")).toEqual([]);
  expect(findingsOf(a, "target.change-no-base")).toEqual([]);
});

describe("the officer's case: Quảng Trị plans 'giảm 1-1,5%/năm' (seed 002)", () => {
  // Seed 002 (Quảng Trị, Kế hoạch thực hiện Nghị quyết 26-NQ/TW): "Tỷ lệ hộ nghèo giảm bình quân
  // 1-1,5%/năm"; "Tỷ lệ lao động qua đào tạo đạt 85%, trong đó có bằng cấp, chứng chỉ đạt 36%". The seed
  // states no poverty rate itself: the levels below (6,00 % → 4,80 %) are illustrative.
  const quangTri = (estimate: number) => {
    const a = new TestAnnex(template(), 2024);
    a.sheet = {
      ...a.sheet,
      values: a.sheet.values.map((row, r) =>
        r === 0
          ? row?.map((v) => (typeof v === "string" ? v.replace(/lạng sơn/iu, "QUẢNG TRỊ") : v))
          : row
      ),
    };
    return a
      .setRow("22", {
        actualPrev: 6,
        planCur: "giảm 1-1,5%/năm",
        actual6m: 5.4,
        estimateCur: estimate,
        planNext: "giảm 1-1,5%/năm",
      })
      .setRow("13", { actualPrev: 80, planCur: 82, estimateCur: 82.5, planNext: "đạt 85%" })
      .setRow("13.1", { actualPrev: 32, planCur: 34, estimateCur: 34.2, planNext: "đạt 36%" });
  };

  test.each([
    [4.8, EVALUATION.met],
    [4.5, EVALUATION.met],
    [4.2, EVALUATION.exceeded],
    [5.2, EVALUATION.notMet],
  ])("ƯTH %d%% against 6,00%% − (1 to 1,5) points → %s", (estimate, verdict) => {
    expect(derivedAt(quangTri(estimate), "22", "evaluation").value).toBe(verdict);
  });

  test("no false target warning, and the plan's level is shown", () => {
    const a = quangTri(4.8);
    const findings = analyze(a).findings.filter((f) => f.ruleId.startsWith("target"));
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(findings.some((f) => f.ruleId === "target.not-met")).toBe(false);
    const shown = findings
      .filter((f) => f.ruleId === "target.change-read")
      .map((f) => f.message.vi);
    expect(shown).toEqual([
      expect.stringContaining('giảm 1–1,5 điểm % so với "TH năm 2022" (6,00%) → 4,50–5,00%'),
      expect.stringContaining('giảm 1–1,5 điểm % so với "ƯTH năm 2023" (4,80%) → 3,30–3,80%'),
    ]);
  });
});

test("a change's formulas are known as ours: a plan retyped from 'giảm 3%' to 'giảm 2%' is rewritten", () => {
  const a = new TestAnnex().setRow("22", { estimateCur: 12.2, planNext: "giảm 3%" });
  const first = derivedAt(a, "22", "nextVsEst");
  expect(isOurFormula(first.formula)).toBe(true);
  const b = new TestAnnex().setRow("22", { actualPrev: 6, planCur: "tăng 5%", estimateCur: 6.3 });
  expect(isOurFormula(derivedAt(b, "22", "evaluation").formula)).toBe(true);
  expect(isOurFormula(derivedAt(b, "22", "pctPlan").formula)).toBe(true);
});

test("a base typed as a percentage (0.122 shown 12,20%) is read × 100 in the level too", () => {
  const a = new TestAnnex()
    .set("22", "estimateCur", 0.122, { numFmt: "0.00%" })
    .set("22", "planNext", "giảm 3%");
  const d = derivedAt(a, "22", "nextVsEst");
  expect(d.value).toBeCloseTo(-3, 12);
  expect(d.formula).toContain(`${a.address("22", "estimateCur")}*100-3`);
  const [f] = findingsOf(a, "target.change-read");
  expect(f.message.vi).toContain(
    '"KH năm 2023" ghi "giảm 3%": giảm 3 điểm % so với "ƯTH năm 2022" (12,20%) → 9,20%'
  );
});

test("a form with no full-year column for the year before (Biểu 02, 6 tháng) says so, and judges nothing", () => {
  const a = new TestAnnex(template("bieu-02-bao-cao-6-thang"), 2024).setRow("17", {
    planCur: "tăng 2%",
    actual6m: 60,
  });
  const [f, ...rest] = findingsOf(a, "target.change-no-base");
  expect(rest).toEqual([]);
  expect(f.cells).toEqual([a.address("17", "planCur")]);
  expect(f.message.vi).toContain("không có cột số liệu năm trước");
  expect(derivedAt(a, "17", "pctPlan").value).toBe("");
});

import { readFileSync } from "fs";
import * as path from "path";
import { analyzeSheet, checkTemplate, Finding, RuleId } from "../../src/domain";
import { TemplateProblem } from "../../src/domain/template/loadTemplate";
import { yearBeforeColumn } from "../../src/domain/template/yearBefore";
import { InputColumn } from "../../src/domain/template/schema";
import { template, TestAnnex } from "../helpers/annex";

/**
 * Issue #11: row 23 of Biểu 01 (Mức giảm tỷ lệ hộ nghèo, points) is the fall of row 22 (Tỷ lệ hộ
 * nghèo) from the year before's full-year column to its own, as a "reduction" relation.
 */
const check = (a: TestAnnex) =>
  analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] }).findings;
const only = (findings: readonly Finding[], ...ids: RuleId[]) =>
  findings.filter((f) => ids.some((id) => id === f.ruleId));
const reductions = (a: TestAnnex) => only(check(a), "reduction.mismatch", "reduction.rounding");

const TWO = { numFmt: "0.00" };

/**
 * Lạng Sơn's Biểu 01 for 2023, written in July 2022 (seed 000): 12,20 % poor households at the end of
 * 2021 (QĐ 235/QĐ-UBND), the 2022 plan "giảm tỷ lệ hộ nghèo từ 3% trở lên" read as 3 points → 9,20 %.
 */
function langSon(): TestAnnex {
  return new TestAnnex(template(), 2023)
    .set("22", "actualPrev", 12.2, TWO)
    .set("22", "planCur", 9.2, TWO)
    .set("22", "estimateCur", 9.2, TWO)
    .set("22", "planNext", 6.2, TWO)
    .set("23", "planCur", 3, TWO)
    .set("23", "estimateCur", 3, TWO)
    .set("23", "planNext", 3, TWO);
}

describe("which column is the year before", () => {
  const inputs = template().columns.filter((c): c is InputColumn => c.role === "input");
  const before = (id: string) =>
    yearBeforeColumn(inputs, inputs.find((c) => c.id === id) as InputColumn)?.id;

  test("Biểu 01: KH and ƯTH năm Y-1 against TH năm Y-2, KH năm Y against ƯTH năm Y-1", () => {
    expect(before("planCur")).toBe("actualPrev");
    expect(before("estimateCur")).toBe("actualPrev");
    expect(before("planNext")).toBe("estimateCur");
  });

  test("none for the earliest year, nor for a 6-month column (not compared with a full year)", () => {
    expect(before("actualPrev")).toBeUndefined();
    expect(before("actual6m")).toBeUndefined();
  });
});

describe("the reduction of the poverty rate is checked against the rate of two years", () => {
  test("Lạng Sơn's figures pass: 12,20 − 9,20 = 3,00 points in the plan and the estimate", () => {
    expect(reductions(langSon())).toEqual([]);
  });

  test("Thái Bình, Q1 2020 (seed 004): 2,66 % in 2019, down 0,69 points on 2018 (3,35 %)", () => {
    const a = new TestAnnex(template(), 2020)
      .set("22", "actualPrev", 3.35, TWO)
      .set("22", "estimateCur", 2.66, TWO)
      .set("23", "estimateCur", 0.69, TWO);
    expect(reductions(a)).toEqual([]);
  });

  test("a wrong reduction is flagged at row 23's cell, naming both rows and both years' figures", () => {
    const a = langSon().set("23", "estimateCur", 2.5, TWO);
    const f = only(check(a), "reduction.mismatch");
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("error");
    expect(f[0].cells).toEqual([
      a.address("23", "estimateCur"),
      a.address("22", "actualPrev"),
      a.address("22", "estimateCur"),
    ]);
    expect(f[0].indicatorCode).toBe("23");
    expect(f[0].message).toEqual({
      vi: '"ƯTH năm 2022": Mức giảm tỷ lệ hộ nghèo (23) ghi 2,5 nhưng Tỷ lệ hộ nghèo (22) từ 12,2% ("TH năm 2021") xuống 9,2% ("ƯTH năm 2022") là giảm 12,2 − 9,2 = 3,0 điểm %.',
      en: '"Estimate 2022": Reduction of the poverty rate (23) states 2.5 but Poverty rate (22) going from 12.2% ("Actual 2021") to 9.2% ("Estimate 2022") is a fall of 12.2 − 9.2 = 3.0 points.',
    });
    expect(f[0].expected).toEqual({ vi: "3,0", en: "3.0" });
    expect(f[0].found).toEqual({ vi: "2,5", en: "2.5" });
  });

  test("the plan year is compared with the estimate of the year before", () => {
    const a = langSon().set("22", "planNext", 4.2, TWO);
    const f = only(check(a), "reduction.mismatch");
    expect(f.map((x) => x.cells)).toEqual([
      [a.address("23", "planNext"), a.address("22", "estimateCur"), a.address("22", "planNext")],
    ]);
    expect(f[0].message.vi).toContain('từ 9,2% ("ƯTH năm 2022") xuống 4,2% ("KH năm 2023")');
  });

  test("the rounding of the figures as written: within it passes, one unit more is a warning", () => {
    // 12,21 − 9,23 = 2,98, each figure written with 2 decimals (± 0,005): 2,97 may be the fall of
    // 12,205 to 9,234, 2,96 is one unit beyond, 2,95 is wrong.
    const rates = (reduction: number) =>
      reductions(
        langSon()
          .set("22", "actualPrev", 12.21, TWO)
          .set("22", "estimateCur", 9.23, TWO)
          .set("22", "planNext", 6.23, TWO)
          .set("23", "estimateCur", reduction, TWO)
      );
    expect(rates(2.97)).toEqual([]);
    expect(rates(2.96).map((f) => [f.ruleId, f.severity])).toEqual([
      ["reduction.rounding", "warning"],
    ]);
    expect(rates(2.95).map((f) => f.ruleId)).toEqual(["reduction.mismatch"]);
    // 12,2 typed stands for [12,15 ; 12,25) and "3" for [2,5 ; 3,5): 2,7 points is within it
    expect(
      reductions(langSon().set("22", "estimateCur", 9.5, TWO).set("23", "estimateCur", 3))
    ).toEqual([]);
  });

  test("the first year and the 6-month column are not checked; a target in words is not a figure", () => {
    const a = langSon()
      .set("23", "actualPrev", 3.3, TWO)
      .set("22", "actual6m", 11, TWO)
      .set("23", "actual6m", 0.5, TWO)
      .set("23", "planCur", "từ 3% trở lên");
    expect(reductions(a)).toEqual([]);
  });

  test("a blank rate in either year: nothing to compare", () => {
    expect(reductions(langSon().set("22", "actualPrev", null).set("23", "estimateCur", 1))).toEqual(
      []
    );
  });
});

describe("a reduction relation is checked when the template loads", () => {
  const bieu01 = () =>
    JSON.parse(
      readFileSync(
        path.join(__dirname, "../../src/domain/catalog/templates/bieu-01-ke-hoach-nam.json"),
        "utf8"
      )
    );
  type Ind = { code: string; relations?: unknown[] };
  const at = (t: { indicators: Ind[] }, code: string) =>
    t.indicators.findIndex((i) => i.code === code);
  const problems = (t: unknown): readonly TemplateProblem[] => {
    const r = checkTemplate(t);
    return r.ok ? [] : r.problems;
  };
  const withReduction = (code: string, of: string) => {
    const t = bieu01();
    t.indicators[at(t, code)].relations = [{ type: "reduction", of }];
    return t;
  };

  test("Biểu 01 as shipped loads, row 23 tied to row 22", () => {
    expect(problems(bieu01())).toEqual([]);
    const t = template();
    expect(t.indicators.find((i) => i.code === "23")?.relations).toEqual([
      { type: "reduction", of: "22" },
    ]);
  });

  test("a reduction of a row that is not a rate", () => {
    const t = withReduction("23", "21");
    expect(problems(t)).toEqual([
      {
        path: `indicators[${at(t, "23")}].relations[0].of`,
        vi: '"21" không phải dòng tỷ lệ (kind "rate"): mức giảm chỉ tính từ một tỷ lệ',
        en: '"21" is not a rate row: a reduction is of a rate',
      },
    ]);
  });

  test("a reduction of an unknown row", () => {
    const t = withReduction("23", "99");
    expect(problems(t)).toEqual([
      {
        path: `indicators[${at(t, "23")}].relations[0].of`,
        vi: 'mã chỉ tiêu không tồn tại "99"',
        en: 'unknown code "99"',
      },
    ]);
  });

  test("a reduction on a row that is not in points", () => {
    const t = withReduction("24", "22");
    expect(problems(t).map((p) => [p.path, p.en])).toEqual([
      [
        `indicators[${at(t, "24")}].relations[0].type`,
        "only a points row can be the reduction of a rate",
      ],
    ]);
  });

  test("a circle through a reduction is named", () => {
    const t = bieu01();
    t.indicators[at(t, "22")].relations = [
      { type: "ratio", numerator: "23", denominator: "20", scale: 100 },
    ];
    const p = problems(t);
    expect(p.map((x) => x.path)).toEqual([`indicators[${at(t, "22")}].relations[0].numerator`]);
    expect(p[0].en).toContain("circular relation 22 → 23 → 22");
  });
});

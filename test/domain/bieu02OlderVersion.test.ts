import { analyzeSheet, templateForPeriod } from "../../src/domain";
import { loadTemplate } from "../../src/domain/template/loadTemplate";
import { template, TestAnnex } from "../helpers/annex";
import v210 from "./fixtures/bieu-02-bao-cao-6-thang-2.1.0.json";

/**
 * Biểu 02 3.0.0 added rows and moved the codes after row 9 (#18). A sheet the tool made with 2.1.0
 * (the fixture is that version's template, as the catalog held it at c31c3f2) is still read row by
 * row by the indicators' names, and the rows it lacks are named with the version it was made with.
 */
const tpl = template("bieu-02-bao-cao-6-thang");
const code = (vi: string): string => {
  const hit = tpl.indicators.find((i) => i.name.vi === vi);
  if (!hit) throw new Error(`no row "${vi}"`);
  return hit.code;
};
const inPeriod = (period: "quy-1", year: number) =>
  new TestAnnex(templateForPeriod(tpl, period), year);

describe("a Biểu 02 made with version 2.1.0 (before these rows) is still read, and told", () => {
  // The form as version 2.1.0 laid it out (src/domain/catalog at c31c3f2), with its own codes.
  const old = templateForPeriod(loadTemplate(v210, "Biểu 02 2.1.0"), "quy-1");
  const made = () =>
    new TestAnnex(old, 2020)
      .setRow("7", { actual6m: 8977 }) // "Số lượt người được tư vấn, giới thiệu việc làm"
      .setRow("19", { actual6mPrev: 370000, actual6m: 381176 }) // monthly allowances paid
      .setRow("35", { actual6m: 25 }) // petitions: 4 + 10 + 10 is 24, not 25
      .setRow("35.1", { actual6m: 4 })
      .setRow("35.2", { actual6m: 10 })
      .setRow("35.3", { actual6m: 10 });

  test("its rows are read by name under today's codes, the renamed ones too", () => {
    const a = made();
    expect(a.sheet.metadata?.templateVersion).toBe("2.1.0");
    const analysis = analyzeSheet(a.sheet, { locale: "vi-VN" });
    const found = analysis.findings;
    expect(
      found.filter((f) => /^row\.(unknown|duplicate|matched-by-code)$/.test(f.ruleId))
    ).toEqual([]);
    // the petitions' slip is found at the old sheet's cell, under today's code
    const sum = found.filter((f) => f.ruleId === "sum.mismatch");
    expect(sum.map((f) => [f.cells[0], f.indicatorCode])).toEqual([
      [a.address("35", "actual6m"), code("Số đơn thư tiếp nhận")],
    ]);
    // the old row 19 is today's 21.1 (its old name is an alias), and its comparison is written there
    const yoy = analysis.derived.find(
      (d) =>
        d.columnId === "yoy" &&
        d.indicator.code === code("Trợ cấp ưu đãi hàng tháng (thường xuyên)")
    );
    expect(yoy?.address).toBe(a.address("19", "yoy"));
    expect(yoy?.value).toBeCloseTo((381176 / 370000) * 100, 9);
    // the old row 7 is today's 7, counselling
    expect(
      analysis.derived.find((d) => d.columnId === "yoy" && d.indicator.code === "7")?.address
    ).toBe(a.address("7", "yoy"));
  });

  test("the rows 2.1.0 lacked are named with the version the annex was made with", () => {
    const missing = analyzeSheet(made().sheet, { locale: "vi-VN" }).findings.filter(
      (f) => f.ruleId === "row.missing"
    );
    expect(missing).toHaveLength(1);
    expect(missing[0].message.vi).toContain(
      "Biểu được lập theo Biểu số 02 phiên bản 2.1.0, mẫu hiện hành là phiên bản 3.0.0"
    );
    expect(missing[0].message.vi).toContain("(7.1, 7.2, 7.3, 10, 19, 21, 21.2,");
    expect(missing[0].message.en).toContain("made with Biểu số 02 version 2.1.0");
    // a sheet of today's version missing rows keeps the plain message
    const today = inPeriod("quy-1", 2020);
    const cut = { ...today.sheet, values: today.sheet.values.slice(0, today.row("10")) };
    const plain = analyzeSheet(cut, { locale: "vi-VN" }).findings.filter(
      (f) => f.ruleId === "row.missing" && f.indicatorCode === undefined
    );
    expect(plain[0]?.message.vi).toMatch(/^\d+ chỉ tiêu của mẫu không có trên biểu: 10, /);
  });
});

import { analyzeSheet, Finding, templateForPeriod } from "../../src/domain";
import { template, TestAnnex } from "../helpers/annex";

/**
 * Biểu 02 for a quarter (Thái Bình Q1/2020, seed 004): the children the report counts, and the
 * trained-labour rate, reviewed every six months and yearly, not asked for in a quarter (#18).
 */
const BIEU02 = "bieu-02-bao-cao-6-thang";
const inPeriod = (period: "quy-1" | "6-thang") => {
  return new TestAnnex(templateForPeriod(template(BIEU02), period), 2020);
};
/** A row's code by its Vietnamese name, so the test follows the form when rows are renumbered. */
const code = (vi: string): string => {
  const hit = template(BIEU02).indicators.find((i) => i.name.vi === vi);
  if (!hit) throw new Error(`no row "${vi}"`);
  return hit.code;
};
const ALL = code("Tổng số trẻ em");
const INJURED = code("Số trẻ em bị tai nạn thương tích");
const HIV = code("Số trẻ em nhiễm HIV/AIDS");
const ABUSED = code("Số trẻ em bị xâm hại được phát hiện");
const HELPED = code("Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp");
const TRAINED = code("Tỷ lệ lao động qua đào tạo");
const findings = (a: TestAnnex, ruleId: string): Finding[] =>
  analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] }).findings.filter(
    (f) => f.ruleId === ruleId
  );

test("the seed's children figures fill section IX and nothing is flagged", () => {
  const a = inPeriod("quy-1")
    .setRow(ALL, { actual6m: 428413 })
    .setRow(INJURED, { actual6m: 240 })
    .setRow(HIV, { actual6m: 27 })
    .setRow(ABUSED, { actual6m: 1 })
    .setRow(HELPED, { actual6m: 87.5, planCur: "trên 87%" });
  const all = analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] }).findings;
  const onChildren = all.filter((f) =>
    [ALL, INJURED, HIV, ABUSED, HELPED].some((c) => f.cells.includes(a.address(c, "actual6m")))
  );
  expect(onChildren.filter((f) => f.severity !== "info")).toEqual([]);
});

test("more children with HIV than children in all is caught", () => {
  const a = inPeriod("quy-1").setRow(ALL, { actual6m: 20 }).setRow(HIV, { actual6m: 27 });
  expect(findings(a, "part.exceeds").map((f) => f.cells[0])).toEqual([a.address(HIV, "actual6m")]);
});

test("the trained-labour rate is required at six months, not in a quarter", () => {
  const missing = (a: TestAnnex) =>
    findings(a, "required.missing").filter((f) => f.indicatorCode === TRAINED);
  expect(missing(inPeriod("quy-1"))).toEqual([]);
  expect(missing(inPeriod("6-thang")).length).toBeGreaterThan(0);
});

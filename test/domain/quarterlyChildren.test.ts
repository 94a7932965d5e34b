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
const findings = (a: TestAnnex, ruleId: string): Finding[] =>
  analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] }).findings.filter(
    (f) => f.ruleId === ruleId
  );

test("the seed's children figures fill section IX and nothing is flagged", () => {
  const a = inPeriod("quy-1")
    .setRow("37", { actual6m: 428413 })
    .setRow("38", { actual6m: 240 })
    .setRow("39", { actual6m: 27 })
    .setRow("40", { actual6m: 1 })
    .setRow("41", { actual6m: 87.5, planCur: "trên 87%" });
  const all = analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] }).findings;
  const onChildren = all.filter((f) =>
    ["37", "38", "39", "40", "41"].some((c) => f.cells.includes(a.address(c, "actual6m")))
  );
  expect(onChildren.filter((f) => f.severity !== "info")).toEqual([]);
});

test("more children with HIV than children in all is caught", () => {
  const a = inPeriod("quy-1").setRow("37", { actual6m: 20 }).setRow("39", { actual6m: 27 });
  expect(findings(a, "part.exceeds").map((f) => f.cells[0])).toEqual([a.address("39", "actual6m")]);
});

test("the trained-labour rate (17) is required at six months, not in a quarter", () => {
  const missing = (a: TestAnnex) =>
    findings(a, "required.missing").filter((f) => f.indicatorCode === "17");
  expect(missing(inPeriod("quy-1"))).toEqual([]);
  expect(missing(inPeriod("6-thang")).length).toBeGreaterThan(0);
});

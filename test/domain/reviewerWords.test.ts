import { analyzeSheet, Finding, templateForPeriod } from "../../src/domain";
import { template, TestAnnex } from "../helpers/annex";

/** The words a provincial checker reads (#18): the indicator named, "thiếu" / "thừa", a change in reading order. */
const findings = (a: TestAnnex, ruleId: string): Finding[] =>
  analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] }).findings.filter(
    (f) => f.ruleId === ruleId
  );

test("a negative count names its indicator: 'Số lao động … không được âm'", () => {
  const a = new TestAnnex().set("1", "estimateCur", -5);
  const [f] = findings(a, "bounds.negative");
  expect(f.message.vi).toBe(
    `Ô ${a.address("1", "estimateCur")}: Số lao động được tạo việc làm mới (1) không được âm.`
  );
  expect(f.message.vi).not.toContain("người không thể");
  expect(f.message.en).toContain("New jobs created (1) cannot be negative.");
});

test("a total short of its parts says 'thiếu 4' (Biểu 03, the seed's 615 against 619), one above says 'thừa'", () => {
  const a = new TestAnnex(template("bieu-03-ho-tro-nha-o-nguoi-co-cong"), 2022).setRow("1", {});
  for (const [code, v] of Object.entries({ "1": 615, "2": 537, "4": 21, "5": 50, "6": 11 }))
    a.set(code, "actual6m", v);
  const [f] = findings(a, "sum.mismatch");
  expect(f.message.vi).toMatch(/= 619 \(thiếu 4\)\.$/);
  expect(f.message.en).toMatch(/= 619 \(4 short\)\.$/);
  expect(f.message.vi).not.toContain("lệch");
  a.set("1", "actual6m", 623);
  expect(findings(a, "sum.mismatch")[0].message.vi).toMatch(/\(thừa 4\)\.$/);
});

test("a change target reads in the officer's order: change, base with its figure, then the level", () => {
  const a = new TestAnnex().setRow("22", { actualPrev: 7.12, planCur: "giảm 1-1,5%/năm" });
  const [f] = findings(a, "target.change-read");
  expect(f.message.vi).toContain(
    '"KH năm 2022" ghi "giảm 1-1,5%/năm": giảm 1–1,5 điểm % so với "TH năm 2021" (7,12%) → 5,62–6,12%'
  );
});

test("row 35 counts children: 'vụ' (cases) in column C is another unit", () => {
  const ok = new TestAnnex().setRow("35", { unit: "trẻ em", estimateCur: 1 });
  expect(findings(ok, "unit.mismatch")).toEqual([]);
  const cases = new TestAnnex().setRow("35", { unit: "vụ", estimateCur: 1 });
  expect(findings(cases, "unit.mismatch").map((f) => f.cells[0])).toEqual([
    cases.address("35", "unit"),
  ]);
});

test("Biểu 02 compares with 'cùng kỳ' for part of a year and with 'năm 2019' for the whole year", () => {
  const yoy = (period: "6-thang" | "ca-nam") =>
    templateForPeriod(template("bieu-02-bao-cao-6-thang"), period).columns.find(
      (c) => c.id === "yoy"
    )?.header;
  const header = (period: "6-thang" | "ca-nam") => {
    const a = new TestAnnex(templateForPeriod(template("bieu-02-bao-cao-6-thang"), period), 2020);
    return a.sheet.values.flat().filter((v) => typeof v === "string" && v.startsWith("So với"));
  };
  expect(yoy("6-thang")?.vi).toBe("So với cùng kỳ năm {Y-1}");
  expect(header("6-thang")).toContain("So với cùng kỳ năm 2019");
  expect(header("ca-nam")).toContain("So với năm 2019");
  expect(header("ca-nam").join(" ")).not.toContain("cùng kỳ");
  // A sheet of the whole year is still found, and its period read from its headers.
  const a = new TestAnnex(templateForPeriod(template("bieu-02-bao-cao-6-thang"), "ca-nam"), 2020);
  expect(analyzeSheet(a.withoutMetadata().sheet, { locale: "vi-VN" }).annex?.template.period).toBe(
    "ca-nam"
  );
});

import * as path from "path";
import { analyzeSheet, templateForPeriod } from "../../src/domain";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { template, TestAnnex } from "../helpers/annex";

/** Biểu 03 (housing for people with merit) accepts --period like Biểu 02; 6 tháng stays its default (#18). */
const BIEU03 = "bieu-03-ho-tro-nha-o-nguoi-co-cong";

test("annex new --period quy-1 makes Biểu 03 for Q1, its actual column named for the quarter", async () => {
  const dir = tempDir("annex-bieu03-period-");
  const file = path.join(dir, "nha-o-q1.xlsx");
  const r = await annex(
    "new",
    "--template",
    BIEU03,
    "--year",
    "2022",
    "--period",
    "quy-1",
    "-o",
    file
  );
  expect(r.code).toBe(0);
  expect(r.out).toContain("Biểu số 03 quý I năm 2022");
  const [sheet] = workbookSnapshots((await readWorkbook(file)).workbook);
  expect(sheet.values.flat()).toContain("TH quý I năm 2022");
  const checked = await annex("check", file);
  expect(checked.out).toContain("Biểu số 03 quý I năm 2022");
});

test("without --period it is the 6-month form it was, and a sheet made before still reads", () => {
  const a = new TestAnnex(template(BIEU03), 2022).setRow("1", { actual6m: 615 });
  const analysis = analyzeSheet(a.sheet, { locale: "vi-VN" });
  expect(analysis.annex?.template.period).toBe("6-thang");
  expect(a.sheet.values.flat()).toContain("TH 6 tháng năm 2022");
});

test("for the whole year the actual column is the year's: not held below the estimate", () => {
  const year = new TestAnnex(templateForPeriod(template(BIEU03), "ca-nam"), 2022).setRow("2", {
    actual6m: 540,
    estimateCur: 537,
  });
  const flows = analyzeSheet(year.sheet, {
    locale: "vi-VN",
    templates: [year.tpl],
  }).findings.filter((f) => f.ruleId === "flow.part-year-exceeds");
  expect(flows).toEqual([]);
  const half = new TestAnnex(template(BIEU03), 2022).setRow("2", {
    actual6m: 540,
    estimateCur: 537,
  });
  expect(
    analyzeSheet(half.sheet, { locale: "vi-VN" }).findings.filter(
      (f) => f.ruleId === "flow.part-year-exceeds"
    )
  ).toHaveLength(1);
});

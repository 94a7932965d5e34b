import { existsSync } from "fs";
import * as path from "path";
import { readMetadata } from "../../src/adapters/xlsx/metadata";
import { readWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";

/** annex new --period: the reporting forms made for quý I, 6 tháng, 9 tháng or cả năm (issue #11). */
const BIEU02 = "bieu-02-bao-cao-6-thang";
const NEW = ["new", "--template", BIEU02, "--year", "2020", "--authority", "UBND tỉnh Thái Bình"];

describe("annex new --period", () => {
  const dir = tempDir("annex-period-cli-");

  test("--period quy-1 makes Biểu 02 for the first quarter, recorded with the sheet; check finds no header problem", async () => {
    const file = path.join(dir, "q1.xlsx");
    const r = await annex(...NEW, "--period", "quy-1", "-o", file);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Biểu số 02 quý I năm 2020");
    const { workbook } = await readWorkbook(file);
    expect([...readMetadata(workbook).values()][0]?.period).toBe("quy-1");
    const texts: string[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toEqual(expect.arrayContaining(["TH quý I năm 2019", "TH quý I năm 2020"]));
    expect(texts.some((t) => t.includes("QUÝ I NĂM 2020"))).toBe(true);
    const check = await annex("check", file, "--json");
    const report = JSON.parse(check.out);
    const ids = JSON.stringify(report).match(/"ruleId":"header\.[a-z-]+"/g) ?? [];
    expect(ids).toEqual([]);
    // The report does hold findings (the empty required cells): the empty list above is not vacuous.
    expect(JSON.stringify(report)).toMatch(/"ruleId":"required\.missing"/);
  });

  test("without --period the form is made for its default, 6 tháng", async () => {
    const file = path.join(dir, "default.xlsx");
    expect((await annex(...NEW, "-o", file)).code).toBe(0);
    const { workbook } = await readWorkbook(file);
    expect([...readMetadata(workbook).values()][0]?.period).toBe("6-thang");
  });

  test.each([
    [["--period", "quy-5"], "là một trong: 6-thang, quy-1, 9-thang, ca-nam"],
    [["--template", "bieu-01-ke-hoach-nam", "--period", "quy-1"], "không có kỳ báo cáo để chọn"],
  ])("%j is refused with the choices named, and no file is made", async (extra, message) => {
    const file = path.join(dir, `bad-${extra.join("")}.xlsx`);
    const r = await annex(...NEW, ...extra, "-o", file);
    expect(r.code).toBe(2);
    expect(r.err + r.out).toContain(message);
    expect(existsSync(file)).toBe(false);
  });
});

import ExcelJS from "exceljs";
import { analyzeWorkbook, EVALUATION } from "../../src/domain";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { METADATA_SHEET, readMetadata } from "../../src/adapters/xlsx/metadata";
import { INPUT_FILL } from "../../src/adapters/xlsx/annexStyles";
import { annex, tempDir } from "../helpers/cli";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";
import { promises as fs } from "fs";

/** new → type the sample → fill → check → reopen, through real .xlsx files. */
describe("an annex made, filled and checked as a file", () => {
  let file: string;
  let sheet: ExcelJS.Worksheet;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    file = await writeSampleAnnex(tempDir());
    expect((await annex("fill", file)).code).toBe(0);
    workbook = await openWorkbook(file);
    sheet = workbook.getWorksheet("Biểu 01 - 2023") as ExcelJS.Worksheet;
  });

  test("the derived cells hold formulas with the engine's results cached", () => {
    const pct = sheet.getCell(sampleAddress("1", "pctPlan"));
    expect(pct.formula).toMatch(/^IF\(/);
    expect(pct.result).toBeCloseTo((16200 / 16000) * 100, 9);
    expect(sheet.getCell(sampleAddress("1", "evaluation")).result).toBe(EVALUATION.exceeded);
    // a rate's comparison is in percentage points, and a result of 0 is kept as 0
    expect(sheet.getCell(sampleAddress("22", "yoy")).result).toBeCloseTo(-3, 9);
  });

  test("what people typed is there as typed", () => {
    expect(sheet.getCell(sampleAddress("1", "planCur")).value).toBe("trên 16.000");
    expect(sheet.getCell(sampleAddress("1", "estimateCur")).value).toBe(16200);
  });

  test("the metadata names template, version and year, in a very hidden sheet", () => {
    expect(readMetadata(workbook).get("Biểu 01 - 2023")).toEqual({
      templateId: "bieu-01-ke-hoach-nam",
      templateVersion: "1.3.0",
      year: 2023,
    });
    expect(workbook.getWorksheet(METADATA_SHEET)?.state).toBe("veryHidden");
  });

  test("the layout is the ministry's: merged title and group, frozen panes, print set-up", () => {
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(["A4:M4", "H7:I7", "K7:K8"]));
    expect(sheet.getCell("H7").value).toBe("So sánh (%)");
    expect(sheet.getCell("A9").value).toBe("A");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 3, ySplit: 9 });
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(sheet.pageSetup.printTitlesRow).toBe("7:9");
  });

  test("inputs are unlocked and shaded with validation; derived cells locked; the sheet protected", () => {
    const input = sheet.getCell(sampleAddress("1", "actualPrev"));
    expect(input.protection?.locked).toBe(false);
    expect((input.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(INPUT_FILL);
    expect(input.numFmt).toBe("#,##0");
    expect(input.dataValidation).toMatchObject({
      type: "whole",
      operator: "greaterThanOrEqual",
      promptTitle: "ĐVT: người",
    });
    const rate = sheet.getCell(sampleAddress("22", "actualPrev"));
    expect(rate.dataValidation).toMatchObject({ type: "decimal", formulae: [0, 100] });
    const plan = sheet.getCell(sampleAddress("1", "planCur"));
    expect(plan.dataValidation?.prompt).toMatch(/trên 16\.000/);
    // Excel's default is locked, so a locked cell carries no protection entry at all
    expect(sheet.getCell(sampleAddress("1", "pctPlan")).protection?.locked ?? true).toBe(true);
    expect(
      (sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet
    ).toBe(true);
  });

  test("reopened, it checks the same as the engine on the in-memory sample, and fill is done", async () => {
    const snapshots = workbookSnapshots(workbook);
    const analysis = analyzeWorkbook(snapshots, { locale: "vi-VN" });
    expect(analysis.sheets).toHaveLength(1);
    expect(analysis.sheets[0].plan.writes).toEqual([]);
    expect(analysis.sheets[0].findings.filter((f) => f.severity === "error")).toEqual([]);
    const before = await fs.readFile(file);
    const again = await annex("fill", file);
    expect(again.out).toMatch(/Không có gì cần ghi/);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });
});

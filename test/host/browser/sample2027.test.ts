import ExcelJS from "exceljs";
import { analyzeSheet } from "../../../src/domain";
import { BrowserWorkbookHost } from "../../../src/host/browser/browserWorkbookHost";
import { LANG_SON_SAMPLE, openSample } from "../../../src/host/browser/sampleWorkbook";

/**
 * The preview's second sheet (issue #21; once only with ?sample=2027): Biểu 01 for 2027 as Sở Nội vụ
 * fills it, beside the 2023 one.
 */
describe("the preview's 2027 sample of today's structure", () => {
  test("Sở Nội vụ's blocks, its name in the title block, checked as its own annex", async () => {
    const host = new BrowserWorkbookHost(new ExcelJS.Workbook());
    await openSample(host, LANG_SON_SAMPLE, { calculated: true });
    const sheet = await openSample(
      host,
      { ...LANG_SON_SAMPLE, year: 2027, unitName: undefined },
      { calculated: true, department: "so-noi-vu" }
    );
    expect(sheet).toBe("Biểu 01 - 2027");
    expect((await host.listSheets()).map((s) => s.name)).toEqual([
      "Biểu 01 - 2023",
      "Biểu 01 - 2027",
    ]);
    const { snapshot } = await host.readSheet(sheet);
    expect(snapshot.values[1]?.[0]).toBe("SỞ NỘI VỤ");
    const analysis = analyzeSheet(snapshot, { locale: "vi-VN" });
    expect(analysis.annex?.year).toBe(2027);
    const rules = analysis.findings.map((f) => f.ruleId);
    expect(rules).not.toContain("row.missing");
    expect(rules).not.toContain("derived.stale");
  });
});

import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildAnnexLayout, samplePlan } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { REPORT_SHEETS } from "../../src/adapters/xlsx/reportWorkbook";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { randomFigures } from "../../src/samples/randomFigures";
import { annex, tempDir } from "../helpers/cli";
import { template } from "../helpers/annex";
import { recalculate, sofficePath } from "../helpers/libreoffice";

/** annex check --report: the workbook a province forwards, its counts those of --json, its chart real. */
const BIEU01 = template("bieu-01-ke-hoach-nam");

interface JsonFile {
  file: string;
  status: string;
  counts: { error: number; warning: number; info: number };
}

describe("annex check --report", () => {
  const dir = tempDir("annex-report-");
  const report = path.join(dir, "bao-cao.xlsx");
  const files: string[] = [];
  let json: { files: JsonFile[]; totals: { error: number; warning: number; info: number } };
  let code: number;

  beforeAll(async () => {
    for (const [name, authority, seed] of [
      ["cao-loc.xlsx", "UBND huyện Cao Lộc", 11],
      ["dinh-lap.xlsx", "UBND huyện Đình Lập", 22],
      ["loc-binh.xlsx", "UBND huyện Lộc Bình", 33],
    ] as const) {
      const workbook = await newAnnexWorkbook({ template: BIEU01, year: 2023, authority });
      const layout = buildAnnexLayout(BIEU01, { year: 2023 });
      applyWritePlan(
        workbook.worksheets[0],
        samplePlan(layout, BIEU01, randomFigures(BIEU01, 2023, seed))
      );
      const file = path.join(dir, name);
      await saveWorkbook(workbook, file);
      files.push(file);
    }
    const broken = path.join(dir, "hong.xlsx");
    writeFileSync(broken, "not a workbook");
    files.push(broken);
    const run = await annex("check", ...files, "--report", report);
    code = run.code;
    json = JSON.parse((await annex("check", ...files, "--json")).out);
  }, 60_000);

  const open = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb;
  };

  test("one summary row per file, with the counts of check --json", async () => {
    expect(code).toBe(2); // a file could not be read
    const wb = await open(report);
    const summary = wb.getWorksheet(REPORT_SHEETS.summary);
    if (!summary) throw new Error("no summary sheet");
    const rows = json.files.map((_, i) => summary.getRow(5 + i));
    rows.forEach((row, i) => {
      const f = json.files[i];
      expect(row.getCell(2).value).toBe(f.file);
      if (f.status === "unreadable") {
        expect(row.getCell(6).value).toBeNull();
        expect(String(row.getCell(9).value)).toMatch(/^Không đọc được/);
        return;
      }
      expect([row.getCell(6).value, row.getCell(7).value, row.getCell(8).value]).toEqual([
        f.counts.error,
        f.counts.warning,
        f.counts.info,
      ]);
      // the unit of the list of units, beside the title block as written (issue #21)
      expect(row.getCell(3).value).toMatch(/^Huyện [^(]+ \(UBND HUYỆN /);
      expect(row.getCell(4).value).toBe("Biểu số 01");
      expect(row.getCell(5).value).toBe(2023);
    });
    expect(json.totals.error).toBeGreaterThan(0);
    // A4, fitted to the width of a page
    expect(summary.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1 });
  });

  test("every finding is a row of the findings sheet, with filters on", async () => {
    const wb = await open(report);
    const sheet = wb.getWorksheet(REPORT_SHEETS.findings);
    if (!sheet) throw new Error("no findings sheet");
    const total = json.totals.error + json.totals.warning + json.totals.info;
    expect(sheet.actualRowCount).toBe(total + 1);
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "Tệp",
      "Đơn vị",
      "Trang tính",
      "Ô",
      "Chỉ tiêu",
      "Mức",
      "Nội dung",
      "Cần",
      "Thấy",
    ]);
    const errors = [];
    sheet.eachRow((row, n) => n > 1 && row.getCell(6).value === "Lỗi" && errors.push(n));
    expect(errors.length).toBe(json.totals.error);
  });

  test("the chart of errors per district is in the file, with its cached figures", async () => {
    const zip = await JSZip.loadAsync(readFileSync(report));
    const chart = await zip.file("xl/charts/chart1.xml")?.async("string");
    expect(chart).toContain("<c:barChart>");
    for (const f of json.files.filter((x) => x.status !== "unreadable"))
      expect(chart).toContain(`<c:v>${f.counts.error}</c:v>`);
    // each bar is named by its district (as the list of units names it), the unreadable file by its name
    expect(chart).toContain("<c:v>Huyện Cao Lộc</c:v>");
    expect(chart).toContain("<c:v>hong.xlsx</c:v>");
    const types = await zip.file("[Content_Types].xml")?.async("string");
    expect(types).toContain("/xl/charts/chart1.xml");
    const sheets = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
        .map((n) => zip.file(n)?.async("string"))
    );
    expect(sheets.filter((s) => s?.includes("<drawing r:id=")).length).toBe(1);
  });

  test("an existing report is not replaced", async () => {
    const again = await annex("check", files[0], "--report", report);
    expect(again.code).toBe(2);
    expect(again.err).toContain("đã có; không ghi đè");
  });

  (sofficePath() ? test : test.skip)(
    "LibreOffice opens the report and keeps its chart",
    async () => {
      const out = await recalculate([report], dir);
      const zip = await JSZip.loadAsync(readFileSync(path.join(out, path.basename(report))));
      const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
      expect(charts.length).toBe(1);
      expect(await zip.file(charts[0])?.async("string")).toMatch(/barChart/);
      const wb = await open(path.join(out, path.basename(report)));
      const summary = wb.getWorksheet(REPORT_SHEETS.summary);
      const ok = json.files.findIndex((f) => f.status !== "unreadable");
      expect(summary?.getRow(5 + ok).getCell(6).value).toBe(json.files[ok].counts.error);
    },
    240_000
  );
});

import * as path from "path";
import { CellValue } from "../../src/domain";
import { formulaAt, valueAt } from "../../src/domain/sheet/snapshot";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { annex, tempDir } from "../helpers/cli";
import { recalculate, sofficePath } from "../helpers/libreoffice";
import { template, TestAnnex } from "../helpers/annex";

/**
 * Rates typed in Excel as "57,72%" are stored as 0.5772 with a percent format. The formulas `annex
 * fill` writes must read them × 100, and LibreOffice recalculating them must get the engine's numbers.
 */
const soffice = sofficePath();

(soffice ? describe : describe.skip)("percent-formatted rates, recalculated by LibreOffice", () => {
  const dir = tempDir("annex-referee-percent-");
  const tpl = template("bieu-01-ke-hoach-nam");
  const layout = new TestAnnex(tpl, 2023);
  let file: string;
  let recalculated: string;

  beforeAll(async () => {
    const workbook = await newAnnexWorkbook({ template: tpl, year: 2023 });
    const ws = workbook.worksheets[0];
    const put = (code: string, col: string, value: number, numFmt?: string) => {
      const cell = ws.getCell(layout.address(code, col));
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
    };
    // Trained-labour rate (13): every figure a percent cell but the plan, a plain 60.
    put("13", "actualPrev", 0.551, "0.0%");
    put("13", "planCur", 60);
    put("13", "actual6m", 0.5772, "0.00%");
    put("13", "estimateCur", 0.5772, "0.00%");
    put("13", "planNext", 0.62, "0%");
    // Poverty rate (22, lower is better): ƯTH a percent cell 10,75% against a plain plan of 10.
    put("22", "actualPrev", 12.2);
    put("22", "planCur", 10);
    put("22", "estimateCur", 0.1075, "0.00%");
    put("22", "planNext", 9.2);
    // New jobs (1), a count: untouched by the change.
    put("1", "actualPrev", 15000);
    put("1", "planCur", 16000);
    put("1", "estimateCur", 16500);
    file = path.join(dir, "percent.xlsx");
    await saveWorkbook(workbook, file);
    expect((await annex("fill", file)).code).toBeLessThan(2);
    recalculated = await recalculate([file], dir);
  }, 180_000);

  test("the formulas written read percent cells × 100 and LibreOffice gets the engine's numbers", async () => {
    const ours = workbookSnapshots((await readWorkbook(file)).workbook)[0];
    const theirs = workbookSnapshots(
      (await readWorkbook(path.join(recalculated, path.basename(file)))).workbook
    )[0];
    const cellOf = (code: string, col: string) => {
      const r = layout.row(code);
      const c = layout.col(col);
      return {
        formula: formulaAt(ours, r, c),
        ours: valueAt(ours, r, c),
        lo: valueAt(theirs, r, c),
      };
    };
    // 57,72 − 60 = −2,28 points; 57,72 − 55,1 = +2,62; 62 − 57,72 = +4,28.
    const expected: Array<[string, string, number]> = [
      ["13", "pctPlan", -2.28],
      ["13", "yoy", 2.62],
      ["13", "nextVsEst", 4.28],
      ["22", "pctPlan", 0.75],
      ["22", "yoy", -1.45],
      ["22", "nextVsEst", -1.55],
      ["1", "pctPlan", 103.125],
      ["1", "yoy", 110],
    ];
    for (const [code, col, value] of expected) {
      const c = cellOf(code, col);
      expect([code, col, c.formula !== undefined]).toEqual([code, col, true]);
      expect([code, col, round(c.ours)]).toEqual([code, col, value]);
      expect([code, col, round(c.lo)]).toEqual([code, col, value]);
    }
    expect(cellOf("13", "pctPlan").formula).toContain("*100-");
    expect(cellOf("1", "pctPlan").formula).not.toContain("*100-");
    // 10,75% against a plan of 10 (lower is better) is not met; 0.1075 read as it is stored would say Vượt.
    expect(cellOf("22", "evaluation")).toMatchObject({ ours: "Không đạt", lo: "Không đạt" });
    expect(cellOf("13", "evaluation")).toMatchObject({ ours: "Không đạt", lo: "Không đạt" });
  });
});

function round(v: CellValue): CellValue {
  return typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v;
}

import { readFileSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildAnnexLayout, samplePlan } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { randomFigures } from "../../src/samples/randomFigures";
import { annex, tempDir } from "../helpers/cli";
import { template } from "../helpers/annex";

/**
 * Issue #21: `annex rollover` makes next year's annex from this year's. Biểu 01 of 2027 has TH 2025,
 * KH/6 tháng/ƯTH 2026 and KH 2027; the 2028 annex has TH 2026, KH/6 tháng/ƯTH 2027 and KH 2028. So
 * KH 2027 moves to "KH năm 2027", ƯTH 2026 becomes a draft of "TH năm 2026", and nothing else moves.
 */
const BIEU01 = template("bieu-01-ke-hoach-nam");
const col = (id: string) => BIEU01.columns.findIndex((c) => c.id === id) + 1;

describe("annex rollover", () => {
  const dir = tempDir("annex-rollover-");
  const source = path.join(dir, "bieu-01-2027.xlsx");
  const next = path.join(dir, "bieu-01-2028.xlsx");
  const again = path.join(dir, "bieu-01-2028-lan-2.xlsx");
  const sample = randomFigures(BIEU01, 2027, 2027);
  let run: Awaited<ReturnType<typeof annex>>;
  let book: ExcelJS.Workbook;
  const layout = buildAnnexLayout(BIEU01, { year: 2028 });
  const rowOf = (code: string) => (layout.rowOf.get(code) ?? -1) + 1;

  beforeAll(async () => {
    const workbook = await newAnnexWorkbook({
      template: BIEU01,
      year: 2027,
      authority: "UBND tỉnh Lạng Sơn",
      unitName: "Sở Nội vụ",
    });
    applyWritePlan(
      workbook.worksheets[0],
      samplePlan(buildAnnexLayout(BIEU01, { year: 2027 }), BIEU01, sample)
    );
    await saveWorkbook(workbook, source);
    run = await annex("rollover", source, "--year", "2028", "-o", next);
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(next);
  }, 60_000);

  const figures = (column: string) =>
    BIEU01.indicators.filter((i) => sample.values[i.code]?.[column] !== undefined);

  test("KH 2027 goes to KH năm 2027, ƯTH 2026 to TH năm 2026 as a draft, each figure listed", () => {
    expect(run.code).toBe(0);
    const ws = book.worksheets[0];
    expect(ws.name).toBe("Biểu 01 - 2028");
    expect(ws.getCell(1, 1).value).toBe("UBND TỈNH LẠNG SƠN");
    expect(ws.getCell(2, 1).value).toBe("SỞ NỘI VỤ");
    let carried = 0;
    for (const ind of BIEU01.indicators) {
      const plan = sample.values[ind.code]?.planNext;
      const estimate = sample.values[ind.code]?.estimateCur;
      const r = rowOf(ind.code);
      if (typeof plan === "number") {
        expect(ws.getCell(r, col("planCur")).value).toBe(plan);
        carried++;
      }
      if (typeof estimate === "number") {
        const cell = ws.getCell(r, col("actualPrev"));
        expect(cell.value).toBe(estimate);
        expect(String(cell.note)).toContain("cần cập nhật số chính thức");
        carried++;
      }
    }
    expect(carried).toBeGreaterThan(50);
    const texts = figures("planNext").filter(
      (i) => typeof sample.values[i.code]?.planNext === "string"
    );
    expect(run.out).toContain(`Chuyển ${carried + texts.length} số`);
    expect(run.out).toMatch(/KH năm 2027 → KH năm 2027/);
    expect(run.out).toMatch(/ƯTH năm 2026 → TH năm 2026 \(bản nháp\)/);
    expect(run.out).toContain(
      "Để trống (nhập năm 2028): TH 6 tháng năm 2027, ƯTH năm 2027, KH năm 2028"
    );
  });

  test("nothing else is carried: the other input cells of 2028 are empty", () => {
    const ws = book.worksheets[0];
    for (const ind of BIEU01.indicators)
      for (const id of ["actual6m", "estimateCur", "planNext"]) {
        const v = ws.getCell(rowOf(ind.code), col(id)).value;
        expect({ code: ind.code, id, v }).toEqual({ code: ind.code, id, v: null });
      }
  });

  test("a second rollover of the same file gives the same bytes; another year is refused", async () => {
    const second = await annex("rollover", source, "--year", "2028", "-o", again);
    expect(second.code).toBe(0);
    expect(Buffer.compare(readFileSync(next), readFileSync(again))).toBe(0);
    const wrong = await annex("rollover", source, "--year", "2029", "-o", path.join(dir, "x.xlsx"));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain("biểu năm 2027; biểu năm sau là năm 2028, không phải 2029");
  }, 60_000);

  test("the new annex is an annex of 2028 that check reads", async () => {
    const check = await annex("check", next, "--json");
    const report = JSON.parse(check.out) as {
      files: Array<{ sheets: Array<{ template: { year: number } | null }> }>;
    };
    expect(report.files[0].sheets[0].template?.year).toBe(2028);
  });
});

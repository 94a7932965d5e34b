import * as path from "path";
import { buildAnnexLayout, CellValue, EVALUATION, SheetSnapshot, toA1 } from "../../src/domain";
import { formulaAt, valueAt } from "../../src/domain/sheet/snapshot";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { recalculate, sofficePath } from "../helpers/libreoffice";
import { template } from "../helpers/annex";

/**
 * Plans written as a change ("giảm 1-1,5%/năm", "tăng 5%") are written as formulas over their base
 * cell: LibreOffice recalculates them to the values the engine computed and cached, verdicts included.
 */
const soffice = sofficePath();
const onCi = process.env.CI === "true";

if (!soffice) {
  test("LibreOffice is installed (required on CI)", () => {
    if (onCi) throw new Error("soffice is missing: .ci/run must install libreoffice-calc-nogui");
    console.warn("LibreOffice (soffice) not found: the change-target referee is skipped here.");
  });
}

const tpl = template();
const YEAR = 2024;
const layout = buildAnnexLayout(tpl, { year: YEAR });
const col = (id: string) => tpl.columns.findIndex((c) => c.id === id);
const address = (code: string, id: string) => toA1(layout.rowOf.get(code) ?? -1, col(id));

/**
 * A Quảng Trị sheet (seed 002 plans "giảm bình quân 1-1,5%/năm" for the poverty rate; the rates
 * themselves are illustrative) with a change in each shape: a range of points, % of a count, a level
 * that lands on the base plus a decimal change, and a change with no base.
 */
const FIGURES: Record<string, Record<string, CellValue>> = {
  "22": {
    actualPrev: 6,
    planCur: "giảm 1-1,5%/năm",
    estimateCur: 4.8,
    planNext: "giảm 1-1,5%/năm",
  },
  "2": { actualPrev: 2000, planCur: "tăng 5%", estimateCur: 2100, planNext: "tăng 10%" },
  "13": { actualPrev: 57.72, planCur: "tăng 0,3%", estimateCur: 58.02, planNext: "đạt 85%" },
  "21": { actualPrev: 27620, planCur: "giảm 10%", estimateCur: 23510, planNext: "giảm 5%" },
  "10": { planCur: "giảm 0,5%", estimateCur: 3.1 },
};
const VERDICTS: Record<string, CellValue> = {
  "22": EVALUATION.met, // 4,80 within 6 − 1,5 … 6 − 1
  "2": EVALUATION.met, // 2.100 = 2.000 × 1,05
  // 57,72 + 0,3 is 58.019999999999996 in a double: equal to 58,02 as a spreadsheet compares
  "13": EVALUATION.met,
  "21": EVALUATION.exceeded, // 23.510 below 27.620 × 0,9 = 24.858
  "10": "", // no TH năm 2022: no level, no verdict
};

(soffice ? describe : describe.skip)("change targets recalculated by LibreOffice", () => {
  const dir = tempDir("annex-change-referee-");
  const file = path.join(dir, "quang-tri-2024.xlsx");
  let ours: SheetSnapshot;
  let theirs: SheetSnapshot;

  beforeAll(async () => {
    const made = await annex(
      "new",
      "--template",
      tpl.id,
      "--year",
      String(YEAR),
      "--authority",
      "UBND tỉnh Quảng Trị",
      "-o",
      file
    );
    expect(made.code).toBe(0);
    const opened = await readWorkbook(file);
    const ws = opened.workbook.worksheets[0];
    for (const [code, row] of Object.entries(FIGURES))
      for (const [id, v] of Object.entries(row)) ws.getCell(address(code, id)).value = v;
    await saveWorkbook(opened.workbook, file);
    expect((await annex("fill", file)).code).not.toBe(2);
    const out = await recalculate([file], dir);
    ours = workbookSnapshots((await readWorkbook(file)).workbook)[0];
    theirs = workbookSnapshots(
      (await readWorkbook(path.join(out, path.basename(file)))).workbook
    )[0];
  }, 240_000);

  test("the evaluations are the officer's, in our file and after LibreOffice", () => {
    for (const [code, verdict] of Object.entries(VERDICTS)) {
      const [r, c] = [layout.rowOf.get(code) ?? -1, col("evaluation")];
      expect(formulaAt(ours, r, c)).toBeDefined();
      expect([code, valueAt(ours, r, c)]).toEqual([code, verdict]);
      expect([code, valueAt(theirs, r, c)]).toEqual([code, verdict]);
    }
  });

  test("the formulas compute the level from the base cell", () => {
    const [r, c] = [layout.rowOf.get("22") ?? -1, col("evaluation")];
    const base = address("22", "actualPrev");
    expect(formulaAt(ours, r, c)).toContain(`${base}-1.5`);
    expect(formulaAt(ours, r, c)).toContain(`${base}-1`);
    expect(formulaAt(ours, layout.rowOf.get("2") ?? -1, c)).toContain(
      `${address("2", "actualPrev")}*1.05`
    );
  });

  test("every formula of the rows with changes recalculates to the value we cached", () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const code of Object.keys(FIGURES)) {
      const r = layout.rowOf.get(code) ?? -1;
      tpl.columns.forEach((_c, c) => {
        const formula = formulaAt(ours, r, c);
        if (formula === undefined) return;
        compared++;
        const [mine, lo] = [valueAt(ours, r, c), valueAt(theirs, r, c)];
        if (!sameValue(mine, lo))
          mismatches.push(
            `${toA1(r, c)} =${formula}: ours ${JSON.stringify(mine)}, LibreOffice ${JSON.stringify(lo)}`
          );
      });
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(Object.keys(FIGURES).length * 4);
  });
});

function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return JSON.stringify(a) === JSON.stringify(b);
}

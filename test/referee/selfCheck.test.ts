import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildAnnexLayout, CellValue } from "../../src/domain";
import { sameFormula } from "../../src/domain/layout/selfCheck";
import { addSelfCheckRules } from "../../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { recalculate, sofficePath } from "../helpers/libreoffice";
import { langSonSample, template } from "../helpers/annex";
import { openWorkbook, writeSampleAnnex } from "../helpers/workbooks";
import { conditionalFormats } from "../layout/selfCheckSheets";

/**
 * The self-checking sheet, refereed by LibreOffice (which stands for every recipient without the
 * add-in): a sheet with a broken "gồm" total, a "trong đó" part above its total and a 6-month figure
 * above the year's is filled by `annex fill`, recalculated by LibreOffice, and each problem row's
 * "Kiểm tra" cell names its problem while every other row's stays blank; the red rules come back
 * from the round trip on the right ranges with the right formulas, and nothing is added twice.
 */
const soffice = sofficePath();
const tpl = template();
const layout = buildAnnexLayout(tpl, { year: langSonSample.year });
const check = layout.selfCheck;
const col = (id: string) => tpl.columns.findIndex((c) => c.id === id) + 1;
const row = (code: string) => (layout.rowOf.get(code) ?? -1) + 1;

function text(v: ExcelJS.CellValue): CellValue {
  if (v && typeof v === "object" && "formula" in v)
    return ("result" in v ? (v.result ?? "") : "") as CellValue;
  return (v ?? "") as CellValue;
}

(soffice ? describe : describe.skip)(
  "a sheet that checks itself, recalculated by LibreOffice",
  () => {
    const dir = tempDir("annex-selfcheck-");
    let file: string;
    let back: ExcelJS.Worksheet;
    let broken: Map<number, string>;

    beforeAll(async () => {
      file = await writeSampleAnnex(dir, "broken.xlsx");
      const wb = await openWorkbook(file);
      const ws = wb.worksheets[0];
      const e = col("estimateCur");
      // "gồm": 1 = 1.1 + 1.2 + 1.3, made 7 too large; "trong đó": 38.1 made larger than 38;
      // flow: 6-month figure of 1.1 above its year.
      const partsSum = ["1.1", "1.2", "1.3"].reduce(
        (s, c) => s + Number(text(ws.getCell(row(c), e).value)),
        0
      );
      ws.getCell(row("1"), e).value = partsSum + 7;
      ws.getCell(row("38.1"), col("planNext")).value =
        Number(text(ws.getCell(row("38"), col("planNext")).value)) + 1;
      ws.getCell(row("1.1"), col("actual6m")).value =
        Number(text(ws.getCell(row("1.1"), e).value)) + 100;
      await saveWorkbook(wb, file);
      broken = new Map([
        [row("1"), "≠ tổng các dòng 1.1–1.3"],
        [row("38.1"), "> dòng 38"],
        [row("1.1"), "6 tháng > cả năm"],
      ]);
      const filled = await annex("fill", file);
      expect(filled.out).toMatch(/Đã ghi \d+ ô/);
      const out = await recalculate([file], dir);
      back = (await openWorkbook(path.join(out, path.basename(file)))).worksheets[0];
    }, 240_000);

    test("each broken row's Kiểm tra cell names its problem; every other row is blank", () => {
      const c = check.column + 1;
      expect(back.getCell(check.headerRow + 1, c).value).toBe("Kiểm tra");
      const seen = new Map<number, CellValue>();
      for (const cell of check.cells) {
        const got = back.getCell(cell.row + 1, c);
        expect(got.formula).toBeTruthy();
        seen.set(cell.row + 1, text(got.value));
      }
      for (const [r, words] of broken) expect(seen.get(r)).toBe(words);
      const others = [...seen].filter(([r]) => !broken.has(r));
      expect(others.length).toBeGreaterThan(20);
      expect(others.filter(([, v]) => v !== "")).toEqual([]);
    });

    test("annex fill cached the same words LibreOffice computes", async () => {
      const ours = (await openWorkbook(file)).worksheets[0];
      for (const cell of check.cells) {
        const [mine, lo] = [ours, back].map((ws) =>
          text(ws.getCell(cell.row + 1, cell.col + 1).value)
        );
        expect(`${cell.row + 1}: ${mine}`).toBe(`${cell.row + 1}: ${lo}`);
      }
    });

    test("the red rules come back on the right ranges with the right formulas", () => {
      const cfs = conditionalFormats(back);
      const found = (range: string, formula: string) =>
        cfs.some(
          (cf) =>
            cf.ref.replace(/\$/g, "") === range &&
            cf.rules.some((r) =>
              (r.formulae ?? []).some((f) => typeof f === "string" && sameFormula(f, formula))
            )
        );
      const missing = check.rules.filter((r) => !found(r.range, r.formula));
      expect(missing).toEqual([]);
      // The rule of the broken total covers the row's input columns, starting at the first of them.
      const total = check.rules.find((r) => r.problem === "sum" && r.range.endsWith(`${row("1")}`));
      expect(
        total?.range.startsWith(`${String.fromCharCode(64 + col("actualPrev"))}${row("1")}`)
      ).toBe(true);
      expect(total?.formula).toContain("SUM(");
      // A flow rule covers the 6-month column over a run of rows.
      expect(check.rules.some((r) => r.problem === "flow" && /^F\d+:F\d+$/.test(r.range))).toBe(
        true
      );
    });

    test("the Kiểm tra column is outside the print area, and nothing is added twice", async () => {
      const area = String(back.pageSetup.printArea ?? "");
      const lastPrinted = area.replace(/\$/g, "").split(":")[1]?.replace(/\d+/g, "");
      expect(lastPrinted).toBe(String.fromCharCode(64 + tpl.columns.length));
      const before = conditionalFormats(back).length;
      expect(addSelfCheckRules(back, check.rules)).toBe(0);
      expect(conditionalFormats(back).length).toBe(before);
      // A second fill finds the sheet current: nothing to write, the file untouched.
      const bytes = await fs.readFile(file);
      const again = await annex("fill", file);
      expect(again.out).toContain("0 ô công thức cần ghi");
      expect((await fs.readFile(file)).equals(bytes)).toBe(true);
      // The same after LibreOffice rewrote the file: its formulas and rules are recognised as ours.
      const lo = path.join(dir, "recalculated", path.basename(file));
      const loBytes = await fs.readFile(lo);
      const afterLo = await annex("fill", lo);
      expect(afterLo.out).toContain("0 ô công thức cần ghi");
      expect((await fs.readFile(lo)).equals(loBytes)).toBe(true);
    });
  }
);

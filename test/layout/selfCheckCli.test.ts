import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildAnnexLayout } from "../../src/domain";
import { AUTHORITY_PLACEHOLDER } from "../../src/domain/layout/annexLayout";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { template } from "../helpers/annex";
import { openWorkbook } from "../helpers/workbooks";
import { conditionalFormats, handMadeSheet } from "./selfCheckSheets";

/**
 * `annex fill --self-check` on a sheet made by hand: without the option nothing of the self-check is
 * written; with it, the "Kiểm tra" column, its words and the red rules, the print area leaving the
 * column out; a second run writes nothing and leaves the file's bytes as they were.
 */
const tpl = template();
const layout = buildAnnexLayout(tpl, { year: 2023 });
const col = (id: string) => tpl.columns.findIndex((c) => c.id === id) + 1;
const row = (code: string) => (layout.rowOf.get(code) ?? -1) + 1;

async function handMadeFile(dir: string): Promise<string> {
  const { wb, ws } = handMadeSheet(layout);
  const p = col("planNext");
  ws.getCell(row("38"), p).value = 100;
  ws.getCell(row("38.1"), p).value = 120; // "trong đó" above its total
  const file = path.join(dir, "cao-loc.xlsx");
  await saveWorkbook(wb, file);
  return file;
}

test("fill adds the self-check to a hand-made sheet only with --self-check, and only once", async () => {
  const dir = tempDir("annex-selfcheck-cli-");
  const file = await handMadeFile(dir);
  const check = layout.selfCheck.column + 1;
  const header = layout.headerRows[0] + 1;

  await annex("fill", file);
  let ws = (await openWorkbook(file)).worksheets[0];
  expect(ws.getCell(header, check).value).toBeNull();
  expect(conditionalFormats(ws)).toEqual([]);

  const asked = await annex("fill", file, "--self-check");
  expect(asked.out).toMatch(/Đã ghi \d+ ô/);
  ws = (await openWorkbook(file)).worksheets[0];
  expect(ws.getCell(header, check).value).toBe("Kiểm tra");
  expect((ws.getCell(row("38.1"), check).value as ExcelJS.CellFormulaValue).result).toBe(
    "> dòng 38"
  );
  expect(conditionalFormats(ws).length).toBe(layout.selfCheck.rules.length);
  const area = String(ws.pageSetup.printArea ?? "").replace(/\$/g, "");
  expect(area.split(":")[1]?.replace(/\d+/g, "")).toBe(
    String.fromCharCode(64 + tpl.columns.length)
  );

  const bytes = await fs.readFile(file);
  const again = await annex("fill", file, "--self-check");
  expect(again.out).toContain("0 ô công thức cần ghi");
  expect((await fs.readFile(file)).equals(bytes)).toBe(true);
});

test("annex new without --authority: A1 holds a visible placeholder, and the command says so", async () => {
  const file = path.join(tempDir("annex-new-"), "b01.xlsx");
  const made = await annex("new", "--template", tpl.id, "--year", "2023", "-o", file);
  expect(made.out).toContain(`ô A1 ghi "${AUTHORITY_PLACEHOLDER}"`);
  expect((await openWorkbook(file)).worksheets[0].getCell("A1").value).toBe(AUTHORITY_PLACEHOLDER);
});

test("a person's own 'Kiểm tra' column on a hand-made sheet is never taken for ours (#17)", async () => {
  const dir = tempDir("annex-selfcheck-own-");
  const { wb, ws } = handMadeSheet(layout);
  const own = layout.selfCheck.column + 1;
  const header = layout.headerRows[0] + 1;
  ws.getCell(header, own).value = "Kiểm tra";
  ws.getCell(row("1"), own).value = "đã đối chiếu với sổ";
  ws.getCell(row("38"), col("planNext")).value = 100;
  ws.getCell(row("38.1"), col("planNext")).value = 120; // "trong đó" above its total
  const file = path.join(dir, "cao-loc.xlsx");
  await saveWorkbook(wb, file);
  const formulasIn = (sheet: ExcelJS.Worksheet, c: number) => {
    const found: string[] = [];
    sheet.getColumn(c).eachCell((cell) => {
      if (cell.formula) found.push(cell.address);
    });
    return found;
  };

  await annex("fill", file);
  let read = (await openWorkbook(file)).worksheets[0];
  expect(formulasIn(read, own)).toEqual([]);
  expect(read.getCell(row("1"), own).value).toBe("đã đối chiếu với sổ");
  expect(conditionalFormats(read)).toEqual([]);

  // Asked for: ours goes into a free column beside it, the person's column stays as typed.
  await annex("fill", file, "--self-check");
  read = (await openWorkbook(file)).worksheets[0];
  expect(formulasIn(read, own)).toEqual([]);
  expect(read.getCell(row("1"), own).value).toBe("đã đối chiếu với sổ");
  expect(read.getCell(header, own + 1).value).toBe("Kiểm tra");
  expect((read.getCell(row("38.1"), own + 1).value as ExcelJS.CellFormulaValue).result).toBe(
    "> dòng 38"
  );
  // And ours is recognised by its formulas afterwards: a second run writes nothing.
  const bytes = await fs.readFile(file);
  const again = await annex("fill", file);
  expect(again.out).toContain("0 ô công thức cần ghi");
  expect((await fs.readFile(file)).equals(bytes)).toBe(true);
});

import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { checkDistrictFile } from "../../src/app/districtFiles";
import {
  writeEmbeddedTemplate,
  readEmbeddedTemplates,
} from "../../src/adapters/xlsx/embeddedTemplates";
import { writeMetadata } from "../../src/adapters/xlsx/metadata";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import type { TemplateInput } from "../../src/domain/template/schema";
import { EMBEDDED_COLUMN } from "../../src/domain/sheet/embeddedTemplates";
import { annex, tempDir } from "../helpers/cli";
import { handMadeWorkbook } from "../helpers/handMadeWorkbook";
import { THAI_BINH, THAI_BINH_MERGES } from "../helpers/handMadeSheets";

/**
 * Issue #20: a template learned once travels inside the workbook. The province learns its own sheet
 * with --embed and sends copies to its communes; each commune's file is checked, filled and merged
 * with the embedded template, with no JSON, and the pane's files tab (Hồ sơ huyện) checks it the same.
 */
const SHEET = "Quý I-2020";

async function learnedFile(dir: string): Promise<string> {
  const file = path.join(dir, "mau-tinh.xlsx");
  await saveWorkbook(
    handMadeWorkbook([{ name: SHEET, rows: THAI_BINH, merges: THAI_BINH_MERGES }]),
    file
  );
  const r = await annex("learn", file, "--embed");
  expect(r.code).toBe(0);
  return file;
}

/** A commune's copy: its own title block and its jobs figure, everything else as sent. */
async function communeCopy(
  source: string,
  dir: string,
  name: string,
  jobs: number
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  const ws = wb.getWorksheet(SHEET)!;
  ws.getCell("A1").value = `UBND ${name.toUpperCase()}`;
  ws.getCell("A2").value = "PHÒNG VĂN HÓA - XÃ HỘI";
  ws.getCell("F9").value = jobs;
  ws.getCell("F10").value = jobs - 1540;
  const file = path.join(dir, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

const errorsOf = (json: string) =>
  JSON.parse(json)
    .files.flatMap(
      (f: {
        sheets: Array<{ findings: Array<{ severity: string; ruleId: string; cells: string[] }> }>;
      }) => f.sheets.flatMap((s) => s.findings)
    )
    .filter((f: { severity: string }) => f.severity === "error")
    .map((f: { ruleId: string; cells: string[] }) => `${f.ruleId} ${f.cells[0]}`)
    .sort();

describe("a template kept in the workbook", () => {
  test("a commune's copy is checked, filled and merged with it, and the pane checks it the same", async () => {
    const dir = tempDir();
    const province = await learnedFile(dir);
    const a = await communeCopy(province, dir, "xa-an-binh", 7000);
    const b = await communeCopy(province, dir, "xa-dong-lam", 6000);

    const checked = await annex("check", a, "--json");
    expect(errorsOf(checked.out)).toEqual(["sum.mismatch F18"]);
    const id = JSON.parse(checked.out).files[0].sheets[0].template.id as string;
    expect(id).toMatch(/^mau-/);

    // The pane's files tab reads the same bytes and finds the same.
    const bytes = await fs.readFile(a);
    const pane = await checkDistrictFile({
      name: "xa-an-binh.xlsx",
      arrayBuffer: async () =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    });
    expect(pane.sheets[0].annex?.templateId).toBe(id);
    expect(
      pane.sheets[0].findings
        .filter((f) => f.severity === "error")
        .map((f) => `${f.ruleId} ${f.cells[0]}`)
    ).toEqual(["sum.mismatch F18"]);

    // fill writes the comparison columns and keeps the template in the file.
    const filled = await annex("fill", a, "--force");
    expect(filled.out).toMatch(/Trang tính "Quý I-2020": \d+ ô công thức cần ghi/);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(a);
    expect(readEmbeddedTemplates(after).map((e) => e.id)).toEqual([id]);
    expect(after.getWorksheet(SHEET)!.getCell("G9").formula).toBeTruthy();

    // merge sums the communes with the same template, and the province's file carries it too.
    const out = path.join(dir, "tinh.xlsx");
    const merged = await annex("merge", a, b, "-o", out);
    expect(merged.err).not.toMatch(/không tổng hợp/);
    const total = await annex("check", out, "--json");
    const sheet = JSON.parse(total.out).files[0].sheets[0];
    expect(sheet.template.id).toBe(id);
  });

  test("annex new from a learned template makes next year's blank annex, which carries the template", async () => {
    const dir = tempDir();
    const province = path.join(dir, "nam-2020.xlsx");
    await saveWorkbook(
      handMadeWorkbook([{ name: SHEET, rows: THAI_BINH, merges: THAI_BINH_MERGES }]),
      province
    );
    const json = path.join(dir, "mau.json");
    expect((await annex("learn", province, "-o", json)).code).toBe(0);
    const blank = path.join(dir, "trong-2021.xlsx");
    const made = await annex(
      "new",
      "--template",
      json,
      "--year",
      "2021",
      "--authority",
      "UBND tỉnh Thái Bình",
      "-o",
      blank
    );
    expect(made.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    const id = JSON.parse(await fs.readFile(json, "utf8")).id as string;
    expect(readEmbeddedTemplates(wb).map((e) => [e.id, e.template !== undefined])).toEqual([
      [id, true],
    ]);
    // Next year's headers: "TH quý I/2020", "KH năm 2021", "Ước TH quý I/2021".
    const header = wb.worksheets[0].getRow(8).values as unknown[];
    expect(header).toEqual(
      expect.arrayContaining(["TH quý I/2020", "KH năm 2021", "Ước TH quý I/2021"])
    );
    // A commune checks its blank copy with no JSON: the form is known, its figures are owed.
    const checked = await annex("check", blank, "--json");
    const sheet = JSON.parse(checked.out).files[0].sheets[0];
    expect(sheet.template).toEqual({ id, version: "1.0.0", year: 2021, form: "Biểu số 02" });
    expect(sheet.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain(
      "sheet.unknown-template"
    );
    // And the year after, made by annex rollover from this one, still carries the form (#21).
    const later = path.join(dir, "bieu-2022.xlsx");
    const rolled = await annex("rollover", blank, "--year", "2022", "-o", later);
    expect(rolled.code).toBe(0);
    expect(rolled.out).toContain("Mẫu biểu riêng của tỉnh (Biểu số 02) được giữ trong");
    const next = new ExcelJS.Workbook();
    await next.xlsx.readFile(later);
    expect(readEmbeddedTemplates(next).map((e) => [e.id, e.template !== undefined])).toEqual([
      [id, true],
    ]);
    const checkedNext = await annex("check", later, "--json");
    expect(JSON.parse(checkedNext.out).files[0].sheets[0].template).toEqual({
      id,
      version: "1.0.0",
      year: 2022,
      form: "Biểu số 02",
    });
  });

  test("files of one template in two versions are reported by merge, not mixed", async () => {
    const dir = tempDir();
    const province = await learnedFile(dir);
    const a = await communeCopy(province, dir, "xa-an-binh", 7000);
    const b = await communeCopy(province, dir, "xa-dong-lam", 6000);
    // The province changed its form after sending it to one commune.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(b);
    const kept = readEmbeddedTemplates(wb)[0];
    const data = { ...(kept.template as TemplateInput), version: "1.1.0" };
    writeEmbeddedTemplate(wb, data);
    writeMetadata(wb, SHEET, { templateId: data.id, templateVersion: "1.1.0", year: 2020 });
    await wb.xlsx.writeFile(b);
    expect(
      JSON.parse((await annex("check", b, "--json")).out).files[0].sheets[0].template.version
    ).toBe("1.1.0");

    const merged = await annex("merge", a, b, "-o", path.join(dir, "tinh.xlsx"));
    expect(merged.code).toBe(1);
    expect(merged.out + merged.err).toMatch(
      /xa-dong-lam\.xlsx" làm theo Biểu số 02 phiên bản 1\.1\.0, không phải phiên bản 1\.0\.0/
    );
  });

  test("a template edited by hand in _annex is not used (its hash no longer matches)", async () => {
    const dir = tempDir();
    const file = await learnedFile(dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("_annex")!;
    const cell = ws.getCell(2, EMBEDDED_COLUMN + 1 + 4); // the piece of JSON, right of id, version, hash, part
    cell.value = String(cell.value).replace('"kind":"rate"', '"kind":"count"');
    await wb.xlsx.writeFile(file);
    const kept = readEmbeddedTemplates(wb);
    expect(kept[0].template).toBeUndefined();
    expect(kept[0].problems?.[0].vi).toContain("đã bị sửa tay");
    const r = await annex("check", file);
    // Told why, in words: no template id, not "unknown form".
    expect(r.out).toMatch(
      /mẫu biểu lưu kèm trong sổ tính, nhưng mẫu đó không dùng được: [\s\S]*đã bị sửa tay/
    );
    expect(r.out).not.toMatch(/mau-[0-9a-f]{6,}/);
    expect(r.code).toBe(1);
  });
});

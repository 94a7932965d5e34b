import { promises as fs } from "fs";
import * as path from "path";
import { buildAnnexLayout, toA1 } from "../../src/domain";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { template } from "../helpers/annex";

/** annex new|check|fill --targets FILE: the province's targets file, on real .xlsx files. */
const TARGETS = path.join(__dirname, "../../src/samples/targets/lang-son-2023.json");
const tpl = template();
const layout = buildAnnexLayout(tpl, { year: 2023 });
const address = (code: string, columnId: string) =>
  toA1(
    layout.rowOf.get(code) ?? -1,
    tpl.columns.findIndex((c) => c.id === columnId)
  );
const NEW = ["new", "--template", tpl.id, "--year", "2023", "--authority", "UBND tỉnh Lạng Sơn"];

describe("--targets", () => {
  const dir = tempDir("annex-targets-");

  test("new: the input cells' prompts name Lạng Sơn's targets", async () => {
    const file = path.join(dir, "new.xlsx");
    const r = await annex(...NEW, "--targets", TARGETS, "-o", file);
    expect(r.code).toBe(0);
    const ws = (await readWorkbook(file)).workbook.worksheets[0];
    expect(ws.getCell(address("13", "planNext")).dataValidation?.prompt).toContain(
      "Chỉ tiêu: đạt 62%"
    );
    // Without the file no province's target is named.
    const plain = path.join(dir, "plain.xlsx");
    expect((await annex(...NEW, "-o", plain)).code).toBe(0);
    const ws2 = (await readWorkbook(plain)).workbook.worksheets[0];
    expect(ws2.getCell(address("13", "planNext")).dataValidation?.prompt).not.toContain("62%");
  });

  test("new: a file for another year is refused, naming both years", async () => {
    const file = path.join(dir, "2024.xlsx");
    const r = await annex(
      "new",
      "--template",
      tpl.id,
      "--year",
      "2024",
      "--targets",
      TARGETS,
      "-o",
      file
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("2023");
    expect(r.err).toContain("2024");
    await expect(fs.access(file)).rejects.toThrow();
  });

  test("check and fill: a plan under the target is a warning; a bad file is refused by path", async () => {
    const file = path.join(dir, "check.xlsx");
    expect((await annex(...NEW, "-o", file)).code).toBe(0);
    const opened = await readWorkbook(file);
    const ws = opened.workbook.worksheets[0];
    ws.getCell(address("13", "estimateCur")).value = 58;
    ws.getCell(address("13", "planNext")).value = 60;
    await saveWorkbook(opened.workbook, file);

    const checked = await annex("check", file, "--targets", TARGETS);
    expect(checked.out).toContain(address("13", "planNext"));
    expect(checked.out).toContain("đạt 62%");
    const without = await annex("check", file);
    expect(without.out).not.toContain("đạt 62%");
    expect((await annex("fill", file, "--targets", TARGETS)).code).toBe(0);

    const bad = path.join(dir, "bad.json");
    const data = JSON.parse(await fs.readFile(TARGETS, "utf8"));
    data.targets[1].indicator = "13.9";
    await fs.writeFile(bad, JSON.stringify(data));
    const refused = await annex("check", file, "--targets", bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('targets[1].indicator: không có chỉ tiêu "13.9"');
    const missing = await annex("check", file, "--targets", path.join(dir, "none.json"));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("--targets");
  });
});

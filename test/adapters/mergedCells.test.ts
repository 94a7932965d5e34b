import * as path from "path";
import { createHash } from "crypto";
import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import { sheetSnapshot } from "../../src/adapters/xlsx/readSheet";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";

/**
 * Issue #10: a row's input cells merged with its derived cells (D20:M20, 52 000 typed in D20). `fill`
 * wrote `=""` over the merge and the figure was gone; a re-check said nothing.
 */
const D20 = sampleAddress("6", "actualPrev");
const M20 = sampleAddress("6", "note");
const MERGE = `${D20}:${M20}`;

async function mergedAnnex(): Promise<string> {
  const dir = tempDir("annex-merge-");
  const wb = await openWorkbook(await writeSampleAnnex(dir));
  const ws = wb.worksheets[0];
  const row = ws.getCell(D20).row as unknown as number;
  for (let c = ws.getCell(D20).col as unknown as number; c <= Number(ws.getCell(M20).col); c++)
    ws.getRow(row).getCell(c).value = null;
  ws.mergeCells(MERGE);
  ws.getCell(D20).value = 52000;
  const file = path.join(dir, "merged.xlsx");
  await saveWorkbook(wb, file);
  return file;
}

const hash = async (file: string) =>
  createHash("sha256")
    .update(await fs.readFile(file))
    .digest("hex");

describe("merged input and derived cells", () => {
  test("the ExcelJS reader lists each merge as an A1 range, its value in the top-left cell", () => {
    const ws = new ExcelJS.Workbook().addWorksheet("Biểu");
    ws.getCell("B2").value = 5;
    ws.mergeCells("D20:M20");
    ws.getCell("D20").value = 52000;
    ws.mergeCells("A1:A3");
    const s = sheetSnapshot(ws);
    expect([...(s.merges ?? [])].sort()).toEqual(["A1:A3", "D20:M20"]);
    expect(s.values[19]?.[3]).toBe(52000);
    expect(s.values[19]?.[7] ?? "").toBe("");
    expect(sheetSnapshot(new ExcelJS.Workbook().addWorksheet("x")).merges).toBeUndefined();
  });

  test("fill keeps the typed figure, says why, and a second fill writes nothing", async () => {
    const file = await mergedAnnex();
    const filled = await annex("fill", file);
    expect(filled.code).not.toBe(2);
    expect(filled.out).toContain(`nằm trong vùng ô gộp ${MERGE}, đang giữ số liệu 52000`);
    expect(filled.out).toContain(`Hãy bỏ gộp ô ${MERGE}`);
    expect(filled.out).not.toContain("--force");
    const ws = (await openWorkbook(file)).worksheets[0];
    expect(ws.getCell(D20).value).toBe(52000);
    expect(ws.getCell(D20).formula).toBeUndefined();
    // The rest of the sheet was filled as usual.
    expect(ws.getCell(sampleAddress("2", "pctPlan")).formula).toMatch(/^IF\(/);

    const before = await hash(file);
    const again = await annex("fill", file);
    expect(again.out).toContain("0 ô công thức cần ghi");
    expect(await hash(file)).toBe(before);
    // Even asked to overwrite, nothing is written into the merge.
    await annex("fill", file, "--force");
    expect((await openWorkbook(file)).worksheets[0].getCell(D20).value).toBe(52000);
  });

  test("check reports the merge as an error telling to unmerge", async () => {
    const file = await mergedAnnex();
    const before = await hash(file);
    const checked = await annex("check", file, "--json");
    expect(checked.code).toBe(1);
    const report = JSON.parse(checked.out) as {
      files: Array<{ sheets: Array<{ findings: Array<Record<string, unknown>> }> }>;
    };
    const findings = report.files[0].sheets[0].findings;
    const merge = findings.filter((f) => f.ruleId === "merge.input-derived");
    expect(merge).toHaveLength(1);
    expect(merge[0]).toMatchObject({ severity: "error", cell: D20 });
    expect(JSON.stringify(merge[0])).toContain(`bỏ gộp ô ${MERGE}`);
    expect(await hash(file)).toBe(before);
  });
});

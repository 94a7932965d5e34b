import * as path from "path";
import ExcelJS from "exceljs";
import { readEmbeddedTemplates } from "../../src/adapters/xlsx/embeddedTemplates";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { handMadeWorkbook } from "../helpers/handMadeWorkbook";
import { THAI_BINH, THAI_BINH_MERGES } from "../helpers/handMadeSheets";
import { recalculate, sofficePath } from "../helpers/libreoffice";

/**
 * Issue #20: the template kept in the workbook survives what happens to a file on its way to a
 * commune and back — edits as Excel makes them (a sheet added, a figure retyped, a blank row
 * inserted between indicators) and a round trip through LibreOffice — and `annex check` still uses
 * it, finding the same slip.
 */
const soffice = sofficePath();
const SHEET = "Quý I-2020";

const errorsOf = (out: string): string[] =>
  JSON.parse(out)
    .files[0].sheets.flatMap(
      (s: { findings: Array<{ severity: string; ruleId: string; cells: string[] }> }) => s.findings
    )
    .filter((f: { severity: string }) => f.severity === "error")
    .map((f: { ruleId: string; cells: string[] }) => `${f.ruleId} ${f.cells[0]}`);

(soffice ? describe : describe.skip)(
  "a template kept in the workbook, edited and through LibreOffice",
  () => {
    test("is still there, intact, and the check uses it", async () => {
      const dir = tempDir();
      const file = path.join(dir, "xa.xlsx");
      await saveWorkbook(
        handMadeWorkbook([{ name: SHEET, rows: THAI_BINH, merges: THAI_BINH_MERGES }]),
        file
      );
      expect((await annex("learn", file, "--embed")).code).toBe(0);
      const id = readEmbeddedTemplates(await open(file))[0].id;

      // Edits as a person makes them in Excel.
      const wb = await open(file);
      wb.addWorksheet("Ghi chép").getCell("A1").value = "Số liệu gửi huyện";
      const ws = wb.getWorksheet(SHEET)!;
      ws.getCell("D10").value = 4960;
      ws.getCell("D9").value = 6490;
      ws.spliceRows(13, 0, []);
      await wb.xlsx.writeFile(file);
      const edited = await annex("check", file, "--json");
      expect(JSON.parse(edited.out).files[0].sheets[0].template.id).toBe(id);
      expect(errorsOf(edited.out)).toEqual(["sum.mismatch F19"]);

      const outDir = await recalculate([file], dir);
      const back = path.join(outDir, "xa.xlsx");
      const kept = readEmbeddedTemplates(await open(back));
      expect(kept.map((k) => [k.id, k.template !== undefined])).toEqual([[id, true]]);
      const checked = await annex("check", back, "--json");
      expect(JSON.parse(checked.out).files[0].sheets[0].template.id).toBe(id);
      expect(errorsOf(checked.out)).toEqual(["sum.mismatch F19"]);
    }, 240_000);
  }
);

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

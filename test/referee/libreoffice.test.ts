import * as path from "path";
import { builtInTemplates, CellValue, SheetSnapshot } from "../../src/domain";
import { formulaAt, valueAt } from "../../src/domain/sheet/snapshot";
import { readMetadata } from "../../src/adapters/xlsx/metadata";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { analyzeFile } from "../../src/cli/workbooks";
import { annex, tempDir } from "../helpers/cli";
import { recalculate, sofficePath } from "../helpers/libreoffice";
import { randomFigures } from "../../src/samples/randomFigures";
import { writeSampleAnnex } from "../helpers/workbooks";

/**
 * LibreOffice is the referee: every workbook the tool writes is recalculated by a real spreadsheet
 * engine, and each formula's value must equal the result the engine cached. Skipped only on a
 * developer machine without LibreOffice; on CI (CI=true) a missing soffice fails the run.
 */
const soffice = sofficePath();
const onCi = process.env.CI === "true";

if (!soffice) {
  test("LibreOffice is installed (required on CI)", () => {
    if (onCi) throw new Error("soffice is missing: .ci/run must install libreoffice-calc-nogui");
    console.warn("LibreOffice (soffice) not found: the recalculation referee is skipped here.");
  });
}

const DECOY = 987654.321;

(soffice ? describe : describe.skip)("formulas recalculated by LibreOffice", () => {
  const dir = tempDir("annex-referee-");
  const files: string[] = [];
  let decoy: string;
  let recalculated: string;

  beforeAll(async () => {
    files.push(await writeSampleAnnex(dir, "lang-son-2023.xlsx"));
    for (const t of builtInTemplates()) {
      for (const seed of [1, 2]) {
        files.push(
          await writeSampleAnnex(dir, `${t.id}-${seed}.xlsx`, randomFigures(t, 2024, seed * 7919))
        );
      }
    }
    // Each fill writes its formulas: exit 0, or 1 where the sample has errors of its own (fill's status
    // follows the annex's errors, #10); 2 would mean it could not do its job.
    for (const f of files) expect((await annex("fill", f)).code).toBeLessThan(2);
    // A copy whose cached results are all wrong: LibreOffice must replace every one.
    decoy = path.join(dir, "decoy.xlsx");
    const opened = await readWorkbook(files[0]);
    opened.workbook.worksheets[0].eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) cell.value = { formula: cell.formula, result: DECOY };
      })
    );
    await saveWorkbook(opened.workbook, decoy);
    recalculated = await recalculate([...files, decoy], dir);
  }, 240_000);

  const annexSheet = async (file: string): Promise<SheetSnapshot> =>
    workbookSnapshots((await readWorkbook(file)).workbook)[0];

  test("every formula LibreOffice recalculates equals the result we cached", async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const file of files) {
      const ours = await annexSheet(file);
      const theirs = await annexSheet(path.join(recalculated, path.basename(file)));
      ours.formulas.forEach((row, r) =>
        row?.forEach((_f, c) => {
          const formula = formulaAt(ours, r, c);
          if (formula === undefined) return;
          compared++;
          const [mine, lo] = [valueAt(ours, r, c), valueAt(theirs, r, c)];
          if (!sameValue(mine, lo))
            mismatches.push(
              `${path.basename(file)} R${r + 1}C${c + 1} =${formula}: ours ${JSON.stringify(mine)}, LibreOffice ${JSON.stringify(lo)}`
            );
        })
      );
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(files.length * 30);
  });

  test("the referee really recalculates: wrong cached results are replaced", async () => {
    const theirs = await annexSheet(path.join(recalculated, "decoy.xlsx"));
    const ours = await annexSheet(files[0]);
    let formulas = 0;
    theirs.formulas.forEach((row, r) =>
      row?.forEach((_f, c) => {
        if (formulaAt(theirs, r, c) === undefined) return;
        formulas++;
        expect(valueAt(theirs, r, c)).not.toBe(DECOY);
        expect(sameValue(valueAt(ours, r, c), valueAt(theirs, r, c))).toBe(true);
      })
    );
    expect(formulas).toBeGreaterThan(100);
  });

  test("after LibreOffice, the metadata is still there and the engine finds nothing to fill", async () => {
    for (const file of files) {
      const back = path.join(recalculated, path.basename(file));
      expect(readMetadata((await readWorkbook(back)).workbook)).toEqual(
        readMetadata((await readWorkbook(file)).workbook)
      );
      const { analysis } = await analyzeFile(back, {
        templates: builtInTemplates(),
        locale: "vi-VN",
      });
      expect(analysis.sheets[0].annex?.yearSource).toBe("metadata");
      expect(analysis.sheets[0].plan.writes).toEqual([]);
    }
  });
});

function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return JSON.stringify(a) === JSON.stringify(b);
}

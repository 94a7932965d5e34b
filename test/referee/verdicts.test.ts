import * as path from "path";
import { buildAnnexLayout, CellValue, SheetSnapshot, toA1 } from "../../src/domain";
import { formulaAt, valueAt } from "../../src/domain/sheet/snapshot";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { recalculate, sofficePath } from "../helpers/libreoffice";
import { template } from "../helpers/annex";
import { VERDICT_CASES, VerdictCase } from "../helpers/verdictTable";

/**
 * The verdict table (test/helpers/verdictTable.ts) on a real sheet: `annex new`, the figures typed,
 * `annex fill` writes the Đánh giá formulas, LibreOffice recalculates them. One case per row of the
 * form, each on a row of the same kind and direction as the table's, as many as the form has such rows.
 */
const soffice = sofficePath();
const onCi = process.env.CI === "true";

if (!soffice) {
  test("LibreOffice is installed (required on CI)", () => {
    if (onCi) throw new Error("soffice is missing: .ci/run must install libreoffice-calc-nogui");
    console.warn("LibreOffice (soffice) not found: the verdict referee is skipped here.");
  });
}

const tpl = template();
const YEAR = 2024;
const layout = buildAnnexLayout(tpl, { year: YEAR });
const col = (id: string) => tpl.columns.findIndex((c) => c.id === id);
const address = (code: string, id: string) => toA1(layout.rowOf.get(code) ?? -1, col(id));

/** Rows of Biểu 01 with no relation, by kind and direction: a case is placed on one of them. */
const FREE_ROWS: Record<string, string[]> = {
  "count up": ["2", "7", "12", "42", "45", "46", "47", "49", "59", "66", "65", "40", "91"],
  "rate up": ["13", "19", "34", "37"],
  "rate down": ["10"],
  "count down": ["36", "35", "39", "44"],
  "count neutral": ["14", "26", "27", "30", "31", "67", "73", "48"],
};
const placed: Array<{ code: string; c: VerdictCase }> = [];
// Round robin over the table's rows, so that row 2's many cases do not take every free row of their
// kind before row 65's (both count up).
const byCode = new Map<string, VerdictCase[]>();
for (const c of VERDICT_CASES) byCode.set(c.code, [...(byCode.get(c.code) ?? []), c]);
const longest = Math.max(...[...byCode.values()].map((l) => l.length));
for (let k = 0; k < longest; k++)
  for (const cases of byCode.values()) {
    const c = cases[k];
    if (!c) continue;
    const ind = tpl.indicators.find((i) => i.code === c.code);
    const free = ind && FREE_ROWS[`${ind.kind} ${ind.direction}`];
    const code = free?.shift();
    if (code) placed.push({ code, c });
  }

(soffice ? describe : describe.skip)("the verdict table recalculated by LibreOffice", () => {
  const dir = tempDir("annex-verdict-referee-");
  const file = path.join(dir, "verdicts-2024.xlsx");
  let ours: SheetSnapshot;
  let theirs: SheetSnapshot;

  beforeAll(async () => {
    const made = await annex("new", "--template", tpl.id, "--year", String(YEAR), "-o", file);
    expect(made.code).toBe(0);
    const opened = await readWorkbook(file);
    const ws = opened.workbook.worksheets[0];
    for (const { code, c } of placed) {
      ws.getCell(address(code, "planCur")).value = c.target;
      ws.getCell(address(code, "estimateCur")).value = c.value;
      if (c.base !== undefined) ws.getCell(address(code, "actualPrev")).value = c.base;
    }
    await saveWorkbook(opened.workbook, file);
    expect((await annex("fill", file)).code).not.toBe(2);
    const out = await recalculate([file], dir);
    ours = workbookSnapshots((await readWorkbook(file)).workbook)[0];
    theirs = workbookSnapshots(
      (await readWorkbook(path.join(out, path.basename(file)))).workbook
    )[0];
  }, 240_000);

  test("a case of every kind of target and every direction is on the sheet", () => {
    expect(placed.length).toBeGreaterThanOrEqual(20);
    const kinds = new Set(placed.map(({ c }) => `${c.code}`));
    expect([...kinds].sort()).toEqual(["10", "13", "2", "36", "65", "67"]);
  });

  test("the Đánh giá formula, cached by us and recalculated by LibreOffice, gives the table's verdict", () => {
    const seen: Array<[string, string, CellValue, CellValue]> = [];
    const want: Array<[string, string, CellValue, CellValue]> = [];
    for (const { code, c } of placed) {
      const [r, e] = [layout.rowOf.get(code) ?? -1, col("evaluation")];
      const name = `${code}: ${String(c.target)} / ${c.value}`;
      if (c.expected !== "") expect(formulaAt(ours, r, e)).toBeDefined();
      seen.push([name, c.why, valueAt(ours, r, e), valueAt(theirs, r, e)]);
      want.push([name, c.why, c.expected, c.expected]);
    }
    expect(seen).toEqual(want);
  });
});

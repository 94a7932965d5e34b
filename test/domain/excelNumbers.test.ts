import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeSheet, Finding, NumberLocale } from "../../src/domain";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { formatInfo } from "../../src/domain/sheet/numberFormat";
import { parseNumber } from "../../src/domain/numbers/parseNumber";
import { dateText } from "../../src/domain/rules/checks/cells";
import { tempDir } from "../helpers/cli";
import { template, TestAnnex } from "../helpers/annex";

/**
 * Numbers as Excel really holds them (issue #11, #10): percent-formatted cells, the precision a person
 * wrote, "x" and "-", whole counts and dates — typed into real .xlsx files through ExcelJS, read back
 * the way `annex check` reads them.
 */
const dir = tempDir("annex-excel-numbers-");
let fileCount = 0;

type Typed = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

/** A new annex file of a template, with cells typed by indicator code and column id, read back. */
async function typed(
  templateId: string,
  year: number,
  cells: ReadonlyArray<readonly [code: string, columnId: string, value: Typed]>,
  locale: NumberLocale = "vi-VN"
): Promise<{
  findings: readonly Finding[];
  layout: TestAnnex;
  analysis: ReturnType<typeof analyzeSheet>;
}> {
  const tpl = template(templateId);
  const layout = new TestAnnex(tpl, year);
  const workbook = await newAnnexWorkbook({ template: tpl, year });
  const ws = workbook.worksheets[0];
  for (const [code, columnId, v] of cells) {
    const cell = ws.getCell(layout.address(code, columnId));
    if (v !== null && typeof v === "object" && "numFmt" in v) {
      cell.value = v.value;
      cell.numFmt = v.numFmt;
    } else cell.value = v;
  }
  const file = path.join(dir, `typed-${++fileCount}.xlsx`);
  await saveWorkbook(workbook, file);
  const [sheet] = workbookSnapshots((await readWorkbook(file)).workbook);
  const analysis = analyzeSheet(sheet, { locale, overwrite: false });
  return { findings: analysis.findings, layout, analysis };
}

const at = (findings: readonly Finding[], cell: string) =>
  findings.filter((f) => f.cells[0] === cell).map((f) => f.ruleId);

describe("a percent-formatted cell reads as the percentage it shows", () => {
  test("10,75% typed in Excel (0.1075, format 0.00%) is 10.75 in the checks: no 0–100 slip, no false ratio", async () => {
    // Biểu 01 row 22 (poverty rate) = row 21 / row 20 × 100: 23.510 / 192.650 = 12,2035 %.
    const { findings, layout } = await typed("bieu-01-ke-hoach-nam", 2023, [
      ["20", "actualPrev", 192650],
      ["21", "actualPrev", 23510],
      ["22", "actualPrev", { value: 0.122, numFmt: "0.00%" }],
      ["20", "estimateCur", 192650],
      ["21", "estimateCur", 23510],
      ["22", "estimateCur", { value: 0.1075, numFmt: "0.00%" }],
    ]);
    expect(at(findings, layout.address("22", "actualPrev"))).toEqual([]);
    // 10,75 against 12,20: a real mismatch, stated in the percentage the cell shows.
    const slip = findings.find(
      (f) => f.ruleId === "ratio.mismatch" && f.cells[0] === layout.address("22", "estimateCur")
    );
    expect(slip?.message.vi).toContain("10,75%");
    expect(slip?.message.vi).toContain("12,2035%");
  });

  test("the formula comparing a percent-formatted rate with a plain one reads it × 100", async () => {
    // Row 13 (trained-labour rate), compared in percentage points: ƯTH 57,72% (percent cell) − KH 60.
    const { analysis, layout } = await typed("bieu-01-ke-hoach-nam", 2023, [
      ["13", "planCur", 60],
      ["13", "estimateCur", { value: 0.5772, numFmt: "0.00%" }],
      ["13", "actualPrev", 55.1],
    ]);
    const est = layout.address("13", "estimateCur");
    const plan = layout.address("13", "planCur");
    const pct = analysis.derived.find((d) => d.indicator.code === "13" && d.columnId === "pctPlan");
    expect(pct?.formula).toBe(`IF(AND(ISNUMBER(${est}),ISNUMBER(${plan})),${est}*100-${plan},"")`);
    expect(pct?.value).toBeCloseTo(-2.28, 10);
    const yoy = analysis.derived.find((d) => d.indicator.code === "13" && d.columnId === "yoy");
    expect(yoy?.value).toBeCloseTo(2.62, 10);
  });
});

describe("rounding tolerance from the precision the person wrote", () => {
  test('the published "537/615 đạt 87,3%" passes in a 2-decimal cell; 87,1 does not', async () => {
    // Biểu 03 row 3 (share of houses finished) = row 2 / row 1 × 100 = 87,317…%.
    const ok = await typed("bieu-03-ho-tro-nha-o-nguoi-co-cong", 2022, [
      ["1", "actual6m", 615],
      ["2", "actual6m", 537],
      ["3", "actual6m", { value: 87.3, numFmt: "0.00" }],
    ]);
    expect(ok.findings.filter((f) => f.ruleId.startsWith("ratio."))).toEqual([]);
    const slip = await typed("bieu-03-ho-tro-nha-o-nguoi-co-cong", 2022, [
      ["1", "actual6m", 615],
      ["2", "actual6m", 537],
      ["3", "actual6m", { value: 87.1, numFmt: "0.00" }],
    ]);
    expect(at(slip.findings, slip.layout.address("3", "actual6m"))).toContain("ratio.mismatch");
  });

  test("a value with more decimals than its format shows is held to the format: 87,32 (87.3171 shown) passes, 87,33 does not", async () => {
    const shown = await typed("bieu-03-ho-tro-nha-o-nguoi-co-cong", 2022, [
      ["1", "actual6m", 615],
      ["2", "actual6m", 537],
      ["3", "actual6m", { value: 87.3171, numFmt: "0.00" }],
    ]);
    expect(shown.findings.filter((f) => f.ruleId.startsWith("ratio."))).toEqual([]);
    const off = await typed("bieu-03-ho-tro-nha-o-nguoi-co-cong", 2022, [
      ["1", "actual6m", 615],
      ["2", "actual6m", 537],
      ["3", "actual6m", { value: 87.33, numFmt: "0.00" }],
    ]);
    expect(at(off.findings, off.layout.address("3", "actual6m"))).toContain("ratio.rounding");
  });

  test('text "87,3" stands for [87,25; 87,35) too', async () => {
    const { findings } = await typed("bieu-03-ho-tro-nha-o-nguoi-co-cong", 2022, [
      ["1", "actual6m", 615],
      ["2", "actual6m", 537],
      ["3", "actual6m", "87,3"],
    ]);
    expect(findings.filter((f) => f.ruleId.startsWith("ratio."))).toEqual([]);
  });
});

describe('"x" and "-" in a required cell', () => {
  // Row 1 (new jobs) is a main indicator: every period column asks for it.
  test.each(["x", "X", "-", "–"])('"%s" is neither missing nor text', async (mark) => {
    const { findings, layout } = await typed("bieu-01-ke-hoach-nam", 2023, [
      ["1", "planCur", mark],
    ]);
    expect(at(findings, layout.address("1", "planCur"))).toEqual([]);
    expect(at(findings, layout.address("1", "actualPrev"))).toEqual(["required.missing"]);
  });

  test('an empty cell and "..." (not yet known) are still missing', async () => {
    const { findings, layout } = await typed("bieu-01-ke-hoach-nam", 2023, [
      ["1", "planCur", "..."],
    ]);
    expect(at(findings, layout.address("1", "planCur"))).toEqual(["required.missing"]);
    expect(at(findings, layout.address("1", "estimateCur"))).toEqual(["required.missing"]);
  });
});

describe("counts are whole", () => {
  test.each<NumberLocale>(["vi-VN", "en-US"])(
    '"1.058" typed as text in a count cell is 1.058 people, not ambiguous (%s)',
    async (locale) => {
      const { findings, layout } = await typed(
        "bieu-01-ke-hoach-nam",
        2023,
        [["1", "actualPrev", "1.058"]],
        locale
      );
      const cell = layout.address("1", "actualPrev");
      const hits = findings.filter((f) => f.cells[0] === cell);
      expect(hits.map((f) => f.ruleId)).toEqual(["type.number-as-text"]);
      expect(hits[0].fix?.value).toBe(1058);
      expect(hits[0].message.vi).not.toContain("sẽ là");
    }
  );

  test('in a rate cell "1.058" stays ambiguous, and the parser says so without the count hint', () => {
    const read = parseNumber("1.058", "vi-VN");
    expect(read.kind === "number" && read.ambiguous?.alternative).toBe(1.058);
    const whole = parseNumber("1.058", "en-US", { whole: true });
    expect(whole).toMatchObject({ kind: "number", value: 1058, decimals: 0 });
    expect(whole.kind === "number" && whole.ambiguous).toBeFalsy();
    expect(parseNumber("16,000", "vi-VN", { whole: true })).toMatchObject({ value: 16000 });
  });
});

describe("dates in figure cells (#10)", () => {
  test("31/12/2021 typed into a count cell is type.not-a-number, named as the date", async () => {
    const { findings, layout, analysis } = await typed("bieu-01-ke-hoach-nam", 2023, [
      ["1", "actualPrev", { value: new Date(Date.UTC(2021, 11, 31)), numFmt: "dd/mm/yyyy" }],
      ["1", "estimateCur", { value: 44561, numFmt: "m/d/yyyy" }],
      ["1", "planCur", { value: 0.5, numFmt: "h:mm" }],
      ["1", "planNext", 16000],
    ]);
    for (const col of ["actualPrev", "estimateCur", "planCur"]) {
      expect(at(findings, layout.address("1", col))).toEqual(["type.not-a-number"]);
    }
    const hit = findings.find((f) => f.cells[0] === layout.address("1", "actualPrev"));
    expect(hit?.found?.vi).toBe("31/12/2021");
    expect(hit?.message.vi).toContain("44.561");
    expect(at(findings, layout.address("1", "planNext"))).toEqual([]);
    // Not a figure for the relations either: the parts of row 1 are not summed against a date.
    expect(findings.some((f) => f.ruleId === "sum.mismatch")).toBe(false);
    expect(analysis.annex).toBeDefined();
  });

  test("date and time formats are told from figure formats", () => {
    for (const f of [
      "dd/mm/yyyy",
      "m/d/yyyy",
      "[$-42A]dd/mm/yyyy",
      "h:mm",
      "[h]:mm:ss",
      "mmm-yy",
      "yyyy",
    ]) {
      expect([f, formatInfo(f)?.date]).toEqual([f, true]);
    }
    for (const f of [
      "0.00",
      "#,##0",
      "0.00%",
      '#,##0 "người"',
      "0.0E+00",
      "General",
      "[Red]#,##0",
      "_-* #,##0_-",
    ]) {
      expect([f, formatInfo(f)?.date ?? false]).toEqual([f, false]);
    }
    expect(dateText(44561)).toBe("31/12/2021");
    expect(dateText(1)).toBe("01/01/1900");
    expect(dateText(0.5)).toBe("12:00");
  });
});

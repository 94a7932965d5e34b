import { writeFileSync } from "fs";
import * as path from "path";
import { CellValue, SampleFigures, SheetSnapshot, Template } from "../../src/domain";
import { DETAIL_SHEET } from "../../src/domain/consolidate";
import { formulaAt, valueAt } from "../../src/domain/sheet/snapshot";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { buildAnnexLayout, samplePlan } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { randomFigures } from "../../src/samples/randomFigures";
import { annex, tempDir } from "../helpers/cli";
import { template } from "../helpers/annex";
import { recalculate, sofficePath } from "../helpers/libreoffice";

/**
 * annex merge on real files: three districts' annexes of Biểu 01 made from the random figures, one of
 * another template, a second file of one district and a file that is no workbook.
 */
const BIEU01 = template("bieu-01-ke-hoach-nam");
const DISTRICTS = [
  { file: "cao-loc.xlsx", authority: "UBND huyện Cao Lộc", seed: 101 },
  { file: "dinh-lap.xlsx", authority: "UBND huyện Đình Lập", seed: 202 },
  { file: "loc-binh.xlsx", authority: "UBND huyện Lộc Bình", seed: 303 },
];

async function districtFile(
  dir: string,
  name: string,
  authority: string,
  tpl: Template,
  sample: SampleFigures
): Promise<string> {
  const workbook = await newAnnexWorkbook({
    template: tpl,
    year: sample.year,
    authority,
    unitName: "Phòng Lao động - Thương binh và Xã hội",
  });
  const layout = buildAnnexLayout(tpl, { year: sample.year });
  applyWritePlan(workbook.worksheets[0], samplePlan(layout, tpl, sample));
  const file = path.join(dir, name);
  await saveWorkbook(workbook, file);
  return file;
}

const samples = DISTRICTS.map((d) => randomFigures(BIEU01, 2023, d.seed));
const inputIds = BIEU01.columns.filter((c) => c.role === "input").map((c) => c.id);
const colOf = (id: string) => BIEU01.columns.findIndex((c) => c.id === id);

async function sheets(file: string): Promise<SheetSnapshot[]> {
  return workbookSnapshots((await readWorkbook(file)).workbook);
}

/** The districts' figures for one cell, numbers only (text targets are not summed). */
function numbers(code: string, column: string): number[] {
  return samples
    .map((s) => s.values[code]?.[column])
    .filter((v): v is number => typeof v === "number");
}

const layout = buildAnnexLayout(BIEU01, { year: 2023 });
const rowOf = (code: string) => {
  const r = layout.rowOf.get(code);
  if (r === undefined) throw new Error(code);
  return r;
};

describe("annex merge", () => {
  const dir = tempDir("annex-merge-");
  const output = path.join(dir, "tinh.xlsx");
  const files: string[] = [];
  let run: Awaited<ReturnType<typeof annex>>;
  let merged: SheetSnapshot[];

  beforeAll(async () => {
    for (const [k, d] of DISTRICTS.entries())
      files.push(await districtFile(dir, d.file, d.authority, BIEU01, samples[k]));
    const bieu02 = template("bieu-02-bao-cao-6-thang");
    files.push(
      await districtFile(
        dir,
        "van-quan.xlsx",
        "UBND huyện Văn Quan",
        bieu02,
        randomFigures(bieu02, 2023, 404)
      )
    );
    files.push(
      await districtFile(
        dir,
        "cao-loc-lan-2.xlsx",
        "UBND huyện Cao Lộc",
        BIEU01,
        randomFigures(BIEU01, 2023, 505)
      )
    );
    const notes = path.join(dir, "ghi-chu.xlsx");
    writeFileSync(notes, "không phải sổ Excel");
    files.push(notes);
    run = await annex("merge", ...files, "-o", output, "--unit", "Sở LĐTBXH tỉnh Lạng Sơn");
    merged = await sheets(output);
  }, 60_000);

  test("writes the province's annex and the detail sheet, and names every file left out", () => {
    expect(run.code).toBe(1); // files were left out, and the random figures hold errors
    expect(merged.map((s) => s.name)).toEqual(["Biểu 01 - 2023", DETAIL_SHEET]);
    // districts' errors make it an error, said first, with what else is wrong
    expect(run.out).toMatch(
      /^Lỗi: đã tổng hợp 3 huyện vào .*, nhưng .*3 huyện có lỗi, 3 tệp không được tổng hợp, \d+ ô để trống/
    );
    expect(run.out).toMatch(/Không tổng hợp 3 tệp/);
    expect(run.out).toMatch(/van-quan\.xlsx" theo mẫu Biểu số 02/);
    expect(run.out).toMatch(
      /cao-loc-lan-2\.xlsx" cùng đơn vị với ".*cao-loc\.xlsx".*Nếu đúng là hai tệp khác nhau, dùng --allow-duplicates\./
    );
    expect(run.out).toMatch(/ghi-chu\.xlsx/);
    // each district is listed with its own errors, named as the list of units names it (issue #21)
    for (const d of DISTRICTS) expect(run.out).toContain(`Huyện ${d.authority.slice(11)} (`);
    expect(run.out).toMatch(/ {4}Lỗi [A-Z]+\d+: /);
  });

  test("merge reads a district's cells only: the same sheets as a full read, without its validations and conditional formats", async () => {
    // what ExcelJS keeps of both (not in its typings)
    const skipped = (ws: unknown) => {
      const w = ws as { dataValidations: { model: object }; conditionalFormattings: unknown[] };
      return Object.keys(w.dataValidations.model).length + w.conditionalFormattings.length;
    };
    const full = await readWorkbook(files[0]);
    expect(skipped(full.workbook.worksheets[0])).toBeGreaterThan(0); // the file has what is skipped
    const cells = await readWorkbook(files[0], { cellsOnly: true });
    expect(skipped(cells.workbook.worksheets[0])).toBe(0);
    expect(workbookSnapshots(cells.workbook)).toEqual(workbookSnapshots(full.workbook));
  });

  test("counts and amounts are the sums of the districts' figures, as live SUMs over the detail sheet", () => {
    const [province, detail] = merged;
    let compared = 0;
    for (const ind of BIEU01.indicators) {
      if (ind.kind === "rate" || ind.kind === "points") continue;
      for (const id of inputIds) {
        const r = rowOf(ind.code);
        const c = colOf(id);
        const figures = numbers(ind.code, id);
        const cached = valueAt(province, r, c);
        if (!figures.length) expect(cached).toBe("");
        else
          expect(cached).toBeCloseTo(
            figures.reduce((a, b) => a + b, 0),
            6
          );
        expect(formulaAt(province, r, c)).toMatch(
          /^IF\(COUNT\('Chi tiết theo huyện'!\w+:\w+\)=0,"",SUM\(/
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
    // the detail sheet holds each district's figure at the same row
    const r = rowOf("1");
    const firstDistrictCol = 3;
    expect(valueAt(detail, r, firstDistrictCol)).toBe(samples[0].values["1"].actualPrev ?? "");
  });

  test("a rate is recomputed from the summed numerator and denominator where every district gives both, never averaged", () => {
    const [province] = merged;
    let differsFromAverage = 0;
    let recomputed = 0;
    let partial = 0;
    for (const id of inputIds) {
      const num = numbers("21", id);
      const den = numbers("20", id);
      const cached = valueAt(province, rowOf("22"), colOf(id));
      expect(formulaAt(province, rowOf("22"), colOf(id))).toMatch(
        /^IF\(AND\(COUNT\('Chi tiết theo huyện'!\w+:\w+\)=3,COUNT\(/
      );
      if (num.length < 3 || den.length < 3) {
        // a base some district did not give: empty, never a rate over part of it
        expect(cached).toBe("");
        if (num.length && den.length) partial++;
        continue;
      }
      const expected = (num.reduce((a, b) => a + b, 0) / den.reduce((a, b) => a + b, 0)) * 100;
      expect(cached).toBeCloseTo(expected, 9);
      recomputed++;
      const rates = numbers("22", id);
      const average = rates.reduce((a, b) => a + b, 0) / rates.length;
      if (Math.abs(average - expected) > 0.01) differsFromAverage++;
    }
    expect(recomputed).toBeGreaterThan(0);
    expect(differsFromAverage).toBeGreaterThan(0);
    // each partial base is named in the report, and check of the merged file finds it
    expect(
      (run.out.match(/ \(22\), ô [A-Z]+\d+: Để trống ở cột .*: tỷ lệ chỉ được tính lại/g) ?? [])
        .length
    ).toBe(partial);
    // a rate without counts in the template is left empty, with the reason in the report
    expect(valueAt(province, rowOf("10"), colOf("actualPrev"))).toBe("");
    expect(run.out).toMatch(
      / \(10\), ô [A-Z]+[0-9]+: Để trống: mẫu biểu không cho biết tử số và mẫu số/
    );
  });

  test("points follow from the recomputed rates", () => {
    const [province] = merged;
    const rate = (id: string) => valueAt(province, rowOf("22"), colOf(id));
    const points = valueAt(province, rowOf("23"), colOf("estimateCur"));
    const [prev, cur] = [rate("actualPrev"), rate("estimateCur")];
    if (typeof prev === "number" && typeof cur === "number")
      expect(points).toBeCloseTo(prev - cur, 9);
    else expect(points).toBe("");
    expect(formulaAt(province, rowOf("23"), colOf("estimateCur"))).toContain(
      `${String.fromCharCode(65 + colOf("actualPrev"))}${rowOf("22") + 1}-`
    );
  });

  test("the province's file is a normal annex: check recognises it and reads the detail sheet as no annex", async () => {
    const checked = await annex("check", output, "--json");
    const report = JSON.parse(checked.out) as {
      files: Array<{
        sheets: Array<{ template: { id: string; year: number } | null }>;
        ignoredSheets: string[];
      }>;
    };
    expect(report.files[0].sheets[0].template).toMatchObject({ id: BIEU01.id, year: 2023 });
    expect(report.files[0].ignoredSheets).toEqual([DETAIL_SHEET]);
    // the derived columns are already filled: fill has nothing to write
    const fill = await annex("fill", output);
    expect(fill.out).toContain(": 0 ô công thức cần ghi");
    expect(fill.out).toContain("tệp giữ nguyên");
  });

  test("a second file of a district goes in with --allow-duplicates, its column named by its file", async () => {
    const out2 = path.join(dir, "tinh-2.xlsx");
    const again = await annex("merge", files[0], files[4], "-o", out2, "--allow-duplicates");
    expect(again.out).toMatch(/đã tổng hợp 2 huyện/);
    const [, detail] = await sheets(out2);
    const headers = [3, 4].map((c) => valueAt(detail, layout.headerRows[1], c));
    expect(headers).toEqual(["Huyện Cao Lộc (cao-loc.xlsx)", "Huyện Cao Lộc (cao-loc-lan-2.xlsx)"]);
  });

  test("--targets: the province's targets name themselves in the consolidated annex's prompts", async () => {
    const out3 = path.join(dir, "tinh-chi-tieu.xlsx");
    const targets = path.join(__dirname, "../../src/samples/targets/lang-son-2023.json");
    const withTargets = await annex(
      "merge",
      ...files.slice(0, 3),
      "-o",
      out3,
      "--targets",
      targets,
      "--authority",
      "UBND tỉnh Lạng Sơn",
      "--unit",
      "Sở LĐTBXH tỉnh Lạng Sơn"
    );
    expect(withTargets.out).toMatch(/đã tổng hợp 3 huyện/);
    const wb = (await readWorkbook(out3)).workbook;
    const cell = wb.worksheets[0].getCell(rowOf("1") + 1, colOf("planNext") + 1);
    expect(cell.dataValidation?.prompt).toContain("16.000");
  });

  test("plan cells written as text are not summed and are named in the report", () => {
    const texts = samples.flatMap((s) =>
      Object.values(s.values).flatMap((row) =>
        Object.values(row).filter((v) => typeof v === "string")
      )
    );
    expect(texts.length).toBeGreaterThan(0);
    expect(run.out).toMatch(/Ô ghi bằng chữ không được cộng vào tổng — Huyện [^:]+: "[^"]+" \(/);
  });

  test("--template chooses the form: the files of another form are left out", async () => {
    const out4 = path.join(dir, "tinh-bieu-02.xlsx");
    const chosen = await annex(
      "merge",
      ...files.slice(0, 4),
      "-o",
      out4,
      "--template",
      "bieu-02-bao-cao-6-thang"
    );
    expect(chosen.out).toMatch(/đã tổng hợp 1 huyện/);
    expect(chosen.out).toMatch(/cao-loc\.xlsx" theo mẫu Biểu số 01/);
    const unknown = await annex(
      "merge",
      files[0],
      "-o",
      path.join(dir, "x.xlsx"),
      "--template",
      "bieu-99"
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Không có mẫu biểu "bieu-99"');
  });

  test("nothing to merge: exit 2, no file written", async () => {
    const none = await annex("merge", files[5], "-o", path.join(dir, "rong.xlsx"));
    expect(none.code).toBe(2);
    expect(none.err).toContain("Không có tệp nào tổng hợp được");
  });

  (sofficePath() ? describe : describe.skip)("LibreOffice recalculates", () => {
    let ours: SheetSnapshot[];
    let theirs: SheetSnapshot[];
    let edited: SheetSnapshot[];
    const DELTA = 1000;

    beforeAll(async () => {
      // A copy where a person corrected Cao Lộc's figure for indicator 1 in the detail sheet.
      const opened = await readWorkbook(output);
      const ws = opened.workbook.getWorksheet(DETAIL_SHEET);
      const cell = ws?.getCell(rowOf("1") + 1, 3 + 1);
      if (!cell) throw new Error("no detail sheet");
      cell.value = Number(cell.value ?? 0) + DELTA;
      const editedFile = path.join(dir, "tinh-sua.xlsx");
      await saveWorkbook(opened.workbook, editedFile);
      const out = await recalculate([output, editedFile], dir);
      ours = merged;
      theirs = await sheets(path.join(out, "tinh.xlsx"));
      edited = await sheets(path.join(out, "tinh-sua.xlsx"));
    }, 240_000);

    test("every formula of the province's annex recalculates to the result we cached", () => {
      const mismatches: string[] = [];
      let compared = 0;
      const [mine] = ours;
      const lo = theirs.find((s) => s.name === mine.name);
      if (!lo) throw new Error("annex sheet missing after LibreOffice");
      mine.formulas.forEach((row, r) =>
        row?.forEach((_f, c) => {
          // the template's columns: what the merge and the fill path wrote
          if (c >= BIEU01.columns.length) return;
          const formula = formulaAt(mine, r, c);
          if (formula === undefined) return;
          compared++;
          if (!same(valueAt(mine, r, c), valueAt(lo, r, c)))
            mismatches.push(
              `R${r + 1}C${c + 1} =${formula}: ours ${valueAt(mine, r, c)}, LibreOffice ${valueAt(lo, r, c)}`
            );
        })
      );
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(300);
    });

    test("a district's figure corrected in the detail sheet changes the province's total", () => {
      const before = valueAt(ours[0], rowOf("1"), colOf("actualPrev"));
      const after = valueAt(edited[0], rowOf("1"), colOf("actualPrev"));
      expect(after).toBeCloseTo(Number(before || 0) + DELTA, 6);
    });
  });
});

function same(a: CellValue, b: CellValue): boolean {
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return a === b;
}

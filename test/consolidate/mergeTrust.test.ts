import { copyFileSync, mkdirSync } from "fs";
import * as path from "path";
import { buildAnnexLayout, SheetSnapshot, Template } from "../../src/domain";
import { valueAt } from "../../src/domain/sheet/snapshot";
import { templateForPeriod } from "../../src/domain/template/headers";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { annex, tempDir } from "../helpers/cli";
import { template } from "../helpers/annex";

/**
 * annex merge you can trust (issue #19), on real files through the command: the same unit never
 * counted twice (the same path twice, copies under other names, the browser's "(1)", a previous
 * merge's output in the glob), no periods mixed, no rate from half a base, and an exit status that
 * says what the words say and what `annex check` of the merged file says.
 */
const BIEU01 = template("bieu-01-ke-hoach-nam");

type Cells = Record<string, Record<string, number | string>>;

async function unitFile(
  dir: string,
  name: string,
  authority: string | undefined,
  cells: Cells,
  tpl: Template = BIEU01
): Promise<string> {
  const workbook = await newAnnexWorkbook({
    template: tpl,
    year: 2023,
    ...(authority ? { authority } : {}),
  });
  const layout = buildAnnexLayout(tpl, { year: 2023 });
  const ws = workbook.worksheets[0];
  for (const [code, row] of Object.entries(cells))
    for (const [column, value] of Object.entries(row)) {
      const r = layout.rowOf.get(code);
      const c = tpl.columns.findIndex((x) => x.id === column);
      if (r === undefined || c < 0) throw new Error(`${code} ${column}`);
      ws.getCell(r + 1, c + 1).value = value;
    }
  const file = path.join(dir, name);
  await saveWorkbook(workbook, file);
  return file;
}

async function sheets(file: string): Promise<SheetSnapshot[]> {
  return workbookSnapshots((await readWorkbook(file)).workbook);
}

const layout = buildAnnexLayout(BIEU01, { year: 2023 });
const at = (code: string, column: string) => ({
  row: layout.rowOf.get(code) ?? -1,
  col: BIEU01.columns.findIndex((c) => c.id === column),
});
async function jobs(file: string): Promise<unknown> {
  const [province] = await sheets(file);
  const { row, col } = at("2", "actualPrev");
  return valueAt(province, row, col);
}

describe("annex merge: one unit, one column", () => {
  const dir = tempDir("annex-trust-");
  const huyen = path.join(dir, "huyen");
  let caoLoc: string;
  let dinhLap: string;

  beforeAll(async () => {
    mkdirSync(huyen);
    // Title blocks left as the form has them (no authority): nothing but the files tells the
    // units apart, as when a district forgets to fill its name in. Today both copies are summed.
    caoLoc = await unitFile(huyen, "cao-loc.xlsx", undefined, { "2": { actualPrev: 1200 } });
    dinhLap = await unitFile(huyen, "dinh-lap.xlsx", undefined, { "2": { actualPrev: 300 } });
  }, 30_000);

  test("the same file given twice under two spellings of its path is counted once", async () => {
    const out = path.join(dir, "tinh-path.xlsx");
    const other = `${huyen}/../huyen/./cao-loc.xlsx`;
    const run = await annex("merge", caoLoc, dinhLap, other, "-o", out);
    expect(await jobs(out)).toBe(1500); // today 2700
    expect(run.code).toBe(1);
    expect(run.out).toContain("Cùng một tệp đưa vào hai lần (1):");
    expect(run.out).toContain(`"${other}" là chính tệp "${caoLoc}" (đưa vào hai lần)`);
    expect(run.out).toMatch(/^Cảnh báo: đã tổng hợp 2 huyện .*, nhưng 1 tệp không được tổng hợp/);
  });

  test("byte-identical copies under other names, and the browser's '(1)', are counted once; the original is kept", async () => {
    const copy = path.join(huyen, "cao-loc - Copy.xlsx");
    const download = path.join(huyen, "cao-loc (1).xlsx");
    copyFileSync(caoLoc, copy);
    copyFileSync(caoLoc, download);
    const out = path.join(dir, "tinh-copies.xlsx");
    // the glob sorts "cao-loc (1).xlsx" first: the original is kept all the same
    const run = await annex("merge", path.join(huyen, "*.xlsx"), "-o", out);
    expect(await jobs(out)).toBe(1500); // today 3900
    expect(run.out).toContain("Bản sao y hệt của tệp khác (2):");
    // (the glob gives the files' paths as it found them)
    const named = (file: string) => `${path.basename(file)}" là bản sao y hệt của "`;
    expect(run.out).toMatch(
      new RegExp(`${named(download).replace(/[()]/g, "\\$&")}[^"]*cao-loc\\.xlsx"`)
    );
    expect(run.out).toMatch(new RegExp(`${named(copy)}[^"]*cao-loc\\.xlsx"`));
    expect(run.out).toMatch(/\n {2}[^\n]*\([^)]*\/cao-loc\.xlsx\): /);
    expect(run.out).not.toMatch(/\n {2}[^\n]*\([^)]*\/cao-loc \(1\)\.xlsx\): /);
    // --allow-duplicates never lets a copy of a file in
    const allowed = await annex(
      "merge",
      caoLoc,
      download,
      "-o",
      path.join(dir, "tinh-allow.xlsx"),
      "--allow-duplicates"
    );
    expect(allowed.out).toContain("là bản sao y hệt của");
    expect(await jobs(path.join(dir, "tinh-allow.xlsx"))).toBe(1200);
  });

  test("a previous merge's output matched by the glob is named and left out, not taken as one more unit", async () => {
    const glob = path.join(dir, "lan2", "*.xlsx");
    mkdirSync(path.dirname(glob));
    const [a, b] = [caoLoc, dinhLap].map((f) => path.join(path.dirname(glob), path.basename(f)));
    copyFileSync(caoLoc, a);
    copyFileSync(dinhLap, b);
    const first = path.join(path.dirname(glob), "tinh.xlsx");
    await annex("merge", glob, "-o", first);
    expect(await jobs(first)).toBe(1500);
    const second = path.join(dir, "tinh-lan-2.xlsx");
    const run = await annex("merge", glob, "-o", second);
    expect(await jobs(second)).toBe(1500); // today 3000
    expect(run.out).toContain("Biểu tổng hợp, không phải biểu của một đơn vị (1):");
    expect(run.out).toMatch(/\/tinh\.xlsx" là một biểu tổng hợp từ 2 đơn vị/);
    expect(run.code).toBe(1);
  });
});

describe("annex merge: one form, one period", () => {
  const dir = tempDir("annex-trust-period-");
  const BIEU02 = template("bieu-02-bao-cao-6-thang");
  const count = BIEU02.indicators.find((i) => i.kind === "count")!.code;

  test("a quý I and a 6-month Biểu 02 are not summed; the annex is headed for the period merged", async () => {
    const q1 = templateForPeriod(BIEU02, "quy-1");
    const files = [
      await unitFile(dir, "a.xlsx", "UBND huyện Cao Lộc", { [count]: { actual6m: 10 } }, q1),
      await unitFile(dir, "b.xlsx", "UBND huyện Đình Lập", { [count]: { actual6m: 20 } }, q1),
      await unitFile(
        dir,
        "c.xlsx",
        "UBND huyện Lộc Bình",
        { [count]: { actual6m: 400 } },
        templateForPeriod(BIEU02, "6-thang")
      ),
    ];
    const out = path.join(dir, "tinh.xlsx");
    const run = await annex("merge", ...files, "-o", out);
    expect(run.out).toContain("Kỳ báo cáo khác (1):");
    expect(run.out).toContain('c.xlsx" là báo cáo 6 tháng năm 2023, không phải quý I');
    const [province] = await sheets(out);
    const q1Layout = buildAnnexLayout(q1, { year: 2023 });
    const row = q1Layout.rowOf.get(count)!;
    const col = q1.columns.findIndex((c) => c.id === "actual6m");
    expect(valueAt(province, row, col)).toBe(30); // today 430
    const title = province.values
      .slice(0, q1Layout.headerRows[1] + 1)
      .flat()
      .join(" ");
    expect(title).toMatch(/QUÝ I NĂM 2023/);
    expect(title).not.toMatch(/6 tháng/i);
    expect(province.metadata?.period).toBe("quy-1");
  }, 30_000);
});

describe("annex merge: rates from whole bases, and exit statuses that agree", () => {
  const dir = tempDir("annex-trust-rate-");

  test("a rate from half a base is left empty with a note, and check of the merged file reports it", async () => {
    // 2 × 1.220 poor households; only Cao Lộc gives the 10.000 households: 24,4 % where 12,2 % is right
    const files = [
      await unitFile(dir, "cao-loc.xlsx", "UBND huyện Cao Lộc", {
        "20": { actualPrev: 10000 },
        "21": { actualPrev: 1220 },
      }),
      await unitFile(dir, "dinh-lap.xlsx", "UBND huyện Đình Lập", { "21": { actualPrev: 1220 } }),
    ];
    const out = path.join(dir, "tinh.xlsx");
    const run = await annex("merge", ...files, "-o", out);
    const [province] = await sheets(out);
    const { row, col } = at("22", "actualPrev");
    expect(valueAt(province, row, col)).toBe(""); // today 24.4
    const cell = `${String.fromCharCode(65 + col)}${row + 1}`;
    expect(run.out).toContain(
      `(22), ô ${cell}: Để trống ở cột TH năm 2021: tỷ lệ chỉ được tính lại khi mọi đơn vị`
    );
    // units named as the list of units names them (issue #21)
    expect(run.out).toContain("thiếu ở Huyện Đình Lập (mẫu số)");
    // a warning, never a success; no error anywhere, nothing left out: exit 0, as check's
    expect(run.out).toMatch(/^Cảnh báo: đã tổng hợp 2 huyện .*, nhưng \d+ ô để trống/);
    expect(run.out).not.toMatch(/^Đã tổng hợp/m);
    expect(run.code).toBe(0);
    const checked = await annex("check", out, "--json");
    const report = JSON.parse(checked.out) as {
      files: Array<{ sheets: Array<{ findings: Array<{ ruleId: string; cells: string[] }> }> }>;
    };
    const findings = report.files[0].sheets[0].findings;
    expect(
      findings.filter((f) => f.ruleId === "consolidated.partial-base").map((f) => f.cells[0])
    ).toEqual([cell]);
    expect(findings.some((f) => f.ruleId === "consolidated.left-empty")).toBe(true);
    expect(checked.code).toBe(run.code);
  }, 30_000);

  test("a consolidated annex with an error makes merge exit 1, as check of the merged file does", async () => {
    // Each district's annex is without error (Đình Lập left its total blank: a warning); the sum of
    // the totals (10) is not the sum of the parts (15) in the consolidated annex.
    const files = [
      await unitFile(dir, "a.xlsx", "UBND huyện Cao Lộc", {
        "1": { actualPrev: 10 },
        "1.1": { actualPrev: 6 },
        "1.2": { actualPrev: 4 },
        "1.3": { actualPrev: 0 },
      }),
      await unitFile(dir, "b.xlsx", "UBND huyện Đình Lập", {
        "1.1": { actualPrev: 3 },
        "1.2": { actualPrev: 2 },
        "1.3": { actualPrev: 0 },
      }),
    ];
    const out = path.join(dir, "tinh-loi.xlsx");
    const run = await annex("merge", ...files, "-o", out);
    expect(run.out).toMatch(/Theo huyện:\n {2}Huyện Cao Lộc \([^)]*\): 0 lỗi/);
    expect(run.out).toMatch(/\n {2}Huyện Đình Lập \([^)]*\): 0 lỗi/);
    expect(run.out).toMatch(/^Lỗi: đã tổng hợp 2 huyện .*, nhưng biểu tổng hợp có 1 lỗi/);
    expect(run.out).toContain("Biểu tổng hợp có 1 lỗi");
    expect(run.code).toBe(1); // today 0
    const checked = await annex("check", out);
    expect(checked.code).toBe(1);
  }, 30_000);
});

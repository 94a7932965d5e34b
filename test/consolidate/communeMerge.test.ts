import * as path from "path";
import ExcelJS from "exceljs";
import { buildAnnexLayout, samplePlan, Template } from "../../src/domain";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { REPORT_SHEETS } from "../../src/adapters/xlsx/reportWorkbook";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { formulaAt } from "../../src/domain/sheet/snapshot";
import { randomFigures } from "../../src/samples/randomFigures";
import { annex, tempDir } from "../helpers/cli";
import { template } from "../helpers/annex";

/**
 * Issue #21: from 2026 communes send, so `annex merge` and `annex check --report` consolidate and
 * count communes ("Chi tiết theo xã", "Đã nhận 3/65 xã, phường của Lạng Sơn"), name the missing, and
 * leave out a file of another province; a 2024 batch of districts still works as before.
 */
const BIEU01 = template("bieu-01-ke-hoach-nam");

async function unitFile(
  dir: string,
  name: string,
  authority: string,
  unitName: string,
  year: number,
  seed: number,
  tpl: Template = BIEU01
): Promise<string> {
  const workbook = await newAnnexWorkbook({ template: tpl, year, authority, unitName });
  const layout = buildAnnexLayout(tpl, { year });
  applyWritePlan(workbook.worksheets[0], samplePlan(layout, tpl, randomFigures(tpl, year, seed)));
  const file = path.join(dir, name);
  await saveWorkbook(workbook, file);
  return file;
}

describe("annex merge and check --report of communes (2027)", () => {
  const dir = tempDir("annex-communes-");
  const output = path.join(dir, "tinh.xlsx");
  const report = path.join(dir, "bao-cao.xlsx");
  const files: string[] = [];
  let merge: Awaited<ReturnType<typeof annex>>;
  let check: Awaited<ReturnType<typeof annex>>;

  beforeAll(async () => {
    const phong = "Phòng Văn hóa - Xã hội";
    files.push(await unitFile(dir, "huu-lung.xlsx", "UBND XÃ HỮU LŨNG", phong, 2027, 11));
    files.push(
      await unitFile(dir, "ky-lua.xlsx", "Ủy ban nhân dân phường Kỳ Lừa", phong, 2027, 22)
    );
    // no diacritics and no "xã"
    files.push(await unitFile(dir, "dong-dang.xlsx", "UBND Dong Dang", phong, 2027, 33));
    // the same commune again, written another way
    files.push(await unitFile(dir, "huu-lung-2.xlsx", "UBND xa Huu Lung", phong, 2027, 44));
    // a ward of Quảng Trị (Đồng Hới was Quảng Bình's town)
    files.push(await unitFile(dir, "dong-hoi.xlsx", "UBND phường Đồng Hới", phong, 2027, 55));
    merge = await annex("merge", ...files, "-o", output, "--province", "Lạng Sơn");
    check = await annex("check", ...files, "--report", report, "--province", "Lạng Sơn");
  }, 120_000);

  test("merge counts communes, names the missing and leaves out the other province's file", async () => {
    expect(merge.out).toMatch(/^Lỗi: đã tổng hợp 3 xã, phường vào .*3 xã có lỗi/);
    expect(merge.out).toMatch(
      /Đã nhận 3\/65 xã, phường của Lạng Sơn; chưa nhận: Phường Đông Kinh, Phường Lương Văn Tri, /
    );
    expect(merge.out).toContain("và 50 đơn vị khác");
    expect(merge.out).toContain("Theo xã:");
    expect(merge.out).toMatch(/Xã Hữu Lũng \(.*huu-lung\.xlsx\)/);
    expect(merge.out).toMatch(/Phường Kỳ Lừa \(.*ky-lua\.xlsx\)/);
    expect(merge.out).toMatch(/Xã Đồng Đăng \(.*dong-dang\.xlsx\)/);
    expect(merge.out).toMatch(
      /dong-hoi\.xlsx" là của Phường Đồng Hới \(Quảng Trị\), không thuộc Lạng Sơn/
    );
    expect(merge.out).toMatch(
      /huu-lung-2\.xlsx" cùng đơn vị với ".*huu-lung\.xlsx" \(Xã Hữu Lũng\)/
    );
    expect(merge.out).not.toMatch(/\d huyện|[Tt]heo huyện|các huyện\)/);
    expect(merge.code).toBe(1); // files were left out

    const sheets = workbookSnapshots((await readWorkbook(output)).workbook);
    expect(sheets.map((s) => s.name)).toEqual(["Biểu 01 - 2027", "Chi tiết theo xã"]);
    const layout = buildAnnexLayout(BIEU01, { year: 2027 });
    const row = layout.rowOf.get("1") ?? -1;
    const col = BIEU01.columns.findIndex((c) => c.role === "input");
    expect(formulaAt(sheets[0], row, col)).toMatch(/SUM\('Chi tiết theo xã'!/);
  });

  test("check --report adds who has and has not sent, and says it in the summary", async () => {
    expect(check.out).toContain("Đã nhận 3/65 xã, phường của Lạng Sơn; chưa nhận:");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(report);
    const ws = book.getWorksheet(REPORT_SHEETS.senders);
    expect(ws).toBeTruthy();
    expect(String(ws?.getCell(1, 1).value)).toMatch(/^Đã nhận 3\/65 xã, phường của Lạng Sơn/);
    const rows = new Map<string, string>();
    for (let r = 4; r < 4 + 65; r++)
      rows.set(String(ws?.getCell(r, 3).value), String(ws?.getCell(r, 4).value));
    expect(rows.size).toBe(65);
    expect(rows.get("Xã Hữu Lũng")).toBe("Đã gửi");
    expect(rows.get("Phường Kỳ Lừa")).toBe("Đã gửi");
    expect(rows.get("Xã Đồng Đăng")).toBe("Đã gửi");
    expect(rows.get("Phường Đông Kinh")).toBe("Chưa gửi");
    expect([...rows.values()].filter((s) => s === "Đã gửi")).toHaveLength(3);
    // the summary's unit column names the identified unit beside what the title block says
    const summary = book.getWorksheet(REPORT_SHEETS.summary);
    expect(String(summary?.getCell(5, 3).value)).toBe(
      "Xã Hữu Lũng (UBND XÃ HỮU LŨNG – PHÒNG VĂN HÓA - XÃ HỘI)"
    );
    const statuses = [5, 6, 7, 8, 9].map((r) => String(summary?.getCell(r, 9).value));
    expect(statuses.filter((s) => s.includes("không thuộc Lạng Sơn"))).toHaveLength(1);
  });
});

describe("annex merge of districts (2024) still works, counted against the province's districts", () => {
  test("Đã tổng hợp 2 huyện, Chi tiết theo huyện, 2/11 huyện of Lạng Sơn", async () => {
    const dir = tempDir("annex-districts-");
    const phong = "Phòng Lao động - Thương binh và Xã hội";
    const files = [
      await unitFile(dir, "cao-loc.xlsx", "UBND huyện Cao Lộc", phong, 2024, 1),
      await unitFile(dir, "huu-lung.xlsx", "UBND HUYỆN HỮU LŨNG", phong, 2024, 2),
    ];
    const output = path.join(dir, "tinh.xlsx");
    const run = await annex("merge", ...files, "-o", output, "--province", "Lạng Sơn");
    expect(run.out).toMatch(/^Lỗi: đã tổng hợp 2 huyện vào .*2 huyện có lỗi/);
    expect(run.out).toMatch(
      /Đã nhận 2\/11 huyện của Lạng Sơn; chưa nhận: Thành phố Lạng Sơn, Huyện Tràng Định, /
    );
    expect(run.out).toContain("Theo huyện:");
    expect(run.out).toMatch(/Huyện Hữu Lũng \(.*huu-lung\.xlsx\)/);
    const sheets = workbookSnapshots((await readWorkbook(output)).workbook);
    expect(sheets.map((s) => s.name)).toEqual(["Biểu 01 - 2024", "Chi tiết theo huyện"]);
  }, 60_000);

  test("an unknown province is refused before any file is read", async () => {
    const run = await annex("merge", "x.xlsx", "-o", "y.xlsx", "--province", "Atlantis");
    expect(run.code).toBe(2);
    expect(run.err).toContain('Không có tỉnh, thành phố "Atlantis"');
  });
});

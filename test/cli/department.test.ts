import * as path from "path";
import { buildAnnexLayout, samplePlan, SheetSnapshot } from "../../src/domain";
import { templateForDepartment } from "../../src/domain/template/department";
import { formulaAt, valueAt } from "../../src/domain/sheet/snapshot";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { randomFigures } from "../../src/samples/randomFigures";
import { annex, tempDir } from "../helpers/cli";
import { template } from "../helpers/annex";
import { recalculate, sofficePath } from "../helpers/libreoffice";

/**
 * Issue #21: the senders of 2025. `annex new --department` gives the title block's unit line and the
 * blocks the department owns (Sở Y tế: social protection, children, social evils); the sheet checks
 * clean as that department's annex, fill writes its formulas, and LibreOffice recalculates them alike.
 */
const BIEU01 = template("bieu-01-ke-hoach-nam");
const dir = tempDir("annex-department-");

async function sheets(file: string): Promise<SheetSnapshot[]> {
  return workbookSnapshots((await readWorkbook(file)).workbook);
}

/** The section codes and indicator names column B holds, top to bottom. */
function names(sheet: SheetSnapshot): string[] {
  const out: string[] = [];
  for (let r = 0; r < sheet.values.length; r++) {
    const v = valueAt(sheet, r, 1);
    if (typeof v === "string" && v) out.push(v);
  }
  return out;
}

describe("annex new --department", () => {
  const health = path.join(dir, "so-y-te.xlsx");
  const home = path.join(dir, "so-noi-vu.xlsx");
  let healthRun: Awaited<ReturnType<typeof annex>>;

  beforeAll(async () => {
    const common = [
      "new",
      "--template",
      BIEU01.id,
      "--year",
      "2027",
      "--authority",
      "UBND tỉnh Lạng Sơn",
    ];
    healthRun = await annex(...common, "--department", "so-y-te", "-o", health);
    await annex(...common, "--department", "Sở Nội vụ", "-o", home);
  }, 60_000);

  test("Sở Y tế: its name in the title block, its blocks only, and it says which", async () => {
    expect(healthRun.code).toBe(0);
    expect(healthRun.out).toContain(
      "Đơn vị lập biểu: Sở Y tế (bảo trợ xã hội, trẻ em, phòng, chống tệ nạn xã hội); các khối V, VI, VII"
    );
    const [sheet] = await sheets(health);
    expect(valueAt(sheet, 0, 0)).toBe("UBND TỈNH LẠNG SƠN");
    expect(valueAt(sheet, 1, 0)).toBe("SỞ Y TẾ");
    const rows = names(sheet);
    expect(rows).toContain("BẢO TRỢ XÃ HỘI");
    expect(rows).toContain("TRẺ EM");
    expect(rows).not.toContain("LAO ĐỘNG - VIỆC LÀM");
    expect(rows).not.toContain("Số lao động được tạo việc làm mới");
    // Since 1.3.0 all children and drug treatment sit in VI and VII: the rows follow their topic's department.
    expect(rows).toContain("Tổng số trẻ em");
    expect(rows).toContain("Số người được đưa vào cơ sở cai nghiện ma túy");
    expect(rows).not.toContain("TRẺ EM TRÊN ĐỊA BÀN");
    const own = templateForDepartment(BIEU01, "so-y-te");
    expect(own.indicators.length).toBeLessThan(BIEU01.indicators.length);
    expect(new Set(own.indicators.map((i) => i.section))).toEqual(new Set(["V", "VI", "VII"]));
  });

  test("Sở Nội vụ: labour and people with merit, not social protection", async () => {
    const [sheet] = await sheets(home);
    expect(valueAt(sheet, 1, 0)).toBe("SỞ NỘI VỤ");
    const rows = names(sheet);
    expect(rows).toContain("Số lao động được tạo việc làm mới");
    expect(rows).toContain("NGƯỜI CÓ CÔNG");
    expect(rows).toContain("Số suất quà của Chủ tịch nước tặng người có công");
    expect(rows).not.toContain("QUÀ TẶNG VÀ MỨC SỐNG HỘ NGƯỜI CÓ CÔNG");
    expect(rows).not.toContain("BẢO TRỢ XÃ HỘI");
  });

  test("the department's annex checks as its own: no row of another department is 'missing'", async () => {
    const check = await annex("check", health, "--json");
    const report = JSON.parse(check.out) as {
      files: Array<{ sheets: Array<{ findings: Array<{ ruleId: string }> }> }>;
    };
    const rules = report.files[0].sheets[0].findings.map((f) => f.ruleId);
    expect(rules).not.toContain("row.missing");
    expect(rules).not.toContain("row.unknown");
  });

  test("years up to 2024 keep the old department; the new ones are refused there", async () => {
    const old = await annex(
      "new",
      "--template",
      BIEU01.id,
      "--year",
      "2024",
      "--department",
      "so-noi-vu",
      "-o",
      path.join(dir, "x.xlsx")
    );
    expect(old.code).toBe(2);
    expect(old.err).toContain("so-ldtbxh (Sở Lao động - Thương binh và Xã hội)");
    const ok = await annex(
      "new",
      "--template",
      BIEU01.id,
      "--year",
      "2024",
      "--department",
      "so-ldtbxh",
      "-o",
      path.join(dir, "old.xlsx")
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("cả biểu");
  });

  (sofficePath() ? describe : describe.skip)(
    "LibreOffice recalculates what fill writes on Sở Y tế's annex",
    () => {
      test("every formula's cached result is LibreOffice's", async () => {
        const own = templateForDepartment(BIEU01, "so-y-te");
        const filled = path.join(dir, "so-y-te-filled.xlsx");
        const opened = await readWorkbook(health);
        const layout = buildAnnexLayout(BIEU01, { year: 2027, department: "so-y-te" });
        applyWritePlan(
          opened.workbook.worksheets[0],
          samplePlan(layout, own, randomFigures(own, 2027, 7))
        );
        await saveWorkbook(opened.workbook, filled);
        const fill = await annex("fill", filled);
        expect(fill.out).toMatch(/Đã ghi \d+ ô/);
        const [mine] = await sheets(filled);
        const out = await recalculate([filled], dir);
        const [lo] = await sheets(path.join(out, "so-y-te-filled.xlsx"));
        let compared = 0;
        const mismatches: string[] = [];
        mine.formulas.forEach((row, r) =>
          row?.forEach((_f, c) => {
            if (c >= own.columns.length || formulaAt(mine, r, c) === undefined) return;
            compared++;
            const a = valueAt(mine, r, c);
            const b = valueAt(lo, r, c);
            const same =
              typeof a === "number" && typeof b === "number"
                ? Math.abs(a - b) < 1e-9
                : (a ?? "") === (b ?? "");
            if (!same) mismatches.push(`${r},${c}: ${String(a)} ≠ ${String(b)}`);
          })
        );
        expect(compared).toBeGreaterThan(20);
        expect(mismatches).toEqual([]);
      }, 240_000);
    }
  );
});

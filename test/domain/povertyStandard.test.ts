import { analyzeSheet, Finding } from "../../src/domain";
import { template, TestAnnex } from "../helpers/annex";

/**
 * Issue #21: Decree 351/2025/NĐ-CP's poverty standard applies from 2027; 2026 still uses the 2022–2025
 * one. A comparison of the poverty rate across the two is said to be not comparable (info, naming both
 * standards); comparisons within one standard say nothing.
 */
const BIEU01 = template("bieu-01-ke-hoach-nam");

function findings(year: number): Finding[] {
  const a = new TestAnnex(BIEU01, year)
    .setRow("20", { actualPrev: 190000, planCur: 191000, estimateCur: 192000, planNext: 193000 })
    .setRow("21", { actualPrev: 23180, planCur: 21965, estimateCur: 20640, planNext: 18818 })
    .setRow("22", { actualPrev: 12.2, planCur: 11.5, estimateCur: 10.75, planNext: 9.75 })
    .setRow("23", { actualPrev: 1.5, planCur: 0.7, estimateCur: 1.45, planNext: 1 });
  return analyzeSheet(a.sheet, { locale: "vi-VN", templates: [BIEU01] }).findings.filter(
    (f) => f.ruleId === "poverty.standard-changed"
  );
}

const at = (year: number) => {
  const a = new TestAnnex(BIEU01, year);
  return (code: string, col: string) => a.address(code, col);
};

describe("poverty.standard-changed", () => {
  test("the 2028 plan: ƯTH 2027 (new standard) over TH 2026 (old) is not comparable; the rest is", () => {
    const found = findings(2028);
    const cell = at(2028);
    expect(found.map((f) => f.cells[0])).toEqual([
      cell("22", "yoy"),
      cell("23", "planCur"),
      cell("23", "estimateCur"),
    ]);
    const yoy = found[0];
    expect(yoy.severity).toBe("info");
    expect(yoy.message.vi).toBe(
      'Tỷ lệ hộ nghèo (22): "ƯTH năm 2027" tính theo chuẩn nghèo đa chiều giai đoạn 2026–2030 (Nghị định 351/2025/NĐ-CP), "TH năm 2026" theo chuẩn nghèo đa chiều giai đoạn 2022–2025 (Nghị định 07/2021/NĐ-CP); hai số không so sánh được, chênh lệch giữa chúng không phải là mức tăng, giảm nghèo.'
    );
    expect(yoy.message.en).toContain("Decree 351/2025/NĐ-CP");
    expect(yoy.message.en).toContain("Decree 07/2021/NĐ-CP");
    expect(found[1].message.vi).toContain("so tỷ lệ năm 2027");
  });

  test("the 2027 plan: KH 2027 over ƯTH 2026 is not comparable; TH 2025 and ƯTH 2026 are", () => {
    const cell = at(2027);
    expect(findings(2027).map((f) => f.cells[0])).toEqual([
      cell("22", "nextVsEst"),
      cell("23", "planNext"),
    ]);
  });

  test("plans of one standard say nothing: 2024 and 2030", () => {
    expect(findings(2024)).toEqual([]);
    expect(findings(2030)).toEqual([]);
  });
});

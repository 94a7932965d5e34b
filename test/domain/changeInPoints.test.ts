import { analyzeSheet, Finding } from "../../src/domain";
import { TestAnnex } from "../helpers/annex";

/**
 * A rate's change from last year is judged in percentage points, as the comparison column shows it:
 * low rates routinely halve (Thái Bình's poverty rate 2,66 %, seed 004), which is no news; counts keep
 * their ±50 % of last year's figure.
 */
const large = (a: TestAnnex, options: { changePointsThreshold?: number } = {}): Finding[] =>
  analyzeSheet(a.sheet, { locale: "vi-VN", ...options }).findings.filter(
    (f) => f.ruleId === "change.large"
  );

test("unemployment 3,00 % → 1,30 % is 1,70 points: no note asked (it was '-56,7%')", () => {
  const a = new TestAnnex().setRow("10", { actualPrev: 3, estimateCur: 1.3 });
  expect(large(a)).toEqual([]);
});

test("a rate moving beyond 5 points asks for a note, said in points in both languages", () => {
  const a = new TestAnnex().setRow("13", { actualPrev: 50, estimateCur: 57.72 });
  const [f, ...rest] = large(a);
  expect(rest).toEqual([]);
  expect(f.cells[0]).toBe(a.address("13", "estimateCur"));
  expect(f.message.vi).toContain("thay đổi +7,72 điểm % so với");
  expect(f.message.vi).toContain("(ngưỡng ±5 điểm %)");
  expect(f.message.en).toContain("changed +7.72 percentage points from");
  expect(f.found).toEqual({ vi: "+7,72 điểm %", en: "+7.72 percentage points" });
  // The threshold in points is the caller's to set, like the ±50 % of counts.
  expect(large(a, { changePointsThreshold: 8 })).toEqual([]);
  // A note in Ghi chú answers it.
  expect(large(a.set("13", "note", "Tính theo phương pháp mới"))).toEqual([]);
});

test("a points row (the poverty reduction, 1 → 7 points) is judged in points too", () => {
  const a = new TestAnnex().setRow("61", { actualPrev: 1, estimateCur: 7 });
  expect(large(a).map((f) => f.found?.vi)).toEqual(["+6,00 điểm %"]);
});

test("counts keep the ±50 % of last year's figure", () => {
  const a = new TestAnnex().setRow("2", { actualPrev: 100, estimateCur: 160 });
  expect(large(a).map((f) => f.found?.vi)).toEqual(["+60,0%"]);
  expect(large(new TestAnnex().setRow("2", { actualPrev: 100, estimateCur: 140 }))).toEqual([]);
});

import {
  analyzeSheet,
  builtInTemplates,
  Finding,
  loadTemplate,
  locateAnnex,
} from "../../src/domain";
import { rollover } from "../../src/domain/rollover";
import { SheetReadings } from "../../src/domain/sheet/columnReadings";
import { fillSnapshot } from "../../src/domain/samples";
import { langSonSample, template, TestAnnex } from "../helpers/annex";
import old from "./fixtures/bieu-01-ke-hoach-nam-1.2.0.json";

/**
 * A workbook made with Biểu 01 1.2.0 (before each topic had one section) is still read by 1.3.0:
 * its rows are found by name wherever its old sections put them, every code still names the same
 * row, and what the old sheet lacks is said, not guessed. The fixture is the 1.2.0 template as it
 * was on main (c31c3f2), laid out and filled as `annex new` and the Lạng Sơn sample made it then.
 */
const v120 = loadTemplate(old, "bieu-01-ke-hoach-nam-1.2.0.json");
const current = template();

function oldAnnex(): TestAnnex {
  const a = new TestAnnex(v120, 2023);
  a.sheet = fillSnapshot(a.sheet, a.layout, v120, langSonSample);
  return a;
}
const check = (a: TestAnnex): readonly Finding[] =>
  analyzeSheet(a.sheet, { locale: "vi-VN" }).findings;

test("the fixture is 1.2.0 and its sheet says so", () => {
  expect([v120.version, current.version]).toEqual(["1.2.0", "1.3.0"]);
  expect(oldAnnex().sheet.metadata?.templateVersion).toBe("1.2.0");
});

test("every code of 1.2.0 names the same row in 1.3.0 (targets files, explanations and Biểu 02's links stay true)", () => {
  const now = new Map(current.indicators.map((i) => [i.code, i]));
  for (const ind of v120.indicators) {
    expect([ind.code, now.get(ind.code)?.name.vi]).toEqual([ind.code, ind.name.vi]);
    expect([ind.code, now.get(ind.code)?.unit]).toEqual([ind.code, ind.unit]);
  }
});

test("a 1.2.0 sheet checked by 1.3.0: its figures are found by name; what it lacks is named in one warning", () => {
  const a = oldAnnex();
  const findings = check(a);
  const missing = findings.filter((f) => f.ruleId === "row.missing");
  expect(missing).toHaveLength(1);
  const added = current.indicators
    .map((i) => i.code)
    .filter((c) => !v120.indicators.some((i) => i.code === c));
  expect(added).toHaveLength(30);
  for (const code of added) expect(missing[0].message.vi).toContain(code);
  // The two sections 1.3.0 dropped are named as lines the form does not know; nothing else is.
  expect(
    findings
      .filter((f) => f.ruleId === "row.unknown")
      .map((f) => f.message.vi.match(/\("(.*)"\)/)?.[1])
  ).toEqual(["XIII TRẺ EM TRÊN ĐỊA BÀN", "XIV CAI NGHIỆN MA TÚY"]);
  expect(
    findings.filter((f) => ["row.duplicate", "row.matched-by-code"].includes(f.ruleId))
  ).toEqual([]);
});

test("on a 1.2.0 sheet, a row 1.3.0 moved is still checked where the old sheet has it", () => {
  // 57.1 (near-poor merit households) sat in the old section XI; above its total it is caught there.
  const a = oldAnnex().setRow("57", { estimateCur: 2531 }).setRow("57.1", { estimateCur: 2600 });
  const exceeds = check(a).filter((f) => f.ruleId === "part.exceeds");
  expect(exceeds.map((f) => f.cells[0])).toEqual([a.address("57.1", "estimateCur")]);
  // The old sheet's own address, not the new layout's: the rows are where the old sections put them.
  expect(a.address("57.1", "estimateCur")).not.toBe(new TestAnnex().address("57.1", "estimateCur"));
});

test("next year's annex from a 1.2.0 sheet carries each figure to the same indicator of 1.3.0", () => {
  // Figures in rows 1.3.0 moved: the President's gifts (55, old section XI), all children (64, old XIII).
  const a = oldAnnex()
    .setRow("55", { estimateCur: 7276, planNext: 7300 })
    .setRow("64", { estimateCur: 428413, planNext: 428000 });
  const located = locateAnnex(a.sheet, builtInTemplates());
  if (!located.ok) throw new Error("not located");
  expect(located.annex.template.version).toBe("1.3.0");
  const plan = rollover(located.annex, new SheetReadings(a.sheet, located.annex.rows, "vi-VN"));
  const byName = new Map(current.indicators.map((i) => [i.code, i.name.vi]));
  expect(plan.carried.length).toBeGreaterThan(100);
  for (const c of plan.carried) expect([c.code, c.name]).toEqual([c.code, byName.get(c.code)]);
  const moved = plan.carried.filter((c) => c.code === "55" || c.code === "64");
  expect(moved.map((c) => `${c.code} ${c.from}→${c.to} ${c.value}`).sort()).toEqual([
    "55 estimateCur→actualPrev 7276",
    "55 planNext→planCur 7300",
    "64 estimateCur→actualPrev 428413",
    "64 planNext→planCur 428000",
  ]);
});

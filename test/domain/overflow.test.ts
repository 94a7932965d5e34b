import * as path from "path";
import { createHash } from "crypto";
import { promises as fs } from "fs";
import JSZip from "jszip";
import { analyzeSheet, applyPlan, formatNumber } from "../../src/domain";
import { planValue } from "../../src/domain/plan/writePlan";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { TestAnnex } from "../helpers/annex";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";

/**
 * Issue #10: a figure of 1e308 made a derived value Infinity, written into the XML as <v>Infinity</v>
 * (no number Excel accepts), and every later fill rewrote the file. No NaN or ±Infinity reaches a plan:
 * the derived cell is blank, with a finding.
 */
const analyze = (a: TestAnnex) => analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] });

describe("results too large for a number", () => {
  test("the derived cell is blank with derived.overflow; the plan holds no NaN or Infinity", () => {
    const a = TestAnnex.filled().setRow("2", { planCur: 0.5, estimateCur: 1e308 });
    const analysis = analyze(a);
    const pct = a.address("2", "pctPlan");
    const cell = analysis.derived.find((d) => d.address === pct);
    expect(cell?.value).toBe("");
    const overflow = analysis.findings.filter((f) => f.ruleId === "derived.overflow");
    expect(overflow.map((f) => f.cells[0])).toContain(pct);
    expect(overflow[0].severity).toBe("error");
    expect(overflow[0].message.vi).toContain("Số dự án được vay vốn giải quyết việc làm (2)");
    for (const w of analysis.plan.writes)
      expect(typeof w.value !== "number" || Number.isFinite(w.value)).toBe(true);
    // The laid-out sheet already holds the formula, saved blank: nothing to write there.
    const write = analysis.plan.writes.find((w) => w.address === pct);
    expect(write?.value ?? null).toBeNull();
    // Applied, then planned again: nothing to write.
    const after = analyze(Object.assign(a, { sheet: applyPlan(a.sheet, analysis.plan) }));
    expect(after.plan.writes).toHaveLength(0);
    expect(after.findings.filter((f) => f.ruleId === "derived.overflow")).toHaveLength(
      overflow.length
    );
  });

  test("Excel's #NUM! saved in our formula there is what we expect: no rewrite, no stale finding", () => {
    const a = TestAnnex.filled().setRow("2", { planCur: 0.5, estimateCur: 1e308 });
    const pct = a.address("2", "pctPlan");
    const formula = analyze(a).derived.find((d) => d.address === pct)?.formula;
    expect(formula).toBeDefined();
    a.set("2", "pctPlan", { error: "#NUM!" }, { formula });
    const analysis = analyze(a);
    expect(analysis.plan.writes.filter((w) => w.address === pct)).toEqual([]);
    const atPct = analysis.findings.filter((f) => f.cells[0] === pct).map((f) => f.ruleId);
    expect(atPct).toEqual(["derived.overflow"]);
  });

  test("text of 400 digits in a figure cell is not a number, never Infinity", () => {
    const a = TestAnnex.filled().set("2", "estimateCur", "9".repeat(400));
    const analysis = analyze(a);
    const at = analysis.findings.filter((f) => f.cells[0] === a.address("2", "estimateCur"));
    expect(at.map((f) => f.ruleId)).toEqual(["type.not-a-number"]);
    expect(JSON.stringify(analysis.findings)).not.toMatch(/Infinity|NaN/);
  });

  test("a sum or a ratio of figures near 1e308 is a finding said in words, never Infinity or NaN", () => {
    const a = TestAnnex.filled()
      .setRow("8", { estimateCur: 1e308 })
      .setRow("8.1", { estimateCur: 1e308 })
      .setRow("8.2", { estimateCur: 1e308 })
      .setRow("20", { estimateCur: 3 })
      .setRow("21", { estimateCur: 1e308 })
      .setRow("22", { estimateCur: 12 });
    const analysis = analyze(a);
    const sum = analysis.findings.find(
      (f) => f.ruleId === "sum.mismatch" && f.cells[0] === a.address("8", "estimateCur")
    );
    expect(sum?.message.vi).toContain("= số quá lớn, không tính được (thiếu số quá lớn");
    expect(sum?.message.en).toContain("= a number too large to compute (a number too large");
    const ratio = analysis.findings.find(
      (f) => f.ruleId === "ratio.mismatch" && f.cells[0] === a.address("22", "estimateCur")
    );
    expect(ratio?.message.vi).toMatch(/= số quá lớn, không tính được\.$/);
    expect(ratio?.expected).toEqual({
      vi: "số quá lớn, không tính được",
      en: "a number too large to compute",
    });
    expect(JSON.stringify(analysis.findings)).not.toMatch(/Infinity|NaN/);
  });

  test("formatNumber says NaN and ±Infinity in words of the locale's language", () => {
    expect(formatNumber(Infinity, "vi-VN")).toBe("số quá lớn, không tính được");
    expect(formatNumber(-Infinity, "en-US", 2)).toBe("a negative number too large to compute");
    expect(formatNumber(Number.NaN, "vi-VN")).toBe("không tính được");
    expect(formatNumber(Number.NaN, "en-US")).toBe("not computable");
  });

  test("planValue, the last guard, turns NaN and ±Infinity into a blank", () => {
    expect(planValue(Number.NaN)).toBeNull();
    expect(planValue(Infinity)).toBeNull();
    expect(planValue(-Infinity)).toBeNull();
    expect(planValue("")).toBeNull();
    expect(planValue(0)).toBe(0);
    expect(planValue(1.7976931348623157e308)).toBe(1.7976931348623157e308);
    expect(planValue("Đạt")).toBe("Đạt");
  });

  test("annex fill on a real file writes no Infinity, and a second fill leaves it untouched", async () => {
    const dir = tempDir("annex-overflow-");
    const wb = await openWorkbook(await writeSampleAnnex(dir));
    const ws = wb.worksheets[0];
    ws.getCell(sampleAddress("2", "planCur")).value = 0.5;
    ws.getCell(sampleAddress("2", "estimateCur")).value = 1e308;
    const file = path.join(dir, "overflow.xlsx");
    await saveWorkbook(wb, file);

    const filled = await annex("fill", file);
    expect(filled.code).not.toBe(2);
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/);
    expect(sheets.length).toBeGreaterThan(0);
    for (const s of sheets) expect(await s.async("string")).not.toMatch(/Infinity|NaN/);
    const pct = (await openWorkbook(file)).worksheets[0].getCell(sampleAddress("2", "pctPlan"));
    expect(pct.formula).toMatch(/^IF\(/);
    expect(pct.result ?? "").toBe("");

    const hash = async () =>
      createHash("sha256")
        .update(await fs.readFile(file))
        .digest("hex");
    const before = await hash();
    const again = await annex("fill", file);
    expect(again.out).toContain("0 ô công thức cần ghi");
    expect(await hash()).toBe(before);

    const checked = await annex("check", file, "--json");
    expect(checked.code).toBe(1);
    expect(checked.out).toContain("derived.overflow");
    expect(checked.out).not.toMatch(/Infinity|NaN/);
  });
});

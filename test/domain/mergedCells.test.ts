import { analyzeSheet, applyPlan } from "../../src/domain";
import { MergedAreas, parseRange } from "../../src/domain/sheet/mergedAreas";
import { TestAnnex } from "../helpers/annex";

/** Issue #10 in the engine: what a plan does with cells inside merged ranges, and what a check says. */
const analyze = (a: TestAnnex, overwrite = false) =>
  analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl], overwrite });
const merged = (a: TestAnnex, ...ranges: string[]) => {
  a.sheet = { ...a.sheet, merges: ranges };
  return a;
};

describe("MergedAreas", () => {
  test("reads A1 ranges, with or without sheet and $, and finds the merge covering a cell", () => {
    expect(parseRange("$D$20:$M$20")).toMatchObject({ r0: 19, c0: 3, r1: 19, c1: 12 });
    expect(parseRange("'Biểu 01'!D20:M20")?.address).toBe("D20:M20");
    expect(parseRange("M20:D20")?.address).toBe("D20:M20");
    expect(parseRange("Tên")).toBeUndefined();
    const m = MergedAreas.of({
      name: "x",
      values: [],
      formulas: [],
      numberFormats: [],
      merges: ["D20:M20", "A1:A1", "B2:C3", "nonsense"],
    });
    expect(m.size).toBe(2); // a single cell and a name are no merges
    expect(m.at(19, 7)?.address).toBe("D20:M20");
    expect(m.covered(19, 3)).toBeUndefined(); // the top-left holds the value
    expect(m.covered(2, 2)?.address).toBe("B2:C3");
    expect(m.at(19, 13)).toBeUndefined();
  });

  test("a merge given to whole columns is found on any row without a row index of a million", () => {
    const m = MergedAreas.of({
      name: "x",
      values: [],
      formulas: [],
      numberFormats: [],
      merges: ["X1:Z1048576", "D20:M20"],
    });
    expect(m.size).toBe(2);
    expect(m.at(500_000, 24)?.address).toBe("X1:Z1048576");
    expect(m.covered(0, 23)).toBeUndefined();
    expect(m.covered(1_048_575, 25)?.address).toBe("X1:Z1048576");
    expect(m.at(19, 7)?.address).toBe("D20:M20");
    expect(m.at(19, 22)).toBeUndefined();
  });
});

describe("a plan and cells inside merges", () => {
  test("a typed figure merged over its row's derived cells is never written over, even when overwriting", () => {
    const a = TestAnnex.filled().setRow("2", {
      planCur: null,
      actual6m: null,
      estimateCur: null,
      planNext: null,
      actualPrev: 52000,
    });
    for (const c of ["pctPlan", "yoy", "nextVsEst", "evaluation"]) a.set("2", c, null);
    const range = `${a.address("2", "actualPrev")}:${a.address("2", "note")}`;
    merged(a, range);
    for (const overwrite of [false, true]) {
      const analysis = analyze(a, overwrite);
      expect(analysis.plan.writes.filter((w) => w.row === a.row("2"))).toEqual([]);
      const kept = analysis.plan.skipped.filter((s) => s.merge === range);
      expect(kept.map((s) => s.address).sort()).toEqual(
        ["pctPlan", "yoy", "nextVsEst", "evaluation"].map((c) => a.address("2", c)).sort()
      );
      expect(kept[0].found).toBe("52000");
      expect(kept[0].reason.en).toContain(`Unmerge ${range}`);
    }
    // Applied and planned again: still nothing for that row, the figure where it was.
    const after = applyPlan(a.sheet, analyze(a).plan);
    expect(after.values[a.row("2")]?.[a.col("actualPrev")]).toBe(52000);
    expect(after.merges).toEqual([range]);
  });

  test("a merge of derived cells holding our formula: the covered cells are skipped silently, and reported", () => {
    const a = merged(TestAnnex.filled(), `${a0("2", "pctPlan")}:${a0("2", "yoy")}`);
    const analysis = analyze(a);
    const yoy = a.address("2", "yoy");
    expect(analysis.plan.writes.some((w) => w.address === yoy)).toBe(false);
    expect(analysis.plan.skipped.some((s) => s.address === yoy)).toBe(false);
    const finding = analysis.findings.find((f) => f.ruleId === "merge.input-derived");
    expect(finding?.severity).toBe("error");
    expect(finding?.cells).toEqual([a.address("2", "pctPlan"), yoy]);
    expect(finding?.message.vi).toContain("gộp các ô tính toán");
    expect(finding?.message.en).toContain(`Unmerge ${a.address("2", "pctPlan")}:${yoy}`);
  });

  test("whole columns merged over a figure and a derived column: reported at the first row, nothing written there", () => {
    const a = TestAnnex.filled();
    const [fig, pct] = [a.address("1", "estimateCur"), a.address("1", "pctPlan")];
    const range = `${fig.replace(/\d+$/, "1")}:${pct.replace(/\d+$/, "1048576")}`;
    const found = analyze(merged(a, range));
    const hits = found.findings.filter((f) => f.ruleId === "merge.input-derived");
    expect(hits.map((f) => f.cells[0])).toEqual([fig.replace(/\d+$/, "1")]);
    expect(found.plan.writes.filter((w) => w.address === pct)).toEqual([]);
  });

  test("merges elsewhere (the title, the header) are no finding and change no write", () => {
    const a = TestAnnex.filled();
    const plain = analyze(a);
    merged(a, "A1:L1", "A2:L2");
    const withTitle = analyze(a);
    expect(withTitle.findings.filter((f) => f.ruleId === "merge.input-derived")).toEqual([]);
    expect(withTitle.plan.writes.length).toBe(plain.plan.writes.length);
  });
});

/** An address on the sample layout, for ranges built before the annex exists. */
function a0(code: string, column: string): string {
  return new TestAnnex().address(code, column);
}

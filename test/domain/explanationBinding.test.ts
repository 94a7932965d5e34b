import {
  analyzeSheet,
  explainFinding,
  Explanation,
  resolveSheets,
  sameBinding,
  SheetSnapshot,
  withExplanation,
  WorkbookSheet,
} from "../../src/domain";
import { TestAnnex } from "../helpers/annex";

/** What an explanation is bound to (issue #19): its sheet's record, its indicator and column. */
describe("resolveSheets: which sheet a recorded name is now", () => {
  const sheets = (...names: string[]): WorkbookSheet[] =>
    names.map((name, i) => ({ name, sheetNo: String(i + 1), position: i + 1 }));

  it("a sheet of the recorded name is itself", () => {
    const now = sheets("Biểu 01", "_annex");
    expect(resolveSheets([{ name: "Biểu 01", sheetNo: "1", position: 1 }], now)).toEqual(
      new Map([["Biểu 01", "Biểu 01"]])
    );
  });

  it("a renamed sheet is found by Excel's sheet id", () => {
    const now: WorkbookSheet[] = [
      { name: "Ghi chú", sheetNo: "3", position: 1 },
      { name: "Biểu 01 (sửa)", sheetNo: "1", position: 2 },
      { name: "_annex", sheetNo: "2", position: 3 },
    ];
    const map = resolveSheets([{ name: "Biểu 01", sheetNo: "1", position: 1 }], now);
    expect(map.get("Biểu 01")).toBe("Biểu 01 (sửa)");
  });

  it("renamed and saved by LibreOffice (ids numbered afresh): found by its position", () => {
    const now: WorkbookSheet[] = [
      { name: "Biểu 01 (sửa)", sheetNo: "1", position: 1 },
      { name: "_annex", sheetNo: "2", position: 2 },
    ];
    const map = resolveSheets([{ name: "Biểu 01", sheetNo: "7", position: 1 }], now);
    expect(map.get("Biểu 01")).toBe("Biểu 01 (sửa)");
  });

  it("never claims a sheet that has a record of its own; a sheet that is gone resolves to nothing", () => {
    const now = sheets("Biểu 02", "_annex");
    const map = resolveSheets(
      [
        { name: "Biểu 01", sheetNo: "1", position: 1 },
        { name: "Biểu 02", sheetNo: "1", position: 1 },
      ],
      now
    );
    expect(map.get("Biểu 02")).toBe("Biểu 02");
    expect(map.has("Biểu 01")).toBe(false);
  });

  it("records of older versions (no id, no position) match by name only", () => {
    const map = resolveSheets([{ name: "Biểu 01", position: 0 }], sheets("Khác", "_annex"));
    expect(map.size).toBe(0);
  });
});

describe("an explanation's binding to its indicator and column", () => {
  function explained(): { snapshot: SheetSnapshot; e: Explanation } {
    const annex = TestAnnex.filled();
    const prev = annex.sheet.values[annex.row("17.1")]![annex.col("actualPrev")] as number;
    annex.set("17.1", "estimateCur", prev * 2).set("17.1", "note", null);
    const snapshot = annex.sheet;
    const a = analyzeSheet(snapshot, { locale: "vi-VN" });
    const f = a.findings.find((x) => x.ruleId === "change.large")!;
    return {
      snapshot,
      e: explainFinding(f, snapshot, a.annex, { reason: "lý do", date: "2026-12-07" }),
    };
  }

  it("records the indicator, the column and where each figure is", () => {
    const { e } = explained();
    expect(e).toMatchObject({ indicator: "17.1", column: "estimateCur" });
    expect(Object.values(e.anchors ?? {})).toEqual(
      expect.arrayContaining(["17.1|estimateCur", "17.1|actualPrev"])
    );
  });

  it("replacing or withdrawing goes by the indicator and column, wherever the cell was recorded", () => {
    const { e } = explained();
    const moved = { ...e, cell: "G99" };
    expect(sameBinding(e, moved)).toBe(true);
    expect(withExplanation([moved], e)).toEqual([]);
    const other = { ...e, indicator: "17.2" };
    expect(withExplanation([other], e)).toEqual([other]);
    // A record of an older version (no indicator): by its cell, as before.
    const { indicator: _i, column: _c, anchors: _a, ...old } = e;
    expect(sameBinding(old, e)).toBe(true);
    expect(sameBinding({ ...old, cell: "G99" }, e)).toBe(false);
  });

  it("an old record matched by its cell is flagged; a bound one is not", () => {
    const { snapshot, e } = explained();
    const { indicator: _i, column: _c, anchors: _a, ...old } = e;
    const bound = analyzeSheet({ ...snapshot, explanations: [e] }, { locale: "vi-VN" });
    expect(bound.explanations?.explained.map((x) => x.addressOnly ?? false)).toEqual([false]);
    const legacy = analyzeSheet({ ...snapshot, explanations: [old] }, { locale: "vi-VN" });
    expect(legacy.explanations?.explained.map((x) => x.addressOnly)).toEqual([true]);
  });

  it("an explanation of an indicator the sheet does not have is unplaced, not stale, and applies to nothing", () => {
    const { snapshot, e } = explained();
    const gone = { ...e, indicator: "99.9" };
    const a = analyzeSheet({ ...snapshot, explanations: [gone] }, { locale: "vi-VN" });
    expect(a.explanations?.explained).toEqual([]);
    expect(a.explanations?.reopened).toEqual([]);
    expect(a.explanations?.stale).toEqual([]);
    expect(a.explanations?.unplaced.map((u) => u.why.vi)).toEqual([
      expect.stringContaining("chỉ tiêu 99.9 không còn trên trang tính"),
    ]);
  });
});

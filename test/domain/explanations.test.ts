import {
  analyzeSheet,
  explainFinding,
  Explanation,
  explanationRows,
  findingFigures,
  parseExplanations,
  SheetSnapshot,
} from "../../src/domain";
import { TestAnnex } from "../helpers/annex";

const options = { locale: "vi-VN" as const };
const TODAY = "2026-11-21";

function explain(sheet: SheetSnapshot, ruleId: string, cell: string, reason: string): Explanation {
  const a = analyzeSheet(sheet, options);
  const f = a.findings.find((x) => x.ruleId === ruleId && x.cells[0] === cell);
  if (!f) throw new Error(`no ${ruleId} at ${cell}`);
  return explainFinding(f, sheet, a.annex, { reason, date: TODAY });
}

/** The sample with a jump of 17.1's estimate beyond +50 % over last year, and no note: change.large. */
function withJump(): TestAnnex {
  const a = TestAnnex.filled();
  const prev = a.sheet.values[a.row("17.1")]![a.col("actualPrev")] as number;
  return a.set("17.1", "estimateCur", prev * 2).set("17.1", "note", null);
}

describe("explanations (giải trình)", () => {
  const base = withJump();
  const g42 = base.address("17.1", "estimateCur");
  const d42 = base.address("17.1", "actualPrev");

  it("fingerprints a large change by both years' figures and its note cell", () => {
    const a = analyzeSheet(base.sheet, options);
    const f = a.findings.find((x) => x.ruleId === "change.large" && x.cells[0] === g42);
    expect(f).toBeDefined();
    const cells = findingFigures(f!, a.annex);
    expect(cells).toEqual([g42, base.address("17.1", "note"), d42]);
    const e = explainFinding(f!, base.sheet, a.annex, {
      reason: " Chương trình mới ",
      date: TODAY,
    });
    expect(e.reason).toBe("Chương trình mới");
    expect(Object.keys(e.figures)).toEqual(cells);
    expect(typeof e.figures[g42]).toBe("number");
    expect(e.figures[d42]).not.toBe(e.figures[g42]);
  });

  it("an explained finding is listed apart and not counted; the others are unchanged", () => {
    const before = analyzeSheet(base.sheet, options);
    const e = explain(base.sheet, "change.large", g42, "Chương trình hỗ trợ mới bắt đầu năm 2022");
    const after = analyzeSheet({ ...base.sheet, explanations: [e] }, options);
    expect(after.findings.length).toBe(before.findings.length - 1);
    expect(after.findings.some((f) => f.ruleId === "change.large" && f.cells[0] === g42)).toBe(
      false
    );
    expect(after.explanations?.explained.map((x) => x.finding.cells[0])).toEqual([g42]);
    expect(after.explanations?.explained[0].explanation.reason).toMatch(/Chương trình/);
    expect(after.explanations?.reopened).toEqual([]);
    expect(after.explanations?.stale).toEqual([]);
  });

  it("opens again the moment a figure of the fingerprint changes, even one the finding does not name", () => {
    const e = explain(base.sheet, "change.large", g42, "lý do");
    const changed = withJump();
    // Last year's figure: the finding still fires (still above +50 %), but on other figures.
    const prev = changed.sheet.values[changed.row("17.1")]![changed.col("actualPrev")] as number;
    changed.set("17.1", "actualPrev", prev - 1);
    const a = analyzeSheet({ ...changed.sheet, explanations: [e] }, options);
    expect(a.findings.some((f) => f.ruleId === "change.large" && f.cells[0] === g42)).toBe(true);
    expect(a.explanations?.explained).toEqual([]);
    expect(a.explanations?.reopened.map((r) => r.changed)).toEqual([[d42]]);
    // Put back: explained again (the explanation was never dropped).
    changed.set("17.1", "actualPrev", prev);
    const back = analyzeSheet({ ...changed.sheet, explanations: [e] }, options);
    expect(back.explanations?.explained.length).toBe(1);
  });

  it("an explanation whose finding no longer fires is stale, and kept", () => {
    const e = explain(base.sheet, "change.large", g42, "lý do");
    const noted = withJump().set("17.1", "note", "Có chương trình mới");
    const a = analyzeSheet({ ...noted.sheet, explanations: [e] }, options);
    expect(a.explanations?.stale).toEqual([e]);
    expect(a.explanations?.explained).toEqual([]);
  });

  it("a blocking error can be explained; it stays an error among the explained", () => {
    // 1 = 1.1 + 1.2 + 1.3 ("gồm"): break the total.
    const broken = TestAnnex.filled();
    const total = broken.sheet.values[broken.row("1")]![broken.col("estimateCur")] as number;
    broken.set("1", "estimateCur", total + 7);
    const at = broken.address("1", "estimateCur");
    const a = analyzeSheet(broken.sheet, options);
    const sum = a.findings.find((f) => f.ruleId === "sum.mismatch" && f.cells[0] === at);
    expect(sum?.severity).toBe("error");
    const e = explainFinding(sum!, broken.sheet, a.annex, { reason: "Số của Bộ", date: TODAY });
    // The parts are in the fingerprint: changing one reopens it.
    expect(Object.keys(e.figures)).toEqual(sum!.cells);
    const explained = analyzeSheet({ ...broken.sheet, explanations: [e] }, options);
    expect(explained.findings.some((f) => f.ruleId === "sum.mismatch" && f.cells[0] === at)).toBe(
      false
    );
    expect(explained.explanations?.explained[0].finding.severity).toBe("error");
    const part = sum!.cells[1];
    const partRow = Number(part.slice(1)) - 1;
    const v = broken.sheet.values[partRow]![broken.col("estimateCur")] as number;
    broken.setCell(partRow, broken.col("estimateCur"), { value: v + 1 });
    const reopened = analyzeSheet({ ...broken.sheet, explanations: [e] }, options);
    expect(reopened.explanations?.reopened[0].changed).toEqual([part]);
  });

  it("a comparison cell's fingerprint holds the figures it is computed from", () => {
    const s = TestAnnex.filled();
    // A typed percent of plan that disagrees with ƯTH / KH.
    s.set("2", "pctPlan", 12.5);
    const at = s.address("2", "pctPlan");
    const a = analyzeSheet(s.sheet, options);
    const f = a.findings.find((x) => x.cells[0] === at && x.ruleId.startsWith("derived."));
    expect(f).toBeDefined();
    expect(findingFigures(f!, a.annex)).toEqual([
      at,
      s.address("2", "estimateCur"),
      s.address("2", "planCur"),
    ]);
  });

  it("the stored table reads back what was written, for several sheets", () => {
    const e = explain(base.sheet, "change.large", g42, 'Lý do có "ngoặc", dấu; và |');
    const other: Explanation = { ...e, cell: "E12", by: "Nguyễn Văn A" };
    const rows = explanationRows(
      new Map([
        ["Biểu 01 - 2023", [e]],
        ["Biểu 02", [other]],
      ])
    );
    // As a metadata sheet holds it: metadata in A–D, the table from column J.
    const values = rows.map((r, i) => [
      ...(i === 0 ? ["sheet", "templateId", "templateVersion", "year"] : ["", "", "", ""]),
      "",
      "",
      "",
      "",
      "",
      ...r,
    ]);
    const read = parseExplanations(values);
    expect(read.get("Biểu 01 - 2023")).toEqual([e]);
    expect(read.get("Biểu 02")).toEqual([other]);
    // A date a program turned into a serial number comes back as ISO; damaged figures read as none.
    values[1][9 + 5] = 46347 as unknown as string;
    values[1][9 + 3] = "{not json";
    const damaged = parseExplanations(values).get("Biểu 01 - 2023")![0];
    expect(damaged.date).toBe("2026-11-21");
    expect(damaged.figures).toEqual({});
    // A serial no calendar holds does not stop the table being read: it stays as written.
    values[1][9 + 5] = 1e20 as unknown as string;
    expect(parseExplanations(values).get("Biểu 01 - 2023")![0].date).toBe("100000000000000000000");
    expect(parseExplanations([["sheet", "templateId"]]).size).toBe(0);
  });
});

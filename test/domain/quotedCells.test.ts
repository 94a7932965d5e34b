import * as path from "path";
import { analyzeSheet } from "../../src/domain";
import { QUOTE_LIMIT, quoteCell } from "../../src/domain/text/quote";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { TestAnnex } from "../helpers/annex";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";

/** Issue #10: a 1 MiB string in a figure cell gave a 4 MB report. A finding quotes at most ~80 characters. */
const MIB = "chưa có số liệu ".repeat(65536); // 1 MiB of text, 16 characters at a time

describe("quoteCell", () => {
  test("short text is kept as it is; long text is cut to the limit with …", () => {
    expect(quoteCell("trên 16.000")).toBe("trên 16.000");
    expect(quoteCell(52000)).toBe("52000");
    const cut = quoteCell(MIB);
    expect(cut).toHaveLength(QUOTE_LIMIT);
    expect(cut.endsWith("…")).toBe(true);
    expect(MIB.startsWith(cut.slice(0, -1))).toBe(true);
    expect(quoteCell("x".repeat(QUOTE_LIMIT))).toBe("x".repeat(QUOTE_LIMIT));
    expect(quoteCell("x".repeat(QUOTE_LIMIT + 1))).toHaveLength(QUOTE_LIMIT);
  });

  test("line breaks become spaces, and a character outside the BMP is never split", () => {
    expect(quoteCell("Số hộ\r\nnghèo")).toBe("Số hộ nghèo");
    const emoji = "😀".repeat(100);
    const cut = quoteCell(emoji);
    expect(cut.length).toBeLessThanOrEqual(QUOTE_LIMIT);
    expect(cut.slice(0, -1)).toBe("😀".repeat((cut.length - 1) / 2));
  });

  test("characters that print as nothing are shown by their code, and count towards the limit", () => {
    expect(quoteCell("16\u200b000")).toBe("16⟨U+200B⟩000");
    expect(quoteCell("\ufeff57,72\u00ad")).toBe("⟨U+FEFF⟩57,72⟨U+00AD⟩");
    expect(quoteCell("a\u0007b")).toBe("a⟨U+0007⟩b");
    // A code is never cut in half.
    const cut = quoteCell("\u200b".repeat(100));
    expect(cut.length).toBeLessThanOrEqual(QUOTE_LIMIT);
    expect(cut).toMatch(/^(⟨U\+200B⟩)+…$/);
    expect(quoteCell("a\r\n\r\nb\tc")).toBe("a b c");
  });
});

describe("a 1 MiB string gives findings of their usual size", () => {
  const size = (a: TestAnnex) => {
    const analysis = analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] });
    return JSON.stringify({ findings: analysis.findings, skipped: analysis.plan.skipped }).length;
  };
  const withText = (text: string) =>
    TestAnnex.filled()
      .set("2", "estimateCur", text) // a figure cell: type.not-a-number
      .set("2", "unit", text) // unit.mismatch
      .set("2", "evaluation", text) // a value typed into a derived cell: kept, and derived.mismatch
      .set("3", "pctPlan", text) // typed into a derived cell: kept by the plan
      .set("4", "planCur", text); // a plan cell that holds targets: target.unreadable

  test("every quote of the cell is cut, in messages, expected/found and the plan's kept cells", () => {
    const short = size(withText("chưa có"));
    const huge = size(withText(MIB));
    // Five cells quoted, each in a few places, at most ~80 characters per quote.
    expect(huge - short).toBeLessThan(5 * 6 * QUOTE_LIMIT);
    const analysis = analyzeSheet(withText(MIB).sheet, {
      locale: "vi-VN",
      templates: [TestAnnex.filled().tpl],
    });
    const rules = new Set(analysis.findings.map((f) => f.ruleId));
    for (const id of ["type.not-a-number", "unit.mismatch", "target.unreadable"])
      expect(rules).toContain(id);
    expect(analysis.plan.skipped.length).toBeGreaterThan(0);
  });

  test("annex check on a real file: the report keeps its usual size", async () => {
    const dir = tempDir("annex-quote-");
    const clean = await writeSampleAnnex(dir);
    const wb = await openWorkbook(clean);
    wb.worksheets[0].getCell(sampleAddress("2", "estimateCur")).value = MIB;
    const file = path.join(dir, "huge.xlsx");
    await saveWorkbook(wb, file);
    const usual = await annex("check", clean, "--json");
    const checked = await annex("check", file, "--json");
    expect(checked.code).toBe(1);
    expect(checked.out).toContain("type.not-a-number");
    expect(checked.out.length - usual.out.length).toBeLessThan(4000);
    const table = await annex("check", file);
    expect(table.out.length).toBeLessThan(20_000);
  });
});

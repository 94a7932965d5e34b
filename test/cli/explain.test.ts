import { promises as fs } from "fs";
import * as path from "path";
import { readExplanations, readMetadata } from "../../src/adapters/xlsx/metadata";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { recalculate, sofficePath } from "../helpers/libreoffice";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";

interface JsonExplanation {
  ruleId: string;
  cell: string;
  reason: string;
  date: string;
  by: string | null;
  figures: Record<string, unknown>;
}
interface JsonSheet {
  counts: Record<string, number>;
  explainedCounts: Record<string, number>;
  findings: Array<{ ruleId: string; cell: string; severity: string }>;
  explained: Array<{
    ruleId: string;
    cell: string;
    severity: string;
    explanation: JsonExplanation;
  }>;
  reopenedExplanations: Array<JsonExplanation & { changed: string[] }>;
  staleExplanations: JsonExplanation[];
}

async function checkJson(file: string): Promise<{ code: number; sheet: JsonSheet }> {
  const r = await annex("check", file, "--json");
  const report = JSON.parse(r.out) as { format: string; files: Array<{ sheets: JsonSheet[] }> };
  expect(report.format).toBe("annex-check/1");
  return { code: r.code, sheet: report.files[0].sheets[0] };
}

const REASON = "Năm 2022 bắt đầu chương trình hỗ trợ trẻ em mồ côi do COVID-19";

describe("annex explain", () => {
  const g42 = sampleAddress("17.1", "estimateCur");
  const d42 = sampleAddress("17.1", "actualPrev");
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = tempDir("annex-explain-");
    file = await writeSampleAnnex(dir);
    // 17.1's estimate twice last year's, with no note: a change.large finding to explain.
    const wb = await openWorkbook(file);
    const ws = wb.worksheets.find((w) => w.name !== "_annex")!;
    ws.getCell(g42).value = (ws.getCell(d42).value as number) * 2;
    await saveWorkbook(wb, file);
  });

  it("accepts a finding with a reason: check lists it apart and does not count it", async () => {
    const before = await checkJson(file);
    expect(before.sheet.findings.some((f) => f.ruleId === "change.large" && f.cell === g42)).toBe(
      true
    );
    const r = await annex(
      "explain",
      file,
      "--cell",
      g42.toLowerCase(),
      "--rule",
      "change.large",
      "--reason",
      REASON,
      "--by",
      "Nguyễn Thị Hoa"
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Đã ghi giải trình cho change.large ở ô ${g42}`);
    expect(r.out).toContain(d42);

    const after = await checkJson(file);
    expect(after.sheet.counts.warning).toBe(before.sheet.counts.warning - 1);
    expect(after.sheet.findings.some((f) => f.ruleId === "change.large" && f.cell === g42)).toBe(
      false
    );
    expect(after.sheet.explainedCounts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(after.sheet.explained).toHaveLength(1);
    const e = after.sheet.explained[0];
    expect(e).toMatchObject({ ruleId: "change.large", cell: g42, severity: "warning" });
    expect(e.explanation).toMatchObject({ ruleId: "change.large", cell: g42, reason: REASON });
    expect(e.explanation.by).toBe("Nguyễn Thị Hoa");
    expect(e.explanation.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(e.explanation.figures)).toEqual(expect.arrayContaining([g42, d42]));
    expect(after.sheet.staleExplanations).toEqual([]);
    expect(after.sheet.reopenedExplanations).toEqual([]);

    const text = await annex("check", file);
    expect(text.out).toContain("Đã giải trình (không tính vào lỗi, cảnh báo):");
    expect(text.out).toContain("Năm 2022 bắt đầu chương trình");
    expect(text.out).toMatch(
      /Tóm tắt: \d+ lỗi, \d+ cảnh báo, \d+ lưu ý; đã giải trình: 0 lỗi, 1 cảnh báo, 0 lưu ý\./
    );
  });

  it("the same arguments a second time change nothing, not even the file's bytes", async () => {
    const args = ["explain", file, "--cell", g42, "--rule", "change.large", "--reason", REASON];
    expect((await annex(...args)).code).toBe(0);
    const bytes = await fs.readFile(file);
    const again = await annex(...args);
    expect(again.code).toBe(0);
    expect(again.out).toContain("đã có giải trình này");
    expect((await fs.readFile(file)).equals(bytes)).toBe(true);
  });

  it("changing a figure of the fingerprint opens the finding again; the explanation is kept", async () => {
    await annex("explain", file, "--cell", g42, "--rule", "change.large", "--reason", REASON);
    const wb = await openWorkbook(file);
    const ws = wb.worksheets.find((w) => w.name !== "_annex")!;
    const prev = ws.getCell(d42).value as number;
    ws.getCell(d42).value = prev - 10;
    await saveWorkbook(wb, file);
    const { sheet } = await checkJson(file);
    expect(sheet.findings.some((f) => f.ruleId === "change.large" && f.cell === g42)).toBe(true);
    expect(sheet.explained).toEqual([]);
    expect(sheet.reopenedExplanations).toHaveLength(1);
    expect(sheet.reopenedExplanations[0]).toMatchObject({ cell: g42, changed: [d42] });
    const text = await annex("check", file);
    expect(text.out).toContain(`số liệu ở ${d42} đã thay đổi`);
  });

  it("a finding that no longer fires leaves its explanation stale, reported and kept", async () => {
    await annex("explain", file, "--cell", g42, "--rule", "change.large", "--reason", REASON);
    const wb = await openWorkbook(file);
    const ws = wb.worksheets.find((w) => w.name !== "_annex")!;
    ws.getCell(sampleAddress("17.1", "note")).value = "Chương trình mới";
    await saveWorkbook(wb, file);
    const { sheet } = await checkJson(file);
    expect(sheet.staleExplanations).toMatchObject([{ cell: g42, reason: REASON }]);
    expect(readExplanations(await openWorkbook(file)).size).toBe(1);
    // Withdrawn on request only.
    const w = await annex("explain", file, "--cell", g42, "--rule", "change.large", "--withdraw");
    expect(w.code).toBe(0);
    expect(readExplanations(await openWorkbook(file)).size).toBe(0);
  });

  it("a cell or rule with no such finding is a clear error naming the findings at that cell", async () => {
    const bytes = await fs.readFile(file);
    const wrongRule = await annex(
      "explain",
      file,
      "--cell",
      g42,
      "--rule",
      "sum.mismatch",
      "--reason",
      "x"
    );
    expect(wrongRule.code).toBe(2);
    expect(wrongRule.err).toContain(`Không có phát hiện sum.mismatch nào ở ô ${g42}`);
    expect(wrongRule.err).toContain("change.large");
    const empty = await annex(
      "explain",
      file,
      "--cell",
      "A1",
      "--rule",
      "change.large",
      "--reason",
      "x"
    );
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("Ô này không có phát hiện nào.");
    const noReason = await annex("explain", file, "--cell", g42, "--rule", "change.large");
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain("--reason");
    const badCell = await annex(
      "explain",
      file,
      "--cell",
      "G",
      "--rule",
      "change.large",
      "--reason",
      "x"
    );
    expect(badCell.err).toContain("--cell");
    expect((await fs.readFile(file)).equals(bytes)).toBe(true);
  });

  it("annex fill keeps the explanations: the finding stays explained after the formulas are written", async () => {
    await annex("explain", file, "--cell", g42, "--rule", "change.large", "--reason", REASON);
    const fill = await annex("fill", file);
    expect(fill.out).toMatch(/Đã ghi \d+ ô/);
    const { sheet } = await checkJson(file);
    expect(sheet.explained.map((e) => e.cell)).toEqual([g42]);
    expect(readExplanations(await openWorkbook(file)).size).toBe(1);
  });

  it("keeps the metadata records as they were", async () => {
    const before = readMetadata(await openWorkbook(file));
    await annex("explain", file, "--cell", g42, "--rule", "change.large", "--reason", REASON);
    expect(readMetadata(await openWorkbook(file))).toEqual(before);
  });

  (sofficePath() ? it : it.skip)(
    "the explanation survives a LibreOffice round trip, still explaining the finding",
    async () => {
      await annex("explain", file, "--cell", g42, "--rule", "change.large", "--reason", REASON);
      const out = await recalculate([file], dir);
      const roundTripped = path.join(out, path.basename(file));
      const wb = await openWorkbook(roundTripped);
      expect(wb.getWorksheet("_annex")?.state).toMatch(/hidden/i);
      const { sheet } = await checkJson(roundTripped);
      expect(sheet.explained.map((e) => [e.cell, e.explanation.reason])).toEqual([[g42, REASON]]);
      expect(sheet.reopenedExplanations).toEqual([]);
      expect(sheet.findings.some((f) => f.ruleId === "change.large" && f.cell === g42)).toBe(false);
    },
    200_000
  );
});

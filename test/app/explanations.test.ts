import ExcelJS from "exceljs";
import { buildAnnexLayout, fromA1, samplePlan, WritePlan } from "../../src/domain";
import { AnnexSession } from "../../src/app/annexSession";
import { Outcome } from "../../src/app/problems";
import { countsText, explainedText } from "../../src/app/findingViews";
import { readExplanations } from "../../src/adapters/xlsx/metadata";
import { BrowserWorkbookHost } from "../../src/host/browser/browserWorkbookHost";
import { openSample } from "../../src/host/browser/sampleWorkbook";
import { MemoryHost } from "../helpers/memoryHost";
import { BIEU01, langSonSample as sample, template as tpl } from "../helpers/annex";
import { sampleAddress } from "../helpers/workbooks";

const SHEET = "Biểu 01 - 2023";

function value<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(`expected success, got ${o.problem.code}: ${o.problem.message.en}`);
  return o.value;
}

/** Last year's figure of 17.1 in the sample. */
function prev17(): number {
  return sample.values["17.1"].actualPrev as number;
}

async function langSon(host = new MemoryHost()) {
  const session = new AnnexSession(host, { recheckDelayMs: 5 });
  value(await session.insert({ templateId: BIEU01, year: 2023, unitName: sample.unitName }));
  host.typePlan(samplePlan(buildAnnexLayout(tpl(), { year: 2023 }), tpl(), sample));
  // 17.1's estimate twice last year's, with no note: a change.large finding to explain.
  host.type(SHEET, { [sampleAddress("17.1", "estimateCur")]: 2 * prev17() });
  return { host, session };
}

describe("AnnexSession: giải trình", () => {
  const g42 = sampleAddress("17.1", "estimateCur");
  const d42 = sampleAddress("17.1", "actualPrev");

  it("explains a finding: stored through the host, listed apart, not counted, named in the summary", async () => {
    const { host, session } = await langSon();
    const before = value(await session.check());
    const f = before.findings.find((x) => x.ruleId === "change.large" && x.cells[0] === g42)!;
    expect(f).toBeDefined();
    const done = value(await session.explain(f.id, "  Chương trình mới năm 2022  "));
    expect(done.summary.vi).toContain(`Đã lưu giải trình cho ô ${g42}`);
    const stored = host.explanationsOf(SHEET);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      ruleId: "change.large",
      cell: g42,
      reason: "Chương trình mới năm 2022",
    });
    const r = done.report;
    expect(r.counts.warning).toBe(before.counts.warning - 1);
    expect(r.findings.map((x) => x.id)).not.toContain(f.id);
    expect(r.explained.map((x) => [x.id, x.explanation.reason])).toEqual([
      [f.id, "Chương trình mới năm 2022"],
    ]);
    expect(r.explainedCounts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(r.summary.vi).toMatch(/; 1 cảnh báo đã giải trình\.$/);
    expect(session.lastReport).toBe(r);

    // The same reason again writes nothing.
    const writes = host.calls.filter((c) => c === "writeExplanations").length;
    const again = value(await session.explain(f.id, "Chương trình mới năm 2022"));
    expect(again.summary.vi).toContain("không có gì thay đổi");
    expect(host.calls.filter((c) => c === "writeExplanations").length).toBe(writes);
  });

  it("a figure typed afterwards opens the finding again, showing the old explanation and what changed", async () => {
    const { host, session } = await langSon();
    const f = value(await session.check()).findings.find((x) => x.cells[0] === g42)!;
    value(await session.explain(f.id, "lý do"));
    host.type(SHEET, { [d42]: 1000 });
    const r = value(await session.check());
    const open = r.findings.find((x) => x.id === f.id);
    expect(open?.outdatedExplanation).toMatchObject({ reason: "lý do", changed: [d42] });
    expect(r.explained).toEqual([]);
  });

  it("withdraws an explanation: the finding counts again", async () => {
    const { host, session } = await langSon();
    const f = value(await session.check()).findings.find((x) => x.cells[0] === g42)!;
    const explained = value(await session.explain(f.id, "lý do")).report.explained[0];
    const back = value(await session.withdrawExplanation(explained.explanation.key));
    expect(back.summary.vi).toContain("Đã rút giải trình");
    expect(back.report.findings.map((x) => x.id)).toContain(f.id);
    expect(host.explanationsOf(SHEET)).toEqual([]);
  });

  it("refuses an empty reason and a finding gone since the check, writing nothing", async () => {
    const { host, session } = await langSon();
    const f = value(await session.check()).findings.find((x) => x.cells[0] === g42)!;
    const empty = await session.explain(f.id, "   ");
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.problem.message.vi).toContain("Hãy nhập lý do");
    host.type(SHEET, { [sampleAddress("17.1", "note")]: "Có chương trình mới" });
    const gone = await session.explain(f.id, "lý do");
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.problem.message.vi).toContain("không còn trên trang tính");
    expect(host.calls).not.toContain("writeExplanations");
  });

  it("in the browser workbook, the explanation is in the file it downloads", async () => {
    const host = new BrowserWorkbookHost();
    const sheet = await openSample(host);
    const session = new AnnexSession(host);
    const plan: WritePlan = {
      sheet,
      writes: [{ ...fromA1(g42), address: g42, value: 2 * prev17(), purpose: "input" }],
      skipped: [],
    };
    await host.applyPlan(plan);
    const f = value(await session.check(sheet)).findings.find((x) => x.cells[0] === g42)!;
    value(await session.explain(f.id, "lý do"));
    const wb = new ExcelJS.Workbook();
    const bytes = await host.download();
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    );
    expect(
      readExplanations(wb)
        .get(sheet)
        ?.map((e) => e.reason)
    ).toEqual(["lý do"]);
    // Opened again from those bytes, the finding is still explained.
    const reopened = await BrowserWorkbookHost.fromXlsx(bytes);
    const again = value(await new AnnexSession(reopened).check(sheet));
    expect(again.explained.map((x) => x.id)).toEqual([f.id]);
  });
});

describe("the counts in words", () => {
  test("countsText names every severity, explainedText only those explained", () => {
    expect(countsText({ error: 1, warning: 0, info: 2 })).toEqual({
      vi: "1 lỗi, 0 cảnh báo, 2 lưu ý",
      en: "1 error, 0 warnings, 2 notes",
    });
    expect(explainedText({ error: 2, warning: 0, info: 1 })).toEqual({
      vi: "2 lỗi, 1 lưu ý đã giải trình",
      en: "2 errors, 1 note explained",
    });
    expect(explainedText({ error: 0, warning: 0, info: 0 })).toBeUndefined();
  });
});

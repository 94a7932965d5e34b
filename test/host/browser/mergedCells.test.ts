import { analyzeSheet } from "../../../src/domain";
import { AnnexSession } from "../../../src/app/annexSession";
import { BrowserWorkbookHost } from "../../../src/host/browser/browserWorkbookHost";
import { openSample } from "../../../src/host/browser/sampleWorkbook";
import { sampleAddress } from "../../helpers/workbooks";

/** Issue #10 in the preview: the in-browser workbook (ExcelJS) reads merges, so Tính cột keeps a merged figure. */
test("the browser host reads merges; Tính cột keeps the 52 000 typed into a merged row", async () => {
  const host = new BrowserWorkbookHost(undefined, { editDebounceMs: 5 });
  const sheet = await openSample(host);
  const ws = host.book.getWorksheet(sheet)!;
  const [first, last] = [sampleAddress("6", "actualPrev"), sampleAddress("6", "note")];
  const row = ws.getCell(first).row as unknown as number;
  for (let c = Number(ws.getCell(first).col); c <= Number(ws.getCell(last).col); c++)
    ws.getRow(row).getCell(c).value = null;
  ws.mergeCells(`${first}:${last}`);
  ws.getCell(first).value = 52000;

  const { snapshot } = await host.readSheet(sheet);
  expect(snapshot.merges).toContain(`${first}:${last}`);
  const analysis = analyzeSheet(snapshot, { locale: "vi-VN" });
  expect(analysis.findings.map((f) => f.ruleId)).toContain("merge.input-derived");
  expect(analysis.plan.writes.filter((w) => w.row === row - 1)).toEqual([]);
  await host.applyPlan(analysis.plan);
  expect(ws.getCell(first).value).toBe(52000);
  expect(ws.getCell(sampleAddress("6", "pctPlan")).value).toBe(52000); // the merge shows its one value
});

test("Tính cột in the pane: the merged cells are kept and overwriting is not offered for them", async () => {
  const host = new BrowserWorkbookHost(undefined, { editDebounceMs: 5 });
  const sheet = await openSample(host);
  const ws = host.book.getWorksheet(sheet)!;
  const [first, last] = [sampleAddress("6", "actualPrev"), sampleAddress("6", "note")];
  const row = Number(ws.getCell(first).row);
  for (let c = Number(ws.getCell(first).col); c <= Number(ws.getCell(last).col); c++)
    ws.getRow(row).getCell(c).value = null;
  ws.mergeCells(`${first}:${last}`);
  ws.getCell(first).value = 52000;

  const session = new AnnexSession(host, { recheckDelayMs: 5 });
  const filled = await session.fill();
  if (!filled.ok) throw new Error(filled.problem.message.en);
  expect(filled.value.kept.map((k) => k.address)).toContain(sampleAddress("6", "pctPlan"));
  expect(filled.value.kept.every((k) => k.reason.vi.includes(`bỏ gộp ô ${first}:${last}`))).toBe(
    true
  );
  expect(filled.value.askOverwrite).toBe(false);
  expect(ws.getCell(first).value).toBe(52000);
});

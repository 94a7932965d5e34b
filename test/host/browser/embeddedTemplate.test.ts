import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { AnnexSession } from "../../../src/app";
import { BrowserWorkbookHost } from "../../../src/host/browser/browserWorkbookHost";
import { annex, tempDir } from "../../helpers/cli";
import { THAI_BINH } from "../../helpers/handMadeSheets";

/**
 * Issue #20 on the in-browser workbook (the preview, a commune's file opened in the page): a template
 * learned from a sheet made by hand is saved inside the workbook by the pane's use case, and the file
 * downloaded is checked by `annex check`, with no .json, exactly as the pane checked it.
 */
const SHEET = "Quý I-2020";

async function handMade(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  THAI_BINH.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    })
  );
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

test("saved in the page's workbook, downloaded, and checked the same by annex check with no JSON", async () => {
  const host = await BrowserWorkbookHost.fromXlsx(await handMade());
  const session = new AnnexSession(host);
  const learned = await session.learnOpenSheet();
  if (!learned.ok) throw new Error(learned.problem.message.vi);
  const jobs = learned.value.rows.find((r) => r.name === "Số lao động được tạo việc làm mới")!;
  const saved = await session.saveLearned(learned.value, [{ code: jobs.code, direction: "down" }]);
  if (!saved.ok) throw new Error(saved.problem.message.vi);
  expect(saved.value.written).toBe(true);
  const pane = saved.value.report.findings.map((f) => [
    f.ruleId,
    f.severity,
    f.cells[0],
    f.message.vi,
  ]);
  expect(pane.length).toBeGreaterThan(0);

  // Saved again: the workbook is not touched (the view is not even told of a change).
  const revision = host.getRevision();
  const again = await session.saveLearned(learned.value, [{ code: jobs.code, direction: "down" }]);
  expect(again.ok && again.value.written).toBe(false);
  expect(host.getRevision()).toBe(revision);

  const dir = tempDir("annex-embedded-");
  const file = path.join(dir, "xa-gui.xlsx");
  await fs.writeFile(file, await host.download());
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  expect(book.getWorksheet("_annex")?.state).toBe("veryHidden");

  const r = await annex("check", file, "--json");
  const report = JSON.parse(r.out);
  const sheet = report.files[0].sheets[0];
  const cli = sheet.findings.map(
    (f: { ruleId: string; severity: string; cell: string; message: { vi: string } }) => [
      f.ruleId,
      f.severity,
      f.cell,
      f.message.vi,
    ]
  );
  expect(cli).toEqual(pane);
  // And the file's own form, with the officer's direction, is what checked it.
  const kept = await BrowserWorkbookHost.fromXlsx(await fs.readFile(file));
  const read = await kept.readSheet(SHEET);
  expect(read.snapshot.metadata?.templateId).toBe(saved.value.data.id);
  const form = read.templates?.[0].template;
  expect(form?.indicators.find((i) => i.code === jobs.code)?.direction).toBe("down");
});

test("a file annex learn --embed kept its form in: the pane's Save of the same sheet writes nothing", async () => {
  const dir = tempDir("annex-embedded-");
  const file = path.join(dir, "hoc-bang-lenh.xlsx");
  await fs.writeFile(file, await handMade());
  const learnt = await annex("learn", file, "--embed");
  expect(learnt.code).toBe(0);
  const bytes = await fs.readFile(file);
  const host = await BrowserWorkbookHost.fromXlsx(bytes);
  const session = new AnnexSession(host);
  const learned = await session.learnOpenSheet();
  if (!learned.ok) throw new Error(learned.problem.message.vi);
  const revision = host.getRevision();
  const saved = await session.saveLearned(learned.value, []);
  if (!saved.ok) throw new Error(saved.problem.message.vi);
  expect(saved.value.written).toBe(false);
  expect(saved.value.summary.vi).toMatch(/^Mẫu này đã có trong sổ tính \(phiên bản 1\.0\.0\)/);
  expect(host.getRevision()).toBe(revision);
});

import { analyzeSheet, buildAnnexLayout, samplePlan } from "../../src/domain";
import { AnnexSession } from "../../src/app/annexSession";
import { checkCommand, fillCommand } from "../../src/commands/ribbonCommands";
import { OfficeHost } from "../../src/host/office/officeHost";
import { parseAddress, Sheet } from "../host/fixtures/excelBackend/workbook";
import { cellsOf, officeHostOn } from "../host/fixtures/officeAnnex";
import { BIEU01, langSonSample, template as tpl } from "../helpers/annex";

/**
 * The ribbon's two commands in Excel 2019 (ExcelApi 1.7 only, the manifest's minimum): the command →
 * the session → the Office.js host → Microsoft's Office.js client library, answering from an
 * in-memory workbook (the Office host's test backend).
 */

const SHEET = "Biểu 01 - 2023";

/** Puts into each of our formula cells the result Excel would compute for it; returns how many. */
async function recalculate(host: OfficeHost, sheet: Sheet): Promise<number> {
  const read = await host.readSheet(SHEET);
  const pending = analyzeSheet(read.snapshot, { templates: [tpl()], locale: "vi-VN" }).plan.writes;
  for (const w of pending) {
    const { r0, c0 } = parseAddress(w.address);
    const cell = sheet.ensure(r0, c0);
    expect(cell.formula).toBe(`=${w.formula}`);
    cell.value = w.value ?? "";
  }
  return pending.length;
}

async function excel2019WithLangSon() {
  const { backend, host } = officeHostOn("1.7");
  backend.workbook.addSheet("Sheet1"); // a new workbook's one sheet
  expect(host.capabilities()).toMatchObject({ dataValidation: false, changeSource: false });
  const session = new AnnexSession(host);
  const inserted = await session.insert({ templateId: BIEU01, year: 2023 });
  if (!inserted.ok) throw new Error(inserted.problem.message.en);
  // The officer types the Lạng Sơn figures.
  const sheet = backend.workbook.get(SHEET);
  for (const w of samplePlan(buildAnnexLayout(tpl(), { year: 2023 }), tpl(), langSonSample)
    .writes) {
    const { r0, c0 } = parseAddress(w.address);
    const cell = sheet.ensure(r0, c0);
    cell.value = w.value ?? "";
    if (w.formula) cell.formula = w.formula.startsWith("=") ? w.formula : `=${w.formula}`;
  }
  return { backend, host, session, sheet };
}

test("Kiểm tra in Excel 2019: counts, highlights by conditional formats, the first finding selected", async () => {
  const { backend, session, sheet } = await excel2019WithLangSon();
  const before = sheet.conditionalFormats.length;

  const report = await checkCommand(session);

  expect(report.tone).toBe("warning");
  expect(report.lines[0].vi).toMatch(/\d+ lỗi, [1-9]\d* cảnh báo, \d+ lưu ý/);
  expect(sheet.conditionalFormats.length).toBeGreaterThan(before);
  const selected = backend.workbook.selection;
  expect(selected?.sheet).toBe(SHEET);
  expect(report.lines.some((l) => l.vi.startsWith(`Đã chọn ô ${selected?.address}:`))).toBe(true);
}, 60_000);

test("Tính cột in Excel 2019 writes the formulas once; the second click changes nothing", async () => {
  const { host, session, sheet } = await excel2019WithLangSon();
  // A formula whose result is blank (a plan written as text beside no estimate) is written, and
  // Excel's blank result is what the sheet already shows: nothing to recalculate there.
  const planned = analyzeSheet((await host.readSheet(SHEET)).snapshot, {
    templates: [tpl()],
    locale: "vi-VN",
  }).plan.writes;
  const blank = planned.filter((w) => w.value === "" || w.value === null).length;

  const first = await fillCommand(session);
  expect(first.title.vi).toBe("Tính cột xong");
  const written = Number(/Đã ghi (\d+) ô/.exec(first.lines[0].vi)?.[1]);
  expect(written).toBeGreaterThan(100);
  expect(
    [...sheet.cells.values()].filter((c) => c.formula?.startsWith("=IF(")).length
  ).toBeGreaterThanOrEqual(written);

  // Excel recalculates the formulas it was given; the test backend does not, so the results are put
  // in as Excel would compute them (the LibreOffice referee checks that the engine's results agree).
  const recalculated = await recalculate(host, sheet);
  expect(written).toBe(planned.length);
  expect(recalculated).toBe(written - blank);

  const after = cellsOf(sheet);
  const second = await fillCommand(session);
  expect(second.title).toEqual({ vi: "Không có gì cần ghi", en: "Nothing to write" });
  expect(cellsOf(sheet)).toEqual(after);
}, 60_000);

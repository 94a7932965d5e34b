import ExcelJS from "exceljs";
import { analyzeSheet, buildAnnexLayout, planFixes, WritePlan } from "../../../src/domain";
import { HostError, SheetEdit } from "../../../src/host/annexHost";
import { BrowserWorkbookHost, typedValue } from "../../../src/host/browser/browserWorkbookHost";
import { LANG_SON_SAMPLE, openSample } from "../../../src/host/browser/sampleWorkbook";
import { template } from "../../helpers/annex";
import { sampleAddress } from "../../helpers/workbooks";

/** The cell as Office's `formulas` gives it: "=…" for a formula, else the value. */
function formulaAt(host: BrowserWorkbookHost, sheet: string, address: string): unknown {
  const cell = host.book.getWorksheet(sheet)!.getCell(address);
  if (cell.type === ExcelJS.ValueType.Formula) return `=${cell.formula}`;
  return cell.value;
}

function resultAt(host: BrowserWorkbookHost, sheet: string, address: string): unknown {
  const cell = host.book.getWorksheet(sheet)!.getCell(address);
  return cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
}

async function analyze(host: BrowserWorkbookHost, sheet?: string) {
  const { snapshot } = await host.readSheet(sheet);
  return { snapshot, analysis: analyzeSheet(snapshot, { locale: "vi-VN" }) };
}

async function sampleHost(): Promise<{ host: BrowserWorkbookHost; sheet: string }> {
  const host = new BrowserWorkbookHost(undefined, { editDebounceMs: 5 });
  const sheet = await openSample(host);
  return { host, sheet };
}

describe("BrowserWorkbookHost", () => {
  test("opens on the Lạng Sơn sample: one visible annex sheet, active, metadata sheet hidden from the list", async () => {
    const { host, sheet } = await sampleHost();
    expect(sheet).toBe("Biểu 01 - 2023");
    expect(await host.listSheets()).toEqual([{ name: sheet, active: true, annex: true }]);
    expect(host.book.worksheets.map((ws) => ws.name)).toContain("_annex");
    const read = await host.readSheet();
    expect(read.snapshot.name).toBe(sheet);
    expect(read.snapshot.metadata).toEqual({
      templateId: "bieu-01-ke-hoach-nam",
      templateVersion: expect.any(String),
      year: 2023,
    });
    expect(read.protection).toBe("no-password");
    expect(host.capabilities()).toEqual({
      dataValidation: true,
      pageLayout: true,
      customProperties: true,
      changeSource: true,
    });
  });

  test("a fill plan is written with cached results, a second analysis plans nothing, and undo restores exactly", async () => {
    const { host, sheet } = await sampleHost();
    const first = await analyze(host);
    expect(first.analysis.annex).toBeDefined();
    const plan = first.analysis.plan;
    expect(plan.writes.length).toBeGreaterThan(100);
    const target = plan.writes.find((w) => w.formula !== undefined && typeof w.value === "number")!;
    // The layout wrote the derived formulas without results; the fill caches the engine's results.
    const before = plan.writes.map((w) => [
      formulaAt(host, sheet, w.address),
      resultAt(host, sheet, w.address),
    ]);
    expect(resultAt(host, sheet, target.address)).toBeUndefined();

    const applied = await host.applyPlan(plan);
    expect(applied.written).toBe(plan.writes.length);
    expect(formulaAt(host, sheet, target.address)).toBe(`=${target.formula}`);
    expect(resultAt(host, sheet, target.address)).toBe(target.value);
    expect(applied.undo.sheet).toBe(sheet);
    expect(applied.undo.cells).toHaveLength(plan.writes.length);
    expect(applied.undo.label.vi).toBe(`Hoàn tác: Tính cột (${plan.writes.length} ô)`);
    expect(applied.undo.label.en).toBe(`Undo: Fill columns (${plan.writes.length} cells)`);

    // Idempotent: the host wrote exactly what the engine asked, so nothing is left to write.
    const second = await analyze(host);
    expect(second.analysis.plan.writes).toEqual([]);
    const again = await host.applyPlan(second.analysis.plan);
    expect(again.written).toBe(0);

    await host.restore(applied.undo);
    expect(
      plan.writes.map((w) => [formulaAt(host, sheet, w.address), resultAt(host, sheet, w.address)])
    ).toEqual(before);
    const third = await analyze(host);
    expect(third.analysis.plan.writes).toHaveLength(plan.writes.length);
  });

  test("the sample opened as Excel shows it: comparison results cached, nothing left to fill, the brief's findings", async () => {
    const host = new BrowserWorkbookHost(undefined, { editDebounceMs: 5 });
    const sheet = await openSample(host, LANG_SON_SAMPLE, { calculated: true });
    const { analysis } = await analyze(host, sheet);
    expect(analysis.plan.writes).toEqual([]);
    expect(analysis.findings.some((f) => f.ruleId === "derived.stale")).toBe(false);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of analysis.findings) counts[f.severity]++;
    // The README's demo: 0 errors, 1 warning ("8.977" pasted from Word as text), no note: "trên 16.000"
    // on a count row is 16 000 people, not ambiguous (#11).
    expect(counts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(resultAt(host, sheet, sampleAddress("1", "pctPlan"))).toEqual(expect.any(Number));
  });

  test("undo puts back a typed value, its number format and a formula with its cached result", async () => {
    const { host, sheet } = await sampleHost();
    const ws = host.book.getWorksheet(sheet)!;
    ws.getCell("M20").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    ws.getCell("M20").numFmt = "0.0";
    ws.getCell("M21").value = "ghi tay";
    const plan: WritePlan = {
      sheet,
      writes: [
        { row: 19, col: 12, address: "M20", value: 5, purpose: "fix" },
        { row: 20, col: 12, address: "M21", value: 7, numFmt: "#,##0", purpose: "fix" },
      ],
      skipped: [],
    };
    const { undo } = await host.applyPlan(plan);
    expect(undo.cells).toEqual([
      { address: "M20", formula: "=1+1", numberFormat: "0.0" },
      { address: "M21", formula: "ghi tay", numberFormat: "General" },
    ]);
    expect(undo.label.vi).toBe("Hoàn tác: Chuyển thành số (2 ô)");
    expect(ws.getCell("M20").value).toBe(5);
    await host.restore(undo);
    expect(ws.getCell("M20").formula).toBe("1+1");
    expect(ws.getCell("M20").result).toBe(2);
    expect(ws.getCell("M20").numFmt).toBe("0.0");
    expect(ws.getCell("M21").value).toBe("ghi tay");
    expect(ws.getCell("M21").numFmt ?? "General").toBe("General");

    // A record that came from elsewhere (no saved ExcelJS values) is restored from its CellStates.
    await host.applyPlan(plan);
    await host.restore({ ...undo });
    expect(ws.getCell("M20").formula).toBe("1+1");
    expect(ws.getCell("M21").value).toBe("ghi tay");
  });

  test("undo leaves a cell a person changed after our write as they typed it, as in Excel", async () => {
    const { host, sheet } = await sampleHost();
    const ws = host.book.getWorksheet(sheet)!;
    ws.getCell("M20").value = 1;
    ws.getCell("M21").value = 2;
    const { undo } = await host.applyPlan({
      sheet,
      writes: [
        { row: 19, col: 12, address: "M20", value: 10, purpose: "fix" },
        { row: 20, col: 12, address: "M21", value: 20, purpose: "fix" },
      ],
      skipped: [],
    });
    ws.getCell("M21").value = 99;
    expect(await host.restore(undo)).toEqual({ restored: 1, kept: ["M21"] });
    expect(ws.getCell("M20").value).toBe(1);
    expect(ws.getCell("M21").value).toBe(99);
  });

  test("the text number finding's fix converts the cell; checking again no longer reports it", async () => {
    const { host, sheet } = await sampleHost();
    const { snapshot, analysis } = await analyze(host);
    const asText = analysis.findings.filter((f) => f.ruleId === "type.number-as-text");
    expect(asText.length).toBeGreaterThan(0);
    const fix = asText[0].fix!;
    expect(typeof resultAt(host, sheet, fix.address)).toBe("string");
    const { undo } = await host.applyPlan(planFixes(snapshot, asText));
    expect(resultAt(host, sheet, fix.address)).toBe(fix.value);
    const after = await analyze(host);
    expect(after.analysis.findings.some((f) => f.ruleId === "type.number-as-text")).toBe(false);
    await host.restore(undo);
    expect(typeof resultAt(host, sheet, fix.address)).toBe("string");
  });

  test("a sheet protected with a password refuses writes and changes nothing", async () => {
    const { host, sheet } = await sampleHost();
    const ws = host.book.getWorksheet(sheet)!;
    await ws.protect("mat-khau", { spinCount: 1 });
    expect((await host.readSheet()).protection).toBe("password");
    const { analysis } = await analyze(host);
    const before = analysis.plan.writes.map((w) => resultAt(host, sheet, w.address));
    const error = await host.applyPlan(analysis.plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).problem).toBe("password-protected");
    expect((error as HostError).written).toEqual([]);
    expect((error as HostError).text.vi).toContain("mật khẩu");
    expect(analysis.plan.writes.map((w) => resultAt(host, sheet, w.address))).toEqual(before);
    expect(before.every((r) => r === undefined)).toBe(true);
  });

  test("inserting an annex whose sheet name is taken throws sheet-exists and adds nothing", async () => {
    const { host } = await sampleHost();
    const count = host.book.worksheets.length;
    const layout = buildAnnexLayout(template(), { year: LANG_SON_SAMPLE.year });
    const error = await host.insertAnnex(layout).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).problem).toBe("sheet-exists");
    expect(host.book.worksheets).toHaveLength(count);
    const next = buildAnnexLayout(template(), { year: 2024 });
    expect(await host.insertAnnex(next)).toEqual({ sheet: "Biểu 01 - 2024", skipped: [] });
    expect((await host.listSheets()).map((s) => [s.name, s.active])).toEqual([
      ["Biểu 01 - 2023", false],
      ["Biểu 01 - 2024", true],
    ]);
  });

  test("select activates the sheet; highlights are state beside the cells and never touch their styles", async () => {
    const { host, sheet } = await sampleHost();
    await host.insertAnnex(buildAnnexLayout(template(), { year: 2024 }));
    expect(host.activeSheet).toBe("Biểu 01 - 2024");
    await host.select(sheet, ["E11", "E12:E14"]);
    expect(host.activeSheet).toBe(sheet);
    expect(host.currentSelection).toEqual({ sheet, cells: ["E11", "E12:E14"], by: "pane" });
    host.selectFromView(sheet, "B7");
    expect(host.currentSelection).toEqual({ sheet, cells: ["B7"], by: "view" });

    const ws = host.book.getWorksheet(sheet)!;
    const styleBefore = JSON.stringify(ws.getCell("E11").style);
    let renders = 0;
    const unsubscribe = host.subscribe(() => renders++);
    await host.highlight(sheet, [{ address: "E11", severity: "error" }]);
    await host.highlight(sheet, [{ address: "G16:G17", severity: "warning" }]);
    expect(host.highlightsOf(sheet)).toEqual([{ address: "G16:G17", severity: "warning" }]);
    expect(JSON.stringify(ws.getCell("E11").style)).toBe(styleBefore);
    await host.clearHighlights(sheet);
    expect(host.highlightsOf(sheet)).toEqual([]);
    expect(renders).toBe(3);
    unsubscribe();

    await expect(host.select("Không có", ["A1"])).rejects.toMatchObject({
      problem: "sheet-missing",
    });
    await expect(host.select(sheet, ["E0"])).rejects.toMatchObject({ problem: "invalid-argument" });
    await expect(host.readSheet("_annex")).rejects.toMatchObject({ problem: "sheet-missing" });
  });

  test("typing in the view is reported once, debounced; the host's own writes are not", async () => {
    const { host, sheet } = await sampleHost();
    const edits: SheetEdit[] = [];
    const off = await host.onEdit((e) => edits.push(e));
    const input = sampleAddress("1", "actualPrev");
    host.editCell(sheet, input, "16.000");
    host.editCell(sheet, input, "'16.000");
    host.editCell(sheet, sampleAddress("1", "planCur"), "17000");
    const { analysis } = await analyze(host);
    await host.applyPlan(analysis.plan);
    await new Promise((r) => setTimeout(r, 30));
    expect(edits).toEqual([{ sheet, addresses: [input, sampleAddress("1", "planCur")] }]);
    expect(resultAt(host, sheet, input)).toBe("16.000");

    await off();
    host.editCell(sheet, input, "1");
    host.flushEdits();
    expect(edits).toHaveLength(1);

    // A handler hears only edits made after it subscribed, as Excel's onChanged does.
    host.editCell(sheet, input, "2");
    const late: SheetEdit[] = [];
    await host.onEdit((e) => late.push(e));
    host.editCell(sheet, sampleAddress("1", "planCur"), "3");
    host.flushEdits();
    expect(late).toEqual([{ sheet, addresses: [sampleAddress("1", "planCur")] }]);
  });

  test("a locked cell of a protected sheet refuses typing, as in Excel", async () => {
    const { host, sheet } = await sampleHost();
    const derived = sampleAddress("1", "pctPlan");
    const formula = formulaAt(host, sheet, derived);
    expect(formula).toMatch(/^=IF\(/);
    expect(() => host.editCell(sheet, derived, "5")).toThrow(HostError);
    expect(formulaAt(host, sheet, derived)).toBe(formula);
    host.editCell(sheet, sampleAddress("1", "planCur"), "5"); // an input cell is open
    expect(resultAt(host, sheet, sampleAddress("1", "planCur"))).toBe(5);
  });

  test("typed text is read as Excel on a vi-VN machine reads it", () => {
    expect(typedValue("16.000")).toBe(16000);
    expect(typedValue("57,72")).toBe(57.72);
    expect(typedValue("'16.000")).toBe("16.000");
    expect(typedValue("=E11/D11*100")).toEqual({ formula: "E11/D11*100" });
    expect(typedValue("trên 16.000")).toBe("trên 16.000");
    expect(typedValue("12%")).toBeCloseTo(0.12, 12);
    expect(typedValue("")).toBeNull();
    expect(typedValue("true")).toBe(true);
    expect(typedValue("16.000 người")).toBe("16.000 người");
  });

  test("download gives an .xlsx that ExcelJS reads back with the formulas, results and protection; load opens it", async () => {
    const { host, sheet } = await sampleHost();
    const { analysis } = await analyze(host);
    await host.applyPlan(analysis.plan);
    const bytes = await host.download();
    expect(bytes[0]).toBe(0x50); // "PK": a zip
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    );
    const ws = wb.getWorksheet(sheet)!;
    const w = analysis.plan.writes.find(
      (x) => x.formula !== undefined && typeof x.value === "number"
    )!;
    expect(ws.getCell(w.address).formula).toBe(w.formula);
    expect(ws.getCell(w.address).result).toBe(w.value);
    expect(wb.getWorksheet("_annex")!.state).toBe("veryHidden");

    const reopened = await BrowserWorkbookHost.fromXlsx(bytes);
    expect(await reopened.listSheets()).toEqual([{ name: sheet, active: true, annex: true }]);
    const read = await reopened.readSheet();
    expect(read.protection).toBe("no-password");
    expect(analyzeSheet(read.snapshot, { locale: "vi-VN" }).plan.writes).toEqual([]);
  });

  test("a file that is not a workbook is refused in both languages and the open workbook stays", async () => {
    const { host, sheet } = await sampleHost();
    const error = await host
      .load(new TextEncoder().encode("không phải xlsx"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).problem).toBe("invalid-argument");
    expect((error as HostError).text.vi).toMatch(/^Không đọc được tệp/);
    expect(host.activeSheet).toBe(sheet);
    expect(host.book.getWorksheet(sheet)).toBeDefined();
  });
});

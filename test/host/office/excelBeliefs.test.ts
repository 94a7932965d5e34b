import { analyzeSheet, buildAnnexLayout, METADATA_SHEET } from "../../../src/domain";
import type { SheetSnapshot, Template } from "../../../src/domain";
import { template } from "../../helpers/annex";
import { ExcelError } from "../fixtures/excelBackend/workbook";
import { officeHostOn, syntheticWorkbook } from "../fixtures/officeAnnex";

/**
 * What no document settles about Excel, and the test backend can behave either way on (environment
 * variables, read at each call). Each belief is tried here under both of its values, whatever the run's
 * environment; `.ci/run` also runs the whole Office host suite under each.
 *  - EXCEL_NULL_CALLS=throw: a method called on a null object throws ItemNotFound (else: another null
 *    object);
 *  - EXCEL_EMPTY_FORMULAS=unused: a formula showing "" is not part of getUsedRange(valuesOnly);
 *  - EXCEL_PAGE_FIT=refuse: page layout's verticalFitToPages: 0 is refused.
 */

async function under<T>(name: string, value: string, run: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

const analyze = (snapshot: SheetSnapshot, t: Template) =>
  analyzeSheet(snapshot, { locale: "vi-VN", templates: [t] });

describe.each(["return", "throw"])("methods on a null object: EXCEL_NULL_CALLS=%s", (mode) => {
  test("the backend does as the switch says (so the tests below can fail)", async () => {
    await under("EXCEL_NULL_CALLS", mode, async () => {
      const { backend } = officeHostOn();
      backend.workbook.addSheet("S");
      const chained = backend.run(async (context) => {
        const used = context.workbook.worksheets
          .getItemOrNullObject(METADATA_SHEET)
          .getUsedRangeOrNullObject(true)
          .load("values");
        await context.sync();
        return used.isNullObject;
      });
      if (mode === "throw") await expect(chained).rejects.toMatchObject({ code: "ItemNotFound" });
      else await expect(chained).resolves.toBe(true);
    });
  });

  test("an empty sheet in a workbook without `_annex`: read, listed, an annex inserted, explained, read back", async () => {
    await under("EXCEL_NULL_CALLS", mode, async () => {
      const { backend, host } = officeHostOn();
      backend.workbook.addSheet("Trống");
      backend.resetLog();
      const empty = await host.readSheet("Trống");
      expect(empty.snapshot.values).toEqual([]);
      expect(empty.snapshot.metadata).toBeUndefined();
      // A Check: at most 2 syncs (the host first assumes an `_annex`, then knows better).
      expect(backend.log.syncs).toBeLessThanOrEqual(2);
      backend.resetLog();
      await host.readSheet("Trống");
      expect(backend.log.syncs).toBe(1);

      expect(await host.listSheets()).toEqual([{ name: "Trống", active: true, annex: false }]);
      const layout = buildAnnexLayout(template(), { year: 2023 });
      await host.insertAnnex(layout);
      expect(backend.workbook.find(METADATA_SHEET)?.visibility).toBe("VeryHidden");
      await host.writeExplanations(layout.sheetName, []);
      backend.resetLog();
      const read = await host.readSheet(layout.sheetName);
      expect(backend.log.syncs).toBe(1);
      expect(read.snapshot.metadata?.templateId).toBe(template().id);
      expect((await host.listSheets()).map((s) => [s.name, s.annex])).toEqual([
        ["Trống", false],
        [layout.sheetName, true],
      ]);
    });
  });

  test("`_annex` deleted after the host saw it: read again without it, not an error", async () => {
    await under("EXCEL_NULL_CALLS", mode, async () => {
      const w = syntheticWorkbook(10);
      expect((await w.host.readSheet(w.snapshot.name)).snapshot.metadata).toBeDefined();
      const wb = w.backend.workbook;
      wb.sheets.splice(wb.sheets.indexOf(wb.get(METADATA_SHEET)), 1);
      const read = await w.host.readSheet(w.snapshot.name);
      expect(read.snapshot.metadata).toBeUndefined();
      expect(read.snapshot.values.length).toBe(w.snapshot.values.length);
      // A sheet that is not there is still said so.
      await expect(w.host.readSheet("Không có")).rejects.toMatchObject({
        problem: "sheet-missing",
      });
    });
  });
});

describe.each(["used", "unused"])('formulas showing "": EXCEL_EMPTY_FORMULAS=%s', (mode) => {
  test('trailing formulas that show "" are read: a column of them at the right, a row of them at the bottom', async () => {
    await under("EXCEL_EMPTY_FORMULAS", mode, async () => {
      const { backend, host } = officeHostOn();
      const sheet = backend.workbook.addSheet("S");
      const formula = '=IF(ISNUMBER(B1),"","x")';
      for (let r = 0; r < 3; r++) {
        Object.assign(sheet.ensure(r, 0), { value: `Chỉ tiêu ${r + 1}` });
        Object.assign(sheet.ensure(r, 1), { value: r * 10, numberFormat: "#,##0" });
        // What Tính cột writes: a formula and its number format; Excel shows "".
        Object.assign(sheet.ensure(r, 2), { value: "", formula, numberFormat: "0.00" });
      }
      Object.assign(sheet.ensure(3, 1), { value: "", formula, numberFormat: "0.00" });
      // The belief is exercised: where Excel does not count them, the values' used range is smaller.
      expect(sheet.usedRect(true)).toEqual(
        mode === "unused" ? { r0: 0, c0: 0, r1: 2, c1: 1 } : { r0: 0, c0: 0, r1: 3, c1: 2 }
      );
      const read = await host.readSheet("S");
      expect(read.snapshot.formulas[0]?.[2]).toBe(formula);
      expect(read.snapshot.formulas[2]?.[2]).toBe(formula);
      expect(read.snapshot.formulas[3]?.[1]).toBe(formula);
      expect(read.snapshot.numberFormats[3]?.[1]).toBe("0.00");
    });
  });

  test("a filled annex: a second Fill writes nothing", async () => {
    await under("EXCEL_EMPTY_FORMULAS", mode, async () => {
      const w = syntheticWorkbook(10);
      const first = analyze((await w.host.readSheet(w.snapshot.name)).snapshot, w.template).plan;
      expect(first.writes.length).toBeGreaterThan(0);
      await w.host.applyPlan(first);
      // Excel calculates what we wrote; the engine's values stand in (its "Kiểm tra" column shows "").
      const sheet = w.backend.workbook.get(w.snapshot.name);
      for (const x of first.writes) sheet.ensure(x.row, x.col).value = x.value ?? "";
      const again = await w.host.readSheet(w.snapshot.name);
      expect(analyze(again.snapshot, w.template).plan.writes).toEqual([]);
    });
  });
});

describe.each(["accept", "refuse"])("verticalFitToPages: 0: EXCEL_PAGE_FIT=%s", (mode) => {
  test("the annex is inserted whole; page layout is set, fit to one page wide where accepted", async () => {
    await under("EXCEL_PAGE_FIT", mode, async () => {
      const { backend, host } = officeHostOn("1.14");
      backend.workbook.addSheet("Sheet1");
      await host.listSheets();
      const layout = buildAnnexLayout(template(), { year: 2023 });
      backend.resetLog();
      const inserted = await host.insertAnnex(layout);
      expect(inserted).toEqual({ sheet: layout.sheetName, skipped: [] });
      // The name and metadata; the sheet; its identity beside its record; validation and page layout.
      expect(backend.log.syncs).toBe(mode === "refuse" ? 6 : 4);
      const sheet = backend.workbook.get(layout.sheetName);
      expect(sheet.protection.protected).toBe(true);
      expect(sheet.validations.length).toBe(layout.validations.length);
      expect(sheet.pageLayout).toMatchObject({ Orientation: "Landscape", PaperSize: "A4" });
      expect(sheet.pageLayout.Zoom).toEqual(
        mode === "refuse" ? undefined : { horizontalFitToPages: 1, verticalFitToPages: 0 }
      );
    });
  });
});

describe("a later phase of insert refused outright", () => {
  test.each([
    ["PageLayout.Orientation=", "pageLayout"],
    ["DataValidation.Prompt=", "dataValidation"],
  ])(
    "Excel refuses %s: the sheet exists with its cells, metadata and protection, and %s is reported skipped",
    async (call, capability) => {
      const { backend, host } = officeHostOn("1.14");
      backend.refuse = (c) =>
        c === call ? new ExcelError("InvalidArgument", "The argument is invalid.") : undefined;
      const layout = buildAnnexLayout(template(), { year: 2023 });
      const inserted = await host.insertAnnex(layout);
      expect(inserted).toEqual({ sheet: layout.sheetName, skipped: [capability] });
      const sheet = backend.workbook.get(layout.sheetName);
      expect(sheet.protection).toMatchObject({ protected: true });
      expect(sheet.cells.size).toBeGreaterThan(layout.cells.length / 2);
      if (capability === "pageLayout")
        expect(sheet.validations.length).toBe(layout.validations.length);
      else expect(sheet.pageLayout).toMatchObject({ Orientation: "Landscape" });
      backend.refuse = undefined;
      const read = await host.readSheet(layout.sheetName);
      expect(read.snapshot.metadata?.templateId).toBe(template().id);
    }
  );
});

describe("a stray value far from the table", () => {
  test("is refused with a message naming where, in a few syncs, not read in thousands of parts", async () => {
    const w = syntheticWorkbook(10);
    const sheet = w.backend.workbook.get(w.snapshot.name);
    sheet.ensure(999_999, 13).value = "x"; // N1000000
    w.backend.resetLog();
    const e = await w.host.readSheet(w.snapshot.name).catch((x: unknown) => x);
    expect(e).toMatchObject({ problem: "too-large" });
    const text = (e as { text: { vi: string; en: string } }).text;
    expect(text.vi).toContain("N1000000");
    expect(text.vi).toContain("giá trị nằm lạc xa bảng");
    expect(text.en).toContain("stray value");
    expect(w.backend.log.syncs).toBeLessThanOrEqual(3);
  });

  test("at the sheet's last cell: the same", async () => {
    const w = syntheticWorkbook(10);
    w.backend.workbook.get(w.snapshot.name).ensure(1_048_575, 16_383).value = "x"; // XFD1048576
    w.backend.resetLog();
    const e = await w.host.readSheet(w.snapshot.name).catch((x: unknown) => x);
    expect(e).toMatchObject({ problem: "too-large" });
    expect((e as { text: { en: string } }).text.en).toContain("to cell XFD1048576");
    expect(w.backend.log.syncs).toBeLessThanOrEqual(3);
  });
});

describe("a wrong password said as BadPassword", () => {
  test.each(["write", "highlight"])("%s: password-protected, nothing changed", async (what) => {
    const w = syntheticWorkbook(10);
    const sheet = w.backend.workbook.get(w.snapshot.name);
    sheet.protection = { protected: true, options: { allowFormatCells: true } };
    const read = await w.host.readSheet(w.snapshot.name);
    w.backend.refuse = (call) =>
      call === "WorksheetProtection.Unprotect"
        ? new ExcelError("BadPassword", "The password is incorrect.")
        : undefined;
    const before = JSON.stringify([...sheet.cells]);
    const run =
      what === "write"
        ? w.host.applyPlan(analyze(read.snapshot, w.template).plan)
        : w.host.highlight(w.snapshot.name, [{ address: "E12", severity: "error" }]);
    await expect(run).rejects.toMatchObject({ problem: "password-protected" });
    expect(JSON.stringify([...sheet.cells])).toBe(before);
    expect(sheet.conditionalFormats.filter((f) => f.formula.includes("annex:"))).toEqual([]);
    expect(sheet.protection.protected).toBe(true);
  });
});

import { analyzeSheet, SheetSnapshot, Template, WritePlan } from "../../../src/domain";
import { HostError } from "../../../src/host/annexHost";
import { PAYLOAD_CAP } from "../../../src/host/office/cellBlocks";
import { cellInput } from "../../../src/host/office/officeWrite";
import { officeRuntime } from "../../../src/host/office/officeRuntime";
import { PAYLOAD_LIMIT } from "../fixtures/excelBackend/server";
import { ExcelError, parseAddress } from "../fixtures/excelBackend/workbook";
import { cellsOf, officeHostOn, seedRow, syntheticWorkbook } from "../fixtures/officeAnnex";

/**
 * The Office.js host against the real Office.js client library (excel-web-16.00.js) answering from an
 * in-memory workbook: every `context.sync()` below is a real RichApi request, counted with its bytes.
 */

function analyze(snapshot: SheetSnapshot, t: Template) {
  return analyzeSheet(snapshot, { locale: "vi-VN", templates: [t] });
}

/** Check = read + analyse; Fill = read + analyse + apply. Returns the syncs of each. */
async function checkAndFill(rows: number) {
  const w = syntheticWorkbook(rows);
  w.backend.resetLog();
  const read = await w.host.readSheet(w.snapshot.name);
  const checkSyncs = w.backend.log.syncs;
  const checkRefused = w.backend.log.refused;
  const analysis = analyze(read.snapshot, w.template);
  w.backend.resetLog();
  const again = await w.host.readSheet(w.snapshot.name);
  const plan = analyze(again.snapshot, w.template).plan;
  const applied = await w.host.applyPlan(plan);
  return {
    ...w,
    read,
    analysis,
    plan,
    applied,
    checkSyncs,
    checkRefused,
    fillSyncs: w.backend.log.syncs,
  };
}

describe("reading a sheet", () => {
  it("is one sync: values, formulas and number formats placed from A1, with the metadata record", async () => {
    const { backend, host } = officeHostOn();
    const sheet = backend.workbook.addSheet("Huyện A");
    // The used range starts at C3, not A1.
    sheet.ensure(2, 2).value = "Chỉ tiêu";
    Object.assign(sheet.ensure(3, 3), { value: 16000, numberFormat: "#,##0" });
    Object.assign(sheet.ensure(3, 4), {
      value: 68.75,
      formula: "=D4/16000*100*1.1",
      numberFormat: "0.00",
    });
    sheet.ensure(4, 3).value = "17.500";
    const meta = backend.workbook.addSheet("_annex");
    meta.visibility = "VeryHidden";
    seedRow(meta, 0, ["sheet", "templateId", "templateVersion", "year"]);
    seedRow(meta, 1, ["Huyện A", "bieu-01-ke-hoach-nam", "1.0.0", 2023]);
    backend.resetLog();

    const read = await host.readSheet("Huyện A");
    expect(backend.log.syncs).toBe(1);
    const s = read.snapshot;
    expect(s.values[2]?.[2]).toBe("Chỉ tiêu");
    expect(s.values[3]?.slice(2)).toEqual(["", 16000, 68.75]);
    expect(s.formulas[3]?.[4]).toBe("=D4/16000*100*1.1");
    expect(s.numberFormats[3]?.[3]).toBe("#,##0");
    expect(s.values[4]?.[3]).toBe("17.500");
    expect(s.values[0]).toBeUndefined();
    expect(s.metadata).toEqual({
      templateId: "bieu-01-ke-hoach-nam",
      templateVersion: "1.0.0",
      year: 2023,
    });
    expect(read.protection).toBe("none");
  });

  it("of a sheet that is not there is a bilingual HostError", async () => {
    const { host } = officeHostOn();
    const e = await host.readSheet("Không có").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostError);
    expect((e as HostError).problem).toBe("sheet-missing");
    expect((e as HostError).text.vi).toContain("Không tìm thấy trang tính");
    expect((e as HostError).text.en).toContain("was not found");
  });
});

describe("Check and Fill", () => {
  it("take the same syncs on 10 and 5,000 rows: Check 1, Fill 2", async () => {
    const small = await checkAndFill(10);
    const large = await checkAndFill(5000);
    for (const run of [small, large]) {
      expect(run.checkSyncs).toBe(1);
      expect(run.fillSyncs).toBe(2);
      expect(run.backend.log.refused).toBe(0);
    }
    expect(large.plan.writes.length).toBeGreaterThan(15_000);
    // The formulas landed where the plan said.
    const sheet = large.backend.workbook.get(large.snapshot.name);
    for (const w of large.plan.writes.filter((_, i) => i % 997 === 0)) {
      expect(sheet.cell(w.row, w.col)?.formula).toBe(`=${w.formula}`);
    }
    // In rectangular blocks, not one call per cell.
    const writes = large.backend.calls.filter((c) => c === "Range.Formulas=").length;
    expect(writes).toBeLessThan(large.plan.writes.length / 20);
    expect(large.applied.written).toBe(large.plan.writes.length);
  });

  it("a second Fill writes nothing and sends nothing", async () => {
    const run = await checkAndFill(10);
    const byCell = new Map(run.plan.writes.map((w) => [`${w.row},${w.col}`, w.value ?? ""]));
    // Excel computes our formulas; the engine's values stand in for its calculation.
    const sheet = run.backend.workbook.get(run.snapshot.name);
    for (const w of run.plan.writes)
      sheet.ensure(w.row, w.col).value = byCell.get(`${w.row},${w.col}`) ?? "";
    run.backend.resetLog();
    const read = await run.host.readSheet(run.snapshot.name);
    const plan = analyze(read.snapshot, run.template).plan;
    expect(plan.writes).toEqual([]);
    const applied = await run.host.applyPlan(plan);
    expect(applied.written).toBe(0);
    expect(run.backend.log.syncs).toBe(1);
  });

  it("a 20,000-row sheet still checks and fills, split under 5 MB only because it must", async () => {
    const run = await checkAndFill(20_000);
    expect(run.read.snapshot.values.length).toBe(run.snapshot.values.length);
    expect(run.analysis.findings.length).toBe(analyze(run.snapshot, run.template).findings.length);
    // Nothing we sent or asked for passed the cap (Excel refuses above it): the read came in bands.
    expect(run.checkSyncs).toBeGreaterThan(1);
    expect(run.checkRefused).toBe(0);
    expect(run.backend.log.refused).toBe(0);
    expect(Math.max(...run.backend.log.sizes)).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    // The fill needed more than one batch, and every cell landed.
    expect(run.fillSyncs).toBeGreaterThan(2);
    const sheet = run.backend.workbook.get(run.snapshot.name);
    const last = run.plan.writes[run.plan.writes.length - 1];
    expect(sheet.cell(last.row, last.col)?.formula).toBe(`=${last.formula}`);
    expect(run.applied.undo.cells).toHaveLength(run.plan.writes.length);
  }, 180_000);

  it("a batch Excel refuses for size is split and sent again", async () => {
    // A budget far above the cap: our estimate lets it through, Excel refuses, we halve.
    const w = syntheticWorkbook(5000, "1.14", { payloadBudget: PAYLOAD_CAP * 4 });
    const read = await w.host.readSheet(w.snapshot.name);
    const plan = analyze(read.snapshot, w.template).plan;
    const big: WritePlan = {
      ...plan,
      // (CellWrite may be a class with getters: copy its fields one by one.)
      writes: plan.writes.map((x) => ({
        row: x.row,
        col: x.col,
        address: x.address,
        value: x.value,
        purpose: x.purpose,
        ...(x.numFmt !== undefined ? { numFmt: x.numFmt } : {}),
        formula: `${x.formula}${"+0".repeat(150)}`,
      })),
    };
    w.backend.resetLog();
    const applied = await w.host.applyPlan(big);
    expect(w.backend.log.refused).toBeGreaterThan(0);
    expect(applied.written).toBe(big.writes.length);
    const sheet = w.backend.workbook.get(w.snapshot.name);
    const x = big.writes[big.writes.length - 1];
    expect(sheet.cell(x.row, x.col)?.formula).toBe(`=${x.formula}`);
  });
});

describe("undo", () => {
  it("restores values, formulas and number formats exactly, text that looks like a number included", async () => {
    const { backend, host } = officeHostOn();
    const sheet = backend.workbook.addSheet("S");
    Object.assign(sheet.ensure(0, 0), { value: "17.500" }); // a number typed as text
    Object.assign(sheet.ensure(0, 1), { value: 12.07, numberFormat: "0.00" });
    Object.assign(sheet.ensure(0, 2), { value: 5, formula: "=1+4", numberFormat: "#,##0" });
    Object.assign(sheet.ensure(1, 0), { value: "TRUE" });
    Object.assign(sheet.ensure(1, 1), { value: true });
    const before = cellsOf(sheet);
    // Excel recalculates a formula put back; this one stands for its calculation.
    backend.workbook.calculate = (_s, _r, _c, f) => (f === "=1+4" ? 5 : "");
    await host.readSheet("S");
    const plan: WritePlan = {
      sheet: "S",
      skipped: [],
      writes: [
        { row: 0, col: 0, address: "A1", value: 17500, purpose: "fix" },
        {
          row: 0,
          col: 1,
          address: "B1",
          value: 1,
          formula: "A1/100",
          numFmt: "0.0",
          purpose: "derived",
        },
        {
          row: 0,
          col: 2,
          address: "C1",
          value: 2,
          formula: "A1*2",
          numFmt: "0",
          purpose: "derived",
        },
        {
          row: 0,
          col: 3,
          address: "D1",
          value: 3,
          formula: "A1*3",
          numFmt: "0",
          purpose: "derived",
        },
        { row: 1, col: 0, address: "A2", value: null, purpose: "fix" },
        { row: 1, col: 1, address: "B2", value: "1-1,5", purpose: "input" },
      ],
    };
    const applied = await host.applyPlan(plan);
    expect(sheet.cell(0, 0)?.value).toBe(17500);
    expect(sheet.cell(1, 1)?.value).toBe("1-1,5");
    expect(applied.undo.label.vi).toBe("Hoàn tác: Ghi số liệu (6 ô)");
    expect(applied.undo.cells.find((c) => c.address === "C1")).toEqual({
      address: "C1",
      formula: "=1+4",
      numberFormat: "#,##0",
    });
    backend.resetLog();
    await host.restore(applied.undo);
    expect(backend.log.syncs).toBe(2);
    // D1 was empty: it is empty again (its cell record exists now, its content does not).
    const after = cellsOf(sheet);
    const d1 = Object.keys(after).find((k) => !(k in before));
    if (d1) {
      expect(after[d1]).toMatchObject({ value: "", numberFormat: "General" });
      delete after[d1];
    }
    expect(after).toEqual(before);
  });

  it("leaves a cell a person changed after our write as they typed it", async () => {
    const { backend, host } = officeHostOn();
    const sheet = backend.workbook.addSheet("S");
    Object.assign(sheet.ensure(0, 0), { value: 1 });
    Object.assign(sheet.ensure(0, 1), { value: 2 });
    const applied = await host.applyPlan({
      sheet: "S",
      skipped: [],
      writes: [
        { row: 0, col: 0, address: "A1", value: 10, purpose: "fix" },
        { row: 0, col: 1, address: "B1", value: 20, purpose: "fix" },
      ],
    });
    backend.userEdit("S", "B1", 99);
    expect(await host.restore(applied.undo)).toEqual({ restored: 1, kept: ["B1"] });
    expect(sheet.cell(0, 0)?.value).toBe(1);
    expect(sheet.cell(0, 1)?.value).toBe(99);
  });

  it("quotes exactly the text Excel would otherwise read as something else", () => {
    expect(cellInput("17.500")).toBe("'17.500");
    expect(cellInput("1.0.0")).toBe("'1.0.0");
    expect(cellInput("TRUE")).toBe("'TRUE");
    expect(cellInput("=A1")).toBe("'=A1");
    expect(cellInput("- Trong đó")).toBe("'- Trong đó");
    expect(cellInput("#REF!")).toBe("'#REF!");
    expect(cellInput("trên 16.000")).toBe("trên 16.000");
    expect(cellInput("Lao động - Việc làm")).toBe("Lao động - Việc làm");
    expect(cellInput(16000)).toBe(16000);
    expect(cellInput(null)).toBe("");
  });
});

describe("protection", () => {
  it("a password-protected sheet: a clear message and nothing written", async () => {
    const w = syntheticWorkbook(10);
    const sheet = w.backend.workbook.get(w.snapshot.name);
    sheet.protection = { protected: true, options: { allowFormatCells: true }, password: "bí mật" };
    const read = await w.host.readSheet(w.snapshot.name);
    const plan = analyze(read.snapshot, w.template).plan;
    expect(plan.writes.length).toBeGreaterThan(0);
    const before = cellsOf(sheet);
    const e = (await w.host.applyPlan(plan).catch((x: unknown) => x)) as HostError;
    expect(e).toBeInstanceOf(HostError);
    expect(e.problem).toBe("password-protected");
    expect(e.written).toEqual([]);
    expect(e.text.vi).toContain("mật khẩu");
    expect(e.text.en).toContain("password");
    expect(cellsOf(sheet)).toEqual(before);
    expect(sheet.protection).toMatchObject({ protected: true, password: "bí mật" });
    const h = (await w.host
      .highlight(w.snapshot.name, [{ address: "E12", severity: "error" }])
      .catch((x: unknown) => x)) as HostError;
    expect(h.problem).toBe("password-protected");
    expect(sheet.conditionalFormats).toEqual([]);
  });

  it("protection without a password is lifted around our write and put back as it was", async () => {
    const w = syntheticWorkbook(10);
    const sheet = w.backend.workbook.get(w.snapshot.name);
    const options = { allowFormatCells: true, allowInsertRows: true };
    sheet.protection = { protected: true, options };
    // Derived cells are locked, as on an annex.
    const read = await w.host.readSheet(w.snapshot.name);
    expect(read.protection).toBe("no-password");
    const plan = analyze(read.snapshot, w.template).plan;
    w.backend.resetLog();
    await w.host.applyPlan(plan);
    expect(w.backend.log.syncs).toBe(1);
    expect(sheet.protection).toEqual({ protected: true, options });
    const x = plan.writes[0];
    expect(sheet.cell(x.row, x.col)?.formula).toBe(`=${x.formula}`);
  });

  it("undo after a person lifted the protection leaves the sheet unprotected, in the same 2 syncs", async () => {
    const w = syntheticWorkbook(10);
    const sheet = w.backend.workbook.get(w.snapshot.name);
    sheet.protection = { protected: true, options: { allowFormatCells: true } };
    const read = await w.host.readSheet(w.snapshot.name);
    const plan = analyze(read.snapshot, w.template).plan;
    const before = plan.writes.map((p) => sheet.cell(p.row, p.col)?.formula);
    const applied = await w.host.applyPlan(plan);
    sheet.protection = { protected: false, options: {} };
    w.backend.resetLog();
    await w.host.restore(applied.undo);
    expect(w.backend.log.syncs).toBe(2);
    expect(sheet.protection).toEqual({ protected: false, options: {} });
    expect(plan.writes.map((p) => sheet.cell(p.row, p.col)?.formula)).toEqual(before);
  });
});

describe("highlights", () => {
  it("use conditional formats of our own: clearing them leaves fills, fonts, borders and the user's rules as they were", async () => {
    const w = syntheticWorkbook(10);
    const sheet = w.backend.workbook.get(w.snapshot.name);
    // The user's own formatting and conditional format.
    Object.assign(sheet.ensure(11, 4).format, { fill: "#00FF00", bold: true });
    sheet.ensure(11, 4).format.borders.top = { style: "Dashed", color: "#FF0000" };
    sheet.conditionalFormats.push({
      id: "{user}",
      type: "Custom",
      rect: parseAddress("E12:E20"),
      formula: "=E12>100",
      fill: "#0000FF",
      fontColor: null,
    });
    const before = cellsOf(sheet);
    const userRules = JSON.parse(JSON.stringify(sheet.conditionalFormats));

    w.backend.resetLog();
    await w.host.highlight(w.snapshot.name, [
      { address: "E12", severity: "error" },
      { address: "F12:F14", severity: "warning" },
    ]);
    expect(w.backend.log.syncs).toBe(2);
    expect(sheet.conditionalFormats).toHaveLength(3);
    const ours = sheet.conditionalFormats.filter((f) => f.id !== "{user}");
    expect(ours.map((f) => [f.fill, f.formula.includes("annex:highlight:error")])).toEqual([
      ["#FFC7CE", true],
      ["#FFEB9C", false],
    ]);
    // Replaces earlier highlights rather than adding to them; twice the same is the same.
    await w.host.highlight(w.snapshot.name, [{ address: "G12", severity: "info" }]);
    await w.host.highlight(w.snapshot.name, [{ address: "G12", severity: "info" }]);
    expect(sheet.conditionalFormats).toHaveLength(2);
    expect(cellsOf(sheet)).toEqual(before);

    await w.host.clearHighlights(w.snapshot.name);
    expect(sheet.conditionalFormats).toEqual(userRules);
    expect(cellsOf(sheet)).toEqual(before);
  });
});

describe("errors from Excel", () => {
  it("a sheet deleted meanwhile: sheet-missing, nothing written", async () => {
    const w = syntheticWorkbook(10);
    const read = await w.host.readSheet(w.snapshot.name);
    const plan = analyze(read.snapshot, w.template).plan;
    w.backend.workbook.sheets.splice(
      w.backend.workbook.sheets.indexOf(w.backend.workbook.get(w.snapshot.name)),
      1
    );
    const e = (await w.host.applyPlan(plan).catch((x: unknown) => x)) as HostError;
    expect(e.problem).toBe("sheet-missing");
    expect(e.written).toEqual([]);
    expect(e.text.vi).toContain("Chưa ô nào bị thay đổi");
  });

  it("InvalidArgument from Excel, part-way: the message names the cells that were written", async () => {
    const { backend, host } = officeHostOn();
    const sheet = backend.workbook.addSheet("S");
    await host.readSheet("S");
    // Excel refuses the second block's number format mid-batch; the first block had landed.
    backend.refuse = (call) =>
      call === "Range.NumberFormat="
        ? new ExcelError(
            "InvalidArgument",
            "The argument is invalid or missing or has an incorrect format."
          )
        : undefined;
    const plan: WritePlan = {
      sheet: "S",
      skipped: [],
      writes: [
        { row: 0, col: 0, address: "A1", value: 1, formula: "1", purpose: "derived" },
        { row: 5, col: 5, address: "F6", value: 1, formula: "1", numFmt: "0", purpose: "derived" },
      ],
    };
    const e = (await host.applyPlan(plan).catch((x: unknown) => x)) as HostError;
    expect(e).toBeInstanceOf(HostError);
    expect(e.problem).toBe("invalid-argument");
    expect(e.written).toEqual(["A1"]);
    expect(e.text.vi).toContain("A1");
    expect(e.text.en).toContain("Cells written before it stopped: A1");
    expect(sheet.cell(0, 0)?.formula).toBe("=1");
  });

  it("a name already taken: sheet-exists, nothing added", async () => {
    const { backend, host } = officeHostOn();
    backend.workbook.addSheet("Biểu 01 - 2023");
    const { buildAnnexLayout } = await import("../../../src/domain");
    const { template } = await import("../../helpers/annex");
    const layout = buildAnnexLayout(template(), { year: 2023 });
    const e = (await host.insertAnnex(layout).catch((x: unknown) => x)) as HostError;
    expect(e.problem).toBe("sheet-exists");
    expect(backend.workbook.sheets.map((s) => s.name)).toEqual(["Biểu 01 - 2023"]);
  });
});

describe("select, list, edits", () => {
  it("select activates the sheet and makes the first cell active", async () => {
    const { backend, host } = officeHostOn();
    backend.workbook.addSheet("A");
    backend.workbook.addSheet("B");
    backend.resetLog();
    await host.select("B", ["E12", "F13"]);
    expect(backend.log.syncs).toBe(1);
    expect(backend.workbook.active().name).toBe("B");
    expect(backend.workbook.selection).toEqual({ sheet: "B", address: "E12" });
  });

  it("lists visible sheets in order, never the metadata sheet, marking annexes and the active one", async () => {
    const w = syntheticWorkbook(10);
    w.backend.workbook.addSheet("Ghi chú");
    const list = await w.host.listSheets();
    expect(list).toEqual([
      { name: w.snapshot.name, active: true, annex: true },
      { name: "Ghi chú", active: false, annex: false },
    ]);
  });

  it.each(["1.14", "1.7"])(
    "reports a person's edits, debounced, and never our own writes (ExcelApi %s)",
    async (version) => {
      const { backend, host } = officeHostOn(version, { editDelayMs: 30 });
      backend.workbook.addSheet("S");
      const edits: unknown[] = [];
      const stop = await host.onEdit((e) => edits.push(e));
      await host.applyPlan({
        sheet: "S",
        skipped: [],
        writes: [{ row: 0, col: 0, address: "A1", value: 5, purpose: "fix" }],
      });
      backend.userEdit("S", "B2", 7);
      backend.userEdit("S", "C3:C4", 8);
      await new Promise((r) => setTimeout(r, 150));
      expect(edits).toEqual([{ sheet: "S", addresses: ["B2", "C3:C4"] }]);
      await stop();
      backend.userEdit("S", "B2", 9);
      await new Promise((r) => setTimeout(r, 100));
      expect(edits).toHaveLength(1);
      expect(backend.workbook.listening.size).toBe(0);
    }
  );
});

describe("outside Excel", () => {
  it("says so in both languages instead of failing on a missing global", () => {
    let e: unknown;
    try {
      officeRuntime();
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(HostError);
    expect((e as HostError).problem).toBe("office-unavailable");
    expect((e as HostError).text.vi).toContain("Excel");
    expect((e as HostError).text.en).toContain("inside Excel");
  });
});

describe("older Excel", () => {
  it("Excel 2019 (ExcelApi 1.7): check, fill, go to a cell and highlight, with the same syncs", async () => {
    const w = syntheticWorkbook(10, "1.7");
    expect(w.host.capabilities()).toEqual({
      dataValidation: false,
      pageLayout: false,
      customProperties: false,
      changeSource: false,
    });
    w.backend.resetLog();
    const read = await w.host.readSheet(w.snapshot.name);
    const analysis = analyze(read.snapshot, w.template);
    await w.host.applyPlan(analysis.plan);
    expect(w.backend.log.syncs).toBe(2);
    const x = analysis.plan.writes[0];
    expect(w.backend.workbook.get(w.snapshot.name).cell(x.row, x.col)?.formula).toBe(
      `=${x.formula}`
    );
    await w.host.select(w.snapshot.name, [x.address]);
    expect(w.backend.workbook.selection).toEqual({ sheet: w.snapshot.name, address: x.address });
    await w.host.highlight(w.snapshot.name, [{ address: x.address, severity: "warning" }]);
    expect(w.backend.workbook.get(w.snapshot.name).conditionalFormats).toHaveLength(1);
  });

  it("Excel 2016 (ExcelApi 1.6) gets a clear message instead of an error", async () => {
    const { host } = officeHostOn("1.6");
    const e = (await host.readSheet().catch((x: unknown) => x)) as HostError;
    expect(e.problem).toBe("not-supported");
    expect(e.text.vi).toContain("ExcelApi 1.7");
    expect(e.text.en).toContain("Excel 2019 or later");
  });
});

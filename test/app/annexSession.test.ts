import { analyzeSheet, buildAnnexLayout, samplePlan, Template } from "../../src/domain";
import { AnnexSession, CheckReport } from "../../src/app/annexSession";
import { Outcome } from "../../src/app/problems";
import { MemoryHost } from "../helpers/memoryHost";
import { BrowserWorkbookHost } from "../../src/host/browser/browserWorkbookHost";
import { openSample } from "../../src/host/browser/sampleWorkbook";
import { BIEU01, langSonSample as sample, template as tpl } from "../helpers/annex";

const SHEET = "Biểu 01 - 2023";

function value<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(`expected success, got ${o.problem.code}: ${o.problem.message.en}`);
  return o.value;
}

/** The Lạng Sơn annex inserted through the session, then typed in as a person would. */
async function langSonWorkbook(host = new MemoryHost()) {
  const session = new AnnexSession(host, { recheckDelayMs: 5 });
  value(
    await session.insert({
      templateId: BIEU01,
      year: 2023,
      unitName: sample.unitName,
      authority: sample.authority,
    })
  );
  const layout = buildAnnexLayout(tpl(), { year: 2023 });
  host.typePlan(samplePlan(layout, tpl(), sample));
  return { host, session, layout };
}

describe("AnnexSession: Mẫu biểu", () => {
  it("lists the built-in templates, custom ones first, and previews the rows of one", () => {
    const custom: Template = { ...tpl(), id: "bieu-01-cao-loc", form: "Biểu số 01-CL" };
    const session = new AnnexSession(new MemoryHost(), { templates: [custom] });
    const choices = session.templates();
    expect(choices[0]).toMatchObject({ id: "bieu-01-cao-loc", custom: true });
    expect(choices.filter((c) => !c.custom).map((c) => c.id)).toEqual(
      expect.arrayContaining([BIEU01, "bieu-02-bao-cao-6-thang"])
    );
    const preview = value(session.preview(BIEU01, 2023));
    const indicators = preview.rows.filter((r) => r.kind === "indicator");
    expect(indicators).toHaveLength(tpl().indicators.length);
    expect(preview.rows[0]).toEqual({
      kind: "section",
      code: tpl().sections[0].code,
      name: tpl().sections[0].name,
    });
    expect(preview.columns.map((c) => c.header.vi)).toContain("KH năm 2023");
    expect(preview.sheetName).toBe(SHEET);
    expect(session.preview("nope", 2023)).toMatchObject({
      ok: false,
      problem: { code: "template-missing" },
    });
  });

  it("inserts a sheet, then says the name is taken and offers a free one", async () => {
    const host = new MemoryHost();
    const session = new AnnexSession(host);
    const first = value(await session.insert({ templateId: BIEU01, year: 2023 }));
    expect(first.sheet).toBe(SHEET);
    expect(first.indicators).toBe(tpl().indicators.length);
    expect(first.summary.vi).toContain(SHEET);
    expect(value(await session.suggestSheetName(BIEU01, 2023))).toBe(`${SHEET} (2)`);

    const again = await session.insert({ templateId: BIEU01, year: 2023 });
    expect(again).toMatchObject({
      ok: false,
      problem: { code: "sheet-exists", suggestion: `${SHEET} (2)` },
    });
    expect(host.calls.filter((c) => c === "insertAnnex")).toHaveLength(1);

    const named = value(
      await session.insert({ templateId: BIEU01, year: 2023, sheetName: `${SHEET} (2)` })
    );
    expect(named.sheet).toBe(`${SHEET} (2)`);
  });

  it("refuses a sheet name Excel would refuse, and a year that is not a year", async () => {
    const session = new AnnexSession(new MemoryHost());
    const bad = await session.insert({ templateId: BIEU01, year: 2023, sheetName: "Biểu 01/2023" });
    expect(bad).toMatchObject({ ok: false, problem: { code: "invalid-sheet-name" } });
    const year = await session.insert({ templateId: BIEU01, year: 23 });
    expect(year).toMatchObject({ ok: false, problem: { code: "invalid-argument" } });
  });

  it("says which parts an older Excel could not apply", async () => {
    const host = new MemoryHost({
      dataValidation: false,
      pageLayout: true,
      customProperties: false,
      changeSource: false,
    });
    const inserted = value(await new AnnexSession(host).insert({ templateId: BIEU01, year: 2023 }));
    expect(inserted.skipped.map((s) => s.capability)).toEqual(["dataValidation"]);
    expect(inserted.skipped[0].message.vi).toContain("1.8");
  });
});

describe("AnnexSession: Kiểm tra", () => {
  it("reports what the engine found, grouped by severity then section, with indicator names", async () => {
    const { host, session } = await langSonWorkbook();
    const report = value(await session.check());
    const engine = analyzeSheet((await host.readSheet()).snapshot, { locale: "vi-VN" });
    expect(report.findings.map((f) => f.cells[0])).toEqual(engine.findings.map((f) => f.cells[0]));
    const total = engine.findings.length;
    expect(report.counts.error + report.counts.warning + report.counts.info).toBe(total);
    // groups: errors before warnings before notes, each group's count is its findings
    const order = report.groups.map((g) => g.severity);
    expect(order).toEqual(["error", "warning", "info"].filter((s) => order.includes(s as never)));
    for (const g of report.groups) {
      const inGroup = g.sections.flatMap((s) => s.findings);
      expect(inGroup).toHaveLength(g.count);
      expect(inGroup.every((f) => f.severity === g.severity)).toBe(true);
      expect(g.count).toBe(report.counts[g.severity]);
    }
    // each finding about an indicator carries the template's name for it and its section
    const withIndicator = report.findings.filter((f) => f.indicator);
    expect(withIndicator.length).toBeGreaterThan(0);
    for (const f of withIndicator) {
      const ind = tpl().indicators.find((i) => i.code === f.indicator?.code);
      expect(f.indicator?.name).toEqual(ind?.name);
    }
    // "8.977" pasted from the Word report as text (README) is offered for conversion
    expect(report.findings.some((f) => f.ruleId === "type.number-as-text" && f.fixable)).toBe(true);
    expect(report.annex).toMatchObject({ templateId: BIEU01, year: 2023, form: "Biểu số 01" });
    expect(report.fill.pending).toBeGreaterThan(0);
    expect(report.summary.vi).toMatch(/\d+ lỗi, \d+ cảnh báo, \d+ lưu ý/);
  });

  it("answers in plain data: what JSON carries to a ribbon dialog, nothing more", async () => {
    const { session } = await langSonWorkbook();
    const plain = (x: unknown) => expect(x).toStrictEqual(JSON.parse(JSON.stringify(x)));
    const report = value(await session.check());
    plain(report);
    const fix = report.findings.find((f) => f.fixable);
    plain(value(await session.fixNumbers(fix ? [fix.id] : [])));
    plain(value(await session.highlightAll()));
    plain(value(await session.fill()));
    plain(value(await session.undo()));
    plain(await session.check("Không có"));
  });

  it("says the sheet is not an annex and how to get one, instead of a dead end", async () => {
    const host = new MemoryHost().addSheet("Ghi chú", [["Danh sách cán bộ"], ["Nguyễn Văn A"]]);
    const session = new AnnexSession(host);
    const out = await session.check();
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problem.code).toBe("no-annex");
    expect(out.problem.message.vi).toContain("Mẫu biểu");
    expect(out.problem.message.en).toContain("insert");
    expect(await session.fill()).toMatchObject({ ok: false, problem: { code: "no-annex" } });
  });

  it("turns a host failure (no Office.js, older Excel) into its message", async () => {
    const host = new MemoryHost().addSheet("S");
    host.failNext("readSheet", "office-unavailable", {
      vi: "Không có Office.js.",
      en: "No Office.js.",
    });
    const out = await new AnnexSession(host).check();
    expect(out).toEqual({
      ok: false,
      problem: {
        code: "office-unavailable",
        message: { vi: "Không có Office.js.", en: "No Office.js." },
        written: [],
      },
    });
  });

  it("selects a finding's cells, highlights all by worst severity and clears them", async () => {
    const { host, session } = await langSonWorkbook();
    const report = value(await session.check());
    const f = report.findings[0];
    value(await session.select(f));
    expect(host.selection).toEqual({ sheet: SHEET, cells: f.cells });

    const lit = value(await session.highlightAll());
    const marks = host.highlights.get(SHEET) ?? [];
    expect(lit.cells).toBe(marks.length);
    const cells = new Set(report.findings.flatMap((x) => x.cells));
    expect(new Set(marks.map((m) => m.address))).toEqual(cells);
    for (const m of marks) {
      const worst = report.findings
        .filter((x) => x.cells.includes(m.address))
        .map((x) => ["error", "warning", "info"].indexOf(x.severity));
      expect(["error", "warning", "info"].indexOf(m.severity)).toBe(Math.min(...worst));
    }
    value(await session.clearHighlights());
    expect(host.highlights.has(SHEET)).toBe(false);
  });

  it("converts only the ticked numbers stored as text, and undo puts the text back", async () => {
    const { host, session } = await langSonWorkbook();
    const report = value(await session.check());
    const fixable = report.findings.filter((f) => f.fixable);
    expect(fixable.length).toBeGreaterThan(0);
    const [ticked] = fixable;
    const address = ticked.cells[0];
    const before = host.cell(SHEET, address);
    expect(typeof before?.value).toBe("string");

    const fixed = value(await session.fixNumbers([ticked.id]));
    expect(fixed.converted).toBe(1);
    expect(typeof host.cell(SHEET, address)?.value).toBe("number");
    expect(session.lastReport?.findings.some((f) => f.id === ticked.id)).toBe(false);
    expect(session.undoLabel?.vi).toBe("Hoàn tác: Chuyển số (1 ô)");

    // twice changes nothing
    const again = value(await session.fixNumbers([ticked.id]));
    expect(again.converted).toBe(0);

    value(await session.undo());
    expect(host.cell(SHEET, address)).toEqual(before);
    expect(session.canUndo).toBe(false);
  });

  it("undo leaves a converted cell a person typed over since, and says which", async () => {
    const host = new BrowserWorkbookHost();
    const sheet = await openSample(host);
    const session = new AnnexSession(host);
    const [ticked] = value(await session.check()).findings.filter((f) => f.fixable);
    const address = ticked.cells[0];
    value(await session.fixNumbers([ticked.id]));
    host.editCell(sheet, address, "18000");

    const undone = value(await session.undo());
    expect(undone).toMatchObject({ restored: 0, kept: [address] });
    expect(undone.summary.vi).toBe(
      `Đã hoàn tác "Chuyển số (1 ô)": 0 ô trở lại như trước. Giữ nguyên 1 ô đã được sửa sau đó: ${address}.`
    );
    expect(undone.summary.en).toContain(`1 cell changed since then kept as typed: ${address}.`);
    expect(host.book.getWorksheet(sheet)?.getCell(address).value).toBe(18000);
  });

  it("marks results stale on an edit, then checks the sheet again", async () => {
    const { host, session, layout } = await langSonWorkbook();
    value(await session.check());
    const events: string[] = [];
    let resolveChecked: (r: CheckReport) => void = () => undefined;
    const checked = new Promise<CheckReport>((r) => (resolveChecked = r));
    const stop = await session.watch((e) => {
      events.push(e.type);
      if (e.type === "checked" && e.outcome.ok) resolveChecked(e.outcome.value);
    });
    const e1 = `E${(layout.rowOf.get("1") as number) + 1}`;
    host.type(SHEET, { [e1]: "abc" });
    host.type(SHEET, { [e1]: "không biết" });
    expect(events).toEqual(["stale", "stale"]);
    const report = await checked;
    expect(events).toEqual(["stale", "stale", "checked"]);
    expect(report.edited).toEqual([e1]);
    expect(report.findings.some((f) => f.cells[0] === e1 && f.severity === "error")).toBe(true);
    await stop();
    expect(host.subscribers).toBe(0);
  });

  it("ignores edits of other sheets", async () => {
    const { host, session } = await langSonWorkbook();
    host.addSheet("Khác");
    host.activate(SHEET);
    value(await session.check());
    const events: string[] = [];
    const stop = await session.watch((e) => events.push(e.type));
    host.type("Khác", { A1: 1 });
    expect(events).toEqual([]);
    await stop();
  });
});

describe("AnnexSession: Tính cột and Hoàn tác", () => {
  it("writes the formulas, writes nothing the second time, and undo restores the sheet exactly", async () => {
    const { host, session } = await langSonWorkbook();
    const before = host.dump(SHEET);
    const first = value(await session.fill());
    expect(first.written).toBeGreaterThan(0);
    expect(first.kept).toEqual([]);
    expect(first.askOverwrite).toBe(false);
    expect(first.summary.vi).toContain(`Đã ghi ${first.written} ô`);
    const after = host.dump(SHEET);
    expect(after).not.toEqual(before);

    const reads = host.calls.filter((c) => c === "readSheet").length;
    const second = value(await session.fill());
    expect(second.written).toBe(0);
    expect(host.dump(SHEET)).toEqual(after);
    // nothing to write: the sheet read for the fill is its check too (one read, not two)
    expect(host.calls.filter((c) => c === "readSheet").length).toBe(reads + 1);
    expect(session.lastReport?.fill).toEqual({ pending: 0, kept: 0 });
    expect(session.undoLabel?.vi).toBe(`Hoàn tác: Tính cột (${first.written} ô)`);

    const undone = value(await session.undo());
    expect(undone.restored).toBe(first.written);
    expect(host.dump(SHEET)).toEqual(before);
    expect(session.canUndo).toBe(false);
    expect(await session.undo()).toMatchObject({ ok: false, problem: { code: "nothing-to-undo" } });
  });

  it("keeps what a person typed in a derived cell, asks, and overwrites only when told", async () => {
    const { host, session, layout } = await langSonWorkbook();
    const row = (layout.rowOf.get("1") as number) + 1;
    const col = tpl().columns.findIndex((c) => c.role === "derived");
    const address = `${String.fromCharCode(65 + col)}${row}`;
    host.type(SHEET, { [address]: 99 });
    const first = value(await session.fill());
    expect(first.kept.map((k) => k.address)).toEqual([address]);
    expect(first.kept[0].found).toBe("99");
    expect(first.askOverwrite).toBe(true);
    expect(host.cell(SHEET, address)?.value).toBe(99);

    const forced = value(await session.fill({ overwrite: true }));
    expect(forced.written).toBe(1);
    expect(forced.askOverwrite).toBe(false);
    expect(host.cell(SHEET, address)?.formula).toBeDefined();

    value(await session.undo());
    expect(host.cell(SHEET, address)).toEqual({ value: 99, numFmt: expect.any(String) });
  });

  it("does not write to a password-protected sheet, and says how to unprotect it", async () => {
    const { host, session } = await langSonWorkbook();
    host.protect(SHEET, "password");
    const before = host.dump(SHEET);
    const out = await session.fill();
    expect(out).toMatchObject({ ok: false, problem: { code: "password-protected", written: [] } });
    if (!out.ok) expect(out.problem.message.vi).toContain("Bỏ bảo vệ");
    expect(host.dump(SHEET)).toEqual(before);
    expect(host.calls).not.toContain("applyPlan");
    // checking still works
    expect(value(await session.check()).protection).toBe("password");
  });
});

describe("AnnexSession: the department's own templates", () => {
  function memoryStore() {
    let texts: readonly string[] = [];
    return { read: () => texts, write: (t: readonly string[]) => (texts = t) };
  }
  const own = JSON.stringify({ ...tpl(), id: "bieu-01-cao-loc", form: "Biểu số 01-CL" });

  it("adds one from its JSON, offers it first, keeps it for the next session and forgets it on request", async () => {
    const store = memoryStore();
    const session = new AnnexSession(new MemoryHost(), { store });
    const added = value(session.addTemplate(own, "cao-loc.json"));
    expect(added).toMatchObject({ id: "bieu-01-cao-loc", form: "Biểu số 01-CL", custom: true });
    expect(session.templates()[0].id).toBe("bieu-01-cao-loc");
    expect(store.read()).toEqual([own]);

    // the same id again replaces it, no duplicate
    value(session.addTemplate(own, "cao-loc.json"));
    expect(session.templates().filter((t) => t.id === "bieu-01-cao-loc")).toHaveLength(1);

    const host = new MemoryHost();
    const next = new AnnexSession(host, { store });
    expect(next.templates()[0]).toMatchObject({ id: "bieu-01-cao-loc", custom: true });
    const inserted = value(await next.insert({ templateId: "bieu-01-cao-loc", year: 2024 }));
    expect(inserted.summary.vi).toContain("Biểu số 01-CL năm 2024");
    // Kept in the workbook (issue #20): a fresh session with no store checks the sheet with it.
    expect(inserted.summary.vi).toMatch(
      /Mẫu riêng này được lưu trong sổ tính: gửi tệp đi là gửi kèm mẫu\.$/
    );
    expect(host.templates.map((e) => [e.id, !!e.template])).toEqual([["bieu-01-cao-loc", true]]);
    expect(value(await new AnnexSession(host).check()).annex.templateId).toBe("bieu-01-cao-loc");
    // Inserted again as another sheet: the same form, nothing written again.
    const writes = host.templateWrites;
    value(await next.insert({ templateId: "bieu-01-cao-loc", year: 2024, sheetName: "Bản 2" }));
    expect(host.templateWrites).toBe(writes);

    value(next.removeTemplate("bieu-01-cao-loc"));
    expect(next.templates().some((t) => t.id === "bieu-01-cao-loc")).toBe(false);
    expect(store.read()).toEqual([]);
  });

  it("names the fields that are wrong in a bad template, and keeps nothing", () => {
    const store = memoryStore();
    const session = new AnnexSession(new MemoryHost(), { store });
    const bad = JSON.stringify({ ...tpl(), id: "Sai Mã", indicators: [] });
    const out = session.addTemplate(bad, "sai.json");
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problem.code).toBe("template-invalid");
    expect(out.problem.message.vi).toContain('Tệp "sai.json" không phải mẫu biểu hợp lệ');
    expect(out.problem.message.vi).toMatch(/\bid\b/);
    expect(out.problem.message.en).toMatch(/indicators/);
    expect(session.addTemplate("{ not json", "hong.json")).toMatchObject({
      ok: false,
      problem: { code: "template-invalid" },
    });
    expect(store.read()).toEqual([]);
  });
});

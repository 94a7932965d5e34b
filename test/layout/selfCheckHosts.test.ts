import ExcelJS from "exceljs";
import {
  analyzeSheet,
  buildAnnexLayout,
  fromA1,
  layoutSnapshot,
  SnapshotEditor,
} from "../../src/domain";
import { AUTHORITY_PLACEHOLDER } from "../../src/domain/layout/annexLayout";
import type { InputColumn } from "../../src/domain/template/schema";
import { withSelfCheck } from "../../src/domain/layout/selfCheckPlan";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { template } from "../helpers/annex";
import { tempDir } from "../helpers/cli";
import { openWorkbook } from "../helpers/workbooks";
import { officeHostOn, seed } from "../host/fixtures/officeAnnex";
import { rectAddress } from "../host/fixtures/excelBackend/workbook";
import * as path from "path";
import { conditionalFormats } from "./selfCheckSheets";

/**
 * The self-check and the sheet's looks as each host writes them: the add-in (the real office.js
 * client on the in-memory workbook) puts the same red rules on the same ranges as `annex new`, and
 * adds none twice on a hand-made sheet; a real file has rows tall enough for its names, unlocked
 * title and signature cells, grey cells where a column does not ask for a row's figure, and a visible
 * placeholder where no authority was given.
 */
const tpl = template();
const layout = buildAnnexLayout(tpl, { year: 2023, unitName: "Sở LĐTBXH tỉnh Lạng Sơn" });

describe("the add-in writes the self-check", () => {
  test("insertAnnex: every red rule on its range with its formula, the print area without Kiểm tra", async () => {
    const { backend, host } = officeHostOn("1.14");
    backend.workbook.addSheet("Sheet1");
    await host.insertAnnex(layout);
    const sheet = backend.workbook.get(layout.sheetName);
    const rules = sheet.conditionalFormats.map((cf) => ({
      range: rectAddress(cf.rect),
      formula: cf.formula,
      fill: cf.fill,
    }));
    expect(layout.selfCheck.rules.length).toBeGreaterThan(10);
    for (const r of layout.selfCheck.rules)
      expect(rules).toContainEqual({
        range: r.range.includes(":") ? r.range : `${r.range}`,
        formula: `=${r.formula}`,
        fill: "#FFC7CE",
      });
    expect(sheet.pageLayout.PrintArea).toBe(layout.printArea);
    // Row heights: a wrapped name's row is as tall as the layout says, above one line.
    const tall = layout.rowHeights.find((h) => h.row > layout.dataStartRow);
    expect(tall).toBeDefined();
    expect(sheet.rowHeights.get(tall?.row ?? -1)).toBe(tall?.height);
    // The Kiểm tra column's formula cells are ours, locked; the placeholder A1 is unlocked.
    const c = layout.selfCheck.cells[0];
    expect(sheet.cell(c.row, c.col)?.formula).toBe(`=${c.formula}`);
    expect(sheet.cell(0, 0)?.value).toBe(AUTHORITY_PLACEHOLDER);
    expect(sheet.cell(0, 0)?.format.locked).toBe(false);
  });

  test("a hand-made sheet gets the rules once, beside the user's own, only when asked", async () => {
    // The layout's figures as a sheet someone made: no metadata, no Kiểm tra column.
    const col = layout.selfCheck.column;
    const editor = new SnapshotEditor(layoutSnapshot(layout, false));
    for (let r = 0; r <= layout.lastDataRow; r++) editor.set(r, col, "");
    const handMade = editor.snapshot();
    const { backend, host } = officeHostOn("1.14");
    const sheet = backend.workbook.addSheet(handMade.name);
    seed(sheet, handMade);
    sheet.conditionalFormats.push({
      id: "{USER}",
      type: "Custom",
      rect: { r0: 10, c0: 0, r1: 10, c1: 0 },
      formula: "=A11>0",
      fill: "#00FF00",
      fontColor: null,
    });
    const plan = async (selfCheck: boolean) => {
      const read = await host.readSheet(handMade.name);
      const analysis = analyzeSheet(read.snapshot, { locale: "vi-VN" });
      if (!analysis.annex) throw new Error("not recognised");
      return withSelfCheck(read.snapshot, analysis.annex, analysis.plan, { selfCheck });
    };
    const unasked = await plan(false);
    expect("selfCheck" in unasked).toBe(false);

    const first = await plan(true);
    await host.applyPlan(first);
    const count = sheet.conditionalFormats.length;
    expect(count).toBe(1 + layout.selfCheck.rules.length);
    expect(sheet.cell(layout.headerRows[0], col)?.value).toBe("Kiểm tra");

    // The column is there now: kept current without asking, and asking again adds no rule.
    const kept = await plan(false);
    expect(kept.writes.filter((w) => w.col === col)).toEqual([]);
    const second = await plan(true);
    expect(second.writes.filter((w) => w.col === col)).toEqual([]);
    backend.resetLog();
    await host.applyPlan(second);
    expect(backend.log.syncs).toBe(1); // which rules are there: all of them, nothing sent
    expect(sheet.conditionalFormats.length).toBe(count);
    expect(sheet.conditionalFormats.find((cf) => cf.id === "{USER}")).toMatchObject({
      formula: "=A11>0",
      fill: "#00FF00",
    });
  });
});

describe("the sheet's looks, on a real file", () => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    const wb = await newAnnexWorkbook({ template: tpl, year: 2023 });
    const file = path.join(tempDir("annex-looks-"), "b01.xlsx");
    await saveWorkbook(wb, file);
    ws = (await openWorkbook(file)).worksheets[0];
  });

  test("no --authority: a visible placeholder in A1, unlocked", () => {
    expect(ws.getCell("A1").value).toBe(AUTHORITY_PLACEHOLDER);
    expect(ws.getCell("A1").protection?.locked).toBe(false);
  });

  test("the subtitle's number and date, the place and date line and the signatures are unlocked", () => {
    const subtitle = ws.getCell("A5");
    expect(String(subtitle.value)).toMatch(/Kèm theo Kế hoạch .* số ……\/KH-…… ngày ……/);
    expect(subtitle.protection?.locked).toBe(false);
    const texts = ["ngày …… tháng", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"];
    for (const t of texts) {
      let found: ExcelJS.Cell | undefined;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === "string" && cell.value.includes(t)) found = cell;
        })
      );
      expect({ t, locked: found?.protection?.locked }).toEqual({ t, locked: false });
    }
  });

  test("rows as tall as their wrapped names: the longest name gets several lines", () => {
    const nameCol = tpl.columns.findIndex((c) => c.role === "name");
    const longest = [...tpl.indicators].sort((a, b) => b.name.vi.length - a.name.vi.length)[0];
    const row = layout.rowOf.get(longest.code) ?? -1;
    const width = tpl.columns[nameCol].width ?? 12;
    expect(longest.name.vi.length).toBeGreaterThan(width * 1.2); // it must wrap
    const height = ws.getRow(row + 1).height;
    const lines = Math.ceil((longest.name.vi.length * 1.05) / width);
    expect(height).toBeGreaterThanOrEqual(lines * 15.75 - 1);
    // A short name keeps the default height.
    const short = tpl.indicators.find((i) => i.name.vi.length < width / 2);
    if (short) expect(ws.getRow((layout.rowOf.get(short.code) ?? -1) + 1).height).toBeUndefined();
  });

  test("a cell its column does not ask for is grey, not yellow, and still open to typing; an optional column stays yellow", () => {
    const optional = tpl.columns.find((c) => c.role === "input" && !c.required);
    const asked = tpl.columns.find((c) => c.role === "input" && c.required);
    if (!optional || !asked) throw new Error("Biểu 01 has an optional column (6 tháng)");
    const row = layout.dataStartRow + 1;
    const at = (id: string) => ws.getCell(row + 1, tpl.columns.findIndex((c) => c.id === id) + 1);
    const fill = (cell: ExcelJS.Cell) =>
      (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    // "TH 6 tháng" is optional (a blank is not flagged) but the form asks for it: yellow, as the others.
    expect(fill(at(optional.id))).toBe("FFFFF8DC");
    expect(fill(at(asked.id))).toBe("FFFFF8DC");
    // A row asked for in some columns only (requiredIn): grey in the other figure columns, yellow
    // in its own and in the plan columns (a plan may be set for it: Lạng Sơn plans row 21).
    const only = tpl.indicators.find((i) => i.requiredIn !== undefined);
    if (!only?.requiredIn) throw new Error("Biểu 01 has rows asked for in some columns only");
    const r = (layout.rowOf.get(only.code) ?? -1) + 1;
    const inputs = tpl.columns.filter((x): x is InputColumn => x.role === "input");
    for (const c of inputs) {
      const cell = ws.getCell(r, tpl.columns.indexOf(c) + 1);
      expect({ column: c.id, fill: fill(cell) }).toEqual({
        column: c.id,
        fill: only.requiredIn.includes(c.id) || c.period === "plan" ? "FFFFF8DC" : "FFD9D9D9",
      });
    }
    // Grey is a hint, not a lock: the person may still type there.
    const grey = inputs.find((c) => !only.requiredIn?.includes(c.id) && c.period !== "plan");
    if (!grey) throw new Error("the row has a column it is not asked for in");
    expect(ws.getCell(r, tpl.columns.indexOf(grey) + 1).protection?.locked).toBe(false);
  });

  test("writing a plan's self-check on a file made by annex new adds no second rule", () => {
    const n = conditionalFormats(ws).length;
    expect(n).toBe(layout.selfCheck.rules.length);
    const snapshot = layoutSnapshot(layout);
    const analysis = analyzeSheet(snapshot, { locale: "vi-VN" });
    if (!analysis.annex) throw new Error("not recognised");
    applyWritePlan(ws, withSelfCheck(snapshot, analysis.annex, analysis.plan));
    expect(conditionalFormats(ws).length).toBe(n);
    expect(fromA1(layout.printArea.split(":")[1]).col).toBe(tpl.columns.length - 1);
  });
});

import ExcelJS from "exceljs";
import { AnnexSession } from "../../src/app";
import { buildAnnexLayout } from "../../src/domain";
import { BrowserWorkbookHost } from "../../src/host/browser/browserWorkbookHost";
import { template } from "../helpers/annex";
import { conditionalFormats, handMadeSheet } from "./selfCheckSheets";

/**
 * Tính cột with the self-check option, in the session the pane and ribbon share, on the in-browser
 * workbook (ExcelJS, as `annex fill` writes files): a sheet made by hand gets the "Kiểm tra" column
 * and the red rules only when the person ticks the option, its own formatting is left alone, and a
 * second fill adds nothing.
 */
const tpl = template();
const layout = buildAnnexLayout(tpl, { year: 2023 });
const col = (id: string) => tpl.columns.findIndex((c) => c.id === id) + 1;
const row = (code: string) => (layout.rowOf.get(code) ?? -1) + 1;

/** The table's texts typed by hand (no metadata, no Kiểm tra column), with a broken "gồm" total. */
function handMade(): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const { wb, ws } = handMadeSheet(layout);
  const e = col("estimateCur");
  ws.getCell(row("1.1"), e).value = 10;
  ws.getCell(row("1.2"), e).value = 20;
  ws.getCell(row("1.3"), e).value = 30;
  ws.getCell(row("1"), e).value = 100;
  ws.getCell(row("1"), e).font = { bold: true, color: { argb: "FF0000FF" } };
  return { wb, ws };
}

test("the self-check is added to a hand-made sheet only when asked, once, and leaves its looks alone", async () => {
  const { wb, ws } = handMade();
  const session = new AnnexSession(new BrowserWorkbookHost(wb, { editDebounceMs: 5 }), {
    recheckDelayMs: 5,
  });
  const check = layout.selfCheck.column + 1;
  const header = layout.headerRows[0] + 1;

  const plain = await session.fill({});
  expect(plain.ok).toBe(true);
  expect(ws.getCell(header, check).value).toBeNull();
  expect(conditionalFormats(ws)).toEqual([]);

  const asked = await session.fill({ selfCheck: true });
  expect(asked.ok).toBe(true);
  expect(ws.getCell(header, check).value).toBe("Kiểm tra");
  const total = ws.getCell(row("1"), check).value as ExcelJS.CellFormulaValue;
  expect(total.formula).toContain("SUM(");
  expect(total.result).toBe("≠ tổng các dòng 1.1–1.3");
  const part = ws.getCell(row("1.1"), check).value as ExcelJS.CellFormulaValue;
  expect(part.formula).toContain("6 tháng > cả năm");
  expect(part.result ?? "").toBe("");
  const n = conditionalFormats(ws).length;
  expect(n).toBe(layout.selfCheck.rules.length);
  expect(conditionalFormats(ws).some((r) => r.ref.startsWith(`D${row("1")}`))).toBe(true);
  // The person's own look of the total is theirs: red comes from the rule, not from restyling.
  expect(ws.getCell(row("1"), col("estimateCur")).font?.color?.argb).toBe("FF0000FF");

  const again = await session.fill({ selfCheck: true });
  expect(again.ok && again.value.written).toBe(0);
  expect(conditionalFormats(ws).length).toBe(n);
});

test("no free column right of the table up to XFD: Tính cột with the self-check refuses in words and writes nothing (issue #17)", async () => {
  const { wb, ws } = handMade();
  const header = layout.headerRows[0] + 1;
  const last = tpl.columns.length;
  for (let c = last + 1; c <= 16_384; c++) ws.getCell(header, c).value = "x";
  const session = new AnnexSession(new BrowserWorkbookHost(wb, { editDebounceMs: 5 }), {
    recheckDelayMs: 5,
  });
  const before = ws.getCell(row("1"), col("estimateCur")).value;
  const asked = await session.fill({ selfCheck: true });
  expect(asked.ok).toBe(false);
  if (asked.ok) return;
  expect(asked.problem.code).toBe("no-room-for-self-check");
  expect(asked.problem.message.vi).toMatch(/Không thêm được cột Kiểm tra.*\(XFD\)/);
  expect(conditionalFormats(ws)).toEqual([]);
  expect(session.canUndo).toBe(false);
  expect(ws.getCell(row("1"), col("estimateCur")).value).toBe(before);
  // Without the option the derived columns are written as ever.
  expect((await session.fill({})).ok).toBe(true);
});

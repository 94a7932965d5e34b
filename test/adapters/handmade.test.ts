import * as path from "path";
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import { Analysis, formatNumber } from "../../src/domain";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { analyzeFile } from "../../src/cli/workbooks";
import { annex, tempDir } from "../helpers/cli";
import { langSonSample, template } from "../helpers/annex";
import { openWorkbook } from "../helpers/workbooks";

/**
 * A district's annex typed by hand in Excel, not made by this tool: its own title block, no numbering
 * row, rows 1.1 and 1.2 swapped, a row of its own inserted, figures typed as Vietnamese text, a
 * person's formula showing #DIV/0!, merged header cells and a second sheet of notes.
 */
const tpl = template();
const UNKNOWN = "Lao động được hỗ trợ khởi nghiệp (chỉ tiêu riêng của huyện)";

async function handmadeWorkbook(file: string): Promise<Map<string, number>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Cao Lộc");
  ws.getCell("A1").value = "UBND HUYỆN CAO LỘC";
  ws.mergeCells("A1:C1");
  ws.getCell("A2").value =
    "KẾ HOẠCH PHÁT TRIỂN NĂM 2023 - LĨNH VỰC LAO ĐỘNG, NGƯỜI CÓ CÔNG VÀ XÃ HỘI";
  ws.mergeCells("A2:M2");
  const top = [
    "STT",
    "Chỉ tiêu",
    "ĐVT",
    "TH năm 2021",
    "KH năm 2022",
    "TH 6 tháng năm 2022",
    "ƯTH năm 2022",
    "So sánh (%)",
    "",
    "KH năm 2023",
    "KH 2023/ƯTH 2022 (%)",
    "Đánh giá",
    "Ghi chú",
  ];
  top.forEach((t, i) => t && (ws.getCell(4, i + 1).value = t));
  ws.getCell("H5").value = "ƯTH 2022/KH 2022";
  ws.getCell("I5").value = "ƯTH 2022/TH 2021";
  ws.mergeCells("H4:I4");
  for (const c of "ABCDEFGJKLM") ws.mergeCells(`${c}4:${c}5`);

  const rowOf = new Map<string, number>();
  const order = tpl.indicators.map((i) => i.code);
  const [a, b] = [order.indexOf("1.1"), order.indexOf("1.2")];
  [order[a], order[b]] = [order[b], order[a]];
  let r = 6;
  let section = "";
  const cols = ["actualPrev", "planCur", "actual6m", "estimateCur", "planNext"];
  for (const code of order) {
    const ind = tpl.indicators.find((i) => i.code === code)!;
    if (ind.section !== section) {
      section = ind.section;
      const s = tpl.sections.find((x) => x.code === section)!;
      ws.getRow(r++).values = [s.code, s.name.vi];
    }
    const values = langSonSample.values[code] ?? {};
    ws.getRow(r).values = [
      ind.code,
      ind.name.vi,
      ind.unit,
      ...cols.slice(0, 4).map((c) => values[c] ?? null),
      null,
      null,
      values.planNext ?? null,
    ];
    rowOf.set(code, r++);
    if (code === "1.4") {
      ws.getRow(r).values = ["1.5", UNKNOWN, "người", 120, 150, 80, 160];
      rowOf.set("unknown", r++);
    }
  }
  // Figures typed as text, the Vietnamese way
  ws.getCell(`D${rowOf.get("1")}`).value = "16.520";
  ws.getCell(`D${rowOf.get("22")}`).value = formatNumber(14.5, "vi-VN"); // "14,5"
  // A person's own formula over a blank plan
  const r2 = rowOf.get("2")!;
  ws.getCell(`E${r2}`).value = null;
  ws.getCell(`H${r2}`).value = { formula: `G${r2}/E${r2}`, result: { error: "#DIV/0!" } };
  // A figure linked to a sheet that was deleted
  ws.getCell(`F${rowOf.get("3")}`).value = { formula: "#REF!A1", result: { error: "#REF!" } };

  const notes = wb.addWorksheet("Ghi chú");
  notes.getCell("A1").value = "Số liệu ước đến 30/6, cập nhật ngày 15/7/2022.";
  await saveWorkbook(wb, file);
  return rowOf;
}

describe("a district annex made by hand", () => {
  let dir: string;
  let file: string;
  let rowOf: Map<string, number>;
  let sheet: Analysis;
  let ignored: readonly string[];

  beforeAll(async () => {
    dir = tempDir();
    file = path.join(dir, "cao-loc.xlsx");
    rowOf = await handmadeWorkbook(file);
    const { analysis } = await analyzeFile(file, { templates: [tpl], locale: "vi-VN" });
    [sheet] = analysis.sheets;
    ignored = analysis.ignored;
  });
  const at = (code: string, col: string) => `${col}${rowOf.get(code)}`;
  const findingsAt = (address: string) =>
    sheet.findings.filter((f) => f.cells[0] === address).map((f) => f.ruleId);

  test("is recognised from its headers, and the notes sheet is left alone", () => {
    expect(sheet.annex?.template.id).toBe(tpl.id);
    expect(sheet.annex?.year).toBe(2023);
    expect(sheet.annex?.yearSource).toBe("headers");
    expect(ignored).toEqual(["Ghi chú"]);
  });

  test("swapped rows are found where they are, and the district's own row is reported", () => {
    const row = (code: string) => sheet.annex?.rows.find((x) => x.indicator.code === code)?.row;
    expect(row("1.1")! + 1).toBe(rowOf.get("1.1"));
    expect(row("1.2")! + 1).toBe(rowOf.get("1.2"));
    expect(findingsAt(at("unknown", "B"))).toContain("row.unknown");
  });

  test("numbers typed as text are read, flagged, and offered as a fix", () => {
    const fixes = sheet.findings.filter((f) => f.ruleId === "type.number-as-text");
    expect(fixes.map((f) => f.fix)).toEqual(
      expect.arrayContaining([
        { address: at("1", "D"), value: 16520 },
        { address: at("22", "D"), value: 14.5 },
      ])
    );
    // The comparison stays blank until the text is converted, exactly as Excel's ISNUMBER sees it
    const yoy = sheet.derived.find((d) => d.indicator.code === "1" && d.columnId === "yoy");
    expect(yoy?.value).toBe("");
  });

  test("error values are reported at their cells: #DIV/0! in a comparison, #REF! in a figure", () => {
    expect(findingsAt(at("2", "H"))).toContain("type.error-value");
    const ref = sheet.findings.find((f) => f.cells[0] === at("3", "F"));
    expect(ref?.ruleId).toBe("type.error-value");
    expect(ref?.found?.vi).toBe("#REF!");
  });

  test("fill keeps the person's formula unless forced, and the second run changes nothing", async () => {
    const out = path.join(dir, "cao-loc-filled.xlsx");
    const first = await annex("fill", file, "-o", out);
    // The sheet has errors (#REF! in a figure, #DIV/0! in a comparison): fill's exit status follows
    // the annex's errors, as check's does (#10).
    expect(first.code).toBe(1);
    expect(first.out).toContain(`Ô ${at("2", "H")} đã có nội dung do người dùng nhập`);
    let ws = (await openWorkbook(out)).getWorksheet("Cao Lộc")!;
    expect(ws.getCell(at("2", "H")).formula).toBe(`G${rowOf.get("2")}/E${rowOf.get("2")}`);
    // the swapped row 1.1 gets its own figures: 6300 / 6200
    expect(ws.getCell(at("1.1", "K")).result).toBeCloseTo((6200 / 6300) * 100, 9);
    expect(ws.getCell(at("unknown", "H")).value).toBeNull();
    expect((await openWorkbook(out)).getWorksheet("Ghi chú")?.getCell("A1").value).toMatch(
      /^Số liệu/
    );

    const bytes = await fs.readFile(out);
    const second = await annex("fill", out);
    // Nothing to write, but no claim that the derived columns are right while errors remain (#10).
    expect(second.out).toMatch(/Không ghi gì: biểu còn \d+ lỗi \(ở trên\); tệp giữ nguyên\./);
    expect((await fs.readFile(out)).equals(bytes)).toBe(true);

    const forced = await annex("fill", out, "--force");
    expect(forced.code).toBe(1); // the #REF! figure is still there
    ws = (await openWorkbook(out)).getWorksheet("Cao Lộc")!;
    expect(ws.getCell(at("2", "H")).formula).toMatch(/^IF\(/);
    expect(ws.getCell(at("2", "H")).result ?? "").toBe(""); // blank, not #DIV/0!
  });
});

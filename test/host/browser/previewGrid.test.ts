import ExcelJS from "exceljs";
import { buildGrid, cellsOf, highlightMap } from "../../../src/preview/sheetGrid";

/** The preview's spreadsheet view of the in-browser workbook, as plain data (no DOM). */
describe("buildGrid: the worksheet laid out for the preview's table", () => {
  function sheet(): ExcelJS.Worksheet {
    const ws = new ExcelJS.Workbook().addWorksheet("Biểu");
    ws.getColumn(2).width = 40;
    ws.mergeCells("A1:C1");
    ws.getCell("A1").value = "UBND TỈNH LẠNG SƠN";
    ws.getCell("A1").font = { bold: true, size: 12 };
    ws.getCell("A1").alignment = { horizontal: "center", wrapText: true };
    ws.getCell("D3").value = 16000;
    ws.getCell("D3").numFmt = "#,##0";
    ws.getCell("D3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
    ws.getCell("D3").border = { top: { style: "thin", color: { argb: "FF000000" } } };
    ws.getRow(3).height = 30;
    return ws;
  }

  test("merged cells span and hide the cells they cover; text, look and sizes come from the sheet", () => {
    const grid = buildGrid(sheet(), []);
    const row1 = grid.rows[0];
    expect(row1.cells[0]).toMatchObject({
      address: "A1",
      colSpan: 3,
      rowSpan: 1,
      text: "UBND TỈNH LẠNG SƠN",
    });
    expect(row1.cells[0].style).toMatchObject({
      fontWeight: 600,
      fontSize: "16px",
      textAlign: "center",
      whiteSpace: "pre-wrap",
    });
    expect(row1.cells.map((c) => c.address)).not.toContain("B1");
    expect(row1.cells[1].address).toBe("D1");

    const d3 = grid.rows[2].cells.find((c) => c.address === "D3")!;
    expect(d3).toMatchObject({ text: "16.000", numeric: true });
    expect(d3.style).toMatchObject({ background: "#FFF2CC", borderTop: "1px solid #000000" });
    expect(grid.rows[2].height).toBe(40);
    expect(grid.rows[1].height).toBeUndefined();
    expect(grid.columns[1]).toEqual({ letter: "B", width: 285 });
    expect(grid.columns.length).toBeGreaterThanOrEqual(14);
    expect(grid.rows.length).toBeGreaterThanOrEqual(40);
    expect(grid.truncated).toBe(false);
  });

  test("highlights: ranges expanded, the most serious severity wins, cells carry it", () => {
    const marks = highlightMap([
      { address: "D3:E4", severity: "info" },
      { address: "E4", severity: "error" },
      { address: "D3", severity: "warning" },
    ]);
    expect(Object.fromEntries(marks)).toEqual({
      D3: "warning",
      E3: "info",
      D4: "info",
      E4: "error",
    });
    const grid = buildGrid(sheet(), [{ address: "D3", severity: "error" }]);
    expect(grid.rows[2].cells.find((c) => c.address === "D3")?.highlight).toBe("error");
    expect(grid.rows[2].cells.find((c) => c.address === "E3")?.highlight).toBeUndefined();
  });

  test("cellsOf lists a range's cells row by row, in either corner order, and caps huge ranges", () => {
    expect(cellsOf("B2:A1")).toEqual(["A1", "B1", "A2", "B2"]);
    expect(cellsOf("E12")).toEqual(["E12"]);
    expect(cellsOf("A1:XFD1048576")).toHaveLength(10_000);
  });
});

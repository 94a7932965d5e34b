import ExcelJS from "exceljs";
import { displayText, editText, formatValue } from "../../../src/host/browser/displayText";

describe("displayText: cells as Excel shows them on a Vietnamese machine", () => {
  test.each([
    [16000, "#,##0", "16.000"],
    [1234567.891, "#,##0.00", "1.234.567,89"],
    [57.72, "0.00", "57,72"],
    [68.5083, "0.00", "68,51"],
    [12.2, "0.0", "12,2"],
    [0.1234, "0.0%", "12,3%"],
    [0.75, '+0.00" điểm %";-0.00" điểm %";0.00" điểm %"', "+0,75 điểm %"],
    [-0.69, '+0.00" điểm %";-0.00" điểm %";0.00" điểm %"', "-0,69 điểm %"],
    [0, '+0.00" điểm %";-0.00" điểm %";0.00" điểm %"', "0,00 điểm %"],
    [16000, "General", "16000"],
    [16000, undefined, "16000"],
    [12.5, undefined, "12,5"],
    [1 / 3, undefined, "0,3333333333"],
    [-5, "#,##0", "-5"],
  ])("%p in %p shows %p", (value, format, shown) => {
    expect(formatValue(value, format)).toBe(shown);
  });

  test("text, booleans and blanks are shown as they are", () => {
    expect(formatValue("trên 16.000", "#,##0")).toBe("trên 16.000");
    expect(formatValue(true, undefined)).toBe("TRUE");
    expect(formatValue(null, "0.00")).toBe("");
  });

  test("a formula shows its cached result; the formula bar shows the formula; errors show their code", () => {
    const ws = new ExcelJS.Workbook().addWorksheet("Biểu");
    const f = ws.getCell("H11");
    f.value = { formula: "G11/E11*100", result: 68.75 } as ExcelJS.CellFormulaValue;
    f.numFmt = "0.00";
    expect(displayText(f)).toBe("68,75");
    expect(editText(f)).toBe("=G11/E11*100");
    const n = ws.getCell("E11");
    n.value = 16000.5;
    n.numFmt = "#,##0";
    expect(displayText(n)).toBe("16.001");
    expect(editText(n)).toBe("16000,5");
    const e = ws.getCell("E12");
    e.value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    expect(displayText(e)).toBe("#REF!");
    ws.mergeCells("A1:C1");
    ws.getCell("A1").value = "UBND tỉnh Lạng Sơn";
    expect(displayText(ws.getCell("A1"))).toBe("UBND tỉnh Lạng Sơn");
    expect(displayText(ws.getCell("B1"))).toBe("");
  });
});

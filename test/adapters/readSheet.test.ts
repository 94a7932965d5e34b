import ExcelJS from "exceljs";
import { sheetSnapshot } from "../../src/adapters/xlsx/readSheet";

describe("sheetSnapshot: the ExcelJS sheet in Office.js's three arrays", () => {
  test("only formula cells have an entry in formulas; text that starts with = is text", () => {
    const ws = new ExcelJS.Workbook().addWorksheet("Biểu");
    ws.getCell("A1").value = "=G11/E11"; // typed as '=G11/E11 in Excel: text, not a formula
    ws.getCell("B1").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    ws.getCell("C1").value = 16000;
    const s = sheetSnapshot(ws);
    expect(s.values[0]).toEqual(["=G11/E11", 2, 16000]);
    expect(s.formulas[0]).toEqual(["", "=1+1", ""]);
  });
});

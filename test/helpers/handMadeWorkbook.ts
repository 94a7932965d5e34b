import ExcelJS from "exceljs";
import { Row } from "./handMadeSheets";

/** The rows as a worksheet of a new workbook, merges included, as an officer's file would hold them. */
export function handMadeWorkbook(
  sheets: ReadonlyArray<{ name: string; rows: readonly Row[]; merges?: readonly string[] }>
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== "") ws.getCell(r + 1, c + 1).value = v;
      })
    );
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return wb;
}

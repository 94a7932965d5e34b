import ExcelJS from "exceljs";
import { AnnexMetadata } from "../../domain";

/**
 * Which template, version and year each annex sheet follows, kept in a very hidden sheet: it survives
 * Excel and LibreOffice round trips (LibreOffice keeps it as a hidden sheet), and the Office.js adapter
 * can read and write it the same way.
 */
export const METADATA_SHEET = "_annex";
const HEADER = ["sheet", "templateId", "templateVersion", "year"];

export function readMetadata(workbook: ExcelJS.Workbook): Map<string, AnnexMetadata> {
  const found = new Map<string, AnnexMetadata>();
  const ws = workbook.getWorksheet(METADATA_SHEET);
  if (!ws) return found;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const [sheet, templateId, templateVersion, year] = [1, 2, 3, 4].map(
      (c) => row.getCell(c).value
    );
    const y = typeof year === "number" ? year : Number(year);
    if (typeof sheet !== "string" || typeof templateId !== "string" || !Number.isInteger(y)) return;
    found.set(sheet, { templateId, templateVersion: String(templateVersion ?? ""), year: y });
  });
  return found;
}

export function writeMetadata(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  metadata: AnnexMetadata
): void {
  let ws = workbook.getWorksheet(METADATA_SHEET);
  if (!ws) {
    ws = workbook.addWorksheet(METADATA_SHEET, { state: "veryHidden" });
    ws.addRow(HEADER);
  }
  const row = [sheetName, metadata.templateId, metadata.templateVersion, metadata.year];
  let existing: ExcelJS.Row | undefined;
  ws.eachRow((r, n) => {
    if (n > 1 && r.getCell(1).value === sheetName) existing = r;
  });
  if (existing) existing.values = row;
  else ws.addRow(row);
}

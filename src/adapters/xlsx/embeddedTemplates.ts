import ExcelJS from "exceljs";
import {
  EmbeddedTemplate,
  embeddedTable,
  parseEmbeddedTemplates,
} from "../../domain/sheet/embeddedTemplates";
import type { TemplateInput } from "../../domain/template/schema";
import { METADATA_SHEET, metadataSheet, metadataValues } from "./metadata";

/**
 * The templates kept in a workbook's "_annex" sheet (issue #20; the table is the domain's:
 * src/domain/sheet/embeddedTemplates.ts): a province's own form travels inside the annex it sends.
 */
export function readEmbeddedTemplates(workbook: ExcelJS.Workbook): EmbeddedTemplate[] {
  const ws = workbook.getWorksheet(METADATA_SHEET);
  return ws ? parseEmbeddedTemplates(metadataValues(ws)) : [];
}

/** Keeps the template in the workbook (replacing an earlier version of the same id). */
export function writeEmbeddedTemplate(workbook: ExcelJS.Workbook, data: TemplateInput): void {
  const ws = metadataSheet(workbook);
  const table = embeddedTable(metadataValues(ws), data);
  for (let r = 0; r < table.rows.length + table.clear; r++)
    for (let k = 0; k < table.width; k++) {
      const cell = ws.getCell(r + 1, table.column + k + 1);
      const v = table.rows[r]?.[k] ?? null;
      if (cell.value !== v) cell.value = v;
    }
}

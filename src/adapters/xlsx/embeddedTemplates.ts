import ExcelJS from "exceljs";
import {
  boundAlready,
  EmbeddedTemplate,
  embeddedTable,
  EmbedOutcome,
  embedPlan,
  parseEmbeddedTemplates,
} from "../../domain/sheet/embeddedTemplates";
import type { AnnexMetadata } from "../../domain/sheet/snapshot";
import type { TemplateInput } from "../../domain/template/schema";
import { METADATA_SHEET, metadataSheet, metadataValues, writeMetadata } from "./metadata";

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
  writeTable(ws, embeddedTable(metadataValues(ws), data));
}

function writeTable(ws: ExcelJS.Worksheet, table: ReturnType<typeof embeddedTable>): void {
  for (let r = 0; r < table.rows.length + table.clear; r++)
    for (let k = 0; k < table.width; k++) {
      const cell = ws.getCell(r + 1, table.column + k + 1);
      const v = table.rows[r]?.[k] ?? null;
      if (cell.value !== v) cell.value = v;
    }
}

/**
 * Keeps the template as the pane asks it to (AnnexHost.writeTemplate; the decision is the domain's
 * embedPlan): nothing when it is already kept and the sheet already bound, nothing but "conflict"
 * when another template of that id is kept and `replace` is not given.
 */
export function keepTemplate(
  workbook: ExcelJS.Workbook,
  data: TemplateInput,
  options: {
    readonly bind?: { readonly sheet: string; readonly metadata: AnnexMetadata };
    readonly replace?: boolean;
  } = {}
): EmbedOutcome {
  const existing = workbook.getWorksheet(METADATA_SHEET);
  const values = existing ? metadataValues(existing) : undefined;
  const plan = embedPlan(values, data, options);
  if (plan.action === "conflict") return { outcome: "conflict", kept: plan.kept };
  const bound = !options.bind || boundAlready(values, options.bind.sheet, options.bind.metadata);
  if (plan.action === "unchanged" && bound) return { outcome: "unchanged" };
  if (plan.action === "write") writeTable(metadataSheet(workbook), plan.table);
  if (!bound && options.bind) writeMetadata(workbook, options.bind.sheet, options.bind.metadata);
  return {
    outcome: "written",
    ...(plan.action === "write" && plan.replaced ? { replaced: plan.replaced } : {}),
  };
}

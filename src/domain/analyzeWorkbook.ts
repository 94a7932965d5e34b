import { Analysis, analyzeSheet, AnalyzeOptions } from "./analyze";
import { SheetSnapshot } from "./sheet/snapshot";

export interface WorkbookAnalysis {
  /** One analysis per sheet that holds an annex (or names a template we do not know). */
  readonly sheets: readonly Analysis[];
  /** Sheets without an annex (notes, pivot tables, another office's data), left alone. */
  readonly ignored: readonly string[];
}

/**
 * A workbook often carries sheets besides the annex. Those are ignored, unless no sheet at all holds
 * an annex: then every sheet's "no annex" finding stands, so the user learns why nothing was checked.
 */
export function analyzeWorkbook(
  sheets: readonly SheetSnapshot[],
  options: AnalyzeOptions
): WorkbookAnalysis {
  const all = sheets.map((s) => analyzeSheet(s, options));
  const isAnnex = (a: Analysis) =>
    a.annex !== undefined || a.findings.some((f) => f.ruleId === "sheet.unknown-template");
  const annexes = all.filter(isAnnex);
  if (!annexes.length) return { sheets: all, ignored: [] };
  return { sheets: annexes, ignored: all.filter((a) => !isAnnex(a)).map((a) => a.sheet) };
}

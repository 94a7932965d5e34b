/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { builtInTemplates } from "../../../src/domain/catalog";
import { computeDerived, DerivedCell } from "./derive/derivedCells";
import { planFill, WritePlan, FillOptions } from "./plan/writePlan";
import { RULES } from "../../../src/domain/rules/catalog";
import { CheckOptions } from "./rules/context";
import { Finding } from "../../../src/domain/rules/finding";
import { validateAnnex } from "./rules/validate";
import { LocatedAnnex, locateAnnex } from "./sheet/locate";
import { SheetSnapshot } from "../../../src/domain/sheet/snapshot";
import { Template } from "../../../src/domain/template/schema";

export interface AnalyzeOptions extends CheckOptions, FillOptions {
  /** Templates to recognise; the built-in catalog by default. Custom templates come first. */
  readonly templates?: readonly Template[];
}

export interface Analysis {
  readonly sheet: string;
  readonly annex?: LocatedAnnex;
  readonly findings: readonly Finding[];
  readonly derived: readonly DerivedCell[];
  readonly plan: WritePlan;
}

/**
 * The one entry point adapters call: snapshot in, findings and a write plan out.
 * read sheet → locate template → compute derived cells → validate → plan the writes.
 */
export function analyzeSheet(sheet: SheetSnapshot, options: AnalyzeOptions): Analysis {
  const templates = options.templates ?? builtInTemplates();
  const located = locateAnnex(sheet, templates);
  if (!located.ok) {
    const unknown = located.problem === "unknown-template";
    const ruleId = unknown ? "sheet.unknown-template" : "sheet.no-annex";
    const finding: Finding = {
      ruleId,
      severity: RULES[ruleId].severity,
      sheet: sheet.name,
      cells: ["A1"],
      message: unknown
        ? {
            vi: `Trang "${sheet.name}" ghi mẫu biểu "${located.templateId}" nhưng mẫu này không có trong danh mục.`,
            en: `Sheet "${sheet.name}" names template "${located.templateId}", which is not in the catalog.`,
          }
        : {
            vi: `Trang "${sheet.name}" không có biểu chỉ tiêu nào được nhận biết (cần dòng tiêu đề STT, Chỉ tiêu, ĐVT…).`,
            en: `No indicator annex was recognised on sheet "${sheet.name}" (a header row STT, Chỉ tiêu, ĐVT… is needed).`,
          },
      reason: RULES[ruleId].reason,
    };
    return {
      sheet: sheet.name,
      findings: [finding],
      derived: [],
      plan: { sheet: sheet.name, writes: [], skipped: [] },
    };
  }
  const annex = located.annex;
  const derived = computeDerived(sheet, annex, options.locale);
  const findings = validateAnnex(sheet, annex, derived, options);
  const plan = planFill(sheet, derived, options);
  return { sheet: sheet.name, annex, findings, derived, plan };
}

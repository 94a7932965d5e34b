import type { Bilingual } from "./rules/finding";
import { builtInTemplates } from "./catalog";
import { computeDerivedCells, DerivedCell } from "./derive/derivedCells";
import { ExplanationStatus, splitFindings } from "./explanations/explanation";
import { planFill, WritePlan, FillOptions } from "./plan/writePlan";
import { RULES } from "./rules/catalog";
import { CheckOptions } from "./rules/context";
import { Finding } from "./rules/finding";
import { validateAnnex } from "./rules/validate";
import { SheetReadings } from "./sheet/columnReadings";
import { LocatedAnnex, locateAnnex } from "./sheet/locate";
import { SheetSnapshot } from "./sheet/snapshot";
import { Template } from "./template/schema";

export interface AnalyzeOptions extends CheckOptions, FillOptions {
  /** Templates to recognise; the built-in catalog by default. Custom templates come first. */
  readonly templates?: readonly Template[];
  /**
   * Templates kept in the workbook that cannot be used (edited by hand, incomplete): a sheet made with
   * one is told why, not that its form is unknown.
   */
  readonly unusableTemplates?: readonly { readonly id: string; readonly problem: Bilingual }[];
}

export interface Analysis {
  readonly sheet: string;
  readonly annex?: LocatedAnnex;
  /** The open findings: all but those explained on the figures they were explained for. */
  readonly findings: readonly Finding[];
  /** How the sheet's explanations (giải trình) apply: explained findings (listed apart, not counted),
   *  findings open again because a figure changed, and explanations no finding uses. Absent when the
   *  sheet has none. */
  readonly explanations?: ExplanationStatus;
  readonly derived: readonly DerivedCell[];
  readonly plan: WritePlan;
}

/**
 * The one entry point adapters call: snapshot in, findings and a write plan out.
 * read sheet → locate template → read its columns once → compute derived cells → validate → plan the
 * writes.
 */
export function analyzeSheet(sheet: SheetSnapshot, options: AnalyzeOptions): Analysis {
  const templates = options.templates ?? builtInTemplates();
  const located = locateAnnex(sheet, templates);
  if (!located.ok) {
    const unknown = located.problem === "unknown-template";
    const ruleId = unknown ? "sheet.unknown-template" : "sheet.no-annex";
    const unusable = unknown
      ? options.unusableTemplates?.find((u) => u.id === located.templateId)
      : undefined;
    const finding: Finding = {
      ruleId,
      severity: RULES[ruleId].severity,
      sheet: sheet.name,
      cells: ["A1"],
      message: unusable
        ? {
            vi: `Trang tính "${sheet.name}" được lập theo mẫu biểu lưu kèm trong sổ tính, nhưng mẫu đó không dùng được: ${unusable.problem.vi}`,
            en: `Sheet "${sheet.name}" was made with the template kept in the workbook, but that template cannot be used: ${unusable.problem.en}`,
          }
        : unknown
          ? {
              // The form's id is not the officer's word (it stays in --json's sheet metadata).
              vi: `Trang tính "${sheet.name}" được lập theo một mẫu biểu không có trên máy này và không được lưu kèm trong sổ tính: hãy lấy tệp mẫu (.json) hoặc một sổ tính có lưu kèm mẫu từ đơn vị đã lập biểu.`,
              en: `Sheet "${sheet.name}" was made with a template that is neither on this computer nor kept in the workbook: ask the unit that made the form for its template (.json) or a workbook that keeps it.`,
            }
          : {
              vi: `Trang tính "${sheet.name}" không có biểu chỉ tiêu nào được nhận biết (cần dòng tiêu đề STT, Chỉ tiêu, ĐVT…).`,
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
  // Every column is read once into typed arrays, shared by the derived columns and every check.
  const readings = new SheetReadings(sheet, annex.rows, options.locale);
  const derived = computeDerivedCells(sheet, annex, options.locale, readings);
  const all = validateAnnex(sheet, annex, derived, options, readings);
  const split = splitFindings(all, sheet.explanations, sheet, annex);
  const findings = split.open;
  const filled = planFill(sheet, derived, options);
  // The cached results of the derived cells read an uncalculated formula as blank: Excel must recalculate.
  const plan = all.some((f) => f.ruleId === "formula.not-calculated")
    ? { ...filled, recalculate: true }
    : filled;
  return {
    sheet: sheet.name,
    annex,
    findings,
    ...(sheet.explanations?.length
      ? {
          explanations: {
            explained: split.explained,
            reopened: split.reopened,
            stale: split.stale,
            unplaced: split.unplaced,
          },
        }
      : {}),
    // DerivedCell objects are made when first read: the checks and the plan work on typed arrays.
    get derived(): readonly DerivedCell[] {
      return derived.toArray();
    },
    plan,
  };
}

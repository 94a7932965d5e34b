import JSZip from "jszip";
import ExcelJS from "exceljs";
import { WritePlan } from "../../domain";
import { formulaKey, SelfCheckRule } from "../../domain/layout/selfCheck";
import { plannedSelfCheck, PlannedSelfCheck } from "../../domain/layout/selfCheckPlan";
import { PROBLEM_LOOK } from "../../domain/layout/styles";

/**
 * Applies the engine's write plan to a worksheet. Formulas are written with their computed result
 * cached, so the file shows the right figures even where nothing recalculates (viewers, previews);
 * Excel recalculates them on open anyway. Decides nothing: the plan already left typed cells alone.
 * A plan carrying a self-check also gets its conditional formats (those the sheet lacks).
 */
export function applyWritePlan(ws: ExcelJS.Worksheet, plan: WritePlan): number {
  for (const w of plan.writes) {
    const cell = ws.getCell(w.row + 1, w.col + 1);
    cell.value =
      w.formula !== undefined
        ? ({ formula: w.formula, result: w.value ?? "" } as ExcelJS.CellFormulaValue)
        : w.value;
    if (w.numFmt) cell.numFmt = w.numFmt;
  }
  if (plan.recalculate || plan.writes.some((w) => w.formula !== undefined)) {
    // Ask Excel to recalculate everything when the file is opened (a result we cache may depend on a
    // formula the file holds no result for).
    ws.workbook.calcProperties.fullCalcOnLoad = true;
  }
  const check = plannedSelfCheck(plan);
  if (check) applySelfCheck(ws, check);
  return plan.writes.length;
}

/** Applies one plan per sheet; returns how many cells were written. */
export function applyWritePlans(workbook: ExcelJS.Workbook, plans: readonly WritePlan[]): number {
  let written = 0;
  for (const plan of plans) {
    if (plan.recalculate) workbook.calcProperties.fullCalcOnLoad = true;
    const check = plannedSelfCheck(plan);
    if (!plan.writes.length && !(check && missingSelfCheckRules(workbook, plan))) continue;
    const ws = workbook.getWorksheet(plan.sheet);
    if (!ws) throw new Error(`sheet "${plan.sheet}" vanished between read and write`);
    written += applyWritePlan(ws, plan);
  }
  return written;
}

/**
 * Whether a workbook's bytes already ask Excel to recalculate on opening (calcPr fullCalcOnLoad), which
 * ExcelJS does not read: a plan that needs it (WritePlan.recalculate) on a file without it is a change.
 */
export async function recalculatesOnLoad(bytes: Uint8Array): Promise<boolean> {
  const zip = await JSZip.loadAsync(bytes).catch(() => undefined);
  const xml = await zip?.file("xl/workbook.xml")?.async("string");
  return xml !== undefined && /<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"/.test(xml);
}

/**
 * The self-check's rules a plan carries that the sheet lacks (0 without a self-check): what applying
 * it would add besides cells. A sheet that has them all is left as it is.
 */
export function missingSelfCheckRules(workbook: ExcelJS.Workbook, plan: WritePlan): number {
  const check = plannedSelfCheck(plan);
  const ws = workbook.getWorksheet(plan.sheet);
  if (!check || !ws) return 0;
  const there = ruleKeys(ws);
  return check.rules.filter((r) => !there.has(ruleKey(r.range, r.formula))).length;
}

/** The conditional formats ExcelJS read from the file or was given (its typings omit the list). */
function conditionalFormats(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (
    (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings ?? []
  );
}

function applySelfCheck(ws: ExcelJS.Worksheet, check: PlannedSelfCheck): void {
  addSelfCheckRules(ws, check.rules);
  if (check.newColumn) {
    ws.getColumn(check.column + 1).width = check.width;
    const header = ws.getCell(check.headerRow + 1, check.column + 1);
    header.dataValidation = {
      type: "any",
      allowBlank: true,
      showInputMessage: true,
      promptTitle: check.note.title,
      prompt: check.note.text,
      formulae: [],
    } as unknown as ExcelJS.DataValidation;
  }
  // Only a sheet without a print area gets one: it leaves the "Kiểm tra" column out of print.
  if (!ws.pageSetup.printArea) ws.pageSetup.printArea = check.printArea;
}

/**
 * Adds the self-check's conditional formats the sheet does not have yet (same range, same formula:
 * already there), after any rules of the sheet's own; returns how many were added. Never changes or
 * removes another rule, nor any cell's style.
 */
export function addSelfCheckRules(ws: ExcelJS.Worksheet, rules: readonly SelfCheckRule[]): number {
  let priority = 0;
  for (const cf of conditionalFormats(ws))
    for (const r of cf.rules) priority = Math.max(priority, r.priority ?? 0);
  const there = ruleKeys(ws);
  let added = 0;
  for (const rule of rules) {
    const key = ruleKey(rule.range, rule.formula);
    if (there.has(key)) continue;
    there.add(key);
    ws.addConditionalFormatting({
      ref: rule.range,
      rules: [
        {
          type: "expression",
          priority: ++priority,
          formulae: [rule.formula],
          style: {
            fill: {
              type: "pattern",
              pattern: "solid",
              bgColor: { argb: `FF${PROBLEM_LOOK.fill}` },
            },
            font: { color: { argb: `FF${PROBLEM_LOOK.font}` } },
          },
        },
      ],
    });
    added++;
  }
  return added;
}

/**
 * The sheet's expression rules, each as the key of its range and formula: a rule with the same key is
 * already there (read once, so a sheet of thousands of rules is not searched once per rule).
 */
function ruleKeys(ws: ExcelJS.Worksheet): Set<string> {
  const keys = new Set<string>();
  for (const cf of conditionalFormats(ws))
    for (const r of cf.rules)
      if (r.type === "expression")
        for (const f of r.formulae ?? []) if (typeof f === "string") keys.add(ruleKey(cf.ref, f));
  return keys;
}

/** A range and formula as compared ("$", case, a one-cell "A1:A1" as "A1"; see formulaKey). */
function ruleKey(range: string, formula: string): string {
  const [from, to] = range.replace(/\$/g, "").toUpperCase().split(":");
  return `${to === undefined || to === from ? from : `${from}:${to}`} ${formulaKey(formula)}`;
}

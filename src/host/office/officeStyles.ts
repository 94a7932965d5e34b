import { formulaKey, SelfCheckRule } from "../../domain/layout/selfCheck";
import { PROBLEM_LOOK } from "../../domain/layout/styles";
import type { CellLook } from "../../domain/layout/styles";

/**
 * The neutral cell looks (src/domain/layout/styles.ts) translated to Office.js range formats: the
 * same description the ExcelJS renderer uses, so the inserted sheet looks like `annex new`'s.
 */
const HORIZONTAL: Record<NonNullable<CellLook["horizontal"]>, Excel.HorizontalAlignment> = {
  left: "Left" as Excel.HorizontalAlignment,
  center: "Center" as Excel.HorizontalAlignment,
  right: "Right" as Excel.HorizontalAlignment,
};
const VERTICAL: Record<NonNullable<CellLook["vertical"]>, Excel.VerticalAlignment> = {
  top: "Top" as Excel.VerticalAlignment,
  middle: "Center" as Excel.VerticalAlignment,
  bottom: "Bottom" as Excel.VerticalAlignment,
};
const EDGES = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideHorizontal",
  "InsideVertical",
];

/** Queues the format calls for one range whose cells all have this look (no sync). */
export function applyLook(range: Excel.Range, look: CellLook, rows = 1, cols = 1): void {
  const f = range.format;
  f.font.name = look.font.name;
  f.font.size = look.font.size;
  f.font.bold = look.font.bold ?? false;
  f.font.italic = look.font.italic ?? false;
  if (look.horizontal) f.horizontalAlignment = HORIZONTAL[look.horizontal];
  if (look.vertical) f.verticalAlignment = VERTICAL[look.vertical];
  if (look.wrap) f.wrapText = true;
  if (look.font.color) f.font.color = `#${look.font.color}`;
  if (look.fill) f.fill.color = `#${look.fill}`;
  if (look.border) {
    const edges = EDGES.filter(
      (e) => (e !== "InsideHorizontal" || rows > 1) && (e !== "InsideVertical" || cols > 1)
    );
    for (const edge of edges) {
      const b = f.borders.getItem(edge as Excel.BorderIndex);
      b.style = "Continuous" as Excel.BorderLineStyle;
      b.color = `#${look.borderColor ?? "000000"}`;
    }
  }
}

/** ExcelJS widths are in characters; Office's columnWidth in points (Calibri 11: 7 px a digit). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/**
 * A sheet's conditional formats, queued for loading (no sync): id (ExcelApi 1.6; without it an item is
 * addressed by its index, which a deletion in the same batch shifts), type and a custom rule's formula.
 */
export function loadCustomFormats(ws: Excel.Worksheet): Excel.ConditionalFormatCollection {
  return ws
    .getRange()
    .conditionalFormats.load("items/id,items/type,items/customOrNullObject/rule/formula");
}

/**
 * The rules not yet on the sheet, judged by formula (Excel keeps a custom rule's formula as it was
 * given, with its "="). `loaded` must have been synced.
 */
export function missingRules(
  loaded: Excel.ConditionalFormatCollection,
  rules: readonly SelfCheckRule[]
): SelfCheckRule[] {
  const there = new Set(
    loaded.items
      .filter((f) => !f.customOrNullObject.isNullObject)
      .map((f) => formulaKey(f.customOrNullObject.rule.formula))
  );
  return rules.filter((r) => !there.has(formulaKey(r.formula)));
}

/** Queues the self-check's red rules on their ranges (no sync): light red fill, dark red text. */
export function addSelfCheckRules(ws: Excel.Worksheet, rules: readonly SelfCheckRule[]): void {
  for (const rule of rules) {
    const cf = ws
      .getRange(rule.range)
      .conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.rule.formula = `=${rule.formula}`;
    cf.custom.format.fill.color = `#${PROBLEM_LOOK.fill}`;
    cf.custom.format.font.color = `#${PROBLEM_LOOK.font}`;
  }
}

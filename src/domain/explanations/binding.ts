import { indicatorNamed } from "../rules/context";
import { Finding } from "../rules/finding";
import { fromA1, toA1 } from "../sheet/address";
import { LocatedAnnex } from "../sheet/locate";
import { CellValue, SheetSnapshot } from "../sheet/snapshot";
import type { Explanation } from "./explanation";

/**
 * What an explanation is bound to (issue #19): the finding's rule, the indicator (its code, STT) and
 * the template column — not only the cell address. A row inserted or deleted above moves the cells
 * but not the indicator: the explanation follows it, and its fingerprint's figures are looked up where
 * their indicators and columns are now. A record of an older version, without these keys, is matched
 * by its address as before, and is flagged as such (see ExplainedFinding.addressOnly).
 */

/** "17.1|estimateCur": an indicator's code and a column id, the anchor of a figure. */
export function anchorOf(indicator: string, column: string): string {
  return `${indicator}|${column}`;
}

/** Where each fingerprint address is, as an anchor (addresses outside the annex's rows have none). */
export function anchorsAt(
  addresses: readonly string[],
  annex: LocatedAnnex | undefined
): Record<string, string> {
  const anchors: Record<string, string> = {};
  if (!annex) return anchors;
  const byRow = new Map(annex.rows.map((r) => [r.row, r.indicator.code]));
  const byCol = new Map([...annex.columns].map(([id, col]) => [col, id]));
  for (const a of addresses) {
    const { row, col } = fromA1(a);
    const code = byRow.get(row);
    const column = byCol.get(col);
    if (code !== undefined && column !== undefined) anchors[a] = anchorOf(code, column);
  }
  return anchors;
}

/** The address an anchor is at on the sheet now, or undefined when its row or column is gone. */
export function anchorAddress(anchor: string, annex: LocatedAnnex): string | undefined {
  const bar = anchor.lastIndexOf("|");
  if (bar <= 0) return undefined;
  const row = annex.rowOf.get(anchor.slice(0, bar));
  const col = annex.columns.get(anchor.slice(bar + 1));
  return row && col !== undefined ? toA1(row.row, col) : undefined;
}

/** Whether an explanation carries the keys that bind it to an indicator and a column. */
export function isBound(e: Explanation): e is Explanation & { indicator: string; column: string } {
  return Boolean(e.indicator && e.column);
}

/**
 * Whether two explanations (or an explanation and the one that would replace it) are about the same
 * finding: the same rule, and the same indicator and column when both know them, else the same cell.
 */
export function sameBinding(
  a: Pick<Explanation, "ruleId" | "cell" | "indicator" | "column">,
  b: Pick<Explanation, "ruleId" | "cell" | "indicator" | "column">
): boolean {
  if (a.ruleId !== b.ruleId) return false;
  if (a.indicator && a.column && b.indicator && b.column)
    return a.indicator === b.indicator && a.column === b.column;
  return a.cell.toUpperCase() === b.cell.toUpperCase();
}

/** Whether a finding is the one a bound explanation was given for (wherever its cell is now). */
export function findingOf(e: Explanation, f: Finding): boolean {
  return (
    f.ruleId === e.ruleId &&
    f.indicatorCode !== undefined &&
    f.indicatorCode === e.indicator &&
    f.columnId === e.column
  );
}

/**
 * The explanation as it reads on the sheet now: its cell where its finding is, and its fingerprint's
 * addresses where their indicators and columns are (a figure whose row is gone keeps its old address,
 * and counts as changed). The same object when nothing moved.
 */
export function rebased(
  e: Explanation,
  cell: string,
  annex: LocatedAnnex | undefined
): Explanation {
  const anchors = e.anchors;
  let moved = cell.toUpperCase() !== e.cell.toUpperCase();
  if (!annex || !anchors) return moved ? { ...e, cell: cell.toUpperCase() } : e;
  const figures: Record<string, CellValue> = {};
  const nextAnchors: Record<string, string> = {};
  for (const [address, value] of Object.entries(e.figures)) {
    const anchor = anchors[address];
    const now = anchor ? anchorAddress(anchor, annex) : undefined;
    const at = now ?? address;
    if (at !== address) moved = true;
    figures[at] = value;
    if (anchor) nextAnchors[at] = anchor;
  }
  return moved ? { ...e, cell: cell.toUpperCase(), figures, anchors: nextAnchors } : e;
}

/** Why an explanation could not be placed on its sheet, in the officers' words. */
export function unplacedWhy(
  e: Explanation,
  annex: LocatedAnnex | undefined,
  sheet: SheetSnapshot
): { readonly vi: string; readonly en: string } | undefined {
  if (!isBound(e) || !annex) return undefined;
  if (!annex.rowOf.get(e.indicator)) {
    const ind = annex.template.indicators.find((i) => i.code === e.indicator);
    const named = ind
      ? indicatorNamed(ind)
      : { vi: `chỉ tiêu ${e.indicator}`, en: `indicator ${e.indicator}` };
    return {
      vi: `${named.vi} không còn trên trang tính "${sheet.name}" (dòng của nó đã bị xoá?)`,
      en: `${named.en} is no longer on sheet "${sheet.name}" (was its row deleted?)`,
    };
  }
  if (!annex.columns.has(e.column))
    return {
      vi: `cột của giải trình không còn trên trang tính "${sheet.name}"`,
      en: `the explanation's column is no longer on sheet "${sheet.name}"`,
    };
  return undefined;
}

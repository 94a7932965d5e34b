import { fromA1 } from "../../sheet/address";
import { valueAt } from "../../sheet/snapshot";
import { indicatorNamed, RuleContext } from "../context";
import type { RuleId } from "../catalog";
import type { ConsolidationNoteKind } from "../../consolidate/records";

const RULE_OF: Readonly<Record<ConsolidationNoteKind, RuleId>> = {
  "partial-base": "consolidated.partial-base",
  "left-empty": "consolidated.left-empty",
  text: "consolidated.text",
  "partial-sum": "consolidated.partial-sum",
};

/**
 * A consolidated annex (annex merge, Tổng hợp) records the cells it left empty or did not fully sum,
 * and why (consolidate/records.ts). Each is reported where it is, as the merge said it: a cell left
 * empty for as long as it is still empty (once the province enters its figure, or the missing units'
 * figures make the formula give one, the finding goes), text figures always.
 */
export function checkConsolidated(ctx: RuleContext): void {
  const record = ctx.sheet.metadata?.consolidated;
  if (!record) return;
  for (const note of record.notes) {
    const cells = note.cell.split(/\s+/).filter(Boolean);
    const open =
      note.kind === "text" || note.kind === "partial-sum"
        ? cells
        : cells.filter((a) => {
            const { row, col } = fromA1(a);
            return valueAt(ctx.sheet, row, col) === "";
          });
    if (!open.length) continue;
    const { row } = fromA1(open[0]);
    const located = ctx.annex.rows.find((r) => r.row === row);
    const named = located && indicatorNamed(located.indicator);
    ctx.emit(RULE_OF[note.kind], {
      cells: open,
      ...(located ? { indicator: located.indicator } : {}),
      message: named
        ? { vi: `${named.vi}: ${note.message.vi}`, en: `${named.en}: ${note.message.en}` }
        : note.message,
    });
  }
}

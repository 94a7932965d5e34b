import { toA1 } from "../../sheet/address";
import { LocatedRow } from "../../sheet/locate";
import { MergedAreas } from "../../sheet/mergedAreas";
import { Column } from "../../template/schema";
import { indicatorNamed, RuleContext, text } from "../context";

/**
 * Merged ranges that join an input cell of an indicator's row with one of its derived or evaluation
 * cells (D20:M20): only the first cell keeps a value, so the figures and formulas of the others have
 * no place, and writing a formula there would land on the figure typed. A merge of derived cells
 * alone (H20:I20) is reported too: the cells it covers can never be filled. The plan never writes
 * into a cell a merge covers (plan/writePlan.ts); this says what to do.
 */
export function checkMerges(ctx: RuleContext): void {
  const merges = MergedAreas.of(ctx.sheet);
  if (!merges.size) return;
  const byRow = new Map<number, LocatedRow>();
  for (const r of ctx.annex.rows) byRow.set(r.row, r);
  const placed = ctx.annex.template.columns.flatMap((column) => {
    const col = ctx.col(column.id);
    const kind =
      column.role === "input"
        ? "input"
        : column.role === "derived" || column.role === "evaluation"
          ? "derived"
          : undefined;
    return col === undefined || kind === undefined ? [] : [{ column, col, kind }];
  });
  for (const merge of merges.areas) {
    let row: LocatedRow | undefined;
    const inputs: Column[] = [];
    const derived: Column[] = [];
    // A derived cell the merge covers (not its first cell) can never be written.
    let covered = false;
    // Rows below the sheet's last hold no indicator (a merge may be given to whole columns).
    for (let r = merge.r0, last = Math.min(merge.r1, ctx.sheet.values.length - 1); r <= last; r++) {
      const located = byRow.get(r);
      if (!located) continue;
      row ??= located;
      for (const p of placed) {
        if (p.col < merge.c0 || p.col > merge.c1) continue;
        const list = p.kind === "input" ? inputs : derived;
        if (!list.includes(p.column)) list.push(p.column);
        if (p.kind === "derived" && (r !== merge.r0 || p.col !== merge.c0)) covered = true;
      }
    }
    if (!row || !derived.length || !(inputs.length || covered)) continue;
    const names = (columns: Column[], lang: "vi" | "en") =>
      columns.map((c) => `"${ctx.columnName(c)[lang]}"`).join(", ");
    const first = toA1(merge.r0, merge.c0);
    const named = indicatorNamed(row.indicator);
    ctx.emit("merge.input-derived", {
      // Shown at the merge's first cell; the derived cells it swallows on that row come next.
      cells: [
        first,
        ...derived.flatMap((c) => {
          const a = toA1(row.row, ctx.col(c.id) ?? 0);
          return a === first ? [] : [a];
        }),
      ],
      indicator: row.indicator,
      message: inputs.length
        ? text(
            `Vùng ô ${merge.address} (${named.vi}) gộp ô nhập liệu ${names(inputs, "vi")} với ô tính toán ${names(derived, "vi")}: chỉ ô ${first} giữ được giá trị, các cột tính toán không ghi được. Hãy bỏ gộp ô ${merge.address}, nhập lại số liệu vào từng ô rồi ghi lại các cột tính toán.`,
            `The range ${merge.address} (${named.en}) merges the input cells ${names(inputs, "en")} with the derived cells ${names(derived, "en")}: only ${first} can hold a value, and the derived columns cannot be filled. Unmerge ${merge.address}, type each figure into its own cell, then write the derived columns again.`
          )
        : text(
            `Vùng ô ${merge.address} (${named.vi}) gộp các ô tính toán ${names(derived, "vi")}: chỉ ô ${first} giữ được công thức, các ô còn lại không ghi được. Hãy bỏ gộp ô ${merge.address} rồi ghi lại các cột tính toán.`,
            `The range ${merge.address} (${named.en}) merges the derived cells ${names(derived, "en")}: only ${first} can hold a formula, and the others cannot be filled. Unmerge ${merge.address}, then write the derived columns again.`
          ),
      expected: text("mỗi ô một giá trị, không gộp", "one value per cell, not merged"),
      found: text(`gộp ${merge.address}`, `merged ${merge.address}`),
    });
  }
}

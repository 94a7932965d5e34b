import { indicatorNamed, RuleContext, text } from "../context";

/**
 * Derived cells whose result is not a finite number (1e308 typed as a figure makes ƯTH / KH × 100
 * overflow): the engine leaves them blank and the plan never writes NaN or ∞ (derive/derivedCells.ts);
 * this says which figures to correct.
 */
export function checkOverflow(ctx: RuleContext): void {
  const derived = ctx.derived;
  for (const k of derived.overflowed) {
    const dc = derived.cell(k);
    const column = ctx.column(dc.columnId);
    const name = column ? ctx.columnName(column) : text(dc.columnId);
    const named = indicatorNamed(dc.indicator);
    ctx.emit("derived.overflow", {
      cells: [dc.address],
      indicator: dc.indicator,
      columnId: dc.columnId,
      message: text(
        `Ô ${dc.address} ("${name.vi}", ${named.vi}): số liệu quá lớn, kết quả vượt giới hạn số của Excel nên ô được để trống. Hãy sửa số liệu của dòng này.`,
        `Cell ${dc.address} ("${name.en}", ${named.en}): the figures are so large the result exceeds the numbers Excel can hold, so the cell is left blank. Correct this row's figures.`
      ),
      expected: text("một kết quả hữu hạn", "a finite result"),
      found: text("vượt giới hạn", "overflow"),
    });
  }
}

import ExcelJS from "exceljs";
import { AnnexLayout, layoutSnapshot } from "../../src/domain";

/** What the self-check tests read of a worksheet's conditional formats (ExcelJS's typings omit the list). */
export type ConditionalFormats = Array<{
  ref: string;
  rules: Array<{ type: string; formulae?: unknown[] }>;
}>;

export function conditionalFormats(ws: ExcelJS.Worksheet): ConditionalFormats {
  return (
    (ws as unknown as { conditionalFormattings?: ConditionalFormats }).conditionalFormattings ?? []
  );
}

/**
 * A sheet made by hand: the layout's texts and figures up to its last indicator row, left of the
 * "Kiểm tra" column, typed as plain values (no styles, metadata, rules or Kiểm tra column).
 */
export function handMadeSheet(layout: AnnexLayout, name = "Cao Lộc") {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  const snap = layoutSnapshot(layout, false);
  snap.values.forEach((cells, r) =>
    cells?.forEach((v, c) => {
      if (r <= layout.lastDataRow && c < layout.selfCheck.column && v !== "")
        ws.getCell(r + 1, c + 1).value = v;
    })
  );
  return { wb, ws };
}

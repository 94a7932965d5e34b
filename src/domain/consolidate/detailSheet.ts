import { AnnexLayout, CellStyle, Merge } from "../layout/annexLayout";
import { inputFormat } from "../layout/annexLayout";
import { columnLetter, toA1 } from "../sheet/address";
import { resolveYearTokens } from "../template/headers";
import { InputColumn, Template } from "../template/schema";
import { LEVEL_WORDS, reportingLevel } from "../units/level";
import type { Figures } from "./cells";
import type { MergedDistrict } from "./consolidate";

/** The sheet beside the consolidated annex that every consolidated figure is summed from (up to 2025). */
export const DETAIL_SHEET = "Chi tiết theo huyện";

/** Its name for a form's year: "Chi tiết theo xã" from 2026, when communes send (issue #21). */
export function detailSheetName(year: number): string {
  return `Chi tiết theo ${LEVEL_WORDS[reportingLevel(year)].viOne}`;
}

export interface DetailCell {
  readonly row: number;
  readonly col: number;
  readonly value?: string | number;
  readonly style: CellStyle;
  readonly numFmt?: string;
  readonly indent?: number;
}

/**
 * "Chi tiết theo huyện": the indicator rows at the same rows as on the consolidated sheet, and for each
 * input column one column per district holding what the district wrote (as the engine read it). The
 * consolidated cell of a row is the SUM of that row's district columns, so a figure corrected here
 * changes the province's total.
 */
export interface DetailSheet {
  readonly name: string;
  readonly cells: readonly DetailCell[];
  readonly merges: readonly Merge[];
  readonly columnWidths: readonly number[];
  readonly freeze: { readonly row: number; readonly col: number };
  readonly headerRows: readonly [number, number];
  /** The sheet column of district k's figure for input column j. */
  column(j: number, k: number): number;
  /** The reference `'Chi tiết theo huyện'!D11:F11` of an indicator's districts for input column j. */
  range(code: string, j: number): string | undefined;
}

const FIXED = 3;
const CODE_HEADER = "Mã chỉ tiêu";

export function buildDetailSheet(
  template: Template,
  year: number,
  layout: AnnexLayout,
  districts: readonly MergedDistrict[],
  figures: Figures
): DetailSheet {
  const inputs = template.columns.filter((c): c is InputColumn => c.role === "input");
  const fixedCols = ["code", "name", "unit"].map((role) =>
    template.columns.findIndex((c) => c.role === role)
  );
  const n = districts.length;
  const column = (j: number, k: number) => FIXED + j * n + k;
  const cells: DetailCell[] = [];
  const merges: Merge[] = [];
  const [h1, h2] = layout.headerRows;
  const last = Math.max(FIXED - 1, column(inputs.length - 1, n - 1));
  const name = detailSheetName(year);
  const one = LEVEL_WORDS[reportingLevel(year)].viOne;

  cells.push({
    row: 0,
    col: 0,
    value: `${name.toUpperCase()} — ${template.form.toUpperCase()} NĂM ${year}`,
    style: "title",
  });
  merges.push({ from: { row: 0, col: 0 }, to: { row: 0, col: last } });
  cells.push({
    row: 2,
    col: 0,
    value: `Mỗi cột là số liệu một ${one} gửi. Ô của tỉnh ở trang tính "${layout.sheetName}" là tổng (SUM) của hàng tương ứng ở đây: sửa số của ${one} ở đây thì số của tỉnh đổi theo. Tỷ lệ của tỉnh được tính lại từ tử số và mẫu số, không cộng tỷ lệ của các ${one}.`,
    style: "unitNote",
  });
  merges.push({ from: { row: 2, col: 0 }, to: { row: 2, col: last } });

  // Code, name and unit: the layout's own cells, header to last indicator.
  const layoutMerges = layout.merges.filter(
    (m) => m.from.row >= h1 && fixedCols.includes(m.from.col) && m.from.col === m.to.col
  );
  for (const c of layout.cells) {
    const at = fixedCols.indexOf(c.col);
    if (at < 0 || c.row < h1 || c.row > layout.lastDataRow) continue;
    // Not "STT": this sheet is no annex, and `annex check` must not take it for one.
    const value = c.row === h1 && at === 0 ? CODE_HEADER : c.value;
    cells.push({
      row: c.row,
      col: at,
      ...(value !== undefined ? { value } : {}),
      style: c.style,
      ...(c.indent ? { indent: c.indent } : {}),
    });
  }
  for (const m of layoutMerges) {
    const at = fixedCols.indexOf(m.from.col);
    merges.push({ from: { row: m.from.row, col: at }, to: { row: m.to.row, col: at } });
  }
  // Section rows span the districts' columns too, shaded as on the annex.
  const sectionRows = new Set(
    layout.cells
      .filter((c) => c.style === "section" && c.row >= layout.dataStartRow)
      .map((c) => c.row)
  );
  for (const row of sectionRows)
    for (let col = FIXED; col <= last; col++) cells.push({ row, col, style: "section" });

  inputs.forEach((input, j) => {
    if (!n) return;
    cells.push({
      row: h1,
      col: column(j, 0),
      value: resolveYearTokens(input.header.vi, year),
      style: "header",
    });
    merges.push({ from: { row: h1, col: column(j, 0) }, to: { row: h1, col: column(j, n - 1) } });
    districts.forEach((d, k) => {
      cells.push({ row: h2, col: column(j, k), value: d.label, style: "header" });
      cells.push({
        row: layout.numberingRow,
        col: column(j, k),
        value: `${input.number}.${k + 1}`,
        style: "numbering",
      });
    });
  });

  template.indicators.forEach((ind, i) => {
    const row = layout.rowOf.get(ind.code);
    if (row === undefined) return;
    inputs.forEach((_, j) => {
      districts.forEach((_d, k) => {
        const f = figures[i][j][k];
        cells.push({
          row,
          col: column(j, k),
          ...(f ? { value: f.kind === "number" ? f.value : f.text } : {}),
          style: "input",
          numFmt: inputFormat(ind),
        });
      });
    });
  });

  // Where each column came from.
  let r = layout.lastDataRow + 2;
  cells.push({ row: r++, col: 1, value: `Nguồn số liệu (tệp của từng ${one}):`, style: "footer" });
  for (const d of districts)
    cells.push({ row: r++, col: 1, value: `${d.label}: ${d.file}`, style: "unitNote" });

  const widths = [...fixedCols.map((c) => template.columns[c]?.width ?? 12)];
  for (let col = FIXED; col <= last; col++) widths.push(14);
  const rowOf = layout.rowOf;
  return {
    name,
    cells,
    merges,
    columnWidths: widths,
    freeze: { row: layout.numberingRow + 1, col: FIXED },
    headerRows: [h1, h2],
    column,
    range(code, j) {
      const row = rowOf.get(code);
      if (row === undefined || !n) return undefined;
      const from = toA1(row, column(j, 0));
      const to = `${columnLetter(column(j, n - 1))}${row + 1}`;
      return `'${name}'!${from}:${to}`;
    },
  };
}

import { DerivedBuilder } from "../derive/derivedCells";
import { NumberLocale } from "../numbers/locale";
import { toA1 } from "../sheet/address";
import { AnnexMetadata, SheetSnapshot, SnapshotEditor } from "../sheet/snapshot";
import { findDepartment, templateForDepartment } from "../template/department";
import { resolveLocalized, resolveYearTokens } from "../template/headers";
import { Column, Indicator, Template } from "../template/schema";
import { AssignedTarget, TargetsFile, targetsForAnnex } from "../targets/targetsFile";
import { wrappedRowHeights } from "./rowHeights";
import { buildSelfCheck, CHECK_LEGEND, indicatorDecimals, SelfCheck } from "./selfCheck";
import { rowHeights } from "./styles";

/**
 * The annex sheet as the ministry lays it out, described once as data: title block, two header rows
 * with the merged "So sánh (%)" group, the numbering row, section and indicator rows, formats,
 * protection, data validation, frozen panes and print set-up. The ExcelJS adapter and the Office.js
 * adapter both render this; neither decides anything about the layout.
 */
export type CellStyle =
  | "authority"
  | "unitName"
  | "form"
  | "title"
  | "unitNote"
  | "header"
  | "numbering"
  | "section"
  | "indicator"
  | "child"
  | "code"
  | "unit"
  | "input"
  | "derived"
  | "evaluation"
  | "inputNotAsked"
  | "note"
  | "footer"
  | "subtitle"
  | "place"
  | "signHint"
  | "signer"
  | "legend"
  | "checkHeader"
  | "check";

export interface LayoutCell {
  readonly row: number;
  readonly col: number;
  readonly value?: string | number;
  readonly formula?: string;
  readonly style: CellStyle;
  readonly numFmt?: string;
  /** Input cells are unlocked; everything else stays locked when the sheet is protected. */
  readonly locked: boolean;
  readonly indent?: number;
}

export interface LayoutValidation {
  readonly address: string;
  readonly type: "whole" | "decimal" | "any";
  readonly min?: number;
  readonly max?: number;
  readonly prompt: { readonly title: string; readonly text: string };
  readonly error?: { readonly title: string; readonly text: string };
}

export interface Merge {
  readonly from: { readonly row: number; readonly col: number };
  readonly to: { readonly row: number; readonly col: number };
}

export interface AnnexLayout {
  readonly sheetName: string;
  readonly metadata: AnnexMetadata;
  readonly cells: readonly LayoutCell[];
  readonly merges: readonly Merge[];
  readonly columnWidths: readonly number[];
  readonly headerRows: readonly [number, number];
  readonly numberingRow: number;
  readonly dataStartRow: number;
  readonly lastDataRow: number;
  /** Rows above and columns left of this cell stay in view. */
  readonly freeze: { readonly row: number; readonly col: number };
  readonly print: {
    readonly paper: "A4";
    readonly orientation: "landscape";
    readonly repeatRows: readonly [number, number];
    readonly fitToWidth: true;
  };
  readonly validations: readonly LayoutValidation[];
  readonly rowOf: ReadonlyMap<string, number>;
  /** Heights (points) of the rows that need more than the default: headers, wrapped names, title. */
  readonly rowHeights: ReadonlyArray<{ readonly row: number; readonly height: number }>;
  /** The printed part: the table, title and signatures, not the "Kiểm tra" column. */
  readonly printArea: string;
  /** Conditional formats and the "Kiểm tra" column (its cells are among `cells`). */
  readonly selfCheck: SelfCheck;
}

export interface LayoutOptions {
  readonly year: number;
  /** The reporting unit: "Sở LĐTBXH tỉnh Lạng Sơn". */
  readonly unitName?: string;
  /** The authority above it: "UBND tỉnh Lạng Sơn". */
  readonly authority?: string;
  readonly sheetName?: string;
  readonly locale?: NumberLocale;
  /** The province's targets file: each input cell's prompt names its target (when the file fits). */
  readonly targets?: TargetsFile;
  /** The department filling it (catalog/departments.json): its blocks, and its name as the unit line. */
  readonly department?: string;
}

const TITLE_ROWS = 6;

/** What A1 says when no authority was given: visible, so nobody sends the sheet without one. */
export const AUTHORITY_PLACEHOLDER = "[Tên cơ quan chủ quản]";
/** Blanks a person fills in by hand, as printed forms leave them. */
const BLANK = "……";

/**
 * The subtitle with the document's number and date left to fill in: "(Kèm theo Kế hoạch … năm 2023
 * số ……/KH-…… ngày …… tháng …… năm ……)". A subtitle that names no document is kept as it is.
 */
export function subtitleText(note: string): string {
  const m = /^\(Kèm theo (Kế hoạch|Báo cáo|Quyết định|Công văn)\b/i.exec(note);
  if (!m || !note.endsWith(")")) return note;
  const kind = { "kế hoạch": "KH", "báo cáo": "BC", "quyết định": "QĐ", "công văn": "CV" }[
    m[1].toLowerCase()
  ];
  return `${note.slice(0, -1)} số ${BLANK}/${kind ?? ""}-${BLANK} ngày ${BLANK} tháng ${BLANK} năm ${BLANK})`;
}

/**
 * Whether a period column asks for this row's figure (not: greyed, still open to typing). A column that
 * is only optional (`required: false`, as Biểu 01's "TH 6 tháng") still asks for figures: a blank there is
 * simply not flagged.
 */
export function askedFor(ind: Indicator, column: Column): boolean {
  if (column.role !== "input") return true;
  // The template's "asked for in these columns": an annual rate is not reported in a 6-month column.
  // A plan column stays open (yellow) whatever it says: a plan or target may be set for any row.
  if (ind.requiredIn === undefined || column.period === "plan") return true;
  return ind.requiredIn.includes(column.id);
}

export function inputFormat(ind: Indicator): string {
  const d = indicatorDecimals(ind);
  if (ind.kind === "rate" || ind.kind === "points") return d ? `0.${"0".repeat(d)}` : "0";
  return d ? `#,##0.${"0".repeat(d)}` : "#,##0";
}

export function defaultSheetName(template: Template, year: number): string {
  return `${template.form.replace(/^Biểu số\s*/i, "Biểu ")} - ${year}`.slice(0, 31);
}

export function buildAnnexLayout(whole: Template, options: LayoutOptions): AnnexLayout {
  const { year } = options;
  const template = templateForDepartment(whole, options.department);
  const department =
    options.department !== undefined ? findDepartment(options.department) : undefined;
  const unitName = options.unitName ?? department?.name;
  const cols = template.columns;
  const last = cols.length - 1;
  const cells: LayoutCell[] = [];
  const merges: Merge[] = [];
  const put = (cell: LayoutCell) => cells.push(cell);
  const merge = (r1: number, c1: number, r2: number, c2: number) => {
    if (r1 !== r2 || c1 !== c2)
      merges.push({ from: { row: r1, col: c1 }, to: { row: r2, col: c2 } });
  };
  const index = new Map(cols.map((c, i) => [c.id, i]));
  const fit = options.targets
    ? targetsForAnnex(options.targets, template, year, [options.authority ?? "", unitName ?? ""])
    : undefined;
  const assigned = fit?.ok ? fit.targets : undefined;

  // Title block
  const leftSpan = Math.min(2, last);
  const authority = options.authority?.trim();
  put({
    row: 0,
    col: 0,
    value: authority ? authority.toUpperCase() : AUTHORITY_PLACEHOLDER,
    style: "authority",
    locked: false,
  });
  merge(0, 0, 0, leftSpan);
  put({
    row: 1,
    col: 0,
    value: (unitName ?? "").toUpperCase(),
    style: "unitName",
    locked: false,
  });
  merge(1, 0, 1, leftSpan);
  put({ row: 0, col: last - 2, value: template.form, style: "form", locked: true });
  merge(0, last - 2, 0, last);
  put({
    row: 3,
    col: 0,
    value: resolveYearTokens(template.title.vi, year),
    style: "title",
    locked: true,
  });
  merge(3, 0, 3, last);
  if (template.unitNote) {
    put({
      row: 4,
      col: 0,
      value: subtitleText(resolveYearTokens(template.unitNote.vi, year)),
      style: "subtitle",
      locked: false,
    });
    merge(4, 0, 4, last);
  }

  // Header: two rows; grouped columns share a merged upper cell, others span both rows.
  const h1 = TITLE_ROWS;
  const h2 = TITLE_ROWS + 1;
  const numberingRow = TITLE_ROWS + 2;
  for (let i = 0; i <= last; i++) {
    const c = cols[i];
    const header = resolveYearTokens(c.header.vi, year);
    if (c.group) {
      const groupText = resolveYearTokens(c.group.vi, year);
      const startsGroup = i === 0 || cols[i - 1].group?.vi !== c.group.vi;
      if (startsGroup) {
        let end = i;
        while (end + 1 <= last && cols[end + 1].group?.vi === c.group.vi) end++;
        put({ row: h1, col: i, value: groupText, style: "header", locked: true });
        merge(h1, i, h1, end);
      }
      put({ row: h2, col: i, value: header, style: "header", locked: true });
    } else {
      put({ row: h1, col: i, value: header, style: "header", locked: true });
      put({ row: h2, col: i, style: "header", locked: true });
      merge(h1, i, h2, i);
    }
    put({ row: numberingRow, col: i, value: c.number, style: "numbering", locked: true });
  }

  // Sections and indicators
  const rowOf = new Map<string, number>();
  const validations: LayoutValidation[] = [];
  // A new sheet has no figures yet: derived cells reference the plan cells, never embedded targets.
  const builder = new DerivedBuilder(template, index, undefined, options.locale ?? "vi-VN");
  let r = numberingRow + 1;
  const dataStartRow = r;
  const bySection = new Map<string, Indicator[]>();
  for (const ind of template.indicators) {
    const list = bySection.get(ind.section);
    if (list) list.push(ind);
    else bySection.set(ind.section, [ind]);
  }
  for (const section of template.sections) {
    const inds = bySection.get(section.code) ?? [];
    if (!inds.length) continue;
    for (let i = 0; i <= last; i++) {
      const c = cols[i];
      const value =
        c.role === "code" ? section.code : c.role === "name" ? section.name.vi : undefined;
      put({
        row: r,
        col: i,
        ...(value !== undefined ? { value } : {}),
        style: "section",
        locked: true,
      });
    }
    r++;
    for (const ind of inds) {
      rowOf.set(ind.code, r);
      for (let i = 0; i <= last; i++) {
        put(indicatorCell(ind, cols[i], r, i, builder));
        const v = validationFor(ind, cols[i], toA1(r, i), year, assigned);
        if (v) validations.push(v);
      }
      r++;
    }
  }
  const lastDataRow = r - 1;

  // What red means, under the table.
  const legendRow = lastDataRow + 2;
  put({ row: legendRow, col: 0, value: CHECK_LEGEND.vi, style: "legend", locked: true });
  merge(legendRow, 0, legendRow, last);

  // Place and date, signatures: typed by the person who signs (unlocked).
  const right = Math.max(3, last - 3);
  const placeRow = legendRow + 2;
  const signRow = placeRow + 1;
  const nameRow = signRow + 5;
  const signBlock: Array<[number, number, string | undefined, CellStyle]> = [
    [placeRow, right, `${BLANK}, ngày ${BLANK} tháng ${BLANK} năm ${year}`, "place"],
    [signRow, 1, "NGƯỜI LẬP BIỂU", "footer"],
    [signRow, right, "THỦ TRƯỞNG ĐƠN VỊ", "footer"],
    [signRow + 1, 1, "(Ký, ghi rõ họ tên)", "signHint"],
    [signRow + 1, right, "(Ký tên, đóng dấu)", "signHint"],
    [nameRow, 1, undefined, "signer"],
    [nameRow, right, undefined, "signer"],
  ];
  for (const [row, col, value, style] of signBlock) {
    put({ row, col, ...(value !== undefined ? { value } : {}), style, locked: false });
    if (col === right) merge(row, right, row, last);
  }

  // The self-check: red cells and the "Kiểm tra" column right of the table, outside the print area.
  const checkColumn = last + 1;
  const indicatorRows = template.indicators.flatMap((indicator) => {
    const row = rowOf.get(indicator.code);
    return row === undefined ? [] : [{ indicator, row }];
  });
  const selfCheck = buildSelfCheck({
    template,
    columns: index,
    rows: indicatorRows,
    headerRow: h1,
    checkColumn,
  });
  put({ row: h1, col: checkColumn, value: selfCheck.header, style: "checkHeader", locked: true });
  merge(h1, checkColumn, h2, checkColumn);
  for (const c of selfCheck.cells)
    put({ row: c.row, col: c.col, formula: c.formula, style: "check", locked: true });
  validations.push({
    address: toA1(h1, checkColumn),
    type: "any",
    prompt: { title: selfCheck.note.title, text: selfCheck.note.text },
  });
  const columnWidths = [...cols.map((c) => c.width ?? 12), selfCheck.width];
  const fixedHeights = new Map(rowHeights([h1, h2]).map((h) => [h.row, h.height]));

  const metadata: AnnexMetadata = {
    templateId: template.id,
    templateVersion: template.version,
    year,
    ...(template.period ? { period: template.period } : {}),
    ...(template !== whole && options.department ? { department: options.department } : {}),
  };
  return {
    sheetName: options.sheetName ?? defaultSheetName(template, year),
    metadata,
    cells,
    merges,
    columnWidths,
    headerRows: [h1, h2],
    numberingRow,
    dataStartRow,
    lastDataRow,
    freeze: { row: numberingRow + 1, col: (index.get("unit") ?? 2) + 1 },
    print: {
      paper: "A4",
      orientation: "landscape",
      repeatRows: [h1, numberingRow],
      fitToWidth: true,
    },
    validations,
    rowOf,
    rowHeights: wrappedRowHeights(cells, merges, columnWidths, fixedHeights),
    printArea: `A1:${toA1(nameRow, last)}`,
    selfCheck,
  };
}

function indicatorCell(
  ind: Indicator,
  column: Column,
  row: number,
  col: number,
  builder: DerivedBuilder
): LayoutCell {
  switch (column.role) {
    case "code":
      return { row, col, value: ind.label ?? ind.code, style: "code", locked: true };
    case "name":
      return {
        row,
        col,
        value: ind.name.vi,
        style: ind.level > 0 ? "child" : "indicator",
        locked: true,
        indent: ind.level,
      };
    case "unit":
      return { row, col, value: ind.unit, style: "unit", locked: true };
    case "note":
      return { row, col, style: "note", locked: false };
    case "input":
      return {
        row,
        col,
        style: askedFor(ind, column) ? "input" : "inputNotAsked",
        numFmt: inputFormat(ind),
        locked: false,
      };
    case "derived":
    case "evaluation": {
      const built = builder.build(column, ind, row);
      return {
        row,
        col,
        ...(built ? { formula: built.formula.at(row), numFmt: built.numFmt } : {}),
        style: column.role === "evaluation" ? "evaluation" : "derived",
        locked: true,
      };
    }
  }
}

function validationFor(
  ind: Indicator,
  column: Column,
  address: string,
  year: number,
  assigned?: ReadonlyMap<string, readonly AssignedTarget[]>
): LayoutValidation | undefined {
  if (column.role !== "input") return undefined;
  const targets = (assigned?.get(ind.code) ?? [])
    .filter((t) => t.column === column.id)
    .map((t) => t.text);
  const direction = {
    up: "Chỉ tiêu thuận (càng cao càng tốt)",
    down: "Chỉ tiêu nghịch (càng thấp càng tốt)",
    neutral: "Không đánh giá cao hay thấp",
  }[ind.direction];
  const header = resolveLocalized(column.header, year).vi;
  const prompt = {
    title: `ĐVT: ${ind.unit}`.slice(0, 32),
    text: [
      `${header}.`,
      targets.length ? `Chỉ tiêu: ${targets.join("; ")}.` : "",
      `${direction}.`,
      column.holdsTarget ? 'Có thể ghi "trên 16.000", "từ 3% trở lên", "1-1,5".' : "",
    ]
      .filter(Boolean)
      .join(" ")
      .slice(0, 255),
  };
  if (column.holdsTarget) return { address, type: "any", prompt };
  const error = (text: string) => ({ title: "Số liệu không hợp lệ", text });
  switch (ind.kind) {
    case "count":
      return {
        address,
        type: "whole",
        min: ind.bounds?.min ?? 0,
        ...(ind.bounds?.max !== undefined ? { max: ind.bounds.max } : {}),
        prompt,
        error: error(`Nhập số nguyên không âm (${ind.unit}).`),
      };
    case "amount":
      return {
        address,
        type: "decimal",
        min: ind.bounds?.min ?? 0,
        ...(ind.bounds?.max !== undefined ? { max: ind.bounds.max } : {}),
        prompt,
        error: error(`Nhập số không âm (${ind.unit}).`),
      };
    case "rate":
      return {
        address,
        type: "decimal",
        min: ind.bounds?.min ?? 0,
        max: ind.bounds?.max ?? 100,
        prompt,
        error: error("Nhập tỷ lệ từ 0 đến 100."),
      };
    case "points":
      return {
        address,
        type: "decimal",
        min: ind.bounds?.min ?? -100,
        max: ind.bounds?.max ?? 100,
        prompt,
        error: error("Nhập số điểm phần trăm từ -100 đến 100."),
      };
  }
}

/** The layout as a snapshot, as an adapter would read the new sheet back (formulas blank). */
export function layoutSnapshot(layout: AnnexLayout, withMetadata = true): SheetSnapshot {
  const editor = new SnapshotEditor();
  for (const c of layout.cells) {
    if (c.value === undefined && c.formula === undefined) continue;
    editor.set(c.row, c.col, c.formula !== undefined ? "" : (c.value ?? ""), c.formula, c.numFmt);
  }
  return editor.snapshot(layout.sheetName, withMetadata ? layout.metadata : undefined);
}

import ExcelJS from "exceljs";
import { moreSerious } from "../app/findingViews";
import { columnLetter, fromA1, Severity, toA1 } from "../domain";
import type { Highlight } from "../host/annexHost";
import { displayText } from "../host/browser/displayText";

/**
 * The worksheet laid out for an HTML table: which cells to draw, their text and look, merges, column
 * widths and row heights in pixels, and the pane's highlights by cell. Built from the ExcelJS sheet on
 * each change; plain data, so the table component only draws.
 */
export interface GridCell {
  readonly address: string;
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly style: Readonly<Record<string, string | number>>;
  readonly highlight?: Severity;
  readonly numeric: boolean;
}

export interface GridRow {
  readonly number: number;
  readonly height: number | undefined;
  /** Cells to draw; cells covered by a merge are left out. */
  readonly cells: readonly GridCell[];
}

export interface Grid {
  readonly columns: ReadonlyArray<{ readonly letter: string; readonly width: number }>;
  readonly rows: readonly GridRow[];
  /** True when the sheet has more rows than the view draws. */
  readonly truncated: boolean;
}

/** Rows drawn at most: the view is for annexes (tens to a few hundred rows), not for data sets. */
export const MAX_ROWS = 2000;
const MIN_ROWS = 40;
const MIN_COLS = 14;

interface MergeBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function buildGrid(ws: ExcelJS.Worksheet, highlights: readonly Highlight[]): Grid {
  const lastRow = Math.max(ws.rowCount, 0);
  const lastCol = Math.max(ws.columnCount, 0);
  const rowCount = Math.min(Math.max(lastRow + 10, MIN_ROWS), MAX_ROWS);
  const colCount = Math.max(lastCol + 2, MIN_COLS);

  const columns = Array.from({ length: colCount }, (_, c) => ({
    letter: columnLetter(c),
    width: columnPx(ws.getColumn(c + 1).width),
  }));

  const merges = mergesOf(ws);
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of merges) {
    spans.set(toA1(m.top - 1, m.left - 1), {
      rowSpan: m.bottom - m.top + 1,
      colSpan: m.right - m.left + 1,
    });
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r !== m.top || c !== m.left) covered.add(toA1(r - 1, c - 1));
      }
    }
  }
  const marks = highlightMap(highlights);

  const rows: GridRow[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    const cells: GridCell[] = [];
    for (let c = 1; c <= colCount; c++) {
      const address = toA1(r - 1, c - 1);
      if (covered.has(address)) continue;
      const span = spans.get(address) ?? { rowSpan: 1, colSpan: 1 };
      const cell = row && c <= lastCol ? row.getCell(c) : undefined;
      const highlight = marks.get(address);
      cells.push({
        address,
        text: cell ? displayText(cell) : "",
        ...span,
        style: cell ? cellStyle(cell) : {},
        numeric: cell ? isNumeric(cell) : false,
        ...(highlight ? { highlight } : {}),
      });
    }
    rows.push({
      number: r,
      height: row?.height ? Math.round((row.height * 4) / 3) : undefined,
      cells,
    });
  }
  return { columns, rows, truncated: lastRow > MAX_ROWS };
}

/** Excel's column width (characters of the default font) in pixels, roughly as Excel draws it. */
function columnPx(width: number | undefined): number {
  return Math.round((width ?? 9.14) * 7 + 5);
}

function mergesOf(ws: ExcelJS.Worksheet): MergeBox[] {
  // ExcelJS keeps merges by their top-left address; only its `model` (a full copy) lists them publicly.
  const own = (ws as unknown as { _merges?: Record<string, { model?: MergeBox } & MergeBox> })
    ._merges;
  if (!own) return [];
  return Object.values(own).map((m) => {
    const box = m.model ?? m;
    return { top: box.top, left: box.left, bottom: box.bottom, right: box.right };
  });
}

/** Each highlighted cell with its most serious severity; ranges are expanded. */
export function highlightMap(highlights: readonly Highlight[]): Map<string, Severity> {
  const out = new Map<string, Severity>();
  for (const h of highlights) {
    for (const address of cellsOf(h.address)) {
      const had = out.get(address);
      if (!had || moreSerious(h.severity, had)) out.set(address, h.severity);
    }
  }
  return out;
}

/** The cells of "E12" or "E12:F14" (at most 10 000, so a stray "A1:XFD1048576" cannot hang the page). */
export function cellsOf(range: string): string[] {
  const [from, to = from] = range.split(":");
  const a = fromA1(from);
  const b = fromA1(to);
  const out: string[] = [];
  for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
    for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
      out.push(toA1(r, c));
      if (out.length >= 10_000) return out;
    }
  }
  return out;
}

function isNumeric(cell: ExcelJS.Cell): boolean {
  const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  return typeof v === "number";
}

function cellStyle(cell: ExcelJS.Cell): Record<string, string | number> {
  const s: Record<string, string | number> = {};
  const font = cell.font;
  if (font?.bold) s.fontWeight = 600;
  if (font?.italic) s.fontStyle = "italic";
  if (font?.size && font.size !== 11) s.fontSize = `${Math.round((font.size * 4) / 3)}px`;
  const fontColor = argb(font?.color);
  if (fontColor) s.color = fontColor;
  const fill = cell.fill;
  if (fill && fill.type === "pattern" && fill.pattern === "solid") {
    const bg = argb(fill.fgColor);
    if (bg) s.background = bg;
  }
  const al = cell.alignment;
  if (al?.horizontal && ["left", "center", "right"].includes(al.horizontal))
    s.textAlign = al.horizontal;
  else if (al?.horizontal === "centerContinuous") s.textAlign = "center";
  if (al?.vertical === "top") s.verticalAlign = "top";
  else if (al?.vertical === "middle") s.verticalAlign = "middle";
  if (al?.wrapText) s.whiteSpace = "pre-wrap";
  if (al?.indent) s.paddingLeft = `${4 + al.indent * 9}px`;
  const border = cell.border;
  if (border) {
    for (const side of ["top", "right", "bottom", "left"] as const) {
      const line = border[side];
      if (line?.style) {
        const key = `border${side[0].toUpperCase()}${side.slice(1)}`;
        const width = line.style === "medium" || line.style === "thick" ? 2 : 1;
        s[key] = `${width}px solid ${argb(line.color) ?? "#000"}`;
      }
    }
  }
  return s;
}

function argb(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  const v = color?.argb;
  if (typeof v !== "string" || v.length < 6) return undefined;
  return `#${v.slice(-6)}`;
}

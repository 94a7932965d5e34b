import type { LayoutCell, Merge } from "./annexLayout";
import { CELL_LOOKS, CellLook } from "./styles";

/**
 * Row heights for wrapped text. Neither Excel nor LibreOffice fits a row to its text when a library
 * wrote the file (and Office.js sets no height by itself), so a long indicator name in a 48-character
 * column would overlap the next row. The height is computed from the text's length and the column's
 * width, for the font the cell is shown in, erring on the tall side.
 */

/** Pixels of a column `characters` wide (Excel: 7 px a character of the default font, + 5 of padding). */
function columnPixels(characters: number): number {
  return characters * 7 + 5;
}

/**
 * Average width of a character of Vietnamese text in Times New Roman, in pixels at 12 pt, with room
 * for the space lost at the end of wrapped lines (a word that does not fit starts the next line).
 */
const CHAR_PIXELS_12PT = 7.4;
/** Pixels an indent level takes (Excel: about three spaces). */
const INDENT_PIXELS = 9;
/** Points a line of text takes, per point of font size (Times New Roman 12 pt: 15.75 pt rows). */
const LINE_FACTOR = 1.3125;
const PADDING_POINTS = 3;

/** Lines `text` wraps into in a cell `widthChars` wide. */
export function wrappedLines(text: string, widthChars: number, look: CellLook, indent = 0): number {
  const charPixels = CHAR_PIXELS_12PT * (look.font.size / 12) * (look.font.bold ? 1.08 : 1);
  const usable = Math.max(1, columnPixels(widthChars) - 6 - indent * INDENT_PIXELS);
  const perLine = Math.max(1, Math.floor(usable / charPixels));
  let lines = 0;
  // Each paragraph wraps on its own; words longer than a line break where they must.
  for (const paragraph of text.split("\n")) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const need = line === 0 ? word.length : line + 1 + word.length;
      if (need <= perLine) {
        line = need;
        continue;
      }
      if (line > 0) lines++;
      line = word.length;
      while (line > perLine) {
        lines++;
        line -= perLine;
      }
    }
  }
  return Math.max(1, lines);
}

/** Height in points of `lines` lines in that look. */
export function linesHeight(lines: number, look: CellLook): number {
  return Math.ceil((lines * look.font.size * LINE_FACTOR + PADDING_POINTS) * 4) / 4;
}

/**
 * The height each row needs for its wrapped cells (merged cells measured over their whole width;
 * cells merged over several rows are left to the rows' own heights), at least `minimum` where given.
 * Rows that fit in one line of the default height are not listed.
 */
export function wrappedRowHeights(
  cells: readonly LayoutCell[],
  merges: readonly Merge[],
  columnWidths: readonly number[],
  minimum: ReadonlyMap<number, number> = new Map()
): Array<{ readonly row: number; readonly height: number }> {
  const widthOf = new Map<string, number>();
  const tall = new Set<string>();
  for (const m of merges) {
    const key = `${m.from.row}:${m.from.col}`;
    if (m.to.row !== m.from.row) {
      tall.add(key);
      continue;
    }
    let w = 0;
    for (let c = m.from.col; c <= m.to.col; c++) w += columnWidths[c] ?? 12;
    widthOf.set(key, w);
  }
  const heights = new Map<number, number>(minimum);
  for (const cell of cells) {
    const look = CELL_LOOKS[cell.style];
    const text = typeof cell.value === "string" ? cell.value : "";
    const key = `${cell.row}:${cell.col}`;
    if (!look.wrap || !text || tall.has(key)) continue;
    const width = widthOf.get(key) ?? columnWidths[cell.col] ?? 12;
    const lines = wrappedLines(text, width, look, cell.indent ?? 0);
    if (lines < 2) continue;
    const h = linesHeight(lines, look);
    if (h > (heights.get(cell.row) ?? 0)) heights.set(cell.row, h);
  }
  return [...heights].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height }));
}

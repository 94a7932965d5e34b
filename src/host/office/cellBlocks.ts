/**
 * Groups single cells into rectangular blocks, so a plan of thousands of cells becomes a few range
 * writes (one per block), and splits blocks into batches that stay under Excel on the web's 5 MB
 * request cap. Pure: no Office.js here, so it is tested on its own.
 */

export interface BlockCell<T> {
  readonly row: number;
  readonly col: number;
  readonly item: T;
}

/** A rectangle of cells, every one of them present: items[r][c] is the cell at (row + r, col + c). */
export interface Block<T> {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
  readonly items: readonly (readonly T[])[];
}

/**
 * Rectangles covering exactly the given cells. Cells in one block share the same `kind` (e.g. "writes a
 * number format" or not), so each block is written with the same calls. Runs of adjacent columns in a
 * row are found first, then runs spanning the same columns in consecutive rows are stacked.
 */
export function groupBlocks<T>(
  cells: readonly BlockCell<T>[],
  kind: (item: T) => string = () => ""
): Block<T>[] {
  // The same cell twice keeps the last one, as a write plan would.
  const unique = new Map<number, BlockCell<T>>();
  for (const cell of cells) unique.set(cell.row * 16_384 + cell.col, cell);
  const sorted = [...unique.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  interface Open {
    row: number;
    col: number;
    cols: number;
    last: number;
    items: T[][];
  }
  const done: Open[] = [];
  let open = new Map<string, Open>();
  let i = 0;
  while (i < sorted.length) {
    const row = sorted[i].row;
    const next = new Map<string, Open>();
    while (i < sorted.length && sorted[i].row === row) {
      const start = sorted[i];
      const k0 = kind(start.item);
      const run: T[] = [start.item];
      let j = i + 1;
      while (
        j < sorted.length &&
        sorted[j].row === row &&
        sorted[j].col === sorted[j - 1].col + 1 &&
        kind(sorted[j].item) === k0
      ) {
        run.push(sorted[j].item);
        j++;
      }
      const key = `${start.col}:${run.length}:${k0}`;
      const above = open.get(key);
      if (above && above.last === row - 1) {
        above.items.push(run);
        above.last = row;
        open.delete(key);
        next.set(key, above);
      } else next.set(key, { row, col: start.col, cols: run.length, last: row, items: [run] });
      i = j;
    }
    for (const b of open.values()) done.push(b);
    open = next;
  }
  for (const b of open.values()) done.push(b);
  return done
    .map((b) => ({ row: b.row, col: b.col, rows: b.items.length, cols: b.cols, items: b.items }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Excel on the web refuses a request (or a response) above 5 MB. */
export const PAYLOAD_CAP = 5 * 1024 * 1024;
/** What we allow ourselves per batch: a margin for what our estimate does not count. */
export const PAYLOAD_BUDGET = Math.floor(PAYLOAD_CAP * 0.8);
/** Bytes one block costs beyond its data: its object paths and actions in the request's JSON. */
export const BLOCK_OVERHEAD = 400;

/**
 * Splits blocks into batches whose estimated size stays within the budget; a block larger than the
 * budget alone is cut into row bands first. With everything small there is exactly one batch.
 */
export function batchBlocks<T>(
  blocks: readonly Block<T>[],
  size: (block: Block<T>) => number,
  budget = PAYLOAD_BUDGET
): Block<T>[][] {
  const pieces: Block<T>[] = [];
  for (const b of blocks) {
    const s = size(b);
    if (s <= budget || b.rows === 1) {
      pieces.push(b);
      continue;
    }
    const bands = Math.ceil(s / budget);
    const rowsPer = Math.max(1, Math.floor(b.rows / bands));
    for (let r = 0; r < b.rows; r += rowsPer) {
      const items = b.items.slice(r, r + rowsPer);
      pieces.push({ row: b.row + r, col: b.col, rows: items.length, cols: b.cols, items });
    }
  }
  const batches: Block<T>[][] = [];
  let current: Block<T>[] = [];
  let used = 0;
  for (const p of pieces) {
    const s = size(p);
    if (current.length && used + s > budget) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(p);
    used += s;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Bytes a value takes in the request's JSON. */
export function jsonBytes(v: unknown): number {
  if (typeof v === "string") {
    let n = 2;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      n += c < 0x80 ? (c === 34 || c === 92 ? 2 : 1) : c < 0x800 ? 2 : 3;
    }
    return n;
  }
  if (typeof v === "number") return String(v).length;
  if (typeof v === "boolean") return v ? 4 : 5;
  return 4;
}

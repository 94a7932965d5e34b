import { fromA1, toA1 } from "./address";
import { SheetSnapshot } from "./snapshot";

const TALL = 1024;

/** One merged range of a sheet, 0-based and inclusive: its value lives in (r0, c0). */
export interface MergedArea {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
  /** "D20:M20" */
  readonly address: string;
}

/**
 * The merged ranges of a snapshot, to ask which merge covers a cell. Read once per snapshot. A range
 * the host wrote in a form we do not read ("Sheet1!D20:M20" is read; a name is not) is left out.
 */
export class MergedAreas {
  private static readonly cache = new WeakMap<SheetSnapshot, MergedAreas>();
  /** Index in `areas` of the merge covering each cell, by row then column; only rows with merges. */
  private readonly byRow = new Map<number, Array<{ c0: number; c1: number; area: MergedArea }>>();
  /**
   * Merges of more than TALL rows, searched one by one instead: a merge given to whole columns
   * (X1:Z1048576) would cost a million rows of index (2 s and 480 MB for four such merges).
   */
  private readonly tall: MergedArea[] = [];

  private constructor(readonly areas: readonly MergedArea[]) {
    for (const area of areas) {
      if (area.r1 - area.r0 >= TALL) {
        this.tall.push(area);
        continue;
      }
      for (let r = area.r0; r <= area.r1; r++) {
        let list = this.byRow.get(r);
        if (!list) this.byRow.set(r, (list = []));
        list.push({ c0: area.c0, c1: area.c1, area });
      }
    }
  }

  static of(sheet: SheetSnapshot): MergedAreas {
    let m = MergedAreas.cache.get(sheet);
    if (!m) {
      const areas = (sheet.merges ?? []).flatMap((a) => {
        const area = parseRange(a);
        // A single cell "merged" with itself changes nothing.
        return area && (area.r1 > area.r0 || area.c1 > area.c0) ? [area] : [];
      });
      m = new MergedAreas(areas);
      MergedAreas.cache.set(sheet, m);
    }
    return m;
  }

  get size(): number {
    return this.areas.length;
  }

  /** The merge covering (row, col), if any. */
  at(row: number, col: number): MergedArea | undefined {
    if (!this.areas.length) return undefined;
    const list = this.byRow.get(row);
    if (list) for (const m of list) if (col >= m.c0 && col <= m.c1) return m.area;
    for (const m of this.tall)
      if (row >= m.r0 && row <= m.r1 && col >= m.c0 && col <= m.c1) return m;
    return undefined;
  }

  /** Whether (row, col) is inside a merge but not its top-left cell: it shows the merge's value, not its own. */
  covered(row: number, col: number): MergedArea | undefined {
    const m = this.at(row, col);
    return m && (m.r0 !== row || m.c0 !== col) ? m : undefined;
  }
}

/** "D20:M20", "$D$20:$M$20" or "Sheet1!D20:M20" as a MergedArea; undefined when not a range of cells. */
export function parseRange(text: string): MergedArea | undefined {
  const bang = text.lastIndexOf("!");
  const plain = (bang >= 0 ? text.slice(bang + 1) : text).trim();
  const [a, b = a] = plain.split(":");
  try {
    const p = fromA1(a);
    const q = fromA1(b);
    const [r0, r1] = [Math.min(p.row, q.row), Math.max(p.row, q.row)];
    const [c0, c1] = [Math.min(p.col, q.col), Math.max(p.col, q.col)];
    return { r0, c0, r1, c1, address: `${toA1(r0, c0)}:${toA1(r1, c1)}` };
  } catch {
    return undefined;
  }
}

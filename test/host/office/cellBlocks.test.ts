import fc from "fast-check";
import { batchBlocks, Block, groupBlocks, jsonBytes } from "../../../src/host/office/cellBlocks";

const key = (r: number, c: number) => `${r},${c}`;

function cellsOfBlocks<T>(blocks: readonly Block<T>[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const b of blocks)
    b.items.forEach((row, r) =>
      row.forEach((item, c) => {
        const k = key(b.row + r, b.col + c);
        if (out.has(k)) throw new Error(`cell ${k} in two blocks`);
        out.set(k, item);
      })
    );
  return out;
}

describe("groupBlocks", () => {
  it("makes one block of a filled rectangle and separates what a gap or a kind splits", () => {
    const cells = [];
    for (let r = 10; r < 20; r++)
      for (const c of [7, 8, 10]) cells.push({ row: r, col: c, item: `${r}:${c}` });
    // Row 15 is a section row: nothing written there.
    const written = cells.filter((x) => x.row !== 15);
    const blocks = groupBlocks(written);
    expect(blocks.map((b) => [b.row, b.col, b.rows, b.cols])).toEqual([
      [10, 7, 5, 2],
      [10, 10, 5, 1],
      [16, 7, 4, 2],
      [16, 10, 4, 1],
    ]);
    expect(blocks[0].items[1][1]).toBe("11:8");
    const byKind = groupBlocks(written, (item) => (item.endsWith(":8") ? "a" : "b"));
    expect(byKind.length).toBe(6);
  });

  it("covers exactly the given cells, each once, with their own items (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ row: fc.nat(30), col: fc.nat(8), k: fc.constantFrom("x", "y") }), {
          maxLength: 150,
        }),
        (raw) => {
          const last = new Map<string, string>();
          const cells = raw.map((x, i) => {
            last.set(key(x.row, x.col), `${x.k}${i}`);
            return { row: x.row, col: x.col, item: `${x.k}${i}` };
          });
          const blocks = groupBlocks(cells, (item) => item[0]);
          const covered = cellsOfBlocks(blocks);
          expect(covered).toEqual(last);
          for (const b of blocks) {
            const kinds = new Set(b.items.flat().map((i) => i[0]));
            expect(kinds.size).toBe(1);
          }
        }
      )
    );
  });
});

describe("batchBlocks", () => {
  const block = (row: number, rows: number): Block<string> => ({
    row,
    col: 0,
    rows,
    cols: 1,
    items: Array.from({ length: rows }, () => ["x".repeat(98)]),
  });
  const size = (b: Block<string>) => b.rows * 100;

  it("keeps everything in one batch when it fits", () => {
    expect(batchBlocks([block(0, 10), block(20, 10)], size, 10_000)).toHaveLength(1);
  });

  it("splits only past the budget, cutting an oversized block into row bands", () => {
    const batches = batchBlocks([block(0, 250), block(300, 10)], size, 10_000);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches)
      expect(batch.reduce((s, b) => s + size(b), 0)).toBeLessThanOrEqual(10_000);
    const rows = batches.flat().reduce((s, b) => s + b.rows, 0);
    expect(rows).toBe(260);
  });

  it("counts JSON bytes as the request carries them", () => {
    for (const v of ["", "abc", 'a"b', "Việt Nam", 12.5, true, false])
      expect(jsonBytes(v)).toBe(Buffer.byteLength(JSON.stringify(v), "utf8"));
  });
});

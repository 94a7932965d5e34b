import { formatNumber, SampleFigures, Template } from "../domain";

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Figures for every input cell of a template, the awkward ones included: blanks, zeros (denominators),
 * decimals, and plans written as targets ("trên 1.200", "từ 3,5 trở lên", "dưới 4").
 */
export function randomFigures(template: Template, year: number, seed: number): SampleFigures {
  const rnd = random(seed);
  const values: Record<string, Record<string, number | string>> = {};
  for (const ind of template.indicators) {
    const row: Record<string, number | string> = {};
    for (const col of template.columns) {
      if (col.role !== "input") continue;
      const p = rnd();
      if (p < 0.12) continue; // blank
      const figure =
        p < 0.18
          ? 0
          : ind.kind === "count"
            ? Math.floor(rnd() * 20000)
            : ind.kind === "amount"
              ? Math.round(rnd() * 1e8) / 100
              : ind.kind === "rate"
                ? Math.round(rnd() * 10000) / 100
                : Math.round((rnd() * 20 - 10) * 100) / 100;
      if (col.holdsTarget && rnd() < 0.3 && figure > 0) {
        const words = ["trên", "từ", "dưới", "khoảng"][Math.floor(rnd() * 4)];
        const text = formatNumber(figure, "vi-VN");
        row[col.id] = words === "từ" ? `từ ${text} trở lên` : `${words} ${text}`;
      } else row[col.id] = figure;
    }
    values[ind.code] = row;
  }
  return { templateId: template.id, year, values };
}

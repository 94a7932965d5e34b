/**
 * A plain-text table that wraps its widest columns to fit the terminal. Columns listed in `fixed`
 * (ids, cell addresses) are never wrapped.
 */
export function renderTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  width: number,
  fixed: readonly number[] = [0]
): string {
  const len = (s: string) => [...s.normalize("NFC")].length;
  const natural = header.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ""))));
  const gap = 2;
  const budget = Math.max(40, width) - gap * (header.length - 1);
  const widths = [...natural];
  // Shrink the widest column until the table fits (never below 12 characters).
  const shrinkable = widths.map((_, i) => i).filter((i) => !fixed.includes(i));
  while (shrinkable.length && widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = shrinkable.reduce((best, i) => (widths[i] > widths[best] ? i : best));
    if (widths[widest] <= 12) break;
    widths[widest]--;
  }
  const lines: string[] = [];
  const emit = (cells: readonly string[]) => {
    const wrapped = cells.map((c, i) => wrap(c ?? "", widths[i]));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) {
      lines.push(
        wrapped
          .map((w, i) => pad(w[k] ?? "", i === cells.length - 1 ? 0 : widths[i]))
          .join(" ".repeat(gap))
          .trimEnd()
      );
    }
  };
  emit(header);
  lines.push(widths.map((w) => "─".repeat(w)).join(" ".repeat(gap)));
  rows.forEach(emit);
  return lines.join("\n");

  function pad(s: string, w: number): string {
    return s + " ".repeat(Math.max(0, w - len(s)));
  }
  function wrap(text: string, w: number): string[] {
    const out: string[] = [];
    let line = "";
    for (const word of text.normalize("NFC").split(/\s+/)) {
      if (!word) continue;
      const candidate = line ? `${line} ${word}` : word;
      if (len(candidate) <= w) line = candidate;
      else {
        if (line) out.push(line);
        let rest = word;
        while (len(rest) > w) {
          out.push([...rest].slice(0, w).join(""));
          rest = [...rest].slice(w).join("");
        }
        line = rest;
      }
    }
    if (line || !out.length) out.push(line);
    return out;
  }
}

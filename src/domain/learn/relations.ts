import { formatNumber } from "../numbers/formatNumber";
import { fold } from "../text/fold";
import { Kind } from "./kinds";
import { LearnNote } from "./notes";
import { Figure, SheetRow } from "./sheetRows";

/**
 * Relations between rows from the figures of every filled column, labels as hints: children that
 * add up to their parent → sum ("gồm"); children each ≤ their parent → part of ("trong đó"); a rate
 * equal to count / count × 100 within the rounding of its decimals → ratio. A relation that holds in
 * some columns and nearly holds in another (a few per cent off) is a relation with a slip, which the
 * check then reports; only figures that contradict a relation in every column rule it out.
 */
export type LearnedRelation =
  | { readonly type: "sum"; readonly of: readonly number[] }
  | { readonly type: "partOf"; readonly of: number }
  | { readonly type: "ratio"; readonly numerator: number; readonly denominator: number };

export interface RowFacts extends SheetRow {
  readonly kind: Kind;
}

export interface LearnedRelations {
  /** Per row (index in rows), its relations, with row indices for codes. */
  readonly relations: ReadonlyArray<readonly LearnedRelation[]>;
  /** Evidence and questions, with the row index they are about (codes are given later). */
  readonly notes: ReadonlyArray<{ readonly row: number; readonly note: Omit<LearnNote, "code"> }>;
}

/** "A few per cent": how far a total may be off its parts and still be a relation with a slip. */
const NEAR = 0.05;
/** Without any column where it holds, a slip is believed only this close (and asked about). */
const CLOSE = 0.01;

type Verdict = "holds" | "near" | "off";

interface Tally {
  readonly holds: string[];
  readonly near: string[];
  readonly off: string[];
}

const vi = (v: number, d?: number) => formatNumber(v, "vi-VN", d);
const en = (v: number, d?: number) => formatNumber(v, "en-US", d);

/** Half a unit in the last place written: 0,5 for 12, 0,005 for 68,51. */
const HALVES = [0.5, 0.05, 0.005, 0.0005, 0.00005, 0.000005, 0.0000005];
function half(f: Figure): number {
  return HALVES[f.decimals] ?? 0.5 * 10 ** -f.decimals;
}

function verdict(diff: number, tol: number, base: number, near = NEAR): Verdict {
  const d = Math.abs(diff);
  if (d <= tol + 1e-9) return "holds";
  return d <= near * Math.max(Math.abs(base), 1) ? "near" : "off";
}

export function learnRelations(
  rows: readonly RowFacts[],
  columnNames: readonly string[]
): LearnedRelations {
  const relations: LearnedRelation[][] = rows.map(() => []);
  const notes: Array<{ row: number; note: Omit<LearnNote, "code"> }> = [];
  const add = (row: number, kind: LearnNote["kind"], v: string, e: string) =>
    notes.push({ row, note: { kind, field: "relation", vi: v, en: e } });
  const summable = (r: RowFacts) => r.kind === "count" || r.kind === "amount";
  const children = rows.map((): number[] => []);
  rows.forEach((r, i) => {
    if (r.parent !== undefined) children[r.parent].push(i);
  });
  const nCols = columnNames.length;

  rows.forEach((parent, p) => {
    const kids = children[p].filter(
      (k) => summable(rows[k]) && summable(parent) && rows[k].unit === parent.unit
    );
    if (!kids.length) return;
    // The parts of a full breakdown: the children but those named "Trong đó: …" themselves.
    const parts = kids.filter((k) => !rows[k].inlineOfWhich);
    let summed: number[] = [];
    if (parts.length >= 2) {
      const tally: Tally = { holds: [], near: [], off: [] };
      const texts: Array<{ vi: string; en: string; v: Verdict; col: string }> = [];
      for (let c = 0; c < nCols; c++) {
        const total = parent.figures[c];
        const figs = parts.map((k) => rows[k].figures[c]);
        if (!total || figs.some((f) => !f)) continue;
        const fs = figs as Figure[];
        const sum = fs.reduce((s, f) => s + f.value, 0);
        const tol = half(total) + fs.reduce((s, f) => s + half(f), 0);
        const v = verdict(sum - total.value, tol, total.value);
        tally[v].push(columnNames[c]);
        const d = Math.max(total.decimals, ...fs.map((f) => f.decimals));
        texts.push({
          v,
          col: columnNames[c],
          vi:
            v === "holds"
              ? `đúng ở cột ${columnNames[c]}: ${vi(total.value, d)} = ${fs.map((f) => vi(f.value, d)).join(" + ")}`
              : `lệch ${vi(Math.abs(sum - total.value), d)} ở cột ${columnNames[c]} (${vi(total.value, d)} ≠ ${fs.map((f) => vi(f.value, d)).join(" + ")} = ${vi(sum, d)})`,
          en:
            v === "holds"
              ? `holds in column ${columnNames[c]}: ${en(total.value, d)} = ${fs.map((f) => en(f.value, d)).join(" + ")}`
              : `off by ${en(Math.abs(sum - total.value), d)} in column ${columnNames[c]} (${en(total.value, d)} ≠ ${fs.map((f) => en(f.value, d)).join(" + ")} = ${en(sum, d)})`,
        });
      }
      const h = tally.holds.length;
      const checked = h + tally.near.length + tally.off.length;
      const close =
        h === 0 &&
        tally.off.length === 0 &&
        tally.near.length > 0 &&
        texts.every((t) => {
          const c = columnNames.indexOf(t.col);
          const total = parent.figures[c] as Figure;
          const sum = parts.reduce((s, k) => s + (rows[k].figures[c] as Figure).value, 0);
          return Math.abs(sum - total.value) <= CLOSE * Math.max(Math.abs(total.value), 1);
        });
      const isSum =
        (h >= 1 && (tally.off.length === 0 || h >= 2)) ||
        close ||
        (checked === 0 &&
          parent.introducedBy !== "trong-do" &&
          rows[parts[0]].introducedBy === "gom");
      if (isSum) {
        summed = parts;
        relations[p].push({ type: "sum", of: parts });
        const said = texts.length
          ? { vi: texts.map((t) => t.vi).join("; "), en: texts.map((t) => t.en).join("; ") }
          : {
              vi: 'dòng "Gồm:" giới thiệu các dòng con (chưa có số liệu để đối chiếu)',
              en: 'a "Gồm:" line introduces the rows (no figures to compare)',
            };
        const label =
          rows[parts[0]].introducedBy === "trong-do"
            ? {
                vi: ' (biểu ghi "Trong đó" nhưng các số cộng lại đủ)',
                en: ' (the sheet says "Trong đó" but the figures add up)',
              }
            : { vi: "", en: "" };
        add(
          p,
          "evidence",
          `các dòng con cộng lại bằng dòng này${label.vi}: ${said.vi}`,
          `the rows under it add up to it${label.en}: ${said.en}`
        );
        if (close || tally.near.length + tally.off.length > 0)
          add(
            p,
            close ? "question" : "evidence",
            `coi là tổng có sai sót ở cột ${[...tally.near, ...tally.off].join(", ")}; kiểm tra sẽ báo chỗ lệch`,
            `taken as a sum with a slip in column ${[...tally.near, ...tally.off].join(", ")}; the check will report it`
          );
        if (checked === 0)
          add(
            p,
            "question",
            'chưa có số liệu: tổng theo chữ "Gồm", cần xác nhận',
            'no figures: a sum because of "Gồm", to be confirmed'
          );
      } else if (checked > 0) {
        add(
          p,
          "evidence",
          `các dòng con không cộng lại bằng dòng này: ${texts.map((t) => t.vi).join("; ")}`,
          `the rows under it do not add up to it: ${texts.map((t) => t.en).join("; ")}`
        );
      }
    }
    for (const k of kids) {
      if (summed.includes(k)) continue;
      let ok = 0;
      const over: string[] = [];
      for (let c = 0; c < nCols; c++) {
        const total = parent.figures[c];
        const part = rows[k].figures[c];
        if (!total || !part) continue;
        if (part.value <= total.value + half(total) + half(part) + 1e-9) ok++;
        else over.push(`${columnNames[c]} (${vi(part.value)} > ${vi(total.value)})`);
      }
      if (ok === 0 && over.length > 0) {
        add(
          k,
          "evidence",
          `không phải phần của dòng trên: lớn hơn ở mọi cột ${over.join(", ")}`,
          `not a part of the row above: larger in every column ${over.join(", ")}`
        );
        continue;
      }
      relations[k].push({ type: "partOf", of: p });
      add(
        k,
        ok || over.length ? "evidence" : "question",
        ok || over.length
          ? `là một phần của dòng trên (không lớn hơn ở ${ok} cột${over.length ? `; lớn hơn ở cột ${over.join(", ")}: kiểm tra sẽ báo` : ""})`
          : "là một phần của dòng trên theo cách đánh số (chưa có số liệu để đối chiếu)",
        ok || over.length
          ? `a part of the row above (not larger in ${ok} column${ok === 1 ? "" : "s"}${over.length ? `; larger in ${over.join(", ")}: the check will report it` : ""})`
          : "a part of the row above by its numbering (no figures to compare)"
      );
    }
  });

  learnRatios(rows, columnNames, relations, add);
  return { relations, notes };
}

const STOP = new Set(["ty", "le", "so", "trong", "do", "tong", "cua", "va", "duoc", "cac", "%"]);

function wordsOf(name: string): Set<string> {
  return new Set(
    fold(name)
      .split(" ")
      .filter((w) => w && !STOP.has(w))
  );
}

function affinity(a: Set<string>, b: Set<string>): number {
  if (!a.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / a.size;
}

function learnRatios(
  rows: readonly RowFacts[],
  columnNames: readonly string[],
  relations: LearnedRelation[][],
  add: (row: number, kind: LearnNote["kind"], vi: string, en: string) => void
): void {
  const nCols = columnNames.length;
  const counts = rows
    .map((_r, i) => i)
    .filter((i) => rows[i].kind === "count" || rows[i].kind === "amount");
  const names = rows.map((r) => wordsOf(r.name));
  const totals = counts.filter((i) => /^tong so\b/.test(fold(rows[i].name)));
  const totalSet = new Set(totals);
  // Per column, the count rows by their figure, to find the denominators a rate and a numerator
  // call for (numerator / rate × 100, give or take a slip) without trying every pair.
  const sorted = Array.from({ length: nCols }, (_, c) =>
    counts
      .filter((i) => rows[i].figures[c] !== undefined)
      .map((i) => ({ i, v: (rows[i].figures[c] as Figure).value }))
      .sort((a, b) => a.v - b.v || a.i - b.i)
  );
  const within = (c: number, lo: number, hi: number): number[] => {
    const list = sorted[c];
    let a = 0;
    let b = list.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (list[m].v < lo) a = m + 1;
      else b = m;
    }
    const out: number[] = [];
    for (let k = a; k < list.length && list[k].v <= hi; k++) out.push(list[k].i);
    return out;
  };
  rows.forEach((rate, r) => {
    if (rate.kind !== "rate") return;
    // Numerators: the count rows near the rate first; those elsewhere whose names match it, after.
    const isClose = (i: number) => rows[i].section === rate.section && Math.abs(i - r) <= 12;
    const close = counts.filter(isClose);
    let farList: number[] | undefined;
    const far = () =>
      (farList ??= counts.filter((i) => !isClose(i) && affinity(names[r], names[i]) >= 0.6));
    const fits = (d: number) =>
      isClose(d) || totalSet.has(d) || affinity(names[r], names[d]) >= 0.6;
    const filled = rate.figures.some((f) => f !== undefined);
    let best: { n: number; d: number; holds: number; near: number; aff: number } | undefined;
    // First the pairs that give the rate exactly (within its rounding) in some column; only when
    // none does, the pairs a few per cent off whose names match (a slip in the only filled column).
    for (const pass of [0, 1, 2]) {
      if (best) break;
      const numerators = pass === 0 ? close : pass === 1 ? far() : [...close, ...far()];
      for (const n of numerators) {
        const affN = affinity(names[r], names[n]);
        if (pass === 2 && affN < 0.5) continue;
        // The denominators worth trying: those whose figure makes the rate, within a few per cent, in
        // some column; with no figures at all, the "Tổng số …" rows (names then decide).
        const dens = new Set<number>();
        if (filled) {
          for (let c = 0; c < nCols; c++) {
            const fr = rate.figures[c];
            const fn = rows[n].figures[c];
            if (!fr || !fn || fr.value <= 0) continue;
            const band = pass < 2 ? half(fr) + 1e-9 : NEAR * Math.max(fr.value, 1);
            const lo = (fn.value * 100) / (fr.value + band);
            const hi = fr.value - band > 0 ? (fn.value * 100) / (fr.value - band) : Infinity;
            for (const d of within(c, lo, hi)) if (fits(d)) dens.add(d);
          }
        } else if (pass < 2) for (const d of totals) dens.add(d);
        for (const d of dens) {
          if (d === n) continue;
          const { holds, near: nearC, off } = ratioTally(rate, rows[n], rows[d], nCols);
          const affD = affinity(names[d], names[r]) > 0 ? 1 : 0;
          const aff = affN + 0.25 * affD;
          const checked = holds + nearC + off;
          const accepted =
            (holds >= 2 && holds >= off) ||
            (holds >= 1 && off === 0 && (checked >= 2 || affN >= 0.5)) ||
            (holds === 0 && off === 0 && nearC >= 1 && affN >= 0.5 && affD > 0) ||
            (checked === 0 && affN >= 0.6 && totalSet.has(d));
          if (!accepted) continue;
          const better =
            !best ||
            holds > best.holds ||
            (holds === best.holds &&
              (aff > best.aff ||
                (aff === best.aff &&
                  (nearC > best.near ||
                    (nearC === best.near &&
                      n * rows.length + d < best.n * rows.length + best.d)))));
          if (better) best = { n, d, holds, near: nearC, aff };
        }
      }
    }
    if (!best) return;
    relations[r].push({ type: "ratio", numerator: best.n, denominator: best.d });
    const texts = ratioTexts(rate, rows[best.n], rows[best.d], columnNames);
    const head = {
      vi: `tỷ lệ = "${rows[best.n].name}" / "${rows[best.d].name}" × 100`,
      en: `rate = "${rows[best.n].name}" / "${rows[best.d].name}" × 100`,
    };
    add(
      r,
      best.holds > 0 ? "evidence" : "question",
      `${head.vi}: ${texts.length ? texts.map((t) => t.vi).join("; ") : "theo tên các dòng (chưa có số liệu)"}`,
      `${head.en}: ${texts.length ? texts.map((t) => t.en).join("; ") : "from the rows' names (no figures yet)"}`
    );
  });
}

function ratioVerdicts(
  rate: RowFacts,
  n: RowFacts,
  d: RowFacts,
  nCols: number,
  each: (c: number, v: Verdict, computed: number, fr: Figure, fn: Figure, fd: Figure) => void
): void {
  for (let c = 0; c < nCols; c++) {
    const fr = rate.figures[c];
    const fn = n.figures[c];
    const fd = d.figures[c];
    if (!fr || !fn || !fd || fd.value === 0) continue;
    const computed = (fn.value / fd.value) * 100;
    each(c, verdict(computed - fr.value, half(fr), fr.value), computed, fr, fn, fd);
  }
}

function ratioTally(rate: RowFacts, n: RowFacts, d: RowFacts, nCols: number) {
  const t = { holds: 0, near: 0, off: 0 };
  ratioVerdicts(rate, n, d, nCols, (_c, v) => t[v === "holds" ? "holds" : v]++);
  return t;
}

function ratioTexts(
  rate: RowFacts,
  n: RowFacts,
  d: RowFacts,
  columnNames: readonly string[]
): Array<{ vi: string; en: string }> {
  const texts: Array<{ vi: string; en: string }> = [];
  ratioVerdicts(rate, n, d, columnNames.length, (c, v, computed, fr, fn, fd) => {
    const shown = Math.max(fr.decimals, 2);
    texts.push(
      v === "holds"
        ? {
            vi: `đúng ở cột ${columnNames[c]}: ${vi(fn.value)} / ${vi(fd.value)} × 100 = ${vi(computed, shown + 1)} ≈ ${vi(fr.value, fr.decimals)}`,
            en: `holds in column ${columnNames[c]}: ${en(fn.value)} / ${en(fd.value)} × 100 = ${en(computed, shown + 1)} ≈ ${en(fr.value, fr.decimals)}`,
          }
        : {
            vi: `lệch ở cột ${columnNames[c]}: ${vi(fn.value)} / ${vi(fd.value)} × 100 = ${vi(computed, shown)}, biểu ghi ${vi(fr.value, fr.decimals)}`,
            en: `off in column ${columnNames[c]}: ${en(fn.value)} / ${en(fd.value)} × 100 = ${en(computed, shown)}, the sheet says ${en(fr.value, fr.decimals)}`,
          }
    );
  });
  return texts;
}

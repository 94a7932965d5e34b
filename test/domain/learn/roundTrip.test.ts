import fc from "fast-check";
import {
  analyzeSheet,
  buildAnnexLayout,
  layoutSnapshot,
  loadTemplate,
  SheetSnapshot,
  SnapshotEditor,
  Template,
  toA1,
} from "../../../src/domain";
import { learnTemplate } from "../../../src/domain/learn";
import type { Indicator, TemplateInput } from "../../../src/domain/template/schema";

/**
 * Issue #20, the round trip: random templates (rows, kinds, sums, parts, ratios, sections, periods)
 * rendered by the project's own sheet writer (the layout `annex new` writes), filled with consistent
 * random figures in three columns, without `_annex`, the codes rewritten the way officers write them
 * (numbering again from 1 in each section, children as -, +, a, b or 1.1) — learning gives back an
 * equivalent template: the same rows, kinds and relations, every guess flagged. Then one figure is
 * made a slip: learning still gives the same template, and the check reports the slip.
 */

type Block =
  | { type: "plain"; unit: string }
  | { type: "sum"; unit: string; parts: number }
  | { type: "part"; unit: string; parts: number }
  | { type: "ratio" };

const UNITS = ["người", "hộ", "xã", "lượt", "triệu đồng"];
const ROMAN = ["I", "II", "III", "IV"];

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant("plain" as const), unit: fc.constantFrom(...UNITS) }),
  fc.record({
    type: fc.constant("sum" as const),
    unit: fc.constantFrom(...UNITS),
    parts: fc.integer({ min: 2, max: 4 }),
  }),
  fc.record({
    type: fc.constant("part" as const),
    unit: fc.constantFrom(...UNITS),
    parts: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ type: fc.constant("ratio" as const) })
);

const shape = fc.record({
  sections: fc.array(fc.array(block, { minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 3,
  }),
  quarterly: fc.boolean(),
  childStyle: fc.constantFrom("-", "+", "alpha", "dotted"),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

const COLUMNS_ANNUAL = [
  {
    id: "th",
    role: "input",
    header: { vi: "TH năm {Y-1}", en: "Actual {Y-1}" },
    number: "1",
    period: "actual",
    yearOffset: -1,
  },
  {
    id: "kh",
    role: "input",
    header: { vi: "KH năm {Y}", en: "Plan {Y}" },
    number: "2",
    period: "plan",
    yearOffset: 0,
    holdsTarget: true,
  },
  {
    id: "uth",
    role: "input",
    header: { vi: "Ước TH năm {Y}", en: "Estimate {Y}" },
    number: "3",
    period: "estimate",
    yearOffset: 0,
  },
  {
    id: "pct",
    role: "derived",
    header: { vi: "ƯTH/KH", en: "Est./plan" },
    group: { vi: "So sánh (%)", en: "Comparison (%)" },
    number: "4=3/2",
    purpose: "percentOfPlan",
    numerator: "uth",
    denominator: "kh",
  },
  {
    id: "yoy",
    role: "derived",
    header: { vi: "ƯTH/TH", en: "Est./actual" },
    group: { vi: "So sánh (%)", en: "Comparison (%)" },
    number: "5=3/1",
    purpose: "yearOverYear",
    numerator: "uth",
    denominator: "th",
  },
];
const COLUMNS_QUARTERLY = [
  {
    id: "th",
    role: "input",
    header: { vi: "TH quý I năm {Y-1}", en: "Actual Q1 {Y-1}" },
    number: "1",
    period: "actual",
    yearOffset: -1,
    months: 3,
  },
  {
    id: "kh",
    role: "input",
    header: { vi: "KH năm {Y}", en: "Plan {Y}" },
    number: "2",
    period: "plan",
    yearOffset: 0,
    holdsTarget: true,
  },
  {
    id: "uth",
    role: "input",
    header: { vi: "Ước TH quý I năm {Y}", en: "Estimate Q1 {Y}" },
    number: "3",
    period: "estimate",
    yearOffset: 0,
    months: 3,
  },
  {
    id: "yoy",
    role: "derived",
    header: { vi: "So với cùng kỳ", en: "Versus Q1 {Y-1}" },
    group: { vi: "So sánh (%)", en: "Comparison (%)" },
    number: "4=3/1",
    purpose: "yearOverYear",
    numerator: "uth",
    denominator: "th",
  },
];

/** A small deterministic generator of figures, from the case's seed. */
function random(seed: number): (min: number, max: number) => number {
  let s = seed >>> 0;
  return (min, max) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return min + (s % (max - min + 1));
  };
}

interface Case {
  readonly template: Template;
  /** Indicator code → the code an officer writes in STT. */
  readonly written: ReadonlyMap<string, string>;
  readonly figures: ReadonlyMap<string, readonly number[]>;
}

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function makeCase(s: Shape): Case {
  const rnd = random(s.seed);
  const indicators: Array<
    Omit<Indicator, "aliases" | "unitAliases" | "required" | "level" | "relations"> &
      Partial<Indicator>
  > = [];
  const written = new Map<string, string>();
  const figures = new Map<string, number[]>();
  const cols = 3;
  let n = 0;
  let k = 0;
  const base = {
    direction: "neutral" as const,
    nature: "stock" as const,
    aliases: [],
    unitAliases: [],
    required: false,
  };
  s.sections.forEach((blocks, si) => {
    const section = ROMAN[si];
    let local = 0;
    for (const b of blocks) {
      const code = String(++n);
      const shown = `${++local}`;
      k++;
      const kindOf = (unit: string) =>
        (unit === "triệu đồng" ? "amount" : "count") as Indicator["kind"];
      if (b.type === "plain") {
        indicators.push({
          ...base,
          code,
          section,
          name: { vi: `Chỉ tiêu khối ${k}`, en: `Block ${k}` },
          unit: b.unit,
          kind: kindOf(b.unit),
          level: 0,
          relations: [],
        });
        written.set(code, shown);
        figures.set(
          code,
          Array.from({ length: cols }, () => rnd(1, 90000))
        );
      } else if (b.type === "sum" || b.type === "part") {
        const children = Array.from({ length: b.parts }, (_, j) => `${code}.${j + 1}`);
        const parentFigures: number[] = [];
        const childFigures = children.map((): number[] => []);
        for (let c = 0; c < cols; c++) {
          if (b.type === "sum") {
            const parts = children.map(() => rnd(1, 5000));
            parts.forEach((p, j) => childFigures[j].push(p));
            parentFigures.push(parts.reduce((a, x) => a + x, 0));
          } else {
            const total = rnd(1000, 90000);
            parentFigures.push(total);
            children.forEach((_, j) =>
              childFigures[j].push(Math.floor((total * rnd(5, 45)) / 100))
            );
          }
        }
        indicators.push({
          ...base,
          code,
          section,
          name: { vi: `Tổng khối ${k}`, en: `Total ${k}` },
          unit: b.unit,
          kind: kindOf(b.unit),
          level: 0,
          relations: b.type === "sum" ? [{ type: "sum", of: children }] : [],
        });
        written.set(code, shown);
        figures.set(code, parentFigures);
        children.forEach((child, j) => {
          const prefix = b.type === "part" ? "Trong đó: " : "";
          indicators.push({
            ...base,
            code: child,
            section,
            name: { vi: `${prefix}Phần ${j + 1} của khối ${k}`, en: `Part ${j + 1} of ${k}` },
            unit: b.unit,
            kind: kindOf(b.unit),
            level: 1,
            relations: b.type === "part" ? [{ type: "partOf", of: code }] : [],
          });
          written.set(
            child,
            s.childStyle === "alpha"
              ? "abcd"[j]
              : s.childStyle === "dotted"
                ? `${shown}.${j + 1}`
                : s.childStyle
          );
          figures.set(child, childFigures[j]);
        });
      } else {
        // count / count × 100: "Tỷ lệ đơn vị khối k hoàn thành" over "Tổng số đơn vị khối k".
        const [den, num, rate] = [code, String(++n), String(++n)];
        const dens: number[] = [];
        const nums: number[] = [];
        for (let c = 0; c < cols; c++) {
          const d = rnd(50, 2000);
          dens.push(d);
          nums.push(rnd(1, d));
        }
        indicators.push(
          {
            ...base,
            code: den,
            section,
            name: { vi: `Tổng số đơn vị khối ${k}`, en: `Units ${k}` },
            unit: "đơn vị",
            kind: "count",
            level: 0,
            relations: [],
          },
          {
            ...base,
            code: num,
            section,
            name: { vi: `Số đơn vị khối ${k} hoàn thành`, en: `Done ${k}` },
            unit: "đơn vị",
            kind: "count",
            level: 0,
            relations: [],
          },
          {
            ...base,
            code: rate,
            section,
            name: { vi: `Tỷ lệ đơn vị khối ${k} hoàn thành`, en: `Rate ${k}` },
            unit: "%",
            kind: "rate",
            level: 0,
            relations: [{ type: "ratio", numerator: num, denominator: den, scale: 100 }],
          }
        );
        written.set(den, shown);
        written.set(num, `${++local}`);
        written.set(rate, `${++local}`);
        figures.set(den, dens);
        figures.set(num, nums);
        figures.set(
          rate,
          nums.map((x, c) => Math.round((x / dens[c]) * 10000) / 100)
        );
      }
    }
  });
  const data: TemplateInput = {
    id: "ngau-nhien",
    version: "1.0.0",
    form: "Biểu số 09",
    title: { vi: "BIỂU CHỈ TIÊU NĂM {Y}", en: "INDICATORS {Y}" },
    yearMeaning: { vi: "năm Y", en: "year Y" },
    columns: [
      { id: "code", role: "code", header: { vi: "STT", en: "No." }, number: "A" },
      { id: "name", role: "name", header: { vi: "Chỉ tiêu", en: "Indicator" }, number: "B" },
      { id: "unit", role: "unit", header: { vi: "ĐVT", en: "Unit" }, number: "C" },
      ...(s.quarterly ? COLUMNS_QUARTERLY : COLUMNS_ANNUAL),
      { id: "note", role: "note", header: { vi: "Ghi chú", en: "Note" }, number: "" },
    ] as TemplateInput["columns"],
    sections: s.sections.map((_, i) => ({
      code: ROMAN[i],
      name: { vi: `LĨNH VỰC THỨ ${i + 1}`, en: `FIELD ${i + 1}` },
    })),
    indicators: indicators as TemplateInput["indicators"],
  };
  return { template: loadTemplate(data), written, figures };
}

const INPUTS = ["th", "kh", "uth"];

/** The sheet `annex new` writes, filled, without `_annex`, with the codes an officer would write. */
function officerSheet(c: Case): SheetSnapshot {
  const layout = buildAnnexLayout(c.template, {
    year: 2024,
    authority: "UBND tỉnh Lạng Sơn",
    unitName: "Sở Nội vụ",
  });
  const bare = layoutSnapshot(layout, false);
  const edit = new SnapshotEditor({
    ...bare,
    merges: layout.merges.map((m) => `${toA1(m.from.row, m.from.col)}:${toA1(m.to.row, m.to.col)}`),
  });
  const colOf = (id: string) => c.template.columns.findIndex((x) => x.id === id);
  for (const ind of c.template.indicators) {
    const row = layout.rowOf.get(ind.code)!;
    edit.set(row, colOf("code"), c.written.get(ind.code)!);
    c.figures
      .get(ind.code)!
      .forEach((v, k) =>
        edit.set(row, colOf(INPUTS[k]), v, undefined, ind.kind === "rate" ? "0.00" : "#,##0")
      );
  }
  return edit.snapshot();
}

/** A template's rows as names: kind, level and relations by the names they point to. */
function byNames(t: Template): string[] {
  const name = new Map(t.indicators.map((i) => [i.code, i.name.vi]));
  return t.indicators.map((i) => {
    const rel = i.relations.map((r) =>
      r.type === "sum"
        ? `sum(${r.of.map((x) => name.get(x)).join(", ")})`
        : r.type === "partOf"
          ? `partOf(${name.get(r.of)})`
          : r.type === "ratio"
            ? `ratio(${name.get(r.numerator)} / ${name.get(r.denominator)})`
            : `reduction(${name.get(r.of)})`
    );
    return `${i.name.vi} | ${i.unit} | ${i.kind} | ${i.level} | ${rel.join("; ")}`;
  });
}

const RELATION_RULES = /^(?:sum|part|ratio)\./;

describe("learning back what annex new wrote and an officer filled", () => {
  test("gives an equivalent template, flags its guesses, and keeps a slip a slip", () => {
    fc.assert(
      fc.property(shape, (s) => {
        const c = makeCase(s);
        const sheet = officerSheet(c);
        const r = learnTemplate(sheet);
        if (!r.ok) throw new Error(r.vi);
        expect(byNames(r.template)).toEqual(byNames(c.template));
        expect(r.template.sections.map((x) => x.code)).toEqual(
          c.template.sections.map((x) => x.code)
        );
        // Directions were not in the names: each is a guess, and each guess is asked.
        for (const ind of r.template.indicators)
          expect(r.questions.some((q) => q.code === ind.code && q.field === "direction")).toBe(
            true
          );
        const clean = analyzeSheet(sheet, { locale: "vi-VN", templates: [r.template] });
        expect(clean.annex?.template.id).toBe(r.template.id);
        expect(clean.findings.filter((f) => RELATION_RULES.test(f.ruleId))).toEqual([]);
        expect(
          clean.findings.filter(
            (f) => f.ruleId.startsWith("row.") || f.ruleId.startsWith("header.")
          )
        ).toEqual([]);

        // One figure made a slip: a total (or a rate) a few per cent off in one column.
        const slipRow = c.template.indicators.find((i) =>
          i.relations.some((x) => x.type === "sum" || x.type === "ratio")
        );
        if (!slipRow) return;
        const col = s.seed % 3;
        const figures = new Map(c.figures);
        const old = figures.get(slipRow.code)!;
        const off =
          slipRow.kind === "rate"
            ? Math.round(old[col] * 103) / 100 + 0.5
            : old[col] + Math.max(1, Math.round(old[col] * 0.02));
        figures.set(
          slipRow.code,
          old.map((v, k) => (k === col ? off : v))
        );
        const slipped = officerSheet({ ...c, figures });
        const again = learnTemplate(slipped);
        if (!again.ok) throw new Error(again.vi);
        expect(byNames(again.template)).toEqual(byNames(c.template));
        const found = analyzeSheet(slipped, {
          locale: "vi-VN",
          templates: [again.template],
        }).findings.filter((f) => RELATION_RULES.test(f.ruleId));
        expect(found.length).toBeGreaterThan(0);
        expect(
          found.every(
            (f) =>
              f.indicatorCode ===
              again.template.indicators[c.template.indicators.indexOf(slipRow)].code
          )
        ).toBe(true);
      }),
      { numRuns: 40 }
    );
  });
});

import fc from "fast-check";
import {
  analyzeSheet,
  Analysis,
  applyPlan,
  buildAnnexLayout,
  builtInTemplates,
  CellValue,
  layoutSnapshot,
  planFixes,
  SheetSnapshot,
  SnapshotEditor,
  Template,
} from "../../src/domain";
import { fillSnapshot } from "../../src/domain/samples";
import { randomFigures } from "../../src/samples/randomFigures";
import { analyzeSheet as legacyAnalyzeSheet } from "./legacyEngine/analyze";

/**
 * The columnar engine (typed-array readings shared by every check, no per-cell objects) against the
 * engine before it (a frozen copy in ./legacyEngine, which read every cell through an object), on
 * random annexes: the random figures of src/samples plus awkward edits of every kind a person makes —
 * text numbers, words, error values, TRUE/FALSE, percentages, stated comparisons, their own formulas,
 * stale results, units and notes. Same findings, same derived cells and formulas, same plan.
 */
const TEMPLATES = builtInTemplates();

type EditKind =
  | "textNumber"
  | "ambiguous"
  | "words"
  | "error"
  | "boolean"
  | "blank"
  | "spaces"
  | "marker"
  | "percent"
  | "decimals"
  | "negative"
  | "fraction"
  | "stated"
  | "theirFormula"
  | "staleOurs"
  | "unit"
  | "note";

const EDITS: readonly EditKind[] = [
  "textNumber",
  "ambiguous",
  "words",
  "error",
  "boolean",
  "blank",
  "spaces",
  "marker",
  "percent",
  "decimals",
  "negative",
  "fraction",
  "stated",
  "theirFormula",
  "staleOurs",
  "unit",
  "note",
];

interface Edit {
  readonly kind: EditKind;
  readonly row: number;
  readonly col: number;
  readonly x: number;
}

const edit = fc.record({
  kind: fc.constantFrom(...EDITS),
  row: fc.nat(),
  col: fc.nat(),
  x: fc.integer({ min: -5000, max: 200000 }),
});

const annexCase = fc.record({
  template: fc.nat({ max: TEMPLATES.length - 1 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  filled: fc.boolean(),
  metadata: fc.boolean(),
  edits: fc.array(edit, { maxLength: 25 }),
});

function makeSheet(
  t: Template,
  seed: number,
  filled: boolean,
  metadata: boolean,
  edits: readonly Edit[]
): SheetSnapshot {
  const layout = buildAnnexLayout(t, { year: 2024, unitName: "Phòng LĐTBXH" });
  let sheet = fillSnapshot(
    layoutSnapshot(layout, metadata),
    layout,
    t,
    randomFigures(t, 2024, seed)
  );
  // Half the cases after a fill (formulas with cached results), so later edits make them stale.
  if (filled)
    sheet = applyPlan(sheet, legacyAnalyzeSheet(sheet, { locale: "vi-VN", templates: [t] }).plan);
  const colOf = (role: string) => t.columns.flatMap((c, i) => (c.role === role ? [i] : []));
  const inputs = colOf("input");
  const outputs = [...colOf("derived"), ...colOf("evaluation")];
  const unitCol = t.columns.findIndex((c) => c.role === "unit");
  const noteCol = t.columns.findIndex((c) => c.id === "note");
  const rows = [...layout.rowOf.values()];
  const editor = new SnapshotEditor(sheet);
  for (const e of edits) {
    const r = rows[e.row % rows.length];
    const input = inputs[e.col % inputs.length];
    const output = outputs.length ? outputs[e.col % outputs.length] : input;
    const put = (col: number, value: CellValue, formula?: string, numFmt = "General") =>
      editor.set(r, col, value, formula, numFmt);
    const a1 = (col: number) => `${String.fromCharCode(65 + col)}${r + 1}`;
    switch (e.kind) {
      case "textNumber":
        put(input, e.x.toLocaleString("de-DE"));
        break;
      case "ambiguous":
        put(input, `${Math.abs(e.x % 1000)}.${String(Math.abs(e.x) % 1000).padStart(3, "0")}`);
        break;
      case "words":
        put(e.x % 2 ? input : output, e.x % 3 ? "chưa có số liệu" : "trên 1.200");
        break;
      case "error":
        // In a derived cell only #REF! (see legacyEssence).
        if (e.x % 2) put(input, ["#REF!", "#DIV/0!", "#N/A", "#VALUE!"][Math.abs(e.x) % 4]);
        else put(output, "#REF!");
        break;
      case "boolean":
        put(e.x % 2 ? input : output, e.x % 3 === 0);
        break;
      case "blank":
        put(e.x % 2 ? input : output, "");
        break;
      case "spaces":
        put(e.x % 2 ? input : output, "   ");
        break;
      case "marker":
        put(input, ["-", "x", "..."][Math.abs(e.x) % 3]);
        break;
      case "percent":
        put(input, (Math.abs(e.x) % 10000) / 10000, undefined, e.x % 2 ? "0.00%" : "0.0%");
        break;
      case "decimals":
        put(input, e.x / 100, undefined, e.x % 2 ? "#,##0.00" : "0.0");
        break;
      case "negative":
        put(input, -Math.abs(e.x) - 1);
        break;
      case "fraction":
        put(input, e.x + 0.5);
        break;
      case "stated":
        put(
          output,
          e.x % 3 ? e.x / 100 : ["Vượt", "Đạt", "Không đạt"][Math.abs(e.x) % 3],
          undefined,
          "0.00"
        );
        break;
      case "theirFormula":
        put(output, e.x / 7, `${a1(inputs[0])}/${a1(inputs[inputs.length - 1])}*100`);
        break;
      case "staleOurs":
        put(
          output,
          e.x,
          `IF(AND(ISNUMBER(${a1(inputs[0])}),ISNUMBER(${a1(inputs[1])})),IF(${a1(inputs[1])}=0,"",${a1(inputs[0])}/${a1(inputs[1])}*100),"")`
        );
        break;
      case "unit":
        if (unitCol >= 0) put(unitCol, ["người", "hộ", "", "#REF!", 12][Math.abs(e.x) % 5]);
        break;
      case "note":
        if (noteCol >= 0) put(noteCol, e.x % 2 ? "Tăng do sáp nhập" : "");
        break;
    }
  }
  sheet = editor.snapshot();
  return sheet;
}

/** What the engines must agree on, as plain data. */
function essence(a: Analysis, sheet: SheetSnapshot) {
  return {
    findings: a.findings,
    derived: a.derived.map((d) => ({
      row: d.row,
      col: d.col,
      address: d.address,
      columnId: d.columnId,
      indicator: d.indicator.code,
      value: d.value,
      formula: d.formula,
      numFmt: d.numFmt,
      mode: d.mode,
    })),
    plan: a.plan,
    fixes: planFixes(sheet, a.findings),
    located: a.annex && {
      rows: a.annex.rows.map((r) => [r.row, r.indicator.code, r.matchedBy]),
      unknown: a.annex.unknownRows,
      duplicates: a.annex.duplicateRows.map((d) => [d.row, d.indicator.code, d.firstRow]),
    },
  };
}

/**
 * The old engine showed an error value in a unit or derived cell as "[object Object]" in a message
 * (it kept errors as objects); the new one names the error. Everything else must be identical.
 */
function legacyEssence(sheet: SheetSnapshot, overwrite: boolean) {
  const a = legacyAnalyzeSheet(sheet, { locale: "vi-VN", templates: TEMPLATES, overwrite });
  const json = JSON.stringify(essence(a as unknown as Analysis, sheet));
  return JSON.parse(json.split("[object Object]").join("#REF!")) as unknown;
}

describe("the columnar engine gives what the engine before it gave", () => {
  test("on random annexes with awkward edits: findings, derived cells, formulas, plan", () => {
    fc.assert(
      fc.property(annexCase, fc.boolean(), (c, overwrite) => {
        const t = TEMPLATES[c.template];
        const sheet = makeSheet(t, c.seed, c.filled, c.metadata, c.edits);
        const now = analyzeSheet(sheet, { locale: "vi-VN", templates: TEMPLATES, overwrite });
        expect(JSON.parse(JSON.stringify(essence(now, sheet)))).toEqual(
          legacyEssence(sheet, overwrite)
        );
      }),
      { numRuns: 120 }
    );
  });

  test("the cases are not trivial: they produce findings of many rules and plans with writes", () => {
    const rules = new Set<string>();
    let writes = 0;
    let skipped = 0;
    fc.assert(
      fc.property(annexCase, (c) => {
        const t = TEMPLATES[c.template];
        const a = analyzeSheet(makeSheet(t, c.seed, c.filled, c.metadata, c.edits), {
          locale: "vi-VN",
          templates: TEMPLATES,
        });
        for (const f of a.findings) rules.add(f.ruleId);
        writes += a.plan.writes.length;
        skipped += a.plan.skipped.length;
      }),
      { numRuns: 60, seed: 7 }
    );
    expect(rules.size).toBeGreaterThanOrEqual(15);
    expect(writes).toBeGreaterThan(1000);
    expect(skipped).toBeGreaterThan(5);
  });
});

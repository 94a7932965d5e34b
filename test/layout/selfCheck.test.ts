import { buildAnnexLayout, layoutSnapshot, SnapshotEditor } from "../../src/domain";
import {
  buildSelfCheck,
  conditionFormula,
  evaluateCondition,
  withResults,
} from "../../src/domain/layout/selfCheck";
import { template } from "../helpers/annex";

/**
 * The self-check as data: which rows get words, the tolerance each kind of figure allows, and the
 * words computed for the cache agreeing with the conditions the formulas test.
 */
const tpl = template();
const layout = buildAnnexLayout(tpl, { year: 2023 });
const check = layout.selfCheck;
const colOf = (id: string) => tpl.columns.findIndex((c) => c.id === id);
const rowOf = (code: string) => layout.rowOf.get(code) as number;

test("every 'gồm', 'trong đó' and flow row gets a Kiểm tra formula; other rows none", () => {
  const rows = new Set(check.cells.map((c) => c.row));
  for (const ind of tpl.indicators) {
    // Ratios and reductions (row 23's fall of the poverty rate) are checked by the engine only, as are
    // a rate's part (13.1 of 13) and a part that may count cases of the period before.
    const part = (r: (typeof ind.relations)[number]) =>
      r.type === "partOf" && ind.kind !== "rate" && r.carriedOver !== true;
    const expected =
      ind.relations.some((r) => r.type === "sum" || part(r)) || ind.nature === "flow";
    expect({ code: ind.code, has: rows.has(rowOf(ind.code)) }).toEqual({
      code: ind.code,
      has: expected,
    });
  }
  expect(check.column).toBe(tpl.columns.length);
  expect(check.cells.every((c) => c.col === check.column)).toBe(true);
});

test("words name the rows: a range for three parts, a list for two", () => {
  const words = (code: string) =>
    check.cells.find((c) => c.row === rowOf(code))?.branches.map((b) => b.words);
  expect(words("1")?.[0]).toBe("≠ tổng các dòng 1.1–1.3");
  const two = tpl.indicators.find((i) =>
    i.relations.some((r) => r.type === "sum" && r.of.length === 2)
  );
  const rel = two?.relations.find((r) => r.type === "sum");
  if (two && rel?.type === "sum")
    expect(words(two.code)?.[0]).toBe(`≠ tổng các dòng ${rel.of.join(", ")}`);
});

test("a sum: counts exact, other figures within half a unit each; some parts blank: not above", () => {
  const cell = (row: number, col: number) => ({ row, col });
  const sum = (tolerance: number) =>
    ({
      kind: "sum",
      total: cell(0, 0),
      parts: [cell(1, 0), cell(2, 0)],
      tolerance,
    }) as const;
  const figures = (t: number, a?: number, b?: number) => (c: { row: number }) => [t, a, b][c.row];
  expect(evaluateCondition(sum(1e-6), figures(10, 4, 6))).toBe(false);
  expect(evaluateCondition(sum(1e-6), figures(10, 4, 5))).toBe(true);
  // Rates with 2 decimals: 3 figures × 0,005.
  expect(evaluateCondition(sum(0.015001), figures(10.01, 4, 6))).toBe(false);
  expect(evaluateCondition(sum(0.015001), figures(10.02, 4, 6))).toBe(true);
  // One part blank: the given ones may not exceed the total, and need not add up.
  expect(evaluateCondition(sum(1e-6), figures(10, 4))).toBe(false);
  expect(evaluateCondition(sum(1e-6), figures(10, 11))).toBe(true);
  // No total: nothing to say.
  expect(evaluateCondition(sum(1e-6), (c) => (c.row === 0 ? undefined : 1))).toBe(false);
  expect(conditionFormula(sum(0.015001))).toBe(
    "IF(ISNUMBER(A1),IF(COUNT(A2:A3)=2,ABS(A1-SUM(A2:A3)),SUM(A2:A3)-A1),0)>0.015001"
  );
});

test("a Kiểm tra formula is as short as it can be read: parts as a range, one comparison per problem", () => {
  const formula = check.cells.find((c) => c.row === rowOf("1"))?.formula ?? "";
  const [r, p1, p3] = ["1", "1.1", "1.3"].map((c) => rowOf(c) + 1);
  const inputs = tpl.columns.flatMap((c, i) => (c.role === "input" ? [i] : []));
  const excess = (col: number) => {
    const l = String.fromCharCode(65 + col);
    const parts = `${l}${p1}:${l}${p3}`;
    return `IF(ISNUMBER(${l}${r}),IF(COUNT(${parts})=3,ABS(${l}${r}-SUM(${parts})),SUM(${parts})-${l}${r}),0)`;
  };
  expect(
    formula.startsWith(
      `IF(MAX(${inputs.map(excess).join(",")})>0.000001,"≠ tổng các dòng 1.1–1.3",`
    )
  ).toBe(true);
  // Every column's test once: no comparison repeated per column.
  expect(formula.match(/>0\.000001/g)?.length).toBe(
    check.cells.find((c) => c.row === rowOf("1"))?.branches.length
  );
});

test("the cached words follow the figures: a broken total, a part above its total, 6 months above the year", () => {
  const e = colOf("estimateCur");
  const editor = new SnapshotEditor(layoutSnapshot(layout));
  editor.set(rowOf("1.1"), e, 10).set(rowOf("1.2"), e, 20).set(rowOf("1.3"), e, 30);
  editor.set(rowOf("1"), e, 61);
  editor.set(rowOf("1.2"), colOf("actual6m"), 25);
  editor.set(rowOf("4"), colOf("planNext"), 10).set(rowOf("5"), colOf("planNext"), 11);
  editor.set(rowOf("38"), colOf("planNext"), 10).set(rowOf("38.1"), colOf("planNext"), 11);
  const results = withResults(check, editor.snapshot());
  const at = (code: string) => results.cells.find((c) => c.row === rowOf(code))?.value;
  expect(at("1")).toBe("≠ tổng các dòng 1.1–1.3");
  expect(at("1.2")).toBe("6 tháng > cả năm");
  expect(at("1.1")).toBe("");
  expect(at("38.1")).toBe("> dòng 38");
  // Decisions may be on applications of the period before (000 line 67): not red above row 4.
  expect(at("5")).toBe("");
  editor.set(rowOf("1"), e, 60);
  expect(withResults(check, editor.snapshot()).cells.find((c) => c.row === rowOf("1"))?.value).toBe(
    ""
  );
});

test("a placement with a column missing tests only the columns present", () => {
  const columns = new Map(tpl.columns.map((c, i) => [c.id, i]));
  columns.delete("actual6m");
  const partial = buildSelfCheck({
    template: tpl,
    columns,
    rows: tpl.indicators.map((indicator) => ({ indicator, row: rowOf(indicator.code) })),
    headerRow: 6,
    checkColumn: 20,
  });
  expect(partial.rules.some((r) => r.problem === "flow")).toBe(false);
  const f = String.fromCharCode(65 + colOf("actual6m"));
  expect(partial.rules.some((r) => r.formula.includes(`${f}${rowOf("1") + 1}`))).toBe(false);
});

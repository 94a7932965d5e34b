import { columnLetter, toA1 } from "../sheet/address";
import { SheetSnapshot, valueAt } from "../sheet/snapshot";
import type { Bilingual } from "../rules/finding";
import type { Indicator, InputColumn, Template } from "../template/schema";

/**
 * A sheet that checks itself where the add-in is absent (Excel 2016, WPS, LibreOffice): conditional
 * formats whose formulas turn a "gồm" total red when its parts do not add up, a "trong đó" part red
 * when it exceeds its total and a part-year figure of a flow red when it exceeds the year's; and a
 * narrow "Kiểm tra" column right of the table (outside the print area) whose formula names the row's
 * first problem in words, blank when the row is fine.
 *
 * Described here once, as data: every test is a `CheckCondition` that is both written as an Excel
 * formula (for the sheet) and evaluated (for the result cached beside it), so the new sheet of
 * `annex new`, the one the add-in inserts and a hand-made sheet `annex fill --self-check` completes
 * carry the same rules. Hosts translate `SelfCheck`; none decides anything.
 */

export interface CellRef {
  readonly row: number;
  readonly col: number;
}

/**
 * One test, as data; true means "a problem". Figures absent or not numbers: never a problem. Cells
 * are compared as stored, a percent format not read × 100 as the rules read it: only counts and
 * amounts are ever compared (the template loader refuses sums, parts and flows of rates and points),
 * and those are not typed as percentages.
 */
export type CheckCondition =
  /** "gồm": all parts given must add up to the total; some given must not exceed it. */
  | {
      readonly kind: "sum";
      readonly total: CellRef;
      readonly parts: readonly CellRef[];
      readonly tolerance: number;
    }
  /** "trong đó" (part ≤ total) and a flow's part-year figure (≤ the year's). */
  | {
      readonly kind: "notAbove";
      readonly part: CellRef;
      readonly limit: CellRef;
      readonly tolerance: number;
    };

/** A conditional format: cells of `range` turn red where `formula` (relative to its first cell) holds. */
export interface SelfCheckRule {
  /** One rectangle, A1 ("E12:H12", "F20"). */
  readonly range: string;
  /** Excel formula without "=", its references relative to the range's top-left cell. */
  readonly formula: string;
  /** What the red means for this range (for tests and hosts that show it). */
  readonly problem: "sum" | "part" | "flow";
}

/** A formula cell of the "Kiểm tra" column. */
export interface CheckCell {
  readonly row: number;
  readonly col: number;
  /** Formula without "=". */
  readonly formula: string;
  /** Its result on the figures the sheet holds now ("" when the row is fine). */
  readonly value: string;
  /** What the formula tests, in order: the first branch whose conditions hold gives the words. */
  readonly branches: ReadonlyArray<{
    readonly words: string;
    readonly conditions: readonly CheckCondition[];
  }>;
}

export interface SelfCheck {
  /** The "Kiểm tra" column (0-based) and the row of its header. */
  readonly column: number;
  readonly headerRow: number;
  readonly header: string;
  /** The header's input message: what red and the column's words mean. */
  readonly note: { readonly title: string; readonly text: string };
  /** Width in characters (narrow: the words overflow into the empty cells to the right). */
  readonly width: number;
  readonly cells: readonly CheckCell[];
  readonly rules: readonly SelfCheckRule[];
}

/** Where a template sits on a sheet: enough to write its checks. */
export interface SelfCheckPlacement {
  readonly template: Template;
  /** Sheet column of each template column present (by column id). */
  readonly columns: ReadonlyMap<string, number>;
  /** Sheet row of each indicator present, in sheet order. */
  readonly rows: ReadonlyArray<{ readonly indicator: Indicator; readonly row: number }>;
  readonly headerRow: number;
  readonly checkColumn: number;
}

export const CHECK_HEADER = "Kiểm tra";
export const CHECK_WIDTH = 16;
export const CHECK_NOTE = {
  title: "Ô tô đỏ, cột Kiểm tra",
  text:
    "Ô tô đỏ: số liệu chưa khớp (tổng khác cộng các thành phần, phần lớn hơn tổng, số 6 tháng " +
    "lớn hơn cả năm). Cột Kiểm tra nêu lỗi đầu tiên của dòng; để trống là dòng không có lỗi. " +
    "Cột này không in.",
} as const;

/** The legend under a new sheet's table. */
export const CHECK_LEGEND: Bilingual = {
  vi:
    "Ô tô đỏ: số liệu chưa khớp (tổng khác cộng các thành phần, phần lớn hơn tổng, số 6 tháng lớn hơn " +
    'cả năm); cột "Kiểm tra" bên phải (không in) nêu lỗi đầu tiên của dòng.',
  en:
    "Red cells: figures that do not agree (a total unlike its parts, a part above its total, 6 months " +
    'above the year); the "Kiểm tra" column on the right (not printed) names the row\'s first problem.',
};

/** Decimals an indicator's figures are shown with (counts and amounts 0, rates and points 2). */
export function indicatorDecimals(ind: Indicator): number {
  return ind.decimals ?? (ind.kind === "rate" || ind.kind === "points" ? 2 : 0);
}

/** Room for floating-point noise; written into formulas, so not smaller than Excel shows plainly. */
const NOISE = 1e-6;

/** Each figure shown with d decimals stands for ± half a unit; counts are exact. */
function tolerance(ind: Indicator, figures: number): number {
  if (ind.kind === "count") return NOISE;
  return round(figures * 0.5 * 10 ** -indicatorDecimals(ind) + NOISE);
}

function round(x: number): number {
  return Number(x.toFixed(9));
}

interface RowProblem {
  readonly problem: SelfCheckRule["problem"];
  readonly words: string;
  /** One condition per sheet column it is tested in. */
  readonly tests: readonly CheckTest[];
}

/** A condition and the cell that turns red when it holds. */
interface CheckTest {
  readonly at: CellRef;
  readonly condition: CheckCondition;
}

/** The self-check of a template placed on a sheet. */
export function buildSelfCheck(place: SelfCheckPlacement): SelfCheck {
  const { template, columns } = place;
  const inputs = template.columns
    .filter((c): c is InputColumn => c.role === "input" && columns.has(c.id))
    .map((c) => ({ column: c, col: columns.get(c.id) ?? -1 }))
    .sort((a, b) => a.col - b.col);
  const rowOf = new Map<string, number>();
  for (const r of place.rows) if (!rowOf.has(r.indicator.code)) rowOf.set(r.indicator.code, r.row);
  const byCode = new Map(template.indicators.map((i) => [i.code, i]));

  const cells: CheckCell[] = [];
  const rules: SelfCheckRule[] = [];
  // Flow rows, per part-year column, gathered into runs of adjacent rows: one rule per run.
  const flowRuns = new Map<number, CheckTest[][]>();
  const seen = new Set<number>();
  for (const { indicator: ind, row } of place.rows) {
    if (seen.has(row)) continue;
    seen.add(row);
    const problems: RowProblem[] = [];
    for (const rel of ind.relations) {
      if (rel.type === "sum") {
        const partRows = rel.of.map((c) => rowOf.get(c));
        if (partRows.some((r) => r === undefined)) continue;
        const tol = tolerance(ind, rel.of.length + 1);
        problems.push({
          problem: "sum",
          words: `≠ tổng các dòng ${codeList(rel.of)}`,
          tests: inputs.map(({ col }) => ({
            at: { row, col },
            condition: {
              kind: "sum",
              total: { row, col },
              parts: partRows.map((r) => ({ row: r ?? 0, col })),
              tolerance: tol,
            },
          })),
        });
      } else if (rel.type === "partOf" && rel.carriedOver !== true && ind.kind !== "rate") {
        // A rate's part (13.1 of 13) is the engine's to check: cells may hold 0,5772 or 57,72.
        // A part that may count cases carried over from the period before is not red above its total.
        const totalRow = rowOf.get(rel.of);
        if (totalRow === undefined) continue;
        const total = byCode.get(rel.of);
        const tol = ind.kind === "count" && total?.kind === "count" ? NOISE : tolerance(ind, 2);
        problems.push({
          problem: "part",
          words: `> dòng ${rel.of}`,
          tests: inputs.map(({ col }) => ({
            at: { row, col },
            condition: {
              kind: "notAbove",
              part: { row, col },
              limit: { row: totalRow, col },
              tolerance: tol,
            },
          })),
        });
      }
    }
    if (ind.nature === "flow") {
      for (const { column, col } of inputs) {
        const yearCol = column.notAbove !== undefined ? columns.get(column.notAbove) : undefined;
        if (yearCol === undefined) continue;
        problems.push({
          problem: "flow",
          words: `${column.months ?? 6} tháng > cả năm`,
          tests: [
            {
              at: { row, col },
              condition: {
                kind: "notAbove",
                part: { row, col },
                limit: { row, col: yearCol },
                tolerance: NOISE,
              },
            },
          ],
        });
      }
    }
    // (A placement without input columns tests nothing.)
    const tested = problems.filter((p) => p.tests.length > 0);
    if (!tested.length) continue;
    for (const p of tested) {
      if (p.problem === "flow") {
        const test = p.tests[0];
        const runs = flowRuns.get(test.at.col) ?? [];
        const run = runs[runs.length - 1];
        if (run && run[run.length - 1].at.row === test.at.row - 1) run.push(test);
        else runs.push([test]);
        flowRuns.set(test.at.col, runs);
        continue;
      }
      for (const run of columnRuns(p.tests.map((t) => t.at.col))) {
        const first = p.tests.find((t) => t.at.col === run[0]);
        if (!first) continue;
        rules.push({
          range: rangeA1(row, run[0], row, run[run.length - 1]),
          formula: conditionFormula(first.condition),
          problem: p.problem,
        });
      }
    }
    cells.push({
      row,
      col: place.checkColumn,
      formula: checkFormula(tested),
      value: "",
      branches: tested.map((p) => ({
        words: p.words,
        conditions: p.tests.map((t) => t.condition),
      })),
    });
  }
  // Flow rules: one per run of adjacent rows in each part-year column, relative to the run's first row.
  for (const [col, runs] of flowRuns) {
    for (const run of runs) {
      rules.push({
        range: rangeA1(run[0].at.row, col, run[run.length - 1].at.row, col),
        formula: conditionFormula(run[0].condition),
        problem: "flow",
      });
    }
  }
  return {
    column: place.checkColumn,
    headerRow: place.headerRow,
    header: CHECK_HEADER,
    note: CHECK_NOTE,
    width: CHECK_WIDTH,
    cells,
    rules,
  };
}

/** "1.1–1.3" for three or more rows, "8.1, 8.2" for two. */
function codeList(codes: readonly string[]): string {
  return codes.length > 2 ? `${codes[0]}–${codes[codes.length - 1]}` : codes.join(", ");
}

/** Sorted column indexes grouped into runs of adjacent columns. */
function columnRuns(cols: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const c of [...cols].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === c - 1) run.push(c);
    else runs.push([c]);
  }
  return runs;
}

function rangeA1(r1: number, c1: number, r2: number, c2: number): string {
  const a = toA1(r1, c1);
  return r1 === r2 && c1 === c2 ? a : `${a}:${toA1(r2, c2)}`;
}

function ref(c: CellRef): string {
  return `${columnLetter(c.col)}${c.row + 1}`;
}

/** Cells as a formula argument: "D32:D34" for a run down one column, else "D32,D35". */
function refs(cells: readonly CellRef[]): string {
  const [first, last] = [cells[0], cells[cells.length - 1]];
  const run =
    cells.length > 1 && cells.every((c, i) => c.col === first.col && c.row === first.row + i);
  return run ? `${ref(first)}:${ref(last)}` : cells.map(ref).join(",");
}

/** A number as an Excel formula writes it (no exponent, "." decimal). */
function excelNumber(x: number): string {
  return x.toFixed(9).replace(/\.?0+$/, "");
}

/**
 * By how much the figures break the condition, as an Excel formula: a problem when above its
 * tolerance; 0 when a figure is absent or not a number (text or blanks mean "no problem here", and
 * IF keeps any branch from yielding an error value in Excel, WPS or LibreOffice). A sum's parts all
 * given: how far their sum is from the total; some blank: how far the given ones exceed it.
 */
function excessFormula(c: CheckCondition): string {
  if (c.kind === "sum") {
    const [t, parts] = [ref(c.total), refs(c.parts)];
    return `IF(ISNUMBER(${t}),IF(COUNT(${parts})=${c.parts.length},ABS(${t}-SUM(${parts})),SUM(${parts})-${t}),0)`;
  }
  const [p, l] = [ref(c.part), ref(c.limit)];
  return `IF(COUNT(${p},${l})=2,${p}-${l},0)`;
}

/** The condition as an Excel formula (TRUE: a problem). */
export function conditionFormula(c: CheckCondition): string {
  return `${excessFormula(c)}>${excelNumber(c.tolerance)}`;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The "Kiểm tra" cell: the words of the first problem found in the row, "" when none. A problem
 * tested in several columns (all with its one tolerance) compares their largest excess with it.
 */
function checkFormula(problems: readonly RowProblem[]): string {
  let formula = '""';
  for (let i = problems.length - 1; i >= 0; i--) {
    const conditions = problems[i].tests.map((t) => t.condition);
    const any =
      conditions.length === 1
        ? conditionFormula(conditions[0])
        : `MAX(${conditions.map(excessFormula).join(",")})>${excelNumber(conditions[0].tolerance)}`;
    formula = `IF(${any},${quote(problems[i].words)},${formula})`;
  }
  return formula;
}

/** Reads a cell as a formula would: a number, or nothing. */
type NumberAt = (c: CellRef) => number | undefined;

/** By how much the figures break a condition, as `excessFormula` computes it. */
function excess(c: CheckCondition, numberAt: NumberAt): number {
  if (c.kind === "sum") {
    const total = numberAt(c.total);
    if (total === undefined) return 0;
    const parts = c.parts.map(numberAt).filter((v): v is number => v !== undefined);
    const sum = parts.reduce((s, v) => s + v, 0);
    return parts.length === c.parts.length ? Math.abs(total - sum) : sum - total;
  }
  const [p, l] = [numberAt(c.part), numberAt(c.limit)];
  return p !== undefined && l !== undefined ? p - l : 0;
}

/** Evaluates a condition on figures, as the formula does. */
export function evaluateCondition(c: CheckCondition, numberAt: NumberAt): boolean {
  return excess(c, numberAt) > c.tolerance;
}

/**
 * The self-check with each "Kiểm tra" cell's result on the figures of `sheet` (numbers only, as the
 * formulas see them: a figure typed as text is not a number there).
 */
export function withResults(check: SelfCheck, sheet: SheetSnapshot): SelfCheck {
  const numberAt: NumberAt = ({ row, col }) => {
    const v = valueAt(sheet, row, col);
    return typeof v === "number" ? v : undefined;
  };
  const cells = check.cells.map((cell) => ({
    ...cell,
    value:
      cell.branches.find((b) => b.conditions.some((c) => evaluateCondition(c, numberAt)))?.words ??
      "",
  }));
  return { ...check, cells };
}

/** Whether a formula is one of our "Kiểm tra" formulas (any version of the rows it names). */
export function isCheckFormula(formula: string | undefined): boolean {
  return (
    formula !== undefined &&
    /^=?IF\(/.test(formula) &&
    /"(≠ tổng các dòng|> dòng |\d+ tháng > cả năm)/.test(formula)
  );
}

/** Formula text as Excel and LibreOffice may rewrite it (case, spaces, "$", "=") reduced to one key. */
export function formulaKey(formula: string): string {
  return formula.replace(/^=/, "").replace(/[\s$]/g, "").toUpperCase();
}

/** Formula text compared as Excel and LibreOffice may rewrite it (case, spaces, "$", "="). */
export function sameFormula(a: string, b: string): boolean {
  return formulaKey(a) === formulaKey(b);
}

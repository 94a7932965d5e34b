import { Finding } from "../rules/finding";
import { fromA1, toA1 } from "../sheet/address";
import { LocatedAnnex } from "../sheet/locate";
import { CellValue, SheetSnapshot, valueAt } from "../sheet/snapshot";

/**
 * An explanation (giải trình): a person accepts a finding as true and intended ("+73 % because a
 * programme started") and says why. It is kept in the workbook beside the annex metadata, so whoever
 * checks the sheet later sees the reason instead of a red flag.
 *
 * An explanation holds for the figures it was given for, and no others: it keeps a fingerprint of
 * them (see `findingFigures`). While the same finding fires on the same figures, the finding is
 * explained and not counted; the moment one of those figures changes, the finding is open again and
 * the explanation is shown beside it as out of date. An explanation whose finding no longer fires is
 * stale: it is kept (never deleted silently) and reported.
 */
export interface Explanation {
  /** The rule of the finding explained ("change.large"). */
  readonly ruleId: string;
  /** The cell the finding is shown at (its first cell), "G42". */
  readonly cell: string;
  /** The fingerprint: the figures the finding was about when it was explained, by A1 address. */
  readonly figures: Readonly<Record<string, CellValue>>;
  /** The reason, in the person's own words. */
  readonly reason: string;
  /** When it was given, ISO 8601 ("2026-11-21"). */
  readonly date: string;
  /** Who gave it, when the program knows. */
  readonly by?: string;
}

/** A finding and the explanation given for it. */
export interface ExplainedFinding {
  readonly finding: Finding;
  readonly explanation: Explanation;
}

/** A finding open again because figures changed since it was explained: which ones. */
export interface ReopenedFinding extends ExplainedFinding {
  /** Addresses whose figure is not the one the explanation was given for (or was not part of it). */
  readonly changed: readonly string[];
}

/** How a sheet's explanations apply to its findings. */
export interface ExplanationStatus {
  /** Findings explained on the very figures they were explained for: listed apart, not counted. */
  readonly explained: readonly ExplainedFinding[];
  /** Findings explained once, open again because a figure changed (they are among the open findings). */
  readonly reopened: readonly ReopenedFinding[];
  /** Explanations whose finding no longer fires on the sheet: kept, reported, never deleted silently. */
  readonly stale: readonly Explanation[];
}

/** Findings split by the sheet's explanations. */
export interface SplitFindings extends ExplanationStatus {
  /** Every finding not explained (including the reopened ones), in the engine's order. */
  readonly open: readonly Finding[];
}

/** The key an explanation is stored and matched under: one finding per rule and cell on a sheet. */
export function explanationKey(e: { readonly ruleId: string; readonly cell: string }): string {
  return `${e.ruleId}|${e.cell.toUpperCase()}`;
}

/** The key of the explanation a finding would have. */
export function findingKey(f: Finding): string {
  return explanationKey({ ruleId: f.ruleId, cell: f.cells[0] ?? "" });
}

/**
 * The cells whose figures a finding is about — its fingerprint's addresses:
 *  - every cell the finding names (a total and its parts; a rate, its numerator and its denominator;
 *    a 6-month figure and the year's; the Ghi chú cell of a large change, so writing a note changes it);
 *  - and the cells its rule compared that the finding does not name, in the same row: a comparison
 *    or evaluation cell's inputs (ƯTH and KH for percent of plan; the figure and the plan for an
 *    evaluation), and for a large change the previous year's figure it was compared with.
 * Each address once, in that order.
 */
export function findingFigures(finding: Finding, annex: LocatedAnnex | undefined): string[] {
  const cells = finding.cells.map((c) => c.toUpperCase());
  const first = cells[0];
  if (annex && first && finding.columnId) {
    const row = fromA1(first).row;
    const columns = annex.template.columns;
    const compared: string[] = [];
    const column = columns.find((c) => c.id === finding.columnId);
    if (column?.role === "derived") compared.push(column.numerator, column.denominator);
    if (column?.role === "evaluation") compared.push(column.value, column.target);
    if (finding.ruleId === "change.large")
      for (const c of columns)
        if (c.role === "derived" && c.purpose === "yearOverYear" && c.numerator === column?.id)
          compared.push(c.denominator);
    for (const id of compared) {
      const col = annex.columns.get(id);
      if (col !== undefined) cells.push(toA1(row, col));
    }
  }
  return [...new Set(cells)];
}

/** The figures at those cells now, as the fingerprint keeps them. */
export function figuresAt(
  sheet: SheetSnapshot,
  addresses: readonly string[]
): Record<string, CellValue> {
  const figures: Record<string, CellValue> = {};
  for (const a of addresses) {
    const { row, col } = fromA1(a);
    figures[a] = normalizeFigure(valueAt(sheet, row, col));
  }
  return figures;
}

/**
 * A figure as the fingerprint compares it: numbers to Excel's 15 significant digits (so a value that
 * went through another program's decimal text compares equal), text trimmed.
 */
export function normalizeFigure(v: CellValue): CellValue {
  if (typeof v === "number") return Number.isFinite(v) ? Number(v.toPrecision(15)) : v;
  if (typeof v === "string") return v.trim();
  return v;
}

/** Addresses whose figure differs between an explanation's fingerprint and the figures now. */
export function changedFigures(
  then: Readonly<Record<string, CellValue>>,
  now: Readonly<Record<string, CellValue>>
): string[] {
  const changed: string[] = [];
  for (const a of Object.keys(now))
    if (!(a in then) || normalizeFigure(then[a]) !== now[a]) changed.push(a);
  for (const a of Object.keys(then)) if (!(a in now)) changed.push(a);
  return changed;
}

/** A new explanation of a finding on the sheet as it is now. */
export function explainFinding(
  finding: Finding,
  sheet: SheetSnapshot,
  annex: LocatedAnnex | undefined,
  given: { readonly reason: string; readonly date: string; readonly by?: string }
): Explanation {
  const by = given.by?.trim();
  return {
    ruleId: finding.ruleId,
    cell: (finding.cells[0] ?? "").toUpperCase(),
    figures: figuresAt(sheet, findingFigures(finding, annex)),
    reason: given.reason.trim(),
    date: given.date,
    ...(by ? { by } : {}),
  };
}

/** Whether two explanations say the same thing about the same figures (the date aside). */
export function sameExplanation(a: Explanation, b: Explanation): boolean {
  return (
    explanationKey(a) === explanationKey(b) &&
    a.reason === b.reason &&
    (a.by ?? "") === (b.by ?? "") &&
    changedFigures(a.figures, b.figures).length === 0
  );
}

/**
 * Splits a sheet's findings by its explanations. A finding is explained when an explanation of its
 * rule at its cell exists and every figure of its fingerprint is what it was; otherwise it is open
 * (and "reopened" when an explanation exists for other figures). Explanations no finding uses are
 * stale.
 */
export function splitFindings(
  findings: readonly Finding[],
  explanations: readonly Explanation[] | undefined,
  sheet: SheetSnapshot,
  annex: LocatedAnnex | undefined
): SplitFindings {
  if (!explanations?.length) return { open: findings, explained: [], reopened: [], stale: [] };
  const byKey = new Map(explanations.map((e) => [explanationKey(e), e]));
  const used = new Set<string>();
  const open: Finding[] = [];
  const explained: ExplainedFinding[] = [];
  const reopened: ReopenedFinding[] = [];
  for (const finding of findings) {
    const key = findingKey(finding);
    const explanation = byKey.get(key);
    if (!explanation) {
      open.push(finding);
      continue;
    }
    used.add(key);
    const changed = changedFigures(
      explanation.figures,
      figuresAt(sheet, findingFigures(finding, annex))
    );
    if (changed.length) {
      open.push(finding);
      reopened.push({ finding, explanation, changed });
    } else explained.push({ finding, explanation });
  }
  const stale = explanations.filter((e) => !used.has(explanationKey(e)));
  return { open, explained, reopened, stale };
}

/**
 * A sheet's explanations with one added (or replacing the one of the same rule and cell), or with
 * one withdrawn (`add` undefined).
 */
export function withExplanation(
  explanations: readonly Explanation[],
  key: { readonly ruleId: string; readonly cell: string },
  add?: Explanation
): Explanation[] {
  const k = explanationKey(key);
  const rest = explanations.filter((e) => explanationKey(e) !== k);
  return add ? [...rest, add] : rest;
}

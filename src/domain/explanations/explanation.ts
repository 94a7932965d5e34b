import { Bilingual, Finding } from "../rules/finding";
import { anchorsAt, findingOf, isBound, rebased, sameBinding, unplacedWhy } from "./binding";
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
  /**
   * The indicator's code (STT) and the template column of the finding (issue #19): the explanation
   * follows them when rows are inserted or deleted. Absent in records of older versions (matched by
   * their cell, as before) and for findings about no one indicator.
   */
  readonly indicator?: string;
  readonly column?: string;
  /** Where each figure of the fingerprint is, as "code|column" (see binding.ts), by address. */
  readonly anchors?: Readonly<Record<string, string>>;
}

/** A finding and the explanation given for it. */
export interface ExplainedFinding {
  readonly finding: Finding;
  /** As it reads on the sheet now: its cell and figures where its indicator's row is now. */
  readonly explanation: Explanation;
  /**
   * A record of an older version, without the indicator and column it was given for, matched by its
   * cell only: if rows moved since, it may be another indicator's (the pane and check say so).
   */
  readonly addressOnly?: boolean;
}

/** An explanation that cannot be placed on its sheet any more: reported, never applied elsewhere. */
export interface UnplacedExplanation {
  readonly explanation: Explanation;
  /** Why, in the officers' words (the indicator's row is gone, the sheet is gone…). */
  readonly why: Bilingual;
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
  /** Explanations whose indicator or column is no longer on the sheet: kept, reported as unplaced. */
  readonly unplaced: readonly UnplacedExplanation[];
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
  const addresses = findingFigures(finding, annex);
  const bound = finding.indicatorCode !== undefined && finding.columnId !== undefined;
  return {
    ruleId: finding.ruleId,
    cell: (finding.cells[0] ?? "").toUpperCase(),
    figures: figuresAt(sheet, addresses),
    reason: given.reason.trim(),
    date: given.date,
    ...(by ? { by } : {}),
    ...(bound
      ? {
          indicator: finding.indicatorCode,
          column: finding.columnId,
          anchors: anchorsAt(addresses, annex),
        }
      : {}),
  };
}

/** Whether two explanations say the same thing about the same figures (the date aside). */
export function sameExplanation(a: Explanation, b: Explanation): boolean {
  return (
    explanationKey(a) === explanationKey(b) &&
    sameBinding(a, b) &&
    a.reason === b.reason &&
    (a.by ?? "") === (b.by ?? "") &&
    changedFigures(a.figures, b.figures).length === 0
  );
}

/**
 * Splits a sheet's findings by its explanations. An explanation belongs to the finding of its rule,
 * indicator and column, wherever that finding's cell is now (a row inserted or deleted above moves
 * it); a record of an older version, without those keys, to the finding of its rule at its cell, as
 * before (flagged `addressOnly`). A finding is explained when every figure of the fingerprint, looked
 * up where its indicator and column are now, is what it was; otherwise it is open (and "reopened").
 * An explanation whose indicator or column is gone from the sheet is unplaced; one whose finding no
 * longer fires is stale. Never is an explanation applied to another indicator's finding.
 */
export function splitFindings(
  findings: readonly Finding[],
  explanations: readonly Explanation[] | undefined,
  sheet: SheetSnapshot,
  annex: LocatedAnnex | undefined
): SplitFindings {
  if (!explanations?.length)
    return { open: findings, explained: [], reopened: [], stale: [], unplaced: [] };
  const claimed = new Map<Finding, Explanation>();
  for (const e of explanations) {
    if (!isBound(e)) continue;
    const candidates = findings.filter((f) => !claimed.has(f) && findingOf(e, f));
    const f = candidates.find((c) => (c.cells[0] ?? "").toUpperCase() === e.cell) ?? candidates[0];
    if (f) claimed.set(f, e);
  }
  const byAddress = new Set<Explanation>();
  for (const e of explanations) {
    if (isBound(e)) continue;
    const key = explanationKey(e);
    const f = findings.find((c) => !claimed.has(c) && findingKey(c) === key);
    if (f) {
      claimed.set(f, e);
      byAddress.add(e);
    }
  }
  const open: Finding[] = [];
  const explained: ExplainedFinding[] = [];
  const reopened: ReopenedFinding[] = [];
  for (const finding of findings) {
    const stored = claimed.get(finding);
    if (!stored) {
      open.push(finding);
      continue;
    }
    const explanation = rebased(stored, finding.cells[0] ?? stored.cell, annex);
    const flag = byAddress.has(stored) ? { addressOnly: true } : {};
    const changed = changedFigures(
      explanation.figures,
      figuresAt(sheet, findingFigures(finding, annex))
    );
    if (changed.length) {
      open.push(finding);
      reopened.push({ finding, explanation, changed, ...flag });
    } else explained.push({ finding, explanation, ...flag });
  }
  const used = new Set(claimed.values());
  const stale: Explanation[] = [];
  const unplaced: UnplacedExplanation[] = [];
  for (const e of explanations) {
    if (used.has(e)) continue;
    const why = unplacedWhy(e, annex, sheet);
    if (why) unplaced.push({ explanation: e, why });
    else stale.push(e);
  }
  return { open, explained, reopened, stale, unplaced };
}

/**
 * A sheet's explanations with one added (or replacing the one of the same rule and cell), or with
 * one withdrawn (`add` undefined).
 */
export function withExplanation(
  explanations: readonly Explanation[],
  key: Pick<Explanation, "ruleId" | "cell" | "indicator" | "column">,
  add?: Explanation
): Explanation[] {
  const rest = explanations.filter((e) => !sameBinding(e, key));
  return add ? [...rest, add] : rest;
}

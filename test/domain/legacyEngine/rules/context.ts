/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { formatNumber, decimalsOf } from "../../../../src/domain/numbers/formatNumber";
import { NumberLocale } from "../../../../src/domain/numbers/locale";
import { DerivedCell } from "../derive/derivedCells";
import { toA1 } from "../../../../src/domain/sheet/address";
import { LocatedAnnex, LocatedRow } from "../sheet/locate";
import { cellAt } from "../sheet/cellView";
import { CellReading, readCell } from "../sheet/readCell";
import { SheetSnapshot } from "../../../../src/domain/sheet/snapshot";
import { resolveLocalized } from "../../../../src/domain/template/headers";
import { Column, Indicator, InputColumn } from "../../../../src/domain/template/schema";
import { RuleId, RULES } from "../../../../src/domain/rules/catalog";
import { Bilingual, Finding, Severity } from "../../../../src/domain/rules/finding";

export interface CheckOptions {
  /** How text in cells is read: "16.000" is 16 000 in vi-VN and 16 in en-US. */
  readonly locale: NumberLocale;
  /** Year-over-year change (in %) beyond which a note is expected. Default 50. */
  readonly changeThreshold?: number;
  /** Change a rule's severity, or switch it off. */
  readonly severities?: Partial<Record<RuleId, Severity | "off">>;
}

export interface Emission {
  readonly cells: readonly string[];
  readonly indicator?: Indicator;
  readonly columnId?: string;
  readonly message: Bilingual;
  readonly expected?: Bilingual;
  readonly found?: Bilingual;
  readonly fix?: { readonly address: string; readonly value: number };
}

/** What every check sees: the sheet, where the template sits on it, the cells read once, and emit(). */
export class RuleContext {
  readonly findings: Finding[] = [];
  readonly inputs: readonly InputColumn[];
  /** Readings of input cells, made once: slot = row index × inputs + input index. */
  private readonly readings: Array<CellReading | undefined> = [];
  private readonly inputIndex: ReadonlyMap<string, number>;

  constructor(
    readonly sheet: SheetSnapshot,
    readonly annex: LocatedAnnex,
    readonly derived: readonly DerivedCell[],
    readonly options: CheckOptions
  ) {
    this.inputs = annex.template.columns.filter((c): c is InputColumn => c.role === "input");
    this.inputIndex = new Map(this.inputs.map((c, k) => [c.id, k]));
  }

  get locale(): NumberLocale {
    return this.options.locale;
  }

  emit(ruleId: RuleId, e: Emission): void {
    const configured = this.options.severities?.[ruleId];
    if (configured === "off") return;
    const def = RULES[ruleId];
    this.findings.push({
      ruleId,
      severity: configured ?? def.severity,
      sheet: this.sheet.name,
      cells: e.cells,
      ...(e.indicator ? { indicatorCode: e.indicator.code } : {}),
      ...(e.columnId ? { columnId: e.columnId } : {}),
      message: e.message,
      ...(e.expected ? { expected: e.expected } : {}),
      ...(e.found ? { found: e.found } : {}),
      reason: def.reason,
      ...(e.fix ? { fix: e.fix } : {}),
    });
  }

  col(columnId: string): number | undefined {
    return this.annex.columns.get(columnId);
  }

  address(row: LocatedRow, columnId: string): string {
    return toA1(row.row, this.col(columnId) ?? 0);
  }

  /** The reading of an input cell, computed once. */
  reading(row: LocatedRow, column: InputColumn): CellReading {
    const slot = row.index * this.inputs.length + (this.inputIndex.get(column.id) ?? 0);
    let r = this.readings[slot];
    if (r === undefined) {
      const c = this.col(column.id);
      r = c === undefined ? BLANK : readCell(cellAt(this.sheet, row.row, c), this.locale);
      this.readings[slot] = r;
    }
    return r;
  }

  /** The number in an input cell (typed or as text), or undefined. */
  number(row: LocatedRow | undefined, column: InputColumn): Figure | undefined {
    if (!row) return undefined;
    const r = this.reading(row, column);
    return r.kind === "number" ? r : undefined;
  }

  column(id: string): Column | undefined {
    return this.annex.template.columns.find((c) => c.id === id);
  }

  private readonly names = new Map<string, Bilingual>();

  /** The column's header text for this annex's year, as people read it: "ƯTH năm 2022". */
  columnName(column: Column): Bilingual {
    let name = this.names.get(column.id);
    if (!name) {
      name = resolveLocalized(column.header, this.annex.year);
      this.names.set(column.id, name);
    }
    return name;
  }
}

const BLANK: CellReading = { kind: "blank" };

/** A number read from a cell; `decimals` is known when the format or the typed text tells. */
export interface Figure {
  readonly value: number;
  readonly decimals?: number;
}

/** Decimals a figure is shown with: from its format or text, else as many as its value has. */
export function shownDecimals(f: Figure): number {
  return f.decimals ?? decimalsOf(f.value);
}

/** A number in both languages' conventions: {vi: "16.000", en: "16,000"}. */
export function num(value: number, decimals?: number): Bilingual {
  return { vi: formatNumber(value, "vi-VN", decimals), en: formatNumber(value, "en-US", decimals) };
}

export function withUnit(value: number, unit: string, decimals?: number): Bilingual {
  const n = num(value, decimals);
  return { vi: `${n.vi} ${unit}`, en: `${n.en} ${unit}` };
}

export function text(vi: string, en: string = vi): Bilingual {
  return { vi, en };
}

export function indicatorLabel(ind: Indicator): Bilingual {
  return { vi: `${ind.code}. ${ind.name.vi}`, en: `${ind.code}. ${ind.name.en}` };
}

/** Half a unit in the last decimal place shown: a value with d decimals stands for ± this much. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

export const EPSILON = 1e-9;

import { formatNumber, decimalsOf } from "../numbers/formatNumber";
import { NumberLocale } from "../numbers/locale";
import { DerivedSet } from "../derive/derivedCells";
import { toA1 } from "../sheet/address";
import { LocatedAnnex, LocatedRow } from "../sheet/locate";
import { ColumnReading, SheetReadings } from "../sheet/columnReadings";
import { SheetSnapshot } from "../sheet/snapshot";
import { quoteCell } from "../text/quote";
import { TargetsFile } from "../targets/targetsFile";
import { resolveLocalized } from "../template/headers";
import { Column, Indicator, InputColumn } from "../template/schema";
import { RuleId, RULES } from "./catalog";
import { Bilingual, Finding, Severity } from "./finding";

export interface CheckOptions {
  /** How text in cells is read: "16.000" is 16 000 in vi-VN and 16 in en-US. */
  readonly locale: NumberLocale;
  /** Year-over-year change (in %) beyond which a note is expected. Default 50. */
  readonly changeThreshold?: number;
  /** For rates and points: the change from last year (in percentage points) beyond which a note is expected. Default 5. */
  readonly changePointsThreshold?: number;
  /** The province's targets for the year (a targets file); plans are checked against them. */
  readonly targets?: TargetsFile;
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

/** An input column the sheet has, and its reading. */
export interface InputReading {
  readonly column: InputColumn;
  readonly reading: ColumnReading;
}

/**
 * What every check sees: the sheet, where the template sits on it, its columns read once into typed
 * arrays (shared with the derived columns), and emit().
 */
export class RuleContext {
  readonly findings: Finding[] = [];
  readonly inputs: readonly InputColumn[];

  constructor(
    readonly sheet: SheetSnapshot,
    readonly annex: LocatedAnnex,
    readonly derived: DerivedSet,
    readonly options: CheckOptions,
    readonly readings: SheetReadings
  ) {
    this.inputs = annex.template.columns.filter((c): c is InputColumn => c.role === "input");
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

  /** An input column read once for every located row (index by LocatedRow.index); undefined when the sheet lacks it. */
  input(column: InputColumn): ColumnReading | undefined {
    const c = this.col(column.id);
    return c === undefined ? undefined : this.readings.column(c);
  }

  private present?: ReadonlyArray<InputReading>;

  /** The input columns the sheet has, each with its reading: listed once, shared by the checks. */
  presentInputs(): ReadonlyArray<InputReading> {
    return (this.present ??= this.inputs.flatMap((column) => {
      const reading = this.input(column);
      return reading ? [{ column, reading }] : [];
    }));
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

/** A way of writing numbers, in an officer's words rather than a locale code ("vi-VN"). */
export function writingStyle(locale: "vi-VN" | "en-US"): Bilingual {
  return locale === "vi-VN"
    ? text(
        "cách viết Việt Nam (dấu chấm phân cách hàng nghìn, dấu phẩy thập phân)",
        "the Vietnamese way (dot between thousands, decimal comma)"
      )
    : text(
        "cách viết tiếng Anh (dấu phẩy phân cách hàng nghìn, dấu chấm thập phân)",
        "the English way (comma between thousands, decimal point)"
      );
}

export function indicatorLabel(ind: Indicator): Bilingual {
  return { vi: `${ind.code}. ${ind.name.vi}`, en: `${ind.code}. ${ind.name.en}` };
}

/** How long a name a finding quotes before it is cut with "…" (a template's own names are shorter). */
const NAME_LIMIT = 90;

/**
 * The indicator a finding is about, by its name with its number after it, as an officer reads the
 * form: {vi: "Số lao động được tạo việc làm mới (1)", en: "New jobs created (1)"}. A long name (a
 * template of one's own) is cut with "…".
 */
export function indicatorNamed(ind: Indicator): Bilingual {
  return {
    vi: `${quoteCell(ind.name.vi, NAME_LIMIT)} (${ind.code})`,
    en: `${quoteCell(ind.name.en, NAME_LIMIT)} (${ind.code})`,
  };
}

/** Decimals the figure at position i of a column stands for, as written (ColumnReading.shownDecimals). */
export function shownDecimalsAt(c: ColumnReading, i: number): number {
  const d = c.shownDecimals(i);
  return d >= 0 ? d : decimalsOf(c.value[i]);
}

/** Half a unit in the last decimal place shown: a value with d decimals stands for ± this much. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

export const EPSILON = 1e-9;

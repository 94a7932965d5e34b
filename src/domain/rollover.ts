import { Bilingual } from "./rules/finding";
import { isFigure, SheetReadings, TEXT } from "./sheet/columnReadings";
import { LocatedAnnex } from "./sheet/locate";
import { resolveYearTokens } from "./template/headers";
import { InputColumn, Template } from "./template/schema";

/**
 * Next year's annex from this one (issue #21, `annex rollover`): which of this year's figures go into
 * which cell of next year's. A figure goes only where it means the same thing: the same kind of figure
 * (plan, actual, estimate) for the same year and the same months ("KH năm N+1" this year is "KH năm N"
 * next year). The one exception is said: this year's full-year estimate (ƯTH) is next year's actual of
 * the year before, as a draft to be replaced by the official figure. Pure; the command writes it.
 */
export interface CarriedFigure {
  /** The indicator's code and name. */
  readonly code: string;
  readonly name: string;
  /** Next year's input column, and this year's column the figure came from. */
  readonly to: string;
  readonly from: string;
  /** A figure, or a plan's target as written ("trên 16.000") between two plan columns. */
  readonly value: number | string;
  /** An estimate standing in for an actual: to be replaced by the official figure. */
  readonly draft: boolean;
  /** "ƯTH năm 2027 → TH năm 2027", as the two headers read. */
  readonly what: Bilingual;
}

export interface Rollover {
  readonly year: number;
  readonly carried: readonly CarriedFigure[];
  /** Next year's input columns nothing goes into, by header (filled by hand next year). */
  readonly empty: readonly Bilingual[];
}

/** Where each of next year's input columns comes from: a column of this year's, and whether as a draft. */
export function rolloverColumns(
  template: Template,
  year: number
): Map<string, { readonly from: InputColumn; readonly draft: boolean }> {
  const inputs = template.columns.filter((c): c is InputColumn => c.role === "input");
  const yearOf = (c: InputColumn, y: number) => y + c.yearOffset;
  const map = new Map<string, { from: InputColumn; draft: boolean }>();
  for (const next of inputs) {
    const y = yearOf(next, year + 1);
    const same = inputs.find(
      (c) => c.period === next.period && yearOf(c, year) === y && c.months === next.months
    );
    if (same) {
      map.set(next.id, { from: same, draft: false });
      continue;
    }
    // Next year's full-year actual of a year this annex only estimates: the estimate, as a draft.
    if (next.period === "actual" && next.months === undefined) {
      const estimate = inputs.find(
        (c) => c.period === "estimate" && c.months === undefined && yearOf(c, year) === y
      );
      if (estimate) map.set(next.id, { from: estimate, draft: true });
    }
  }
  return map;
}

export function rollover(annex: LocatedAnnex, readings: SheetReadings): Rollover {
  const template = annex.template;
  const year = annex.year;
  const columns = rolloverColumns(template, year);
  const header = (c: InputColumn, y: number): Bilingual => ({
    vi: resolveYearTokens(c.header.vi, y),
    en: resolveYearTokens(c.header.en, y),
  });
  const carried: CarriedFigure[] = [];
  const inputs = template.columns.filter((c): c is InputColumn => c.role === "input");
  for (const next of inputs) {
    const source = columns.get(next.id);
    if (!source) continue;
    const col = annex.columns.get(source.from.id);
    if (col === undefined) continue;
    const reading = readings.column(col);
    const a = header(source.from, year);
    const b = header(next, year + 1);
    for (let i = 0; i < annex.rows.length; i++) {
      const target = reading.state[i] === TEXT && source.from.holdsTarget && next.holdsTarget;
      if (!isFigure(reading.state[i]) && !target) continue;
      const row = annex.rows[i];
      carried.push({
        code: row.indicator.code,
        name: row.indicator.name.vi,
        to: next.id,
        from: source.from.id,
        value: target ? (reading.text(i) ?? "") : reading.value[i],
        draft: source.draft,
        what: { vi: `${a.vi} → ${b.vi}`, en: `${a.en} → ${b.en}` },
      });
    }
  }
  return {
    year: year + 1,
    carried,
    empty: inputs.filter((c) => !columns.has(c.id)).map((c) => header(c, year + 1)),
  };
}

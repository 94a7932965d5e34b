import { InputColumn } from "./schema";

/**
 * The column holding the same indicator one year earlier, for a change from one year to the next
 * (a "reduction" relation, the consolidation's points): only full-year figures are compared, so
 *  - a column covering part of a year (6 tháng, quý I, 9 tháng) has none: a half-year rate is not
 *    comparable with a year-end one;
 *  - otherwise it is the full-year column of the year before (yearOffset − 1), the actual figure
 *    ("TH") when the form has one, else the estimate ("ƯTH"); a plan is never what happened.
 * In Biểu 01 (Y the plan year): KH năm Y-1 and ƯTH năm Y-1 compare with TH năm Y-2, KH năm Y with
 * ƯTH năm Y-1; TH năm Y-2 (no earlier year on the form) and TH 6 tháng have none.
 */
export function yearBeforeColumn(
  inputs: readonly InputColumn[],
  column: InputColumn
): InputColumn | undefined {
  if (column.months !== undefined) return undefined;
  const fullYear = (period: InputColumn["period"]) =>
    inputs.find(
      (c) => c.months === undefined && c.period === period && c.yearOffset === column.yearOffset - 1
    );
  return fullYear("actual") ?? fullYear("estimate");
}

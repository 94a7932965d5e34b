import { Indicator, InputColumn } from "../../template/schema";
import { EPSILON, halfUnit, num, RuleContext, text } from "../context";

/**
 * Relations between rows, in every period column: "gồm" parts add up to their total, "trong đó" parts
 * do not exceed it, and a rate agrees with its numerator and denominator within rounding.
 */
export function checkRelations(ctx: RuleContext): void {
  for (const row of ctx.annex.rows) {
    for (const rel of row.indicator.relations) {
      for (const column of ctx.inputs) {
        if (ctx.col(column.id) === undefined) continue;
        if (rel.type === "sum") checkSum(ctx, row.indicator, rel.of, column);
        else if (rel.type === "partOf") checkPart(ctx, row.indicator, rel.of, column);
        else checkRatio(ctx, row.indicator, rel.numerator, rel.denominator, rel.scale, column);
      }
    }
  }
}

/** Rounding tolerance of a sum: counts are exact; other figures stand for ± half a unit each. */
function tolerance(ind: Indicator, decimals: readonly number[]): { tol: number; unit: number } {
  if (ind.kind === "count") return { tol: 0, unit: 0 };
  const tol = decimals.reduce((s, d) => s + halfUnit(d), 0);
  return { tol, unit: 10 ** -Math.min(...decimals) };
}

function checkSum(ctx: RuleContext, parent: Indicator, of: readonly string[], column: InputColumn): void {
  const rowOf = ctx.annex.rowOf;
  const parentRow = rowOf.get(parent.code);
  const total = ctx.number(parentRow, column);
  if (!parentRow || !total) return;
  const parts = of.map((code) => ({ code, row: rowOf.get(code) }));
  const values = parts.map((p) => ctx.number(p.row, column));
  const present = values.filter((v): v is { value: number; decimals: number } => v !== undefined);
  const sum = present.reduce((s, v) => s + v.value, 0);
  const cells = [ctx.address(parentRow, column.id), ...parts.filter((p) => p.row).map((p) => ctx.address(p.row!, column.id))];
  const where = ctx.columnName(column);
  const { tol, unit } = tolerance(parent, [total.decimals, ...present.map((v) => v.decimals)]);
  const diff = total.value - sum;
  const terms = parts.map((_p, i) => (values[i] ? num(values[i]!.value).vi : "?")).join(" + ");
  const termsEn = parts.map((_p, i) => (values[i] ? num(values[i]!.value).en : "?")).join(" + ");
  if (present.length < parts.length) {
    // Some parts are blank: the parts given can still not exceed the total.
    if (present.length > 0 && sum > total.value + tol + EPSILON) {
      ctx.emit("sum.mismatch", {
        cells,
        indicator: parent,
        columnId: column.id,
        message: text(
          `"${where.vi}": các thành phần đã có (${terms}) đã vượt tổng ${num(total.value).vi} của chỉ tiêu ${parent.code}.`,
          `"${where.en}": the parts given (${termsEn}) already exceed the total ${num(total.value).en} of indicator ${parent.code}.`
        ),
        expected: text(`≤ ${num(total.value).vi}`, `≤ ${num(total.value).en}`),
        found: num(sum),
      });
    }
    return;
  }
  if (Math.abs(diff) <= tol + EPSILON) return;
  const rounding = Math.abs(diff) <= tol + unit + EPSILON;
  ctx.emit(rounding ? "sum.rounding" : "sum.mismatch", {
    cells,
    indicator: parent,
    columnId: column.id,
    message: text(
      `"${where.vi}": chỉ tiêu ${parent.code} ghi ${num(total.value).vi} nhưng các thành phần ${of.join(", ")} cộng lại ${terms} = ${num(sum).vi} (lệch ${num(diff).vi}).`,
      `"${where.en}": indicator ${parent.code} states ${num(total.value).en} but its parts ${of.join(", ")} add up to ${termsEn} = ${num(sum).en} (off by ${num(diff).en}).`
    ),
    expected: num(sum),
    found: num(total.value),
  });
}

function checkPart(ctx: RuleContext, part: Indicator, of: string, column: InputColumn): void {
  const partRow = ctx.annex.rowOf.get(part.code);
  const totalRow = ctx.annex.rowOf.get(of);
  const p = ctx.number(partRow, column);
  const t = ctx.number(totalRow, column);
  if (!p || !t || !partRow || !totalRow) return;
  const { tol } = tolerance(part, [p.decimals, t.decimals]);
  if (p.value <= t.value + tol + EPSILON) return;
  const where = ctx.columnName(column);
  ctx.emit("part.exceeds", {
    cells: [ctx.address(partRow, column.id), ctx.address(totalRow, column.id)],
    indicator: part,
    columnId: column.id,
    message: text(
      `"${where.vi}": chỉ tiêu ${part.code} (${num(p.value).vi}) là một phần của chỉ tiêu ${of} nhưng lớn hơn nó (${num(t.value).vi}).`,
      `"${where.en}": indicator ${part.code} (${num(p.value).en}) is part of indicator ${of} but exceeds it (${num(t.value).en}).`
    ),
    expected: text(`≤ ${num(t.value).vi}`, `≤ ${num(t.value).en}`),
    found: num(p.value),
  });
}

function checkRatio(
  ctx: RuleContext,
  rate: Indicator,
  numerator: string,
  denominator: string,
  scale: number,
  column: InputColumn
): void {
  const rowOf = ctx.annex.rowOf;
  const rateRow = rowOf.get(rate.code);
  const nRow = rowOf.get(numerator);
  const dRow = rowOf.get(denominator);
  const r = ctx.number(rateRow, column);
  const n = ctx.number(nRow, column);
  const d = ctx.number(dRow, column);
  if (!r || !n || !d || !rateRow || !nRow || !dRow || d.value === 0) return;
  const computed = (n.value / d.value) * scale;
  const h = halfUnit(r.decimals);
  const diff = Math.abs(computed - r.value);
  if (diff <= h + EPSILON) return;
  const rounding = diff <= h + 10 ** -r.decimals + EPSILON;
  const where = ctx.columnName(column);
  ctx.emit(rounding ? "ratio.rounding" : "ratio.mismatch", {
    cells: [ctx.address(rateRow, column.id), ctx.address(nRow, column.id), ctx.address(dRow, column.id)],
    indicator: rate,
    columnId: column.id,
    message: text(
      `"${where.vi}": tỷ lệ ${rate.code} ghi ${num(r.value, r.decimals).vi}% nhưng ${num(n.value).vi} / ${num(d.value).vi} = ${num(computed, r.decimals + 2).vi}%.`,
      `"${where.en}": rate ${rate.code} states ${num(r.value, r.decimals).en}% but ${num(n.value).en} / ${num(d.value).en} = ${num(computed, r.decimals + 2).en}%.`
    ),
    expected: num(computed, r.decimals),
    found: num(r.value, r.decimals),
  });
}

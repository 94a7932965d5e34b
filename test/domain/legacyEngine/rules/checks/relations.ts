/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { LocatedRow } from "../../sheet/locate";
import { compileTemplate } from "../../../../../src/domain/template/compiled";
import { Indicator, InputColumn } from "../../../../../src/domain/template/schema";
import { EPSILON, Figure, halfUnit, num, RuleContext, shownDecimals, text } from "../context";

/**
 * Relations between rows, in every period column: "gồm" parts add up to their total, "trong đó" parts
 * do not exceed it, and a rate agrees with its numerator and denominator within rounding.
 */
export function checkRelations(ctx: RuleContext): void {
  const columns = ctx.inputs.filter((c) => ctx.col(c.id) !== undefined);
  const { relations } = compileTemplate(ctx.annex.template);
  const rowAt = (i: number) => ctx.annex.rowOf.at(i);
  for (const row of ctx.annex.rows) {
    for (const rel of relations[row.indicatorIndex]) {
      if (rel.type === "sum") {
        const partRows = rel.parts.map(rowAt);
        for (const column of columns) checkSum(ctx, row, rel.of, partRows, column);
      } else if (rel.type === "partOf") {
        const totalRow = rowAt(rel.total);
        for (const column of columns) checkPart(ctx, row, rel.of, totalRow, column);
      } else {
        const [nRow, dRow] = [rowAt(rel.n), rowAt(rel.d)];
        for (const column of columns) {
          checkRatio(ctx, row, nRow, dRow, rel.scale, column);
        }
      }
    }
  }
}

/** Rounding tolerance of a sum: counts are exact; other figures stand for ± half a unit each. */
function tolerance(ind: Indicator, figures: readonly Figure[]): { tol: number; unit: number } {
  if (ind.kind === "count") return { tol: 0, unit: 0 };
  const decimals = figures.map(shownDecimals);
  const tol = decimals.reduce((s, d) => s + halfUnit(d), 0);
  return { tol, unit: 10 ** -Math.min(...decimals) };
}

function checkSum(
  ctx: RuleContext,
  parentRow: LocatedRow,
  of: readonly string[],
  partRows: ReadonlyArray<LocatedRow | undefined>,
  column: InputColumn
): void {
  const parent = parentRow.indicator;
  const total = ctx.number(parentRow, column);
  if (!total) return;
  let sum = 0;
  let present = 0;
  for (const r of partRows) {
    const v = ctx.number(r, column);
    if (v) {
      sum += v.value;
      present++;
    }
  }
  const partial = present < of.length;
  if (present === 0) return;
  // Counts are exact, so only other kinds need each part's decimals (and only they read them here).
  const figures = (): Array<Figure | undefined> => partRows.map((r) => ctx.number(r, column));
  const parts = parent.kind === "count" ? undefined : figures();
  const { tol, unit } = parts
    ? tolerance(parent, [total, ...parts.filter((v): v is Figure => v !== undefined)])
    : { tol: 0, unit: 0 };
  const diff = total.value - sum;
  // Some parts blank: the parts given can still not exceed the total. All there: they must add up.
  if (partial ? sum <= total.value + tol + EPSILON : Math.abs(diff) <= tol + EPSILON) return;
  // Only now, for a finding, are messages built: most sums add up.
  const cells = [
    ctx.address(parentRow, column.id),
    ...partRows.flatMap((r) => (r ? [ctx.address(r, column.id)] : [])),
  ];
  const where = ctx.columnName(column);
  const values = parts ?? figures();
  const terms = (lang: "vi" | "en") =>
    values.map((v) => (v ? num(v.value)[lang] : "?")).join(" + ");
  const [t, s] = [num(total.value), num(sum)];
  if (partial) {
    ctx.emit("sum.mismatch", {
      cells,
      indicator: parent,
      columnId: column.id,
      message: text(
        `"${where.vi}": các thành phần đã có (${terms("vi")}) đã vượt tổng ${t.vi} của chỉ tiêu ${parent.code}.`,
        `"${where.en}": the parts given (${terms("en")}) already exceed the total ${t.en} of indicator ${parent.code}.`
      ),
      expected: text(`≤ ${t.vi}`, `≤ ${t.en}`),
      found: s,
    });
    return;
  }
  const rounding = Math.abs(diff) <= tol + unit + EPSILON;
  const d = num(diff);
  ctx.emit(rounding ? "sum.rounding" : "sum.mismatch", {
    cells,
    indicator: parent,
    columnId: column.id,
    message: text(
      `"${where.vi}": chỉ tiêu ${parent.code} ghi ${t.vi} nhưng các thành phần ${of.join(", ")} cộng lại ${terms("vi")} = ${s.vi} (lệch ${d.vi}).`,
      `"${where.en}": indicator ${parent.code} states ${t.en} but its parts ${of.join(", ")} add up to ${terms("en")} = ${s.en} (off by ${d.en}).`
    ),
    expected: s,
    found: t,
  });
}

function checkPart(
  ctx: RuleContext,
  partRow: LocatedRow,
  of: string,
  totalRow: LocatedRow | undefined,
  column: InputColumn
): void {
  const part = partRow.indicator;
  const p = ctx.number(partRow, column);
  const t = ctx.number(totalRow, column);
  if (!p || !t || !totalRow) return;
  const { tol } = tolerance(part, [p, t]);
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
  rateRow: LocatedRow,
  nRow: LocatedRow | undefined,
  dRow: LocatedRow | undefined,
  scale: number,
  column: InputColumn
): void {
  const rate = rateRow.indicator;
  const r = ctx.number(rateRow, column);
  const n = ctx.number(nRow, column);
  const d = ctx.number(dRow, column);
  if (!r || !n || !d || !nRow || !dRow || d.value === 0) return;
  const computed = (n.value / d.value) * scale;
  const decimals = shownDecimals(r);
  const h = halfUnit(decimals);
  const diff = Math.abs(computed - r.value);
  if (diff <= h + EPSILON) return;
  const rounding = diff <= h + 10 ** -decimals + EPSILON;
  const where = ctx.columnName(column);
  const [stated, exact] = [num(r.value, decimals), num(computed, decimals + 2)];
  ctx.emit(rounding ? "ratio.rounding" : "ratio.mismatch", {
    cells: [
      ctx.address(rateRow, column.id),
      ctx.address(nRow, column.id),
      ctx.address(dRow, column.id),
    ],
    indicator: rate,
    columnId: column.id,
    message: text(
      `"${where.vi}": tỷ lệ ${rate.code} ghi ${stated.vi}% nhưng ${num(n.value).vi} / ${num(d.value).vi} = ${exact.vi}%.`,
      `"${where.en}": rate ${rate.code} states ${stated.en}% but ${num(n.value).en} / ${num(d.value).en} = ${exact.en}%.`
    ),
    expected: num(computed, decimals),
    found: stated,
  });
}

import { LocatedRow } from "../../sheet/locate";
import { compileTemplate } from "../../template/compiled";
import { ColumnReading, isFigure } from "../../sheet/columnReadings";
import { InputColumn } from "../../template/schema";
import { yearBeforeColumn } from "../../template/yearBefore";
import {
  EPSILON,
  halfUnit,
  indicatorNamed,
  InputReading,
  num,
  RuleContext,
  shownDecimalsAt,
  text,
} from "../context";

/**
 * Relations between rows, in every period column: "gồm" parts add up to their total, "trong đó" parts
 * do not exceed it, a rate agrees with its numerator and denominator within rounding, and a reduction
 * (points) equals its rate's fall from the year before's column (yearBeforeColumn) to this one.
 */
export function checkRelations(ctx: RuleContext): void {
  const columns = ctx.presentInputs();
  const { relations } = compileTemplate(ctx.annex.template);
  // For each present input column, the full-year column of the year before when the sheet has it.
  let before: ReadonlyArray<InputReading | undefined> | undefined;
  const yearBefore = () =>
    (before ??= columns.map(({ column }) => {
      const p = yearBeforeColumn(ctx.inputs, column);
      const reading = p && ctx.input(p);
      return p && reading ? { column: p, reading } : undefined;
    }));
  const rowAt = (i: number) => ctx.annex.rowOf.at(i);
  const rows = ctx.annex.rows;
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri];
    // Indexed loops in the per-row code: a for-of here made an iterator per row.
    const rels = relations[row.indicatorIndex];
    for (let r = 0; r < rels.length; r++) {
      const rel = rels[r];
      if (rel.type === "sum") {
        const partRows = rel.parts.map(rowAt);
        for (let k = 0; k < columns.length; k++)
          checkSum(ctx, row, rel.of, partRows, columns[k].column, columns[k].reading);
      } else if (rel.type === "partOf") {
        const totalRow = rowAt(rel.total);
        for (let k = 0; k < columns.length; k++)
          checkPart(ctx, row, totalRow, columns[k].column, columns[k].reading, rel.carriedOver);
      } else if (rel.type === "reduction") {
        const rateRow = rowAt(rel.rate);
        const prev = yearBefore();
        for (let k = 0; k < columns.length; k++) {
          const p = prev[k];
          if (p) checkReduction(ctx, row, rateRow, columns[k], p);
        }
      } else {
        const nRow = rowAt(rel.n);
        const dRow = rowAt(rel.d);
        for (let k = 0; k < columns.length; k++) {
          checkRatio(ctx, row, nRow, dRow, rel.scale, columns[k].column, columns[k].reading);
        }
      }
    }
  }
}

/** Position of a row's figure in a column reading, or -1 when the row is absent or holds no figure. */
function at(c: ColumnReading, row: LocatedRow | undefined): number {
  return row !== undefined && isFigure(c.state[row.index]) ? row.index : -1;
}

function checkSum(
  ctx: RuleContext,
  parentRow: LocatedRow,
  of: readonly string[],
  partRows: ReadonlyArray<LocatedRow | undefined>,
  column: InputColumn,
  c: ColumnReading
): void {
  const parent = parentRow.indicator;
  const ti = at(c, parentRow);
  if (ti < 0) return;
  const total = c.value[ti];
  // Rounding tolerance, in the same pass as the sum: counts are exact; other figures stand for ± half
  // a unit each (the total's first, then each part's).
  const exact = parent.kind === "count";
  let least = exact ? 0 : shownDecimalsAt(c, ti);
  let tol = exact ? 0 : halfUnit(least);
  let sum = 0;
  let present = 0;
  for (let p = 0; p < partRows.length; p++) {
    const i = at(c, partRows[p]);
    if (i < 0) continue;
    sum += c.value[i];
    present++;
    if (!exact) {
      const d = shownDecimalsAt(c, i);
      tol += halfUnit(d);
      least = Math.min(least, d);
    }
  }
  const partial = present < of.length;
  if (present === 0) return;
  const unit = exact ? 0 : 10 ** -least;
  const diff = total - sum;
  // Some parts blank: the parts given can still not exceed the total. All there: they must add up.
  if (partial ? sum <= total + tol + EPSILON : Math.abs(diff) <= tol + EPSILON) return;
  // Only now, for a finding, are messages built: most sums add up.
  const cells = [
    ctx.address(parentRow, column.id),
    ...partRows.flatMap((r) => (r ? [ctx.address(r, column.id)] : [])),
  ];
  const where = ctx.columnName(column);
  const terms = (lang: "vi" | "en") =>
    partRows
      .map((r) => {
        const i = at(c, r);
        return i >= 0 ? num(c.value[i])[lang] : "?";
      })
      .join(" + ");
  const [t, s] = [num(total), num(sum)];
  const named = indicatorNamed(parent);
  if (partial) {
    ctx.emit("sum.mismatch", {
      cells,
      indicator: parent,
      columnId: column.id,
      message: text(
        `"${where.vi}": các thành phần đã có (${terms("vi")}) đã vượt tổng ${t.vi} của ${named.vi}.`,
        `"${where.en}": the parts given (${terms("en")}) already exceed the total ${t.en} of ${named.en}.`
      ),
      expected: text(`≤ ${t.vi}`, `≤ ${t.en}`),
      found: s,
    });
    return;
  }
  const rounding = Math.abs(diff) <= tol + unit + EPSILON;
  // "thiếu 4" when the total states less than its parts, "thừa 40" when more; never "lệch -4".
  const gap = num(Math.abs(diff));
  const d =
    diff < 0
      ? text(`thiếu ${gap.vi}`, `${gap.en} short`)
      : text(`thừa ${gap.vi}`, `${gap.en} over`);
  ctx.emit(rounding ? "sum.rounding" : "sum.mismatch", {
    cells,
    indicator: parent,
    columnId: column.id,
    message: text(
      `"${where.vi}": ${named.vi} ghi ${t.vi} nhưng ${of.length > 1 ? "các dòng" : "dòng"} ${of.join(", ")} cộng lại ${terms("vi")} = ${s.vi} (${d.vi}).`,
      `"${where.en}": ${named.en} states ${t.en} but ${of.length > 1 ? "rows" : "row"} ${of.join(", ")} add up to ${terms("en")} = ${s.en} (${d.en}).`
    ),
    expected: s,
    found: t,
  });
}

function checkPart(
  ctx: RuleContext,
  partRow: LocatedRow,
  totalRow: LocatedRow | undefined,
  column: InputColumn,
  c: ColumnReading,
  carriedOver: boolean
): void {
  const part = partRow.indicator;
  const pi = at(c, partRow);
  const ti = at(c, totalRow);
  if (pi < 0 || ti < 0 || !totalRow) return;
  const p = c.value[pi];
  const t = c.value[ti];
  const tol =
    part.kind === "count" ? 0 : halfUnit(shownDecimalsAt(c, pi)) + halfUnit(shownDecimalsAt(c, ti));
  if (p <= t + tol + EPSILON) return;
  const where = ctx.columnName(column);
  const [named, total] = [indicatorNamed(part), indicatorNamed(totalRow.indicator)];
  if (carriedOver) {
    const more = num(p - t);
    ctx.emit("part.carried-over", {
      cells: [ctx.address(partRow, column.id), ctx.address(totalRow, column.id)],
      indicator: part,
      columnId: column.id,
      message: text(
        `"${where.vi}": ${named.vi} ghi ${num(p).vi}, thừa ${more.vi} so với ${total.vi} (${num(t).vi}). Có thể gồm các trường hợp từ kỳ trước chuyển sang; nếu vậy hãy ghi rõ ở Ghi chú, nếu không hãy xem lại số liệu.`,
        `"${where.en}": ${named.en} states ${num(p).en}, ${more.en} more than ${total.en} (${num(t).en}). It may include cases carried over from the period before; if so, say so in the note, otherwise check the figures.`
      ),
      expected: text(
        `≤ ${num(t).vi}, hoặc ghi chú các trường hợp kỳ trước`,
        `≤ ${num(t).en}, or a note on cases carried over`
      ),
      found: num(p),
    });
    return;
  }
  ctx.emit("part.exceeds", {
    cells: [ctx.address(partRow, column.id), ctx.address(totalRow, column.id)],
    indicator: part,
    columnId: column.id,
    message: text(
      `"${where.vi}": ${named.vi} ghi ${num(p).vi} nhưng là một phần của ${total.vi}, chỉ ghi ${num(t).vi}.`,
      `"${where.en}": ${named.en} states ${num(p).en} but is part of ${total.en}, which states only ${num(t).en}.`
    ),
    expected: text(`≤ ${num(t).vi}`, `≤ ${num(t).en}`),
    found: num(p),
  });
}

function checkRatio(
  ctx: RuleContext,
  rateRow: LocatedRow,
  nRow: LocatedRow | undefined,
  dRow: LocatedRow | undefined,
  scale: number,
  column: InputColumn,
  c: ColumnReading
): void {
  const rate = rateRow.indicator;
  const ri = at(c, rateRow);
  const ni = at(c, nRow);
  const di = at(c, dRow);
  if (ri < 0 || ni < 0 || di < 0 || !nRow || !dRow || c.value[di] === 0) return;
  const r = c.value[ri];
  const n = c.value[ni];
  const d = c.value[di];
  const computed = (n / d) * scale;
  const decimals = shownDecimalsAt(c, ri);
  const h = halfUnit(decimals);
  const diff = Math.abs(computed - r);
  if (diff <= h + EPSILON) return;
  const rounding = diff <= h + 10 ** -decimals + EPSILON;
  const where = ctx.columnName(column);
  const stated = num(r, decimals);
  // Figures near 1e308 over a tiny one: the quotient is no number, said in words without a "%".
  const percent = Number.isFinite(computed) ? "%" : "";
  const exact = num(computed, decimals + 2);
  const named = indicatorNamed(rate);
  ctx.emit(rounding ? "ratio.rounding" : "ratio.mismatch", {
    cells: [
      ctx.address(rateRow, column.id),
      ctx.address(nRow, column.id),
      ctx.address(dRow, column.id),
    ],
    indicator: rate,
    columnId: column.id,
    message: text(
      `"${where.vi}": ${named.vi} ghi ${stated.vi}% nhưng ${num(n).vi} / ${num(d).vi} = ${exact.vi}${percent}.`,
      `"${where.en}": ${named.en} states ${stated.en}% but ${num(n).en} / ${num(d).en} = ${exact.en}${percent}.`
    ),
    expected: num(computed, decimals),
    found: stated,
  });
}

/**
 * A reduction row (points) in column X against its rate in the year before's column P and in X:
 * reduction = rate(P) − rate(X). Each figure stands for ± half a unit of the decimals written, so
 * the tolerance is the sum of the three; one more unit in the reduction's last decimal is a rounding
 * slip (a warning), beyond that a mismatch.
 */
function checkReduction(
  ctx: RuleContext,
  pointsRow: LocatedRow,
  rateRow: LocatedRow | undefined,
  cur: InputReading,
  prev: InputReading
): void {
  const c = cur.reading;
  const p = prev.reading;
  const xi = at(c, pointsRow);
  const ri = at(c, rateRow);
  const pi = at(p, rateRow);
  if (xi < 0 || ri < 0 || pi < 0 || !rateRow) return;
  const stated = c.value[xi];
  const before = p.value[pi];
  const now = c.value[ri];
  const computed = before - now;
  const decimals = shownDecimalsAt(c, xi);
  const [dBefore, dNow] = [shownDecimalsAt(p, pi), shownDecimalsAt(c, ri)];
  const tol = halfUnit(decimals) + halfUnit(dBefore) + halfUnit(dNow);
  const diff = Math.abs(computed - stated);
  if (diff <= tol + EPSILON) return;
  const rounding = diff <= tol + 10 ** -decimals + EPSILON;
  const [where, then] = [ctx.columnName(cur.column), ctx.columnName(prev.column)];
  const [named, rate] = [indicatorNamed(pointsRow.indicator), indicatorNamed(rateRow.indicator)];
  const [s, b, n] = [num(stated, decimals), num(before, dBefore), num(now, dNow)];
  const exact = num(computed, Math.max(dBefore, dNow));
  ctx.emit(rounding ? "reduction.rounding" : "reduction.mismatch", {
    cells: [
      ctx.address(pointsRow, cur.column.id),
      ctx.address(rateRow, prev.column.id),
      ctx.address(rateRow, cur.column.id),
    ],
    indicator: pointsRow.indicator,
    columnId: cur.column.id,
    message: text(
      `"${where.vi}": ${named.vi} ghi ${s.vi} nhưng ${rate.vi} từ ${b.vi}% ("${then.vi}") xuống ${n.vi}% ("${where.vi}") là giảm ${b.vi} − ${n.vi} = ${exact.vi} điểm %.`,
      `"${where.en}": ${named.en} states ${s.en} but ${rate.en} going from ${b.en}% ("${then.en}") to ${n.en}% ("${where.en}") is a fall of ${b.en} − ${n.en} = ${exact.en} points.`
    ),
    expected: num(computed, decimals),
    found: s,
  });
}

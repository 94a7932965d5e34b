import { EVALUATION } from "../../derive/derivedCells";
import { indicatorDecimals } from "../../layout/selfCheck";
import { isFigure } from "../../sheet/columnReadings";
import { LocatedRow } from "../../sheet/locate";
import { valueAt } from "../../sheet/snapshot";
import {
  changeBaseColumn,
  changeLevel,
  ChangeMeaning,
  changeMeaning,
  ChangeOfRate,
  Level,
  NUMBER_ARITHMETIC,
  staticLevel,
} from "../../targets/changeTarget";
import { parseTarget, Target } from "../../targets/parseTarget";
import { AssignedTarget, targetsForAnnex } from "../../targets/targetsFile";
import { Indicator, InputColumn } from "../../template/schema";
import { Bilingual } from "../finding";
import { RowTolerance, rowTolerance, verdictOf } from "../../targets/verdict";
import { indicatorNamed, num, RuleContext, text } from "../context";

/**
 * Targets: plans against the province's targets file (options.targets), plan cells written as a change
 * ("giảm 3%") read against their base, and estimates against the plan (the evaluation column).
 */
export function checkTargets(ctx: RuleContext): void {
  checkChangeTargets(ctx);
  checkAssignedTargets(ctx);
  const derived = ctx.derived;
  for (let k = 0; k < derived.length; k++) {
    if (derived.value(k) !== EVALUATION.notMet || derived.mode(k) !== "evaluation") continue;
    const dc = derived.cell(k);
    const named = indicatorNamed(dc.indicator);
    ctx.emit("target.not-met", {
      cells: [dc.address],
      indicator: dc.indicator,
      columnId: dc.columnId,
      message: text(`${named.vi} không đạt kế hoạch.`, `${named.en} does not meet its plan.`),
      found: text(EVALUATION.notMet, "not met"),
    });
  }
}

/** What a change resolves to on a row: its level, or why it has none. */
type Resolved =
  | {
      readonly ok: true;
      readonly level: Level<number>;
      readonly base: number;
      readonly meaning: ChangeMeaning;
    }
  | { readonly ok: false; readonly baseColumn?: InputColumn };

/** A change ("giảm 3%") on a row, measured from the base column's figure (or a stated base). */
function resolveChange(
  ctx: RuleContext,
  row: LocatedRow,
  target: Target,
  meaning: ChangeMeaning,
  planColumn: string,
  stated?: number
): Resolved {
  if (stated !== undefined) {
    return {
      ok: true,
      level: changeLevel(target, meaning, stated, NUMBER_ARITHMETIC),
      base: stated,
      meaning,
    };
  }
  const baseColumn = changeBaseColumn(ctx.annex.template, planColumn);
  const reading = baseColumn && ctx.input(baseColumn);
  if (!baseColumn || !reading || !isFigure(reading.state[row.index])) {
    return baseColumn && reading ? { ok: false, baseColumn } : { ok: false };
  }
  const base = reading.value[row.index];
  return { ok: true, level: changeLevel(target, meaning, base, NUMBER_ARITHMETIC), base, meaning };
}

/** Plan cells written as a change: the level they ask for is shown, or the missing base is named. */
function checkChangeTargets(ctx: RuleContext): void {
  const plans = ctx.presentInputs().filter(({ column }) => column.holdsTarget);
  if (!plans.length) return;
  const rows = ctx.annex.rows;
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri];
    for (const { column } of plans) {
      const col = ctx.col(column.id);
      if (col === undefined) continue;
      const v = valueAt(ctx.sheet, row.row, col);
      if (typeof v !== "string" || !v.trim()) continue;
      const parsed = parseTarget(v, ctx.locale, { whole: row.indicator.kind === "count" });
      if (!parsed.ok || !parsed.target.change) continue;
      const meaning = changeMeaning(
        parsed.target.change,
        row.indicator.kind,
        row.indicator.changeOfRate
      );
      if (!meaning) continue;
      const resolved = resolveChange(ctx, row, parsed.target, meaning, column.id);
      emitChange(ctx, row, column, parsed.target, resolved, row.indicator.changeOfRate ?? "points");
    }
  }
}

function emitChange(
  ctx: RuleContext,
  row: LocatedRow,
  column: InputColumn,
  target: Target,
  resolved: Resolved,
  changeOfRate: ChangeOfRate,
  source?: string
): void {
  const ind = row.indicator;
  const where = ctx.columnName(column);
  const at = { cells: [ctx.address(row, column.id)], indicator: ind, columnId: column.id };
  const from = source ? text(` (${source})`) : text("");
  const named = indicatorNamed(ind);
  if (!resolved.ok) {
    const base = resolved.baseColumn ? ctx.columnName(resolved.baseColumn) : undefined;
    const baseAt = resolved.baseColumn ? ctx.address(row, resolved.baseColumn.id) : undefined;
    ctx.emit("target.change-no-base", {
      ...at,
      message: base
        ? text(
            `"${where.vi}" của ${named.vi} ghi "${target.text}"${from.vi}: đó là mức tăng/giảm so với "${base.vi}", nhưng ô ${baseAt} chưa có số, nên chưa tính được kế hoạch (không đọc "${target.text}" là một mức).`,
            `"${where.en}" of ${named.en} says "${target.text}"${from.en}: a change from "${base.en}", but ${baseAt} holds no figure, so the plan cannot be worked out (it is not read as a level).`
          )
        : text(
            `"${where.vi}" của ${named.vi} ghi "${target.text}"${from.vi}: đó là mức tăng/giảm, nhưng biểu không có cột số liệu năm trước để làm mốc; hãy ghi kế hoạch bằng con số.`,
            `"${where.en}" of ${named.en} says "${target.text}"${from.en}: a change, but the form has no column for the year before to measure it from; write the plan as a figure.`
          ),
      expected: base
        ? text(`một số ở ô ${baseAt} ("${base.vi}")`, `a figure in ${baseAt} ("${base.en}")`)
        : text("kế hoạch bằng con số", "the plan as a figure"),
      found: text(target.text),
    });
    return;
  }
  const d = indicatorDecimals(ind);
  const level = levelText(resolved.level, ind, d);
  const base = resolveBaseName(ctx, column);
  const reading = meaningText(target, resolved.meaning, ind, changeOfRate);
  const unit = ind.unit === "%" ? "%" : ` ${ind.unit}`;
  const baseFigure = num(resolved.base, d);
  // In the order an officer reads it: "giảm 1–1,5 điểm % so với "TH năm 2022" (7,12%) → 5,62–6,12%".
  ctx.emit("target.change-read", {
    ...at,
    message: text(
      `${named.vi}, "${where.vi}" ghi "${target.text}"${from.vi}: ${reading.change.vi} so với ${base.vi} (${baseFigure.vi}${unit}) → ${level.vi}${reading.why.vi}.`,
      `${named.en}, "${where.en}" says "${target.text}"${from.en}: ${reading.change.en} from ${base.en} (${baseFigure.en}${unit}) → ${level.en}${reading.why.en}.`
    ),
    expected: level,
    found: text(target.text),
  });
}

function resolveBaseName(ctx: RuleContext, column: InputColumn): Bilingual {
  const base = changeBaseColumn(ctx.annex.template, column.id);
  if (!base) return text("mốc đã cho", "the stated base");
  const name = ctx.columnName(base);
  return text(`"${name.vi}"`, `"${name.en}"`);
}

/** "giảm 3 điểm %" and why ("; với tỷ lệ, "3%" được hiểu là 3 điểm phần trăm …"); "tăng 5%". */
function meaningText(
  target: Target,
  meaning: ChangeMeaning,
  ind: Indicator,
  changeOfRate: ChangeOfRate
): { change: Bilingual; why: Bilingual } {
  const down = target.change?.direction === "down";
  const size = target.op === "range" ? numRange(target.min, target.max) : num(target.value);
  const verb = down ? { vi: "giảm", en: "a decrease of" } : { vi: "tăng", en: "an increase of" };
  if (meaning === "relative") {
    return {
      change: text(`${verb.vi} ${size.vi}%`, `${verb.en} ${size.en}%`),
      why: text(""),
    };
  }
  if (ind.kind === "rate") {
    const why =
      target.change?.written === "%" && changeOfRate === "points"
        ? text(
            `; với tỷ lệ, "${size.vi}%" được hiểu là ${size.vi} điểm phần trăm như các tỉnh vẫn viết`,
            `; for a rate "${size.en}%" is read as ${size.en} percentage points, as provinces write it`
          )
        : text("");
    return {
      change: text(`${verb.vi} ${size.vi} điểm %`, `${verb.en} ${size.en} percentage points`),
      why,
    };
  }
  return {
    change: text(`${verb.vi} ${size.vi} ${ind.unit}`, `${verb.en} ${size.en} ${ind.unit}`),
    why: text(""),
  };
}

/** "1–1,5" / "1–1.5". */
function numRange(min: number, max: number, decimals?: number): Bilingual {
  const [lo, hi] = [num(min, decimals), num(max, decimals)];
  return text(`${lo.vi}–${hi.vi}`, `${lo.en}–${hi.en}`);
}

const OP_WORDS: Record<string, Bilingual> = {
  ">": text("trên ", "above "),
  ">=": text("từ ", "at least "),
  "<": text("dưới ", "below "),
  "<=": text("không quá ", "at most "),
  "=": text(""),
  about: text("khoảng ", "about "),
};

/** "9,20%", "từ 9,20%", "10,70–11,20%". */
function levelText(level: Level<number>, ind: Indicator, d: number): Bilingual {
  const unit = ind.unit === "%" ? "%" : ` ${ind.unit}`;
  if (level.op === "range") {
    const range = numRange(level.min, level.max, d);
    return text(`${range.vi}${unit}`, `${range.en}${unit}`);
  }
  const v = num(level.value, d);
  const w = OP_WORDS[level.op];
  return text(`${w.vi}${v.vi}${unit}`, `${w.en}${v.en}${unit}`);
}

/** Plans against the province's targets file, when it applies to this sheet. */
function checkAssignedTargets(ctx: RuleContext): void {
  const file = ctx.options.targets;
  if (!file) return;
  const { template, year } = ctx.annex;
  const fit = targetsForAnnex(file, template, year, titleTexts(ctx));
  if (!fit.ok) {
    const why = {
      year: text(
        `trang tính là biểu năm ${fit.found}, tệp là chỉ tiêu năm ${file.year}`,
        `the sheet is for ${fit.found}, the file for ${file.year}`
      ),
      province: text(
        `trang tính ghi "${fit.found}", tệp là chỉ tiêu của ${file.province}`,
        `the sheet says "${fit.found}", the file holds ${file.province}'s targets`
      ),
      template: text(
        `trang tính là mẫu ${fit.found}, tệp dành cho mẫu ${file.template ?? ""}`,
        `the sheet is template ${fit.found}, the file is for ${file.template ?? ""}`
      ),
    }[fit.problem];
    ctx.emit("targets.not-for-sheet", {
      cells: ["A1"],
      message: text(
        `Không dùng tệp chỉ tiêu ${file.origin} (${file.province}, năm ${file.year}) cho trang tính này: ${why.vi}.`,
        `The targets file ${file.origin} (${file.province}, ${file.year}) is not used for this sheet: ${why.en}.`
      ),
      expected: text(`${file.province}, năm ${file.year}`, `${file.province}, ${file.year}`),
      found: why,
    });
    return;
  }
  const rows = ctx.annex.rows;
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri];
    const assigned = fit.targets.get(row.indicator.code);
    if (!assigned) continue;
    for (const t of assigned) checkAssigned(ctx, row, t, file.province);
  }
}

function checkAssigned(
  ctx: RuleContext,
  row: LocatedRow,
  t: AssignedTarget,
  province: string
): void {
  const column = ctx.inputs.find((c) => c.id === t.column);
  const reading = column && ctx.input(column);
  if (!column || !reading || !isFigure(reading.state[row.index])) return;
  const ind = row.indicator;
  const v = reading.value[row.index];
  let level: Level<number> = staticLevel(t.target);
  let shownLevel = text("");
  if (t.target.change) {
    // The file's word on "giảm 3%" of a rate, else the template row's, else points.
    const changeOfRate = t.changeOfRate ?? ind.changeOfRate ?? "points";
    const meaning = changeMeaning(t.target.change, ind.kind, changeOfRate);
    if (meaning) {
      const stated = t.base === "previous" ? undefined : t.base;
      const resolved = resolveChange(ctx, row, t.target, meaning, t.column, stated);
      if (!resolved.ok) {
        emitChange(ctx, row, column, t.target, resolved, changeOfRate, t.source);
        return;
      }
      level = resolved.level;
      const lt = levelText(level, ind, indicatorDecimals(ind));
      shownLevel = text(` → ${lt.vi}`, ` → ${lt.en}`);
    }
  }
  const tolerance = rowTolerance(ind.kind, ctx.annex.template.aboutTolerance);
  if (satisfies(v, level, ind.direction, tolerance)) return;
  const where = ctx.columnName(column);
  const src = t.source ? text(`; ${t.source}`) : text("");
  const named = indicatorNamed(ind);
  ctx.emit("target.below-template", {
    cells: [ctx.address(row, column.id)],
    indicator: ind,
    columnId: column.id,
    message: text(
      `${named.vi}: "${where.vi}" là ${num(v).vi}, chưa đạt chỉ tiêu "${t.text}"${shownLevel.vi} (chỉ tiêu của ${province}${src.vi}).`,
      `${named.en}: "${where.en}" is ${num(v).en}, short of the target "${t.text}"${shownLevel.en} (${province}'s target${src.en}).`
    ),
    expected: text(`${t.text}${shownLevel.vi}`, `${t.text}${shownLevel.en}`),
    found: num(v),
  });
}

/** The texts above the header row: "UBND tỉnh Lạng Sơn", the title, the unit note. */
function titleTexts(ctx: RuleContext): string[] {
  const out: string[] = [];
  for (let r = 0; r < ctx.annex.headerRow; r++) {
    const row = ctx.sheet.values[r];
    if (!row) continue;
    for (const v of row) if (typeof v === "string" && v.trim()) out.push(v);
  }
  return out;
}

/**
 * Whether a value meets a level on a row: the same reading as the Đánh giá formula
 * (targets/verdict.ts). Only the unfavourable side misses: a jobs plan of 18.000 meets "khoảng
 * 16.000", a poverty plan 2 points down meets "giảm 1-1,5%/năm". A row not judged (a plain figure on a
 * neutral row) is never short.
 */
export function satisfies(
  v: number,
  t: Level<number>,
  direction: Indicator["direction"],
  tolerance: RowTolerance = rowTolerance("count")
): boolean {
  return verdictOf(v, t, direction, tolerance) !== "notMet";
}

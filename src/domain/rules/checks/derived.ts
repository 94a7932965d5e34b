import { EVALUATION_EN } from "../../derive/derivedCells";
import { CURRENT, derivedOnSheet, FREE, OURS_OUTDATED, TYPED } from "../../derive/derivedOnSheet";
import { sameSavedResult } from "../../derive/formulaShape";
import { decimalsOf } from "../../numbers/formatNumber";
import { parseNumber } from "../../numbers/parseNumber";
import { toA1 } from "../../sheet/address";
import { parseTarget } from "../../targets/parseTarget";
import type { InputColumn } from "../../template/schema";
import { formatInfo } from "../../sheet/numberFormat";
import { isErrorCode, numberFormatAt, valueAt } from "../../sheet/snapshot";
import { fold } from "../../text/fold";
import { quoteCell } from "../../text/quote";
import { EPSILON, halfUnit, num, RuleContext, text } from "../context";

/**
 * Stated comparison and evaluation values against the engine's own: a typed "68,75" in the percent-of-
 * plan column must agree with ƯTH / KH × 100 within its rounding; a formula's saved result must agree
 * with a recalculation.
 */
export function checkDerived(ctx: RuleContext): void {
  const sheet = ctx.sheet;
  const derived = ctx.derived;
  const states = derivedOnSheet(sheet, derived);
  // Results too large for a number: blank for us, #NUM! where Excel computed them (derived.overflow says so).
  const overflowed = derived.overflowed.length ? new Set(derived.overflowed) : undefined;
  for (let k = 0; k < derived.length; k++) {
    const state = states[k];
    const v = valueAt(sheet, derived.row(k), derived.col(k));
    if (v === "" && (state === FREE || state === TYPED)) continue;
    const ours = state === CURRENT;
    // The cell as an object only past the common cases (ours and current, or blank).
    if (ours && (v === "" || sameSavedResult(v, derived.value(k)))) continue;
    if (ours && isErrorCode(v) && overflowed?.has(k) === true) continue;
    const dc = derived.cell(k);
    if (ours || state === OURS_OUTDATED) {
      // A formula never calculated (no saved result) is not stale; a saved result that disagrees is.
      const neverCalculated = v === "";
      if (!ours || (!neverCalculated && !sameSavedResult(v, dc.value))) {
        const plan = ours ? undefined : textPlanOf(ctx, dc.row, dc.columnId);
        if (plan) {
          // F9 would change nothing: the formula there tests ISNUMBER of a plan that is now text.
          const [where, named] = [ctx.columnName(plan.column), quoteCell(plan.text)];
          ctx.emit("derived.stale", {
            cells: [dc.address],
            indicator: dc.indicator,
            columnId: dc.columnId,
            message: text(
              `Ô ${dc.address}: kế hoạch ở ô ${plan.address} ("${where.vi}") được ghi bằng chữ "${named}"; công thức đang có ở ô này chỉ tính với kế hoạch là số, nên tính lại (F9) không thay đổi gì. Hãy "Tính cột" lại để ghi công thức đọc kế hoạch này.`,
              `Cell ${dc.address}: the plan in ${plan.address} ("${where.en}") is written as text "${named}"; the formula in this cell only works with a plan that is a number, so recalculating (F9) changes nothing. Run "Tính cột" again to write the formula that reads this plan.`
            ),
            expected: describe(dc.value),
            found: describe(v),
          });
          continue;
        }
        ctx.emit("derived.stale", {
          cells: [dc.address],
          indicator: dc.indicator,
          columnId: dc.columnId,
          message: text(
            `Ô ${dc.address}: kết quả công thức chưa cập nhật theo số liệu hiện tại; hãy tính lại (F9) hoặc ghi lại các cột tính toán.`,
            `Cell ${dc.address}: the formula's result is out of date with the figures; recalculate (F9) or write the derived columns again.`
          ),
          expected: describe(dc.value),
          found: describe(v),
        });
      }
      continue;
    }
    if (isErrorCode(v)) {
      // A person's formula showing #DIV/0! or #REF!: ours leave the cell blank instead.
      ctx.emit("type.error-value", {
        cells: [dc.address],
        indicator: dc.indicator,
        columnId: dc.columnId,
        message: text(
          `Ô ${dc.address} hiện lỗi ${v}; công thức của biểu để trống ô này khi thiếu số liệu hoặc mẫu số bằng 0. Hãy ghi lại công thức của biểu vào ô này, cho phép thay ô người dùng đã nhập.`,
          `Cell ${dc.address} shows ${v}; the annex's formula leaves it blank when a figure is missing or the denominator is 0. Write the annex's formula into it again, allowing the typed cell to be replaced.`
        ),
        expected: describe(dc.value),
        found: text(v),
      });
      continue;
    }
    if (v === "" || typeof v === "boolean") continue;
    if (dc.mode === "evaluation") {
      if (typeof v === "string" && dc.value !== "" && fold(v) !== fold(String(dc.value))) {
        const quoted = quoteCell(v);
        ctx.emit("derived.mismatch", {
          cells: [dc.address],
          indicator: dc.indicator,
          columnId: dc.columnId,
          message: text(
            `Ô ${dc.address}: đánh giá ghi "${quoted}" nhưng theo số liệu là "${dc.value}".`,
            `Cell ${dc.address}: the evaluation says "${quoted}" but the figures give "${EVALUATION_EN[String(dc.value)] ?? dc.value}".`
          ),
          expected: describe(dc.value),
          found: text(quoted),
        });
      }
      continue;
    }
    if (typeof dc.value !== "number") continue;
    let stated: number;
    let decimals: number;
    if (typeof v === "number") {
      const numFmt = numberFormatAt(sheet, dc.row, dc.col);
      const fmt = numFmt ? formatInfo(numFmt) : undefined;
      stated = fmt?.percent ? v * 100 : v;
      decimals = fmt?.decimals ?? decimalsOf(stated);
    } else {
      const parsed = parseNumber(v, ctx.locale);
      if (parsed.kind !== "number") continue;
      stated = parsed.value;
      decimals = parsed.decimals;
    }
    const diff = Math.abs(stated - dc.value);
    const h = halfUnit(decimals);
    if (diff <= h + EPSILON) continue;
    const rounding = diff <= h + 10 ** -decimals + EPSILON;
    ctx.emit(rounding ? "derived.rounding" : "derived.mismatch", {
      cells: [dc.address],
      indicator: dc.indicator,
      columnId: dc.columnId,
      message: text(
        `Ô ${dc.address}: ghi ${num(stated, decimals).vi} nhưng tính từ số liệu được ${num(dc.value, decimals).vi}.`,
        `Cell ${dc.address}: states ${num(stated, decimals).en} but the figures give ${num(dc.value, decimals).en}.`
      ),
      expected: num(dc.value, decimals),
      found: num(stated, decimals),
    });
  }
}

/** The plan written as text ("giảm 1-1,5%/năm") that a derived cell of this row reads, if any. */
function textPlanOf(
  ctx: RuleContext,
  row: number,
  columnId: string
): { column: InputColumn; address: string; text: string } | undefined {
  const derived = ctx.column(columnId);
  if (derived?.role !== "derived" && derived?.role !== "evaluation") return undefined;
  const ids =
    derived.role === "derived"
      ? [derived.numerator, derived.denominator]
      : [derived.value, derived.target];
  for (const id of ids) {
    const column = ctx.column(id);
    const col = ctx.col(id);
    if (column?.role !== "input" || !column.holdsTarget || col === undefined) continue;
    const v = valueAt(ctx.sheet, row, col);
    if (typeof v === "string" && parseTarget(v, ctx.locale).ok) {
      return { column, address: toA1(row, col), text: v };
    }
  }
  return undefined;
}

function describe(v: unknown): { vi: string; en: string } {
  if (typeof v === "number") return num(v, 2);
  if (v === null || v === "" || v === undefined) return text("(trống)", "(blank)");
  const quoted = quoteCell(String(v));
  return text(quoted, EVALUATION_EN[String(v)] ?? quoted);
}

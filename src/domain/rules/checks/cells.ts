import { formatNumber } from "../../numbers/formatNumber";
import { parseTarget } from "../../targets/parseTarget";
import { quoteCell } from "../../text/quote";
import { Indicator, isRequiredIn, Template } from "../../template/schema";
import { RuleId } from "../catalog";
import { Bilingual } from "../finding";
import { EMPTY, NUMBER } from "../../sheet/columnReadings";
import { formulaEntry } from "../../sheet/snapshot";
import { dateFormatShows, DateShown } from "../../sheet/numberFormat";
import { Emission, indicatorNamed, num, RuleContext, text, writingStyle } from "../context";

/** Each input cell on its own: type, bounds by kind, the template's bounds, required figures. */
export function checkCells(ctx: RuleContext): void {
  const columns = ctx.presentInputs();
  const limits = templateLimits(ctx.annex.template);
  const period = ctx.annex.template.period;
  const rows = ctx.annex.rows;
  const columnIndex = columns.map(({ column }) => ctx.col(column.id) ?? -1);
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri];
    const ind = row.indicator;
    const lim = limits[row.indicatorIndex];
    const i = row.index;
    // Indexed loops in the per-row code: a for-of here made an iterator per row.
    for (let k = 0; k < columns.length; k++) {
      const { column, reading } = columns[k];
      // Fast path, on the typed arrays: most cells hold a number of the right kind, or are blank and may
      // be (and hold no formula left without its result).
      const state = reading.state[i];
      if (
        state === NUMBER
          ? within(lim, reading.value[i])
          : state === EMPTY &&
            !isRequiredIn(ind, column, period) &&
            formulaEntry(ctx.sheet, row.row, columnIndex[k]) === undefined
      ) {
        continue;
      }
      const r = reading.reading(i);
      const address = ctx.address(row, column.id);
      const where = ctx.columnName(column);
      const at = { cells: [address], indicator: ind, columnId: column.id };
      switch (r.kind) {
        case "blank": {
          // A person's formula (=SUM(…)) saved without its result reads as blank: say so, naming the
          // cell, rather than "no figure" (#17).
          const formula =
            r.marker === undefined ? formulaEntry(ctx.sheet, row.row, columnIndex[k]) : undefined;
          if (formula !== undefined && !mayGiveBlank(formula)) {
            const quotedFormula = quoteCell(formula);
            ctx.emit("formula.not-calculated", {
              ...at,
              message: text(
                `Ô ${address} có công thức ${quotedFormula} nhưng tệp không lưu kết quả của nó (tệp được lưu bởi chương trình không tính công thức): không kiểm tra được "${where.vi}" của ${indicatorNamed(ind).vi}. Hãy mở tệp trong Excel để tính lại rồi lưu.`,
                `Cell ${address} holds the formula ${quotedFormula} but the file keeps no result for it (saved by a program that does not calculate): the "${where.en}" figure of ${indicatorNamed(ind).en} cannot be checked. Open the file in Excel to recalculate, then save.`
              ),
              expected: text("kết quả của công thức", "the formula's result"),
              found: text("(chưa tính)", "(not calculated)"),
            });
            continue;
          }
          // "x" (does not apply) and "-" (none) say there is no figure on purpose: not missing.
          if (r.marker === undefined && isRequiredIn(ind, column, period)) {
            ctx.emit("required.missing", {
              ...at,
              message: text(
                `Chưa có số liệu "${where.vi}" cho chỉ tiêu chủ yếu ${indicatorNamed(ind).vi}.`,
                `Main indicator ${indicatorNamed(ind).en} has no "${where.en}" figure.`
              ),
              expected: text("một số", "a number"),
              found: text("(trống)", "(blank)"),
            });
          }
          continue;
        }
        case "error":
          ctx.emit("type.error-value", {
            ...at,
            message: text(
              `Ô ${address} chứa lỗi ${r.code}.`,
              `Cell ${address} holds the error ${r.code}.`
            ),
            expected: text("một số", "a number"),
            found: text(r.code),
          });
          continue;
        case "date": {
          const shows = dateFormatShows(r.format);
          const shown = dateText(r.serial, shows);
          const what = DATE_WORDS[shows];
          ctx.emit("type.not-a-number", {
            ...at,
            message: text(
              `Ô ${address} chứa ${what.vi} ${shown} (${what.format.vi}), không phải số liệu; Excel lưu nó thành số ${num(r.serial).vi}.`,
              `Cell ${address} holds the ${what.en} ${shown} (${what.format.en}), not a figure; Excel stores it as the number ${num(r.serial).en}.`
            ),
            expected: text("một số", "a number"),
            found: text(shown),
          });
          continue;
        }
        case "boolean":
          ctx.emit("type.not-a-number", {
            ...at,
            message: text(
              `Ô ${address} chứa giá trị logic, không phải số.`,
              `Cell ${address} holds TRUE/FALSE, not a number.`
            ),
            expected: text("một số", "a number"),
            found: text(String(r.value).toUpperCase()),
          });
          continue;
        case "text": {
          const quoted = quoteCell(r.text);
          if (column.holdsTarget) {
            const target = parseTarget(r.text, ctx.locale, { whole: ind.kind === "count" });
            if (target.ok) {
              if (target.ambiguous) {
                ctx.emit("number.ambiguous", {
                  ...at,
                  message: text(
                    `Chỉ tiêu "${quoted}" được đọc theo ${writingStyle(target.readAs).vi}; hãy kiểm tra dấu phân cách.`,
                    `Target "${quoted}" was read ${writingStyle(target.readAs).en}; check the separators.`
                  ),
                  found: text(quoted),
                });
              }
              continue;
            }
            ctx.emit("target.unreadable", {
              ...at,
              message: text(
                `Không đọc được kế hoạch "${quoted}" ở ô ${address}.`,
                `Cannot read the plan "${quoted}" in ${address}.`
              ),
              expected: text(
                'một số hoặc chỉ tiêu như "trên 16.000", "1-1,5", "≥ 85"',
                'a number or a target such as "trên 16.000", "1-1,5", "≥ 85"'
              ),
              found: text(quoted),
            });
            continue;
          }
          ctx.emit("type.not-a-number", {
            ...at,
            message: text(
              `Ô ${address} chứa chữ "${quoted}", không phải số.`,
              `Cell ${address} holds the text "${quoted}", not a number.`
            ),
            expected: text("một số", "a number"),
            found: text(quoted),
          });
          continue;
        }
        case "number":
          break;
      }
      if (r.text !== undefined) {
        const quoted = quoteCell(r.text);
        const read = num(r.value);
        const other = r.ambiguousAlternative;
        // Usually read the locale's way; a count row's "16,000" in vi-VN is read the other way (#17).
        const otherLocale = r.alternativeLocale ?? (ctx.locale === "vi-VN" ? "en-US" : "vi-VN");
        const readLocale = otherLocale === "vi-VN" ? "en-US" : "vi-VN";
        ctx.emit("type.number-as-text", {
          ...at,
          message:
            other === undefined
              ? text(
                  `Ô ${address} chứa số dạng văn bản "${quoted}"; có thể chuyển thành số ${read.vi}.`,
                  `Cell ${address} holds "${quoted}" as text; it can be converted to the number ${read.en}.`
                )
              : text(
                  `Ô ${address} chứa số dạng văn bản "${quoted}", đọc theo ${writingStyle(readLocale).vi} là ${read.vi} (theo ${writingStyle(otherLocale).vi} sẽ là ${formatNumber(other, "vi-VN")}). Hãy xác nhận trước khi chuyển.`,
                  `Cell ${address} holds "${quoted}" as text, read ${writingStyle(readLocale).en} as ${read.en} (read ${writingStyle(otherLocale).en} it would be ${formatNumber(other, "en-US")}). Confirm before converting.`
                ),
          expected: text("một số", "a number"),
          found: text(`"${quoted}"`),
          fix: { address, value: r.value },
        });
      }
      checkBounds(ctx, at, r.value, address);
    }
  }
}

/**
 * Whether a formula can give an empty text (it holds the literal ""), as the consolidated annex's
 * IF(COUNT(…)=0,"",SUM(…)) does: read blank, it may well be calculated. ExcelJS reads a cached "" and
 * no cached result alike, so only formulas that cannot give a blank (=SUM(…), =D12+D13) read blank are
 * known not to be calculated.
 */
function mayGiveBlank(formula: string): boolean {
  return formula.includes('""');
}

/**
 * Every bound a figure keeps, by rule: the findings (`checkBounds`) read this list; the fast path reads
 * it folded into one interval per indicator (`limitsOf`, tested against `withinBounds`).
 */
interface Bound {
  readonly ruleId: RuleId;
  readonly breaks: (ind: Indicator, v: number) => boolean;
  readonly finding: (ind: Indicator, v: number, address: string) => Omit<Emission, "cells">;
}

const BOUNDS: readonly Bound[] = [
  {
    ruleId: "bounds.negative",
    breaks: (ind, v) => (ind.kind === "count" || ind.kind === "amount") && v < 0,
    finding: (ind, v, address) => ({
      message: text(
        `Ô ${address}: ${indicatorNamed(ind).vi} không được âm.`,
        `Cell ${address}: ${indicatorNamed(ind).en} cannot be negative.`
      ),
      expected: text("≥ 0"),
      found: num(v),
    }),
  },
  {
    ruleId: "bounds.not-whole",
    breaks: (ind, v) => ind.kind === "count" && !Number.isInteger(v),
    finding: (ind, v, address) => ({
      message: text(
        `Ô ${address}: số ${ind.unit} phải là số nguyên.`,
        `Cell ${address}: a count of ${ind.unit} must be whole.`
      ),
      expected: text("số nguyên", "a whole number"),
      found: num(v),
    }),
  },
  {
    ruleId: "bounds.rate-range",
    breaks: (ind, v) => ind.kind === "rate" && (v < 0 || v > 100),
    finding: (_ind, v, address) => ({
      message: text(
        `Ô ${address}: tỷ lệ ${num(v).vi}% nằm ngoài khoảng 0–100.`,
        `Cell ${address}: the rate ${num(v).en}% is outside 0–100.`
      ),
      expected: text("0–100"),
      found: num(v),
    }),
  },
  {
    ruleId: "bounds.template",
    breaks: ({ bounds: b }, v) =>
      b !== undefined && ((b.min !== undefined && v < b.min) || (b.max !== undefined && v > b.max)),
    finding: ({ bounds: b }, v, address) => {
      const side = (x: number | undefined, lang: "vi" | "en") =>
        x !== undefined ? num(x)[lang] : "…";
      const range = text(
        `${side(b?.min, "vi")} – ${side(b?.max, "vi")}`,
        `${side(b?.min, "en")} – ${side(b?.max, "en")}`
      );
      return {
        message: text(
          `Ô ${address}: giá trị ngoài giới hạn ${range.vi} của mẫu.`,
          `Cell ${address}: value outside the template's bounds ${range.en}.`
        ),
        expected: range,
        found: num(v),
      };
    },
  },
];

/** Whether a figure keeps every bound of BOUNDS. */
export function withinBounds(ind: Indicator, v: number): boolean {
  return !BOUNDS.some((b) => b.breaks(ind, v));
}

/** BOUNDS folded into one interval per indicator, for the fast path: lo ≤ v ≤ hi, whole if a count. */
export interface Limits {
  readonly lo: number;
  readonly hi: number;
  readonly whole: boolean;
}

export function limitsOf(ind: Indicator): Limits {
  let lo = -Infinity;
  let hi = Infinity;
  if (ind.kind === "count" || ind.kind === "amount" || ind.kind === "rate") lo = 0;
  if (ind.kind === "rate") hi = 100;
  if (ind.bounds?.min !== undefined) lo = Math.max(lo, ind.bounds.min);
  if (ind.bounds?.max !== undefined) hi = Math.min(hi, ind.bounds.max);
  return { lo, hi, whole: ind.kind === "count" };
}

/** The limits of every indicator of a template, by position, made once per template (one cache key). */
const limitsCache = new WeakMap<Template, readonly Limits[]>();

function templateLimits(template: Template): readonly Limits[] {
  let limits = limitsCache.get(template);
  if (!limits) {
    limits = template.indicators.map(limitsOf);
    limitsCache.set(template, limits);
  }
  return limits;
}

export function within(lim: Limits, v: number): boolean {
  return v >= lim.lo && v <= lim.hi && (!lim.whole || Number.isInteger(v));
}

function checkBounds(
  ctx: RuleContext,
  at: { cells: string[]; indicator: Indicator; columnId: string },
  value: number,
  address: string
): void {
  for (const bound of BOUNDS) {
    if (bound.breaks(at.indicator, value)) {
      ctx.emit(bound.ruleId, { ...at, ...bound.finding(at.indicator, value, address) });
    }
  }
}

/** What a figure cell holding a date, a time or both is said to hold, by what its format shows. */
const DATE_WORDS: Record<DateShown, { vi: string; en: string; format: Bilingual }> = {
  date: { vi: "ngày", en: "date", format: text("định dạng ngày tháng", "formatted as a date") },
  time: { vi: "giờ", en: "time", format: text("định dạng giờ", "formatted as a time") },
  dateTime: {
    vi: "ngày giờ",
    en: "date and time",
    format: text("định dạng ngày giờ", "formatted as a date and time"),
  },
};

/**
 * A date serial as an officer reads it: 44561 → "31/12/2021", with the time when there is one; only
 * the date or only the time when the cell's format shows only that (dateFormatShows). Excel counts a
 * 29 February 1900 that never was, so from day 61 on a serial is days since 30 December 1899.
 */
export function dateText(serial: number, shows?: DateShown): string {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return String(serial);
  const days = Math.floor(serial);
  const base = days < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(base + days * 86_400_000);
  const two = (n: number) => String(n).padStart(2, "0");
  const date = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const minutes = Math.round((serial - days) * 1440);
  const time = `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  if (shows === "date") return date;
  if (shows === "time") return time;
  if (minutes === 0 && shows === undefined) return date;
  return days === 0 && shows === undefined ? time : `${date} ${time}`;
}

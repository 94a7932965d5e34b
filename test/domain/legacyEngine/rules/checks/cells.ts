/* Frozen copy of the engine before the columnar readings (commit 14755f4), the oracle of
 * test/domain/columnarEngine.test.ts. Not used by the product; delete with that test. */
import { formatNumber } from "../../../../../src/domain/numbers/formatNumber";
import { parseTarget } from "../../../../../src/domain/targets/parseTarget";
import { Indicator } from "../../../../../src/domain/template/schema";
import { RuleId } from "../../../../../src/domain/rules/catalog";
import { Emission, num, RuleContext, text } from "../context";

/** Each input cell on its own: type, bounds by kind, the template's bounds, required figures. */
export function checkCells(ctx: RuleContext): void {
  for (const row of ctx.annex.rows) {
    const ind = row.indicator;
    for (const column of ctx.inputs) {
      if (ctx.col(column.id) === undefined) continue;
      const r = ctx.reading(row, column);
      // Fast path: most cells hold a number of the right kind, or are blank and may be.
      if (
        r.kind === "number"
          ? r.text === undefined && withinBounds(ind, r.value)
          : r.kind === "blank" && !(ind.required && column.required)
      ) {
        continue;
      }
      const address = ctx.address(row, column.id);
      const where = ctx.columnName(column);
      const at = { cells: [address], indicator: ind, columnId: column.id };
      switch (r.kind) {
        case "blank":
          if (ind.required && column.required) {
            ctx.emit("required.missing", {
              ...at,
              message: text(
                `Chưa có số liệu "${where.vi}" cho chỉ tiêu chủ yếu ${ind.code}.`,
                `Main indicator ${ind.code} has no "${where.en}" figure.`
              ),
              expected: text("một số", "a number"),
              found: text("(trống)", "(blank)"),
            });
          }
          continue;
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
          if (column.holdsTarget) {
            const target = parseTarget(r.text, ctx.locale);
            if (target.ok) {
              if (target.ambiguous) {
                ctx.emit("number.ambiguous", {
                  ...at,
                  message: text(
                    `Chỉ tiêu "${r.text}" được đọc theo cách viết ${ctx.locale}; hãy kiểm tra dấu phân cách.`,
                    `Target "${r.text}" was read with ${ctx.locale} separators; check them.`
                  ),
                  found: text(r.text),
                });
              }
              continue;
            }
            ctx.emit("target.unreadable", {
              ...at,
              message: text(
                `Không đọc được kế hoạch "${r.text}" ở ô ${address}.`,
                `Cannot read the plan "${r.text}" in ${address}.`
              ),
              expected: text(
                'một số hoặc chỉ tiêu như "trên 16.000", "1-1,5", "≥ 85"',
                'a number or a target such as "trên 16.000", "1-1,5", "≥ 85"'
              ),
              found: text(r.text),
            });
            continue;
          }
          ctx.emit("type.not-a-number", {
            ...at,
            message: text(
              `Ô ${address} chứa chữ "${r.text}", không phải số.`,
              `Cell ${address} holds the text "${r.text}", not a number.`
            ),
            expected: text("một số", "a number"),
            found: text(r.text),
          });
          continue;
        }
        case "number":
          break;
      }
      if (r.text !== undefined) {
        const read = num(r.value);
        const other = r.ambiguousAlternative;
        const otherLocale = ctx.locale === "vi-VN" ? "en-US" : "vi-VN";
        ctx.emit("type.number-as-text", {
          ...at,
          message:
            other === undefined
              ? text(
                  `Ô ${address} chứa số dạng văn bản "${r.text}"; có thể chuyển thành số ${read.vi}.`,
                  `Cell ${address} holds "${r.text}" as text; it can be converted to the number ${read.en}.`
                )
              : text(
                  `Ô ${address} chứa số dạng văn bản "${r.text}", đọc theo ${ctx.locale} là ${read.vi} (theo ${otherLocale} sẽ là ${formatNumber(other, "vi-VN")}). Hãy xác nhận trước khi chuyển.`,
                  `Cell ${address} holds "${r.text}" as text, read with ${ctx.locale} as ${read.en} (with ${otherLocale} it would be ${formatNumber(other, "en-US")}). Confirm before converting.`
                ),
          expected: text("một số", "a number"),
          found: text(`"${r.text}"`),
          fix: { address, value: r.value },
        });
      }
      checkBounds(ctx, at, r.value, address);
    }
  }
}

/**
 * Every bound a figure keeps, by rule: the fast path (`withinBounds`) and the findings (`checkBounds`)
 * read this one list, so a bound is written once.
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
        `Ô ${address}: ${ind.unit} không thể là số âm.`,
        `Cell ${address}: a figure in ${ind.unit} cannot be negative.`
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

function withinBounds(ind: Indicator, v: number): boolean {
  return !BOUNDS.some((b) => b.breaks(ind, v));
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

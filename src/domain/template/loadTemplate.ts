import { z } from "zod";
import { quoteCell } from "../text/quote";
import { periodProblems, templateForPeriod } from "./headers";
import { Column, Indicator, Template, TemplateShape } from "./schema";

/** One problem in a template, with the path of the bad field: `indicators[12].relations[0].of`. */
export interface TemplateProblem {
  readonly path: string;
  readonly vi: string;
  readonly en: string;
}

export class TemplateError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly TemplateProblem[]
  ) {
    super(
      `Invalid template ${source}:\n` +
        problems.map((p) => `  ${p.path}: ${p.en} / ${p.vi}`).join("\n")
    );
    this.name = "TemplateError";
  }
}

export type TemplateResult =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] };

/** Validates unknown data (parsed JSON) as a template: shape first, then every cross-reference. */
export function checkTemplate(data: unknown): TemplateResult {
  // reportInput: an issue about a field present with the wrong type carries what was found there.
  const shaped = TemplateShape.safeParse(data, { reportInput: true });
  if (!shaped.success) return { ok: false, problems: shaped.error.issues.map(fromZodIssue) };
  const problems = [...crossCheck(shaped.data), ...periodProblems(shaped.data)];
  // A reporting form comes made for its default period; templateForPeriod makes it for another.
  return problems.length
    ? { ok: false, problems }
    : { ok: true, template: templateForPeriod(shaped.data) };
}

/** Like checkTemplate, but throws a TemplateError naming `source` (a file name) on the first call site. */
export function loadTemplate(data: unknown, source = "template"): Template {
  const result = checkTemplate(data);
  if (!result.ok) throw new TemplateError(source, result.problems);
  return result.template;
}

/** Parses JSON text as a template; a JSON syntax error is a problem at the root. */
export function loadTemplateJson(text: string, source = "template"): Template {
  let data: unknown;
  try {
    // A byte-order mark (Notepad saves one) is not part of the JSON.
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new TemplateError(source, [
      { path: "(file)", vi: `không phải JSON hợp lệ: ${detail}`, en: `not valid JSON: ${detail}` },
    ]);
  }
  return loadTemplate(data, source);
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/** What a JSON field of each type is called, for "expected …". */
const JSON_TYPES: Readonly<Record<string, { vi: string; en: string }>> = {
  number: { vi: "một số", en: "a number" },
  string: { vi: "chữ (văn bản trong ngoặc kép)", en: "text (in double quotes)" },
  boolean: { vi: "true hoặc false", en: "true or false" },
  array: { vi: "một danh sách [ … ]", en: "a list [ … ]" },
  object: { vi: "một nhóm trường { … }", en: "an object { … }" },
};

/** What was found in a field, named by its JSON type, with its value when short: text "12", the number 12. */
function foundValue(v: unknown): { vi: string; en: string } {
  if (typeof v === "string") {
    const q = JSON.stringify(quoteCell(v));
    return { vi: `chữ ${q}`, en: `text ${q}` };
  }
  if (typeof v === "number") return { vi: `số ${v}`, en: `the number ${v}` };
  if (typeof v === "boolean") return { vi: String(v), en: String(v) };
  if (v === null) return { vi: "giá trị trống (null)", en: "an empty value (null)" };
  if (Array.isArray(v)) return { vi: "một danh sách [ … ]", en: "a list [ … ]" };
  return { vi: "một nhóm trường { … }", en: "an object { … }" };
}

export function fromZodIssue(issue: z.core.$ZodIssue): TemplateProblem {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case "invalid_type": {
      const expected = JSON_TYPES[issue.expected] ?? { vi: issue.expected, en: issue.expected };
      // Parsed with reportInput: a field that is there carries its value; a missing one does not.
      if (!("input" in issue) || issue.input === undefined) {
        return {
          path,
          vi: `thiếu trường bắt buộc (cần ${expected.vi})`,
          en: `required field is missing (expected ${expected.en})`,
        };
      }
      const found = foundValue(issue.input);
      return {
        path,
        vi: `cần ${expected.vi}, nhưng thấy ${found.vi}`,
        en: `expected ${expected.en}, found ${found.en}`,
      };
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
      const found = "input" in issue ? foundValue(issue.input) : undefined;
      return {
        path,
        vi: `giá trị phải là một trong ${allowed}${found ? `, nhưng thấy ${found.vi}` : ""}`,
        en: `must be one of ${allowed}${found ? `, found ${found.en}` : ""}`,
      };
    }
    case "unrecognized_keys":
      return {
        path,
        vi: `trường không được hỗ trợ: ${issue.keys.join(", ")}`,
        en: `unknown field(s): ${issue.keys.join(", ")}`,
      };
    case "invalid_union":
      return {
        path,
        vi: `không khớp loại nào được hỗ trợ (${issue.message})`,
        en: `matches none of the allowed forms (${issue.message})`,
      };
    case "too_small":
      return { path, vi: `quá nhỏ hoặc quá ngắn (${issue.message})`, en: issue.message };
    case "too_big":
      return { path, vi: `quá lớn hoặc quá dài (${issue.message})`, en: issue.message };
    case "invalid_format":
      return { path, vi: `sai định dạng: ${issue.message}`, en: issue.message };
    default:
      return { path, vi: `không hợp lệ: ${issue.message}`, en: issue.message };
  }
}

function crossCheck(t: Template): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const add = (path: string, vi: string, en: string) => problems.push({ path, vi, en });

  const columns = new Map<string, Column>();
  t.columns.forEach((c, i) => {
    if (columns.has(c.id))
      add(`columns[${i}].id`, `mã cột "${c.id}" bị trùng`, `duplicate column id "${c.id}"`);
    columns.set(c.id, c);
  });
  for (const role of ["code", "name", "unit"] as const) {
    const n = t.columns.filter((c) => c.role === role).length;
    if (n !== 1) {
      add(
        "columns",
        `cần đúng một cột vai trò "${role}" (có ${n})`,
        `needs exactly one "${role}" column (has ${n})`
      );
    }
  }
  const isInput = (id: string) => columns.get(id)?.role === "input";
  const refColumn = (path: string, id: string, what: { vi: string; en: string }) => {
    if (!columns.has(id)) add(path, `cột không tồn tại "${id}"`, `unknown column "${id}"`);
    else if (!isInput(id)) add(path, `"${id}" không phải ${what.vi}`, `"${id}" is not ${what.en}`);
  };
  const inputWord = { vi: "cột nhập liệu", en: "an input column" };
  t.columns.forEach((c, i) => {
    if (c.role === "derived") {
      refColumn(`columns[${i}].numerator`, c.numerator, inputWord);
      refColumn(`columns[${i}].denominator`, c.denominator, inputWord);
    } else if (c.role === "evaluation") {
      refColumn(`columns[${i}].value`, c.value, inputWord);
      refColumn(`columns[${i}].target`, c.target, inputWord);
    } else if (c.role === "input" && c.notAbove !== undefined) {
      refColumn(`columns[${i}].notAbove`, c.notAbove, inputWord);
    }
  });

  const sections = new Set<string>();
  t.sections.forEach((s, i) => {
    if (sections.has(s.code))
      add(
        `sections[${i}].code`,
        `mã phần "${s.code}" bị trùng`,
        `duplicate section code "${s.code}"`
      );
    sections.add(s.code);
  });

  const byCode = new Map<string, Indicator>();
  t.indicators.forEach((ind, i) => {
    if (byCode.has(ind.code)) {
      add(
        `indicators[${i}].code`,
        `mã chỉ tiêu "${ind.code}" bị trùng`,
        `duplicate indicator code "${ind.code}"`
      );
    }
    byCode.set(ind.code, ind);
  });

  t.indicators.forEach((ind, i) => {
    const at = `indicators[${i}]`;
    if (!sections.has(ind.section)) {
      add(
        `${at}.section`,
        `phần không tồn tại "${ind.section}"`,
        `unknown section "${ind.section}"`
      );
    }
    const level = ind.kind === "rate" || ind.kind === "points";
    if (level && ind.nature === "flow") {
      add(
        `${at}.nature`,
        `tỷ lệ và điểm phần trăm là mức (stock), không phải dòng (flow)`,
        `rates and points are levels ("stock"), never flows`
      );
    }
    if (
      ind.bounds?.min !== undefined &&
      ind.bounds.max !== undefined &&
      ind.bounds.min > ind.bounds.max
    ) {
      add(`${at}.bounds`, `min lớn hơn max`, `min is greater than max`);
    }
    ind.requiredIn?.forEach((id, j) => refColumn(`${at}.requiredIn[${j}]`, id, inputWord));
    ind.requiredPeriods?.forEach((p, j) => {
      if (!t.periods?.includes(p))
        add(
          `${at}.requiredPeriods[${j}]`,
          `biểu không có kỳ "${p}" (xem "periods")`,
          `the form has no period "${p}" (see "periods")`
        );
    });
    const summable = (code: string, path: string) => {
      const other = byCode.get(code);
      if (!other) {
        add(path, `mã chỉ tiêu không tồn tại "${code}"`, `unknown code "${code}"`);
        return undefined;
      }
      if (code === ind.code)
        add(
          path,
          `chỉ tiêu không thể tham chiếu chính nó (quan hệ vòng ${code} → ${code})`,
          `an indicator cannot refer to itself (circular relation ${code} → ${code})`
        );
      return other;
    };
    ind.relations.forEach((rel, j) => {
      const rp = `${at}.relations[${j}]`;
      // "Trong đó" a rate of the same base (13.1 "có bằng cấp, chứng chỉ" of 13, the trained-labour
      // rate) cannot exceed its rate: a comparison, never a sum.
      const rateOfRate =
        rel.type === "partOf" && ind.kind === "rate" && byCode.get(rel.of)?.kind === "rate";
      if (rateOfRate) {
        if (byCode.get(rel.of)?.unit !== ind.unit)
          add(`${rp}.of`, `"${rel.of}" khác đơn vị`, `"${rel.of}" has another unit`);
      } else if (rel.type === "sum" || rel.type === "partOf") {
        if (level) {
          add(
            `${rp}.type`,
            `tỷ lệ và điểm phần trăm không được cộng dồn`,
            `rates and points are never summed`
          );
        }
        const codes =
          rel.type === "sum"
            ? rel.of.map((c, k) => [c, `${rp}.of[${k}]`] as const)
            : [[rel.of, `${rp}.of`] as const];
        for (const [code, path] of codes) {
          const other = summable(code, path);
          if (other && (other.kind === "rate" || other.kind === "points")) {
            add(
              path,
              `"${code}" là tỷ lệ, không cộng dồn được`,
              `"${code}" is a rate and cannot be summed`
            );
          } else if (other && other.unit !== ind.unit && !other.unitAliases.includes(ind.unit)) {
            add(
              path,
              `"${code}" có đơn vị "${other.unit}" khác "${ind.unit}"`,
              `"${code}" has unit "${other.unit}", not "${ind.unit}"`
            );
          }
        }
      } else if (rel.type === "reduction") {
        if (ind.kind !== "points") {
          add(
            `${rp}.type`,
            `chỉ dòng điểm phần trăm (kind "points") mới là mức giảm của một tỷ lệ`,
            `only a points row can be the reduction of a rate`
          );
        }
        const rate = summable(rel.of, `${rp}.of`);
        if (rate && rate.kind !== "rate") {
          add(
            `${rp}.of`,
            `"${rel.of}" không phải dòng tỷ lệ (kind "rate"): mức giảm chỉ tính từ một tỷ lệ`,
            `"${rel.of}" is not a rate row: a reduction is of a rate`
          );
        }
      } else {
        if (ind.kind !== "rate") {
          add(
            `${rp}.type`,
            `chỉ dòng tỷ lệ mới có quan hệ tỷ số`,
            `only a rate row can have a ratio relation`
          );
        }
        summable(rel.numerator, `${rp}.numerator`);
        summable(rel.denominator, `${rp}.denominator`);
      }
    });
  });
  problems.push(...relationCycles(t));
  return problems;
}

/**
 * Relations that go round in a circle: 1 = sum of 2 and 2 = sum of 1, a "trong đó" loop, longer ones,
 * a ratio over a rate that is itself a ratio over the first. Each relation is read from the whole to
 * its part ("gồm": the row to the rows it sums; "trong đó": the other row to this one; a ratio: the rate
 * to its numerator and denominator; a reduction: the points row to its rate), so a circle means a row
 * would contain itself. Each circle is named
 * once ("1 → 2 → 1") at the relation that leaves its first row in template order. A row referring to
 * itself is already reported where it does.
 */
function relationCycles(t: Template): TemplateProblem[] {
  const index = new Map<string, number>();
  t.indicators.forEach((ind, i) => index.set(ind.code, i));
  const edges: Array<Array<{ to: number; path: string }>> = t.indicators.map(() => []);
  const edge = (from: number | undefined, to: number | undefined, path: string) => {
    if (from !== undefined && to !== undefined && from !== to) edges[from].push({ to, path });
  };
  t.indicators.forEach((ind, i) => {
    ind.relations.forEach((rel, j) => {
      const rp = `indicators[${i}].relations[${j}]`;
      if (rel.type === "sum") rel.of.forEach((c, k) => edge(i, index.get(c), `${rp}.of[${k}]`));
      else if (rel.type === "partOf") edge(index.get(rel.of), i, `${rp}.of`);
      else if (rel.type === "reduction") edge(i, index.get(rel.of), `${rp}.of`);
      else {
        edge(i, index.get(rel.numerator), `${rp}.numerator`);
        edge(i, index.get(rel.denominator), `${rp}.denominator`);
      }
    });
  });
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  // 0: not visited, 1: on the current path, 2: done. Iterative, so a long chain cannot overflow the stack.
  const state = new Uint8Array(t.indicators.length);
  for (let start = 0; start < t.indicators.length; start++) {
    if (state[start]) continue;
    const stack: Array<{ node: number; next: number }> = [{ node: start, next: 0 }];
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const out = edges[top.node];
      if (top.next >= out.length) {
        state[top.node] = 2;
        stack.pop();
        continue;
      }
      const { to } = out[top.next++];
      if (state[to] === 0) {
        state[to] = 1;
        stack.push({ node: to, next: 0 });
      } else if (state[to] === 1) {
        const from = stack.findIndex((f) => f.node === to);
        const ring = stack.slice(from).map((f) => f.node);
        // Named from its first row in template order, so each circle is reported once.
        const first = ring.indexOf(Math.min(...ring));
        const ordered = [...ring.slice(first), ...ring.slice(0, first)];
        const key = ordered.join(",");
        if (seen.has(key)) continue;
        seen.add(key);
        const codes = [...ordered, ordered[0]].map((n) => t.indicators[n].code).join(" → ");
        const leaving = edges[ordered[0]].find((e) => e.to === ordered[1 % ordered.length]);
        problems.push({
          path: leaving?.path ?? `indicators[${ordered[0]}].relations`,
          vi: `quan hệ vòng ${codes}: một chỉ tiêu không thể gồm hoặc thuộc chính nó`,
          en: `circular relation ${codes}: an indicator cannot contain or be part of itself`,
        });
      }
    }
  }
  return problems;
}

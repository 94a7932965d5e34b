import { z } from "zod";
import { fold } from "../text/fold";
import { problemLines } from "../text/problemList";
import { quoteCell } from "../text/quote";
import { formatPath, fromZodIssue, TemplateProblem } from "../template/loadTemplate";
import { Indicator, InputColumn, Template } from "../template/schema";
import { ChangeOfRate, changeMeaning } from "./changeTarget";
import { parseTarget, Target } from "./parseTarget";

/**
 * A province's targets for a year, kept by its department as a file (docs/targets.md): targets belong
 * to a province and a year, not to the ministry's form. The built-in catalog ships none.
 *
 *   { "format": "annex-targets/1", "province": "Lạng Sơn", "year": 2023,
 *     "template": "bieu-01-ke-hoach-nam", "source": "Kế hoạch số 101/KH-SLĐTBXH ngày 21/7/2022",
 *     "targets": [{ "indicator": "13", "column": "planNext", "text": "đạt 62%" }] }
 */
export const TARGETS_FORMAT = "annex-targets/1";

const ChangeOfRateField = z.enum(["points", "percent"]);

export const TargetEntryShape = z
  .object({
    /** The indicator's code in the template ("13", "1.2"). */
    indicator: z.string().min(1),
    /** The template's input column the target is for (a plan column: "planNext"). */
    column: z.string().min(1),
    /** As the plan writes it: "trên 16.000", "từ 62% trở lên", "giảm 3%", "giảm 1-1,5%/năm". */
    text: z.string().min(1),
    /**
     * The indicator's name as the file's author read it: checked against the template's row of that
     * code, so a file made for a form whose codes have moved since is refused, not applied to
     * another row.
     */
    name: z.string().min(1).optional(),
    /** The document that sets it; the file's `source` when absent. */
    source: z.string().min(1).optional(),
    /**
     * For a change ("giảm 3%"): the figure it is measured from. "previous" (the default): the sheet's
     * figure for the year before (ƯTH năm 2022 for KH năm 2023); or a number the plan states.
     */
    base: z.union([z.literal("previous"), z.number()]).optional(),
    /** For a rate: "giảm 3%" is 3 percentage points ("points", the default) or 3 % of the base. */
    changeOfRate: ChangeOfRateField.optional(),
  })
  .strict();

export const TargetsFileShape = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(TARGETS_FORMAT),
    /** The province (or district) whose targets these are: "Lạng Sơn". */
    province: z.string().min(1),
    /** The year the targets are for: the plan year of Biểu 01 (its Y). */
    year: z.number().int().min(1990).max(2100),
    /** The template whose indicator codes and columns these are. */
    template: z.string().min(1).optional(),
    /**
     * The version of that template the codes were written for: a template whose major version is
     * another one has moved its codes (Biểu 02 3.0.0), so the file is refused rather than misread.
     */
    templateVersion: z.string().min(1).optional(),
    /** The document that sets them, cited in findings. */
    source: z.string().min(1).optional(),
    changeOfRate: ChangeOfRateField.optional(),
    targets: z.array(TargetEntryShape),
  })
  .strict();
export type TargetsFileInput = z.input<typeof TargetsFileShape>;

/** One target of the file, read: its comparator and figures, and where it applies. */
export interface AssignedTarget {
  readonly indicator: string;
  readonly column: string;
  readonly text: string;
  readonly target: Target;
  readonly source?: string;
  readonly base: "previous" | number;
  /** As the entry or the file says; absent, the template row's own choice, else "points". */
  readonly changeOfRate?: ChangeOfRate;
}

export interface TargetsFile {
  readonly province: string;
  readonly year: number;
  readonly template?: string;
  readonly source?: string;
  readonly targets: readonly AssignedTarget[];
  /** Where it was read from (a file name), for messages. */
  readonly origin: string;
}

export type TargetsProblem = TemplateProblem;

export class TargetsError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly TargetsProblem[]
  ) {
    super(
      `Invalid targets file ${source}:\n` +
        problemLines(problems, "en")
          .map((l) => `  ${l}`)
          .join("\n")
    );
    this.name = "TargetsError";
  }
}

export type TargetsResult =
  | { readonly ok: true; readonly file: TargetsFile }
  | { readonly ok: false; readonly problems: readonly TargetsProblem[] };

/**
 * Validates parsed JSON as a targets file against the templates it may refer to: the shape first,
 * then each target's template, indicator, column and text, every problem named by its path.
 */
export function checkTargetsFile(
  data: unknown,
  templates: readonly Template[],
  origin = "targets"
): TargetsResult {
  // reportInput, as for templates: a field of the wrong type says what was found there.
  const shaped = TargetsFileShape.safeParse(data, { reportInput: true });
  if (!shaped.success) return { ok: false, problems: shaped.error.issues.map(fromZodIssue) };
  const f = shaped.data;
  const problems: TargetsProblem[] = [];
  const add = (path: string, vi: string, en: string) => problems.push({ path, vi, en });
  let candidates = templates;
  if (f.template !== undefined) {
    const named = templates.find((t) => t.id === f.template);
    if (!named) {
      add(
        "template",
        `không có mẫu biểu "${quoteCell(f.template)}" (có: ${templates.map((t) => t.id).join(", ")})`,
        `no template "${quoteCell(f.template)}" (there are: ${templates.map((t) => t.id).join(", ")})`
      );
      return { ok: false, problems };
    }
    candidates = [named];
    const major = (v: string) => v.split(".")[0];
    if (f.templateVersion !== undefined && major(f.templateVersion) !== major(named.version)) {
      add(
        "templateVersion",
        `tệp lập cho ${named.form} phiên bản ${quoteCell(f.templateVersion)}, mẫu hiện hành là phiên bản ${named.version}: mã chỉ tiêu đã đổi giữa hai phiên bản, hãy lập lại tệp theo mã của mẫu hiện hành`,
        `the file was written for ${named.form} version ${quoteCell(f.templateVersion)}, the template is now version ${named.version}: its indicator codes changed between the two, write the file again with today's codes`
      );
      return { ok: false, problems };
    }
  }
  const where = f.template ?? templates.map((t) => t.id).join(", ");
  const seen = new Map<string, number>();
  const targets: AssignedTarget[] = [];
  f.targets.forEach((e, i) => {
    const at = `targets[${i}]`;
    const found = candidates.flatMap((t) => {
      const indicator = t.indicators.find((ind) => ind.code === e.indicator);
      return indicator ? [{ template: t, indicator }] : [];
    });
    if (!found.length) {
      add(
        `${at}.indicator`,
        `không có chỉ tiêu "${quoteCell(e.indicator)}" trong ${where}`,
        `no indicator "${quoteCell(e.indicator)}" in ${where}`
      );
      return;
    }
    if (e.name !== undefined) {
      const named = fold(e.name);
      const same = found.filter(({ indicator }) =>
        [indicator.name.vi, ...indicator.aliases].some((n) => fold(n) === named)
      );
      if (!same.length) {
        const now = found[0].indicator.name.vi;
        add(
          `${at}.name`,
          `chỉ tiêu "${quoteCell(e.indicator)}" trong tệp là "${quoteCell(e.name)}", nhưng trong mẫu là "${now}": mã chỉ tiêu có thể đã đổi, hãy sửa mã hoặc tên`,
          `indicator "${quoteCell(e.indicator)}" is "${quoteCell(e.name)}" in the file but "${found[0].indicator.name.en}" in the template: its code may have changed, correct the code or the name`
        );
        return;
      }
    }
    const inputs = found.flatMap(({ template }) =>
      template.columns.filter((c): c is InputColumn => c.role === "input")
    );
    if (!inputs.some((c) => c.id === e.column)) {
      const ids = [...new Set(inputs.map((c) => c.id))].join(", ");
      add(
        `${at}.column`,
        `không có cột nhập liệu "${quoteCell(e.column)}" trong ${where} (có: ${ids})`,
        `no input column "${quoteCell(e.column)}" in ${where} (there are: ${ids})`
      );
      return;
    }
    const key = `${e.indicator}|${e.column}`;
    const first = seen.get(key);
    if (first !== undefined) {
      add(
        `${at}`,
        `chỉ tiêu "${e.indicator}", cột "${e.column}" đã có ở targets[${first}]`,
        `indicator "${e.indicator}", column "${e.column}" is already set in targets[${first}]`
      );
      return;
    }
    seen.set(key, i);
    const parsed = parseTarget(e.text, "vi-VN", {
      whole: found.every(({ indicator }) => indicator.kind === "count"),
    });
    if (!parsed.ok) {
      add(
        `${at}.text`,
        `không đọc được chỉ tiêu "${quoteCell(e.text)}" (viết như "trên 16.000", "từ 62% trở lên", "giảm 3%")`,
        `cannot read the target "${quoteCell(e.text)}" (write it as "trên 16.000", "từ 62% trở lên", "giảm 3%")`
      );
      return;
    }
    const isChange = found.some(
      ({ indicator }) =>
        parsed.target.change !== undefined &&
        changeMeaning(parsed.target.change, indicator.kind) !== undefined
    );
    if (e.base !== undefined && !isChange) {
      add(
        `${at}.base`,
        `"${quoteCell(e.text)}" là một mức, không phải mức tăng/giảm: không cần mốc so sánh`,
        `"${quoteCell(e.text)}" is a level, not a change: it takes no base`
      );
      return;
    }
    const changeOfRate = e.changeOfRate ?? f.changeOfRate;
    targets.push({
      indicator: e.indicator,
      column: e.column,
      text: e.text,
      target: parsed.target,
      ...((e.source ?? f.source) ? { source: e.source ?? f.source } : {}),
      base: e.base ?? "previous",
      ...(changeOfRate ? { changeOfRate } : {}),
    });
  });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    file: {
      province: f.province,
      year: f.year,
      ...(f.template !== undefined ? { template: f.template } : {}),
      ...(f.source !== undefined ? { source: f.source } : {}),
      targets,
      origin,
    },
  };
}

/**
 * What is wrong with a targets file, as the command line (`option` "--targets") and the pane say it:
 * its name, then its first problems by path, a screenful at most (problemLines).
 */
export function invalidTargetsText(
  file: string | { readonly vi: string; readonly en: string },
  problems: readonly TargetsProblem[],
  option?: string
): { readonly vi: string; readonly en: string } {
  const list = (lang: "vi" | "en") =>
    problemLines(problems, lang)
      .map((l) => `  ${l}`)
      .join("\n");
  const named = (lang: "vi" | "en") => {
    const name = typeof file === "string" ? file : file[lang];
    return option ? `${name} (${option})` : name;
  };
  return {
    vi: `Tệp chỉ tiêu ${named("vi")} không hợp lệ:\n${list("vi")}`,
    en: `The targets file ${named("en")} is invalid:\n${list("en")}`,
  };
}

/** Parses the text of a targets file (a leading BOM is fine); throws a TargetsError naming `origin`. */
export function loadTargetsJson(
  text: string,
  templates: readonly Template[],
  origin = "targets"
): TargetsFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new TargetsError(origin, [
      {
        path: formatPath([]),
        vi: `không phải JSON hợp lệ: ${detail}`,
        en: `not valid JSON: ${detail}`,
      },
    ]);
  }
  const result = checkTargetsFile(data, templates, origin);
  if (!result.ok) throw new TargetsError(origin, result.problems);
  return result.file;
}

/** Why a targets file does not apply to a sheet, when it does not. */
export type TargetsFit =
  | { readonly ok: true; readonly targets: ReadonlyMap<string, readonly AssignedTarget[]> }
  | {
      readonly ok: false;
      readonly problem: "year" | "province" | "template";
      readonly found: string;
    };

/**
 * The file's targets for one located annex, by indicator code — or why none apply: a file for
 * another year, for another template, or for a province other than the one the sheet's title names.
 */
export function targetsForAnnex(
  file: TargetsFile,
  template: Template,
  year: number,
  titleTexts: readonly string[]
): TargetsFit {
  if (file.template !== undefined && file.template !== template.id) {
    return { ok: false, problem: "template", found: template.id };
  }
  if (file.year !== year) return { ok: false, problem: "year", found: String(year) };
  const province = sheetProvince(titleTexts);
  if (province !== undefined && !province.folded.includes(fold(file.province))) {
    return { ok: false, problem: "province", found: province.text };
  }
  const byIndicator = new Map<string, AssignedTarget[]>();
  const codes = new Set(template.indicators.map((i: Indicator) => i.code));
  for (const t of file.targets) {
    if (!codes.has(t.indicator)) continue;
    const list = byIndicator.get(t.indicator);
    if (list) list.push(t);
    else byIndicator.set(t.indicator, [t]);
  }
  return { ok: true, targets: byIndicator };
}

/** The title-block text that names a province ("UBND tỉnh Quảng Trị"), if the sheet's title has one. */
function sheetProvince(texts: readonly string[]): { text: string; folded: string } | undefined {
  for (const text of texts) {
    const folded = fold(text);
    if (/\b(?:tinh|thanh pho)\s+\S/.test(folded)) return { text: text.trim(), folded };
  }
  return undefined;
}

import { promises as fs } from "fs";
import * as path from "path";
import { parseArgs, ParseArgsConfig } from "util";
import { globSync } from "tinyglobby";
import {
  builtInTemplates,
  loadTargetsJson,
  loadTemplateJson,
  NumberLocale,
  invalidTargetsText,
  Template,
  TargetsError,
  TargetsFile,
} from "../domain";
import { METADATA_SHEET } from "../adapters/xlsx/metadata";
import { Lang, UsageError } from "./io";

/** Options every command takes. */
export const COMMON = {
  lang: { type: "string" },
  locale: { type: "string" },
  template: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export function parse<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: O
) {
  // "--year -1": a value that starts with "-" is the option's value, not another option (parseArgs
  // would call it ambiguous), so the option's own check can say what it accepts.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const option = /^--([^=]+)$/.exec(args[i])?.[1];
    const next = args[i + 1];
    const takesValue = option !== undefined && options[option]?.type === "string";
    if (takesValue && next !== undefined && /^-[\d.,]/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else joined.push(args[i]);
  }
  try {
    return parseArgs({ args: joined, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(argumentProblem(e));
  }
}

/** parseArgs's complaint in the user's words: which option is unknown or lacks its value. */
function argumentProblem(e: unknown): { vi: string; en: string } {
  const { code, message } = e as { code?: string; message?: string };
  const detail = message ?? String(e);
  const option = /'(-[^' ]+)/.exec(detail)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    return {
      vi: `Tham số không hợp lệ: lệnh này không có tuỳ chọn ${option}.`,
      en: `Invalid arguments: this command has no option ${option}.`,
    };
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return {
      vi: `Tham số không hợp lệ: ${option} cần một giá trị (${option} GIÁ_TRỊ).`,
      en: `Invalid arguments: ${option} needs a value (${option} VALUE).`,
    };
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return {
      vi: `Tham số không hợp lệ: lệnh này không nhận thêm tệp hay giá trị (${detail}).`,
      en: `Invalid arguments: this command takes no further files or values (${detail}).`,
    };
  return { vi: `Tham số không hợp lệ: ${detail}`, en: `Invalid arguments: ${detail}` };
}

export function langOf(value: string | undefined): Lang {
  if (value === undefined || value === "vi") return "vi";
  if (value === "en") return "en";
  throw new UsageError({
    vi: `--lang chỉ nhận "vi" hoặc "en", không nhận "${value}".`,
    en: `--lang takes "vi" or "en", not "${value}".`,
  });
}

/** The locale of figures typed as text in the workbooks (Vietnamese "16.000" by default). */
export function localeOf(value: string | undefined): NumberLocale {
  if (value === undefined || value === "vi-VN" || value === "vi") return "vi-VN";
  if (value === "en-US" || value === "en") return "en-US";
  throw new UsageError({
    vi: `--locale chỉ nhận "vi-VN" hoặc "en-US", không nhận "${value}".`,
    en: `--locale takes "vi-VN" or "en-US", not "${value}".`,
  });
}

/** A year on the command line: four digits, 2000 to 2100 (not "0x7E7", "2e3" or "-1"). */
export function yearOf(text: string): number {
  const year = /^\d{4}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(year >= 2000 && year <= 2100))
    throw new UsageError({
      vi: `--year phải là năm từ 2000 đến 2100, không phải "${text}".`,
      en: `--year must be a year between 2000 and 2100, not "${text}".`,
    });
  return year;
}

/**
 * A sheet name as Excel allows it (1 to 31 characters, none of : \\ / ? * [ ], no apostrophe at either
 * end, not "History"), and not one of ours: "_annex" and any name starting with it hold the add-in's
 * own data (METADATA_SHEET). Checked before a name reaches ExcelJS, which throws on some of them.
 */
export function sheetNameOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem: { vi: string; en: string } | undefined =
    value.trim() === ""
      ? { vi: "tên trang tính không được để trống", en: "a sheet name cannot be empty" }
      : [...value].length > 31
        ? { vi: "tên trang tính dài tối đa 31 ký tự", en: "a sheet name has at most 31 characters" }
        : /[:\\/?*[\]]/.test(value)
          ? {
              vi: "tên trang tính không được có các ký tự : \\ / ? * [ ]",
              en: "a sheet name cannot hold any of : \\ / ? * [ ]",
            }
          : value.startsWith("'") || value.endsWith("'")
            ? {
                vi: "tên trang tính không được bắt đầu hay kết thúc bằng dấu nháy '",
                en: "a sheet name cannot start or end with an apostrophe '",
              }
            : value.toLowerCase() === "history"
              ? { vi: 'Excel giữ riêng tên "History"', en: 'Excel reserves the name "History"' }
              : value.toLowerCase().startsWith(METADATA_SHEET)
                ? {
                    vi: `"${METADATA_SHEET}" là trang tính ẩn chứa thông tin của công cụ, không phải biểu`,
                    en: `"${METADATA_SHEET}" is the tool's hidden sheet of its own data, not an annex`,
                  }
                : undefined;
  if (problem)
    throw new UsageError({
      vi: `--sheet "${value}" không dùng được: ${problem.vi}.`,
      en: `--sheet "${value}" cannot be used: ${problem.en}.`,
    });
  return value;
}

export interface LoadedTemplate {
  readonly template: Template;
  /** "built-in", or the file it came from. */
  readonly source: string;
}

/** Custom templates from --template (JSON files, or folders of them), before the built-in ones. */
export async function loadTemplates(paths: readonly string[] = []): Promise<LoadedTemplate[]> {
  const custom: LoadedTemplate[] = [];
  for (const p of paths) {
    let files = [p];
    const stat = await fs.stat(p).catch(() => undefined);
    if (!stat)
      throw new UsageError({
        vi: `Không tìm thấy tệp mẫu biểu "${p}".`,
        en: `Template file "${p}" does not exist.`,
      });
    if (stat.isDirectory())
      files = (await fs.readdir(p))
        .filter((f) => f.toLowerCase().endsWith(".json"))
        .sort()
        .map((f) => path.join(p, f));
    for (const file of files) {
      const template = loadTemplateJson(await fs.readFile(file, "utf8"), file);
      custom.push({ template, source: file });
    }
  }
  const ids = new Set(custom.map((c) => c.template.id));
  const builtIn = builtInTemplates()
    .filter((t) => !ids.has(t.id))
    .map((template) => ({ template, source: "built-in" }));
  return [...custom, ...builtIn];
}

/** --targets FILE: the province's targets for the year, for new, check and fill. */
export const TARGETS_OPTION = { targets: { type: "string" } } as const;

/**
 * The targets file of --targets, read against the templates; a mistake in it stops the command with
 * each problem named by its path ("targets[3].indicator: …").
 */
export async function loadTargets(
  file: string | undefined,
  templates: readonly Template[]
): Promise<TargetsFile | undefined> {
  if (file === undefined) return undefined;
  const text = await fs.readFile(file, "utf8").catch(() => undefined);
  if (text === undefined)
    throw new UsageError({
      vi: `Không đọc được tệp chỉ tiêu "${file}" (--targets).`,
      en: `Cannot read the targets file "${file}" (--targets).`,
    });
  try {
    return loadTargetsJson(text, templates, file);
  } catch (e) {
    if (!(e instanceof TargetsError)) throw e;
    throw new UsageError(invalidTargetsText(file, e.problems, "--targets"));
  }
}

/** File arguments with glob patterns expanded (for shells that do not), in a stable order. */
export function expandFiles(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const a of args) {
    if (/[*?[\]{}]/.test(a)) {
      const matches = globSync(a, { onlyFiles: true, expandDirectories: false }).sort();
      files.push(...(matches.length ? matches : [a]));
    } else files.push(a);
  }
  return [...new Set(files)];
}

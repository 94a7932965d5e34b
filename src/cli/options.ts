import { promises as fs } from "fs";
import * as path from "path";
import { parseArgs, ParseArgsConfig } from "util";
import { globSync } from "tinyglobby";
import { builtInTemplates, loadTemplateJson, NumberLocale, Template } from "../domain";
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
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new UsageError({
      vi: `Tham số không hợp lệ: ${detail}`,
      en: `Invalid arguments: ${detail}`,
    });
  }
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

import {
  Bilingual,
  builtInTemplates,
  Finding,
  findTemplate,
  NumberLocale,
  Template,
} from "../../domain";
import type { TargetsFile } from "../../domain/targets/targetsFile";
import { realpath } from "fs/promises";
import {
  bytesDigest,
  consolidate,
  Consolidation,
  EmptyMerge,
  LeftOutFile,
  leftOutGroups,
  MergeSource,
  mergeVerdict,
  verdictHeadline,
} from "../../domain/consolidate";
import { unitDirectory } from "../../domain/units/data";
import { LEVEL_WORDS } from "../../domain/units";
import { mergedWorkbook } from "../../adapters/xlsx/mergeWorkbook";
import { refuseExisting, saveWorkbook } from "../../adapters/xlsx/workbookFile";
import { withWorkbookLock } from "../../adapters/xlsx/workbookLock";
import { newOutputFile } from "../outputPath";
import { writeEmbeddedTemplate } from "../../adapters/xlsx/embeddedTemplates";
import type { TemplateInput } from "../../domain/template/schema";
import { countsText } from "../checkReport";
import { EXIT, Io, Lang, UsageError } from "../io";
import {
  COMMON,
  expandFiles,
  langOf,
  loadTargets,
  loadTemplates,
  localeOf,
  parse,
  TARGETS_OPTION,
} from "../options";
import { Progress } from "../progress";
import { analyzeFile, problemText } from "../workbooks";

export const MERGE_USAGE = {
  vi: 'annex merge TỆP.xlsx|MẪU… -o TINH.xlsx [--province "Lạng Sơn"] [--unit "Sở Nội vụ tỉnh …"] [--authority "UBND tỉnh …"] [--template MÃ|TỆP.json] [--targets CHỈ_TIÊU.json] [--allow-duplicates]',
  en: 'annex merge FILE.xlsx|GLOB… -o PROVINCE.xlsx [--province "Lạng Sơn"] [--unit "Sở Nội vụ tỉnh …"] [--authority "UBND tỉnh …"] [--template ID|FILE.json] [--targets TARGETS.json] [--allow-duplicates]',
};

const OPTIONS = {
  ...COMMON,
  template: { type: "string" },
  output: { type: "string", short: "o" },
  unit: { type: "string" },
  authority: { type: "string" },
  "allow-duplicates": { type: "boolean" },
  province: { type: "string" },
  ...TARGETS_OPTION,
} as const;

/** What the command needs to merge files, for the bench and for tests. */
export interface MergeFilesRequest {
  readonly files: readonly string[];
  readonly templates: readonly Template[];
  readonly template?: Template;
  readonly locale: NumberLocale;
  readonly allowDuplicates?: boolean;
  readonly unitName?: string;
  readonly authority?: string;
  /** The province's targets, for the consolidated annex. */
  readonly targets?: TargetsFile;
  /** The province consolidating (--province): completeness, and files of other provinces left out. */
  readonly province?: string;
  readonly onFile?: (file: string) => void;
  /** A sheet of a file left unread (too large): its district's annex beside it is still merged. */
  readonly onUnreadSheet?: (file: string, text: Bilingual) => void;
}

/**
 * Reads and analyses each unit's file (a file that cannot be read is kept with its reason), with its
 * real path and a digest of its bytes so the same file given twice, or copied, is counted once; then
 * consolidates.
 */
export async function mergeFiles(request: MergeFilesRequest): Promise<Consolidation | EmptyMerge> {
  const sources: MergeSource[] = [];
  for (const file of request.files) {
    request.onFile?.(file);
    const realPath = await realpath(file).catch(() => undefined);
    const where = realPath !== undefined ? { realPath } : {};
    try {
      const { analysis, snapshots, opened } = await analyzeFile(file, {
        templates: request.templates,
        locale: request.locale,
        cellsOnly: true,
      });
      for (const u of opened.unreadSheets) request.onUnreadSheet?.(file, u.text);
      sources.push({ file, snapshots, analysis, ...where, digest: bytesDigest(opened.bytes) });
    } catch (e) {
      sources.push({ file, problem: problemText(e, file).text, ...where });
    }
  }
  return consolidate(sources, {
    locale: request.locale,
    ...(request.template ? { template: request.template } : {}),
    ...(request.allowDuplicates ? { allowDuplicates: true } : {}),
    ...(request.unitName !== undefined ? { unitName: request.unitName } : {}),
    ...(request.authority !== undefined ? { authority: request.authority } : {}),
    ...(request.targets ? { targets: request.targets } : {}),
    ...(request.province !== undefined ? { province: request.province } : {}),
    units: unitDirectory(),
  });
}

/**
 * annex merge — the province's annex from its districts' annexes: one template and year, each district
 * once, counts summed as live SUMs over "Chi tiết theo huyện", rates recomputed from whole bases.
 * Exit 0 when every file went in and nothing holds an error, 1 when a file was left out or a unit's
 * annex or the consolidated one has errors, 2 when nothing could be merged or the file could not be
 * written.
 */
export async function mergeCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const lang = langOf(values.lang);
  const locale = localeOf(values.locale);
  if (!positionals.length)
    throw new UsageError({
      vi: "Cần các tệp .xlsx của các xã, phường (hoặc các huyện, với biểu đến năm 2025).",
      en: "Give the communes' .xlsx files (or the districts', for annexes up to 2025).",
    });
  const province = provinceOption(values.province);
  const output = values.output;
  if (output === undefined)
    throw new UsageError({
      vi: "Thiếu -o TỆP.xlsx (tệp biểu tổng hợp sẽ ghi).",
      en: "-o FILE.xlsx is missing (the consolidated annex to write).",
    });
  await newOutputFile("-o", output);
  const { templates, chosen } = await templateOption(values.template);
  const targets = await loadTargets(values.targets, templates);
  const files = expandFiles(positionals);
  const progress = new Progress(io, files.length, lang);
  const merge = await mergeFiles({
    files,
    templates,
    locale,
    onFile: (f) => progress.step(f),
    onUnreadSheet: (f, text) => io.err(`"${f}": ${text[lang]}`),
    ...(chosen ? { template: chosen } : {}),
    ...(values["allow-duplicates"] ? { allowDuplicates: true } : {}),
    ...(values.unit !== undefined ? { unitName: values.unit } : {}),
    ...(values.authority !== undefined ? { authority: values.authority } : {}),
    ...(targets ? { targets } : {}),
    ...(province !== undefined ? { province } : {}),
  });
  progress.done();

  if (merge.empty) {
    io.err(
      [
        lang === "vi"
          ? "Không có tệp nào tổng hợp được; không ghi tệp."
          : "No file could be merged; nothing was written.",
        ...merge.leftOut.map((l) => `  ${leftOutLine(l, lang)}`),
      ].join("\n")
    );
    return EXIT.failed;
  }
  const book = await mergedWorkbook(merge);
  // A province's own form (learned, or from a JSON file) travels with the merged annex too.
  const t = merge.template;
  if (!builtInTemplates().some((b) => b.id === t.id && b.version === t.version))
    writeEmbeddedTemplate(book, t as TemplateInput);
  // Under the lock, refused again if another command made the file meanwhile (issue #19).
  await withWorkbookLock(output, "merge", async () => {
    await refuseExisting(output);
    await saveWorkbook(book, output);
  });
  io.out(mergeReport(merge, output, lang));
  // As `annex check` of the merged file would (its errors), and a file left out or a unit's error.
  const v = mergeVerdict(merge);
  return v.leftOut || v.level === "error" ? EXIT.findings : EXIT.ok;
}

/** --province: a province of today or of before 1 July 2025, checked against the list of units. */
export function provinceOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (unitDirectory().findProvince(value)) return value;
  throw new UsageError({
    vi: `Không có tỉnh, thành phố "${value}" trong danh mục đơn vị hành chính (34 tỉnh, thành phố từ 01/7/2025 và 63 tỉnh, thành phố trước đó).`,
    en: `There is no province "${value}" in the list of units (the 34 provinces from 1 July 2025 and the 63 before).`,
  });
}

/** --template: an id of the catalog or a template file; custom files are recognised before the built-in ones. */
async function templateOption(
  value: string | undefined
): Promise<{ templates: Template[]; chosen?: Template }> {
  if (value === undefined) return { templates: (await loadTemplates()).map((t) => t.template) };
  if (value.toLowerCase().endsWith(".json")) {
    const loaded = await loadTemplates([value]);
    return { templates: loaded.map((t) => t.template), chosen: loaded[0].template };
  }
  const chosen = findTemplate(value);
  if (!chosen)
    throw new UsageError({
      vi: `Không có mẫu biểu "${value}" (xem "annex templates").`,
      en: `There is no template "${value}" (see "annex templates").`,
    });
  return { templates: (await loadTemplates()).map((t) => t.template), chosen };
}

/**
 * The merge's report: first what it came to (a success only when nothing was left out, emptied or
 * wrong; else a warning or an error, with how many), then each unit with its errors, the files left
 * out by reason, the notes on the consolidated cells and the consolidated annex's own errors.
 */
export function mergeReport(merge: Consolidation, output: string, lang: Lang): string {
  const t = merge.template;
  const n = merge.districts.length;
  const words = LEVEL_WORDS[merge.level];
  const v = mergeVerdict(merge);
  const what =
    lang === "vi"
      ? `${n} ${words.vi} vào ${output}: ${t.form} năm ${merge.year}, trang tính "${merge.layout.sheetName}" và "${merge.detail.name}"`
      : `${n} ${n === 1 ? words.enOne : words.en} into ${output}: ${t.form} for ${merge.year}, sheets "${merge.layout.sheetName}" and "${merge.detail.name}"`;
  const head = verdictHeadline(
    v,
    { vi: what, en: what },
    { vi: " (xem dưới đây)", en: " (see below)" }
  )[lang];
  const out = [
    head,
    ...(merge.completeness ? [merge.completeness.message[lang]] : []),
    "",
    lang === "vi" ? `Theo ${words.viOne}:` : `By ${words.enOne}:`,
  ];
  for (const d of merge.districts) {
    out.push(`  ${d.label} (${d.file}): ${countsText(d.counts, lang)}`);
    for (const f of d.errors) out.push(`    ${errorLine(f, lang)}`);
  }
  if (merge.leftOut.length) {
    out.push(
      "",
      lang === "vi"
        ? `Không tổng hợp ${merge.leftOut.length} tệp:`
        : `Left out ${merge.leftOut.length} file${merge.leftOut.length === 1 ? "" : "s"}:`
    );
    for (const g of leftOutGroups(merge.leftOut)) {
      out.push(`  ${g.title[lang]} (${g.files.length}):`);
      for (const l of g.files) out.push(`    ${leftOutLine(l, lang)}`);
    }
  }
  if (merge.notes.length) {
    out.push("", lang === "vi" ? "Ghi chú về biểu tổng hợp:" : "Notes on the consolidated annex:");
    for (const note of merge.notes)
      out.push(
        `  ${note.indicator} (${note.code})${note.cells[0] ? `, ${lang === "vi" ? "ô" : "cell"} ${note.cells[0]}` : ""}: ${note.message[lang]}`
      );
  }
  const own = merge.findings.filter((f) => f.severity === "error");
  if (own.length) {
    out.push(
      "",
      lang === "vi"
        ? `Biểu tổng hợp có ${own.length} lỗi (từ số liệu của các ${words.vi}):`
        : `The consolidated annex has ${own.length} error${own.length === 1 ? "" : "s"} (from the ${words.en}' figures):`
    );
    for (const f of own) out.push(`  ${errorLine(f, lang)}`);
  }
  return out.join("\n");
}

/** A file left out, and for a second file of a district the option that keeps it (the pane has none). */
function leftOutLine(l: LeftOutFile, lang: Lang): string {
  if (l.reason !== "duplicate" && l.reason !== "same-figures") return l.message[lang];
  return lang === "vi"
    ? `${l.message.vi} Nếu đúng là hai tệp khác nhau, dùng --allow-duplicates.`
    : `${l.message.en} If both files belong in, use --allow-duplicates.`;
}

function errorLine(f: Finding, lang: Lang): string {
  return `${lang === "vi" ? "Lỗi" : "Error"} ${f.cells[0] ?? ""}: ${f.message[lang]}`;
}

import * as path from "path";
import {
  applyWritePlans,
  missingSelfCheckRules,
  selfCheckedPlan,
} from "../../adapters/xlsx/applyPlan";
import {
  refuseExisting,
  saveWorkbook,
  WorkbookFileError,
  writeBytes,
} from "../../adapters/xlsx/workbookFile";
import { EXIT, Io, Lang, UsageError } from "../io";
import {
  COMMON,
  TARGETS_OPTION,
  loadTargets,
  langOf,
  loadTemplates,
  localeOf,
  parse,
} from "../options";
import { analyzeFile } from "../workbooks";
import { Analysis } from "../../domain";

export const FILL_USAGE = {
  vi: "annex fill TỆP.xlsx [-o TỆP_MỚI.xlsx] [--force] [--sheet TÊN] [--self-check] [--targets CHỈ_TIÊU.json]",
  en: "annex fill FILE.xlsx [-o NEW.xlsx] [--force] [--sheet NAME] [--self-check] [--targets TARGETS.json]",
};

const OPTIONS = {
  ...COMMON,
  sheet: { type: "string" },
  output: { type: "string", short: "o" },
  force: { type: "boolean" },
  /** Add the self-check (red cells, "Kiểm tra" column) to a sheet recognised from its headers. */
  "self-check": { type: "boolean" },
  ...TARGETS_OPTION,
} as const;

/**
 * annex fill — writes the derived columns as formulas with their results cached. Cells a person
 * typed are kept (and listed) unless --force; a second run finds nothing to write and leaves the file
 * untouched.
 */
export async function fillCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const lang = langOf(values.lang);
  if (positionals.length !== 1)
    throw new UsageError({ vi: "Cần đúng một tệp .xlsx.", en: "Give exactly one .xlsx file." });
  const file = positionals[0];
  const output = values.output ?? file;
  const inPlace = path.resolve(output) === path.resolve(file);
  if (!inPlace) await refuseExisting(output);

  const templates = (await loadTemplates(values.template)).map((t) => t.template);
  const targets = await loadTargets(values.targets, templates);
  const { opened, analysis } = await analyzeFile(file, {
    templates,
    locale: localeOf(values.locale),
    ...(targets ? { targets } : {}),
    overwrite: values.force ?? false,
    ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
  });
  const annexes = analysis.sheets.filter((a) => a.annex);
  if (!annexes.length) {
    for (const a of analysis.sheets) for (const f of a.findings) io.err(f.message[lang]);
    return EXIT.failed;
  }
  // The self-check is kept current where the sheet has it, added elsewhere with --self-check.
  const plans = annexes.map((a) =>
    selfCheckedPlan(opened.workbook, a, {
      selfCheck: values["self-check"] ?? false,
      overwrite: values.force ?? false,
    })
  );
  plans.forEach((plan, i) => io.out(sheetSummary({ sheet: annexes[i].sheet, plan }, lang)));
  const pending = plans.reduce(
    (n, p) => n + p.writes.length + missingSelfCheckRules(opened.workbook, p),
    0
  );
  if (!pending) {
    if (!inPlace) await writeBytes(output, opened.bytes);
    io.out(
      lang === "vi"
        ? `Không có gì cần ghi: các cột tính toán đã đúng${inPlace ? "; tệp giữ nguyên." : `; đã chép nguyên tệp sang ${output}.`}`
        : `Nothing to write: the derived columns are already right${inPlace ? "; the file is unchanged." : `; copied the file unchanged to ${output}.`}`
    );
    return EXIT.ok;
  }
  if (opened.unsupported.length) {
    const what = opened.unsupported.map((u) => u[lang]).join(", ");
    if (inPlace)
      throw new WorkbookFileError("unwritable", file, {
        vi: `Tệp "${file}" có ${what}; ghi lại tệp này sẽ làm mất chúng. Hãy ghi ra tệp khác: annex fill "${file}" -o TỆP_MỚI.xlsx`,
        en: `"${file}" holds ${what}, which saving it again would lose. Write to another file: annex fill "${file}" -o NEW.xlsx`,
      });
    io.err(
      lang === "vi"
        ? `Lưu ý: ${output} sẽ không có ${what} của tệp gốc (tệp gốc giữ nguyên).`
        : `Note: ${output} will not have the ${what} of the original (which is left as it was).`
    );
  }
  const written = applyWritePlans(opened.workbook, plans);
  await saveWorkbook(opened.workbook, output);
  io.out(
    lang === "vi" ? `Đã ghi ${written} ô vào ${output}.` : `Wrote ${written} cells to ${output}.`
  );
  return EXIT.ok;
}

function sheetSummary(a: Pick<Analysis, "sheet" | "plan">, lang: Lang): string {
  const lines = [
    lang === "vi"
      ? `Trang "${a.sheet}": ${a.plan.writes.length} ô công thức cần ghi, ${a.plan.skipped.length} ô người dùng đã nhập được giữ nguyên.`
      : `Sheet "${a.sheet}": ${a.plan.writes.length} formula cells to write, ${a.plan.skipped.length} cells typed by a person kept.`,
  ];
  for (const s of a.plan.skipped) lines.push(`  ${s.reason[lang]}`);
  if (a.plan.skipped.some((s) => s.merge === undefined))
    lines.push(
      lang === "vi"
        ? "  Dùng --force để thay các ô này bằng công thức."
        : "  Use --force to replace these cells with the formulas."
    );
  return lines.join("\n");
}

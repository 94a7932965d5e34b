import * as path from "path";
import { applyWritePlans, missingSelfCheckRules } from "../../adapters/xlsx/applyPlan";
import {
  refuseExisting,
  saveWorkbook,
  WorkbookFileError,
  writeBytes,
} from "../../adapters/xlsx/workbookFile";
import { withWorkbookLock } from "../../adapters/xlsx/workbookLock";
import { EXIT, Io, Lang, UsageError } from "../io";
import {
  COMMON,
  TARGETS_OPTION,
  loadTargets,
  langOf,
  loadTemplates,
  localeOf,
  parse,
  sheetNameOf,
} from "../options";
import { analyzeFile } from "../workbooks";
import { withSelfCheck } from "../../domain/layout/selfCheckPlan";
import { Analysis, Finding } from "../../domain";

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
 * Findings about the annex's shape (a missing column, a sheet not recognised, an unknown or repeated
 * row, a merged input/derived area) rather than about one figure: `fill` shows them in full, as `check`
 * does, since they are why the derived columns may be missing or wrong.
 */
const STRUCTURAL = /^(sheet|header|row|merge|layout|template)\./;

/**
 * annex fill — writes the derived columns as formulas with their results cached. Cells a person
 * typed are kept (and listed) unless --force; a second run finds nothing to write and leaves the file
 * untouched. The annex's structural errors are reported as `check` reports them, and the exit status
 * is 1 when the annex has errors, as for `check`.
 */
export async function fillCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const lang = langOf(values.lang);
  if (positionals.length !== 1)
    throw new UsageError({ vi: "Cần đúng một tệp .xlsx.", en: "Give exactly one .xlsx file." });
  const file = positionals[0];
  const output = values.output ?? file;
  const inPlace = path.resolve(output) === path.resolve(file);
  const sheet = sheetNameOf(values.sheet);
  const force = values.force ?? false;
  if (!inPlace) await refuseExisting(output);
  // The lock first, then the read: what fill saves holds every earlier writer's work (issue #19).
  return withWorkbookLock(output, "fill", async () => {
    if (!inPlace) await refuseExisting(output);
    const templates = (await loadTemplates(values.template)).map((t) => t.template);
    const targets = await loadTargets(values.targets, templates);
    const { opened, analysis, snapshots } = await analyzeFile(file, {
      templates,
      locale: localeOf(values.locale),
      ...(targets ? { targets } : {}),
      overwrite: force,
      ...(sheet !== undefined ? { sheet } : {}),
    });
    const annexes = analysis.sheets.filter((a) => a.annex);
    if (!annexes.length) {
      for (const a of analysis.sheets) for (const f of a.findings) io.err(f.message[lang]);
      if (!analysis.sheets.length)
        io.err(
          lang === "vi"
            ? `Tệp "${file}" không có trang tính nào để điền.`
            : `"${file}" has no sheet to fill.`
        );
      return EXIT.failed;
    }
    const errors = annexes.flatMap((a) => a.findings.filter((f) => f.severity === "error"));
    const status = errors.length ? EXIT.findings : EXIT.ok;
    // The self-check is kept current where the sheet has it, added elsewhere with --self-check.
    const plans = annexes.map((a) => {
      const snapshot = snapshots.find((s) => s.name === a.sheet);
      return a.annex && snapshot
        ? withSelfCheck(snapshot, a.annex, a.plan, {
            selfCheck: values["self-check"] ?? false,
            overwrite: force,
          })
        : a.plan;
    });
    plans.forEach((plan, i) => io.out(sheetSummary({ sheet: annexes[i].sheet, plan }, lang)));
    const pending = plans.reduce(
      (n, p) => n + p.writes.length + missingSelfCheckRules(opened.workbook, p),
      0
    );
    if (!pending) {
      if (!inPlace) await writeBytes(output, opened.bytes, { force });
      const kept = inPlace
        ? { vi: "tệp giữ nguyên.", en: "the file is unchanged." }
        : {
            vi: `đã chép nguyên tệp sang ${output}.`,
            en: `copied the file unchanged to ${output}.`,
          };
      if (errors.length) io.err(errorsText(annexes, errors.length, file, lang));
      io.out(
        errors.length
          ? lang === "vi"
            ? `Không ghi gì: biểu còn ${errors.length} lỗi (ở trên); ${kept.vi}`
            : `Nothing written: the annex still has ${errors.length} error${errors.length === 1 ? "" : "s"} (above); ${kept.en}`
          : lang === "vi"
            ? `Không có gì cần ghi: các cột tính toán đã đúng; ${kept.vi}`
            : `Nothing to write: the derived columns are already right; ${kept.en}`
      );
      return status;
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
    await saveWorkbook(opened.workbook, output, { force });
    io.out(
      lang === "vi" ? `Đã ghi ${written} ô vào ${output}.` : `Wrote ${written} cells to ${output}.`
    );
    if (errors.length) io.err(errorsText(annexes, errors.length, file, lang));
    return status;
  });
}

/** The annex's errors: the structural ones in full (as `check` shows them), the others counted. */
function errorsText(annexes: readonly Analysis[], count: number, file: string, lang: Lang): string {
  const lines: string[] = [];
  const line = (f: Finding) =>
    `  ${lang === "vi" ? "Lỗi" : "Error"} ${f.cells[0] ?? ""}: ${f.message[lang]}`;
  for (const a of annexes) {
    const structural = a.findings.filter(
      (f) => f.severity === "error" && STRUCTURAL.test(f.ruleId)
    );
    if (!structural.length) continue;
    lines.push(
      lang === "vi"
        ? `Trang tính "${a.sheet}": biểu sai cấu trúc, các cột tính toán có thể thiếu hoặc sai:`
        : `Sheet "${a.sheet}": the annex's structure is wrong, so derived columns may be missing or wrong:`,
      ...structural.map(line)
    );
  }
  lines.push(
    lang === "vi"
      ? `Biểu có ${count} lỗi; xem từng lỗi: annex check "${file}"`
      : `The annex has ${count} error${count === 1 ? "" : "s"}; see each one: annex check "${file}"`
  );
  return lines.join("\n");
}

function sheetSummary(a: Pick<Analysis, "sheet" | "plan">, lang: Lang): string {
  const lines = [
    lang === "vi"
      ? `Trang tính "${a.sheet}": ${a.plan.writes.length} ô công thức cần ghi, ${a.plan.skipped.length} ô người dùng đã nhập được giữ nguyên.`
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

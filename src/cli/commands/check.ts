import { EXIT, Io, UsageError } from "../io";
import {
  COMMON,
  expandFiles,
  langOf,
  loadTemplates,
  localeOf,
  parse,
  sheetNameOf,
  TARGETS_OPTION,
  loadTargets,
} from "../options";
import {
  countFindings,
  countsText,
  explainedCounts,
  explainedSummary,
  FileReport,
  fileCounts,
  jsonReport,
  renderFile,
  sheetReport,
} from "../checkReport";
import { Progress } from "../progress";
import { unplacedSheets } from "../../adapters/xlsx/metadata";
import { checkReportBook, fileUnit, refuseExisting, writeCheckReport } from "../reportBook";
import { analyzeFile, problemText } from "../workbooks";
import { fileTitleBlock } from "../../adapters/xlsx/reportRows";
import { batchSenders, BatchFile } from "../../domain/units";
import { unitDirectory } from "../../domain/units/data";
import { provinceOption } from "./merge";

export const CHECK_USAGE = {
  vi: "annex check TỆP.xlsx|MẪU… [--sheet TÊN] [--json] [--report BAO_CAO.xlsx [--province TỈNH]] [--lang vi|en] [--template TỆP.json] [--targets CHỈ_TIÊU.json]",
  en: "annex check FILE.xlsx|GLOB… [--sheet NAME] [--json] [--report REPORT.xlsx [--province NAME]] [--lang vi|en] [--template FILE.json] [--targets TARGETS.json]",
};

const OPTIONS = {
  ...COMMON,
  sheet: { type: "string" },
  json: { type: "boolean" },
  report: { type: "string" },
  province: { type: "string" },
  ...TARGETS_OPTION,
} as const;

/**
 * annex check — checks one workbook or a province's whole batch. A file that cannot be read is
 * reported and the rest are still checked. Exit 1 when an annex has errors, 2 when a file could not be
 * checked at all.
 */
export async function checkCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const lang = langOf(values.lang);
  const locale = localeOf(values.locale);
  const sheet = sheetNameOf(values.sheet);
  if (!positionals.length)
    throw new UsageError({ vi: "Cần ít nhất một tệp .xlsx.", en: "Give at least one .xlsx file." });
  const templates = (await loadTemplates(values.template)).map((t) => t.template);
  const targets = await loadTargets(values.targets, templates);
  const files = expandFiles(positionals);
  const progress = new Progress(io, files.length, lang);
  const reports: FileReport[] = [];
  const units = new Map<string, string | null>();
  const province = provinceOption(values.province);
  const blocks: BatchFile[] = [];
  if (values.report !== undefined) await refuseExisting(values.report);
  for (const file of files) {
    progress.step(file);
    try {
      // check writes nothing: ExcelJS may skip what no snapshot reads (validations, conditional formats)
      const { opened, analysis, snapshots } = await analyzeFile(file, {
        cellsOnly: true,
        templates,
        locale,
        ...(targets ? { targets } : {}),
        ...(sheet !== undefined ? { sheet } : {}),
      });
      const unplaced = sheet === undefined ? [...unplacedSheets(opened.workbook)] : [];
      reports.push({
        file,
        sheets: analysis.sheets.map(sheetReport),
        ignoredSheets: analysis.ignored,
        ...(unplaced.length
          ? {
              unplacedSheets: unplaced.map(([name, explanations]) => ({
                sheet: name,
                explanations,
              })),
            }
          : {}),
      });
      if (values.report !== undefined) units.set(file, fileUnit(snapshots, analysis));
      blocks.push(fileTitleBlock(file, snapshots, analysis));
    } catch (e) {
      const { code, text } = problemText(e, file);
      reports.push({ file, problem: { code, message: text }, sheets: [], ignoredSheets: [] });
    }
  }
  progress.done();
  // Who sent each file, and with --province who has not (issue #21).
  const batch = batchSenders(unitDirectory(), blocks, province);

  if (values.json) io.out(JSON.stringify(jsonReport(reports), null, 2));
  else {
    for (const r of reports) io.out(renderFile(r, lang, io.width) + "\n");
    io.out(summary(reports, lang));
    if (batch?.completeness) io.out(batch.completeness.message[lang]);
    for (const [, f] of batch?.files ?? []) if (f.otherProvince) io.out(f.otherProvince[lang]);
  }
  if (values.report !== undefined) {
    await writeCheckReport(
      values.report,
      checkReportBook(reports, units, templates, new Date(), batch)
    );
    io.err(
      lang === "vi"
        ? `Đã ghi báo cáo vào ${values.report}.`
        : `Wrote the report to ${values.report}.`
    );
  }
  if (reports.some((r) => r.problem)) return EXIT.failed;
  return reports.some((r) => fileCounts(r).error > 0) ? EXIT.findings : EXIT.ok;
}

function summary(reports: readonly FileReport[], lang: "vi" | "en"): string {
  const total = countFindings(reports.flatMap((r) => r.sheets.flatMap((s) => s.findings)));
  const explained = explainedSummary(explainedCounts(reports.flatMap((r) => r.sheets)), lang);
  const unreadable = reports.filter((r) => r.problem).length;
  const withErrors = reports.filter((r) => fileCounts(r).error > 0).length;
  const n = reports.length;
  return lang === "vi"
    ? `Đã kiểm tra ${n} tệp: ${countsText(total, lang)}${explained}; ${withErrors} tệp có lỗi` +
        (unreadable ? `, ${unreadable} tệp không đọc được.` : ".")
    : `Checked ${n} file${n === 1 ? "" : "s"}: ${countsText(total, lang)}${explained}; ${withErrors} with errors` +
        (unreadable ? `, ${unreadable} could not be read.` : ".");
}

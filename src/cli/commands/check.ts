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
import { checkReportBook, fileUnit, writeCheckReport } from "../reportBook";
import { newOutputFile } from "../outputPath";
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
  const forced: Array<{ file: string; sheet: string }> = [];
  const province = provinceOption(values.province);
  const blocks: BatchFile[] = [];
  if (values.report !== undefined) await newOutputFile("--report", values.report);
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
      // A sheet made by hand (no record of its form) lacking the columns of the form it was read as.
      for (const a of analysis.sheets)
        if (
          a.annex?.yearSource === "headers" &&
          a.findings.some((f) => f.ruleId === "header.missing-column")
        )
          forced.push({ file, sheet: a.sheet });
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
        ...(opened.unreadSheets.length ? { unreadSheets: opened.unreadSheets } : {}),
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
    const hint = learnHint(forced, lang);
    if (hint) io.out(hint);
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
  // A sheet left unread (too large) is said again here: a clean summary never hides it.
  const unread = reports.reduce((k, r) => k + (r.unreadSheets?.length ?? 0), 0);
  const n = reports.length;
  return lang === "vi"
    ? `Đã kiểm tra ${n} tệp: ${countsText(total, lang)}${explained}; ${withErrors} tệp có lỗi` +
        (unreadable ? `, ${unreadable} tệp không đọc được` : "") +
        (unread ? `; ${unread} trang tính quá lớn không được đọc (ở trên).` : ".")
    : `Checked ${n} file${n === 1 ? "" : "s"}: ${countsText(total, lang)}${explained}; ${withErrors} with errors` +
        (unreadable ? `, ${unreadable} could not be read` : "") +
        (unread ? `; ${unread} sheet${unread === 1 ? "" : "s"} too large, not read (above).` : ".");
}

/**
 * A sheet the check forced onto a form whose columns it lacks ("Không tìm thấy cột …") is most likely
 * the province's own annex: say how to learn its template instead (issue #20).
 */
function learnHint(
  forced: ReadonlyArray<{ file: string; sheet: string }>,
  lang: "vi" | "en"
): string | undefined {
  if (!forced.length) return undefined;
  const { file, sheet } = forced[0];
  return lang === "vi"
    ? `\nGợi ý: trang tính "${sheet}" của ${file} thiếu cột của mẫu có sẵn. Nếu đây là biểu riêng của tỉnh, học mẫu từ chính trang tính: annex learn "${file}" --sheet "${sheet}" --embed`
    : `\nHint: sheet "${sheet}" of ${file} lacks columns of the built-in form. If it is the province's own annex, learn its template from the sheet itself: annex learn "${file}" --sheet "${sheet}" --embed`;
}

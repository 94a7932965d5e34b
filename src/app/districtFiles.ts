import { analyzeWorkbook, Bilingual, NumberLocale, SheetSnapshot, Template } from "../domain";
import type { LeftOutFile, LeftOutReason, MergeSource } from "../domain/consolidate";
import { bytesDigest } from "../domain/consolidate/unitIdentity";
import type { BatchSenders } from "../domain/units";
import {
  CheckReportBook,
  fileStatus,
  fileUnit,
  identifiedUnitText,
  REPORT_TITLE,
  reportSenders,
  reportSubtitle,
  severityText,
} from "../adapters/xlsx/reportRows";
import { countOf, Counts, countsText, SheetFindings, sheetFindings } from "./findingViews";
import { attempt, failure, Outcome, success } from "./problems";
import { templateList } from "./templateCatalog";
import {
  damagedText,
  noReadableSheetText,
  declaredSizeProblem,
  holdsText,
  notXlsx,
  signatureProblem,
  SignatureProblem,
  unreadableText,
  zipEntries,
} from "../adapters/xlsx/workbookBytes";

/**
 * "Hồ sơ huyện": the provincial office checks the districts' annexes it received, in the browser.
 * Each file is read with ExcelJS, loaded on first use as a separate chunk (import("exceljs")), and
 * checked by the same engine as the open sheet. Nothing is uploaded anywhere.
 */

/** A file the user picked (a DOM File fits), or bytes with a name. */
export interface DistrictFileInput {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type DistrictFileProblem =
  SignatureProblem | "too-large" | "corrupt" | "unreadable" | "no-readable-sheet";

export type DistrictSheet = SheetFindings;

/** One row of the summary table, and the findings behind it. */
export interface DistrictFileReport {
  readonly file: string;
  /** Who sent it, from the title block: "UBND HUYỆN CAO LỘC – PHÒNG LĐTBXH"; null when it names nobody. */
  readonly unit: string | null;
  /** The form of the first annex in the file ("Biểu số 01"), null when there is none. */
  readonly form: string | null;
  readonly year: number | null;
  readonly counts: Counts;
  readonly sheets: readonly DistrictSheet[];
  /** Sheets without an annex, left alone. */
  readonly ignoredSheets: readonly string[];
  /** Why the file could not be checked at all. */
  readonly problem?: { readonly code: DistrictFileProblem; readonly message: Bilingual };
  readonly summary: Bilingual;
}

export interface DistrictCheckOptions {
  readonly templates?: readonly Template[];
  readonly locale?: NumberLocale;
  /** Called before each file is read, and once at the end with done === total. */
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

/** Checks the files one after another, yielding to the page between them so progress shows. */
export async function checkDistrictFiles(
  files: readonly DistrictFileInput[],
  options: DistrictCheckOptions = {}
): Promise<DistrictFileReport[]> {
  const reports: DistrictFileReport[] = [];
  for (let i = 0; i < files.length; i++) {
    options.onProgress?.(i, files.length, files[i].name);
    await new Promise((resolve) => setTimeout(resolve, 0));
    reports.push(await checkDistrictFile(files[i], options));
  }
  options.onProgress?.(files.length, files.length, "");
  return reports;
}

export async function checkDistrictFile(
  input: DistrictFileInput,
  options: DistrictCheckOptions = {}
): Promise<DistrictFileReport> {
  const name = input.name;
  const locale = options.locale ?? "vi-VN";
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await input.arrayBuffer());
  } catch (e) {
    return failed(name, "unreadable", unreadableText(name, e));
  }
  // The same file picked twice, or a copy under another name ("bao-cao (1).xlsx"), has the same
  // digest: Tổng hợp counts it once, as annex merge does.
  const digest = bytesDigest(bytes);
  const fail = (code: DistrictFileProblem, message: Bilingual) =>
    remember(failed(name, code, message), { file: name, problem: message, digest }, locale);
  // Before ExcelJS: a zip is no workbook at all without "xl/" entries or package relationships (which
  // may name a workbook elsewhere; a Word .docx has them too, and is told apart as it is read).
  const sniffed =
    signatureProblem(name, bytes) ??
    (holdsText(bytes, "xl/") || holdsText(bytes, "_rels/.rels") ? undefined : notXlsx(name, bytes));
  if (sniffed) return fail(sniffed.problem, sniffed.text);
  // The sizes its zip declares, before ExcelJS unpacks anything (the budget the command line uses).
  const entries = zipEntries(bytes);
  const tooLarge = entries && declaredSizeProblem(name, entries);
  if (tooLarge) return fail(tooLarge.problem, tooLarge.text);
  let read: Awaited<ReturnType<typeof readSnapshots>>;
  try {
    read = await readSnapshots(bytes);
  } catch (e) {
    return fail("corrupt", damagedText(name, e));
  }
  if (read === "not-xlsx") {
    const notWorkbook = notXlsx(name, bytes);
    return fail(notWorkbook.problem, notWorkbook.text);
  }
  // A workbook none of whose sheets can be read is never clean (as annex check says, exit 2).
  if (read === "no-sheet") return fail("no-readable-sheet", noReadableSheetText(name));
  const { snapshots, embedded } = read;
  const analysis = analyzeWorkbook(snapshots, {
    // A template kept in the file (annex learn --embed) is its own form: it comes first.
    templates: [...embedded, ...templateList(options.templates ?? [])],
    locale: options.locale ?? "vi-VN",
  });
  const sheets: DistrictSheet[] = analysis.sheets.map(sheetFindings);
  const first = analysis.sheets.find((a) => a.annex);
  const unit = fileUnit(snapshots, analysis);
  const counts = countOf(sheets.flatMap((s) => s.findings));
  const summary = countsText(counts);
  return remember(
    {
      file: name,
      unit,
      form: first?.annex?.template.form ?? null,
      year: first?.annex?.year ?? null,
      counts,
      sheets,
      ignoredSheets: analysis.ignored,
      summary: { vi: `${name}: ${summary.vi}.`, en: `${name}: ${summary.en}.` },
    },
    { file: name, snapshots, analysis, digest },
    locale
  );
}

/** What a checked file was read as, kept for "Tổng hợp" so the files are not read a second time. */
const sources = new WeakMap<DistrictFileReport, { source: MergeSource; locale: NumberLocale }>();

/** The file as read (its sheets and analysis), for identifying its unit (unitSenders.ts). */
export function readSource(report: DistrictFileReport): MergeSource | undefined {
  return sources.get(report)?.source;
}

function remember(
  report: DistrictFileReport,
  source: MergeSource,
  locale: NumberLocale
): DistrictFileReport {
  sources.set(report, { source, locale });
  return report;
}

/** The files Tổng hợp left out for one reason: the heading, and each file with why. */
export interface LeftOutGroup {
  readonly reason: LeftOutReason;
  readonly title: Bilingual;
  readonly files: readonly LeftOutFile[];
}

/** The province's annex made from the checked files ("Tổng hợp"), as bytes to download. */
export interface DistrictMerge {
  readonly bytes: Uint8Array;
  /** The file name offered for the download. */
  readonly fileName: string;
  readonly districts: number;
  /** A success only when every file went in, no cell was left empty and nothing holds an error. */
  readonly level: "success" | "warning" | "error";
  readonly leftOut: readonly LeftOutFile[];
  /** The files left out, grouped by reason (the same groups annex merge prints). */
  readonly groups: readonly LeftOutGroup[];
  /** Consolidated cells left empty (a rate without its whole base, a figure the province enters). */
  readonly emptyCells: number;
  readonly summary: Bilingual;
}

export const MERGED_FILE_NAME = "tinh.xlsx";

/**
 * "Tổng hợp": consolidates the checked files with the command line's own rules (src/domain/consolidate:
 * one form, period and year; each unit once, whatever the files' names; rates only from whole bases),
 * and writes the workbook with ExcelJS, loaded on first use. Files that cannot go in are named with
 * why, grouped by reason; the summary is a warning, not a success, when any was left out or a cell
 * left empty.
 */
export async function mergeDistrictReports(
  reports: readonly DistrictFileReport[],
  province?: string
): Promise<Outcome<DistrictMerge>> {
  return attempt(() => merged(reports, province));
}

async function merged(
  reports: readonly DistrictFileReport[],
  province?: string
): Promise<Outcome<DistrictMerge>> {
  const kept = reports.map((r) => sources.get(r));
  const inputs: MergeSource[] = reports.map(
    (r, i) =>
      kept[i]?.source ?? {
        file: r.file,
        problem: r.problem?.message ?? { vi: "Chưa đọc tệp này.", en: "This file was not read." },
      }
  );
  // Loaded with the workbook writer on first use: not part of the pane's first download.
  const [
    { consolidate, leftOutGroups, mergeVerdict, verdictHeadline },
    { unitDirectory },
    { LEVEL_WORDS },
  ] = await Promise.all([
    import("../domain/consolidate"),
    import("../domain/units/data"),
    import("../domain/units/level"),
  ]);
  const merge = consolidate(inputs, {
    locale: kept.find(Boolean)?.locale ?? "vi-VN",
    units: unitDirectory(),
    ...(province ? { province } : {}),
  });
  const leftOut = merge.leftOut.map((l) => l.message);
  if (merge.empty)
    return failure("no-annex", {
      vi: `Không có tệp nào tổng hợp được. ${leftOut.map((m) => m.vi).join(" ")}`,
      en: `No file could be merged. ${leftOut.map((m) => m.en).join(" ")}`,
    });
  const { mergedWorkbook } = await import("../adapters/xlsx/mergeWorkbook");
  const workbook = await mergedWorkbook(merge);
  const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  const n = merge.districts.length;
  const verdict = mergeVerdict(merge);
  const words = LEVEL_WORDS[merge.level];
  const complete = merge.completeness?.message;
  const what = {
    vi: `${n} ${words.vi} vào ${MERGED_FILE_NAME} (${merge.template.form} năm ${merge.year})`,
    en: `${n} ${n === 1 ? words.enOne : words.en} into ${MERGED_FILE_NAME} (${merge.template.form}, ${merge.year})`,
  };
  return success({
    bytes,
    fileName: MERGED_FILE_NAME,
    districts: n,
    level: verdict.level,
    leftOut: merge.leftOut,
    groups: leftOutGroups(merge.leftOut),
    emptyCells: verdict.emptyCells,
    summary: verdictHeadline(verdict, what, {
      vi:
        (verdict.emptyCells ? "; xem ghi chú ở các ô để trống trong tệp" : "") +
        (complete ? `. ${complete.vi}` : ""),
      en:
        (verdict.emptyCells ? "; see the notes at the empty cells in the file" : "") +
        (complete ? `. ${complete.en}` : ""),
    }),
  });
}

export const REPORT_FILE_NAME = "bao-cao-kiem-tra.xlsx";

/** The report workbook's rows from the pane's summary rows: the same counts the table shows. */
export function districtReportBook(
  reports: readonly DistrictFileReport[],
  today: Date,
  batch?: BatchSenders
): CheckReportBook {
  const total = countOf(reports.flatMap((r) => r.sheets.flatMap((s) => s.findings)));
  const unitOf = (r: DistrictFileReport) =>
    identifiedUnitText(r.unit, batch?.files.get(r.file)?.label);
  const senders = batch && reportSenders(batch);
  return {
    title: REPORT_TITLE,
    subtitle: reportSubtitle(today, reports.length, countsText(total).vi),
    files: reports.map((r) => ({
      file: r.file,
      unit: unitOf(r),
      ...(batch?.files.get(r.file)?.label ? { label: batch.files.get(r.file)?.label } : {}),
      template: r.form,
      year: r.year,
      errors: r.problem ? null : r.counts.error,
      warnings: r.problem ? null : r.counts.warning,
      notes: r.problem ? null : r.counts.info,
      status: [
        fileStatus(r.problem?.message, r.form !== null, r.counts.error),
        batch?.files.get(r.file)?.otherProvince?.vi,
      ]
        .filter(Boolean)
        .join("; "),
    })),
    findings: reports.flatMap((r) =>
      r.sheets.flatMap((s) =>
        s.findings.map((f) => ({
          file: r.file,
          unit: unitOf(r),
          sheet: s.sheet,
          cell: f.cells[0] ?? "",
          indicator: f.indicator ? `${f.indicator.code}. ${f.indicator.name.vi}` : "",
          severity: severityText(f.severity),
          message: f.message.vi,
          expected: f.expected?.vi ?? "",
          found: f.found?.vi ?? "",
        }))
      )
    ),
    ...(senders ? { senders } : {}),
  };
}

/** The check report as .xlsx bytes (summary, findings with filters, chart of errors per district). */
export async function districtReportBytes(
  reports: readonly DistrictFileReport[],
  batch?: BatchSenders
): Promise<Outcome<{ bytes: Uint8Array; fileName: string }>> {
  return attempt(async () => {
    const { reportWorkbookBytes } = await import("../adapters/xlsx/reportWorkbook");
    const bytes = await reportWorkbookBytes(districtReportBook(reports, new Date(), batch));
    return success({ bytes, fileName: REPORT_FILE_NAME });
  });
}

/** ExcelJS and the snapshot reader, loaded on first use only: a separate chunk of the bundle. */
async function readSnapshots(
  bytes: Uint8Array
): Promise<{ snapshots: SheetSnapshot[]; embedded: Template[] } | "no-sheet" | "not-xlsx"> {
  const [excel, reader, names, kept] = await Promise.all([
    import("exceljs"),
    import("../adapters/xlsx/readSheet"),
    import("../adapters/xlsx/usualPartNames"),
    import("../adapters/xlsx/embeddedTemplates"),
  ]);
  // Parts found by the package's relationships, as Excel finds them (and annex check does).
  const usual = await names.withUsualPartNames(bytes);
  if (!usual) return "not-xlsx";
  const ExcelJS = (excel as unknown as { default?: typeof excel }).default ?? excel;
  const workbook = new ExcelJS.Workbook();
  // Only read, never saved: the parts no snapshot reads are skipped (validations given to whole
  // columns would otherwise be millions of objects).
  await workbook.xlsx.load(
    usual.buffer.slice(usual.byteOffset, usual.byteOffset + usual.byteLength) as ArrayBuffer,
    reader.SNAPSHOT_ONLY
  );
  // A workbook without a worksheet (or only our _annex) loads as one with nothing to check.
  const snapshots = reader.workbookSnapshots(workbook);
  if (!snapshots.length) return "no-sheet";
  return {
    snapshots,
    embedded: kept.readEmbeddedTemplates(workbook).flatMap((e) => (e.template ? [e.template] : [])),
  };
}

function failed(file: string, code: DistrictFileProblem, message: Bilingual): DistrictFileReport {
  return {
    file,
    unit: null,
    form: null,
    year: null,
    counts: { error: 0, warning: 0, info: 0 },
    sheets: [],
    ignoredSheets: [],
    problem: { code, message },
    summary: message,
  };
}

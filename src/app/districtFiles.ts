import { analyzeWorkbook, Bilingual, NumberLocale, Template } from "../domain";
import type { WorkbookAnalysis } from "../domain/analyzeWorkbook";
import type { LeftOutFile, LeftOutReason, MergeSource } from "../domain/consolidate";
import type { BatchFile, BatchSenders } from "../domain/units";
import {
  CheckReportBook,
  fileStatus,
  identifiedUnitText,
  REPORT_TITLE,
  reportSenders,
  reportSubtitle,
  severityText,
} from "../adapters/xlsx/reportRows";
import { unreadableText } from "../adapters/xlsx/workbookBytes";
import {
  DistrictFileRead,
  DistrictFileReport,
  failedReport,
  readDistrictBytes,
  ReadSettings,
  WorkbookReader,
} from "./districtFileRead";
import type { DistrictTask } from "./districtTask";
import { countOf, countsText } from "./findingViews";
import { attempt, failure, Outcome, success } from "./problems";
import { templateList } from "./templateCatalog";
import { poolSize, PoolStartError, runPool, WorkerLike } from "./workerPool";

export type { DistrictFileProblem, DistrictFileReport, DistrictSheet } from "./districtFileRead";

/**
 * "Hồ sơ đơn vị": the provincial office checks the communes' (up to 2025, the districts') annexes it
 * received, in the browser: each file read as annex check reads it (districtFileRead.ts) in a pool of
 * Web Workers, and checked by the same engine as the open sheet. Nothing is uploaded anywhere.
 */

/** A file the user picked (a DOM File fits), or bytes with a name. */
export interface DistrictFileInput {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface DistrictCheckOptions {
  readonly templates?: readonly Template[];
  readonly locale?: NumberLocale;
  /** Called as each file is read and once at the end with done === total. */
  readonly onProgress?: (done: number, total: number, file: string) => void;
  /**
   * How a worker of the pool is started (districtWorkerStart.ts when the page has Worker); none, or
   * one that cannot start: the files are read in the page, one after another.
   */
  readonly startWorker?: (() => WorkerLike) | null;
  /** Workers in the pool (poolSize of the machine's cores by default). */
  readonly workers?: number;
}

/**
 * Checks the files in a pool of Web Workers sized to the machine (each file read and checked in a
 * worker, results in the files' order), or, where Worker is missing or fails to start, in the page
 * one after another, yielding between them so progress shows.
 */
export async function checkDistrictFiles(
  files: readonly DistrictFileInput[],
  options: DistrictCheckOptions = {}
): Promise<DistrictFileReport[]> {
  const start = options.startWorker === undefined ? await pageWorkers() : options.startWorker;
  if (start && files.length)
    try {
      return await checkInWorkers(files, start, options);
    } catch (e) {
      if (!(e instanceof PoolStartError)) throw e;
      // No worker could start (a policy refusing worker scripts, say): read in the page instead.
    }
  const reports: DistrictFileReport[] = [];
  for (let i = 0; i < files.length; i++) {
    options.onProgress?.(i, files.length, files[i].name);
    await new Promise((resolve) => setTimeout(resolve, 0));
    reports.push(await checkDistrictFile(files[i], options));
  }
  options.onProgress?.(files.length, files.length, "");
  return reports;
}

/** The page's own workers, where it has Worker: the worker's chunk is fetched only now. */
async function pageWorkers(): Promise<(() => WorkerLike) | null> {
  if (typeof Worker === "undefined") return null;
  try {
    return (await import("./districtWorkerStart")).startDistrictWorker;
  } catch {
    return null;
  }
}

function settingsOf(options: DistrictCheckOptions): ReadSettings {
  return {
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  };
}

async function checkInWorkers(
  files: readonly DistrictFileInput[],
  start: () => WorkerLike,
  options: DistrictCheckOptions
): Promise<DistrictFileReport[]> {
  const settings = settingsOf(options);
  const unreadable = new Map<number, Bilingual>();
  const reads = await runPool<DistrictFileRead>(
    files.map((f, index) => ({
      name: f.name,
      async message(id: number) {
        let bytes: ArrayBuffer;
        try {
          bytes = await f.arrayBuffer();
        } catch (e) {
          unreadable.set(index, unreadableText(f.name, e));
          throw e;
        }
        const task: DistrictTask = { id, name: f.name, bytes, settings };
        return { message: task, transfer: [bytes] };
      },
    })),
    {
      size: options.workers ?? poolSize(globalThis.navigator?.hardwareConcurrency),
      start,
      failed: (name, error) => ({
        // no digest: the bytes were never read through, so no copy of anything
        report: failedReport(name, "unreadable", workerFailureText(name, error)),
      }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }
  );
  return reads.map((read, i) => {
    const report = unreadable.has(i)
      ? failedReport(read.report.file, "unreadable", unreadable.get(i) as Bilingual)
      : read.report;
    return remember(report, { read, locale: options.locale ?? "vi-VN", settings });
  });
}

/** A worker stopped on this file: in the words annex check gives its own unexpected failures. */
function workerFailureText(file: string, error: string): Bilingual {
  return {
    vi: `Lỗi không lường trước khi đọc "${file}": ${error}. Xin gửi tệp này cho nhóm phát triển.`,
    en: `Unexpected error while reading "${file}": ${error}. Please send this file to the developers.`,
  };
}

export async function checkDistrictFile(
  input: DistrictFileInput,
  options: DistrictCheckOptions = {}
): Promise<DistrictFileReport> {
  const name = input.name;
  const locale = options.locale ?? "vi-VN";
  const settings = settingsOf(options);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await input.arrayBuffer());
  } catch (e) {
    return failedReport(name, "unreadable", unreadableText(name, e));
  }
  const { read, analysis } = await readDistrictBytes(name, bytes, settings, await pageReader());
  return remember(read.report, { read, locale, settings, ...(analysis ? { analysis } : {}) });
}

/** ExcelJS and the snapshot reader, loaded on first use only: separate chunks of the bundle. */
async function pageReader(): Promise<WorkbookReader> {
  const [bytesReader, sheetReader, kept, inflate, legacy] = await Promise.all([
    import("../adapters/xlsx/workbookFromBytes"),
    import("../adapters/xlsx/readSheet"),
    import("../adapters/xlsx/embeddedTemplates"),
    import("../adapters/xlsx/browserInflate"),
    import("./legacyRead"),
  ]);
  return {
    workbookFromBytes: bytesReader.workbookFromBytes,
    workbookSnapshots: (workbook) => sheetReader.workbookSnapshots(workbook),
    readEmbeddedTemplates: kept.readEmbeddedTemplates,
    inflateRaw: inflate.browserInflateRaw(),
    legacyWorkbook: legacy.legacyWorkbook,
  };
}

/** What a checked file was read as, kept for "Tổng hợp" so the files are not read a second time. */
interface Kept {
  readonly read: DistrictFileRead;
  readonly locale: NumberLocale;
  readonly settings: ReadSettings;
  /** The page's own analysis; a worker's read is analysed again when Tổng hợp needs it. */
  analysis?: WorkbookAnalysis;
}
const sources = new WeakMap<DistrictFileReport, Kept>();

/** Who wrote the file, from its title block (unitSenders.ts). */
export function readBlock(report: DistrictFileReport): BatchFile | undefined {
  return sources.get(report)?.read.block;
}

/** The file as read (its sheets and analysis), for Tổng hợp. */
export function readSource(report: DistrictFileReport): MergeSource | undefined {
  const kept = sources.get(report);
  if (!kept) return undefined;
  const { read } = kept;
  const digest = read.digest !== undefined ? { digest: read.digest } : {};
  if (!read.snapshots)
    return { file: report.file, problem: report.problem?.message ?? report.summary, ...digest };
  // The same engine and templates as the worker used: the same analysis, made again in the page.
  kept.analysis ??= analyzeWorkbook(read.snapshots, {
    templates: [...(read.embedded ?? []), ...templateList(kept.settings.templates ?? [])],
    locale: kept.locale,
  });
  return { file: report.file, snapshots: read.snapshots, analysis: kept.analysis, ...digest };
}

function remember(report: DistrictFileReport, kept: Kept): DistrictFileReport {
  sources.set(report, kept);
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
  const inputs: MergeSource[] = [];
  for (const r of reports) {
    // A worker's read is analysed again here: the page answers clicks between a few files.
    if (inputs.length % 8 === 7) await new Promise((resolve) => setTimeout(resolve, 0));
    inputs.push(
      readSource(r) ?? {
        file: r.file,
        problem: r.problem?.message ?? { vi: "Chưa đọc tệp này.", en: "This file was not read." },
      }
    );
  }
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

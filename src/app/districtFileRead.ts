import type ExcelJS from "exceljs";
import { analyzeWorkbook, Bilingual, NumberLocale, SheetSnapshot, Template } from "../domain";
import type { WorkbookAnalysis } from "../domain/analyzeWorkbook";
import { bytesDigest } from "../domain/consolidate/unitIdentity";
import type { BatchFile } from "../domain/units";
import type { EmbeddedTemplate } from "../domain/sheet/embeddedTemplates";
import type { UnreadSheet } from "../adapters/xlsx/budgetedParts";
import type { InflateRaw } from "../adapters/xlsx/budgetedParts";
import type { WorkbookFromBytes } from "../adapters/xlsx/workbookFromBytes";
import { fileTitleBlock, fileUnit } from "../adapters/xlsx/reportRows";
import {
  damagedText,
  declaredSizeProblem,
  holdsText,
  noReadableSheetText,
  notXlsx,
  signatureProblem,
  SignatureProblem,
  zipEntries,
} from "../adapters/xlsx/workbookBytes";
import { countOf, Counts, countsText, SheetFindings, sheetFindings } from "./findingViews";
import { templateList } from "./templateCatalog";

/**
 * One commune's (or district's) file read and checked, from its bytes: what Hồ sơ đơn vị does for
 * each file, in a worker of the pool (districtWorker.ts) or, where there is none, in the page. The
 * result is plain data (a worker posts it): the report, and the sheets as read for Tổng hợp.
 */

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
  /** Sheets too large to read safely, each with why (the others were checked), as annex check says. */
  readonly unreadSheets?: readonly UnreadSheet[];
  /** Why the file could not be checked at all. */
  readonly problem?: { readonly code: DistrictFileProblem; readonly message: Bilingual };
  readonly summary: Bilingual;
}

/** A file as read: the report, and (when it could be read) its sheets, for Tổng hợp and senders. */
export interface DistrictFileRead {
  readonly report: DistrictFileReport;
  /** bytesDigest of the file (a copy under another name); none when its bytes were not read. */
  readonly digest?: string;
  readonly snapshots?: readonly SheetSnapshot[];
  /** The templates kept in the file (annex learn --embed): Tổng hợp analyses it again with them first. */
  readonly embedded?: readonly Template[];
  /** Who wrote it, from the title block (issue #21). */
  readonly block?: BatchFile;
}

export interface ReadSettings {
  readonly templates?: readonly Template[];
  readonly locale?: NumberLocale;
}

/** The adapter functions a read needs, passed in: a worker imports them, the page loads them lazily. */
export interface WorkbookReader {
  readonly workbookFromBytes: (
    file: string,
    bytes: Uint8Array,
    options: { cellsOnly: boolean; inflateRaw: InflateRaw }
  ) => Promise<WorkbookFromBytes>;
  readonly workbookSnapshots: (workbook: ExcelJS.Workbook) => SheetSnapshot[];
  readonly readEmbeddedTemplates: (workbook: ExcelJS.Workbook) => EmbeddedTemplate[];
  /** The browser's inflate (DecompressionStream), when it has one. */
  readonly inflateRaw: InflateRaw | undefined;
  /** The way the page read files before the browser's inflate (JSZip, then ExcelJS): the fallback. */
  readonly legacyWorkbook: (bytes: Uint8Array) => Promise<ExcelJS.Workbook | "not-xlsx">;
}

const PROBLEMS: ReadonlySet<string> = new Set<DistrictFileProblem>([
  "not-xlsx",
  "old-xls",
  "encrypted",
  "xlsb",
  "too-large",
  "corrupt",
  "unreadable",
  "no-readable-sheet",
]);

/**
 * The file's bytes read and checked: the command line's read path (budgetedParts: the parts found
 * by the package's relationships, each inflated once, trimmed and budgeted; then ExcelJS), and the
 * engine with the same templates. Also returns the analysis, which only the page keeps (a worker
 * cannot post it).
 */
export async function readDistrictBytes(
  name: string,
  bytes: Uint8Array,
  settings: ReadSettings,
  reader: WorkbookReader
): Promise<{ read: DistrictFileRead; analysis?: WorkbookAnalysis }> {
  const locale = settings.locale ?? "vi-VN";
  // The same file picked twice, or a copy under another name ("bao-cao (1).xlsx"), has the same
  // digest: Tổng hợp counts it once, as annex merge does.
  const digest = bytesDigest(bytes);
  const fail = (code: DistrictFileProblem, message: Bilingual) => ({
    read: { report: failedReport(name, code, message), digest },
  });
  let workbook: ExcelJS.Workbook;
  let unreadSheets: readonly UnreadSheet[] = [];
  if (reader.inflateRaw) {
    // annex check's own path: the same words for the same file, whatever is wrong with it.
    const opened = await reader.workbookFromBytes(name, bytes, {
      cellsOnly: true,
      inflateRaw: reader.inflateRaw,
    });
    if ("problem" in opened)
      return fail(
        PROBLEMS.has(opened.problem) ? (opened.problem as DistrictFileProblem) : "corrupt",
        opened.text
      );
    workbook = opened.workbook;
    unreadSheets = opened.unreadSheets;
  } else {
    // Before ExcelJS: a zip is no workbook at all without "xl/" entries or package relationships
    // (which may name a workbook elsewhere; a Word .docx has them too, and is told apart as it is read).
    const sniffed =
      signatureProblem(name, bytes) ??
      (holdsText(bytes, "xl/") || holdsText(bytes, "_rels/.rels")
        ? undefined
        : notXlsx(name, bytes));
    if (sniffed) return fail(sniffed.problem, sniffed.text);
    // The sizes its zip declares, before anything is unpacked (the budget the command line uses).
    const entries = zipEntries(bytes);
    const tooLarge = entries && declaredSizeProblem(name, entries);
    if (tooLarge) return fail(tooLarge.problem, tooLarge.text);
    let loaded: ExcelJS.Workbook | "not-xlsx";
    try {
      loaded = await reader.legacyWorkbook(bytes);
    } catch (e) {
      return fail("corrupt", damagedText(name, e));
    }
    if (loaded === "not-xlsx") {
      const notWorkbook = notXlsx(name, bytes);
      return fail(notWorkbook.problem, notWorkbook.text);
    }
    workbook = loaded;
  }
  // A workbook none of whose sheets can be read is never clean (as annex check says, exit 2).
  const snapshots = reader.workbookSnapshots(workbook);
  if (!snapshots.length) return fail("no-readable-sheet", noReadableSheetText(name));
  const embedded = reader
    .readEmbeddedTemplates(workbook)
    .flatMap((e) => (e.template ? [e.template] : []));
  // A template kept in the file (annex learn --embed) is its own form: it comes first.
  const templates = [...embedded, ...templateList(settings.templates ?? [])];
  const analysis = analyzeWorkbook(snapshots, { templates, locale });
  const sheets: DistrictSheet[] = analysis.sheets.map(sheetFindings);
  const first = analysis.sheets.find((a) => a.annex);
  const counts = countOf(sheets.flatMap((s) => s.findings));
  const summary = countsText(counts);
  const report: DistrictFileReport = {
    file: name,
    unit: fileUnit(snapshots, analysis),
    form: first?.annex?.template.form ?? null,
    year: first?.annex?.year ?? null,
    counts,
    sheets,
    ignoredSheets: analysis.ignored,
    ...(unreadSheets.length ? { unreadSheets } : {}),
    // A sheet left unread (too large) is said in the summary too: a clean count never hides it.
    summary: unreadSheets.length
      ? {
          vi: `${name}: ${summary.vi}; ${unreadSheets.length} trang tính quá lớn không được đọc.`,
          en: `${name}: ${summary.en}; ${unreadSheets.length} sheet${unreadSheets.length === 1 ? "" : "s"} too large, not read.`,
        }
      : { vi: `${name}: ${summary.vi}.`, en: `${name}: ${summary.en}.` },
  };
  return {
    read: {
      report,
      digest,
      snapshots,
      embedded,
      block: fileTitleBlock(name, snapshots, analysis),
    },
    analysis,
  };
}

export function failedReport(
  file: string,
  code: DistrictFileProblem,
  message: Bilingual
): DistrictFileReport {
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

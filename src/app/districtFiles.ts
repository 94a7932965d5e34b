import {
  analyzeWorkbook,
  Bilingual,
  NumberLocale,
  reportingUnit,
  SheetSnapshot,
  Template,
} from "../domain";
import { countOf, Counts, countsText, SheetFindings, sheetFindings } from "./findingViews";
import { templateList } from "./templateCatalog";
import {
  damagedText,
  holdsText,
  notXlsx,
  signatureProblem,
  SignatureProblem,
  unreadableText,
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

export type DistrictFileProblem = SignatureProblem | "corrupt" | "unreadable";

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
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await input.arrayBuffer());
  } catch (e) {
    return failed(name, "unreadable", unreadableText(name, e));
  }
  // Before ExcelJS: a zip without "xl/" entries (a Word .docx) is no workbook at all.
  const sniffed =
    signatureProblem(name, bytes) ?? (holdsText(bytes, "xl/") ? undefined : notXlsx(name, bytes));
  if (sniffed) return failed(name, sniffed.problem, sniffed.text);
  let snapshots: SheetSnapshot[];
  try {
    snapshots = await readSnapshots(bytes);
  } catch (e) {
    return failed(name, "corrupt", damagedText(name, e));
  }
  const analysis = analyzeWorkbook(snapshots, {
    templates: templateList(options.templates ?? []),
    locale: options.locale ?? "vi-VN",
  });
  const sheets: DistrictSheet[] = analysis.sheets.map(sheetFindings);
  const first = analysis.sheets.find((a) => a.annex);
  const firstSnapshot = first && snapshots.find((s) => s.name === first.sheet);
  const unit =
    first?.annex && firstSnapshot
      ? unitText(reportingUnit(firstSnapshot, first.annex.headerRow))
      : null;
  const counts = countOf(sheets.flatMap((s) => s.findings));
  const summary = countsText(counts);
  return {
    file: name,
    unit,
    form: first?.annex?.template.form ?? null,
    year: first?.annex?.year ?? null,
    counts,
    sheets,
    ignoredSheets: analysis.ignored,
    summary: { vi: `${name}: ${summary.vi}.`, en: `${name}: ${summary.en}.` },
  };
}

function unitText(u: { authority?: string; unit?: string }): string | null {
  // The authority first: it is what tells one district's office from another's.
  const parts = [u.authority, u.unit].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(" – ") : null;
}

/** ExcelJS and the snapshot reader, loaded on first use only: a separate chunk of the bundle. */
async function readSnapshots(bytes: Uint8Array): Promise<SheetSnapshot[]> {
  const [excel, reader] = await Promise.all([
    import("exceljs"),
    import("../adapters/xlsx/readSheet"),
  ]);
  const ExcelJS = (excel as unknown as { default?: typeof excel }).default ?? excel;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  );
  // A zip that is not a workbook (a Word .docx, say) loads as an empty workbook.
  if (!workbook.worksheets.length) throw new Error("no worksheet");
  return reader.workbookSnapshots(workbook);
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

import {
  analyzeWorkbook,
  Bilingual,
  NumberLocale,
  quoteCell,
  SheetSnapshot,
  TargetsFile,
  Template,
  WorkbookAnalysis,
} from "../domain";
import { METADATA_SHEET } from "../adapters/xlsx/metadata";
import { workbookSnapshots } from "../adapters/xlsx/readSheet";
import { readEmbeddedTemplates } from "../adapters/xlsx/embeddedTemplates";
import { OpenedWorkbook, readWorkbook, WorkbookFileError } from "../adapters/xlsx/workbookFile";

export interface AnalyzeFileOptions {
  readonly sheet?: string;
  readonly templates: readonly Template[];
  readonly locale: NumberLocale;
  readonly overwrite?: boolean;
  /** The province's targets file (--targets). */
  readonly targets?: TargetsFile;
  /** The workbook is not saved afterwards: parts no snapshot reads are skipped (ReadOptions). */
  readonly cellsOnly?: boolean;
}

export interface AnalyzedFile {
  readonly opened: OpenedWorkbook;
  readonly analysis: WorkbookAnalysis;
  /** The sheets as the engine read them (the title block names who sent the file). */
  readonly snapshots: readonly SheetSnapshot[];
}

/** Read a workbook file and run the engine over its sheets (or the one named with --sheet). */
export async function analyzeFile(
  file: string,
  options: AnalyzeFileOptions
): Promise<AnalyzedFile> {
  const opened = await readWorkbook(file, {
    cellsOnly: options.cellsOnly ?? false,
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  });
  // A sheet left unread (too large) is named apart, never checked as an empty sheet.
  const unread = new Set(opened.unreadSheets.map((u) => u.sheet));
  const snapshots = workbookSnapshots(opened.workbook, options.sheet).filter(
    (s) => !unread.has(s.name)
  );
  if (options.sheet !== undefined && !snapshots.length) {
    const names = opened.workbook.worksheets
      .filter((ws) => ws.name !== METADATA_SHEET)
      .map((ws) => `"${quoteCell(ws.name)}"`)
      .join(", ");
    // Quoted as cell text: a name that differs by an invisible character shows where (⟨U+200B⟩).
    const asked = quoteCell(options.sheet);
    throw new WorkbookFileError("no-sheet", file, {
      vi: `Tệp "${file}" không có trang tính "${asked}" (có: ${names}).`,
      en: `"${file}" has no sheet "${asked}" (it has: ${names}).`,
    });
  }
  // A template kept in the workbook (annex learn --embed) is the file's own form: it comes first.
  const kept = readEmbeddedTemplates(opened.workbook);
  const embedded = kept.flatMap((e) => (e.template ? [e.template] : []));
  const unusableTemplates = kept.flatMap((e) =>
    !e.template && e.problems?.length ? [{ id: e.id, problem: e.problems[0] }] : []
  );
  const analysis = analyzeWorkbook(snapshots, {
    ...(unusableTemplates.length ? { unusableTemplates } : {}),
    locale: options.locale,
    templates: embedded.length ? [...embedded, ...options.templates] : options.templates,
    overwrite: options.overwrite ?? false,
    ...(options.targets ? { targets: options.targets } : {}),
  });
  return { opened, analysis, snapshots };
}

/**
 * Whatever went wrong with one file, as the bilingual message shown for it. In a batch, one file that
 * trips an unexpected error is reported as such and the others are still checked.
 */
export function problemText(e: unknown, file: string): { code: string; text: Bilingual } {
  if (e instanceof WorkbookFileError) return { code: e.problem, text: e.text };
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: "unexpected",
    text: {
      vi: `Lỗi không lường trước khi đọc "${file}": ${detail}. Xin gửi tệp này cho nhóm phát triển.`,
      en: `Unexpected error while reading "${file}": ${detail}. Please send this file to the developers.`,
    },
  };
}

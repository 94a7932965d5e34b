import ExcelJS from "exceljs";
import { Bilingual } from "../../domain";
import { budgetedParts, InflateRaw, UnreadSheet } from "./budgetedParts";
import { METADATA_SHEET } from "./metadata";
import { SNAPSHOT_ONLY } from "./readSheet";
import {
  damagedText,
  holdsText,
  noReadableSheetText,
  notXlsx,
  signatureProblem,
} from "./workbookBytes";
import type { FileProblem } from "./workbookFile";

export interface BytesReadOptions {
  /** Only read for its snapshots, never saved (check, merge, the pane's files tab). */
  readonly cellsOnly?: boolean;
  /** The one sheet read (--sheet). */
  readonly sheet?: string;
  /** How deflated parts are unpacked (Node's zlib unless given: the pane passes the browser's). */
  readonly inflateRaw?: InflateRaw;
}

export type WorkbookFromBytes =
  | { readonly workbook: ExcelJS.Workbook; readonly unreadSheets: readonly UnreadSheet[] }
  | { readonly problem: FileProblem; readonly text: Bilingual };

/**
 * A workbook's bytes as ExcelJS reads them, or why they cannot be: the path `annex check` takes
 * (readWorkbook) and the pane's files tab takes (in its workers), with no file system. The kind of
 * file first (.xls, .xlsb, encrypted…), then the parts unpacked within the budget, found by the
 * package's relationships and trimmed (budgetedParts), then ExcelJS.
 */
export async function workbookFromBytes(
  file: string,
  bytes: Uint8Array,
  options: BytesReadOptions = {}
): Promise<WorkbookFromBytes> {
  const sniffed = signatureProblem(file, bytes);
  if (sniffed) return { problem: sniffed.problem, text: sniffed.text };
  const parts = await budgetedParts(file, bytes, {
    readOnly: options.cellsOnly ?? false,
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
  });
  if ("problem" in parts) return parts;
  const forExcelJs = parts.bytes;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      forExcelJs as unknown as ExcelJS.Buffer,
      options.cellsOnly ? SNAPSHOT_ONLY : undefined
    );
  } catch (e) {
    return { problem: "corrupt", text: damagedText(file, e) };
  }
  // A zip that is not a workbook (a Word .docx, say) loads as an empty workbook.
  if (!holdsText(forExcelJs, "xl/workbook")) return notXlsx(file, bytes);
  // A workbook of which no sheet could be read is never reported as clean.
  if (!workbook.worksheets.some((ws) => ws.name !== METADATA_SHEET))
    return { problem: "no-readable-sheet", text: noReadableSheetText(file) };
  return { workbook, unreadSheets: parts.unread };
}

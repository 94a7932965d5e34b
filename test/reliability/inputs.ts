import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildAnnexLayout, SampleFigures, samplePlan } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { BIEU01, template } from "../helpers/annex";
import {
  deflated,
  growToLastRow,
  rawZip,
  RawPart,
  rebuiltZip,
  SHEET1,
  zipParts,
} from "../../bench/hostileFiles";

export { bombStream, deflated, rawZip, sheetStream, SHEET1 } from "../../bench/hostileFiles";

/**
 * The bad inputs of the reliability catalogue, built as real files: workbooks through ExcelJS, damaged
 * and hostile ones as raw zip bytes written here, compound files as their first bytes.
 */

/** A few consistent figures (no errors): check exits 0, fill has formulas to write. */
export const CLEAN: SampleFigures = {
  templateId: BIEU01,
  year: 2023,
  values: {
    "2": { actualPrev: 40, planCur: 45, actual6m: 20, estimateCur: 44, planNext: 50 },
  },
};

/** An annex as ExcelJS holds it (laid out by `annex new`, figures typed), before saving. */
export async function annexWorkbook(
  figures: SampleFigures = CLEAN,
  edit?: (ws: ExcelJS.Worksheet, address: (code: string, column: string) => string) => void
): Promise<ExcelJS.Workbook> {
  const tpl = template(figures.templateId);
  const workbook = await newAnnexWorkbook({ template: tpl, year: figures.year });
  const layout = buildAnnexLayout(tpl, { year: figures.year });
  const ws = workbook.worksheets[0];
  applyWritePlan(ws, samplePlan(layout, tpl, figures));
  const address = (code: string, column: string) => {
    const row = layout.rowOf.get(code);
    const col = tpl.columns.findIndex((c) => c.id === column);
    if (row === undefined || col < 0) throw new Error(`no cell ${code}/${column}`);
    return ws.getCell(row + 1, col + 1).address;
  };
  edit?.(ws, address);
  return workbook;
}

/** Writes an annex file (a clean one unless told otherwise) and returns its path. */
export async function annexFile(
  dir: string,
  name = "bieu01.xlsx",
  figures: SampleFigures = CLEAN,
  edit?: Parameters<typeof annexWorkbook>[1]
): Promise<string> {
  const file = path.join(dir, name);
  await saveWorkbook(await annexWorkbook(figures, edit), file);
  return file;
}

let cleanBytes: Promise<Buffer> | undefined;

/** The clean annex's bytes, made once and copied where a case needs them. */
export async function cleanAnnexBytes(): Promise<Buffer> {
  cleanBytes ??= annexWorkbook().then(async (wb) => Buffer.from(await wb.xlsx.writeBuffer()));
  return cleanBytes;
}

export async function cleanAnnex(dir: string, name = "bieu01.xlsx"): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, await cleanAnnexBytes());
  return file;
}

/** The parts of the clean annex, unpacked, to rebuild it with one part changed. */
export async function cleanParts(): Promise<Array<[string, Buffer]>> {
  return zipParts(await cleanAnnexBytes());
}

/**
 * The clean annex rebuilt as a raw zip, with `replace` choosing what to write for each part (the
 * part as it was when it returns undefined).
 */
export async function rebuiltAnnex(
  replace: (name: string, data: Buffer) => RawPart | undefined = () => undefined
): Promise<Buffer> {
  return rebuiltZip(await cleanAnnexBytes(), replace);
}

/** A compound file (the container of old .xls and of password-protected .xlsx). */
export function compoundFile(encrypted: boolean): Buffer {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const body = Buffer.alloc(4096);
  if (encrypted) Buffer.from("EncryptionInfo", "utf16le").copy(body, 1024);
  else Buffer.from("Workbook", "utf16le").copy(body, 1024);
  return Buffer.concat([header, body]);
}

/** A LibreOffice .ods: a zip whose first, stored part is its type. */
export function odsFile(): Buffer {
  const mime = Buffer.from("application/vnd.oasis.opendocument.spreadsheet");
  const content = Buffer.from("<office:document-content/>");
  return rawZip([
    { name: "mimetype", data: mime, method: 0, size: mime.length },
    deflated("content.xml", content),
  ]);
}

/** A Word document's zip: no "xl/" part at all. */
export function docxFile(): Buffer {
  const doc = Buffer.from("<w:document/>");
  return rawZip([deflated("[Content_Types].xml", doc), deflated("word/document.xml", doc)]);
}

/** The clean annex with empty, styled rows after its last figure down to row 1,048,576. */
export async function hugeUsedRange(): Promise<Buffer> {
  return rebuiltAnnex((name, data) => (name === SHEET1 ? growToLastRow(name, data) : undefined));
}

import { promises as fs } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildAnnexLayout, SampleFigures, samplePlan } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { BIEU01, template } from "../helpers/annex";

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

/** One part of a zip as this writer lays it out; `size` may lie about what `data` unpacks to. */
export interface RawPart {
  readonly name: string;
  /** Already compressed when method is 8. */
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  readonly size: number;
  readonly crc?: number;
}

/** A zip file written byte by byte, so a case can make it lie (declared sizes) or break it. */
export function rawZip(parts: readonly RawPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc ?? 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(Math.min(p.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(p.data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(p.method, 10);
    dir.writeUInt32LE(p.crc ?? 0, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(Math.min(p.size, 0xffffffff), 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/** The parts of the clean annex, unpacked, to rebuild it with one part changed. */
export async function cleanParts(): Promise<Array<[string, Buffer]>> {
  const zip = await JSZip.loadAsync(await cleanAnnexBytes());
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  return Promise.all(
    names.map(async (n) => [n, await zip.files[n].async("nodebuffer")] as [string, Buffer])
  );
}

export function deflated(name: string, data: Buffer, size = data.length): RawPart {
  return { name, data: zlib.deflateRawSync(data), method: 8, size, crc: crcOf(data) };
}

function crcOf(data: Buffer): number {
  const crc32 = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
  return crc32 ? crc32(data) : 0;
}

/**
 * The clean annex rebuilt as a raw zip, with `replace` choosing what to write for each part (the
 * part as it was when it returns undefined).
 */
export async function rebuiltAnnex(
  replace: (name: string, data: Buffer) => RawPart | undefined = () => undefined
): Promise<Buffer> {
  const parts = await cleanParts();
  return rawZip(parts.map(([n, d]) => replace(n, d) ?? deflated(n, d)));
}

let bomb: Promise<Buffer> | undefined;

/**
 * Deflated XML that unpacks to 210 MB (just over the 200 MB a part may take): rows of empty cells,
 * compressed once per run in 1 MB chunks of the same text.
 */
export function bombStream(): Promise<Buffer> {
  bomb ??= new Promise((resolve, reject) => {
    const chunk = Buffer.from(`<row r="1"><c r="A1" s="1"/></row>`.repeat(30_000));
    const deflate = zlib.createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    deflate.on("data", (b: Buffer) => out.push(b));
    deflate.on("end", () => resolve(Buffer.concat(out)));
    deflate.on("error", reject);
    const head = Buffer.from(
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    );
    deflate.write(head);
    let written = head.length;
    const write = () => {
      while (written < 210 * 1024 * 1024) {
        written += chunk.length;
        if (!deflate.write(chunk)) return void deflate.once("drain", write);
      }
      deflate.end(Buffer.from("</sheetData></worksheet>"));
    };
    write();
  });
  return bomb;
}

export const SHEET1 = "xl/worksheets/sheet1.xml";

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

/**
 * The clean annex with `rows` empty, styled rows after its last figure, down to row 1,048,576 by
 * default (what a sheet formatted to its bottom looks like): every row written, as a file has them.
 */
export async function hugeUsedRange(last = 1_048_576): Promise<Buffer> {
  return rebuiltAnnex((name, data) => {
    if (name !== SHEET1) return undefined;
    const xml = data.toString("utf8");
    const lastRow = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
    const rows: string[] = [];
    for (let r = lastRow + 1; r <= last; r++)
      rows.push(`<row r="${r}"><c r="A${r}" s="1"/><c r="L${r}" s="1"/></row>`);
    const grown = xml
      .replace("</sheetData>", rows.join("") + "</sheetData>")
      .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:M${last}"/>`);
    return deflated(name, Buffer.from(grown, "utf8"));
  });
}

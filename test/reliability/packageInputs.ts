import ExcelJS from "exceljs";
import { deflated, rawZip, RawPart, sheetStream, zipParts } from "../../bench/hostileFiles";
import { annexWorkbook, cleanAnnexBytes } from "./inputs";

/**
 * Workbooks from the real-world corpus of issue #17, built as files: Excel's binary workbook, a valid
 * package whose parts sit at other names than the usual ones, a big data sheet beside the annex, a
 * header row out to column XFD, a workbook without a worksheet.
 */

/** An .xlsb as Excel lays it out: a zip whose workbook part is xl/workbook.bin. */
export function xlsbFile(): Buffer {
  const text = (name: string, s: string) => deflated(name, Buffer.from(s, "utf8"));
  const bin = (name: string) => deflated(name, Buffer.from([0x83, 0x01, 0x00, 0x81, 0x01, 0x00]));
  return rawZip([
    text(
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>'
    ),
    text(
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'
    ),
    bin("xl/workbook.bin"),
    text(
      "xl/_rels/workbook.bin.rels",
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
    ),
    bin("xl/worksheets/sheet1.bin"),
  ]);
}

/** Where each part of the clean annex moves: a package written by another tool than Excel. */
export const ELSEWHERE: Readonly<Record<string, string>> = {
  "xl/workbook.xml": "noi-dung/so.xml",
  "xl/_rels/workbook.xml.rels": "noi-dung/_rels/so.xml.rels",
  "xl/worksheets/sheet1.xml": "noi-dung/trang/bieu.xml",
  "xl/worksheets/sheet2.xml": "noi-dung/trang/an.xml",
  "xl/styles.xml": "noi-dung/kieu.xml",
  "xl/sharedStrings.xml": "noi-dung/chuoi.xml",
  "xl/theme/theme1.xml": "noi-dung/giao-dien.xml",
};

/**
 * The clean annex as a valid package whose parts sit elsewhere (ELSEWHERE): every relationship
 * retargeted (absolute targets, as the package format allows), [Content_Types].xml's overrides renamed.
 * Excel opens it, following the relationships.
 */
export async function elsewherePackage(moves = ELSEWHERE): Promise<Buffer> {
  const parts = await zipParts(await cleanAnnexBytes());
  const names = new Map(parts.map(([n]) => [n, moves[n] ?? n]));
  const relsOf = (part: string) => {
    const slash = part.lastIndexOf("/");
    return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  };
  // Each part's own relationships move with it.
  for (const [from, to] of Object.entries(moves))
    if (!from.includes("_rels/") && names.has(relsOf(from))) names.set(relsOf(from), relsOf(to));
  const out: RawPart[] = parts.map(([name, data]) => {
    let text = data.toString("utf8");
    if (name.endsWith(".rels")) {
      const source = name === "_rels/.rels" ? "" : name.replace(/_rels\/([^/]+)\.rels$/, "$1");
      const folder = source.includes("/") ? source.slice(0, source.lastIndexOf("/") + 1) : "";
      text = text.replace(
        /(<Relationship\b[^>]*\bTarget=")([^"]+)("[^>]*>)/g,
        (whole, a: string, target: string, b: string) => {
          if (/TargetMode="External"/.test(whole)) return whole;
          const part = resolve(folder, target);
          return `${a}/${names.get(part) ?? part}${b}`;
        }
      );
    }
    if (name === "[Content_Types].xml")
      text = text.replace(
        /PartName="\/([^"]+)"/g,
        (_, p: string) => `PartName="/${names.get(p) ?? p}"`
      );
    return deflated(names.get(name) ?? name, Buffer.from(text, "utf8"));
  });
  return rawZip(out);
}

function resolve(folder: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : folder + target;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg && seg !== ".") out.push(seg);
  }
  return out.join("/");
}

/**
 * The clean annex with a second sheet "Dữ liệu" of plain figures that unpacks to `bytes` (60 MB: past
 * the 50 MB a sheet may take in ExcelJS). ExcelJS writes the workbook; the big part is put in after.
 */
export function bigDataSheetBeside(): Promise<Buffer> {
  bigBeside ??= dataSheetBeside(60 * 1024 * 1024);
  return bigBeside;
}
let bigBeside: Promise<Buffer> | undefined;

async function dataSheetBeside(bytes: number): Promise<Buffer> {
  const wb = await annexWorkbook();
  const data = wb.addWorksheet("Dữ liệu");
  data.getCell("A1").value = 1;
  const written = Buffer.from(await wb.xlsx.writeBuffer());
  const big = await sheetStream(
    bytes,
    '<row r="1"><c r="A1"><v>12345</v></c><c r="B1"><v>678</v></c></row>'
  );
  const parts = await zipParts(written);
  // The data sheet is the last worksheet part ExcelJS wrote (the annex is sheet1, _annex after it).
  const sheetOfData = await sheetPartNamed(written, "Dữ liệu");
  return rawZip(
    parts.map(([n, d]) =>
      n === sheetOfData ? { name: n, data: big.data, method: 8, size: big.size } : deflated(n, d)
    )
  );
}

/** The worksheet part of the sheet with this name, as the workbook's relationships say. */
async function sheetPartNamed(bytes: Buffer, sheet: string): Promise<string> {
  const parts = new Map(await zipParts(bytes));
  const wbXml = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
  const rels = parts.get("xl/_rels/workbook.xml.rels")?.toString("utf8") ?? "";
  const id = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wbXml)?.[1];
  const target =
    new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for sheet ${sheet}`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/**
 * The clean annex with its header row carried out to column XFD, and without its Kiểm tra header (as
 * on a sheet made by hand): `content` puts "x" in every cell right of the table; otherwise the cells
 * are empty and only formatted (a fill colour dragged to the end of the row).
 */
export async function headerToXfd(content: boolean): Promise<Buffer> {
  const wb = await annexWorkbook();
  const ws = wb.worksheets[0];
  let header = 0;
  let checkCol = 0;
  ws.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (cell.value === "Kiểm tra" && !header) [header, checkCol] = [r, c];
    })
  );
  if (!header) throw new Error("no Kiểm tra header");
  ws.unMergeCells(header, checkCol, header + 1, checkCol);
  for (let r = 1; r <= ws.rowCount; r++) ws.getCell(r, checkCol).value = null;
  const fill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  for (let c = checkCol; c <= 16_384; c++) {
    if (content) ws.getCell(header, c).value = "x";
    else ws.getCell(header, c).fill = fill;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The clean annex whose workbook lists no sheet (what a workbook of only chart sheets reads as). */
export async function noWorksheet(): Promise<Buffer> {
  const parts = await zipParts(await cleanAnnexBytes());
  return rawZip(
    parts.map(([n, d]) =>
      n === "xl/workbook.xml"
        ? deflated(
            n,
            Buffer.from(d.toString("utf8").replace(/<sheets>[\s\S]*<\/sheets>/, "<sheets/>"))
          )
        : deflated(n, d)
    )
  );
}

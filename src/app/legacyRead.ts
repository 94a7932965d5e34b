import ExcelJS from "exceljs";
import { SNAPSHOT_ONLY } from "../adapters/xlsx/readSheet";
import { withUsualPartNames } from "../adapters/xlsx/usualPartNames";

/**
 * How the page read a file before it had the browser's inflate (DecompressionStream "deflate-raw"),
 * kept for browsers without it: parts found by the package's relationships (JSZip), then ExcelJS
 * loads the whole package (and inflates every part again). Never saved: SNAPSHOT_ONLY.
 */
export async function legacyWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook | "not-xlsx"> {
  const usual = await withUsualPartNames(bytes);
  if (!usual) return "not-xlsx";
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    usual.buffer.slice(usual.byteOffset, usual.byteOffset + usual.byteLength) as ArrayBuffer,
    SNAPSHOT_ONLY
  );
  return workbook;
}

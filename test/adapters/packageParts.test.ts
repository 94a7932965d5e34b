import { promises as fs } from "fs";
import * as path from "path";
import { zipParts } from "../../bench/hostileFiles";
import { workbookPackage } from "../../src/adapters/xlsx/packageParts";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { tempDir } from "../helpers/cli";
import { cleanAnnexBytes } from "../reliability/inputs";
import { ELSEWHERE, elsewherePackage, xlsbFile } from "../reliability/packageInputs";

/**
 * Issue #17: an .xlsx is read through its relationships, as Excel reads it, wherever its parts sit;
 * parts ExcelJS would not find are renamed to the usual names before it reads them.
 */
async function packageOf(bytes: Buffer) {
  const parts = new Map(await zipParts(bytes));
  return workbookPackage([...parts.keys()], (n) => parts.get(n));
}

test("a usual package (as ExcelJS and Excel write it) is left as it is", async () => {
  const pkg = await packageOf(await cleanAnnexBytes());
  expect(pkg?.format).toBe("xlsx");
  expect(pkg?.workbook).toBe("xl/workbook.xml");
  expect(pkg?.sheets).toEqual([
    { name: "Biểu 01 - 2023", part: "xl/worksheets/sheet1.xml" },
    { name: "_annex", part: "xl/worksheets/sheet2.xml" },
  ]);
  expect(pkg?.renames.size).toBe(0);
  expect(pkg?.rewritten.size).toBe(0);
});

test("parts elsewhere are found by the relationships and renamed to where ExcelJS looks", async () => {
  const pkg = await packageOf(await elsewherePackage());
  expect(pkg?.workbook).toBe(ELSEWHERE["xl/workbook.xml"]);
  expect(pkg?.sheets.map((s) => s.name)).toEqual(["Biểu 01 - 2023", "_annex"]);
  expect(Object.fromEntries(pkg?.renames ?? [])).toMatchObject({
    "noi-dung/so.xml": "xl/workbook.xml",
    "noi-dung/_rels/so.xml.rels": "xl/_rels/workbook.xml.rels",
    "noi-dung/trang/bieu.xml": "xl/worksheets/sheet1.xml",
    "noi-dung/trang/an.xml": "xl/worksheets/sheet2.xml",
    "noi-dung/kieu.xml": "xl/styles.xml",
    "noi-dung/chuoi.xml": "xl/sharedStrings.xml",
  });
  const rels = new TextDecoder().decode(pkg?.rewritten.get("xl/_rels/workbook.xml.rels"));
  expect(rels).toContain('Target="worksheets/sheet1.xml"');
  expect(rels).toContain('Target="styles.xml"');
  expect(rels).not.toContain("noi-dung");
});

test("the same annex read from parts elsewhere gives the same cells as the usual package", async () => {
  const dir = tempDir();
  const usual = path.join(dir, "thuong.xlsx");
  const other = path.join(dir, "khac.xlsx");
  await fs.writeFile(usual, await cleanAnnexBytes());
  await fs.writeFile(other, await elsewherePackage());
  const [a, b] = await Promise.all([readWorkbook(usual), readWorkbook(other)]);
  const [sa, sb] = [workbookSnapshots(a.workbook), workbookSnapshots(b.workbook)];
  expect(sb.map((s) => s.name)).toEqual(["Biểu 01 - 2023"]);
  expect(sb[0].values).toEqual(sa[0].values);
  expect(sb[0].formulas).toEqual(sa[0].formulas);
  expect(sb[0].numberFormats).toEqual(sa[0].numberFormats);
  expect(sb[0].metadata).toEqual(sa[0].metadata);
});

test("Excel's binary workbook is told apart by its workbook part; no package, no workbook", async () => {
  expect((await packageOf(xlsbFile()))?.format).toBe("xlsb");
  expect(workbookPackage(["word/document.xml"], () => undefined)).toBeUndefined();
});

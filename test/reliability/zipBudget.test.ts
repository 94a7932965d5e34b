import JSZip from "jszip";
import { declaredSizeProblem, ZIP_BUDGET, zipEntries } from "../../src/adapters/xlsx/workbookBytes";
import {
  clipCoveredRanges,
  coveredCells,
  trimTrailingEmptyRows,
} from "../../src/adapters/xlsx/sheetXmlBytes";
import { cleanAnnexBytes, deflated, rawZip } from "./inputs";

/** The pure byte checks behind "Tệp quá lớn" and the trimming of huge sheets (issue #10). */
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

const sheet = (rows: string, tail = "") =>
  `<worksheet><dimension ref="A1:L1048576"/><sheetData>${rows}</sheetData>${tail}</worksheet>`;
const emptyRows = (from: number, to: number) =>
  Array.from(
    { length: to - from + 1 },
    (_, i) => `<row r="${from + i}"><c r="A${from + i}" s="1"/></row>`
  ).join("");

describe("zipEntries reads the central directory without unpacking", () => {
  test("a real annex: every part, with the sizes it unpacks to", async () => {
    const file = await cleanAnnexBytes();
    const entries = zipEntries(file) ?? [];
    const zip = await JSZip.loadAsync(file);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const parts = entries.filter((e) => !e.name.endsWith("/")); // folders are entries too
    expect(parts.map((e) => e.name).sort()).toEqual(names.sort());
    for (const e of parts)
      expect(e.size).toBe((await zip.files[e.name].async("uint8array")).length);
    expect(declaredSizeProblem("a.xlsx", entries)).toBeUndefined();
  });

  test("not a zip, or a zip cut short: no directory", async () => {
    expect(zipEntries(bytes("STT;Chỉ tiêu\n"))).toBeUndefined();
    const file = await cleanAnnexBytes();
    expect(zipEntries(file.subarray(0, file.length - 30))).toBeUndefined();
  });

  test("declared sizes over the budget: a part, or all parts together", () => {
    const part = (name: string, size: number) => ({ ...deflated(name, Buffer.from("x")), size });
    const one = zipEntries(rawZip([part("xl/worksheets/sheet1.xml", ZIP_BUDGET.part + 1)])) ?? [];
    expect(declaredSizeProblem("b.xlsx", one)?.text.vi).toMatch(
      /^Tệp quá lớn: "b\.xlsx" \(phần xl\/worksheets\/sheet1\.xml giải nén ra 200 MB\)/
    );
    const three = zipEntries(rawZip(["a", "b", "c"].map((n) => part(n, 150 * 1024 * 1024)))) ?? [];
    expect(declaredSizeProblem("c.xlsx", three)?.text.en).toMatch(
      /^File too large: "c\.xlsx" \(unpacks to 450 MB\)/
    );
    const huge = zipEntries(rawZip([part("x", 0xffffffff)])) ?? [];
    expect(huge[0].size).toBe(Infinity);
    expect(declaredSizeProblem("d.xlsx", huge)?.text.vi).toContain("giải nén ra hơn 4.096 MB");
  });
});

describe("trimTrailingEmptyRows", () => {
  const data = `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2"><f>A1</f><v>1</v></c><c r="C2" s="2"/></row>`;

  test("drops the empty rows after the last cell that holds something, and nothing else", () => {
    const xml = sheet(
      data + emptyRows(3, 40),
      '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    );
    expect(text(trimTrailingEmptyRows(bytes(xml), 0))).toBe(
      sheet(data, '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>')
    );
  });

  test("inline text counts as content; below the minimum nothing is changed", () => {
    const inline = `<row r="5"><c r="A5" t="inlineStr"><is><t>x</t></is></c></row>`;
    expect(text(trimTrailingEmptyRows(bytes(sheet(inline + emptyRows(6, 9))), 0))).toBe(
      sheet(inline)
    );
    expect(trimTrailingEmptyRows(bytes(sheet(data + emptyRows(3, 40))))).toBeUndefined();
    expect(trimTrailingEmptyRows(bytes(sheet(data)), 0)).toBeUndefined();
  });
});

describe("clipCoveredRanges and coveredCells", () => {
  const rows = `<row r="1"><c r="D1"><v>1</v></c></row><row r="7"><c r="E7"><v>2</v></c></row>${emptyRows(8, 12)}`;
  const validations = (sqref: string) =>
    `<dataValidations count="1"><dataValidation type="whole" sqref="${sqref}"><formula1>0</formula1></dataValidation></dataValidations>`;

  test("whole-column validations are cut at the last row holding a value", () => {
    const xml = sheet(rows, validations("D1:L1048576 M:M 3:3"));
    expect(coveredCells(bytes(xml)).cells).toBe(9 * 1_048_576 + 1_048_576 + 16_384);
    expect(text(clipCoveredRanges(bytes(xml)))).toBe(sheet(rows, validations("D1:L7 M1:M7 3:3")));
  });

  test("a merge over whole columns is cut the same way; small ones are left exactly as they are", () => {
    const merges = (ref: string) =>
      `<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="${ref}"/></mergeCells>`;
    const xml = sheet(rows, merges("X2:Z1048576"));
    expect(coveredCells(bytes(xml)).kind.what.vi).toBe("vùng ô gộp");
    expect(text(clipCoveredRanges(bytes(xml)))).toBe(sheet(rows, merges("X2:Z7")));
    expect(clipCoveredRanges(bytes(sheet(rows, validations("D11:J200"))))).toBeUndefined();
  });
});

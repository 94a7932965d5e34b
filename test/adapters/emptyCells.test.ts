import { trimTrailingEmptyCells } from "../../src/adapters/xlsx/emptyCells";

/** Issue #17: a header row formatted out to column XFD is cut before ExcelJS reads it. */
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
function col(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const sheet = (rows: string) =>
  `<?xml version="1.0"?><worksheet><dimension ref="A1:XFD3"/><sheetData>${rows}</sheetData><mergeCells count="0"/></worksheet>`;
const toXfd = (row: number, from: number, cell: (ref: string) => string) =>
  Array.from({ length: 16_384 - from + 1 }, (_, i) => cell(`${col(from + i)}${row}`)).join("");

test("empty formatted cells right of everything the sheet holds are cut, with the row's spans", () => {
  const header = `<row r="1" spans="1:16384"><c r="A1" t="inlineStr"><is><t>STT</t></is></c><c r="B1" s="2"/><c r="C1" t="inlineStr"><is><t>Chỉ tiêu</t></is></c>${toXfd(1, 4, (r) => `<c r="${r}" s="3"/>`)}</row>`;
  const body = `<row r="2"><c r="A2"><v>1</v></c><c r="D2" s="2"/><c r="E2"><f>A2+1</f><v>2</v></c><c r="F2" s="2"></c></row>`;
  const xml = sheet(header + body);
  const out = dec(trimTrailingEmptyCells(enc(xml)));
  expect(out).toBeDefined();
  // The table's own formatted empties (B1, D2) stay; E is the last column holding something.
  expect(out).toContain('<c r="B1" s="2"/>');
  expect(out).toContain('<c r="D2" s="2"/>');
  expect(out).toContain("<f>A2+1</f>");
  expect(out).not.toMatch(/r="(F|G|XFD)\d"/);
  expect(out).toContain('<row r="1" spans="1:5">');
  expect(out?.length).toBeLessThan(2000);
  expect(out?.endsWith('</sheetData><mergeCells count="0"/></worksheet>')).toBe(true);
});

test("a sheet holding a value at XFD, or too few empty cells to matter, goes to ExcelJS as it is", () => {
  const filled = sheet(
    `<row r="1">${toXfd(1, 1, (r) => `<c r="${r}" t="inlineStr"><is><t>x</t></is></c>`)}</row>`
  );
  expect(trimTrailingEmptyCells(enc(filled))).toBeUndefined();
  const small = sheet(`<row r="1"><c r="A1"><v>1</v></c><c r="AAA1" s="1"/></row>`);
  expect(trimTrailingEmptyCells(enc(small))).toBeUndefined();
  const wideButFew = sheet(
    `<row r="1"><c r="A1"><v>1</v></c>${Array.from({ length: 4000 }, (_, i) => `<c r="${col(2 + i)}1" s="1"/>`).join("")}</row>`
  );
  expect(dec(trimTrailingEmptyCells(enc(wideButFew), 1024))).toBe(
    sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`)
  );
});

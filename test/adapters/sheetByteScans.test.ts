import fc from "fast-check";
import { cellPastZZ } from "../../src/adapters/xlsx/emptyCells";
import { coveredCells } from "../../src/adapters/xlsx/sheetXmlBytes";

/**
 * The byte scans that spare an ordinary sheet from being decoded before ExcelJS reads it must find
 * exactly what the text searches they replaced found: random worksheet XML made of the pieces that
 * could fool them (Vietnamese text, references with three letters outside a cell, "r=" at a word's
 * end, ">" and "<" between a cell's name and its reference, "ref=" inside text and inside "sqref=").
 */
const enc = (s: string) => new TextEncoder().encode(s);

const cellPieces = [
  '<c r="A1">',
  '<c r="ABC12"/>',
  '<c s="3" r="XFD1" t="s"/>',
  '<c\tr="AAA9"/>',
  '<cr="ABC1"/>',
  '<col r="ABC1"/>',
  '<c s="1"><x r="ABD2"/>',
  '<c s="1">r="ABE3"',
  '<row r="ABC1">',
  '<c xr="ABC1"/>',
  '<c r="AB1"/>',
  '<c r="ABCD"/>',
  '<c r="abc1"/>',
  '<t>Chỉ tiêu r="ÂBC1" ợ</t>',
  "Số người",
  "<",
  ">",
  " ",
  '"',
  "=",
  "r",
  "c",
  "ABC1",
];

test('cellPastZZ agrees with /<c\\b[^>]*?\\br="[A-Z]{3}\\d/ on the decoded text', () => {
  const regex = /<c\b[^>]*?\br="[A-Z]{3}\d/;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...cellPieces), { maxLength: 12 }), (pieces) => {
      const xml = pieces.join("");
      expect(cellPastZZ(enc(xml))).toBe(regex.test(xml));
    }),
    { numRuns: 3000 }
  );
});

/** The count the section's decoded text gave before (the attribute's regex over the whole section). */
function areaByText(xml: string, open: string, close: string, attribute: RegExp): number {
  const start = xml.indexOf(open);
  const end = start < 0 ? -1 : xml.indexOf(close, start);
  if (end < 0) return 0;
  const text = xml.slice(start, end + close.length);
  let n = 0;
  for (const m of text.matchAll(attribute))
    for (const ref of m[1].trim().split(/\s+/)) {
      const r = /^\$?([A-Z]{0,3})\$?(\d*)(?::\$?([A-Z]{0,3})\$?(\d*))?$/i.exec(ref);
      if (!r || (!r[1] && !r[2])) continue;
      const colOf = (s: string) =>
        [...s.toUpperCase()].reduce((k, ch) => k * 26 + ch.charCodeAt(0) - 64, 0);
      const top = r[2] ? Number(r[2]) : 1;
      const right = r[3] !== undefined ? r[3] : r[1];
      const bottom = r[4] ? Number(r[4]) : r[3] !== undefined || !r[2] ? 1_048_576 : top;
      const left = r[1] ? colOf(r[1]) : 1;
      const rightCol = right ? colOf(right) : 16_384;
      n += (bottom - top + 1) * (rightCol - left + 1);
    }
  return n;
}

const validationPieces = [
  '<dataValidation type="whole" sqref="D11:L200">',
  '<dataValidation sqref="M:M 3:3" prompt="Nhập số người (ĐVT: người)">',
  '<dataValidation xsqref="A1:Z1048576">',
  '<dataValidation prompt="ô sqref=" sqref="B2">',
  '<formula1>"sqref=""A1:XFD1048576"""</formula1>',
  "<formula1>0</formula1>",
  "</dataValidation>",
  '<mergeCell ref="X2:Z1048576"/>',
  '<mergeCell ref="A1:B1"/>',
  '<mergeCell sref="A1:Z100"/>',
  "Chỉ tiêu thuận ≥ 85",
  'ref="',
  '"',
];

test("coveredCells counts from the bytes what the section's decoded text counted", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...validationPieces), { maxLength: 10 }),
      fc.array(fc.constantFrom(...validationPieces), { maxLength: 6 }),
      (validations, merges) => {
        const xml = `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><dataValidations count="2">${validations.join("")}</dataValidations><mergeCells count="1">${merges.join("")}</mergeCells></worksheet>`;
        const bySqref = areaByText(
          xml,
          "<dataValidations",
          "</dataValidations>",
          /\bsqref="([^"]*)"/g
        );
        const byRef = areaByText(xml, "<mergeCells", "</mergeCells>", /\bref="([^"]*)"/g);
        const found = coveredCells(enc(xml));
        expect(found.cells).toBe(Math.max(bySqref, byRef));
        if (found.cells > 0)
          expect(found.kind.what.en).toBe(
            byRef > bySqref ? "merged cells" : "data validation rules"
          );
      }
    ),
    { numRuns: 2000 }
  );
});

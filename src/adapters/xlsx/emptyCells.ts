/**
 * Empty cells to the right of everything a sheet holds: a header row formatted out to column XFD
 * (16,384 cells, each an object in ExcelJS, and a "Kiểm tra" column looked for past the last column
 * Excel has). Cut from the worksheet's XML before ExcelJS reads it, as the empty rows at the end are.
 * Pure: no Node, no DOM.
 */

/** A cell element: its column letters, and its content when it is not self-closing. */
const CELL = /<c\b[^>]*?\br="([A-Z]{1,3})\d+"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g;
/** What only a cell holding something has: a value, a formula, inline text. */
const CONTENT = /<(?:v|f|is)[\s>/]/;

/**
 * The worksheet's XML without the empty cells right of the last column that holds something in any
 * row, when they take at least `minimum` bytes (a row formatted to XFD is about 300 KB); undefined when
 * there is nothing worth cutting, so ordinary sheets go to ExcelJS exactly as they are. The rows'
 * `spans` hints are cut to the same column. Cells inside the table keep their formats: only those
 * right of all content go.
 */
export function trimTrailingEmptyCells(
  xml: Uint8Array,
  minimum = 64 * 1024
): Uint8Array | undefined {
  if (xml.length < minimum) return undefined;
  // Only a sheet with cells past column ZZ (702) can have enough of them to matter: one quick look
  // at the bytes, so that an ordinary sheet is not decoded at all.
  if (!cellPastZZ(xml)) return undefined;
  const text = new TextDecoder().decode(xml);
  const start = text.indexOf("<sheetData");
  const end = text.lastIndexOf("</sheetData>");
  if (start < 0 || end < start) return undefined;
  const data = text.slice(start, end);
  let last = 0;
  let emptyBytes = 0;
  for (const m of data.matchAll(CELL)) {
    if (m[2] !== undefined && CONTENT.test(m[2])) last = Math.max(last, columnNumber(m[1]));
  }
  for (const m of data.matchAll(CELL))
    if (columnNumber(m[1]) > last && !(m[2] !== undefined && CONTENT.test(m[2])))
      emptyBytes += m[0].length;
  if (emptyBytes < minimum) return undefined;
  const kept = data
    .replace(CELL, (cell: string, letters: string) => (columnNumber(letters) > last ? "" : cell))
    .replace(
      /(<row\b[^>]*?)\sspans="(\d+):(\d+)"/g,
      (whole, open: string, a: string, b: string) => {
        if (Number(b) <= last) return whole;
        return Number(a) > last ? open : `${open} spans="${a}:${Math.max(last, 1)}"`;
      }
    );
  return new TextEncoder().encode(text.slice(0, start) + kept + text.slice(end));
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

const [LT, GT, EQ, QUOTE, R, C] = [...'<>="rc'].map((ch) => ch.charCodeAt(0));

/**
 * Whether the XML holds a cell whose reference has three letters: what /<c\b[^>]*?\br="[A-Z]{3}\d/
 * finds in the decoded text, found in the bytes (every character it looks at is ASCII, and no byte
 * of another character's UTF-8 is). The native search hops between the "=" of the attributes.
 */
export function cellPastZZ(xml: Uint8Array): boolean {
  for (let i = xml.indexOf(EQ, 1); i >= 0; i = xml.indexOf(EQ, i + 1)) {
    if (xml[i - 1] !== R || xml[i + 1] !== QUOTE || isWord(xml[i - 2])) continue;
    if (!isUpper(xml[i + 2]) || !isUpper(xml[i + 3]) || !isUpper(xml[i + 4])) continue;
    if (!isDigit(xml[i + 5])) continue;
    // Inside a <c …> tag: "<c" then no ">" up to this attribute.
    const gt = xml.lastIndexOf(GT, i);
    for (let lt = xml.lastIndexOf(LT, i); lt > gt; lt = lt > 0 ? xml.lastIndexOf(LT, lt - 1) : -1)
      if (xml[lt + 1] === C && !isWord(xml[lt + 2]) && lt + 2 < i - 1) return true;
  }
  return false;
}

function isUpper(b: number | undefined): boolean {
  return b !== undefined && b >= 0x41 && b <= 0x5a;
}

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

/** A character \b counts as a word character (A–Z, a–z, 0–9, _); undefined is the text's edge. */
function isWord(b: number | undefined): boolean {
  return b !== undefined && (isUpper(b) || isDigit(b) || (b >= 0x61 && b <= 0x7a) || b === 0x5f);
}

import ExcelJS from "exceljs";
import { formatNumber } from "../../domain";

/**
 * What the spreadsheet view shows for a cell, the way Excel on a Vietnamese machine shows it: numbers
 * through their number format with "." grouping and "," decimals ("16.000", "57,72", "+0,75 điểm %"),
 * formulas by their cached result, errors by their code. Only the number formats annexes use are
 * understood (General, 0, 0.00, #,##0, #,##0.0…, percent, literal text in quotes, sign sections);
 * anything else falls back to General.
 */
export function displayText(cell: ExcelJS.Cell): string {
  if (cell.type === ExcelJS.ValueType.Merge) return "";
  const raw = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  return formatValue(plain(raw), cell.numFmt);
}

/** What the formula bar shows: the formula with "=", or the value as typed. */
export function editText(cell: ExcelJS.Cell): string {
  if (cell.type === ExcelJS.ValueType.Merge) return "";
  if (cell.type === ExcelJS.ValueType.Formula) return `=${cell.formula}`;
  const v = plain(cell.value);
  if (v === null) return "";
  if (typeof v === "number") return formatNumber(v, "vi-VN").replace(/\./g, "");
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

type Plain = number | string | boolean | null;

function plain(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return o.error;
    if (Array.isArray(o.richText)) {
      return (o.richText as Array<{ text?: string }>).map((t) => t.text ?? "").join("");
    }
    if (typeof o.text === "string") return o.text;
    if ("result" in o) return plain(o.result);
  }
  return String(v);
}

export function formatValue(value: Plain, numFmt: string | undefined): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const format = numFmt && numFmt !== "General" ? numFmt : undefined;
  if (!format) return general(value);
  const sections = splitSections(format);
  let section = sections[0];
  let v = value;
  if (value < 0 && sections.length > 1) {
    section = sections[1];
    v = -value; // the section writes its own sign
  } else if (value === 0 && sections.length > 2) {
    section = sections[2];
  }
  return applySection(v, section) ?? general(value);
}

/** Excel's General: no grouping, up to 10 significant digits, the decimal comma. */
function general(value: number): string {
  return String(Number(value.toPrecision(10))).replace(".", ",");
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** One section of a number format: literal text around one number pattern. */
function applySection(value: number, section: string): string | undefined {
  const tokens: string[] = [];
  let pattern = "";
  let i = 0;
  while (i < section.length) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return undefined;
      tokens.push(section.slice(i + 1, end));
      i = end + 1;
    } else if (ch === "\\" && i + 1 < section.length) {
      tokens.push(section[i + 1]);
      i += 2;
    } else if ("#0,.".includes(ch)) {
      let j = i;
      while (j < section.length && "#0,.".includes(section[j])) j++;
      if (pattern) return undefined; // two number patterns: not one of ours
      pattern = section.slice(i, j);
      tokens.push("\u0000");
      i = j;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      if (end < 0) return undefined;
      i = end + 1; // colours and conditions are not shown here
    } else if (ch === "_" || ch === "*") {
      i += 2; // padding
    } else {
      tokens.push(ch);
      i++;
    }
  }
  if (!pattern) return tokens.join("");
  const percent = tokens.includes("%");
  const shown = percent ? value * 100 : value;
  const dot = pattern.indexOf(".");
  const decimals = dot < 0 ? 0 : pattern.slice(dot + 1).replace(/[^0#]/g, "").length;
  const grouped = (dot < 0 ? pattern : pattern.slice(0, dot)).includes(",");
  let text = formatNumber(shown, "vi-VN", decimals);
  if (!grouped) text = text.replace(/\./g, "");
  return tokens.map((t) => (t === "\u0000" ? text : t)).join("");
}

/**
 * Folding of Vietnamese text for matching: headers, indicator names and units are compared
 * diacritic-, case-, punctuation- and whitespace-insensitively ("Chỉ tiêu" = "CHI  TIEU").
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_WORD = /[^a-z0-9%]+/g;

export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(NOT_WORD, " ")
    .trim();
}

/** Leading markers that introduce child rows: "Trong đó:", "Gồm:", "-", "+", "*". */
const CHILD_PREFIX = /^(?:(?:trong do|gom|bao gom|chia ra|cu the)\s+)+/;

/** Folds an indicator name and drops the child-row prefixes, so "- Trong đó: Nữ" matches "Nữ". */
export function foldName(text: string): string {
  return fold(text).replace(CHILD_PREFIX, "").trim();
}

const ROMAN = /^(?=[ivxlc]+$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;

/** True for a Roman numeral such as "I", "IV", "VII." — the code of a section row. */
export function isRomanNumeral(text: string): boolean {
  const t = fold(text);
  return t.length > 0 && ROMAN.test(t);
}

/**
 * Searching bytes without decoding them: zip entry names and worksheet XML are ASCII where we look, so
 * a needle is its character codes. Shared by workbookBytes.ts (the file's kind) and sheetXmlBytes.ts
 * (the sheets' sizes and trimming).
 */

export function indexOfBytes(bytes: Uint8Array, needle: readonly number[], from: number): number {
  // The search jumps between occurrences of the needle's least common byte in sheet XML ("V" of
  // "<dataValidations", not its "<", which starts every tag): far fewer stops on a large sheet.
  const k = anchorOf(needle);
  const b = needle[k];
  for (let i = bytes.indexOf(b, from + k); i >= 0; i = bytes.indexOf(b, i + 1))
    if (matchesAt(bytes, needle, i - k)) return i - k;
  return -1;
}

/** Bytes of worksheet XML from the most to the least frequent (measured on annexes); others are rarer. */
const COMMON_BYTES = ascii(' "tor=<>asec/1ip2n0l3g4h5u6m7f8d9DvVSwCABTEFGHIJKLMNOPQRUWXYZxyqbkjz');

function anchorOf(needle: readonly number[]): number {
  let best = 0;
  let rank = -1;
  for (let k = 0; k < needle.length; k++) {
    const r = COMMON_BYTES.indexOf(needle[k]);
    const rarity = r < 0 ? COMMON_BYTES.length : r;
    if (rarity > rank) {
      rank = rarity;
      best = k;
    }
  }
  return best;
}

export function lastIndexOfBytes(
  bytes: Uint8Array,
  needle: readonly number[],
  before: number
): number {
  for (
    let i = bytes.lastIndexOf(needle[0], before - 1);
    i >= 0;
    i = bytes.lastIndexOf(needle[0], i - 1)
  ) {
    if (matchesAt(bytes, needle, i)) return i;
    if (i === 0) break;
  }
  return -1;
}

export function matchesAt(bytes: Uint8Array, needle: readonly number[], at: number): boolean {
  if (at + needle.length > bytes.length) return false;
  for (let j = 0; j < needle.length; j++) if (bytes[at + j] !== needle[j]) return false;
  return true;
}
export function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return matchesAt(bytes, prefix, 0);
}

export function includes(bytes: Uint8Array, needle: readonly number[]): boolean {
  return indexOfBytes(bytes, needle, 0) >= 0;
}

export function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/**
 * How a finding or a message quotes what a cell holds: at most QUOTE_LIMIT characters, on one line,
 * cut with "…". Every quote of a cell's content goes through here, so a 1 MiB string typed into a
 * figure cell gives a report of its usual size. Characters that print as nothing (a zero-width space
 * pasted from the web inside "16·000" (the dot standing for it), a byte-order mark, a soft hyphen, a control character) are
 * shown by their code, "16⟨U+200B⟩000": otherwise the message quotes text that looks like a number.
 */
export const QUOTE_LIMIT = 80;
/**
 * An explanation's reason (giải trình) as check and the pane show it: a sentence or two in full, but a
 * 100,000-character reason stored in a workbook is cut like cell text (#17). The workbook keeps it all.
 */
export const REASON_LIMIT = 300;

const LINE_BREAKS = /[\r\n\t\u2028\u2029]/;
/** Format and control characters: nothing to see on screen. */
const INVISIBLE = /[\p{Cf}\p{Cc}]/u;

/** What makes a short text need more than quoting as it is: a line break or an invisible character. */
const PLAIN_BREAKER = /[\r\n\t\u2028\u2029\p{Cf}\p{Cc}]/u;

/** An invisible character as it is shown: ⟨U+200B⟩. */
export function visibleCode(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

export function quoteCell(content: string | number | boolean, limit = QUOTE_LIMIT): string {
  const text = typeof content === "string" ? content : String(content);
  // Most cells: short, one line, nothing invisible — quoted as they are.
  if (text.length <= limit && !PLAIN_BREAKER.test(text)) return text;
  // Only the head is looked at: a huge string is neither copied nor scanned whole.
  const pieces: string[] = [];
  let length = 0;
  let i = 0;
  while (i < text.length && length <= limit) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one character: never split.
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    const ch = text.slice(i, i + width);
    const shown = LINE_BREAKS.test(ch) ? " " : INVISIBLE.test(ch) ? visibleCode(ch) : ch;
    // Consecutive line breaks are one space, as before.
    if (shown === " " && LINE_BREAKS.test(ch) && pieces[pieces.length - 1] === " " && i > 0) {
      const before = text[i - 1];
      if (LINE_BREAKS.test(before)) {
        i += width;
        continue;
      }
    }
    pieces.push(shown);
    length += shown.length;
    i += width;
  }
  if (i >= text.length && length <= limit) return pieces.join("");
  // Cut on a whole piece, leaving room for "…".
  let kept = 0;
  let n = 0;
  while (n < pieces.length && kept + pieces[n].length <= limit - 1) kept += pieces[n++].length;
  return `${pieces.slice(0, n).join("")}…`;
}

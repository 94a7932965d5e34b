/**
 * How a finding or a message quotes what a cell holds: at most QUOTE_LIMIT characters, on one line,
 * cut with "…". Every quote of a cell's content goes through here, so a 1 MiB string typed into a
 * figure cell gives a report of its usual size.
 */
export const QUOTE_LIMIT = 80;

const LINE_BREAKS = /[\r\n\t]+/g;

export function quoteCell(content: string | number | boolean, limit = QUOTE_LIMIT): string {
  const text = typeof content === "string" ? content : String(content);
  // Only the head is looked at: a huge string is neither copied nor scanned whole.
  const head = text.length > limit + 1 ? text.slice(0, limit + 1) : text;
  const line = head.replace(LINE_BREAKS, " ");
  if (line.length <= limit && head.length === text.length) return line;
  // Cut on a whole character: a surrogate pair is not split.
  let cut = Math.min(line.length, limit - 1);
  const code = line.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${line.slice(0, cut)}…`;
}

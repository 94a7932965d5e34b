/** A1 addresses. Rows and columns are 0-based inside the engine; addresses are what people see. */
const LETTERS: string[] = [];

export function columnLetter(col: number): string {
  if (col < 702 && LETTERS[col] !== undefined) return LETTERS[col];
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  if (col < 702) LETTERS[col] = s;
  return s;
}

export function toA1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function fromA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.toUpperCase());
  if (!m) throw new Error(`not an A1 address: ${address}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/**
 * A long text kept in the very hidden `_annex` sheet (a targets file, an embedded template's JSON) is cut
 * into pieces, one per cell: a cell holds at most 32,767 characters, so a piece is at most
 * CELL_PIECE, with room to spare, and never splits a surrogate pair. Joining the pieces gives the text.
 */
export const CELL_PIECE = 30_000;

export function cellPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CELL_PIECE);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

import { MergedAreas } from "../sheet/mergedAreas";
import { headerExtent } from "../sheet/headerRows";
import { SheetSnapshot, sheetHeight, valueAt, valueText } from "../sheet/snapshot";
import { fold } from "../text/fold";

/**
 * The header block of an annex made by hand: the row naming STT / Chỉ tiêu (any spelling, accented or
 * not), the rows under it down to the numbering row ("A B C 1 2 3 4 5=4/2"), and each column's texts:
 * its own header and the group cell above it ("So sánh (%)", merged or written once over its columns).
 */
export interface HeaderColumn {
  readonly col: number;
  /** The column's own header as written (the lowest text of the block that is not a group's). */
  readonly header: string;
  /** The group cell over several columns, as written. */
  readonly group?: string;
  /** The label in the numbering row, as written without spaces ("5=4/2"), or "". */
  readonly number: string;
}

export interface HeaderBlock {
  readonly headerRow: number;
  readonly lastHeaderRow: number;
  readonly numberingRow?: number;
  readonly dataStartRow: number;
  readonly columns: readonly HeaderColumn[];
  /** The title block's texts (the rows above the header), for the year and period they name. */
  readonly title: readonly string[];
}

const SCAN_ROWS = 60;
export const CODE_HEADERS: ReadonlySet<string> = new Set(["stt", "tt", "so tt", "so thu tu", "no"]);
const NAME_HEADER = /^(?:chi tieu|noi dung|ten chi tieu|danh muc|indicator)/;

/** What a header row must hold, said when none is found (annex learn's exit 2). */
export const LOOKED_FOR = {
  vi: 'một hàng tiêu đề có cột "STT" (hoặc "TT") và cột "Chỉ tiêu" (hoặc "Nội dung") trong 60 hàng đầu, và bên dưới là các dòng chỉ tiêu',
  en: 'a header row with an "STT" (or "TT") column and a "Chỉ tiêu" (or "Nội dung") column within the first 60 rows, with indicator rows under it',
} as const;

export function findHeaderBlock(sheet: SheetSnapshot): HeaderBlock | undefined {
  const height = sheetHeight(sheet);
  const merges = MergedAreas.of(sheet);
  for (let r = 0; r < Math.min(height, SCAN_ROWS); r++) {
    const row = sheet.values[r];
    if (!row) continue;
    let hasCode = false;
    let hasName = false;
    for (const v of row) {
      const t = fold(valueText(v));
      if (CODE_HEADERS.has(t)) hasCode = true;
      else if (NAME_HEADER.test(t)) hasName = true;
    }
    if (!hasCode || !hasName) continue;
    const { numberingRow, lastHeaderRow, dataStartRow } = headerExtent(sheet, r, height);
    const width = Math.max(
      0,
      ...Array.from({ length: lastHeaderRow - r + 1 }, (_, i) => sheet.values[r + i]?.length ?? 0),
      sheet.values[numberingRow ?? -1]?.length ?? 0
    );
    const columns = headerColumns(sheet, merges, r, lastHeaderRow, numberingRow, width);
    const title: string[] = [];
    for (let k = 0; k < r; k++)
      for (const v of sheet.values[k] ?? []) {
        const t = valueText(v).trim();
        if (t) title.push(t);
      }
    return {
      headerRow: r,
      lastHeaderRow,
      ...(numberingRow !== undefined ? { numberingRow } : {}),
      dataStartRow,
      columns,
      title,
    };
  }
  return undefined;
}

function headerColumns(
  sheet: SheetSnapshot,
  merges: MergedAreas,
  first: number,
  last: number,
  numberingRow: number | undefined,
  width: number
): HeaderColumn[] {
  // Each header cell's text and whether it spans several columns (a group), merged or not.
  const cells: Array<Array<{ text: string; group: boolean }>> = [];
  for (let c = 0; c < width; c++) cells.push([]);
  for (let r = first; r <= last; r++) {
    for (let c = 0; c < width; c++) {
      const area = merges.at(r, c);
      const text = area
        ? valueText(valueAt(sheet, area.r0, area.c0)).trim()
        : valueText(valueAt(sheet, r, c)).trim();
      const group = area !== undefined && area.c1 > area.c0;
      cells[c].push({ text, group });
    }
  }
  // Without merges, a group text is written once over its first column and the cells to its right
  // on the same row are blank while the rows below hold each column's own header.
  if (last > first) {
    for (let r = 0; r < last - first; r++) {
      for (let c = 0; c < width; c++) {
        const cell = cells[c][r];
        if (!cell.text || cell.group || !cells[c].slice(r + 1).some((x) => x.text)) continue;
        let k = c + 1;
        while (k < width && !cells[k][r].text && cells[k].slice(r + 1).some((x) => x.text)) {
          cells[k][r] = { text: cell.text, group: true };
          k++;
        }
        if (k > c + 1) cells[c][r] = { text: cell.text, group: true };
      }
    }
  }
  const out: HeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    const list = cells[c];
    const own = [...list].reverse().find((x) => x.text && !x.group);
    const group = list.find((x) => x.text && x.group);
    const header = own?.text ?? group?.text ?? "";
    const number =
      numberingRow !== undefined
        ? valueText(valueAt(sheet, numberingRow, c)).replace(/\s+/g, "")
        : "";
    if (!header && !number) continue;
    out.push({
      col: c,
      header,
      ...(group && own ? { group: group.text } : {}),
      number,
    });
  }
  return out;
}

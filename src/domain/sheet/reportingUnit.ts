import { fold } from "../text/fold";
import { SheetSnapshot, valueAt, valueText } from "./snapshot";

/**
 * Who sent an annex, as its title block says: the authority above ("UBND HUYỆN CAO LỘC") and the
 * reporting unit under it ("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"). The provincial office receives
 * many districts' files; this is what tells them apart in its summary. Both are read from the left
 * part of the rows above the table's header, as the ministry lays them out and as districts copy it.
 */
export interface ReportingUnit {
  /** The People's Committee (or other body) the unit belongs to, as written. */
  readonly authority?: string;
  /** The office that made the report, as written. */
  readonly unit?: string;
}

/** Title-block lines that are neither: the form number, the national motto, the title, the unit note. */
const NOT_A_NAME =
  /^(?:ten co quan|ten don vi|bieu(?: so)?\b|mau\b|cong hoa|doc lap|ke hoach|bao cao|chi tieu|tinh hinh|ket qua|danh gia|don vi tinh|dvt\b|kem theo|ban hanh kem|so lieu|tong hop|stt\b)/;
const AUTHORITY = /^(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|bo\s|tinh uy|huyen uy)/;
/** Columns of the left block (the form number sits at the right end of the same rows). */
const LEFT_COLUMNS = 3;
const MAX_TITLE_ROWS = 12;

/**
 * Reads the title block above `headerRow` (0-based, the first header row of the table). Returns what
 * it finds; an empty object when the title block names nobody.
 */
export function reportingUnit(sheet: SheetSnapshot, headerRow: number): ReportingUnit {
  let authority: string | undefined;
  let unit: string | undefined;
  const last = Math.min(headerRow, MAX_TITLE_ROWS);
  for (let r = 0; r < last; r++) {
    const text = leftText(sheet, r);
    if (!text) continue;
    const folded = fold(text);
    if (!folded || NOT_A_NAME.test(folded) || text.length > 120) continue;
    if (AUTHORITY.test(folded)) {
      authority ??= text;
      continue;
    }
    unit ??= text;
    if (authority !== undefined) break;
  }
  return {
    ...(authority !== undefined ? { authority } : {}),
    ...(unit !== undefined ? { unit } : {}),
  };
}

function leftText(sheet: SheetSnapshot, row: number): string | undefined {
  for (let c = 0; c < LEFT_COLUMNS; c++) {
    const text = valueText(valueAt(sheet, row, c))
      .replace(/\s+/g, " ")
      .trim();
    if (text) return text;
  }
  return undefined;
}

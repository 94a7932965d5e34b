import { NumberLocale } from "../numbers/locale";
import { ERROR, isFigure, SheetReadings, TEXT } from "../sheet/columnReadings";
import { LocatedAnnex } from "../sheet/locate";
import { reportingUnit, ReportingUnit } from "../sheet/reportingUnit";
import { SheetSnapshot } from "../sheet/snapshot";
import { InputColumn } from "../template/schema";
import { fold } from "../text/fold";

/**
 * Which unit a file reports for, and what tells two files of one unit apart: the one place the merge
 * (annex merge, the pane's Tổng hợp) asks "who wrote this file?" and "is this the same report
 * again?". A unit resolver (the administrative-unit list) can replace unitOfAnnex without the merge
 * changing.
 */

/** The unit a located annex reports for, as its title block names it. */
export function unitOfAnnex(snapshot: SheetSnapshot, annex: LocatedAnnex): ReportingUnit {
  return reportingUnit(snapshot, annex.headerRow);
}

/**
 * The key two files of one unit share: the authority ("UBND HUYỆN CAO LỘC") with the office under
 * it, folded. Offices share one name in every district ("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"), so
 * a title block without an authority (the "[Tên cơ quan chủ quản]" placeholder left as it is) names
 * no unit: "" then, and such a file is nobody's duplicate by its title.
 */
export function unitKey(unit: ReportingUnit): string {
  return unit.authority ? fold(`${unit.authority} ${unit.unit ?? ""}`) : "";
}

/** What a unit is called in messages and column headers: its authority, its office, or the file's name. */
export function unitLabel(unit: ReportingUnit, file: string): string {
  return unit.authority ?? unit.unit ?? baseName(file);
}

export function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, "");
}

/**
 * A name a copy gets from the system or the browser: "bao-cao - Copy.xlsx", "bao-cao - Copy (2).xlsx",
 * "bao-cao - Bản sao.xlsx" (Windows), "bao-cao copy 2.xlsx" (macOS), "bao-cao (1).xlsx" (a browser's
 * second download). Of two identical files, the one without such a name is kept.
 */
export function looksLikeCopy(file: string): boolean {
  const stem = baseName(file)
    .replace(/\.[^.]*$/, "")
    .normalize("NFC")
    .toLowerCase()
    .trim();
  return /(?:\s-\s*(?:copy|bản sao|ban sao)(?:\s*\(\d+\))?|\s?\(\d+\)|\scopy(?:\s\d+)?)$/.test(
    stem
  );
}

/**
 * The figures a file reports, as one digest: every input cell of the template's rows as the engine
 * reads it (a number typed as text counts as its number; text as its text), by indicator code and
 * column. Two files with the same digest report the same figures, whatever their names or title
 * blocks say. "" when the file holds no figure at all (an empty form is nobody's copy).
 */
export function figuresDigest(
  snapshot: SheetSnapshot,
  annex: LocatedAnnex,
  locale: NumberLocale
): string {
  const readings = new SheetReadings(snapshot, annex.rows, locale);
  const parts: string[] = [];
  for (const column of annex.template.columns) {
    if (column.role !== "input") continue;
    const col = annex.columns.get((column as InputColumn).id);
    if (col === undefined) continue;
    const reading = readings.column(col);
    annex.rows.forEach((located, i) => {
      const state = reading.state[i];
      if (isFigure(state))
        parts.push(`${located.indicator.code}|${column.id}|n${reading.value[i]}`);
      else if (state === TEXT || state === ERROR)
        parts.push(`${located.indicator.code}|${column.id}|t${reading.text(i) ?? ""}`);
    });
  }
  return parts.length ? digest(parts.join("\n")) : "";
}

/** The digest of a file's bytes: two files with the same digest are byte-identical copies. */
export function bytesDigest(bytes: Uint8Array): string {
  return hash64((i) => bytes[i], bytes.length);
}

function digest(text: string): string {
  return hash64((i) => text.charCodeAt(i), text.length);
}

/**
 * A 64-bit FNV-1a over 16-bit code units (two 32-bit lanes with different offsets), pure and the same
 * in Node and the browser. Not cryptographic: it tells copies apart among a province's files.
 */
function hash64(at: (i: number) => number, length: number): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  for (let i = 0; i < length; i++) {
    const c = at(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c ^ (a >>> 15), 0x01000193);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return `${hex(a)}${hex(b)}:${length}`;
}

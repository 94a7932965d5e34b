import { fold, foldName, isRomanNumeral } from "../text/fold";
import { headerExtent } from "./headerRows";
import {
  expectedPeriodOf,
  periodsOf,
  resolveYearTokens,
  templateForPeriod,
} from "../template/headers";
import { NamedPeriod, periodsNamed, ReportingPeriod, withoutPeriod } from "../template/period";
import { templateForDepartment } from "../template/department";
import { compileTemplate } from "../template/compiled";
import { Column, Indicator, Section, Template } from "../template/schema";
import {
  AnnexMetadata,
  isEmptyAt,
  SheetSnapshot,
  sheetHeight,
  valueAt,
  valueText,
} from "./snapshot";

/**
 * Finds a template on a sheet: which template, which year, where its header is, which sheet column
 * holds each template column, and which row holds each indicator. Metadata written by this tool is
 * used when present; otherwise the header rows and the numbering row ("A, B, C, 1, 2 …") are
 * recognised, and indicator rows are matched by name (diacritic- and space-insensitive, aliases too)
 * and by code. Rows are found wherever they are, moved or inserted between; nothing on the sheet is
 * dropped silently: unknown, duplicate and missing rows are all reported.
 */
export interface LocatedRow {
  /** Position in LocatedAnnex.rows. */
  readonly index: number;
  /** Position of the indicator in the template. */
  readonly indicatorIndex: number;
  readonly row: number;
  readonly indicator: Indicator;
  readonly matchedBy: "name" | "code";
}

export interface LocatedAnnex {
  readonly template: Template;
  readonly year: number;
  readonly yearSource: "metadata" | "headers";
  /** First header row (0-based) and first data row. */
  readonly headerRow: number;
  readonly dataStartRow: number;
  readonly columns: ReadonlyMap<string, number>;
  readonly missingColumns: readonly Column[];
  readonly rows: readonly LocatedRow[];
  readonly rowOf: RowLookup;
  readonly sectionRows: ReadonlyArray<{ readonly row: number; readonly section: Section }>;
  readonly unknownRows: ReadonlyArray<{ readonly row: number; readonly text: string }>;
  readonly duplicateRows: ReadonlyArray<{
    readonly row: number;
    readonly indicator: Indicator;
    readonly firstRow: number;
  }>;
  readonly missingIndicators: readonly Indicator[];
  /** Header years that disagree with the metadata year, if any. */
  readonly headerYear?: number;
  /**
   * The reporting period of a form that offers a choice (Biểu 02: quý I, 6 tháng…): from the metadata,
   * else from the period its headers name, else the form's default. `template` is made for it.
   */
  readonly period?: ReportingPeriod;
  /** Where the period came from: the sheet's metadata, the period its headers name, or the form's default. */
  readonly periodSource?: "metadata" | "headers" | "template";
  /** Input columns whose header names another period than the one the column covers. */
  readonly periodMismatches?: readonly PeriodMismatch[];
}

/** A column headed "Ước TH Quý I/2020" where the form (or its metadata) says "TH 6 tháng năm 2020". */
export interface PeriodMismatch {
  readonly columnId: string;
  readonly col: number;
  /** The header row the text was found in, and the text. */
  readonly row: number;
  readonly header: string;
  readonly found: NamedPeriod;
  readonly expected: NamedPeriod;
}

/** Where each indicator sits on the sheet, by code or by its position in the template. */
export class RowLookup {
  constructor(
    private readonly codeIndex: ReadonlyMap<string, number>,
    private readonly byIndex: ReadonlyArray<LocatedRow | undefined>
  ) {}
  get(code: string): LocatedRow | undefined {
    const i = this.codeIndex.get(code);
    return i === undefined ? undefined : this.byIndex[i];
  }
  /** By the indicator's position in the template (see compileTemplate). */
  at(indicatorIndex: number): LocatedRow | undefined {
    return indicatorIndex < 0 ? undefined : this.byIndex[indicatorIndex];
  }
}

export type LocateResult =
  | { readonly ok: true; readonly annex: LocatedAnnex }
  | {
      readonly ok: false;
      readonly problem: "no-header" | "unknown-template";
      readonly templateId?: string;
    };

const HEADER_SCAN_ROWS = 60;
const CODE_HEADERS = new Set(["stt", "tt", "so tt", "so thu tu", "no", "no."]);
// "o to do": the legend of the self-check under a new sheet's table (src/domain/layout/selfCheck.ts).
const INTRO_LINE = /^(?:trong do|gom|bao gom|chia ra|cu the|chia theo)$/;
const FOOTER = /^(?:nguoi lap bieu|thu truong don vi|giam doc|ky ten|ket luan|o to do)/;

export function locateAnnex(sheet: SheetSnapshot, templates: readonly Template[]): LocateResult {
  const meta = sheet.metadata;
  const candidates = meta ? templates.filter((t) => t.id === meta.templateId) : templates;
  if (meta && candidates.length === 0) {
    return { ok: false, problem: "unknown-template", templateId: meta.templateId };
  }
  const header = findHeader(sheet, candidates);
  if (!header) return { ok: false, problem: "no-header" };

  let best:
    | { template: Template; year: number | undefined; columns: Map<string, number>; score: number }
    | undefined;
  for (const template of candidates) {
    const years = meta ? [meta.year, ...header.years] : header.years;
    for (const year of years.length ? unique(years) : [undefined]) {
      const { columns, score } = matchColumns(sheet, header, template, year);
      if (!best || score > best.score) best = { template, year, columns, score };
    }
  }
  if (!best || !best.columns.has("code") || !best.columns.has("name")) {
    return { ok: false, problem: "no-header" };
  }
  const { columns } = best;
  const chosen = chosenPeriod(sheet, header, best.template, columns, meta);
  const { period, periodSource } = chosen;
  // A department's annex holds its own blocks only (issue #21): its rows are the department's.
  const template = templateForDepartment(chosen.template, meta?.department);
  const periodMismatches = mismatchedPeriods(sheet, header, template, columns);
  const year = meta?.year ?? best.year;
  if (year === undefined) return { ok: false, problem: "no-header" };
  const headerYear =
    meta && best.year !== undefined && best.year !== meta.year ? best.year : undefined;
  // With metadata, match the header again for its own year so columns are found even if headers were edited.
  const rowsFound = locateRows(sheet, template, columns, header.dataStartRow);
  return {
    ok: true,
    annex: {
      template,
      year,
      yearSource: meta ? "metadata" : "headers",
      headerRow: header.headerRow,
      dataStartRow: header.dataStartRow,
      columns,
      missingColumns: template.columns.filter((c) => !columns.has(c.id)),
      ...rowsFound,
      ...(headerYear !== undefined ? { headerYear } : {}),
      ...(period ? { period, periodSource } : {}),
      ...(periodMismatches.length ? { periodMismatches } : {}),
    },
  };
}

/**
 * The period of a form that offers a choice: the metadata's when it names one the form offers; else
 * the one most of its period columns' headers name ("Ước TH Quý I/2020" → quý I); else the default.
 */
function chosenPeriod(
  sheet: SheetSnapshot,
  header: HeaderBlock,
  template: Template,
  columns: ReadonlyMap<string, number>,
  meta: AnnexMetadata | undefined
): {
  template: Template;
  period?: ReportingPeriod;
  periodSource?: "metadata" | "headers" | "template";
} {
  const offered = periodsOf(template);
  if (!offered.length) return { template };
  let period: ReportingPeriod | undefined =
    meta?.period && offered.includes(meta.period) ? meta.period : undefined;
  let source: "metadata" | "headers" | "template" = period ? "metadata" : "template";
  if (!period) {
    // Each period column votes for the period its header names ("TH năm 2020", a year and no
    // period, is a full year); the current year's column counts double, so it settles a tie.
    const votes = new Map<ReportingPeriod, number>();
    for (const c of template.columns) {
      const col = columns.get(c.id);
      if (c.role !== "input" || !c.followsPeriod || col === undefined) continue;
      const weight = c.yearOffset === 0 ? 2 : 1;
      for (const { text } of headerTexts(sheet, header, col)) {
        const named = periodsNamed(text);
        if (!named.length && /\b(?:19|20|21)\d\d\b/.test(text)) named.push("ca-nam");
        for (const n of named) {
          const p = offered.find((o) => o === n);
          if (p) votes.set(p, (votes.get(p) ?? 0) + weight);
        }
      }
    }
    let most = 0;
    for (const [p, n] of votes) if (n > most) [period, most] = [p, n];
    if (period) source = "headers";
  }
  const made = templateForPeriod(template, period);
  return {
    template: made,
    ...(made.period ? { period: made.period, periodSource: source } : {}),
  };
}

/** The folded texts of a column's header cells, with their rows. */
function headerTexts(
  sheet: SheetSnapshot,
  header: HeaderBlock,
  col: number
): Array<{ row: number; text: string; raw: string }> {
  const out: Array<{ row: number; text: string; raw: string }> = [];
  for (let r = header.headerRow; r <= header.lastHeaderRow; r++) {
    const raw = valueText(valueAt(sheet, r, col));
    const text = fold(raw);
    if (text) out.push({ row: r, text, raw });
  }
  return out;
}

/**
 * Input columns whose header names a period other than the one they cover: a period column of the
 * form's period, a column of fixed months (Biểu 01's "TH 6 tháng"), or a full-year column (a plan).
 */
function mismatchedPeriods(
  sheet: SheetSnapshot,
  header: HeaderBlock,
  template: Template,
  columns: ReadonlyMap<string, number>
): PeriodMismatch[] {
  const out: PeriodMismatch[] = [];
  for (const c of template.columns) {
    const col = columns.get(c.id);
    if (c.role !== "input" || col === undefined) continue;
    const expected = expectedPeriodOf(template, c) ?? "ca-nam";
    for (const { row, text, raw } of headerTexts(sheet, header, col)) {
      const other = periodsNamed(text).find((named) => named !== expected);
      if (other !== undefined) {
        out.push({ columnId: c.id, col, row, header: raw, found: other, expected });
        break;
      }
    }
  }
  return out;
}

interface HeaderBlock {
  readonly headerRow: number;
  readonly lastHeaderRow: number;
  readonly numberingRow?: number;
  readonly dataStartRow: number;
  readonly years: number[];
}

function findHeader(sheet: SheetSnapshot, templates: readonly Template[]): HeaderBlock | undefined {
  const nameHeaders = new Set(
    templates.flatMap((t) =>
      t.columns
        .filter((c) => c.role === "name")
        .flatMap((c) => [fold(c.header.vi), fold(c.header.en)])
    )
  );
  nameHeaders.add("chi tieu");
  nameHeaders.add("noi dung");
  const height = sheetHeight(sheet);
  const limit = Math.min(height, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = sheet.values[r];
    if (!row) continue;
    let hasCode = false;
    let hasName = false;
    for (let c = 0; c < row.length; c++) {
      const t = fold(valueText(row[c]));
      if (CODE_HEADERS.has(t)) hasCode = true;
      else if (nameHeaders.has(t) || t.startsWith("chi tieu")) hasName = true;
    }
    if (!hasCode || !hasName) continue;
    const { numberingRow, lastHeaderRow, dataStartRow } = headerExtent(sheet, r, height);
    const years: number[] = [];
    for (let k = r; k <= lastHeaderRow; k++) {
      for (const v of sheet.values[k] ?? []) {
        for (const m of valueText(v).matchAll(/\b(19[5-9]\d|20\d\d|21\d\d)\b/g))
          years.push(Number(m[1]));
      }
    }
    // Each header names several years (Y-2 … Y); try each as Y and its neighbours.
    const candidates = unique(years.flatMap((y) => [y, y + 1, y + 2, y - 1]));
    return {
      headerRow: r,
      lastHeaderRow,
      ...(numberingRow !== undefined ? { numberingRow } : {}),
      dataStartRow,
      years: candidates,
    };
  }
  return undefined;
}

function matchColumns(
  sheet: SheetSnapshot,
  header: HeaderBlock,
  template: Template,
  year: number | undefined
): { columns: Map<string, number>; score: number } {
  const width = Math.max(
    0,
    ...sheetRows(sheet, header.headerRow, header.dataStartRow - 1).map((r) => r.length)
  );
  const texts: string[][] = [];
  // The same texts with the period they name taken out: a column is found whatever period its
  // header names ("Ước TH Quý I/2020" where "TH 6 tháng năm 2020" is expected), and a wrong period is
  // reported as such (mismatchedPeriods), not as a missing column.
  const bare: string[][] = [];
  const numbers: string[] = [];
  for (let c = 0; c < width; c++) {
    const list: string[] = [];
    for (let r = header.headerRow; r <= header.lastHeaderRow; r++) {
      const t = fold(valueText(valueAt(sheet, r, c)));
      if (t) list.push(t);
    }
    texts.push(list);
    bare.push(list.map(withoutPeriod));
    numbers.push(
      header.numberingRow !== undefined
        ? valueText(valueAt(sheet, header.numberingRow, c)).replace(/\s+/g, "")
        : ""
    );
  }
  const scored: Array<{ id: string; col: number; score: number }> = [];
  for (const column of template.columns) {
    const expected = [column.header.vi, column.header.en].map((h) =>
      fold(year === undefined ? h.replace(/\{Y[^}]*\}/g, "") : resolveYearTokens(h, year))
    );
    const expectedBare = column.role === "input" ? expected.map(withoutPeriod) : [];
    for (let c = 0; c < width; c++) {
      let score = 0;
      for (const t of texts[c]) {
        if (expected.includes(t)) score = Math.max(score, 4);
        else if (partOf(expected, t)) score = Math.max(score, 2);
      }
      // An input column whose header names another period: found, a little less surely.
      if (score < 3 && expectedBare.length) {
        for (const t of bare[c]) {
          if (expectedBare.includes(t)) score = Math.max(score, 3);
          else if (partOf(expectedBare, t)) score = Math.max(score, 1.5);
        }
      }
      if (column.role === "code" && texts[c].some((t) => CODE_HEADERS.has(t)))
        score = Math.max(score, 4);
      if (column.number && numbers[c] === column.number.replace(/\s+/g, "")) score += 1;
      if (score > 0) scored.push({ id: column.id, col: c, score });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.col - b.col);
  const columns = new Map<string, number>();
  const taken = new Set<number>();
  let total = 0;
  for (const s of scored) {
    if (columns.has(s.id) || taken.has(s.col)) continue;
    // A numbering label alone is weak evidence; it counts only where the header text is not someone else's.
    columns.set(s.id, s.col);
    taken.add(s.col);
    total += s.score;
  }
  return { columns, score: total };
}

/** A header that is one of the expected texts with words before or after it ("Ước TH …"). */
function partOf(expected: readonly string[], t: string): boolean {
  return expected.some((e) => e.length > 3 && (t.startsWith(e + " ") || t.endsWith(" " + e)));
}

function sheetRows(sheet: SheetSnapshot, from: number, to: number) {
  const out = [];
  for (let r = from; r <= to; r++) out.push(sheet.values[r] ?? []);
  return out;
}

/** Indicator positions by name (exact, and folded with aliases) and by code; sections by name and code. */
interface NameIndex {
  readonly byExactName: Map<string, number[]>;
  /** Per indicator: its name as written in the template, and byExactName's list for that name. */
  readonly ownName: readonly string[];
  readonly ownList: ReadonlyArray<readonly number[]>;
  readonly byName: Map<string, number[]>;
  readonly sectionByName: Map<string, Section>;
  readonly sectionByCode: Map<string, Section>;
}

const indexCache = new WeakMap<Template, NameIndex>();

function nameIndex(template: Template): NameIndex {
  const cached = indexCache.get(template);
  if (cached) return cached;
  const byName = new Map<string, number[]>();
  const byExactName = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [i]);
    else if (!list.includes(i)) list.push(i);
  };
  template.indicators.forEach((ind, i) => {
    for (const name of [ind.name.vi, ind.name.en, ...ind.aliases]) {
      add(byExactName, name.trim(), i);
      add(byName, foldName(name), i);
    }
  });
  const sectionByName = new Map<string, Section>();
  const sectionByCode = new Map<string, Section>();
  for (const s of template.sections) {
    sectionByName.set(fold(s.name.vi), s);
    sectionByName.set(fold(s.name.en), s);
    sectionByCode.set(fold(s.code), s);
  }
  const ownName = template.indicators.map((ind) => ind.name.vi.trim());
  const ownList = ownName.map((name) => byExactName.get(name) ?? []);
  const index = { byExactName, ownName, ownList, byName, sectionByName, sectionByCode };
  indexCache.set(template, index);
  return index;
}

function locateRows(
  sheet: SheetSnapshot,
  template: Template,
  columns: ReadonlyMap<string, number>,
  dataStartRow: number
): Pick<
  LocatedAnnex,
  "rows" | "rowOf" | "sectionRows" | "unknownRows" | "duplicateRows" | "missingIndicators"
> {
  const index = nameIndex(template);
  const { codeIndex } = compileTemplate(template);
  const indicators = template.indicators;
  const codeCol = columns.get("code") ?? 0;
  const nameCol = columns.get("name") ?? 1;
  const valueCols = template.columns
    .filter((c) => c.role === "input")
    .map((c) => columns.get(c.id))
    .filter((c): c is number => c !== undefined);

  const rows: LocatedRow[] = [];
  const byIndex = new Array<LocatedRow | undefined>(indicators.length);
  const sectionRows: Array<{ row: number; section: Section }> = [];
  const unknownRows: Array<{ row: number; text: string }> = [];
  const duplicateRows: Array<{ row: number; indicator: Indicator; firstRow: number }> = [];
  let section: string | undefined;
  let lastOrder = -1;

  const height = sheetHeight(sheet);
  for (let r = dataStartRow; r < height; r++) {
    const line = sheet.values[r];
    if (!line && !sheet.formulas[r]) continue;
    const codeText = valueText(line?.[codeCol]).trim();
    const nameText = valueText(line?.[nameCol]).trim();
    // Fast path: a name written exactly as in the template (every sheet this tool made) needs no folding.
    // Rows usually follow the template: the next indicator's own name, when no other indicator shares
    // it, is the answer the name lookup would give, without hashing.
    const next = lastOrder + 1;
    let candidates: readonly number[] | undefined =
      next < indicators.length &&
      index.ownList[next].length === 1 &&
      index.ownName[next] === nameText
        ? index.ownList[next]
        : index.byExactName.get(nameText);
    let foldedName = "";
    if (!candidates) {
      foldedName = foldName(nameText);
      if (FOOTER.test(foldedName) || FOOTER.test(fold(codeText))) break;
      if (!codeText && !nameText) {
        if (valueCols.some((c) => !isEmptyAt(sheet, r, c))) unknownRows.push({ row: r, text: "" });
        continue;
      }
      // A line that only introduces the rows under it ("Trong đó:", "Gồm:") is no indicator.
      if (INTRO_LINE.test(fold(nameText)) && valueCols.every((c) => isEmptyAt(sheet, r, c)))
        continue;
      const byName = index.sectionByName.get(fold(nameText));
      const sectionHit =
        byName ??
        (isRomanNumeral(codeText) || !foldedName
          ? index.sectionByCode.get(fold(codeText))
          : undefined);
      if (sectionHit && (byName || !index.byName.has(foldedName))) {
        sectionRows.push({ row: r, section: sectionHit });
        section = sectionHit.code;
        continue;
      }
      candidates = index.byName.get(foldedName);
    }
    let found: number | undefined;
    let matchedBy: "name" | "code" = "name";
    if (candidates) {
      found = pick(candidates, indicators, codeText, section, lastOrder, byIndex);
      if (found === undefined) {
        const first =
          candidates.find(
            (c) => indicators[c].label === undefined && indicators[c].code === codeText
          ) ??
          candidates.find((c) => indicators[c].section === section) ??
          candidates[0];
        const indicator = indicators[first];
        duplicateRows.push({ row: r, indicator, firstRow: byIndex[first]?.row ?? r });
        continue;
      }
    } else {
      const byCode = codeIndex.get(codeText);
      const ind = byCode === undefined ? undefined : indicators[byCode];
      if (
        byCode !== undefined &&
        ind &&
        ind.label === undefined &&
        !byIndex[byCode] &&
        similar(foldedName, foldName(ind.name.vi))
      ) {
        found = byCode;
        matchedBy = "code";
      }
    }
    if (found === undefined) {
      unknownRows.push({ row: r, text: [codeText, nameText].filter(Boolean).join(" ") });
      continue;
    }
    const indicator = indicators[found];
    const located: LocatedRow = {
      index: rows.length,
      indicatorIndex: found,
      row: r,
      indicator,
      matchedBy,
    };
    rows.push(located);
    byIndex[found] = located;
    lastOrder = found;
    section = indicator.section;
  }
  const missingIndicators = indicators.filter((_ind, i) => !byIndex[i]);
  const rowOf = new RowLookup(codeIndex, byIndex);
  return { rows, rowOf, sectionRows, unknownRows, duplicateRows, missingIndicators };
}

/** Among indicators sharing a name ("Xây mới" under two parents), the one this row most likely is. */
function pick(
  candidates: readonly number[],
  indicators: readonly Indicator[],
  codeText: string,
  section: string | undefined,
  lastOrder: number,
  used: ReadonlyArray<LocatedRow | undefined>
): number | undefined {
  if (candidates.length === 1) return used[candidates[0]] ? undefined : candidates[0];
  const free = candidates.filter((c) => !used[c]);
  if (free.length <= 1) return free[0];
  const byCode = free.filter(
    (c) =>
      (indicators[c].label ?? indicators[c].code) === codeText &&
      codeText !== "-" &&
      codeText !== "+"
  );
  if (byCode.length === 1) return byCode[0];
  const inSection = free.filter((c) => indicators[c].section === section);
  const pool = inSection.length ? inSection : free;
  // The next one in template order after the last row recognised; rows usually keep their order.
  const after = pool.filter((c) => c > lastOrder);
  return (after.length ? after : pool)[0];
}

function similar(a: string, b: string): boolean {
  if (!a) return true;
  const wa = new Set(a.split(" "));
  const wb = new Set(b.split(" "));
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(wa.size, wb.size) >= 0.5;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export type { AnnexMetadata };

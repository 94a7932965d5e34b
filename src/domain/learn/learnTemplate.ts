import { NumberLocale } from "../numbers/locale";
import { SheetSnapshot } from "../sheet/snapshot";
import { checkTemplate, TemplateProblem } from "../template/loadTemplate";
import { Indicator, Relation, Section, Template, TemplateInput } from "../template/schema";
import { fold } from "../text/fold";
import { learnColumns } from "./columnRoles";
import { findHeaderBlock, LOOKED_FOR } from "./headerBlock";
import { templateHash } from "./hash";
import { learnKind, learnLeaning } from "./kinds";
import { LearnNote } from "./notes";
import { learnRelations, RowFacts } from "./relations";
import { readSheetRows } from "./sheetRows";

/**
 * learnTemplate(snapshot) → the template of a sheet made by hand, in the format every built-in form
 * has (it loads through the same schema and loadTemplate), with the evidence for what it proposes and
 * the questions for what it guessed. Deterministic: the same sheet gives the same template, ids and
 * all. Pure: the snapshot in, data out.
 */
export interface LearnOptions {
  readonly locale?: NumberLocale;
  /** The template's id; by default "mau-" and a hash of what was learned. */
  readonly id?: string;
  readonly version?: string;
}

export type LearnResult =
  | {
      readonly ok: true;
      readonly template: Template;
      /** The template as data (what `annex learn -o` writes). */
      readonly data: TemplateInput;
      /** The form's year (Y) the headers name, for the sheet's metadata record. */
      readonly year?: number;
      /** The sheet's own name, for saying which sheet was learned. */
      readonly sheet: string;
      /** Where each learned indicator is on the sheet (0-based row), by code. */
      readonly rows: ReadonlyMap<string, number>;
      readonly evidence: readonly LearnNote[];
      readonly questions: readonly LearnNote[];
    }
  | {
      readonly ok: false;
      readonly problem: "no-table" | "no-rows" | "invalid";
      /** What was looked for and not found, or why the result is not a template. */
      readonly vi: string;
      readonly en: string;
      readonly problems?: readonly TemplateProblem[];
    };

export function learnTemplate(sheet: SheetSnapshot, options: LearnOptions = {}): LearnResult {
  const locale = options.locale ?? "vi-VN";
  const block = findHeaderBlock(sheet);
  if (!block)
    return {
      ok: false,
      problem: "no-table",
      vi: `Không thấy bảng chỉ tiêu trong trang tính "${sheet.name}": đã tìm ${LOOKED_FOR.vi}.`,
      en: `No indicator table in sheet "${sheet.name}": looked for ${LOOKED_FOR.en}.`,
    };
  const roles = learnColumns(block);
  const colOf = (role: string) => roles.columns.find((c) => c.column.role === role)?.col;
  const code = colOf("code");
  const name = colOf("name");
  const inputs = roles.columns.filter((c) => c.column.role === "input");
  if (code === undefined || name === undefined || !inputs.length)
    return {
      ok: false,
      problem: "no-table",
      vi: `Trang tính "${sheet.name}" có hàng tiêu đề ở hàng ${block.headerRow + 1} nhưng không có cột số liệu nào (TH, KH, Ước TH, Quý, tháng… có năm): đã tìm ${LOOKED_FOR.vi}.`,
      en: `Sheet "${sheet.name}" has a header at row ${block.headerRow + 1} but no figure column (TH, KH, Ước TH, Quý, tháng… with a year): looked for ${LOOKED_FOR.en}.`,
    };
  const unitCol = colOf("unit");
  const read = readSheetRows(
    sheet,
    block.dataStartRow,
    {
      code,
      name,
      ...(unitCol !== undefined ? { unit: unitCol } : {}),
      inputs: inputs.map((c) => c.col),
    },
    locale
  );
  if (!read.indicators.length)
    return {
      ok: false,
      problem: "no-rows",
      vi: `Trang tính "${sheet.name}" có hàng tiêu đề nhưng không có dòng chỉ tiêu nào bên dưới.`,
      en: `Sheet "${sheet.name}" has a header but no indicator rows under it.`,
    };

  const notes: LearnNote[] = [...roles.notes];
  const sections = sectionCodes(read.sections.map((s) => s.codeText));
  const codes = indicatorCodes(read.indicators, sections);
  const hasPartYear = inputs.some(
    (c) => c.column.role === "input" && c.column.notAbove !== undefined
  );
  const facts: RowFacts[] = read.indicators.map((r, i) => {
    const k = learnKind(codes[i].code, r.name, r.unit, r.figures);
    notes.push(...k.notes);
    return { ...r, kind: k.kind };
  });
  const columnNames = inputs.map((c) =>
    c.column.header.vi.replace(/\{Y([+-]\d+)?\}/g, (_m, k: string | undefined) =>
      String((roles.year ?? 0) + Number(k ?? 0))
    )
  );
  const learned = learnRelations(facts, columnNames);
  const rowNotes = new Map<number, LearnNote[]>();
  for (const n of learned.notes) {
    const list = rowNotes.get(n.row) ?? [];
    list.push({ ...n.note, code: codes[n.row].code });
    rowNotes.set(n.row, list);
  }
  // A part goes the way its total goes, when the total's own words said which way.
  const settled: Array<Indicator["direction"] | undefined> = [];
  const indicators: Indicator[] = facts.map((r, i) => {
    const { code: c, label } = codes[i];
    const up = r.parent === undefined ? undefined : settled[r.parent];
    const leaning = learnLeaning(
      c,
      r.name,
      r.kind,
      hasPartYear,
      up !== undefined && r.parent !== undefined && r.kind === facts[r.parent].kind
        ? { code: codes[r.parent].code, direction: up }
        : undefined
    );
    settled.push(
      leaning.notes.some((n) => n.field === "direction" && n.kind === "evidence")
        ? leaning.direction
        : undefined
    );
    notes.push(...leaning.notes, ...(rowNotes.get(i) ?? []));
    if (!r.unit)
      notes.push({
        kind: "question",
        field: "unit",
        code: c,
        vi: "dòng chưa ghi đơn vị tính",
        en: "the row has no unit written",
      });
    const decimals = Math.max(0, ...r.figures.map((f) => f?.decimals ?? 0));
    const relations: Relation[] = learned.relations[i].map((rel) =>
      rel.type === "sum"
        ? { type: "sum", of: rel.of.map((k) => codes[k].code) }
        : rel.type === "partOf"
          ? { type: "partOf", of: codes[rel.of].code }
          : {
              type: "ratio",
              numerator: codes[rel.numerator].code,
              denominator: codes[rel.denominator].code,
              scale: 100,
            }
    );
    const filled = r.figures.map((f, k) => (f ? inputs[k].column.id : undefined));
    const everyColumn = inputs.every((_col, k) => !columnHasFigures(facts, k) || r.figures[k]);
    return {
      code: c,
      ...(label !== undefined ? { label } : {}),
      section: sections[r.section],
      name: { vi: r.name, en: r.name },
      aliases: [],
      unit: r.unit || "(không ghi)",
      unitAliases: [],
      kind: r.kind,
      direction: leaning.direction,
      nature: leaning.nature,
      ...(r.kind === "rate" || r.kind === "points" || (r.kind === "amount" && decimals > 0)
        ? { decimals: Math.min(6, r.kind === "amount" ? decimals : Math.max(decimals, 1)) }
        : {}),
      required: everyColumn && filled.some((f) => f !== undefined),
      level: r.level,
      relations,
    };
  });
  const sectionList: Section[] = read.sections.map((s, i) => ({
    code: sections[i],
    name: { vi: s.name || "(Các chỉ tiêu)", en: s.name || "(Indicators)" },
  }));
  const columns = roles.columns.map((c) =>
    c.column.role === "input"
      ? { ...c.column, required: columnHasFigures(facts, inputs.indexOf(c)) }
      : c.column
  );
  const titleLine =
    block.title.find((t) => /bieu|ket qua|ke hoach|chi tieu/.test(fold(t)) && t.length > 12) ??
    sheet.name;
  const form = block.title.find((t) => /^bieu so\b|^bieu\b/.test(fold(t))) ?? "Biểu chỉ tiêu";
  const yearText = (t: string) =>
    roles.year === undefined ? t : t.replace(new RegExp(`\\b${roles.year}\\b`, "g"), "{Y}");
  const body = {
    form: form.slice(0, 60),
    title: { vi: yearText(titleLine), en: yearText(titleLine) },
    yearMeaning: {
      vi: "năm của cột số liệu mới nhất (Y)",
      en: "the year of the latest figure column (Y)",
    },
    columns,
    sections: sectionList,
    indicators,
  };
  const hash = templateHash(body);
  const data: TemplateInput = {
    id: options.id ?? `mau-${hash.slice(0, 10)}`,
    version: options.version ?? "1.0.0",
    ...body,
  };
  const checked = checkTemplate(data);
  if (!checked.ok)
    return {
      ok: false,
      problem: "invalid",
      vi: "Mẫu học được không hợp lệ (lỗi của công cụ; xin gửi tệp cho nhóm phát triển).",
      en: "The learned template is invalid (a fault of the tool; please send the file to the developers).",
      problems: checked.problems,
    };
  const rows = new Map<string, number>();
  facts.forEach((r, i) => rows.set(codes[i].code, r.row));
  // Questions first in the order of the sheet, then the evidence.
  const order = new Map<string, number>(codes.map((c, i) => [c.code, i]));
  const byRow = (a: LearnNote, b: LearnNote) =>
    (a.code === undefined ? -1 : (order.get(a.code) ?? 0)) -
    (b.code === undefined ? -1 : (order.get(b.code) ?? 0));
  return {
    ok: true,
    template: checked.template,
    data,
    ...(roles.year !== undefined ? { year: roles.year } : {}),
    sheet: sheet.name,
    rows,
    evidence: notes.filter((n) => n.kind === "evidence").sort(byRow),
    questions: notes.filter((n) => n.kind === "question").sort(byRow),
  };
}

function columnHasFigures(rows: readonly RowFacts[], k: number): boolean {
  return rows.some((r) => r.figures[k] !== undefined);
}

/** Section codes as written (I, II…), made unique; a section without one is S1, S2… */
function sectionCodes(written: readonly string[]): string[] {
  const used = new Set<string>();
  return written.map((w, i) => {
    let c = w || `S${i + 1}`;
    for (let n = 2; used.has(c); n++) c = `${w || `S${i + 1}`}_${n}`;
    used.add(c);
    return c;
  });
}

/**
 * Each row's code in the template: the STT as written when it is a number ("1", "1.2") not used
 * before; else its parent's code and its place under it ("1.2", "1.a"), or its section's and its place
 * in it ("II.3"), with what the STT shows kept as its label ("-", "+", "a", "").
 */
function indicatorCodes(
  rows: ReadonlyArray<{ codeText: string; parent?: number; section: number }>,
  sections: readonly string[]
): Array<{ code: string; label?: string }> {
  const used = new Set<string>();
  const out: Array<{ code: string; label?: string }> = [];
  const childCount = new Map<string, number>();
  const next = (key: string) => {
    const n = (childCount.get(key) ?? 0) + 1;
    childCount.set(key, n);
    return n;
  };
  // A section whose numbering starts again at 1 (or repeats any number used above) gets its codes
  // prefixed with its own ("II.1"), all of them, so codes stay unique and read alike.
  const prefixed = new Set<number>();
  const seen = new Set<string>();
  let current = -1;
  let mine = new Set<string>();
  for (const r of rows) {
    if (r.section !== current) {
      for (const c of mine) seen.add(c);
      mine = new Set();
      current = r.section;
    }
    const written = r.codeText.replace(/[.)]+$/, "");
    if (!/^\d+(?:\.\d+)*$/.test(written)) continue;
    if (seen.has(written)) prefixed.add(r.section);
    mine.add(written);
  }
  rows.forEach((r) => {
    const written = r.codeText.replace(/[.)]+$/, "");
    const prefix = r.parent !== undefined ? out[r.parent].code : sections[r.section];
    const place = next(`${r.parent ?? "s"}:${prefix}`);
    let code: string;
    if (/^\d+(?:\.\d+)*$/.test(written) && !prefixed.has(r.section) && !used.has(written))
      code = written;
    else if (/^[a-zđ]$/i.test(written) && r.parent !== undefined) code = `${prefix}.${written}`;
    else if (/^\d+(?:\.\d+)*$/.test(written)) code = `${sections[r.section]}.${written}`;
    else code = `${prefix}.${place}`;
    for (let n = 2; used.has(code); n++) code = `${code.replace(/~\d+$/, "")}~${n}`;
    used.add(code);
    out.push(code === r.codeText ? { code } : { code, label: r.codeText });
  });
  return out;
}

import { Analysis, analyzeSheet } from "../analyze";
import { WorkbookAnalysis } from "../analyzeWorkbook";
import { AnnexLayout, buildAnnexLayout, layoutSnapshot } from "../layout/annexLayout";
import { withSelfCheck } from "../layout/selfCheckPlan";
import { NumberLocale } from "../numbers/locale";
import { CellWrite, WritePlan } from "../plan/writePlan";
import { Bilingual, Finding, Severity } from "../rules/finding";
import { toA1 } from "../sheet/address";
import { ERROR, isFigure, SheetReadings, TEXT } from "../sheet/columnReadings";
import { LocatedAnnex } from "../sheet/locate";
import { reportingUnit, ReportingUnit } from "../sheet/reportingUnit";
import { SheetSnapshot, SnapshotEditor } from "../sheet/snapshot";
import { TargetsFile } from "../targets/targetsFile";
import { resolveYearTokens } from "../template/headers";
import { Indicator, InputColumn, Template } from "../template/schema";
import { yearBeforeColumn } from "../template/yearBefore";
import { fold } from "../text/fold";
import { Completeness } from "../units/completeness";
import { UnitDirectory } from "../units/directory";
import { UnitIdentity } from "../units/identify";
import { ReportingLevel, reportingLevel } from "../units/level";
import { buildDetailSheet, DetailSheet } from "./detailSheet";
import {
  fileSender,
  identityTitle,
  SenderCheck,
  senderCheck,
  unitCompleteness,
} from "../units/fileSender";

/**
 * The province's annex from its districts' annexes: which files go in (and why the others are left
 * out), the summed counts and amounts as live SUMs over a detail sheet, rates recomputed from the
 * summed numerator and denominator (never summed, never averaged), points from the recomputed rates,
 * and the districts' own findings carried along. Pure: the caller reads the files and analyses them;
 * an adapter writes the result.
 */

/** One file given to the merge: its sheets as read and the engine's analysis, or why it could not be read. */
export type MergeSource =
  | {
      readonly file: string;
      readonly snapshots: readonly SheetSnapshot[];
      readonly analysis: WorkbookAnalysis;
    }
  | { readonly file: string; readonly problem: Bilingual };

export interface MergeOptions {
  /** The template every input must follow; the one most inputs follow when absent. */
  readonly template?: Template;
  /** The year every input must be for; the one most inputs (of the template) are for when absent. */
  readonly year?: number;
  readonly locale?: NumberLocale;
  /** Keep a district that appears in more than one file (each file becomes a column). */
  readonly allowDuplicates?: boolean;
  /** The province's reporting unit and authority, for the title block. */
  readonly unitName?: string;
  readonly authority?: string;
  readonly sheetName?: string;
  /** The province's targets file: the consolidated annex's prompts and checks use it (not the districts'). */
  readonly targets?: TargetsFile;
  /** The list of units (units/data.ts): each file's unit is identified against it (issue #21). */
  readonly units?: UnitDirectory;
  /** The province consolidating ("Lạng Sơn"): files of other provinces are left out, the missing named. */
  readonly province?: string;
}

export type LeftOutReason =
  "unreadable" | "not-annex" | "template" | "year" | "duplicate" | "other-province";

export interface LeftOutFile {
  readonly file: string;
  readonly reason: LeftOutReason;
  readonly message: Bilingual;
}

export type Counts = Record<Severity, number>;

export interface MergedDistrict {
  readonly file: string;
  /** What the detail sheet's column headers call it: the authority, the unit, or the file name. */
  readonly label: string;
  readonly unit: ReportingUnit;
  /** The unit the title block names in the list of units, when a list was given. */
  readonly identity?: UnitIdentity;
  readonly sheet: string;
  readonly counts: Counts;
  /** The findings of its annex that are errors, to list in the merge report. */
  readonly errors: readonly Finding[];
}

/** Something the province should know about a consolidated row: why a cell is empty, what was not summed. */
export interface MergeNote {
  readonly code: string;
  readonly indicator: string;
  /** The consolidated cells it is about (the first carries the note in the workbook). */
  readonly cells: readonly string[];
  readonly message: Bilingual;
}

/** No file could go in: nothing to lay out, only the reasons. */
export interface EmptyMerge {
  readonly empty: true;
  readonly leftOut: readonly LeftOutFile[];
}

export interface Consolidation {
  readonly empty: false;
  readonly template: Template;
  readonly year: number;
  readonly layout: AnnexLayout;
  /** The consolidated input cells: a formula (SUM over the detail sheet, or a rate's ratio) and its result. */
  readonly inputs: readonly CellWrite[];
  /** The derived columns, as `annex fill` would write them on the consolidated sheet. */
  readonly derived: WritePlan;
  readonly notes: readonly MergeNote[];
  readonly detail: DetailSheet;
  readonly districts: readonly MergedDistrict[];
  /** Who sends for the year: communes from 2026, districts before (issue #21). */
  readonly level: ReportingLevel;
  /** Who of the province has sent and who has not, with --province. */
  readonly completeness?: Completeness;
  readonly leftOut: readonly LeftOutFile[];
  /** What the checks find on the consolidated sheet itself (sums that do not add up in the districts…). */
  readonly findings: readonly Finding[];
}

interface Candidate {
  readonly file: string;
  readonly snapshot: SheetSnapshot;
  readonly analysis: Analysis;
  readonly annex: LocatedAnnex;
}

export function consolidate(
  sources: readonly MergeSource[],
  options: MergeOptions = {}
): Consolidation | EmptyMerge {
  const locale = options.locale ?? "vi-VN";
  const leftOut: LeftOutFile[] = [];
  const candidates: Candidate[] = [];
  for (const source of sources) {
    if ("problem" in source) {
      leftOut.push({ file: source.file, reason: "unreadable", message: source.problem });
      continue;
    }
    const analysis = source.analysis.sheets.find((a) => a.annex);
    const snapshot = analysis && source.snapshots.find((s) => s.name === analysis.sheet);
    if (!analysis?.annex || !snapshot) {
      const why = source.analysis.sheets[0]?.findings[0]?.message;
      leftOut.push({
        file: source.file,
        reason: "not-annex",
        message: {
          vi: `"${source.file}" không có biểu chỉ tiêu nào được nhận biết${why ? ` (${why.vi})` : ""}.`,
          en: `"${source.file}" holds no recognised indicator annex${why ? ` (${why.en})` : ""}.`,
        },
      });
      continue;
    }
    candidates.push({ file: source.file, snapshot, analysis, annex: analysis.annex });
  }

  const chosen = chooseTemplate(candidates, options);
  const included: Array<
    Candidate & { readonly unit: ReportingUnit; readonly identity?: UnitIdentity }
  > = [];
  const senders: SenderCheck | undefined = chosen ? senderCheck(options, chosen.year) : undefined;
  const seen = new Map<string, string>();
  // What the files must follow: as chosen, or as asked when no file follows it (all are then named).
  const want = chosen ?? (options.template && { template: options.template, year: options.year });
  for (const c of candidates) {
    if (!want) break;
    const t = c.annex.template;
    if (t.id !== want.template.id) {
      leftOut.push({
        file: c.file,
        reason: "template",
        message: {
          vi: `"${c.file}" theo mẫu ${t.form} (${t.id}), không phải ${want.template.form} (${want.template.id}): không tổng hợp.`,
          en: `"${c.file}" follows ${t.id}, not ${want.template.id}: left out.`,
        },
      });
      continue;
    }
    if (want.year !== undefined && c.annex.year !== want.year) {
      leftOut.push({
        file: c.file,
        reason: "year",
        message: {
          vi: `"${c.file}" là biểu năm ${c.annex.year}, không phải năm ${want.year}: không tổng hợp.`,
          en: `"${c.file}" is the annex for ${c.annex.year}, not ${want.year}: left out.`,
        },
      });
      continue;
    }
    const unit = reportingUnit(c.snapshot, c.annex.headerRow);
    const sender = senders && fileSender(senders, c.file, unit);
    if (sender?.leftOut) {
      leftOut.push(sender.leftOut);
      continue;
    }
    // The authority ("UBND HUYỆN CAO LỘC") is what tells districts apart: their offices share one name
    // ("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"). A title block without one (the "[Tên cơ quan chủ quản]"
    // placeholder left as it is) names no district, so it can be no district's duplicate either.
    const key = sender?.key ?? (unit.authority ? fold(`${unit.authority} ${unit.unit ?? ""}`) : "");
    const first = key ? seen.get(key) : undefined;
    if (first !== undefined && !options.allowDuplicates) {
      leftOut.push({
        file: c.file,
        reason: "duplicate",
        message: {
          vi: `"${c.file}" cùng đơn vị với "${first}" (${sender?.label ?? unitLabel(unit, c.file)}): một đơn vị chỉ được tính một lần.`,
          en: `"${c.file}" is from the same unit as "${first}" (${sender?.label ?? unitLabel(unit, c.file)}): a unit is counted once.`,
        },
      });
      continue;
    }
    if (key && first === undefined) seen.set(key, c.file);
    included.push({ ...c, unit, ...(sender?.identity ? { identity: sender.identity } : {}) });
  }

  if (!chosen || !included.length) return { empty: true, leftOut };
  const { template, year } = chosen;
  const layout = buildAnnexLayout(template, {
    year,
    ...(options.unitName !== undefined ? { unitName: options.unitName } : {}),
    ...(options.authority !== undefined ? { authority: options.authority } : {}),
    ...(options.sheetName !== undefined ? { sheetName: options.sheetName } : {}),
    ...(options.targets ? { targets: options.targets } : {}),
    locale,
  });

  const names = labels(included);
  const districts = included.map((c, k) => districtOf(c, names[k]));
  const figures = readFigures(template, included, locale);
  const detail = buildDetailSheet(template, year, layout, districts, figures);
  const { inputs, notes } = consolidatedCells(template, year, layout, districts, figures, detail);

  // The consolidated sheet as it will be: laid out, the inputs written; then the engine fills it.
  const editor = new SnapshotEditor(layoutSnapshot(layout));
  for (const w of inputs) editor.set(w.row, w.col, w.value ?? "", w.formula, w.numFmt);
  const merged = editor.snapshot();
  const analysis = analyzeSheet(merged, {
    templates: [template],
    locale,
    ...(options.targets ? { targets: options.targets } : {}),
  });
  // As `annex fill` does: the derived columns, and the self-check column the layout has kept current.
  const derived = analysis.annex
    ? withSelfCheck(merged, analysis.annex, analysis.plan)
    : analysis.plan;

  return {
    empty: false,
    template,
    year,
    layout,
    inputs,
    derived,
    notes,
    detail,
    districts,
    level: reportingLevel(year),
    ...completenessOf(senders, districts),
    leftOut,
    findings: analysis.findings,
  };
}

/** The template and year the inputs are merged as: as asked, or those most inputs follow (first wins a tie). */
function chooseTemplate(
  candidates: readonly Candidate[],
  options: MergeOptions
): { template: Template; year: number } | undefined {
  const pool = options.template
    ? candidates.filter((c) => c.annex.template.id === options.template?.id)
    : candidates;
  const tally = new Map<string, { count: number; template: Template; year: number }>();
  for (const c of pool) {
    if (options.year !== undefined && c.annex.year !== options.year) continue;
    const key = `${c.annex.template.id}\u0000${c.annex.year}`;
    const t = tally.get(key);
    if (t) t.count++;
    else tally.set(key, { count: 1, template: c.annex.template, year: c.annex.year });
  }
  let best: { count: number; template: Template; year: number } | undefined;
  for (const t of tally.values()) if (!best || t.count > best.count) best = t;
  if (best) return { template: options.template ?? best.template, year: best.year };
  if (options.template && options.year !== undefined)
    return { template: options.template, year: options.year };
  return undefined;
}

function unitLabel(unit: ReportingUnit, file: string, identity?: UnitIdentity): string {
  if (identity?.level === "commune" || identity?.level === "district")
    return identityTitle(identity);
  return unit.authority ?? unit.unit ?? baseName(file);
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, "");
}

/** Column headers for the districts; two that would read the same also name their file. */
function labels(
  included: ReadonlyArray<{ unit: ReportingUnit; file: string; identity?: UnitIdentity }>
): string[] {
  const plain = included.map((c) => unitLabel(c.unit, c.file, c.identity));
  return plain.map((l, k) =>
    plain.indexOf(l) !== k || plain.lastIndexOf(l) !== k
      ? `${l} (${baseName(included[k].file)})`
      : l
  );
}

function districtOf(
  c: Candidate & { readonly unit: ReportingUnit; readonly identity?: UnitIdentity },
  label: string
): MergedDistrict {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of c.analysis.findings) counts[f.severity]++;
  return {
    file: c.file,
    label,
    unit: c.unit,
    ...(c.identity ? { identity: c.identity } : {}),
    sheet: c.analysis.sheet,
    counts,
    errors: c.analysis.findings.filter((f) => f.severity === "error"),
  };
}

/** What one district wrote in one input cell, as the engine read it. */
export type DistrictFigure =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "text"; readonly text: string };

/**
 * figures[indicator][input column][district]: each district's cell as the engine's readings see it
 * (numbers typed as text are their number; a percentage cell is its percentage), undefined when blank.
 */
export type Figures = ReadonlyArray<ReadonlyArray<ReadonlyArray<DistrictFigure | undefined>>>;

export function inputColumns(template: Template): InputColumn[] {
  return template.columns.filter((c): c is InputColumn => c.role === "input");
}

function readFigures(
  template: Template,
  included: readonly Candidate[],
  locale: NumberLocale
): Figures {
  const inputs = inputColumns(template);
  const codeIndex = new Map(template.indicators.map((ind, i) => [ind.code, i]));
  const figures: Array<Array<Array<DistrictFigure | undefined>>> = template.indicators.map(() =>
    inputs.map(() => new Array<DistrictFigure | undefined>(included.length).fill(undefined))
  );
  included.forEach((c, k) => {
    const readings = new SheetReadings(c.snapshot, c.annex.rows, locale);
    inputs.forEach((column, j) => {
      const col = c.annex.columns.get(column.id);
      if (col === undefined) return;
      const reading = readings.column(col);
      c.annex.rows.forEach((located, i) => {
        const at = codeIndex.get(located.indicator.code);
        if (at === undefined) return;
        const state = reading.state[i];
        if (isFigure(state)) figures[at][j][k] = { kind: "number", value: reading.value[i] };
        else if (state === TEXT || state === ERROR)
          figures[at][j][k] = { kind: "text", text: reading.text(i) ?? "" };
      });
    });
  });
  return figures;
}

/** Removes binary noise from a sum (0.1 + 0.2). */
function clean(v: number): number {
  return Number(v.toPrecision(15));
}

function consolidatedCells(
  template: Template,
  year: number,
  layout: AnnexLayout,
  districts: readonly MergedDistrict[],
  figures: Figures,
  detail: DetailSheet
): { inputs: CellWrite[]; notes: MergeNote[] } {
  const inputs = inputColumns(template);
  const colOf = new Map(template.columns.map((c, i) => [c.id, i]));
  const codeIndex = new Map(template.indicators.map((ind, i) => [ind.code, i]));
  const writes: CellWrite[] = [];
  const notes: MergeNote[] = [];
  // values[indicator][input column]: the consolidated figure, for rates and points computed from them.
  const values: Array<Array<number | null>> = template.indicators.map(() => inputs.map(() => null));
  const header = (j: number) => resolveYearTokens(inputs[j].header.vi, year);
  const headerEn = (j: number) => resolveYearTokens(inputs[j].header.en, year);
  const at = (ind: Indicator, j: number) => {
    const row = layout.rowOf.get(ind.code) ?? -1;
    return { row, col: colOf.get(inputs[j].id) ?? -1 };
  };
  const write = (ind: Indicator, j: number, formula: string, value: number | null) => {
    const { row, col } = at(ind, j);
    if (row < 0 || col < 0) return;
    writes.push({
      row,
      col,
      address: toA1(row, col),
      formula,
      value: value ?? "",
      purpose: "input",
    });
  };
  const address = (ind: Indicator, j: number) => {
    const { row, col } = at(ind, j);
    return toA1(row, col);
  };

  // Counts and amounts first: rates and points are computed from them.
  template.indicators.forEach((ind, i) => {
    if (ind.kind === "rate" || ind.kind === "points") return;
    const texts: string[] = [];
    inputs.forEach((_, j) => {
      let sum = 0;
      let any = false;
      figures[i][j].forEach((f, k) => {
        if (f?.kind === "number") {
          sum += f.value;
          any = true;
        } else if (f?.kind === "text")
          texts.push(`${districts[k].label}: "${f.text}" (${header(j)})`);
      });
      const range = detail.range(ind.code, j);
      values[i][j] = any ? clean(sum) : null;
      if (range) write(ind, j, `IF(COUNT(${range})=0,"",SUM(${range}))`, values[i][j]);
    });
    if (texts.length)
      notes.push({
        code: ind.code,
        indicator: ind.name.vi,
        cells: inputs.map((_, j) => address(ind, j)),
        message: {
          vi: `Ô ghi bằng chữ không được cộng vào tổng — ${texts.join("; ")}.`,
          en: `Cells written as text are not added to the total — ${texts.join("; ")}.`,
        },
      });
  });

  // Rates: recomputed from the consolidated numerator and denominator, where the template has them.
  template.indicators.forEach((ind, i) => {
    if (ind.kind !== "rate") return;
    const ratio = ind.relations.find((r) => r.type === "ratio");
    const n = ratio && codeIndex.get(ratio.numerator);
    const d = ratio && codeIndex.get(ratio.denominator);
    if (!ratio || n === undefined || d === undefined) {
      notes.push({
        code: ind.code,
        indicator: ind.name.vi,
        cells: inputs.map((_, j) => address(ind, j)),
        message: {
          vi: "Để trống: mẫu biểu không cho biết tử số và mẫu số của tỷ lệ này, mà tỷ lệ thì không được cộng hay lấy trung bình giữa các đơn vị. Hãy nhập tỷ lệ chung của tỉnh.",
          en: "Left empty: the template does not say which counts this rate is computed from, and a rate is never summed or averaged across units. Enter the province's own rate.",
        },
      });
      return;
    }
    const scale = ratio.scale;
    inputs.forEach((_, j) => {
      const num = values[n][j];
      const den = values[d][j];
      const cn = address(template.indicators[n], j);
      const cd = address(template.indicators[d], j);
      const value = num !== null && den !== null && den !== 0 ? (num / den) * scale : null;
      values[i][j] = value;
      write(
        ind,
        j,
        `IF(AND(ISNUMBER(${cn}),ISNUMBER(${cd})),IF(${cd}=0,"",${cn}/${cd}*${scale}),"")`,
        value
      );
    });
  });

  // Points: the reduction of a recomputed rate (the row's "reduction" relation) from the year before's
  // full-year column (yearBeforeColumn) to this one.
  template.indicators.forEach((ind, i) => {
    if (ind.kind !== "points") return;
    const reduction = ind.relations.find((x) => x.type === "reduction");
    const r = reduction === undefined ? undefined : codeIndex.get(reduction.of);
    const rate = r === undefined ? undefined : template.indicators[r];
    const recomputed = rate !== undefined && rate.relations.some((x) => x.type === "ratio");
    if (!recomputed || r === undefined) {
      notes.push({
        code: ind.code,
        indicator: ind.name.vi,
        cells: inputs.map((_, j) => address(ind, j)),
        message: {
          vi: "Để trống: mức thay đổi của một tỷ lệ không được cộng giữa các đơn vị, và không có tỷ lệ chung tính lại được để suy ra. Hãy nhập số của tỉnh.",
          en: "Left empty: a change of a rate is never summed across units, and there is no recomputed rate to derive it from. Enter the province's own figure.",
        },
      });
      return;
    }
    // Input columns with no full-year column of the year before to compare with.
    const without: number[] = [];
    inputs.forEach((column, j) => {
      const before = yearBeforeColumn(inputs, column);
      const p = before === undefined ? -1 : inputs.indexOf(before);
      if (p < 0) {
        without.push(j);
        return;
      }
      const a = address(rate, p);
      const b = address(rate, j);
      const va = values[r][p];
      const vb = values[r][j];
      const value = va !== null && vb !== null ? va - vb : null;
      values[i][j] = value;
      write(ind, j, `IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),${a}-${b},"")`, value);
    });
    if (without.length)
      notes.push({
        code: ind.code,
        indicator: ind.name.vi,
        cells: without.map((j) => address(ind, j)),
        message: {
          vi: `Để trống ở cột ${without.map(header).join(", ")}: biểu không có tỷ lệ cả năm của năm trước để tính mức giảm của "${rate.name.vi}" (số một phần năm không so với số cả năm).`,
          en: `Left empty in ${without.map(headerEn).join(", ")}: the annex has no full-year rate of the year before to compute the reduction of "${rate.name.en}" from (a part-year figure is not compared with a full year).`,
        },
      });
  });

  writes.sort((a, b) => a.row - b.row || a.col - b.col);
  return { inputs: writes, notes };
}

function completenessOf(
  senders: SenderCheck | undefined,
  districts: readonly MergedDistrict[]
): { completeness?: Completeness } {
  const c = senders && unitCompleteness(senders, districts);
  return c ? { completeness: c } : {};
}

import { analyzeSheet } from "../analyze";
import { AnnexLayout, buildAnnexLayout, layoutSnapshot } from "../layout/annexLayout";
import { withSelfCheck } from "../layout/selfCheckPlan";
import { NumberLocale } from "../numbers/locale";
import { CellWrite, WritePlan } from "../plan/writePlan";
import { Finding, Severity } from "../rules/finding";
import { ERROR, NUMBER, SheetReadings, TEXT, TEXT_NUMBER } from "../sheet/columnReadings";
import { ReportingUnit } from "../sheet/reportingUnit";
import { SnapshotEditor } from "../sheet/snapshot";
import { TargetsFile } from "../targets/targetsFile";
import { Template } from "../template/schema";
import { Admitted, admit, LeftOutFile, MergeSource } from "./admit";
import { consolidatedCells, DistrictFigure, Figures, inputColumns, MergeNote } from "./cells";
import { buildDetailSheet, DetailSheet } from "./detailSheet";
import { ConsolidationRecord } from "./records";
import { baseName, unitLabel } from "./unitIdentity";
import { Completeness } from "../units/completeness";
import { UnitDirectory } from "../units/directory";
import { SenderCheck, unitCompleteness } from "../units/fileSender";
import { UnitIdentity } from "../units/identify";
import { ReportingLevel, reportingLevel } from "../units/level";

/**
 * The province's annex from its districts' annexes: which files go in (and why the others are left
 * out), the summed counts and amounts as live SUMs over a detail sheet, rates recomputed from the
 * summed numerator and denominator (never summed, never averaged), points from the recomputed rates,
 * and the districts' own findings carried along. Which files go in is admit.ts; the cells, cells.ts. Pure: the caller reads the files and analyses them;
 * an adapter writes the result.
 */

export interface MergeOptions {
  /** The template every input must follow; the one most inputs follow when absent. */
  readonly template?: Template;
  /** The year every input must be for; the one most inputs (of the template) are for when absent. */
  readonly year?: number;
  readonly locale?: NumberLocale;
  /** Keep a unit that appears in more than one file, or two files with the very same figures (each file becomes a column). */
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

export type Counts = Record<Severity, number>;

export interface MergedDistrict {
  readonly file: string;
  /** What the detail sheet's column headers call it: the authority, the unit, or the file name. */
  readonly label: string;
  readonly unit: ReportingUnit;
  /** The unit the title block names in the list of units, when a list was given (issue #21). */
  readonly identity?: UnitIdentity;
  readonly sheet: string;
  readonly counts: Counts;
  /** The findings of its annex that are errors, to list in the merge report. */
  readonly errors: readonly Finding[];
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
  /** What the workbook records about itself in "_annex": that it is consolidated, and its notes. */
  readonly record: ConsolidationRecord;
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

export function consolidate(
  sources: readonly MergeSource[],
  options: MergeOptions = {}
): Consolidation | EmptyMerge {
  const locale = options.locale ?? "vi-VN";
  const { form, included, leftOut, senders } = admit(sources, {
    locale,
    ...(options.units ? { units: options.units } : {}),
    ...(options.province !== undefined ? { province: options.province } : {}),
    ...(options.template ? { template: options.template } : {}),
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.allowDuplicates ? { allowDuplicates: true } : {}),
  });
  if (!form || !included.length) return { empty: true, leftOut };
  const { template, year } = form;
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
  const { inputs, notes } = consolidatedCells(template, year, layout, names, figures, detail);
  const record = consolidationRecord(included.length, notes);

  // The consolidated sheet as it will be: laid out, the inputs written, its record kept (as the
  // workbook will hold it); then the engine fills it and checks it as `annex check` will.
  const editor = new SnapshotEditor(layoutSnapshot(layout));
  for (const w of inputs) editor.set(w.row, w.col, w.value ?? "", w.formula, w.numFmt);
  const merged = editor.snapshot(layout.sheetName, { ...layout.metadata, consolidated: record });
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
    record,
    detail,
    districts,
    level: reportingLevel(year),
    ...completenessOf(senders, districts),
    leftOut,
    findings: analysis.findings,
  };
}

/** What the consolidated annex records about itself (consolidate/records.ts): each note at each of its cells. */
function consolidationRecord(units: number, notes: readonly MergeNote[]): ConsolidationRecord {
  return {
    units,
    notes: notes.map((n) => ({ kind: n.kind, cell: n.cells.join(" "), message: n.message })),
  };
}

/** Column headers for the units; two that would read the same also name their file. */
function labels(
  included: ReadonlyArray<{ unit: ReportingUnit; file: string; label?: string }>
): string[] {
  // The unit as the list of units names it ("Xã Hữu Lũng"), else as its title block says (issue #21).
  const plain = included.map((c) => c.label ?? unitLabel(c.unit, c.file));
  return plain.map((l, k) =>
    plain.indexOf(l) !== k || plain.lastIndexOf(l) !== k
      ? `${l} (${baseName(included[k].file)})`
      : l
  );
}

function districtOf(c: Admitted, label: string): MergedDistrict {
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

function readFigures(
  template: Template,
  included: readonly Admitted[],
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
        if (state === NUMBER) figures[at][j][k] = { kind: "number", value: reading.value[i] };
        else if (state === TEXT_NUMBER) {
          // Text that reads as a number is summed and named; text that reads two ways is not summed.
          const read = reading.reading(i);
          const text = reading.text(i) ?? "";
          figures[at][j][k] =
            read.kind === "number" && read.ambiguousAlternative === undefined
              ? { kind: "number", value: reading.value[i], text }
              : { kind: "text", text };
        } else if (state === TEXT || state === ERROR)
          figures[at][j][k] = { kind: "text", text: reading.text(i) ?? "" };
      });
    });
  });
  return figures;
}

function completenessOf(
  senders: SenderCheck | undefined,
  districts: readonly MergedDistrict[]
): { completeness?: Completeness } {
  const c = senders && unitCompleteness(senders, districts);
  return c ? { completeness: c } : {};
}

import { z } from "zod";
import { ReportingPeriod } from "./period";

/**
 * The template format. A template is data: the columns of the table (with the role each plays),
 * its sections and its indicators (rows). Types are inferred from the schema, so the schema is the
 * single definition of the format; docs/templates.md documents it with an example.
 */

export const Localized = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
export type Localized = z.infer<typeof Localized>;

/** Header text may name years relative to the template's year: "KH năm {Y}", "TH năm {Y-2}". */
const HeaderText = Localized;

const ColumnId = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "a column id is letters and digits");

const columnBase = {
  id: ColumnId,
  header: HeaderText,
  /** The upper header row shared by several columns, e.g. "So sánh (%)". */
  group: HeaderText.optional(),
  /** The label in the numbering row under the header: "A", "B", "1", "5=4/2". */
  number: z.string(),
  /** Column width in characters. */
  width: z.number().positive().max(120).optional(),
};

export const InputColumn = z
  .object({
    ...columnBase,
    role: z.literal("input"),
    period: z.enum(["actual", "plan", "estimate"]),
    /** Year relative to the template's year (the Y in the header text). */
    yearOffset: z.number().int().min(-5).max(5),
    /** Part of a year this figure covers (6 for "6 tháng", 3 for a quarter); absent for a full year. */
    months: z.number().int().min(1).max(11).optional(),
    /**
     * The figure covers the form's reporting period (template `periods`): its months follow the period
     * chosen, and its header names it with the {P} tokens ("TH {P:Y}" → "TH quý I năm 2020").
     */
    followsPeriod: z.boolean().optional(),
    /** A plan column: its cells may hold a target written as text ("trên 16.000", "1-1,5"). */
    holdsTarget: z.boolean().default(false),
    /** For flow indicators this figure cannot exceed the figure in that column (6 months ≤ full year). */
    notAbove: ColumnId.optional(),
    /** Empty cells in required rows are flagged. */
    required: z.boolean().default(true),
  })
  .strict();

export const DerivedColumn = z
  .object({
    ...columnBase,
    role: z.literal("derived"),
    purpose: z.enum(["percentOfPlan", "yearOverYear", "nextVsEstimate", "other"]),
    numerator: ColumnId,
    denominator: ColumnId,
  })
  .strict();

export const EvaluationColumn = z
  .object({
    ...columnBase,
    role: z.literal("evaluation"),
    /** The figure that is judged … */
    value: ColumnId,
    /** … against the plan (target) in this column. */
    target: ColumnId,
  })
  .strict();

const PlainColumn = (role: "code" | "name" | "unit" | "note") =>
  z.object({ ...columnBase, role: z.literal(role) }).strict();

export const Column = z.discriminatedUnion("role", [
  PlainColumn("code"),
  PlainColumn("name"),
  PlainColumn("unit"),
  PlainColumn("note"),
  InputColumn,
  DerivedColumn,
  EvaluationColumn,
]);
export type Column = z.infer<typeof Column>;
export type InputColumn = z.infer<typeof InputColumn>;
export type DerivedColumn = z.infer<typeof DerivedColumn>;
export type EvaluationColumn = z.infer<typeof EvaluationColumn>;

/** Why a relation holds: the seed line or the rule behind it ("004 dòng 111: 24 = 4 + 10 + 10"). */
const Basis = z.string().min(1).optional();

export const Relation = z.discriminatedUnion("type", [
  /** "gồm": the listed rows add up to this row, in every period column. */
  z.object({ type: z.literal("sum"), of: z.array(z.string()).min(1), basis: Basis }).strict(),
  /**
   * "trong đó": this row is a part of that row and cannot exceed it. `carriedOver`: this row may count
   * cases carried over from the period before (petitions resolved this quarter but received in the
   * last; decisions on applications filed last period), so a figure above the total is a warning
   * that says why (part.carried-over), not an error, and the self-check does not turn it red.
   */
  z
    .object({
      type: z.literal("partOf"),
      of: z.string(),
      carriedOver: z.boolean().optional(),
      basis: Basis,
    })
    .strict(),
  /** This rate row equals numerator / denominator × scale. */
  z
    .object({
      type: z.literal("ratio"),
      numerator: z.string(),
      denominator: z.string(),
      scale: z.number().positive().default(100),
    })
    .strict(),
  /**
   * This points row is the reduction of that rate row from one year to the next ("mức giảm tỷ lệ hộ
   * nghèo" of "tỷ lệ hộ nghèo"): in each full-year input column X whose year before has a full-year
   * column on the form (yearBeforeColumn), this row = the rate in that column − the rate in X.
   * Columns without one (the earliest year, a 6-month column) are not checked.
   */
  z.object({ type: z.literal("reduction"), of: z.string() }).strict(),
]);
export type Relation = z.infer<typeof Relation>;

export const Indicator = z
  .object({
    /** Unique key within the template; relations refer to it. Usually the STT shown ("1", "1.2"). */
    code: z.string().min(1),
    /** What the STT column shows when it is not the code ("-", "+", ""). */
    label: z.string().optional(),
    section: z.string().min(1),
    name: Localized,
    /** Other names this row is known by on sheets made by hand. */
    aliases: z.array(z.string().min(1)).default([]),
    unit: z.string().min(1),
    unitAliases: z.array(z.string().min(1)).default([]),
    kind: z.enum(["count", "amount", "rate", "points"]),
    direction: z.enum(["up", "down", "neutral"]),
    nature: z.enum(["flow", "stock"]),
    /** Decimals shown; defaults by kind (count 0, amount 0, rate 2, points 2). */
    decimals: z.number().int().min(0).max(6).optional(),
    bounds: z
      .object({ min: z.number().optional(), max: z.number().optional() })
      .strict()
      .optional(),
    required: z.boolean().default(false),
    /** Indent level on the sheet: 0 for main indicators, 1 for children, 2 for grandchildren. */
    level: z.number().int().min(0).max(3).default(0),
    /** How the comparison columns read for this row; defaults by kind (see domain brief). */
    compare: z.enum(["ratio", "difference"]).optional(),
    relations: z.array(Relation).default([]),
    /**
     * What "giảm 3%" in a plan cell means for a rate row: 3 percentage points ("points", as provinces
     * write it; the default) or 3 % of the base ("percent"). Targets themselves belong to a province:
     * a targets file (src/domain/targets/targetsFile.ts), never the template.
     */
    changeOfRate: z.enum(["points", "percent"]).optional(),
    /**
     * The input columns in which this row is asked for, when not all of them: an annual rate (the
     * poverty rate of the year-end review) is not asked for in a 6-month column. Absent: every
     * required column. Only for `required` rows.
     */
    requiredIn: z.array(ColumnId).min(1).optional(),
    /**
     * On a form made for a period of the year: the periods in which this row is asked for, when not
     * all of them. The trained-labour rate is reviewed every six months and yearly, not each quarter:
     * ["6-thang", "ca-nam"]. Absent: every period. Only for `required` rows.
     */
    requiredPeriods: z.array(ReportingPeriod).min(1).optional(),
    /** On a form other than Biểu 01: the code of the same indicator in Biểu 01 ("9"). */
    bieu01: z.string().min(1).optional(),
    /** Where the row comes from: the document (seed) that reports it, and how. */
    source: Localized.optional(),
  })
  .strict();
export type Indicator = z.infer<typeof Indicator>;

/** Whether a figure of this row is asked for in that input column ("required.missing" when blank). */
export function isRequiredIn(
  ind: Pick<Indicator, "required" | "requiredIn" | "requiredPeriods">,
  column: { id: string; required: boolean },
  period?: ReportingPeriod
): boolean {
  return (
    ind.required &&
    column.required &&
    (ind.requiredIn === undefined || ind.requiredIn.includes(column.id)) &&
    (ind.requiredPeriods === undefined ||
      period === undefined ||
      ind.requiredPeriods.includes(period))
  );
}

export const Section = z
  .object({
    code: z.string().min(1),
    name: Localized,
    /** Where the block comes from: the documents (seeds) that report it. */
    source: Localized.optional(),
  })
  .strict();
export type Section = z.infer<typeof Section>;

export const TemplateShape = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "an id is lower-case letters, digits and -"),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "a version is MAJOR.MINOR.PATCH"),
    /** "Biểu số 01" */
    form: z.string().min(1),
    title: HeaderText,
    /** What the template's year Y means, for people choosing it: "the plan year". */
    yearMeaning: Localized,
    unitNote: Localized.optional(),
    /**
     * A reporting form made for a period of the year: the periods it offers (quý I, 6 tháng, 9 tháng,
     * cả năm), the first being its default. Headers name the period with {P} tokens (see period.ts).
     */
    periods: z.array(ReportingPeriod).min(1).optional(),
    /** The period this copy of the form is made for (set by templateForPeriod; one of `periods`). */
    period: ReportingPeriod.optional(),
    /**
     * How far "khoảng X" reaches in a plan (targets/verdict.ts): `relative`, a share of X for counts and
     * amounts (default 0,05: "khoảng 16.000" is 15.200–16.800); `points`, percentage points for rates
     * and points (default 1: "khoảng 75%" is 74–76 %).
     */
    aboutTolerance: z
      .object({
        relative: z.number().min(0).max(1).optional(),
        points: z.number().min(0).max(100).optional(),
      })
      .strict()
      .optional(),
    columns: z.array(Column).min(4),
    sections: z.array(Section).min(1),
    indicators: z.array(Indicator).min(1),
  })
  .strict();
export type Template = z.infer<typeof TemplateShape>;
export type TemplateInput = z.input<typeof TemplateShape>;

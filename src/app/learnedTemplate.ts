import { Bilingual, checkTemplate, NumberLocale, Template } from "../domain";
import { learnTemplate, LearnNote } from "../domain/learn";
import type { Indicator, TemplateInput } from "../domain/template/schema";
import type { AnnexHost } from "../host/annexHost";
import { attempt, failure, Outcome, success } from "./problems";

/**
 * "Tạo mẫu từ trang tính đang mở" (issue #20), the use case the pane's Mẫu biểu tab calls: the open
 * sheet read through the host, its template learned by the engine (src/domain/learn), and shown as
 * rows — those with questions first — each with its kind, direction and relations and their evidence;
 * then the officer's changes (a kind, a direction, a relation dropped) applied and checked by the same
 * schema every template goes through. The pane computes nothing itself.
 */
export interface LearnedRowView {
  readonly code: string;
  /** What the STT column shows. */
  readonly label: string;
  readonly name: string;
  readonly unit: string;
  readonly kind: Indicator["kind"];
  readonly direction: Indicator["direction"];
  readonly relations: readonly Bilingual[];
  readonly evidence: readonly Bilingual[];
  readonly questions: readonly Bilingual[];
}

export interface LearnedView {
  readonly sheet: string;
  readonly data: TemplateInput;
  readonly template: Template;
  /** Rows with questions first, then the others, each in the sheet's order. */
  readonly rows: readonly LearnedRowView[];
  /** Questions about the sheet as a whole (a column, the year). */
  readonly questions: readonly Bilingual[];
}

export async function learnFromOpenSheet(
  host: AnnexHost,
  locale: NumberLocale = "vi-VN"
): Promise<Outcome<LearnedView>> {
  return attempt(async () => {
    const { snapshot } = await host.readSheet();
    const r = learnTemplate(snapshot, { locale });
    if (!r.ok) return failure("no-annex", { vi: r.vi, en: r.en });
    return success(view(r.sheet, r.data, r.template, r.evidence, r.questions));
  });
}

function view(
  sheet: string,
  data: TemplateInput,
  template: Template,
  evidence: readonly LearnNote[],
  questions: readonly LearnNote[]
): LearnedView {
  const text = (n: LearnNote): Bilingual => ({ vi: n.vi, en: n.en });
  const rows = template.indicators.map((ind) => ({
    code: ind.code,
    label: ind.label ?? ind.code,
    name: ind.name.vi,
    unit: ind.unit,
    kind: ind.kind,
    direction: ind.direction,
    relations: ind.relations.map((rel): Bilingual => {
      if (rel.type === "sum")
        return { vi: `= tổng ${rel.of.join(" + ")}`, en: `= sum of ${rel.of.join(" + ")}` };
      if (rel.type === "partOf") return { vi: `một phần của ${rel.of}`, en: `part of ${rel.of}` };
      if (rel.type === "ratio") {
        const f = `= ${rel.numerator} / ${rel.denominator} × 100`;
        return { vi: f, en: f };
      }
      return { vi: `mức giảm của ${rel.of}`, en: `reduction of ${rel.of}` };
    }),
    evidence: evidence.filter((e) => e.code === ind.code).map(text),
    questions: questions.filter((q) => q.code === ind.code).map(text),
  }));
  return {
    sheet,
    data,
    template,
    rows: [...rows.filter((r) => r.questions.length), ...rows.filter((r) => !r.questions.length)],
    questions: questions.filter((q) => q.code === undefined).map(text),
  };
}

/** One change the officer makes with a dropdown: a row's kind, its direction, or a relation dropped. */
export type LearnedChange =
  | { readonly code: string; readonly kind: Indicator["kind"] }
  | { readonly code: string; readonly direction: Indicator["direction"] }
  | { readonly code: string; readonly dropRelation: number };

/**
 * The learned template with the officer's changes, checked as every template is: a change the form
 * cannot hold (a summed row made a rate) is refused with the schema's own words, nothing half-applied.
 */
export function withChanges(
  data: TemplateInput,
  changes: readonly LearnedChange[]
): Outcome<{ data: TemplateInput; template: Template }> {
  const indicators = (data.indicators ?? []).map((ind) => {
    let next = { ...ind };
    for (const c of changes) {
      if (c.code !== ind.code) continue;
      if ("kind" in c) next = { ...next, kind: c.kind };
      else if ("direction" in c) next = { ...next, direction: c.direction };
      else
        next = {
          ...next,
          relations: (next.relations ?? []).filter((_r, k) => k !== c.dropRelation),
        };
    }
    // A rate or points row is a level at a date, never a flow.
    if ((next.kind === "rate" || next.kind === "points") && next.nature === "flow")
      next = { ...next, nature: "stock" };
    return next;
  });
  const changed: TemplateInput = { ...data, indicators };
  const checked = checkTemplate(changed);
  if (!checked.ok) {
    const list = (lang: keyof Bilingual) =>
      checked.problems
        .slice(0, 3)
        .map((p) => `${p.path}: ${p[lang]}`)
        .join("; ");
    return failure("template-invalid", {
      vi: `Không lưu được thay đổi: ${list("vi")}.`,
      en: `The change cannot be kept: ${list("en")}.`,
    });
  }
  return success({ data: changed, template: checked.template });
}

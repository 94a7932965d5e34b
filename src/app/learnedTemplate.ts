import { Bilingual, checkTemplate, NumberLocale, Template } from "../domain";
import { learnTemplate, LearnNote } from "../domain/learn";
import { templateHash } from "../domain/learn/hash";
import type { Indicator, TemplateInput } from "../domain/template/schema";
import type { AnnexHost } from "../host/annexHost";
import { countsText } from "./findingViews";
import { attempt, failure, Outcome, success } from "./problems";
import { checkNow, CheckReport } from "./sessionCheck";
import type { SessionState } from "./sessionState";

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
  /** The form's year the headers name: the sheet is recorded as an annex of that year when saved. */
  readonly year?: number;
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
    const v = view(r.sheet, r.data, r.template, r.evidence, r.questions);
    return success(r.year === undefined ? v : { ...v, year: r.year });
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

/** What "Lưu mẫu vào sổ tính" did, and the check of the sheet with the saved template. */
export interface SavedTemplate {
  readonly sheet: string;
  /** The template as kept (its version may have been raised: see saveLearned). */
  readonly data: TemplateInput;
  /** False: the workbook already held this very template, and nothing was written. */
  readonly written: boolean;
  /** The version it replaced in the workbook, when the person agreed to replace one. */
  readonly replaced?: string;
  readonly report: CheckReport;
  readonly summary: Bilingual;
}

/** 1.0.0 → 1.0.1: a form whose content changed is another version of it. */
export function nextPatch(version: string): string {
  const [major, minor, patch] = version.split(".").map(Number);
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * Saves the learned template, with the officer's changes, inside the open workbook (issue #20: the
 * file carries its form to whoever it is sent to; no .json, no template kept on this computer), binds
 * the sheet to it (the year its headers name), then checks the sheet with it at once. Run twice,
 * the second time writes nothing. Another template of that id already kept (an earlier save with
 * other changes, another version) is not replaced unless `replace`: the answer is a
 * "template-conflict" that says which; when replaced with the same version number, the version is
 * raised (1.0.0 → 1.0.1), so files with the old form and files with the new one are told apart.
 */
export function saveLearned(
  s: SessionState,
  learned: LearnedView,
  changes: readonly LearnedChange[],
  options: { readonly replace?: boolean } = {}
): Promise<Outcome<SavedTemplate>> {
  return s.run(async () => {
    const changed = withChanges(learned.data, changes);
    if (!changed.ok) return changed;
    let data = changed.value.data;
    const kept = (await s.host.readSheet(learned.sheet)).templates?.find((e) => e.id === data.id);
    // Learned again after a raised version: the same content is that version, not a new one.
    const asKept = kept && { ...data, version: kept.version };
    if (kept && asKept && templateHash(asKept) === kept.hash) data = asKept;
    const differs = !!kept && kept.hash !== templateHash(data);
    if (differs && kept && !options.replace) return conflict(kept.version, data.version);
    if (differs && kept && kept.version === data.version)
      data = { ...data, version: nextPatch(kept.version) };
    const bind =
      learned.year === undefined
        ? undefined
        : {
            sheet: learned.sheet,
            metadata: { templateId: data.id, templateVersion: data.version, year: learned.year },
          };
    const done = await s.host.writeTemplate(data, {
      ...(bind ? { bind } : {}),
      ...(options.replace ? { replace: true } : {}),
    });
    // Another pane or command kept another one meanwhile: asked again, never overwritten.
    if (done.outcome === "conflict") return conflict(done.kept.version, data.version);
    const checked = await checkNow(s, learned.sheet, []);
    // Kept, but the sheet cannot be checked with it (its headers name no year): said, never hidden.
    if (!checked.ok)
      return failure<SavedTemplate>(checked.problem.code, {
        vi: `${done.outcome === "unchanged" ? "Mẫu đã có trong sổ tính" : "Đã lưu mẫu vào sổ tính"} (phiên bản ${data.version}), nhưng chưa kiểm tra được trang tính "${learned.sheet}" với mẫu: ${checked.problem.message.vi}`,
        en: `${done.outcome === "unchanged" ? "The template is already in the workbook" : "Saved the template in the workbook"} (version ${data.version}), but sheet "${learned.sheet}" could not be checked with it: ${checked.problem.message.en}`,
      });
    s.watched = learned.sheet;
    const replaced = done.outcome === "written" ? done.replaced?.version : undefined;
    const report = checked.value;
    const counts = countsText(report.counts);
    const what: Bilingual =
      done.outcome === "unchanged"
        ? {
            vi: `Mẫu này đã có trong sổ tính (phiên bản ${data.version}); không ghi gì thêm.`,
            en: `This template is already in the workbook (version ${data.version}); nothing was written.`,
          }
        : replaced !== undefined
          ? {
              vi: `Đã thay mẫu phiên bản ${replaced} trong sổ tính bằng phiên bản ${data.version}.`,
              en: `Replaced the template's version ${replaced} in the workbook with version ${data.version}.`,
            }
          : {
              vi: `Đã lưu mẫu vào sổ tính (phiên bản ${data.version}): tệp gửi đi mang theo mẫu, nơi nhận kiểm tra được mà không cần tệp .json.`,
              en: `Saved the template in the workbook (version ${data.version}): the file carries it wherever it is sent, and is checked there with no .json file.`,
            };
    return success<SavedTemplate>({
      sheet: learned.sheet,
      data,
      written: done.outcome === "written",
      ...(replaced !== undefined ? { replaced } : {}),
      report,
      summary: {
        vi: `${what.vi} Kiểm tra trang tính "${learned.sheet}" với mẫu này: ${counts.vi} (xem thẻ Kiểm tra).`,
        en: `${what.en} Sheet "${learned.sheet}" checked with it: ${counts.en} (see the Check tab).`,
      },
    });
  });
}

function conflict<T>(keptVersion: string, version: string): Outcome<T> {
  const same = keptVersion === version;
  const next = same ? nextPatch(version) : version;
  return failure<T>("template-conflict", {
    vi: `Sổ tính đã lưu mẫu của trang tính này, phiên bản ${keptVersion}${same ? " với nội dung khác" : ""}. Chưa ghi gì. Bấm "Thay mẫu trong sổ tính" để thay bằng mẫu vừa sửa (phiên bản ${next}); các tệp đã gửi đi vẫn giữ mẫu cũ.`,
    en: `The workbook already keeps this sheet's template, version ${keptVersion}${same ? " with other content" : ""}. Nothing was written. Press "Replace the workbook's template" to replace it with the one just edited (version ${next}); files already sent keep the old one.`,
  });
}

/** The template with the officer's changes as a .json file to take to another computer. */
export function learnedJson(
  learned: LearnedView,
  changes: readonly LearnedChange[]
): Outcome<{ readonly name: string; readonly text: string }> {
  const changed = withChanges(learned.data, changes);
  if (!changed.ok) return changed;
  const name = `Mẫu - ${learned.sheet.replace(/[\\/:*?"<>|]+/g, "-")}.json`;
  return success({ name, text: JSON.stringify(changed.value.data, null, 2) + "\n" });
}

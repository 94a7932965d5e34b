import {
  Analysis,
  analyzeSheet,
  Bilingual,
  NumberLocale,
  SheetSnapshot,
  Template,
  WritePlan,
} from "../domain";
import { AnnexHost, UndoRecord } from "../host/annexHost";
import { CustomTemplate, readStoredTemplates, TemplateStore } from "./customTemplates";
import { failure, attempt, Outcome, success } from "./problems";
import type { CheckReport } from "./sessionCheck";
import { KEPT_TARGETS, readTargetsText, TargetsView } from "./targetsChoice";
import { templateList } from "./templateCatalog";

/**
 * What AnnexSession's use cases share (sessionTemplates, sessionCheck, sessionExplanations,
 * sessionTargets, sessionFill): the host, the templates, the options, the last check, the targets
 * file as last read, the undo stack, and the queue that runs actions one after another.
 */

export interface SessionOptions {
  /** The department's own templates, loaded with loadTemplate; they come before the built-in ones. */
  readonly templates?: readonly Template[];
  /** Where custom templates added in the pane are kept; they are read from it when the session starts. */
  readonly store?: TemplateStore;
  /** How figures typed as text are read: vi-VN ("16.000") unless the office writes en-US. */
  readonly locale?: NumberLocale;
  /** Quiet time after an edit before the sheet is checked again (ms). */
  readonly recheckDelayMs?: number;
}

interface UndoEntry {
  readonly record: UndoRecord;
  readonly label: Bilingual;
}

export interface Checked {
  readonly analysis: Analysis;
  readonly report: CheckReport;
}

export const NO_ANNEX_HINT: Bilingual = {
  vi: 'Hãy mở trang tính có biểu chỉ tiêu, hoặc chèn biểu mới ở thẻ "Mẫu biểu".',
  en: 'Open the sheet that holds the indicator annex, or insert a new one from the "Mẫu biểu" (templates) tab.',
};

export class SessionState {
  /** Given with the options: always offered, never stored. */
  readonly given: readonly Template[];
  /** Added in the pane, kept in the store. */
  added: CustomTemplate[];
  readonly store: TemplateStore | undefined;
  readonly locale: NumberLocale;
  readonly recheckDelayMs: number;
  last: Checked | undefined;
  /** The targets file kept with the workbook, as the last read found it. */
  keptTargets: TargetsView | undefined;
  /** Templates kept in the workbook that could not be used (incomplete, edited by hand), as the last read found them. */
  keptBroken: readonly Bilingual[] = [];
  /** Whether a read has told what the workbook keeps (before the first check, nothing is known). */
  targetsRead = false;
  /** The sheet whose edits trigger a re-check: the last one checked, even if it stopped reading as an annex. */
  watched: string | undefined;
  readonly undoStack: UndoEntry[] = [];
  /** Actions run one after another: an edit's re-check never interleaves with a fill. */
  queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly host: AnnexHost,
    options: SessionOptions = {}
  ) {
    this.given = options.templates ?? [];
    this.store = options.store;
    this.added = options.store ? readStoredTemplates(options.store) : [];
    this.locale = options.locale ?? "vi-VN";
    this.recheckDelayMs = options.recheckDelayMs ?? 800;
  }

  /** Custom templates: the ones added in the pane (latest first), then the ones given. */
  get custom(): readonly Template[] {
    const added = this.added.map((a) => a.template);
    const ids = new Set(added.map((t) => t.id));
    return [...added, ...this.given.filter((t) => !ids.has(t.id))];
  }

  run<T>(action: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const next = this.queue.then(() => attempt(action));
    this.queue = next.catch(() => undefined);
    return next;
  }

  template(id: string): Template | undefined {
    return templateList(this.custom).find((t) => t.id === id);
  }

  templateMissing<T>(id: string): Outcome<T> {
    return failure<T>("template-missing", {
      vi: `Không có mẫu biểu "${id}" trong danh mục.`,
      en: `There is no template "${id}" in the catalog.`,
    });
  }

  sheetExists<T>(name: string, suggestion: string): Outcome<T> {
    return failure<T>(
      "sheet-exists",
      {
        vi: `Sổ đã có trang tính "${name}". Hãy dùng tên khác, ví dụ "${suggestion}".`,
        en: `The workbook already has a sheet "${name}". Use another name, such as "${suggestion}".`,
      },
      { suggestion }
    );
  }

  async readAnnex(
    sheet: string | undefined,
    options: { overwrite?: boolean } = {}
  ): Promise<
    Outcome<{
      snapshot: SheetSnapshot;
      analysis: Analysis;
      protection: "none" | "no-password" | "password";
    }>
  > {
    const read = await this.host.readSheet(sheet);
    // A template kept in the workbook (issue #20) is the file's own form: it comes first, as in
    // annex check; one kept broken is not used (its problem shows when it is saved again).
    const kept = (read.templates ?? []).flatMap((e) => (e.template ? [e.template] : []));
    this.keptBroken = (read.templates ?? [])
      .filter((e) => !e.template)
      .map((e) => ({
        vi: `Sổ tính có một mẫu lưu kèm (phiên bản ${e.version}) bị thiếu phần hoặc đã bị sửa tay, nên không dùng được; hãy lưu lại mẫu từ trang tính gốc.`,
        en: `The workbook keeps a template (version ${e.version}) that is incomplete or was edited by hand, so it cannot be used; save it again from its original sheet.`,
      }));
    const keptIds = new Set(kept.map((t) => t.id));
    const templates = templateList([...kept, ...this.custom.filter((t) => !keptIds.has(t.id))]);
    // The targets file kept with the workbook, read as --targets reads one (#17).
    const targets =
      read.targets === undefined
        ? undefined
        : readTargetsText(read.targets, KEPT_TARGETS, templates);
    this.targetsRead = true;
    if (targets && !targets.ok) return targets;
    this.keptTargets = targets?.value.view;
    const analysis = analyzeSheet(read.snapshot, {
      templates,
      locale: this.locale,
      ...(options.overwrite ? { overwrite: true } : {}),
      ...(targets ? { targets: targets.value.file } : {}),
    });
    if (!analysis.annex) {
      const finding = analysis.findings[0];
      const unknown = finding?.ruleId === "sheet.unknown-template";
      const message = finding?.message ?? { vi: "", en: "" };
      return failure(unknown ? "unknown-template" : "no-annex", {
        vi: `${message.vi} ${NO_ANNEX_HINT.vi}`.trim(),
        en: `${message.en} ${NO_ANNEX_HINT.en}`.trim(),
      });
    }
    return success({ snapshot: read.snapshot, analysis, protection: read.protection });
  }

  async apply(plan: WritePlan, label: Bilingual): Promise<void> {
    const applied = await this.host.applyPlan(plan);
    if (applied.written > 0) this.undoStack.push({ record: applied.undo, label });
  }
}

export function passwordProblem<T>(sheet: string): Outcome<T> {
  return failure<T>("password-protected", {
    vi: `Trang tính "${sheet}" được bảo vệ bằng mật khẩu nên không ghi được. Hãy bỏ bảo vệ (Xem lại → Bỏ bảo vệ trang tính) rồi thử lại; kiểm tra vẫn dùng được.`,
    en: `Sheet "${sheet}" is protected with a password, so nothing can be written. Unprotect it (Review → Unprotect Sheet) and try again; checking still works.`,
  });
}

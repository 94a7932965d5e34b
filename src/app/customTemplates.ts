import { Bilingual, loadTemplateJson, Template, TemplateError } from "../domain";
import { failure, Outcome, success } from "./problems";

/**
 * The department's own templates, kept where the pane can find them next time (the add-in's local
 * storage in Excel's web view; nothing leaves the computer). Stored as the JSON text the user chose,
 * and checked by the same schema as the built-in catalog every time they are read.
 */
export interface TemplateStore {
  read(): readonly string[];
  write(texts: readonly string[]): void;
}

export const TEMPLATE_STORAGE_KEY = "bieu-chi-tieu.custom-templates";

/** A store in the page's localStorage; a store that keeps nothing when there is none (private mode). */
export function localTemplateStore(storage: Storage | undefined): TemplateStore {
  return {
    read() {
      try {
        const raw = storage?.getItem(TEMPLATE_STORAGE_KEY);
        const list: unknown = raw ? JSON.parse(raw) : [];
        return Array.isArray(list) ? list.filter((t): t is string => typeof t === "string") : [];
      } catch {
        return [];
      }
    },
    write(texts) {
      try {
        storage?.setItem(TEMPLATE_STORAGE_KEY, JSON.stringify(texts));
      } catch {
        // Storage full or refused: the template still works until the pane is closed.
      }
    },
  };
}

/**
 * The page's own store: the pane keeps templates in it and the ribbon commands (another page of the same
 * add-in) read them from it. Reading the localStorage global itself throws where storage is refused.
 */
export function pageTemplateStore(): TemplateStore {
  let storage: Storage | undefined;
  try {
    storage = typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    storage = undefined;
  }
  return localTemplateStore(storage);
}

export interface CustomTemplate {
  readonly template: Template;
  readonly text: string;
}

/** Reads a template file's text; its problems, by field, when it is not a valid template. */
export function parseCustomTemplate(text: string, source: string): Outcome<CustomTemplate> {
  try {
    return success({ template: loadTemplateJson(text, source), text });
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    const shown = e.problems.slice(0, 5);
    const more = e.problems.length - shown.length;
    const list = (lang: keyof Bilingual) =>
      shown.map((p) => `${p.path}: ${p[lang]}`).join("; ") +
      (more > 0 ? (lang === "vi" ? `; và ${more} lỗi khác` : `; and ${more} more`) : "");
    return failure("template-invalid", {
      vi: `Tệp "${source}" không phải mẫu biểu hợp lệ: ${list("vi")}. Xem docs/templates.md để biết cách viết mẫu.`,
      en: `"${source}" is not a valid template: ${list("en")}. See docs/templates.md for the format.`,
    });
  }
}

/** The stored templates that still read as templates (a bad one is skipped, not fatal). */
export function readStoredTemplates(store: TemplateStore): CustomTemplate[] {
  const out: CustomTemplate[] = [];
  for (const text of store.read()) {
    const parsed = parseCustomTemplate(text, "stored template");
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

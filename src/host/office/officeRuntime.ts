import { HostCapabilities, HostError } from "../annexHost";

/**
 * What the Office.js host needs from its surroundings, injected so tests can run it on the real
 * Office.js client library against an in-memory workbook and say which Excel they are ("Excel 2019":
 * ExcelApi 1.7 only).
 */
export interface OfficeRuntime {
  /** `Excel.run`. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** `Office.context.requirements.isSetSupported`. */
  isSetSupported(name: string, version: string): boolean;
  /** Which Excel this is, for the diagnostic (absent: not known). */
  environment?(): OfficeEnvironment;
}

/** Office.context.diagnostics, the display language and the webview's user agent. */
export interface OfficeEnvironment {
  readonly build?: string;
  readonly platform?: string;
  readonly language?: string;
  readonly webview?: string;
}

/** The runtime of the task pane inside Excel: the global `Excel` and `Office` of office.js. */
export function officeRuntime(): OfficeRuntime {
  const g = globalThis as { Excel?: typeof Excel; Office?: typeof Office };
  const excel = g.Excel;
  const office = g.Office;
  if (!excel || !office?.context?.requirements) {
    throw new HostError("office-unavailable", {
      vi: "Không kết nối được với Excel. Hãy mở bổ trợ từ trong Excel (thẻ Trang đầu → Biểu chỉ tiêu).",
      en: "Excel is not available. Open the add-in from inside Excel (Home tab → Biểu chỉ tiêu).",
    });
  }
  return {
    run: (batch) => excel.run(batch),
    isSetSupported: (name, version) => office.context.requirements.isSetSupported(name, version),
    environment: () => ({
      build: office.context.diagnostics?.version,
      platform: String(office.context.diagnostics?.platform ?? office.context.platform ?? ""),
      language: office.context.displayLanguage,
      webview: typeof navigator !== "undefined" ? navigator.userAgent : undefined,
    }),
  };
}

/** The requirement set each optional capability needs. The core needs ExcelApi 1.7 (Excel 2019). */
export const CORE_SET = "1.7";
export const CAPABILITY_SETS: Readonly<Record<keyof HostCapabilities, string>> = {
  dataValidation: "1.8",
  pageLayout: "1.9",
  customProperties: "1.12",
  changeSource: "1.14",
};

export function detectCapabilities(runtime: OfficeRuntime): HostCapabilities {
  const has = (v: string) => runtime.isSetSupported("ExcelApi", v);
  return {
    dataValidation: has(CAPABILITY_SETS.dataValidation),
    pageLayout: has(CAPABILITY_SETS.pageLayout),
    customProperties: has(CAPABILITY_SETS.customProperties),
    changeSource: has(CAPABILITY_SETS.changeSource),
  };
}

/** A requirement check for tests and the preview: ExcelApi up to `version` ("1.7" = Excel 2019). */
export function supportsUpTo(version: string): (name: string, v: string) => boolean {
  const [maj, min] = version.split(".").map(Number);
  return (name, v) => {
    if (name !== "ExcelApi") return false;
    const [a, b] = v.split(".").map(Number);
    return a < maj || (a === maj && (b || 0) <= min);
  };
}

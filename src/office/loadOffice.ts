import type { Bilingual } from "../domain";

/**
 * Waits for Office.js, which each page references from Microsoft's CDN with a static script tag in its
 * head (loading it here when that tag failed or is absent), and for
 * Office.onReady — with one deadline for both, so a page opened outside Office, offline, or in an
 * Office that never answers says so instead of hanging. The task pane and the ribbon commands call
 * this first; nothing else in the add-in touches the script tag.
 */

export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Loading plus Office.onReady: slow networks take 2–3 s, so 8 s is only reached when nothing comes. */
export const OFFICE_TIMEOUT_MS = 8000;

export type OfficeLoad =
  | { readonly host: "excel"; readonly reason: "ready"; readonly message: Bilingual }
  | {
      readonly host: "outside-office";
      /** no-host: a plain browser tab; other-host: Word, PowerPoint…; no-answer: onReady never came. */
      readonly reason: "no-host" | "other-host" | "no-answer";
      readonly message: Bilingual;
    }
  | {
      readonly host: "offline";
      /** The script failed (network error, blocked) or did not arrive before the deadline. */
      readonly reason: "script-error" | "script-timeout";
      readonly message: Bilingual;
    };

export interface LoadOfficeOptions {
  /** Where Office.js comes from; the CDN unless a test or a department mirror says otherwise. */
  readonly url?: string;
  readonly timeoutMs?: number;
  /** The page to add the script to (the global document by default). */
  readonly document?: Document;
}

/** The part of Office.js this module uses; it is all we can rely on before the script is there. */
interface OfficeGlobal {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  HostType?: { Excel?: unknown };
}

const seconds = (ms: number): string => String(Math.round(ms / 100) / 10);

export const officeMessages = {
  ready: (): Bilingual => ({ vi: "Đã kết nối với Excel.", en: "Connected to Excel." }),
  noHost: (): Bilingual => ({
    vi: "Trang này đang mở ngoài Excel. Hãy mở add-in từ thẻ Trang đầu của Excel (nút Biểu chỉ tiêu).",
    en: "This page is open outside Excel. Open the add-in from Excel's Home tab (the Indicator Annex button).",
  }),
  otherHost: (host: string): Bilingual => ({
    vi: `Add-in này chỉ chạy trong Excel, không chạy trong ${host}.`,
    en: `This add-in runs in Excel only, not in ${host}.`,
  }),
  noAnswer: (ms: number): Bilingual => ({
    vi: `Office không phản hồi sau ${seconds(ms).replace(".", ",")} giây. Hãy đóng ngăn rồi mở lại từ thẻ Trang đầu của Excel.`,
    en: `Office did not answer within ${seconds(ms)} s. Close the pane and open it again from Excel's Home tab.`,
  }),
  scriptError: (url: string): Bilingual => ({
    vi: `Không tải được Office.js từ ${url}. Hãy kiểm tra kết nối Internet (máy phải truy cập được trang của Microsoft) rồi mở lại.`,
    en: `Could not load Office.js from ${url}. Check the Internet connection (this computer must reach Microsoft's site) and open it again.`,
  }),
  scriptTimeout: (url: string, ms: number): Bilingual => ({
    vi: `Office.js chưa tải xong sau ${seconds(ms).replace(".", ",")} giây (${url}). Máy có thể đang ngoại tuyến hoặc mạng chặn trang của Microsoft.`,
    en: `Office.js did not load within ${seconds(ms)} s (${url}). This computer may be offline or the network blocks Microsoft's site.`,
  }),
};

let pending: Promise<OfficeLoad> | undefined;

/**
 * Resolves once — never rejects and never takes longer than the deadline. Later calls get the same
 * answer (the pane and a command in one page share one load); a failed load is retried on the next call.
 */
export function loadOffice(options: LoadOfficeOptions = {}): Promise<OfficeLoad> {
  if (!pending) {
    pending = attempt(options).then((result) => {
      if (result.host === "offline") pending = undefined;
      return result;
    });
  }
  return pending;
}

/** For tests: forget the shared answer. */
export function resetOfficeLoad(): void {
  pending = undefined;
}

function attempt(options: LoadOfficeOptions): Promise<OfficeLoad> {
  const url = options.url ?? OFFICE_JS_URL;
  const timeoutMs = options.timeoutMs ?? OFFICE_TIMEOUT_MS;
  const doc = options.document ?? document;
  const view = doc.defaultView ?? window;

  return new Promise<OfficeLoad>((resolve) => {
    let settled = false;
    let scriptArrived = false;
    const finish = (result: OfficeLoad): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish(
        scriptArrived
          ? {
              host: "outside-office",
              reason: "no-answer",
              message: officeMessages.noAnswer(timeoutMs),
            }
          : {
              host: "offline",
              reason: "script-timeout",
              message: officeMessages.scriptTimeout(url, timeoutMs),
            }
      );
    }, timeoutMs);

    const whenReady = (office: OfficeGlobal): void => {
      scriptArrived = true;
      let ready: Promise<{ host: unknown }>;
      try {
        ready = office.onReady();
      } catch {
        return; // an Office.js that throws here will not answer: the deadline reports it
      }
      ready.then(
        (info) => finish(classify(info.host, office)),
        () => undefined // same: the deadline speaks
      );
    };

    const present = officeOf(view);
    if (present) {
      whenReady(present);
      return;
    }

    // The pages reference Office.js with a static <script> in their head, which blocks the parser:
    // by the time this runs it has finished, so no Office means it failed (offline, blocked). It is
    // tried once more here, so the person gets the offline message at once rather than at the deadline.
    // The tag of an earlier attempt of ours that ran out of time may still arrive: wait for it rather
    // than load Office.js a second time. A tag that failed is removed, so the next attempt adds a fresh one.
    const tags = Array.from(doc.getElementsByTagName("script")).filter(
      (s) => s.getAttribute("src") === url
    );
    for (const tag of tags) if (!tag.hasAttribute(LOADER_MARK) && finished(tag)) tag.remove();
    const earlier = tags.find((s) => s.isConnected);
    const script = earlier ?? doc.createElement("script");
    const failed = (): void => {
      script.remove();
      finish({ host: "offline", reason: "script-error", message: officeMessages.scriptError(url) });
    };
    script.addEventListener("load", () => {
      const office = officeOf(view);
      if (office) whenReady(office);
      else failed();
    });
    script.addEventListener("error", failed);
    if (!earlier) {
      script.setAttribute(LOADER_MARK, "");
      script.src = url;
      script.async = true;
      (doc.head ?? doc.documentElement).appendChild(script);
    }
  });
}

/** Marks the script tags loadOffice adds, apart from the pages' static one. */
const LOADER_MARK = "data-load-office";

/** A static tag without async or defer has run (or failed) before any later script of the page. */
function finished(tag: HTMLScriptElement): boolean {
  return !tag.hasAttribute("async") && !tag.hasAttribute("defer");
}

function officeOf(view: Window): OfficeGlobal | undefined {
  const office = (view as unknown as { Office?: Partial<OfficeGlobal> }).Office;
  return office && typeof office.onReady === "function" ? (office as OfficeGlobal) : undefined;
}

function classify(host: unknown, office: OfficeGlobal): OfficeLoad {
  const excel = office.HostType?.Excel ?? "Excel";
  if (host === excel || host === "Excel") {
    return { host: "excel", reason: "ready", message: officeMessages.ready() };
  }
  if (host === null || host === undefined || host === "") {
    return { host: "outside-office", reason: "no-host", message: officeMessages.noHost() };
  }
  return {
    host: "outside-office",
    reason: "other-host",
    message: officeMessages.otherHost(String(host)),
  };
}

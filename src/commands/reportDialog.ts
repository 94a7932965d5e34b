import { CommandReport, reportUrl } from "./commandReport";

/**
 * Shows a command's report in an Office dialog (DialogApi 1.1: Excel 2016 and later, Excel on the web).
 * Resolves when the person closes it — with the page's "Đóng / Close" button (a message to the parent)
 * or with the dialog's own ✕ — or at once when the dialog cannot open (another one is open, no
 * DialogApi): a command must never wait forever.
 */

/** The slice of Office.context.ui this uses (so tests can stand in for Office). */
export interface DialogUi {
  displayDialogAsync(
    url: string,
    options: Office.DialogOptions,
    callback: (result: Office.AsyncResult<Office.Dialog>) => void
  ): void;
}

/** What report.html sends to close itself. */
export const CLOSE_MESSAGE = "close";

export function showReportDialog(
  report: CommandReport,
  ui: DialogUi | undefined,
  base: string
): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!ui || typeof ui.displayDialogAsync !== "function") {
      resolve();
      return;
    }
    try {
      ui.displayDialogAsync(
        reportUrl(report, base),
        { height: 40, width: 30, displayInIframe: true },
        (result) => {
          // Office.AsyncResultStatus.Succeeded is "succeeded"; the string keeps this testable without Office.
          if (String(result.status) !== "succeeded" || !result.value) {
            resolve();
            return;
          }
          const dialog = result.value;
          dialog.addEventHandler("dialogMessageReceived" as unknown as Office.EventType, () => {
            try {
              dialog.close();
            } finally {
              resolve();
            }
          });
          // The ✕ (12006) or a page that failed to load (12002/12003): the dialog is gone either way.
          dialog.addEventHandler("dialogEventReceived" as unknown as Office.EventType, () =>
            resolve()
          );
        }
      );
    } catch {
      resolve();
    }
  });
}

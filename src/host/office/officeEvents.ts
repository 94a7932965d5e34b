import { METADATA_SHEET } from "../../domain";
import type { HostCapabilities, SheetEdit } from "../annexHost";
import { ChangeSource, EditWatcher } from "./editWatcher";
import { fromExcel, runOn } from "./officeErrors";
import type { OfficeRuntime } from "./officeRuntime";

/**
 * A person's edits, from Excel's change events (Worksheet.onChanged, ExcelApi 1.7), debounced by the
 * EditWatcher, which also drops our own writes. Subscribing is 2 syncs (the sheets; the handlers);
 * unsubscribing 1.
 */
export async function watchEdits(
  runtime: OfficeRuntime,
  caps: HostCapabilities,
  watcher: EditWatcher,
  handler: (edit: SheetEdit) => void
): Promise<() => Promise<void>> {
  const withSource = caps.changeSource;
  const sourceOf = (event: Excel.WorksheetChangedEventArgs): ChangeSource =>
    !withSource
      ? "unknown"
      : event.triggerSource === ("ThisLocalAddin" as Excel.EventTriggerSource)
        ? "this-addin"
        : "other";
  const handles = await runOn(runtime, "", async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    await context.sync();
    const names = new Map(sheets.items.map((s) => [s.id, s.name]));
    const results = sheets.items
      .filter((s) => s.name !== METADATA_SHEET)
      .map((s) =>
        s.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
          watcher.report(names.get(event.worksheetId) ?? s.name, event.address, sourceOf(event));
        })
      );
    await context.sync();
    return results;
  });
  watcher.listen(handler);
  return async () => {
    watcher.listen(undefined);
    if (!handles.length) return;
    // The handlers were added in one batch: they share its context and go in one sync.
    for (const h of handles) h.remove();
    try {
      await handles[0].context.sync();
    } catch (e) {
      throw fromExcel(e, "");
    }
  };
}

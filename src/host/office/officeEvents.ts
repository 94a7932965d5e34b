import { METADATA_SHEET } from "../../domain";
import type { HostCapabilities, SheetEdit } from "../annexHost";
import { ChangeSource, EditWatcher } from "./editWatcher";
import { fromExcel, runOn } from "./officeErrors";
import { PROBE_SHEET } from "./officeDiagnostics";
import type { OfficeRuntime } from "./officeRuntime";

/** Our own sheets: the metadata and the diagnostic's scratch sheet are never a person's edits. */
const ours = (name: string) => name === METADATA_SHEET || name === PROBE_SHEET;

/**
 * A person's edits, from Excel's change events, debounced by the EditWatcher, which also drops our
 * own writes. Sheets added after subscribing are watched too: with ExcelApi 1.9 through the sheet
 * collection's onChanged (every sheet, present and future); before, each sheet's onChanged (1.7) and
 * the collection's onAdded (1.7) subscribing each new sheet as it comes. Subscribing is 2 syncs (the
 * sheets; the handlers); unsubscribing 1 per batch that added handlers.
 */

/** WorksheetCollection.onChanged. */
export const COLLECTION_EVENTS_SET = "1.9";

export async function watchEdits(
  runtime: OfficeRuntime,
  caps: HostCapabilities,
  collectionEvents: boolean,
  watcher: EditWatcher,
  handler: (edit: SheetEdit) => void
): Promise<() => Promise<void>> {
  const sourceOf = (event: Excel.WorksheetChangedEventArgs): ChangeSource =>
    !caps.changeSource
      ? "unknown"
      : event.triggerSource === ("ThisLocalAddin" as Excel.EventTriggerSource)
        ? "this-addin"
        : "other";
  const names = new Map<string, string>();
  const report = (name: string | undefined, event: Excel.WorksheetChangedEventArgs) => {
    if (name && !ours(name)) watcher.report(name, event.address, sourceOf(event));
  };
  /** A sheet's name by id, asked of Excel when it came after we looked (1 sync). */
  const nameOf = async (id: string): Promise<string | undefined> => {
    const known = names.get(id);
    if (known) return known;
    try {
      return await runtime.run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(id).load("name");
        await context.sync();
        if (ws.isNullObject) return undefined;
        names.set(id, ws.name);
        return ws.name;
      });
    } catch {
      return undefined;
    }
  };
  const handles: OfficeExtension.EventHandlerResult<
    Excel.WorksheetChangedEventArgs | Excel.WorksheetAddedEventArgs
  >[] = [];

  const onChanged = (fallback?: string) => async (event: Excel.WorksheetChangedEventArgs) =>
    report(names.get(event.worksheetId) ?? fallback ?? (await nameOf(event.worksheetId)), event);

  /** Before 1.9: a sheet added after subscribing gets its own handler (2 syncs). */
  const onAdded = async (event: Excel.WorksheetAddedEventArgs) => {
    try {
      const added = await runtime.run(async (context) => {
        // Office.js needs the id loaded to route the new handler's events.
        const ws = context.workbook.worksheets.getItem(event.worksheetId).load("name,id");
        await context.sync();
        names.set(event.worksheetId, ws.name);
        if (ours(ws.name)) return undefined;
        const h = ws.onChanged.add(onChanged(ws.name));
        await context.sync();
        return h;
      });
      if (added) handles.push(added);
    } catch {
      // Deleted again at once, or Excel refuses: nothing to watch.
    }
  };

  await runOn(runtime, "", async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    await context.sync();
    for (const s of sheets.items) names.set(s.id, s.name);
    if (collectionEvents) handles.push(sheets.onChanged.add(onChanged()));
    else {
      for (const s of sheets.items)
        if (!ours(s.name)) handles.push(s.onChanged.add(onChanged(s.name)));
      handles.push(sheets.onAdded.add(onAdded));
    }
    await context.sync();
  });
  watcher.listen(handler);
  return async () => {
    watcher.listen(undefined);
    // Handlers added in one batch share its context and go in one sync.
    const contexts = new Set<Excel.RequestContext>();
    for (const h of handles.splice(0)) {
      h.remove();
      contexts.add(h.context as Excel.RequestContext);
    }
    try {
      for (const context of contexts)
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch that added handlers
        await context.sync();
    } catch (e) {
      throw fromExcel(e, "");
    }
  };
}

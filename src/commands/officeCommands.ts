import { attempt, failure, Outcome, success } from "../app/problems";
import { loadOffice } from "../office/loadOffice";
import {
  checkCommand,
  CommandDeps,
  CompletableEvent,
  CommandSession,
  fillCommand,
  ribbonHandler,
} from "./ribbonCommands";
import { showReportDialog } from "./reportDialog";
import { openOfficeSession } from "./officeSession";

/**
 * The functions of commands.html, the manifest's FunctionFile: the ribbon's "Kiểm tra" (checkActiveSheet) and "Tính cột"
 * (fillDerivedColumns). Each runs without opening the pane and reports in a small Office dialog
 * (report.html). Opening the pane from a command (Office.addin.showAsTaskpane) needs the shared
 * runtime, which Excel 2019 (ExcelApi 1.7) does not have; the dialog works from Excel 2016 on.
 */

let session: Promise<Outcome<CommandSession>> | undefined;

const deps: CommandDeps = {
  session: () => {
    if (!session) {
      session = attempt(async () => {
        const office = await loadOffice();
        if (office.host !== "excel")
          return failure<CommandSession>("office-unavailable", office.message);
        return success<CommandSession>(await openOfficeSession());
      });
      // A failed start is tried again on the next click.
      void session.then((outcome) => {
        if (!outcome.ok) session = undefined;
      });
    }
    return session;
  },
  show: async (report) => {
    const ui = typeof Office !== "undefined" ? Office.context?.ui : undefined;
    await showReportDialog(report, ui, window.location.href);
  },
};

export const checkActiveSheet = ribbonHandler(checkCommand, deps);
export const fillDerivedColumns = ribbonHandler(fillCommand, deps);

/** Where commands.html's ES5 guard keeps clicks that came before this bundle, and finds it after. */
export const PENDING_COMMANDS = "__annexPendingCommands";
export const REGISTERED_COMMANDS = "__annexCommands";

/** The names the manifest's <FunctionName> elements use. */
export const FUNCTIONS = { checkActiveSheet, fillDerivedColumns } as const;

/**
 * Makes the functions findable by Office: at once as globals (older Office looks a command's function up
 * by its global name, and a click may come before Office.js answers), then with Office.actions.associate
 * once Office.js is ready (newer Office asks Office.actions).
 */
export function registerCommands(view: Window = window): void {
  const global = view as unknown as Record<string, unknown>;
  for (const [name, handler] of Object.entries(FUNCTIONS)) global[name] = handler;
  // Clicks commands.html's guard kept while this bundle was on its way: run them now.
  global[REGISTERED_COMMANDS] = FUNCTIONS;
  const pending = global[PENDING_COMMANDS];
  if (Array.isArray(pending))
    for (const [name, event] of pending.splice(0) as Array<[string, CompletableEvent]>) {
      const handler = (FUNCTIONS as Record<string, (e: CompletableEvent) => Promise<void>>)[name];
      if (handler) void handler(event);
    }
  void loadOffice().then((office) => {
    if (office.host !== "excel") return;
    for (const [name, handler] of Object.entries(FUNCTIONS)) {
      try {
        Office.actions?.associate(name, handler);
      } catch {
        // No Office.actions in this Office: the global name is enough there.
      }
    }
  });
}

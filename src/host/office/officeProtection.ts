import { errorCode, failedStatement } from "./officeErrors";
import type { OfficeRuntime } from "./officeRuntime";

/**
 * Sheet protection for the Office host: the options `annex new` protects with, what a sheet was read
 * as (so a write can lift protection without a password and put it back exactly), and how Excel says
 * a password stopped us.
 */

/** What a sheet is read as: protection state the host keeps to put it back after writing. */
export interface ProtectionState {
  readonly protected: boolean;
  readonly options: Excel.WorksheetProtectionOptions;
}

/** The options `annex new` protects the sheet with (src/adapters/xlsx/createAnnex.ts). */
export const ANNEX_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowInsertRows: true,
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowPivotTables: false,
  allowSort: false,
};

/**
 * Queues the load of a sheet's protection. ExcelApi cannot tell a password before trying (the
 * office.js we ship has no isPasswordProtected): a write finds out and says so.
 */
export function loadGuard(ws: Excel.Worksheet): Excel.WorksheetProtection {
  return ws.protection.load("protected,options");
}

export function stateOf(guard: Excel.WorksheetProtection): ProtectionState {
  return { protected: guard.protected, options: guard.options };
}

/** The protection each sheet was last seen with, by name. */
export type ProtectionMemory = Map<string, ProtectionState>;

/** The sheet's protection as remembered, or as it is now (1 sync), remembered from then on. */
export async function protectionOf(
  runtime: OfficeRuntime,
  memory: ProtectionMemory,
  sheet: string
): Promise<ProtectionState> {
  const known = memory.get(sheet);
  if (known) return known;
  return runtime.run(async (context) => {
    const guard = loadGuard(context.workbook.worksheets.getItem(sheet));
    await context.sync();
    const state = stateOf(guard);
    memory.set(sheet, state);
    return state;
  });
}

/**
 * The codes Excel answers a wrong or missing password with: BadPassword, or (Excel versions differ)
 * InvalidArgument, AccessDenied or InvalidOperation.
 */
export const PASSWORD_CODES: ReadonlySet<string> = new Set([
  "BadPassword",
  "InvalidArgument",
  "AccessDenied",
  "InvalidOperation",
]);

/** A refused unprotect: the sheet has a password. */
export function unprotectRefused(e: unknown): boolean {
  const code = errorCode(e);
  return code === "BadPassword" || (!!code && /unprotect/i.test(failedStatement(e)));
}

/**
 * After a batch failed between its unprotect and its protect: the sheet protected as it was (1 sync;
 * Excel refuses to protect a sheet that already is, which is then as it should be).
 */
export async function protectAgain(
  runtime: OfficeRuntime,
  sheet: string,
  options: Excel.WorksheetProtectionOptions
): Promise<void> {
  try {
    await runtime.run(async (context) => {
      context.workbook.worksheets.getItem(sheet).protection.protect(options);
      await context.sync();
    });
  } catch {
    // Protected already, the sheet is gone, or Excel refuses: the first failure is the one to report.
  }
}

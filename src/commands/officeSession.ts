import { AnnexSession } from "../app/annexSession";
import { pageTemplateStore } from "../app/customTemplates";
import { OfficeHost } from "../host/office/officeHost";
import { officeRuntime } from "../host/office/officeRuntime";
import type { CommandSession } from "./ribbonCommands";

/**
 * The session the ribbon commands run on: the Office.js host on the open workbook, with the built-in
 * templates and the department's own ones the pane stored (a sheet made from one is checked by it, not
 * called an unknown template). Called once Office.js is ready; throws HostError "office-unavailable"
 * when Excel is not there (the handler reports it).
 */
export async function openOfficeSession(): Promise<CommandSession> {
  return new AnnexSession(new OfficeHost(officeRuntime()), { store: pageTemplateStore() });
}

import type { AnnexHost } from "../host/annexHost";
import { OfficeHost } from "../host/office/officeHost";
import { officeRuntime } from "../host/office/officeRuntime";

/** The workbook open in Excel, through Office.js (call once Office.onReady has answered). */
export function openOfficeHost(): AnnexHost {
  return new OfficeHost(officeRuntime());
}

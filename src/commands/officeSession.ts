import { HostError } from "../host/annexHost";
import type { CommandSession } from "./ribbonCommands";

/**
 * The session the ribbon commands run on: the Office.js host on the open workbook.
 * TEMPORARY until src/host/office/ lands: it reports that the Excel connection is missing.
 */
export async function openOfficeSession(): Promise<CommandSession> {
  throw new HostError("office-unavailable", {
    vi: "Bản add-in này chưa có phần kết nối với Excel; hãy dùng ngăn Biểu chỉ tiêu.",
    en: "This build of the add-in lacks its Excel connection; use the Indicator Annex pane.",
  });
}

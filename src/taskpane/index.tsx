import { createRoot } from "react-dom/client";
import { langOf } from "../app/language";
import { problemOf } from "../app/problems";
import { loadOffice } from "../office/loadOffice";
import { openOfficeHost } from "./openOfficeHost";
import { Connecting, OutsideExcel } from "./OutsideExcel";
import { TaskPane } from "./TaskPane";

/**
 * The task pane's page: load Office.js; inside Excel, the pane on the open workbook, in Office's
 * display language; anywhere else, a message that says why and points to the preview.
 */
async function start(): Promise<void> {
  const root = createRoot(document.getElementById("root") as HTMLElement);
  root.render(<Connecting />);
  const office = await loadOffice();
  if (office.host !== "excel") {
    root.render(<OutsideExcel message={office.message} />);
    return;
  }
  const lang = langOf(Office.context.displayLanguage);
  document.documentElement.lang = lang === "vi" ? "vi" : "en";
  try {
    root.render(<TaskPane host={openOfficeHost()} lang={lang} />);
  } catch (e) {
    const outcome = problemOf<never>(e);
    if (!outcome.ok) root.render(<OutsideExcel message={outcome.problem.message} lang={lang} />);
  }
}

void start();

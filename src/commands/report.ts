import type { Bilingual } from "../domain";
import { loadOffice } from "../office/loadOffice";
import { CommandReport, reportFromUrl } from "./commandReport";
import { CLOSE_MESSAGE } from "./reportDialog";

/**
 * report.html: the dialog a ribbon command opens. Shows the report from its URL, Vietnamese first and
 * English below, as text (never as HTML). The "Đóng / Close" button asks the command to close the
 * dialog; it appears only once Office.js is there to carry the message (the ✕ always works).
 */
export function renderReport(doc: Document, report: CommandReport): void {
  const title = doc.getElementById("title");
  const list = doc.getElementById("lines");
  if (title) {
    title.textContent = "";
    title.className = report.tone;
    appendBilingual(doc, title, report.title);
  }
  if (list) {
    list.textContent = "";
    for (const line of report.lines) {
      const item = doc.createElement("li");
      appendBilingual(doc, item, line);
      list.append(item);
    }
  }
  doc.title = `${report.title.vi} — Biểu chỉ tiêu`;
}

/** The Vietnamese as text, then the English in its own span (shown smaller, below). */
function appendBilingual(doc: Document, into: HTMLElement, text: Bilingual): void {
  into.append(text.vi);
  const en = doc.createElement("span");
  en.className = "en";
  en.textContent = text.en;
  into.append(en);
}

async function main(): Promise<void> {
  renderReport(document, reportFromUrl(window.location.href));
  const office = await loadOffice();
  const button = document.getElementById("close");
  if (office.host !== "excel" || !button) return;
  button.hidden = false;
  button.addEventListener("click", () => Office.context.ui.messageParent(CLOSE_MESSAGE));
}

if (typeof window !== "undefined" && document.getElementById("lines")) void main();

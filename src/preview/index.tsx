import ExcelJS from "exceljs";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Lang } from "../app/language";
import { BrowserWorkbookHost } from "../host/browser/browserWorkbookHost";
import { LANG_SON_SAMPLE, openSample } from "../host/browser/sampleWorkbook";
import { TaskPane } from "../taskpane/TaskPane";
import { PreviewApp } from "./PreviewApp";

/**
 * npm run preview: the task pane beside an in-browser workbook, without Excel. Opens on the Lạng Sơn
 * sample: Biểu 01 for 2023 (the first sheet, active) and beside it, as a second sheet tab, the same
 * figures as Biểu 01 for 2027 of today's structure (Sở Nội vụ's blocks, the sender of 2025; issue #21),
 * so an officer sees both without knowing a parameter. The address may say ?lang=en (the pane in
 * English), ?pane=350 (its width, 320–350 px) and ?sample=none (a blank workbook instead of the
 * sample). ?sample=2027, which once added the 2027 sheet, still works: it is the default now.
 */
async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const lang: Lang = params.get("lang") === "en" ? "en" : "vi";
  const asked = Number(params.get("pane"));
  const paneWidth = Number.isFinite(asked) && asked > 0 ? Math.min(350, Math.max(320, asked)) : 320;

  // ?sample=none: a new workbook with one empty sheet, as Excel opens a blank one.
  const blank = params.get("sample") === "none";
  const workbook = new ExcelJS.Workbook();
  if (blank) workbook.addWorksheet("Trang tính1");
  const host = new BrowserWorkbookHost(workbook);
  if (!blank) {
    const first = await openSample(host, LANG_SON_SAMPLE, { calculated: true });
    await openSample(
      host,
      { ...LANG_SON_SAMPLE, year: 2027, unitName: undefined },
      { calculated: true, department: "so-noi-vu" }
    );
    // Inserting a sheet activates it; the 2023 annex is the one the page opens on.
    host.activate(first);
  }
  const root = createRoot(document.getElementById("root") as HTMLElement);
  root.render(
    <FluentProvider theme={webLightTheme} className="provider">
      <PreviewApp
        host={host}
        pane={<TaskPane host={host} lang={lang} />}
        paneWidth={paneWidth}
        fileName={blank ? "so-tinh-moi.xlsx" : "bieu-01-lang-son-2023.xlsx"}
      />
    </FluentProvider>
  );
}

start().catch((e: unknown) => {
  const root = document.getElementById("root");
  if (root) {
    root.textContent = `Không mở được trang xem trước. / The preview could not start. (${
      e instanceof Error ? e.message : String(e)
    })`;
  }
  throw e;
});

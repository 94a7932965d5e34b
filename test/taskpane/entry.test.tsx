/** @jest-environment jsdom */
import { screen } from "@testing-library/react";
import type { OfficeLoad } from "../../src/office/loadOffice";
import { MemoryHost } from "../helpers/memoryHost";
import { installBrowserStubs, langSonHost } from "./paneTestKit";

/**
 * The pane's page (src/taskpane/index.tsx): Office.js decides what it shows. loadOffice and the
 * Office host are replaced here; their own tests belong to their authors.
 */
let answer: OfficeLoad;
let host: MemoryHost;
jest.mock("../../src/office/loadOffice", () => ({ loadOffice: () => Promise.resolve(answer) }));
jest.mock("../../src/taskpane/openOfficeHost", () => ({ openOfficeHost: () => host }));

/** Loads the page's script as the browser would: it owns its React root, outside any act(). */
async function startPage(): Promise<void> {
  document.body.innerHTML = '<div id="root"></div>';
  installBrowserStubs();
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  // A fresh copy of the page's modules each time (its screens load later from the same registry).
  jest.resetModules();
  require("../../src/taskpane/index");
  await new Promise((r) => setTimeout(r, 50));
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe("the task pane's page", () => {
  it("outside Office: says why in both languages and points to the preview", async () => {
    answer = {
      host: "outside-office",
      reason: "no-host",
      message: { vi: "Trang này đang mở ngoài Excel.", en: "This page is open outside Excel." },
    };
    await startPage();
    expect(await screen.findByText("Trang này đang mở ngoài Excel.")).toBeTruthy();
    expect(screen.getByText("This page is open outside Excel.")).toBeTruthy();
    const hints = screen.getAllByText(/npm run preview/).map((e) => e.textContent);
    expect(hints).toEqual([
      expect.stringMatching(/^Để thử add-in/),
      expect.stringMatching(/^To try/),
    ]);
    expect(screen.queryByRole("tablist")).toBeNull();
  });

  it("offline (Office.js could not load): says so, never a blank pane", async () => {
    answer = {
      host: "offline",
      reason: "script-error",
      message: { vi: "Không tải được Office.js.", en: "Could not load Office.js." },
    };
    await startPage();
    expect(await screen.findByText("Không tải được Office.js.")).toBeTruthy();
  });

  it("inside Excel: the pane on the workbook, in Office's display language", async () => {
    answer = { host: "excel", reason: "ready", message: { vi: "Đã kết nối.", en: "Connected." } };
    host = langSonHost();
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: "en-US" } };
    await startPage();
    expect(await screen.findByRole("tab", { name: "Check" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Check the active sheet" })).toBeTruthy();

    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: "vi-VN" } };
    await startPage();
    expect(await screen.findByRole("tab", { name: "Kiểm tra" })).toBeTruthy();
  });
});

/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from "@testing-library/react";
import { createDOMRenderer, RendererProvider } from "@fluentui/react-components";
import { TaskPane } from "../../src/taskpane/TaskPane";
import { OfficeHost } from "../../src/host/office/officeHost";
import { supportsUpTo } from "../../src/host/office/officeRuntime";
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "util";
import type { OfficeJsTestBackend } from "../host/fixtures/excelBackend/server";
import { installBrowserStubs, langSonHost } from "./paneTestKit";

/**
 * "Kiểm tra môi trường / Diagnostics" in the pane: the Office host on the real office.js client
 * answers it (the test backend); the pane shows each line in its language and the report to copy. The
 * preview's in-browser workbook has no Excel to probe, so the pane offers no such button there.
 */

const noCss = createDOMRenderer(document, { unstable_filterCSSRule: () => false });

function officeHost(): { backend: OfficeJsTestBackend; host: OfficeHost } {
  // The test backend runs office.js in a jsdom of its own, which needs what jest's jsdom lacks.
  globalThis.TextEncoder ??= NodeTextEncoder as unknown as typeof TextEncoder;
  globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;
  const { OfficeJsTestBackend: Backend } = require("../host/fixtures/excelBackend/server") as {
    OfficeJsTestBackend: new () => OfficeJsTestBackend;
  };
  const backend = new Backend();
  backend.workbook.addSheet("Sheet1");
  const host = new OfficeHost({
    run: backend.run,
    isSetSupported: supportsUpTo("1.9"),
    environment: () => ({ build: "16.0.14332.20145", platform: "PC", language: "vi-VN" }),
  });
  return { backend, host };
}

test("in Excel: the report line by line, Vietnamese in a Vietnamese pane, the whole to copy; the workbook untouched", async () => {
  installBrowserStubs();
  const { backend, host } = officeHost();
  const written: string[] = [];
  Object.defineProperty(navigator, "clipboard", {
    configurable: true,
    value: { writeText: (text: string) => Promise.resolve(void written.push(text)) },
  });
  render(
    <RendererProvider renderer={noCss}>
      <TaskPane host={host} lang="vi" initialTab="templates" />
    </RendererProvider>
  );
  fireEvent.click(await screen.findByRole("button", { name: "Kiểm tra môi trường" }));
  const section = screen.getByRole("region", { name: "Kiểm tra môi trường" });
  expect(
    await within(section).findByText("Excel: bản 16.0.14332.20145, PC; ngôn ngữ vi-VN")
  ).toBeTruthy();
  within(section).getByText("ExcelApi: 1.1–1.9");
  within(section).getByText("Gọi hàm trên đối tượng null: trả về đối tượng null");
  within(section).getByText('Công thức hiện "": được tính là ô đã dùng');
  within(section).getByText("Vừa một trang ngang (verticalFitToPages: 0): Excel nhận");
  const report = within(section).getByRole("textbox", { name: "Báo cáo môi trường" });
  expect((report as HTMLTextAreaElement).value).toContain(
    "Calls on a null object: give another null object"
  );
  fireEvent.click(within(section).getByRole("button", { name: "Sao chép" }));
  expect(await within(section).findByRole("button", { name: "Đã sao chép" })).toBeTruthy();
  expect(written).toEqual([(report as HTMLTextAreaElement).value]);
  expect(backend.workbook.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
}, 30_000);

test("in the preview (no Excel): no diagnostics button", async () => {
  installBrowserStubs();
  render(
    <RendererProvider renderer={noCss}>
      <TaskPane host={langSonHost()} lang="vi" initialTab="templates" />
    </RendererProvider>
  );
  await screen.findByRole("tablist");
  expect(screen.queryByRole("button", { name: "Kiểm tra môi trường" })).toBeNull();
});

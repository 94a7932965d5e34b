/** @jest-environment jsdom */
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryHost } from "../helpers/memoryHost";
import { addressOf, langSonHost, renderPane, SHEET, slowReads } from "./paneTestKit";

const checkButton = () => screen.getByRole("button", { name: "Kiểm tra trang tính đang mở" });

describe("Kiểm tra (check) screen", () => {
  it("empty: explains what it checks and offers the check, with no results yet", async () => {
    await renderPane(langSonHost());
    expect(screen.getByRole("tab", { name: "Kiểm tra" }).getAttribute("aria-selected")).toBe(
      "true"
    );
    expect(checkButton()).toHaveProperty("disabled", false);
    expect(screen.getByText(/Kiểm tra từng ô của biểu/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Tô màu tất cả" })).toBeNull();
  });

  it("working: shows progress only once the check lasts longer than 300 ms", async () => {
    const user = userEvent.setup({ delay: null });
    await renderPane(slowReads(langSonHost(), 1500));
    await user.click(checkButton());
    expect(checkButton()).toHaveProperty("disabled", true);
    expect(screen.queryByText("Đang kiểm tra…")).toBeNull();
    expect(await screen.findByText("Đang kiểm tra…")).toBeTruthy();
    expect(await screen.findByText(/Biểu số 01 năm 2023/, {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.queryByText("Đang kiểm tra…")).toBeNull();
  });

  it("results: counts, groups by severity and section, indicator names, and a click selects the cells", async () => {
    const user = userEvent.setup({ delay: null });
    const host = langSonHost();
    await renderPane(host);
    await user.click(checkButton());
    const summary = await screen.findByText(
      /Biểu số 01 năm 2023, trang tính "Biểu 01 - 2023": \d+ lỗi, \d+ cảnh báo, \d+ lưu ý\./
    );
    expect(summary).toBeTruthy();

    const warnings = screen.getByRole("region", { name: /^Cảnh báo: \d+$/ });
    // the "8.977" pasted from the Word report, with the indicator's name from the template and the reason
    const textFinding = within(warnings)
      .getAllByRole("listitem")
      .find((li) => li.textContent?.includes("dạng văn bản")) as HTMLElement;
    expect(textFinding).toBeDefined();
    expect(textFinding.textContent).toMatch(/Vì sao:/);
    expect(textFinding.textContent).toMatch(/Cần: /);
    // section headings carry the template's section names
    expect(within(warnings).getAllByRole("heading", { level: 4 }).length).toBeGreaterThan(0);

    const go = within(textFinding).getByRole("button", { name: /^Chọn ô trong Excel: / });
    await user.click(go);
    await waitFor(() => expect(host.selection?.sheet).toBe(SHEET));
    const [first] = host.selection?.cells ?? [];
    expect(go.textContent).toContain(`Ô ${first} · `);
    // the indicator is named, not only coded
    expect(go.textContent).toMatch(/· [\d.]+\. \S+/);
  });

  it("highlights all findings and clears them", async () => {
    const user = userEvent.setup({ delay: null });
    const host = langSonHost();
    await renderPane(host);
    await user.click(checkButton());
    await user.click(await screen.findByRole("button", { name: "Tô màu tất cả" }));
    expect(await screen.findByText(/Đã tô màu \d+ ô/)).toBeTruthy();
    expect(host.highlights.get(SHEET)?.length).toBeGreaterThan(0);
    await user.click(screen.getByRole("button", { name: "Bỏ tô màu" }));
    expect(await screen.findByText(/Đã bỏ tô màu/)).toBeTruthy();
    expect(host.highlights.has(SHEET)).toBe(false);
  });

  it("converts only the numbers stored as text the user ticks", async () => {
    const user = userEvent.setup({ delay: null });
    const host = langSonHost();
    await renderPane(host);
    await user.click(checkButton());
    const convert = await screen.findByRole("button", { name: "Chuyển thành số (0)" });
    expect(convert).toHaveProperty("disabled", true);
    const [box] = screen.getAllByRole("checkbox", { name: /Chọn để chuyển thành số/ });
    const label = (box as HTMLInputElement).labels?.[0]?.textContent ?? "";
    const address = /\(([A-Z]+\d+)\)/.exec(label)?.[1];
    expect(address).toBeDefined();
    expect(typeof host.cell(SHEET, address as string)?.value).toBe("string");
    await user.click(box);
    await user.click(screen.getByRole("button", { name: "Chuyển thành số (1)" }));
    expect(await screen.findByText("Đã chuyển 1 ô từ dạng văn bản sang số.")).toBeTruthy();
    expect(typeof host.cell(SHEET, address as string)?.value).toBe("number");

    // undo, from the same message
    await user.click(screen.getByRole("button", { name: "Hoàn tác: Chuyển số (1 ô)" }));
    expect(await screen.findByText(/Đã hoàn tác "Chuyển số \(1 ô\)"/)).toBeTruthy();
    expect(typeof host.cell(SHEET, address as string)?.value).toBe("string");
  });

  it("says results are stale while the person types, then shows the new check", async () => {
    const user = userEvent.setup({ delay: null });
    const host = langSonHost();
    await renderPane(host);
    await user.click(checkButton());
    await screen.findByText(/Biểu số 01 năm 2023/);
    const cell = addressOf("1", "actualPrev");
    act(() => host.type(SHEET, { [cell]: "chưa có" }));
    expect(screen.getByText(/kết quả dưới đây đã cũ/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/kết quả dưới đây đã cũ/)).toBeNull(), {
      timeout: 3000,
    });
    const errors = screen.getByRole("region", { name: /^Lỗi: \d+$/ });
    expect(within(errors).getByRole("button", { name: new RegExp(`: ${cell}`) })).toBeTruthy();
  });

  it("errors: an edit that leaves no annex on the sheet is reported, not hidden", async () => {
    const user = userEvent.setup({ delay: null });
    const host = langSonHost();
    await renderPane(host);
    await user.click(checkButton());
    await screen.findByText(/Biểu số 01 năm 2023/);
    // the person clears the header row: the sheet no longer reads as an annex
    const header = Object.fromEntries(
      Array.from({ length: 13 }, (_, c) => [`${String.fromCharCode(65 + c)}7`, ""])
    );
    const before = Object.fromEntries(
      [...Object.keys(header), "A9", "B9"].map((a) => [a, host.cell(SHEET, a)?.value ?? ""])
    );
    act(() => host.type(SHEET, { ...header, A9: "", B9: "" }));
    expect(
      await screen.findByText(/không có biểu chỉ tiêu nào được nhận biết/, {}, { timeout: 3000 })
    ).toBeTruthy();
    expect(screen.queryByText(/Biểu số 01 năm 2023, trang/)).toBeNull();
    // typing the header back brings the results back, without pressing Kiểm tra
    act(() => host.type(SHEET, before));
    expect(
      await screen.findByText(/Biểu số 01 năm 2023, trang/, {}, { timeout: 3000 })
    ).toBeTruthy();
    expect(screen.queryByText(/không có biểu chỉ tiêu nào được nhận biết/)).toBeNull();
  });

  it("errors: a sheet that is not an annex says what to do", async () => {
    const user = userEvent.setup({ delay: null });
    await renderPane(new MemoryHost().addSheet("Ghi chú", [["Danh sách cán bộ"]]));
    await user.click(checkButton());
    expect(await screen.findByText(/không có biểu chỉ tiêu nào được nhận biết/)).toBeTruthy();
    expect(screen.getByText(/chèn biểu mới ở thẻ "Mẫu biểu"/)).toBeTruthy();
  });

  it("errors: Office.js missing and an older Excel are reported in words", async () => {
    const user = userEvent.setup({ delay: null });
    const host = langSonHost();
    host.failNext("readSheet", "office-unavailable", {
      vi: "Không kết nối được với Excel.",
      en: "Excel is not available.",
    });
    await renderPane(host);
    await user.click(checkButton());
    expect(await screen.findByText("Không kết nối được với Excel.")).toBeTruthy();
    host.failNext("highlight", "not-supported", {
      vi: "Excel này chưa hỗ trợ định dạng có điều kiện (ExcelApi 1.6).",
      en: "This Excel lacks conditional formats (ExcelApi 1.6).",
    });
    await user.click(checkButton());
    await user.click(await screen.findByRole("button", { name: "Tô màu tất cả" }));
    expect(await screen.findByText(/chưa hỗ trợ định dạng có điều kiện/)).toBeTruthy();
  });

  it("errors: a password-protected sheet can be checked and says it cannot be written", async () => {
    const user = userEvent.setup({ delay: null });
    const host = langSonHost().protect(SHEET, "password");
    await renderPane(host);
    await user.click(checkButton());
    expect(await screen.findByText(/được bảo vệ bằng mật khẩu: vẫn kiểm tra được/)).toBeTruthy();
  });

  // Tab order itself is Fluent's (Tabster), which needs a browser's layout: the end-to-end test runs it.
  it("keyboard and screen readers: every control is a named native control, Enter runs it", async () => {
    const user = userEvent.setup({ delay: null });
    const host = langSonHost();
    await renderPane(host);
    checkButton().focus();
    await user.keyboard("{Enter}");
    await screen.findByText(/Biểu số 01 năm 2023, trang/);
    const panel = screen.getByRole("tabpanel", { name: "Kiểm tra" });
    // A file input is not shown: its named button opens it (Tệp chỉ tiêu), as in Mẫu biểu.
    const controls = panel.querySelectorAll(
      "button, input:not([type=file]), select, [role=checkbox]"
    );
    expect(controls.length).toBeGreaterThan(5);
    for (const c of Array.from(controls)) {
      expect(["BUTTON", "INPUT", "SELECT"]).toContain(c.tagName);
      expect(c.getAttribute("tabindex")).not.toBe("-1");
      const named = screen.getAllByRole(c.tagName === "INPUT" ? "checkbox" : "button", {
        name: /\S/,
      });
      expect(named).toContain(c);
    }
    const first = within(panel).getAllByRole("button", { name: /^Chọn ô trong Excel: / })[0];
    first.focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(host.selection?.sheet).toBe(SHEET));
  });

  it("speaks English when Office's display language is not Vietnamese", async () => {
    const user = userEvent.setup({ delay: null });
    await renderPane(langSonHost(), { lang: "en" });
    expect(screen.getByRole("tab", { name: "Check" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Check the active sheet" }));
    expect(
      await screen.findByText(
        /Biểu số 01 for 2023, sheet "Biểu 01 - 2023": \d+ errors?, \d+ warnings?/
      )
    ).toBeTruthy();
  });
});

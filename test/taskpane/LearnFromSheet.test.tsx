/** @jest-environment jsdom */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryHost } from "../helpers/memoryHost";
import { THAI_BINH } from "../helpers/handMadeSheets";
import { renderPane } from "./paneTestKit";

/**
 * Issue #20, "Tạo mẫu từ trang tính đang mở" in Mẫu biểu: the learned rows with questions first, a
 * direction changed with a dropdown, saved, and the sheet checked with the new template at once.
 */
const rows = THAI_BINH.map((r) => r.map((v) => (v === null ? undefined : v)));

describe("Mẫu biểu: a template learned from the open sheet", () => {
  it("shows the learned rows, takes a change from a dropdown, saves and checks the sheet with it", async () => {
    const user = userEvent.setup({ delay: null });
    const host = new MemoryHost().addSheet("Quý I-2020", rows);
    await renderPane(host, { tab: "templates" });
    await user.click(await screen.findByRole("button", { name: "Tạo mẫu từ trang tính đang mở" }));
    const table = await screen.findByRole("table", { name: "Các chỉ tiêu học được" });
    const body = within(table).getAllByRole("row").slice(1);
    expect(body).toHaveLength(18);
    // Questions first: the first row asks something.
    expect(body[0].textContent).toContain("?");
    const direction = within(table).getByRole("combobox", {
      name: "Chiều 1 Kinh phí chi trả trợ cấp ưu đãi",
    }) as HTMLSelectElement;
    expect(direction.value).toBe("neutral");
    await user.selectOptions(direction, "up");
    // The proposed "gồm" of row 1 (the seed's slip) is dropped with its own dropdown: "trong đó" after all.
    const relation = within(table).getByRole("combobox", {
      name: /^Quan hệ 1 Kinh phí chi trả trợ cấp ưu đãi: = tổng /,
    }) as HTMLSelectElement;
    expect(relation.value).toBe("keep");
    await user.selectOptions(relation, "drop");
    await user.click(screen.getByRole("button", { name: "Lưu vào sổ tính và kiểm tra" }));
    const saved = await screen.findByText(/^Đã lưu mẫu vào sổ tính \(phiên bản 1\.0\.0\)/);
    // Checked with it at once: without the dropped sum, the slip is no longer an error.
    expect(saved.textContent).toContain('Kiểm tra trang tính "Quý I-2020" với mẫu này: 0 lỗi');
    // Kept in the workbook, not on this computer.
    expect(host.templates).toHaveLength(1);
    const kept = host.templates[0].template!;
    const money = kept.indicators.find((i) => i.name.vi === "Kinh phí chi trả trợ cấp ưu đãi")!;
    expect(money).toMatchObject({ direction: "up", relations: [] });
    expect(localStorage.getItem("bieu-chi-tieu.custom-templates")).toBeNull();
    // Kiểm tra shows that check without being asked again (the sheet is not read anew).
    const calls = host.calls.length;
    await user.click(screen.getByRole("tab", { name: /Kiểm tra/ }));
    expect((await screen.findByRole("status")).textContent).toMatch(/: 0 lỗi, /);
    expect(host.calls.slice(calls)).not.toContain("readSheet");
    await user.click(screen.getByRole("tab", { name: /Mẫu biểu/ }));

    // Saved twice: nothing written the second time, and said so.
    await user.click(screen.getByRole("button", { name: "Lưu vào sổ tính và kiểm tra" }));
    await screen.findByText(
      /^Mẫu này đã có trong sổ tính \(phiên bản 1\.0\.0\); không ghi gì thêm\./
    );
    expect(host.templateWrites).toBe(1);

    // Another change: asked before the kept template is replaced; replaced when the officer says so.
    await user.selectOptions(direction, "down");
    await user.click(screen.getByRole("button", { name: "Lưu vào sổ tính và kiểm tra" }));
    await screen.findByText(
      /^Sổ tính đã lưu mẫu của trang tính này, phiên bản 1\.0\.0 với nội dung khác\. Chưa ghi gì\./
    );
    expect(host.templateWrites).toBe(1);
    await user.click(screen.getByRole("button", { name: "Thay mẫu trong sổ tính" }));
    await screen.findByText(
      /^Đã thay mẫu phiên bản 1\.0\.0 trong sổ tính bằng phiên bản 1\.0\.1\./
    );
    expect(host.templates[0].template?.version).toBe("1.0.1");
  });

  it("keyboard and screen readers: every control of the learned table is a named native control", async () => {
    const user = userEvent.setup({ delay: null });
    const host = new MemoryHost().addSheet("Quý I-2020", rows);
    await renderPane(host, { tab: "templates" });
    screen.getByRole("button", { name: "Tạo mẫu từ trang tính đang mở" }).focus();
    await user.keyboard("{Enter}");
    const table = await screen.findByRole("table", { name: "Các chỉ tiêu học được" });
    const controls = Array.from(table.querySelectorAll("button, input, select"));
    // Two dropdowns a row (kind, direction), and one per proposed relation.
    expect(controls.length).toBeGreaterThan(36);
    for (const c of controls) {
      expect(c.tagName).toBe("SELECT");
      expect(c.getAttribute("tabindex")).not.toBe("-1");
      expect(c.getAttribute("aria-label")).toMatch(/^(Loại|Chiều|Quan hệ) \S/);
    }
    const save = screen.getByRole("button", { name: "Lưu vào sổ tính và kiểm tra" });
    save.focus();
    await user.keyboard("{Enter}");
    await screen.findByText(/^Đã lưu mẫu vào sổ tính/);
  });
});

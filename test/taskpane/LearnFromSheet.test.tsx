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
    await user.click(screen.getByRole("button", { name: "Lưu mẫu và kiểm tra" }));
    const saved = await screen.findByText(/^Đã lưu mẫu mau-/);
    expect(saved.textContent).toContain('Kiểm tra trang tính "Quý I-2020" với mẫu này: 1 lỗi');
  });
});

/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryHost } from "../helpers/memoryHost";
import { renderPane } from "./paneTestKit";

/** Mẫu biểu: a reporting form (Biểu 02) is made for the period chosen: quý I, 6 tháng, 9 tháng, cả năm. */
const templateSelect = () =>
  screen.getByRole("combobox", { name: "Mẫu biểu" }) as HTMLSelectElement;
const periodSelect = () =>
  screen.queryByRole("combobox", { name: "Kỳ báo cáo" }) as HTMLSelectElement | null;
const yearInput = () => screen.getByRole("textbox", { name: "Năm" }) as HTMLInputElement;

describe("Mẫu biểu: the reporting period", () => {
  it("is offered for Biểu 02 only, defaults to 6 tháng, and the sheet is made for the period picked", async () => {
    const host = new MemoryHost();
    const user = userEvent.setup({ delay: null });
    await renderPane(host, { tab: "templates" });
    await screen.findByRole("combobox", { name: "Mẫu biểu" });
    await user.clear(yearInput());
    await user.type(yearInput(), "2020");
    // Biểu 01 has fixed columns: no period to choose.
    await user.selectOptions(templateSelect(), "bieu-01-ke-hoach-nam");
    expect(periodSelect()).toBeNull();

    await user.selectOptions(templateSelect(), "bieu-02-bao-cao-6-thang");
    const select = await waitFor(() => {
      const s = periodSelect();
      if (!s) throw new Error("no period select");
      return s;
    });
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent)
    ).toEqual(["6 tháng", "quý I", "9 tháng", "cả năm"]);
    expect(select.value).toBe("6-thang");

    await user.selectOptions(select, "quy-1");
    await user.type(
      screen.getByRole("textbox", { name: "Cơ quan chủ quản" }),
      "UBND tỉnh Thái Bình"
    );
    await user.click(screen.getByRole("button", { name: "Chèn trang tính mới" }));
    expect(
      await screen.findByText(/Đã chèn Biểu số 02 quý I năm 2020 \(\d+ chỉ tiêu\)/)
    ).toBeTruthy();

    const [sheet] = await host.listSheets();
    const read = await host.readSheet(sheet.name);
    expect(read.snapshot.metadata?.period).toBe("quy-1");
    const texts = Object.values(host.dump(sheet.name)).map((c) => String(c.value));
    expect(texts).toEqual(expect.arrayContaining(["TH quý I năm 2019", "TH quý I năm 2020"]));
    expect(texts).not.toContain("TH 6 tháng năm 2020");
  });
});

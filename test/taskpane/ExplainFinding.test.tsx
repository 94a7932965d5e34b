/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryHost } from "../helpers/memoryHost";
import { addressOf, langSonHost, renderPane, SHEET } from "./paneTestKit";

/** The Lạng Sơn annex with 17.1's estimate twice last year's and no note: a change.large to explain. */
function withJump(): { host: MemoryHost; cell: string } {
  const host = langSonHost();
  const cell = addressOf("17.1", "estimateCur");
  host.type(SHEET, { [cell]: 999_999 });
  return { host, cell };
}

const checkButton = () => screen.getByRole("button", { name: "Kiểm tra trang tính đang mở" });

describe("Kiểm tra: giải trình (explaining a finding)", () => {
  it("the reason typed in the dialog is stored, and the finding moves to 'Đã giải trình', not counted", async () => {
    const user = userEvent.setup({ delay: null });
    const { host, cell } = withJump();
    await renderPane(host);
    await user.click(checkButton());
    const warnings = await screen.findByRole("region", { name: /^Cảnh báo: \d+$/ });
    const before = Number(/(\d+)$/.exec(warnings.getAttribute("aria-label") ?? "")?.[1]);
    const item = within(warnings)
      .getAllByRole("listitem")
      .find((li) => li.textContent?.includes(`Ô ${cell}`) && li.textContent.includes("thay đổi"));
    expect(item).toBeDefined();
    await user.click(within(item!).getByRole("button", { name: `Giải trình… Ô ${cell}` }));

    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain(`Giải trình phát hiện ở ô ${cell}`);
    const save = within(dialog).getByRole("button", { name: "Lưu giải trình" });
    expect(save).toHaveProperty("disabled", true);
    await user.type(within(dialog).getByRole("textbox"), "Năm 2022 bắt đầu chương trình mới");
    expect(save).toHaveProperty("disabled", false);
    await user.click(save);

    expect(await screen.findByText(new RegExp(`Đã lưu giải trình cho ô ${cell}`))).toBeTruthy();
    expect(host.explanationsOf(SHEET).map((e) => [e.cell, e.reason])).toEqual([
      [cell, "Năm 2022 bắt đầu chương trình mới"],
    ]);
    const explained = screen.getByRole("region", { name: "Đã giải trình (không tính): 1" });
    expect(explained.textContent).toContain('Lý do: "Năm 2022 bắt đầu chương trình mới"');
    expect(explained.textContent).toContain(`Ô ${cell} · Cảnh báo`);
    const after = screen.queryByRole("region", { name: /^Cảnh báo: \d+$/ });
    const now = after ? Number(/(\d+)$/.exec(after.getAttribute("aria-label") ?? "")?.[1]) : 0;
    expect(now).toBe(before - 1);
    expect(screen.getByText(/1 cảnh báo đã giải trình\./)).toBeTruthy();

    // Withdrawn from the same list: counted again.
    await user.click(within(explained).getByRole("button", { name: `Rút giải trình Ô ${cell}` }));
    expect(await screen.findByText(/Đã rút giải trình ở ô/)).toBeTruthy();
    await waitFor(() =>
      expect(screen.queryByRole("region", { name: /^Đã giải trình/ })).toBeNull()
    );
    expect(host.explanationsOf(SHEET)).toEqual([]);
  });

  it("an explanation whose indicator is no longer on the sheet is listed with why, applied to nothing, and can be withdrawn (#19)", async () => {
    const user = userEvent.setup({ delay: null });
    const { host, cell } = withJump();
    await renderPane(host);
    await user.click(checkButton());
    const warnings = await screen.findByRole("region", { name: /^Cảnh báo: \d+$/ });
    const item = within(warnings)
      .getAllByRole("listitem")
      .find((li) => li.textContent?.includes(`Ô ${cell}`) && li.textContent.includes("thay đổi"));
    await user.click(within(item!).getByRole("button", { name: `Giải trình… Ô ${cell}` }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox"), "Chương trình mới");
    await user.click(within(dialog).getByRole("button", { name: "Lưu giải trình" }));
    await screen.findByText(new RegExp(`Đã lưu giải trình cho ô ${cell}`));
    // The explanation as it would read after its indicator's row was deleted elsewhere.
    const [stored] = host.explanationsOf(SHEET);
    await host.writeExplanations(SHEET, [{ ...stored, indicator: "99.9" }]);
    await user.click(checkButton());
    const stale = await screen.findByRole("region", {
      name: "Giải trình không còn phát hiện tương ứng (vẫn giữ trong sổ tính)",
    });
    expect(stale.textContent).toContain("chỉ tiêu 99.9 không còn trên trang tính");
    expect(stale.textContent).toContain("Chương trình mới");
    expect(screen.queryByRole("region", { name: /^Đã giải trình/ })).toBeNull();
    await user.click(within(stale).getByRole("button", { name: `Rút giải trình Ô ${cell}` }));
    await waitFor(() => expect(host.explanationsOf(SHEET)).toEqual([]));
  });

  it("cancelling the dialog writes nothing", async () => {
    const user = userEvent.setup({ delay: null });
    const { host, cell } = withJump();
    await renderPane(host);
    await user.click(checkButton());
    await user.click(await screen.findByRole("button", { name: `Giải trình… Ô ${cell}` }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox"), "chưa chắc");
    await user.click(within(dialog).getByRole("button", { name: "Thôi" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(host.calls).not.toContain("writeExplanations");
  });
});

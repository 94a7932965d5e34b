/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { buildAnnexLayout } from "../../src/domain";
import { MemoryHost } from "../helpers/memoryHost";
import { bieu01, langSonHost, renderPane, SHEET, slowReads } from "./paneTestKit";

const fillButton = () => screen.getByRole("button", { name: "Tính cột" });

async function open(host: MemoryHost) {
  const user = userEvent.setup({ delay: null });
  await renderPane(host, { tab: "fill" });
  await screen.findByRole("button", { name: "Tính cột" });
  return user;
}

/** The first derived cell of indicator 1. */
function derivedAddress(): string {
  const layout = buildAnnexLayout(bieu01(), { year: 2023 });
  const row = layout.rowOf.get("1") as number;
  const col = bieu01().columns.findIndex((c) => c.role === "derived");
  return `${String.fromCharCode(65 + col)}${row + 1}`;
}

describe("Tính cột (fill) screen", () => {
  it("empty: explains, and undo is not offered before anything was written", async () => {
    await open(langSonHost());
    expect(screen.getByText(/Ghi công thức cho các cột so sánh và đánh giá/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Hoàn tác" })).toHaveProperty("disabled", true);
  });

  it("writes, says what it wrote, writes nothing the second time, and Hoàn tác restores exactly", async () => {
    const host = langSonHost();
    const before = host.dump(SHEET);
    const user = await open(host);
    await user.click(fillButton());
    const done = await screen.findByText(
      /Đã ghi (\d+) ô công thức vào trang tính "Biểu 01 - 2023"\./
    );
    const n = Number(/Đã ghi (\d+) ô/.exec(done.textContent ?? "")?.[1]);
    expect(n).toBeGreaterThan(0);
    const after = host.dump(SHEET);

    await user.click(fillButton());
    expect(await screen.findByText(/Không có gì cần ghi/)).toBeTruthy();
    expect(host.dump(SHEET)).toEqual(after);

    await user.click(screen.getByRole("button", { name: `Hoàn tác: Tính cột (${n} ô)` }));
    expect(
      await screen.findByText(`Đã hoàn tác "Tính cột (${n} ô)": ${n} ô trở lại như trước.`)
    ).toBeTruthy();
    expect(host.dump(SHEET)).toEqual(before);
    expect(screen.getByRole("button", { name: "Hoàn tác" })).toHaveProperty("disabled", true);
  });

  it("working: shows progress while a slow fill runs", async () => {
    const user = await open(slowReads(langSonHost(), 1500));
    await user.click(fillButton());
    expect(await screen.findByText("Đang ghi công thức…")).toBeTruthy();
    expect(await screen.findByText(/Đã ghi \d+ ô công thức/)).toBeTruthy();
    expect(screen.queryByText("Đang ghi công thức…")).toBeNull();
  });

  it("keeps a cell a person typed, lists it, and overwrites only after asking", async () => {
    const host = langSonHost();
    const address = derivedAddress();
    host.type(SHEET, { [address]: 99 });
    const user = await open(host);
    await user.click(fillButton());
    expect(await screen.findByText(/giữ nguyên 1 ô người dùng đã nhập\./)).toBeTruthy();
    const kept = screen.getByRole("region", { name: "Ô được giữ nguyên vì người dùng đã nhập" });
    expect(within(kept).getByText(address)).toBeTruthy();
    expect(host.cell(SHEET, address)?.value).toBe(99);

    // asking, then keeping
    await user.click(screen.getByRole("button", { name: "Ghi đè…" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("Ghi đè ô người dùng đã nhập?")).toBeTruthy();
    expect(
      within(dialog).getByText(
        new RegExp(`Ô ${address} đã có nội dung do người dùng nhập \\(99\\)`)
      )
    ).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Giữ nguyên" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(host.cell(SHEET, address)?.value).toBe(99);

    // asking, then overwriting
    await user.click(screen.getByRole("button", { name: "Ghi đè…" }));
    await user.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Ghi đè 1 ô" })
    );
    expect(await screen.findByText(/Đã ghi 1 ô công thức/)).toBeTruthy();
    expect(host.cell(SHEET, address)?.formula).toBeDefined();
  });

  it("errors: a password-protected sheet is not written and the pane says how to unprotect it", async () => {
    const host = langSonHost().protect(SHEET, "password");
    const before = host.dump(SHEET);
    const user = await open(host);
    await user.click(fillButton());
    expect(await screen.findByText(/được bảo vệ bằng mật khẩu nên không ghi được/)).toBeTruthy();
    expect(host.dump(SHEET)).toEqual(before);
  });

  it("errors: a sheet that is not an annex", async () => {
    const user = await open(new MemoryHost().addSheet("Trang 1", [["Xin chào"]]));
    await user.click(fillButton());
    expect(await screen.findByText(/không có biểu chỉ tiêu nào được nhận biết/)).toBeTruthy();
  });
});

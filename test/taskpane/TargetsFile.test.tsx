/** @jest-environment jsdom */
import { readFileSync } from "fs";
import * as path from "path";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryHost } from "../helpers/memoryHost";
import { addressOf, langSonHost, renderPane, SHEET } from "./paneTestKit";

/**
 * The province's targets file in Kiểm tra and Tính cột (#17): chosen once, kept with the workbook,
 * used by the next check, shown on both screens, refused with the command line's words.
 */
const TARGETS = readFileSync(
  path.join(__dirname, "../../src/samples/targets/lang-son-2023.json"),
  "utf8"
);
const picker = () => screen.getAllByLabelText("Chọn tệp chỉ tiêu (.json)…", { selector: "input" });

async function open(host: MemoryHost, tab: "check" | "fill" = "check") {
  const user = userEvent.setup({ delay: null });
  await renderPane(host, { tab });
  await screen.findByRole("button", {
    name: tab === "check" ? "Kiểm tra trang tính đang mở" : "Tính cột",
  });
  return user;
}

describe("Tệp chỉ tiêu in the pane", () => {
  it("is chosen in Kiểm tra, kept in the workbook, checked against, and removed", async () => {
    const host = langSonHost();
    // 15.000 new jobs planned for 2023, where Lạng Sơn's targets file asks for 16.000.
    host.type(SHEET, { [addressOf("1", "planNext")]: 15000 });
    const user = await open(host);
    expect(
      screen.getByText(/dùng tệp chỉ tiêu của tỉnh đã lưu trong sổ tính, nếu có/)
    ).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Kiểm tra trang tính đang mở" }));
    expect(await screen.findByText(/Sổ tính chưa có tệp chỉ tiêu/)).toBeTruthy();
    expect(screen.queryByText(/chưa đạt chỉ tiêu "16\.000"/)).toBeNull();

    await user.upload(picker()[0], jsonFile("lang-son-2023.json", TARGETS));
    expect(
      await screen.findByText(
        'Đã lưu tệp chỉ tiêu "lang-son-2023.json" vào sổ tính: Chỉ tiêu của Lạng Sơn năm 2023 (4 chỉ tiêu), lưu trong sổ tính.'
      )
    ).toBeTruthy();
    expect(host.targets).toBe(TARGETS);
    // The findings shown are the sheet checked against the targets.
    expect(
      await screen.findByText(/"KH năm 2023" là 15\.000, chưa đạt chỉ tiêu "16\.000"/)
    ).toBeTruthy();

    expect(
      screen.getByText("Chỉ tiêu của Lạng Sơn năm 2023 (4 chỉ tiêu), lưu trong sổ tính.")
    ).toBeTruthy();

    await user.click(screen.getAllByRole("button", { name: "Bỏ tệp chỉ tiêu" })[0]);
    expect(await screen.findByText(/Đã bỏ tệp chỉ tiêu khỏi sổ tính/)).toBeTruthy();
    expect(host.targets).toBeUndefined();
  });

  it("opened later in Tính cột, the workbook's own targets are shown and used without choosing them again", async () => {
    const host = langSonHost();
    host.type(SHEET, { [addressOf("1", "planNext")]: 15000 });
    host.targets = TARGETS;
    const user = await open(host, "fill");
    await user.click(screen.getByRole("button", { name: "Tính cột" }));
    expect(
      await screen.findByText("Chỉ tiêu của Lạng Sơn năm 2023 (4 chỉ tiêu), lưu trong sổ tính.")
    ).toBeTruthy();
    // Before the fill read the workbook nothing was known; the fill read it with its targets.
    expect(screen.queryByText(/Sổ tính chưa có tệp chỉ tiêu/)).toBeNull();
  });

  it("refuses a file that is not a targets file, in --targets' words, and keeps nothing", async () => {
    const host = langSonHost();
    const user = await open(host);
    const bad = JSON.stringify({
      format: "annex-targets/1",
      province: "Lạng Sơn",
      year: 2023,
      template: "bieu-01-ke-hoach-nam",
      targets: [{ indicator: "99", column: "planNext", text: "trên 16.000" }],
    });
    await user.upload(picker()[0], jsonFile("sai.json", bad));
    expect(
      await screen.findByText(
        /Tệp chỉ tiêu sai\.json không hợp lệ:\s+targets\[0\]\.indicator: không có chỉ tiêu "99" trong bieu-01-ke-hoach-nam/
      )
    ).toBeTruthy();
    expect(host.targets).toBeUndefined();
  });
});

/** jsdom's File has no text(); the browsers the add-in runs in all have it. */
function jsonFile(name: string, text: string): File {
  const file = new File([text], name, { type: "application/json" });
  Object.defineProperty(file, "text", { value: async () => text });
  return file;
}

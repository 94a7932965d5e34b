/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryHost } from "../helpers/memoryHost";
import { bieu01, renderPane, SHEET } from "./paneTestKit";

const insertButton = () => screen.getByRole("button", { name: "Chèn trang tính mới" });
const sheetNameInput = () =>
  screen.getByRole("textbox", { name: "Tên trang tính mới" }) as HTMLInputElement;
const yearInput = () => screen.getByRole("textbox", { name: "Năm" }) as HTMLInputElement;

async function openWith(host: MemoryHost) {
  const user = userEvent.setup({ delay: null });
  await renderPane(host, { tab: "templates" });
  await screen.findByRole("combobox", { name: "Mẫu biểu" });
  await user.clear(yearInput());
  await user.type(yearInput(), "2023");
  await waitFor(() => expect(sheetNameInput().value).toBe(SHEET));
  return user;
}

describe("Mẫu biểu (templates) screen", () => {
  it("empty: lists the templates with their titles for the year, and suggests the sheet name", async () => {
    await openWith(new MemoryHost());
    const select = screen.getByRole("combobox", { name: "Mẫu biểu" }) as HTMLSelectElement;
    const options = within(select)
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(options.length).toBeGreaterThanOrEqual(3);
    expect(options[0]).toMatch(/^Biểu số 01: .*2023/);
    expect(insertButton()).toHaveProperty("disabled", false);
  });

  it("shows the rows of the template before inserting", async () => {
    const user = await openWith(new MemoryHost());
    await user.click(screen.getByRole("button", { name: "Xem trước các dòng" }));
    const table = screen.getByRole("table", { name: "Các chỉ tiêu sẽ được chèn" });
    const rows = within(table).getAllByRole("row");
    // header + one row per section and per indicator
    expect(rows).toHaveLength(1 + bieu01().sections.length + bieu01().indicators.length);
    expect(within(table).getByText(bieu01().sections[0].name.vi)).toBeTruthy();
    expect(within(table).getByText(bieu01().indicators[0].name.vi)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Ẩn các dòng" }));
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("inserts the annex as a new sheet, then offers another name when it exists", async () => {
    const host = new MemoryHost();
    const user = await openWith(host);
    await user.type(
      screen.getByRole("textbox", { name: "Cơ quan chủ quản" }),
      "UBND tỉnh Lạng Sơn"
    );
    await user.click(insertButton());
    expect(
      await screen.findByText(
        /Đã chèn Biểu số 01 năm 2023 \(\d+ chỉ tiêu\) vào trang tính "Biểu 01 - 2023"/
      )
    ).toBeTruthy();
    expect(host.cell(SHEET, "A1")?.value).toBe("UBND TỈNH LẠNG SƠN");

    // the person types the taken name again
    await user.clear(sheetNameInput());
    await user.type(sheetNameInput(), SHEET);
    await user.click(insertButton());
    expect(await screen.findByText(/Sổ đã có trang tính "Biểu 01 - 2023"/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: `Dùng tên "${SHEET} (2)"` }));
    expect(sheetNameInput().value).toBe(`${SHEET} (2)`);
    await user.click(insertButton());
    expect(await screen.findByText(/vào trang tính "Biểu 01 - 2023 \(2\)"/)).toBeTruthy();
    expect((await host.listSheets()).map((s) => s.name)).toEqual([SHEET, `${SHEET} (2)`]);
  });

  it("the senders of 2025: Sở Y tế's annex has its name in the title block and its blocks only", async () => {
    const host = new MemoryHost();
    const user = await openWith(host);
    const department = () =>
      screen.getByRole("combobox", { name: /Đơn vị lập biểu/ }) as HTMLSelectElement;
    const names = () =>
      within(department())
        .getAllByRole("option")
        .map((o) => o.textContent ?? "");
    // 2023: the department of that year only; no department of 2025
    expect(names().map((n) => n.replace(/ \(.*/, ""))).toEqual([
      "Cả biểu",
      "Sở Lao động - Thương binh và Xã hội",
    ]);
    await user.clear(yearInput());
    await user.type(yearInput(), "2027");
    expect(names().map((n) => n.replace(/ \(.*/, ""))).toEqual([
      "Cả biểu",
      "Sở Nội vụ",
      "Sở Y tế",
      "Sở Giáo dục và Đào tạo",
      "Sở Nông nghiệp và Môi trường",
      "Phòng Văn hóa - Xã hội",
    ]);
    expect(
      screen.getByRole("textbox", { name: "Đơn vị báo cáo" }).getAttribute("placeholder")
    ).toBe("Sở Nội vụ");
    await user.selectOptions(department(), "so-y-te");
    await user.click(insertButton());
    expect(await screen.findByText(/Đã chèn Biểu số 01 năm 2027 \((\d+) chỉ tiêu\)/)).toBeTruthy();
    const sheet = "Biểu 01 - 2027";
    expect(host.cell(sheet, "A2")?.value).toBe("SỞ Y TẾ");
    const column = Array.from({ length: 150 }, (_, r) => host.cell(sheet, `B${r + 1}`)?.value);
    expect(column).toContain("BẢO TRỢ XÃ HỘI");
    expect(column).not.toContain("LAO ĐỘNG - VIỆC LÀM");
  });

  it("Lập biểu năm sau: next year's sheet with KH 2027 moved and ƯTH 2026 as a draft TH, each listed", async () => {
    const host = new MemoryHost();
    const user = await openWith(host);
    await user.clear(yearInput());
    await user.type(yearInput(), "2027");
    await user.click(insertButton());
    await screen.findByText(/Đã chèn Biểu số 01 năm 2027/);
    const col = (id: string) =>
      String.fromCharCode(65 + bieu01().columns.findIndex((c) => c.id === id));
    const row =
      (await import("../../src/domain"))
        .buildAnnexLayout(bieu01(), { year: 2027 })
        .rowOf.get("1") ?? 0;
    // a person types this year's estimate and next year's plan for indicator 1
    host.type("Biểu 01 - 2027", {
      [`${col("estimateCur")}${row + 1}`]: 15500,
      [`${col("planNext")}${row + 1}`]: 16000,
    });
    await user.click(screen.getByRole("button", { name: "Lập biểu năm sau" }));
    expect(
      await screen.findByText(
        /Đã lập biểu năm 2028 từ trang tính "Biểu 01 - 2027" vào trang tính mới "Biểu 01 - 2028": chuyển 2 số, trong đó 1 số/
      )
    ).toBeTruthy();
    expect(host.cell("Biểu 01 - 2028", `${col("planCur")}${row + 1}`)?.value).toBe(16000);
    expect(host.cell("Biểu 01 - 2028", `${col("actualPrev")}${row + 1}`)?.value).toBe(15500);
    // next year's plan is left for next year: the cell is as the layout made it, empty
    expect(["", undefined]).toContain(
      host.cell("Biểu 01 - 2028", `${col("planNext")}${row + 1}`)?.value
    );
    const list = screen.getByRole("region", { name: "Các số đã chuyển sang biểu năm sau" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(
      within(list).getByText(/ƯTH năm 2026 → TH năm 2026 \(bản nháp, cần cập nhật số chính thức\)/)
    ).toBeTruthy();
  });

  it("errors: a year that is not a year is refused before anything is written", async () => {
    const host = new MemoryHost();
    const user = await openWith(host);
    await user.clear(yearInput());
    await user.type(yearInput(), "23");
    expect(screen.getByText("Nhập năm có 4 chữ số, ví dụ 2023.")).toBeTruthy();
    expect(insertButton()).toHaveProperty("disabled", true);
    expect(host.calls).not.toContain("insertAnnex");
  });

  it("errors: on an older Excel it says what could not be applied", async () => {
    const host = new MemoryHost({
      dataValidation: false,
      pageLayout: false,
      customProperties: false,
      changeSource: false,
    });
    const user = await openWith(host);
    await user.click(insertButton());
    expect(await screen.findByText(/chưa có kiểm tra dữ liệu nhập \(ExcelApi 1.8\)/)).toBeTruthy();
    expect(screen.getByText(/chưa đặt được trang in \(ExcelApi 1.9\)/)).toBeTruthy();
  });

  it("errors: a host failure is shown, not swallowed", async () => {
    const host = new MemoryHost();
    host.failNext("insertAnnex", "excel-error", {
      vi: "Excel báo lỗi khi chèn.",
      en: "Excel failed.",
    });
    const user = await openWith(host);
    await user.click(insertButton());
    expect(await screen.findByText("Excel báo lỗi khi chèn.")).toBeTruthy();
  });

  it("adds the department's own template from a .json file, keeps it, and removes it on request", async () => {
    const user = await openWith(new MemoryHost());
    const own = JSON.stringify({ ...bieu01(), id: "bieu-01-cao-loc", form: "Biểu số 01-CL" });
    const input = screen.getByLabelText("Thêm mẫu riêng (.json)…", { selector: "input" });
    await user.upload(input, jsonFile("cao-loc.json", own));
    expect(
      await screen.findByText("Đã thêm mẫu riêng: Biểu số 01-CL (tệp cao-loc.json).")
    ).toBeTruthy();
    const select = screen.getByRole("combobox", { name: "Mẫu biểu" }) as HTMLSelectElement;
    expect(select.value).toBe("bieu-01-cao-loc");
    expect(within(select).getAllByRole("option")[0].textContent).toMatch(
      /^Biểu số 01-CL: .*\(mẫu riêng\)$/
    );
    expect(localStorage.getItem("bieu-chi-tieu.custom-templates")).toContain("bieu-01-cao-loc");

    await user.click(screen.getByRole("button", { name: "Bỏ mẫu riêng này" }));
    expect(await screen.findByText("Đã bỏ mẫu riêng: bieu-01-cao-loc.")).toBeTruthy();
    expect(within(select).queryByText(/01-CL/)).toBeNull();
    expect(localStorage.getItem("bieu-chi-tieu.custom-templates")).toBe("[]");
  });

  it("errors: a file that is not a template names what is wrong", async () => {
    const user = await openWith(new MemoryHost());
    const input = screen.getByLabelText("Thêm mẫu riêng (.json)…", { selector: "input" });
    await user.upload(input, jsonFile("sai.json", JSON.stringify({ id: "x" })));
    expect(
      await screen.findByText(/Tệp "sai.json" không phải mẫu biểu hợp lệ: .*version/)
    ).toBeTruthy();
  });
});

/** jsdom's File has no text(); the browsers the add-in runs in all have it. */
function jsonFile(name: string, text: string): File {
  const file = new File([text], name, { type: "application/json" });
  Object.defineProperty(file, "text", { value: async () => text });
  return file;
}

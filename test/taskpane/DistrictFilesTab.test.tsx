/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// ExcelJS makes the test's workbooks; its uuid would resolve to an ES module under the "browser" condition.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { buildAnnexLayout, samplePlan, SampleFigures } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { MemoryHost } from "../helpers/memoryHost";
import langSon from "../../src/samples/bieu-01-lang-son-2023.json";
import { bieu01, renderPane } from "./paneTestKit";

/** jsdom's File has no arrayBuffer(); the browsers the add-in runs in all have it. */
function withArrayBuffer(file: File, delayMs = 0): File {
  Object.defineProperty(file, "arrayBuffer", {
    value: () =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => setTimeout(() => resolve(reader.result as ArrayBuffer), delayMs);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(file);
      }),
  });
  return file;
}

async function districtFile(
  name: string,
  authority: string,
  delayMs = 0,
  year = 2023
): Promise<File> {
  const workbook = await newAnnexWorkbook({
    template: bieu01(),
    year,
    authority,
    unitName: "Phòng Lao động - Thương binh và Xã hội",
  });
  const layout = buildAnnexLayout(bieu01(), { year });
  applyWritePlan(workbook.worksheets[0], samplePlan(layout, bieu01(), langSon as SampleFigures));
  const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return withArrayBuffer(new File([bytes], name), delayMs);
}

function textFile(name: string, text: string): File {
  return withArrayBuffer(new File([Uint8Array.from(text, (c) => c.charCodeAt(0))], name));
}

async function open() {
  // A person may pick "All files" in the dialog: the accept list is a hint, not a filter.
  const user = userEvent.setup({ delay: null, applyAccept: false });
  await renderPane(new MemoryHost(), { tab: "districts" });
  const input = (await screen.findByLabelText("Chọn tệp .xlsx…", {
    selector: "input",
  })) as HTMLInputElement;
  return { user, input };
}

describe("Hồ sơ đơn vị (units' files) screen", () => {
  it("communes of 2027: the province asked once names who has not sent and the other province's file", async () => {
    localStorage.removeItem("annex.province");
    const { user, input } = await open();
    expect(screen.getByRole("tab", { name: "Hồ sơ đơn vị" })).toBeTruthy();
    await user.type(screen.getByLabelText(/Tỉnh, thành phố nhận báo cáo/), "Lạng Sơn");
    await user.tab();
    expect(localStorage.getItem("annex.province")).toBe("Lạng Sơn");
    await user.upload(input, [
      await districtFile("huu-lung.xlsx", "UBND XÃ HỮU LŨNG", 0, 2027),
      await districtFile("ky-lua.xlsx", "Ủy ban nhân dân phường Kỳ Lừa", 0, 2027),
      await districtFile("dong-hoi.xlsx", "UBND phường Đồng Hới", 0, 2027),
    ]);
    expect(
      await screen.findByText(
        /^Đã nhận 2\/65 xã, phường của Lạng Sơn; chưa nhận: Phường Đông Kinh/,
        {},
        { timeout: 10000 }
      )
    ).toBeTruthy();
    const table = screen.getByRole("table", { name: "Tóm tắt theo tệp" });
    const first = within(table).getAllByRole("row")[1];
    expect(within(first).getAllByRole("cell")[0].textContent).toBe("huu-lung.xlsxXã Hữu Lũng");
    expect(
      within(table).getByText(/là của Phường Đồng Hới \(Quảng Trị\), không thuộc Lạng Sơn/)
    ).toBeTruthy();
    localStorage.removeItem("annex.province");
  });

  it("empty: says files stay on this computer and offers the file picker", async () => {
    await open();
    expect(screen.getByText(/không tải lên đâu cả/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Chọn tệp .xlsx…" })).toHaveProperty(
      "disabled",
      false
    );
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("results: one summary row per file, and the findings of the file chosen", async () => {
    const { user, input } = await open();
    const files = [
      await districtFile("cao-loc.xlsx", "UBND huyện Cao Lộc"),
      textFile("ghi-chu.docx", "not a workbook"),
      await districtFile("dinh-lap.xlsx", "UBND huyện Đình Lập"),
    ];
    await user.upload(input, files);
    const table = await screen.findByRole(
      "table",
      { name: "Tóm tắt theo tệp" },
      { timeout: 10000 }
    );
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent);
    const [caoLoc, docx, dinhLap] = rows.map(cells);
    // file and unit (as the list of units names it, issue #21), form and year, errors, warnings
    expect(caoLoc[0]).toBe("cao-loc.xlsxHuyện Cao Lộc");
    expect(caoLoc[1]).toBe("Biểu số 012023");
    expect(Number(caoLoc[3])).toBeGreaterThan(0); // the brief's own slips are warnings
    expect(docx).toEqual(["ghi-chu.docxKhông đọc được", "—", "—", "—"]);
    expect(dinhLap[0]).toContain("Huyện Đình Lập");

    // the first file's findings are shown; choosing another shows its own
    expect(screen.getByRole("region", { name: "Kết quả của tệp cao-loc.xlsx" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Xem kết quả của ghi-chu.docx" }));
    const chosen = screen.getByRole("region", { name: "Kết quả của tệp ghi-chu.docx" });
    expect(within(chosen).getByText(/không phải sổ Excel \.xlsx/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Xem kết quả của dinh-lap.xlsx" }));
    const third = screen.getByRole("region", { name: "Kết quả của tệp dinh-lap.xlsx" });
    expect(within(third).getByRole("region", { name: /^Cảnh báo: \d+$/ })).toBeTruthy();
    // findings of a file that is not open cannot be selected in Excel
    expect(within(third).queryByRole("button", { name: /Chọn ô trong Excel/ })).toBeNull();
  });

  it("working: shows which file is being read", async () => {
    const { user, input } = await open();
    await user.upload(input, [await districtFile("cham.xlsx", "UBND huyện Chậm", 800)]);
    expect(await screen.findByText("Đang đọc 1/1 tệp… cham.xlsx")).toBeTruthy();
    expect(
      await screen.findByRole("table", { name: "Tóm tắt theo tệp" }, { timeout: 10000 })
    ).toBeTruthy();
    expect(screen.queryByText(/Đang đọc/)).toBeNull();
  });

  it("errors: an old .xls and a password-protected file are named with what to do", async () => {
    const { user, input } = await open();
    const cfb = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encrypted = [
      ...cfb,
      ...Array.from("EncryptionInfo").flatMap((c) => [c.charCodeAt(0), 0]),
    ];
    await user.upload(input, [
      withArrayBuffer(new File([new Uint8Array([...cfb, 0, 0])], "cu.xls")),
      withArrayBuffer(new File([new Uint8Array(encrypted)], "mat-khau.xlsx")),
    ]);
    await screen.findByRole("table", { name: "Tóm tắt theo tệp" }, { timeout: 10000 });
    expect(
      screen.getByText(/là định dạng Excel cũ \(\.xls\)\. Hãy mở bằng Excel và lưu thành \.xlsx/)
    ).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Xem kết quả của mat-khau.xlsx" }));
    expect(screen.getByText(/được đặt mật khẩu\. Hãy mở bằng Excel, bỏ mật khẩu/)).toBeTruthy();
  });
});

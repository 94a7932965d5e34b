/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// ExcelJS makes the test's workbooks; its uuid would resolve to an ES module under the "browser" condition.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import ExcelJS from "exceljs";
import { buildAnnexLayout, samplePlan, SampleFigures } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { MemoryHost } from "../helpers/memoryHost";
import langSon from "../../src/samples/bieu-01-lang-son-2023.json";
import { bieu01, renderPane } from "./paneTestKit";

/** Hồ sơ huyện's "Tổng hợp" and report download, on real workbooks read in the page. */

function withArrayBuffer(file: File): File {
  Object.defineProperty(file, "arrayBuffer", {
    value: () =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(file);
      }),
  });
  return file;
}

/** A district's Biểu 01 with the Lạng Sơn figures, its 2021 workers abroad (row 3) set apart so no two districts' figures are the same. */
async function districtBytes(authority: string, abroad: number): Promise<Uint8Array> {
  const workbook = await newAnnexWorkbook({ template: bieu01(), year: 2023, authority });
  const layout = buildAnnexLayout(bieu01(), { year: 2023 });
  applyWritePlan(workbook.worksheets[0], samplePlan(layout, bieu01(), langSon as SampleFigures));
  const row = layout.rowOf.get("3")!;
  const col = bieu01().columns.findIndex((c) => c.id === "actualPrev");
  workbook.worksheets[0].getCell(row + 1, col + 1).value = abroad;
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function fileOf(bytes: Uint8Array, name: string): File {
  return withArrayBuffer(new File([bytes as BlobPart], name));
}

async function districtFile(name: string, authority: string, abroad: number): Promise<File> {
  return fileOf(await districtBytes(authority, abroad), name);
}

/** What the page offered for download: each Blob given to URL.createObjectURL, and the names. */
const downloads: Blob[] = [];
const names: string[] = [];

beforeAll(() => {
  Object.assign(URL, {
    createObjectURL: (b: Blob) => {
      downloads.push(b);
      return `blob:test/${downloads.length}`;
    },
    revokeObjectURL: () => undefined,
  });
  jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
    this: HTMLAnchorElement
  ) {
    names.push(this.download);
  });
});

async function workbookOf(blob: Blob): Promise<ExcelJS.Workbook> {
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  return wb;
}

describe("Hồ sơ huyện: Tổng hợp and the check report", () => {
  it("merges the checked files into tinh.xlsx and offers the report, naming the file left out", async () => {
    const user = userEvent.setup({ delay: null, applyAccept: false });
    await renderPane(new MemoryHost(), { tab: "districts" });
    expect(screen.queryByRole("button", { name: "Tổng hợp thành biểu của tỉnh" })).toBeNull();
    const input = (await screen.findByLabelText("Chọn tệp .xlsx…", {
      selector: "input",
    })) as HTMLInputElement;
    const caoLoc = await districtBytes("UBND huyện Cao Lộc", 40);
    await user.upload(input, [
      fileOf(caoLoc, "cao-loc.xlsx"),
      await districtFile("dinh-lap.xlsx", "UBND huyện Đình Lập", 41),
      await districtFile("cao-loc-2.xlsx", "UBND huyện Cao Lộc", 42),
      // the browser's second download of the same file
      fileOf(caoLoc, "cao-loc (1).xlsx"),
    ]);
    await screen.findByRole("table", { name: "Tóm tắt theo tệp" }, { timeout: 10000 });

    await user.click(screen.getByRole("button", { name: "Tổng hợp thành biểu của tỉnh" }));
    // files left out and cells left empty: a warning, never "Đã tổng hợp" as a success
    expect(
      await screen.findByText(
        /^Cảnh báo: đã tổng hợp 2 huyện vào tinh\.xlsx \(Biểu số 01 năm 2023\), nhưng 2 tệp không được tổng hợp, \d+ ô để trống/,
        {},
        { timeout: 10000 }
      )
    ).toBeTruthy();
    expect(screen.queryByText(/^Đã tổng hợp/)).toBeNull();
    // the files left out, grouped by reason with counts; each group opens to name its files
    const leftOut = screen.getByRole("region", { name: "Tệp không được tổng hợp" });
    const copies = within(leftOut).getByRole("button", { name: "Bản sao y hệt của tệp khác (1)" });
    within(leftOut).getByRole("button", { name: "Đơn vị đã có tệp khác (1)" });
    expect(within(leftOut).queryByText(/"cao-loc \(1\)\.xlsx" là bản sao y hệt/)).toBeNull();
    await user.click(copies);
    expect(
      within(leftOut).getByText(
        '"cao-loc (1).xlsx" là bản sao y hệt của "cao-loc.xlsx" (giống từng byte): chỉ tính một lần.'
      )
    ).toBeTruthy();
    expect(names).toEqual(["tinh.xlsx"]);
    const merged = await workbookOf(downloads[0]);
    const sheet = merged.getWorksheet("Biểu 01 - 2023");
    expect(merged.getWorksheet("Chi tiết theo huyện")).toBeTruthy();
    // new jobs: 2 × the Lạng Sơn figure, as a live SUM over the detail sheet
    const jobs = (langSon as SampleFigures).values["2"].estimateCur as number;
    // Row 2 found by its name, wherever the form's rows above it put it.
    const row2 = (sheet?.getColumn(2).values ?? []).findIndex(
      (v) => v === "Số dự án được vay vốn giải quyết việc làm"
    );
    expect(row2).toBeGreaterThan(0);
    const cell = sheet?.getCell(`G${row2}`);
    expect(cell?.formula).toMatch(/SUM\('Chi tiết theo huyện'!/);
    expect(cell?.result).toBe(2 * jobs);

    await user.click(screen.getByRole("button", { name: "Tải báo cáo kiểm tra (.xlsx)" }));
    expect(await screen.findByText(/Đã tạo báo cáo kiểm tra/)).toBeTruthy();
    expect(names).toEqual(["tinh.xlsx", "bao-cao-kiem-tra.xlsx"]);
    const report = await workbookOf(downloads[1]);
    expect(report.worksheets.map((w) => w.name)).toEqual(["Tóm tắt", "Phát hiện", "Biểu đồ lỗi"]);
    const summary = report.getWorksheet("Tóm tắt");
    expect(summary?.getCell("B5").value).toBe("cao-loc.xlsx");
    // the report's counts are the summary table's
    const table = screen.getByRole("table", { name: "Tóm tắt theo tệp" });
    const firstRow = within(table).getAllByRole("row")[1];
    const [, , errors, warnings] = within(firstRow)
      .getAllByRole("cell")
      .map((c) => Number(c.textContent));
    expect([summary?.getCell("F5").value, summary?.getCell("G5").value]).toEqual([
      errors,
      warnings,
    ]);
    expect(warnings).toBeGreaterThan(0);
  }, 30_000);
});

import { HostError } from "../../../src/host/annexHost";
import { cellList } from "../../../src/host/hostErrors";
import { fromExcel } from "../../../src/host/office/officeErrors";

const excel = (code: string, message = "") => Object.assign(new Error(message), { code });

describe("Excel's errors as messages a person can act on", () => {
  it.each([
    ["ItemNotFound", "sheet-missing", "Không tìm thấy trang tính", "was not found"],
    ["ItemAlreadyExists", "sheet-exists", "Đã có trang tính tên", "already exists"],
    ["InvalidArgument", "invalid-argument", "Excel từ chối dữ liệu", "Excel refused the data"],
    ["RequestPayloadSizeLimitExceeded", "too-large", "giới hạn 5 MB", "5 MB limit"],
    ["ResponsePayloadSizeLimitExceeded", "too-large", "giới hạn 5 MB", "5 MB limit"],
    ["AccessDenied", "excel-error", "bảo vệ", "protected"],
    ["InvalidOperationInCellEditMode", "excel-error", "chế độ sửa ô", "editing a cell"],
    ["ApiNotFound", "not-supported", "không hỗ trợ", "does not support"],
    ["GeneralException", "excel-error", "Excel báo lỗi", "Excel reported an error"],
    ["BadPassword", "password-protected", "bảo vệ bằng mật khẩu", "protected with a password"],
    ["RangeExceedsLimit", "too-large", "giá trị nằm lạc rất xa bảng", "stray value"],
  ])("%s → %s", (code, problem, vi, en) => {
    const e = fromExcel(excel(code, "detail"), "Biểu 01 - 2023");
    expect(e).toBeInstanceOf(HostError);
    expect(e.problem).toBe(problem);
    expect(e.text.vi).toContain(vi);
    expect(e.text.en).toContain(en);
    expect(e.text.vi).toContain("Chưa ô nào bị thay đổi");
    expect(e.text.en).toContain("No cell was changed");
  });

  it("names the cells written before the failure, briefly", () => {
    const written = ["H11:I20", "K11:K20", "H22", "H23", "H24", "H25", "H26", "H27"];
    const e = fromExcel(excel("InvalidArgument"), "S", written);
    expect(e.written).toEqual(written);
    expect(e.text.vi).toContain("H11:I20, K11:K20, H22, H23, H24, H25 và 2 vùng khác");
    expect(e.text.en).toContain("and 2 more ranges");
    expect(cellList(["A1"], "en")).toBe("A1");
  });

  it("keeps a HostError as it is, and speaks of the workbook when no sheet is known", () => {
    const original = new HostError("sheet-exists", { vi: "a", en: "b" });
    expect(fromExcel(original, "S")).toBe(original);
    const e = fromExcel(excel("GeneralException"), "");
    expect(e.text.vi).toContain("bảng tính");
    expect(e.text.en).toContain("the workbook");
  });
});

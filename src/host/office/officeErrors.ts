import { Bilingual } from "../../domain";
import { HostError } from "../annexHost";
import { hostError, passwordProtected, sheetExists, sheetMissing } from "../hostErrors";
import type { OfficeRuntime } from "./officeRuntime";

// Kept where test/office/ribbonCommands.test.ts imports it from.
export { hostError } from "../hostErrors";

/**
 * Excel's errors (the `code` of an OfficeExtension.Error) as messages a person can act on, in
 * Vietnamese and English, naming the cells written before the failure. Errors are recognised by their
 * code, not by class: the Office.js library may live in another window (tests, dialogs).
 */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The statement Office.js says failed ("worksheet.protection.unprotect(...);"), when it says. */
export function failedStatement(e: unknown): string {
  const info = (e as { debugInfo?: { statement?: unknown } } | null)?.debugInfo;
  return typeof info?.statement === "string" ? info.statement : "";
}

/** One Excel.run whose failure becomes a HostError about `sheet` ("" for the workbook). */
export async function runOn<T>(
  runtime: OfficeRuntime,
  sheet: string,
  batch: (context: Excel.RequestContext) => Promise<T>
): Promise<T> {
  try {
    return await runtime.run(batch);
  } catch (e) {
    throw fromExcel(e, sheet);
  }
}

/** Any other failure of Excel while we worked on a sheet. */
export function fromExcel(e: unknown, sheet: string, written: readonly string[] = []): HostError {
  if (e instanceof HostError) return e;
  const code = errorCode(e) ?? "";
  // Where it happened: the sheet when we know it, else the workbook.
  const vi = sheet ? `trang tính "${sheet}"` : "bảng tính";
  const en = sheet ? `sheet "${sheet}"` : "the workbook";
  const detail = (e as { message?: unknown } | null)?.message;
  const said =
    typeof detail === "string" && detail ? ` (${code}: ${detail})` : code ? ` (${code})` : "";
  switch (code) {
    case "ItemNotFound":
      if (sheet) return sheetMissing(sheet, written);
      break;
    case "ItemAlreadyExists":
      // Only adding a sheet says this (a sheet of that name appeared since we looked).
      if (sheet) return sheetExists(sheet, written);
      break;
    case "BadPassword":
      if (sheet && !written.length) return passwordProtected(sheet);
      break;
    case "RangeExceedsLimit":
      return hostError(
        "too-large",
        {
          vi: `Vùng dữ liệu của ${vi} quá lớn để Excel xử lý trong một lần. Thường là do một giá trị nằm lạc rất xa bảng: hãy xoá các hàng và cột thừa ở cuối trang tính rồi làm lại.`,
          en: `The data area of ${en} is too large for Excel to handle at once. Usually a stray value lies far from the table: delete the extra rows and columns at the end of the sheet and try again.`,
        },
        written
      );
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
      return hostError(
        "too-large",
        {
          vi: `${cap(vi)} quá lớn để Excel trên web trao đổi trong một lần (giới hạn 5 MB).`,
          en: `${cap(en)} is too large for Excel on the web to exchange at once (5 MB limit).`,
        },
        written
      );
    case "InvalidArgument":
      return hostError(
        "invalid-argument",
        {
          vi: `Excel từ chối dữ liệu gửi vào ${vi}${said}.`,
          en: `Excel refused the data sent to ${en}${said}.`,
        },
        written
      );
    case "AccessDenied":
      return hostError(
        "excel-error",
        {
          vi: `Excel không cho ghi vào ${vi}: ô bị khoá hoặc trang tính đang được bảo vệ${said}.`,
          en: `Excel did not allow writing to ${en}: the cells are locked or the sheet is protected${said}.`,
        },
        written
      );
    case "InvalidOperationInCellEditMode":
      return hostError(
        "excel-error",
        {
          vi: "Excel đang ở chế độ sửa ô. Hãy nhấn Enter hoặc Esc trong ô đang sửa rồi làm lại.",
          en: "Excel is editing a cell. Press Enter or Esc in that cell and try again.",
        },
        written
      );
    case "ApiNotFound":
    case "NotImplemented":
      return hostError(
        "not-supported",
        {
          vi: `Phiên bản Excel này không hỗ trợ thao tác cần dùng${said}.`,
          en: `This version of Excel does not support an operation we need${said}.`,
        },
        written
      );
  }
  return hostError(
    "excel-error",
    {
      vi: `Excel báo lỗi khi làm việc với ${vi}${said}.`,
      en: `Excel reported an error while working on ${en}${said}.`,
    },
    written
  );
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function notSupported(feature: Bilingual, set: string): HostError {
  return hostError("not-supported", {
    vi: `${feature.vi} cần Excel hỗ trợ ExcelApi ${set} (Excel 2019 trở lên, Microsoft 365 hoặc Excel trên web).`,
    en: `${feature.en} needs Excel with ExcelApi ${set} (Excel 2019 or later, Microsoft 365 or Excel on the web).`,
  });
}

import { Bilingual } from "../domain";
import { HostError, HostProblem } from "./annexHost";

/**
 * The HostErrors both hosts raise for the same situations, with the same words (Vietnamese, then
 * English), each saying which cells were written before the failure, or that none were.
 */

/** "E11:E20, G11 và 3 vùng khác" — what was written, short enough for a message. */
export function cellList(addresses: readonly string[], lang: "vi" | "en"): string {
  const shown = addresses.slice(0, 6).join(", ");
  const more = addresses.length - 6;
  if (more <= 0) return shown;
  return lang === "vi" ? `${shown} và ${more} vùng khác` : `${shown} and ${more} more ranges`;
}

function withWritten(text: Bilingual, written: readonly string[]): Bilingual {
  if (!written.length) {
    return {
      vi: `${text.vi} Chưa ô nào bị thay đổi.`,
      en: `${text.en} No cell was changed.`,
    };
  }
  return {
    vi: `${text.vi} Các ô đã được ghi trước khi dừng: ${cellList(written, "vi")}.`,
    en: `${text.en} Cells written before it stopped: ${cellList(written, "en")}.`,
  };
}

export function hostError(
  problem: HostProblem,
  text: Bilingual,
  written: readonly string[] = []
): HostError {
  return new HostError(problem, withWritten(text, written), written);
}

export function passwordProtected(sheet: string): HostError {
  return hostError("password-protected", {
    vi: `Trang tính "${sheet}" được bảo vệ bằng mật khẩu; bổ trợ không ghi gì vào đó. Hãy bỏ bảo vệ (Xem lại → Bỏ bảo vệ trang tính) rồi làm lại.`,
    en: `Sheet "${sheet}" is protected with a password; the add-in wrote nothing to it. Unprotect it (Review → Unprotect Sheet) and try again.`,
  });
}

export function sheetMissing(sheet: string, written: readonly string[] = []): HostError {
  return hostError(
    "sheet-missing",
    {
      vi: `Không tìm thấy trang tính "${sheet}" (có thể vừa bị xoá hoặc đổi tên).`,
      en: `Sheet "${sheet}" was not found (it may have just been deleted or renamed).`,
    },
    written
  );
}

export function sheetExists(sheet: string, written: readonly string[] = []): HostError {
  return hostError(
    "sheet-exists",
    {
      vi: `Đã có trang tính tên "${sheet}". Hãy đổi tên trang đó hoặc chọn tên khác cho biểu mới.`,
      en: `A sheet named "${sheet}" already exists. Rename it or choose another name for the new annex.`,
    },
    written
  );
}

/**
 * @jest-environment jsdom
 */
import {
  CommandReport,
  MAX_REPORT_URL,
  reportFromUrl,
  reportUrl,
} from "../../src/commands/commandReport";
import { renderReport } from "../../src/commands/report";
import { DialogUi, showReportDialog } from "../../src/commands/reportDialog";

const BASE = "https://addin.example.gov.vn/bieu/commands.html";

const report: CommandReport = {
  tone: "warning",
  title: { vi: "Kiểm tra xong", en: "Check done" },
  lines: [
    {
      vi: 'Biểu số 01 năm 2023, trang "Biểu 01 - 2023": 0 lỗi, 5 cảnh báo, 2 lưu ý.',
      en: "0 errors, 5 warnings, 2 notes.",
    },
    { vi: "Đã chọn ô G16: <b>thay đổi</b> +52,4%", en: "Selected cell G16 & more" },
  ],
};

describe("the report travels in the dialog page's URL", () => {
  it("goes to report.html beside the commands page and comes back unchanged, Vietnamese intact", () => {
    const url = reportUrl(report, BASE);
    expect(url.startsWith("https://addin.example.gov.vn/bieu/report.html?")).toBe(true);
    expect(reportFromUrl(url)).toEqual(report);
  });

  it("a long report is cut to fit Office's URL limit and says how many lines are left out", () => {
    const long: CommandReport = {
      ...report,
      lines: Array.from({ length: 60 }, (_, i) => ({
        vi: `Giữ nguyên ô H${i + 11}: ô người dùng đã nhập số liệu riêng`,
        en: `Kept cell H${i + 11}: a person typed a figure`,
      })),
    };
    const url = reportUrl(long, BASE);
    expect(url.length).toBeLessThanOrEqual(MAX_REPORT_URL);
    const back = reportFromUrl(url);
    const last = back.lines[back.lines.length - 1];
    const shown = back.lines.length - 1;
    expect(shown).toBeGreaterThan(0);
    expect(back.lines.slice(0, shown)).toEqual(long.lines.slice(0, shown));
    expect(last.vi).toBe(`… và ${60 - shown} dòng nữa: mở ngăn Biểu chỉ tiêu để xem đủ.`);
  });

  it("a missing or tampered report becomes a plain error, not a crash", () => {
    expect(reportFromUrl("https://x.example/report.html").tone).toBe("error");
    expect(reportFromUrl("https://x.example/report.html?r=%7Bnot-json").title.vi).toBe(
      "Không đọc được kết quả"
    );
    expect(
      reportFromUrl(
        `https://x.example/report.html?r=${encodeURIComponent('{"tone":"ok","title":1}')}`
      ).tone
    ).toBe("error");
  });
});

describe("report.html", () => {
  it("shows the title and each line Vietnamese first, English below, as text (never as HTML)", () => {
    document.body.innerHTML = '<h1 id="title"></h1><ul id="lines"></ul>';
    renderReport(document, report);
    const title = document.getElementById("title") as HTMLElement;
    expect(title.className).toBe("warning");
    expect(title.textContent).toBe("Kiểm tra xongCheck done");
    const items = Array.from(document.querySelectorAll("#lines li"));
    expect(items).toHaveLength(2);
    expect(items[1].textContent).toBe(
      "Đã chọn ô G16: <b>thay đổi</b> +52,4%Selected cell G16 & more"
    );
    expect(document.querySelector("#lines b")).toBeNull();
    expect(items[1].querySelector(".en")?.textContent).toBe("Selected cell G16 & more");
  });
});

describe("showReportDialog", () => {
  type Handler = () => void;
  function fakeUi(status: "succeeded" | "failed") {
    const handlers = new Map<string, Handler>();
    const dialog = {
      close: jest.fn(),
      addEventHandler: (type: string, h: Handler) => handlers.set(type, h),
    };
    const urls: string[] = [];
    const ui = {
      displayDialogAsync: (url: string, _options: unknown, callback: (r: unknown) => void) => {
        urls.push(url);
        callback({ status, value: status === "succeeded" ? dialog : undefined });
      },
    } as unknown as DialogUi;
    return { ui, dialog, handlers, urls };
  }

  it("opens report.html with the report and resolves when the page's Close button messages the parent", async () => {
    const { ui, dialog, handlers, urls } = fakeUi("succeeded");
    let done = false;
    const shown = showReportDialog(report, ui, BASE).then(() => (done = true));
    await Promise.resolve();
    expect(reportFromUrl(urls[0])).toEqual(report);
    expect(done).toBe(false);
    handlers.get("dialogMessageReceived")?.();
    await shown;
    expect(dialog.close).toHaveBeenCalledTimes(1);
  });

  it("resolves when the person closes the dialog with its ✕", async () => {
    const { ui, dialog, handlers } = fakeUi("succeeded");
    const shown = showReportDialog(report, ui, BASE);
    handlers.get("dialogEventReceived")?.();
    await expect(shown).resolves.toBeUndefined();
    expect(dialog.close).not.toHaveBeenCalled();
  });

  it("resolves at once when the dialog cannot open or there is no dialog API", async () => {
    await expect(showReportDialog(report, fakeUi("failed").ui, BASE)).resolves.toBeUndefined();
    await expect(showReportDialog(report, undefined, BASE)).resolves.toBeUndefined();
    const throwing = {
      displayDialogAsync: () => {
        throw new Error("12007");
      },
    } as unknown as DialogUi;
    await expect(showReportDialog(report, throwing, BASE)).resolves.toBeUndefined();
  });
});

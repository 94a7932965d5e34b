import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { readEmbeddedTemplates } from "../../src/adapters/xlsx/embeddedTemplates";
import { annex, tempDir } from "../helpers/cli";
import { THAI_BINH } from "../helpers/handMadeSheets";
import {
  buildPreview,
  describeInChromium,
  cutOrOverlappingText,
  launchChromium,
  openPreview,
  pageErrors,
  paneScreenshot,
  screenshot,
  servePreview,
  Served,
} from "./previewHarness";

/**
 * Issue #20 end to end in Debian's headless Chromium: a sheet made by hand (Thái Bình's quý I/2020
 * report, not made by the tool) opened in the preview; "Tạo mẫu từ trang tính đang mở" learns it, a
 * direction is changed with the keyboard, "Lưu vào sổ tính và kiểm tra" keeps the template inside the
 * workbook and checks the sheet with it; the workbook downloaded is then checked by `annex check` with
 * no JSON, and gives the same findings. The learned table fits 320 px and is reached by Tab.
 */
const SHEET = "Quý I-2020";

async function handMadeFile(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  THAI_BINH.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    })
  );
  const file = path.join(dir, "thai-binh-quy-1-2020.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

/** What the focused element is called (its label, or its text). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute("aria-label") || el?.textContent?.trim() || el?.tagName || "";
  });
}

describeInChromium("Tạo mẫu từ trang tính đang mở, in Chromium", () => {
  let served: Served;
  let browser: Browser;
  const dir = tempDir("annex-e2e-learn-");

  beforeAll(async () => {
    served = await servePreview(buildPreview());
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("a hand-made sheet: learn, change a direction, save into the workbook, check; annex check on the download agrees", async () => {
    const page = await openPreview(browser, served.url, { sample: "none" });
    const pane = page.locator("aside.pane");
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Mở tệp…" }).click(),
    ]);
    await chooser.setFiles(await handMadeFile(dir));
    await page
      .locator("section.sheet-area")
      .getByRole("tab", { name: SHEET, selected: true })
      .waitFor();

    await pane.getByRole("tab", { name: "Mẫu biểu" }).click();
    const learn = pane.getByRole("button", { name: "Tạo mẫu từ trang tính đang mở" });
    await learn.click();
    const table = pane.getByRole("table", { name: "Các chỉ tiêu học được" });
    await table.waitFor();
    expect(await table.getByRole("row").count()).toBe(19);

    // At 320 px nothing of the learned table is cut or drawn over other text.
    await screenshot(page, "40-learned");
    await paneScreenshot(page, "40-learned-pane");
    expect(await cutOrOverlappingText(page)).toEqual([]);

    // Keyboard: from "Tạo mẫu…", Tab reaches every dropdown of the table, then the Save button.
    await learn.focus();
    const visited: string[] = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const name = await focused(page);
      visited.push(name);
      if (name === "Lưu vào sổ tính và kiểm tra") break;
    }
    expect(visited[visited.length - 1]).toBe("Lưu vào sổ tính và kiểm tra");
    const selects = await table.locator("select").count();
    expect(visited.filter((v) => /^(Loại|Chiều|Quan hệ) /.test(v))).toHaveLength(selects);

    // The new jobs are a count where higher is better; the officer makes them "nghịch" by keyboard.
    const direction = table.getByRole("combobox", {
      name: "Chiều 1 Số lao động được tạo việc làm mới",
    });
    expect(await direction.inputValue()).toBe("up");
    await direction.focus();
    await direction.selectOption("down");
    await pane.getByRole("button", { name: "Lưu vào sổ tính và kiểm tra" }).press("Enter");
    const saved = pane.getByText(/^Đã lưu mẫu vào sổ tính \(phiên bản 1\.0\.0\)/);
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(
      /Kiểm tra trang tính "Quý I-2020" với mẫu này: \d+ lỗi/
    );
    await paneShot(page, "41-saved");

    // Kiểm tra shows the check made with the new template.
    await pane.getByRole("tab", { name: "Kiểm tra" }).click();
    await pane.locator("li[data-severity]").first().waitFor();
    const shown = await pane
      .locator("li[data-severity]")
      .evaluateAll((els) =>
        els.map(
          (e) =>
            `${e.getAttribute("data-severity")} ${/^Ô ([A-Z]+\d+)/.exec(e.textContent ?? "")?.[1] ?? ""}`
        )
      );
    expect(shown.some((s) => s.startsWith("error "))).toBe(true);
    await paneShot(page, "42-checked");

    // The workbook downloaded carries its form: annex check, with no JSON, finds the same.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải xuống" }).click(),
    ]);
    const file = path.join(dir, "xa-gui-di.xlsx");
    await download.saveAs(file);
    const r = await annex("check", file, "--json");
    const report = JSON.parse(r.out);
    const cli = report.files[0].sheets[0].findings.map(
      (f: { severity: string; cell?: string }) => `${f.severity} ${f.cell ?? ""}`
    );
    expect([...cli].sort()).toEqual([...shown].sort());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const form = readEmbeddedTemplates(wb)[0]?.template;
    expect(
      form?.indicators.find((i) => i.name.vi === "Số lao động được tạo việc làm mới")
    ).toMatchObject({
      direction: "down",
    });
    expect(wb.getWorksheet("_annex")?.state).toBe("veryHidden");
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test("?lang=en: the learned table in English at 320 px, nothing cut, the conflict asked in words", async () => {
    const page = await openPreview(browser, served.url, { sample: "none", lang: "en" });
    const pane = page.locator("aside.pane");
    expect((await pane.boundingBox())?.width).toBe(320);
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Mở tệp…" }).click(),
    ]);
    await chooser.setFiles(await handMadeFile(dir));
    await pane.getByRole("tab", { name: "Templates" }).click();
    await pane.getByRole("button", { name: "Learn the template of the open sheet" }).click();
    const table = pane.getByRole("table", { name: "Learned indicators" });
    await table.waitFor();
    await pane.getByRole("button", { name: "Save in the workbook and check" }).click();
    await pane.getByText(/^Saved the template in the workbook \(version 1\.0\.0\)/).waitFor();
    // Another direction: asked, with the button that replaces, under Save where the officer is.
    await table
      .getByRole("combobox", { name: "Direction 1 Số lao động được tạo việc làm mới" })
      .selectOption("neutral");
    await pane.getByRole("button", { name: "Save in the workbook and check" }).click();
    await pane
      .getByText(/^The workbook already keeps this sheet's template, version 1\.0\.0/)
      .waitFor();
    await paneShot(page, "43-english-conflict");
    // Scrolled into sight: the officer pressed Save at the table's end and sees the question there.
    const replace = pane.getByRole("button", { name: "Replace the workbook's template" });
    const box = await replace.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 800).toBe(true);
    await pane.getByRole("button", { name: "Replace the workbook's template" }).click();
    await pane
      .getByText(/^Replaced the template's version 1\.0\.0 in the workbook with version 1\.0\.1\./)
      .waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

async function paneShot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await paneScreenshot(page, `${name}-pane`);
  expect(await cutOrOverlappingText(page)).toEqual([]);
}

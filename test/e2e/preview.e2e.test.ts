import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { buildAnnexLayout, findTemplate, samplePlan } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { randomFigures } from "../../src/samples/randomFigures";
import { template, TestAnnex } from "../helpers/annex";
import { tempDir } from "../helpers/cli";
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
 * The preview end to end, in Debian's headless Chromium: the page opens on the Lạng Sơn sample, a
 * person types into the grid, opens and downloads .xlsx files. Screenshots of each screen go to
 * out/screenshots/ (git-ignored). Skipped only on a developer machine without Chromium; on CI
 * (CI=true) a missing browser fails the run.
 */

/** The workbook's sheet tabs (the pane has tabs of its own). */
const sheets = (page: Page) => page.locator("section.sheet-area");
const cell = (page: Page, address: string) => page.locator(`td[data-address="${address}"]`);

async function typeInto(page: Page, address: string, text: string): Promise<void> {
  await cell(page, address).click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** Where an indicator's figure lives on Biểu 01 of 2023 as the pane inserts it. */
const annex2023 = new TestAnnex(template(), 2023);
const at = (code: string, columnId: string) => annex2023.address(code, columnId);

/** A district's annex as the district office sends it: its own title block and figures. */
async function districtFile(
  dir: string,
  district: string,
  seed: number,
  slip?: (ws: ExcelJS.Worksheet) => void
) {
  const tpl = findTemplate("bieu-01-ke-hoach-nam")!;
  const workbook = await newAnnexWorkbook({
    template: tpl,
    year: 2023,
    authority: `UBND huyện ${district}`,
    unitName: `Phòng Lao động - Thương binh và Xã hội huyện ${district}`,
  });
  const layout = buildAnnexLayout(tpl, { year: 2023 });
  applyWritePlan(workbook.worksheets[0], samplePlan(layout, tpl, randomFigures(tpl, 2023, seed)));
  slip?.(workbook.worksheets[0]);
  const file = path.join(dir, `bieu01-${district.toLowerCase().replace(/\s+/g, "-")}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

/**
 * Screenshots of the window and of the pane, and what the pane shows cut or overlapping, by screen.
 * Collected along a test and asserted at its end, so one screen's layout slip does not hide whether
 * the next screens work.
 */
async function paneShot(page: Page, name: string, layout: string[]): Promise<void> {
  await screenshot(page, name);
  await paneScreenshot(page, `${name}-pane`);
  for (const p of await cutOrOverlappingText(page)) layout.push(`${name}: ${p}`);
}

describeInChromium("npm run preview in Chromium", () => {
  let served: Served;
  let browser: Browser;
  const dir = tempDir("annex-e2e-");

  beforeAll(async () => {
    served = await servePreview(buildPreview());
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  test("a blank workbook: insert Biểu 01, type mistakes, check, go to a finding, convert, fill, undo, download", async () => {
    const page = await openPreview(browser, served.url, { sample: "none" });
    const pane = page.locator("aside.pane");
    const layout: string[] = [];
    expect(await sheets(page).getByRole("tab", { selected: true }).textContent()).toBe(
      "Trang tính1"
    );

    // Mẫu biểu: Biểu 01 for 2023 as a new sheet.
    await pane.getByRole("tab", { name: "Mẫu biểu" }).click();
    await pane.getByRole("textbox", { name: "Năm" }).fill("2023");
    await pane.getByRole("textbox", { name: "Cơ quan chủ quản" }).fill("UBND tỉnh Lạng Sơn");
    await pane
      .getByRole("textbox", { name: "Đơn vị báo cáo" })
      .fill("Sở Lao động - Thương binh và Xã hội");
    await pane.getByRole("textbox", { name: "Tên trang tính mới" }).waitFor();
    await page.waitForFunction(
      () =>
        (document.querySelector("aside.pane input[maxlength='31']") as HTMLInputElement | null)
          ?.value === "Biểu 01 - 2023"
    );
    await paneShot(page, "10-templates", layout);
    await pane.getByRole("button", { name: "Chèn trang tính mới" }).click();
    await sheets(page).getByRole("tab", { name: "Biểu 01 - 2023", selected: true }).waitFor();
    expect(await cell(page, "A1").textContent()).toBe("UBND TỈNH LẠNG SƠN");
    await paneShot(page, "11-inserted", layout);

    // Figures with mistakes: a total that is not the sum of its parts, "16.000" pasted as text, a rate above 100.
    await typeInto(page, at("1", "actualPrev"), "15000");
    await typeInto(page, at("1.1", "actualPrev"), "6500");
    await typeInto(page, at("1.2", "actualPrev"), "9700");
    await typeInto(page, at("1.3", "actualPrev"), "320");
    await typeInto(page, at("1", "planCur"), "16000");
    await typeInto(page, at("1", "estimateCur"), "'16.200");
    await typeInto(page, at("13", "actualPrev"), "120");
    expect(await cell(page, at("1", "estimateCur")).textContent()).toBe("16.200");
    expect(await cell(page, at("1", "actualPrev")).textContent()).toBe("15.000");

    // Kiểm tra.
    await pane.getByRole("tab", { name: "Kiểm tra" }).click();
    await pane.getByRole("button", { name: "Kiểm tra trang tính đang mở" }).click();
    const summary = pane.getByRole("status");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/lỗi/);
    const findings = await pane.locator("li[data-severity]").allInnerTexts();
    const sum = findings.find((f) => f.startsWith(`Ô ${at("1", "actualPrev")} `));
    expect(sum).toBeDefined();
    expect(
      findings.some((f) => f.startsWith(`Ô ${at("1", "estimateCur")} `) && f.includes("16.200"))
    ).toBe(true);
    expect(
      findings.some((f) => f.startsWith(`Ô ${at("13", "actualPrev")} `) && f.includes("120"))
    ).toBe(true);
    const severities = await pane
      .locator("li[data-severity]")
      .evaluateAll((els) =>
        els.map((e) => [e.textContent ?? "", e.getAttribute("data-severity") ?? ""] as const)
      );
    expect(severities.find(([t]) => t.startsWith(`Ô ${at("13", "actualPrev")} `))?.[1]).toBe(
      "error"
    );
    expect(severities.find(([t]) => t.startsWith(`Ô ${at("1", "actualPrev")} `))?.[1]).toBe(
      "error"
    );
    await paneShot(page, "12-check", layout);

    // Tô màu tất cả marks the cells by severity in the sheet; Bỏ tô màu takes the marks away.
    await pane.getByRole("button", { name: "Tô màu tất cả" }).click();
    await page.waitForSelector(`td[data-address="${at("13", "actualPrev")}"].hl-error`);
    expect(await cell(page, at("1", "actualPrev")).getAttribute("class")).toContain("hl-error");
    expect(await cell(page, at("1", "estimateCur")).getAttribute("class")).toContain("hl-warning");
    await screenshot(page, "12-highlighted");
    await pane.getByRole("button", { name: "Bỏ tô màu" }).click();
    await page.waitForFunction(
      () => document.querySelectorAll("td.hl-error, td.hl-warning, td.hl-info").length === 0
    );

    // A finding's button selects its cell in the sheet.
    await sheets(page).getByRole("tab", { name: "Biểu 01 - 2023" }).click();
    await cell(page, "A1").click();
    await pane
      .getByRole("button", {
        name: new RegExp(`^Chọn ô trong Excel: ${at("13", "actualPrev")}\\b`),
      })
      .click();
    await page.waitForSelector(`td[data-address="${at("13", "actualPrev")}"].active`);
    expect((await page.getByLabel("Ô đang chọn / Selected cell").inputValue()).split(",")[0]).toBe(
      at("13", "actualPrev")
    );
    await paneShot(page, "13-finding-selected", layout);

    // Convert the text number.
    await pane
      .getByRole("checkbox", { name: `Chọn để chuyển thành số (${at("1", "estimateCur")})` })
      .check();
    await pane.getByRole("button", { name: "Chuyển thành số (1)" }).click();
    await page.waitForSelector(`td[data-address="${at("1", "estimateCur")}"].num`);
    await cell(page, at("1", "estimateCur")).click();
    expect(await page.getByLabel("Thanh công thức / Formula bar").inputValue()).toBe("16200");
    await paneShot(page, "14-converted", layout);

    // Tính cột: the comparison columns get their formulas and values.
    await pane.getByRole("tab", { name: "Tính cột" }).click();
    await pane.getByRole("button", { name: "Tính cột", exact: true }).click();
    await page.waitForFunction(
      (address) =>
        document.querySelector(`td[data-address="${address}"]`)?.textContent === "101,25",
      at("1", "pctPlan")
    );
    expect(await cell(page, at("1", "yoy")).textContent()).toBe("108,00");
    await cell(page, at("1", "pctPlan")).click();
    expect(await page.getByLabel("Thanh công thức / Formula bar").inputValue()).toMatch(/^=IF\(/);
    await paneShot(page, "15-filled", layout);

    // Hoàn tác: the values are gone again.
    await pane.getByRole("button", { name: /^Hoàn tác/ }).click();
    await page.waitForFunction(
      (address) => document.querySelector(`td[data-address="${address}"]`)?.textContent === "",
      at("1", "pctPlan")
    );
    expect(await cell(page, at("1", "yoy")).textContent()).toBe("");
    await paneShot(page, "16-undone", layout);

    // Tải xuống, and ExcelJS reads what the person and the pane wrote.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải xuống" }).click(),
    ]);
    const file = path.join(dir, "bieu01-2023.xlsx");
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Biểu 01 - 2023")!;
    expect(ws.getCell(at("1", "actualPrev")).value).toBe(15000);
    expect(ws.getCell(at("1", "estimateCur")).value).toBe(16200);
    expect(ws.getCell(at("13", "actualPrev")).value).toBe(120);
    expect(ws.getCell(at("1", "pctPlan")).formula).toMatch(/^IF\(/);
    expect(ws.getCell(at("1", "pctPlan")).result ?? null).toBeNull();
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Trang tính1", "Biểu 01 - 2023", "_annex"]);
    expect(pageErrors(page)).toEqual([]);
    // At 320 px no Vietnamese text is cut or drawn over other text, on any screen above.
    expect(layout).toEqual([]);
    await page.close();
  });

  test("Hồ sơ huyện: three districts' files checked in the page, one summary row each", async () => {
    const files = [
      await districtFile(dir, "Cao Lộc", 11),
      await districtFile(dir, "Văn Lãng", 12, (ws) => {
        ws.getCell(at("2", "actualPrev")).value = -5; // a negative count: an error
      }),
      await districtFile(dir, "Lộc Bình", 13),
    ];
    const page = await openPreview(browser, served.url);
    const pane = page.locator("aside.pane");
    const layout: string[] = [];
    await pane.getByRole("tab", { name: "Hồ sơ đơn vị" }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      pane.getByRole("button", { name: "Chọn tệp .xlsx…" }).click(),
    ]);
    await chooser.setFiles(files);
    const table = pane.getByRole("table", { name: "Tóm tắt theo tệp" });
    await table.waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll("aside.pane table tbody tr").length === 3
    );
    // One row per file: the file (a button) with the unit read from its title block, the form and
    // year, the counts of errors and warnings.
    const rows = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => {
        const tds = Array.from(tr.querySelectorAll("td"));
        const file = (tds[0]?.querySelector("button")?.textContent ?? "").trim();
        return {
          file,
          unit: (tds[0]?.textContent ?? "").replace(file, "").trim(),
          formYear: (tds[1]?.textContent ?? "").trim(),
          errors: (tds[tds.length - 2]?.textContent ?? "").trim(),
        };
      })
    );
    expect(rows.map((r) => r.file)).toEqual(files.map((f) => path.basename(f)));
    ["Cao Lộc", "Văn Lãng", "Lộc Bình"].forEach((district, i) => {
      expect(rows[i].unit.toLocaleLowerCase("vi")).toContain(
        `huyện ${district.toLocaleLowerCase("vi")}`
      );
      expect(rows[i].formYear).toMatch(/01/);
      expect(rows[i].formYear).toContain("2023");
    });
    expect(Number(rows[1].errors)).toBeGreaterThan(0);
    await paneShot(page, "20-districts", layout);
    await pane.getByRole("button", { name: `Xem kết quả của ${path.basename(files[1])}` }).click();
    await pane
      .getByRole("region", { name: `Kết quả của tệp ${path.basename(files[1])}` })
      .waitFor();
    expect(
      await pane
        .getByRole("region", { name: `Kết quả của tệp ${path.basename(files[1])}` })
        .innerText()
    ).toContain(at("2", "actualPrev"));
    await paneShot(page, "21-district-findings", layout);
    expect(pageErrors(page)).toEqual([]);
    expect(layout).toEqual([]);
    await page.close();
  });

  test("opens on the Lạng Sơn sample: the 2023 annex, its figures as a Vietnamese Excel shows them, the pane beside it; the 2027 annex on the second tab", async () => {
    const page = await openPreview(browser, served.url);
    await screenshot(page, "01-sample");
    await paneScreenshot(page, "01-sample-pane");
    // The 2023 annex first and active; beside it, Biểu 01 for 2027 of today's structure (#21).
    expect(await sheets(page).getByRole("tab").allTextContents()).toEqual([
      "Biểu 01 - 2023",
      "Biểu 01 - 2027",
    ]);
    expect(await sheets(page).getByRole("tab", { selected: true }).textContent()).toBe(
      "Biểu 01 - 2023"
    );
    expect(await cell(page, "A1").textContent()).toBe("UBND TỈNH LẠNG SƠN");
    expect(await cell(page, "E11").textContent()).toBe("trên 16.000");
    expect(await cell(page, "D11").textContent()).toBe("16.520");
    const paneBox = await page.locator("aside.pane").boundingBox();
    expect(paneBox?.width).toBe(320);
    expect(await cutOrOverlappingText(page)).toEqual([]);

    // The 2027 tab: Sở Nội vụ's title block, the plan for 2027.
    await sheets(page).getByRole("tab", { name: "Biểu 01 - 2027" }).click();
    await sheets(page).getByRole("tab", { name: "Biểu 01 - 2027", selected: true }).waitFor();
    expect(await cell(page, "A1").textContent()).toBe("UBND TỈNH LẠNG SƠN");
    expect(await cell(page, "A2").textContent()).toBe("SỞ NỘI VỤ");
    expect(await page.locator("td", { hasText: "KẾ HOẠCH NĂM 2027" }).count()).toBeGreaterThan(0);
    await screenshot(page, "01-sample-2027");
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test("?lang=en&pane=350: the pane in English at 350 px, nothing cut", async () => {
    const page = await openPreview(browser, served.url, { lang: "en", pane: "350" });
    const pane = page.locator("aside.pane");
    expect((await pane.boundingBox())?.width).toBe(350);
    await pane.getByRole("tab", { name: "Check" }).waitFor();
    await pane.getByRole("button", { name: "Check the active sheet" }).click();
    await pane.getByRole("status").waitFor();
    expect(await pane.getByRole("status").textContent()).toMatch(/error/);
    await screenshot(page, "04-english-350");
    expect(await cutOrOverlappingText(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test("typing into the grid: numbers as vi-VN reads them, an apostrophe keeps text, the formula bar follows", async () => {
    const page = await openPreview(browser, served.url);
    await typeInto(page, "D12", "7.000");
    expect(await cell(page, "D12").textContent()).toBe("7.000");
    // Enter moved down to D13, as in Excel.
    expect(await page.getByLabel("Ô đang chọn / Selected cell").inputValue()).toBe("D13");
    await typeInto(page, "D13", "'9.700");
    expect(await cell(page, "D13").textContent()).toBe("9.700");
    await cell(page, "D12").click();
    expect(await page.getByLabel("Thanh công thức / Formula bar").inputValue()).toBe("7000");
    await cell(page, "D13").click();
    expect(await page.getByLabel("Thanh công thức / Formula bar").inputValue()).toBe("9.700");

    // A derived cell is locked on the protected annex: typing is refused, in Vietnamese first.
    const before = await cell(page, "H11").textContent();
    await typeInto(page, "H11", "99");
    expect(await cell(page, "H11").textContent()).toBe(before);
    expect(await page.getByText(/^Ô H11 bị khóa/).isVisible()).toBe(true);
    await screenshot(page, "02-typing-locked-cell");
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test("Tải xuống gives an .xlsx ExcelJS reads back; Mở tệp… opens one from disk", async () => {
    const page = await openPreview(browser, served.url);
    await typeInto(page, "D12", "6.600");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải xuống" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("bieu-01-lang-son-2023.xlsx");
    const file = path.join(dir, "downloaded.xlsx");
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Biểu 01 - 2023")!;
    expect(ws.getCell("D12").value).toBe(6600);
    expect(ws.getCell("E11").value).toBe("trên 16.000");
    expect(wb.getWorksheet("_annex")?.state).toBe("veryHidden");

    // Another workbook from disk: two sheets, the second active.
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Tổng hợp").getCell("A1").value = "Tổng hợp các huyện";
    const second = other.addWorksheet("Số liệu");
    second.getCell("B2").value = 1234.5;
    second.getCell("B2").numFmt = "#,##0.0";
    other.views = [{ activeTab: 1 } as ExcelJS.WorkbookView];
    const otherFile = path.join(dir, "so-lieu.xlsx");
    await other.xlsx.writeFile(otherFile);
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Mở tệp…" }).click(),
    ]);
    await chooser.setFiles(otherFile);
    await sheets(page).getByRole("tab", { name: "Số liệu", selected: true }).waitFor();
    expect(await cell(page, "B2").textContent()).toBe("1.234,5");
    await sheets(page).getByRole("tab", { name: "Tổng hợp" }).click();
    expect(await cell(page, "A1").textContent()).toBe("Tổng hợp các huyện");
    await screenshot(page, "03-opened-file");

    // Not a workbook: said in both languages, and the open workbook stays.
    const bad = path.join(dir, "khong-phai.xlsx");
    await fs.writeFile(bad, "không phải sổ tính");
    const [chooser2] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Mở tệp…" }).click(),
    ]);
    await chooser2.setFiles(bad);
    await page.getByText(/^Không đọc được tệp/).waitFor();
    expect(await cell(page, "A1").textContent()).toBe("Tổng hợp các huyện");
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

import { promises as fs } from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { communeFiles } from "../../bench/paneFiles";
import { annex, tempDir } from "../helpers/cli";
import { docxFile } from "../reliability/inputs";
import {
  buildPreview,
  describeInChromium,
  cutOrOverlappingText,
  launchChromium,
  progressSeen,
  servePreview,
  Served,
  watchProgress,
} from "./previewHarness";

/**
 * Hồ sơ đơn vị in Chromium (issue #19, item 7): the files read in the pool of Web Workers give the
 * same summary rows as the page reading them itself (Worker taken away) and as `annex check` of the
 * same files; Tổng hợp leaves out the same files under the same reasons, grouped with their counts,
 * each group opened from the keyboard; progress names each file as it is read.
 */

interface Row {
  readonly file: string;
  readonly errors: string;
  readonly warnings: string;
}

async function openPane(browser: Browser, url: string, withWorker: boolean) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  if (!withWorker)
    await context.addInitScript(() => {
      delete (window as { Worker?: unknown }).Worker;
    });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  let workers = 0;
  page.on("worker", () => workers++);
  await page.goto(`${url}?sample=none`);
  await page.waitForSelector("[data-preview-ready]", { timeout: 30_000 });
  return { page, errors, workers: () => workers, close: () => context.close() };
}

async function checkFiles(page: Page, files: readonly string[]): Promise<Row[]> {
  const pane = page.locator("aside.pane");
  await pane.getByRole("tab", { name: "Hồ sơ đơn vị" }).click();
  await watchProgress(page);
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    pane.getByRole("button", { name: "Chọn tệp .xlsx…" }).click(),
  ]);
  await chooser.setFiles([...files]);
  await page.waitForFunction(
    (n) => document.querySelectorAll("aside.pane table tbody tr").length === n,
    files.length,
    { timeout: 120_000 }
  );
  return pane
    .getByRole("table", { name: "Tóm tắt theo tệp" })
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const tds = Array.from(tr.querySelectorAll("td"));
        return {
          file: (tds[0]?.querySelector("button")?.textContent ?? "").trim(),
          errors: (tds[tds.length - 2]?.textContent ?? "").trim(),
          warnings: (tds[tds.length - 1]?.textContent ?? "").trim(),
        };
      })
    );
}

/** Tổng hợp, then the headings of the left-out groups ("Bản sao y hệt của tệp khác (1)"). */
async function merge(page: Page): Promise<string[]> {
  const pane = page.locator("aside.pane");
  await pane.getByRole("button", { name: "Tổng hợp thành biểu của tỉnh" }).click();
  const left = pane.getByRole("region", { name: "Tệp không được tổng hợp" });
  await left.waitFor({ timeout: 120_000 });
  return left.getByRole("button").allTextContents();
}

describeInChromium("Hồ sơ đơn vị: the pool of workers in Chromium", () => {
  let served: Served;
  let browser: Browser;
  const dir = tempDir("annex-e2e-pool-");
  let files: string[];

  beforeAll(async () => {
    const communes = await communeFiles(dir, 5);
    const copy = path.join(dir, "xa-001 - Copy.xlsx");
    await fs.copyFile(communes[0], copy);
    const docx = path.join(dir, "ghi-chu.xlsx");
    await fs.writeFile(docx, docxFile());
    const damaged = path.join(dir, "hong.xlsx");
    await fs.writeFile(damaged, Buffer.from("PK\u0003\u0004 not really a zip"));
    files = [...communes, copy, docx, damaged];
    served = await servePreview(buildPreview());
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("workers, the page alone and annex check say the same of the same files; Tổng hợp groups what it leaves out", async () => {
    const pooled = await openPane(browser, served.url, true);
    const single = await openPane(browser, served.url, false);
    const poolRows = await checkFiles(pooled.page, files);
    const singleRows = await checkFiles(single.page, files);
    // the pool did run in workers, the other page had none to run
    expect(pooled.workers()).toBeGreaterThan(0);
    expect(single.workers()).toBe(0);
    expect(poolRows).toEqual(singleRows);
    expect(poolRows.map((r) => r.file)).toEqual(files.map((f) => path.basename(f)));

    // annex check of the same files: the same counts; "—" where it could not read the file
    const cli = JSON.parse((await annex("check", ...files, "--json")).out) as {
      files: Array<{ file: string; status: string; counts: { error: number; warning: number } }>;
    };
    expect(poolRows).toEqual(
      cli.files.map((f) => ({
        file: path.basename(f.file),
        errors: f.status === "unreadable" ? "—" : String(f.counts.error),
        warnings: f.status === "unreadable" ? "—" : String(f.counts.warning),
      }))
    );
    expect(poolRows.filter((r) => r.errors === "—").map((r) => r.file)).toEqual([
      "ghi-chu.xlsx",
      "hong.xlsx",
    ]);

    // progress named the files as they were read, counting to the last
    const progress = await progressSeen(pooled.page);
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) expect(p).toMatch(/^Đang đọc \d+\/8 tệp… /);

    // Tổng hợp: the same groups with their counts, from the workers' reads as from the page's
    const poolGroups = await merge(pooled.page);
    expect(poolGroups).toEqual(await merge(single.page));
    expect(poolGroups).toContain("Bản sao y hệt của tệp khác (1)");
    expect(poolGroups.some((g) => /\(2\)$/.test(g))).toBe(true); // the two unreadable files
    // a group opens from the keyboard and lists its files
    const pane = pooled.page.locator("aside.pane");
    const copies = pane.getByRole("button", { name: "Bản sao y hệt của tệp khác (1)" });
    await copies.focus();
    await pooled.page.keyboard.press("Enter");
    await expect(copies.getAttribute("aria-expanded")).resolves.toBe("true");
    expect(
      await pane.getByRole("region", { name: "Tệp không được tổng hợp" }).innerText()
    ).toContain("xa-001 - Copy.xlsx");
    expect(await cutOrOverlappingText(pooled.page)).toEqual([]);
    expect(pooled.errors).toEqual([]);
    expect(single.errors).toEqual([]);
    await pooled.close();
    await single.close();
  }, 600_000);
});

import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { buildAnnexLayout, samplePlan } from "../src/domain";
import { unitDirectory } from "../src/domain/units/data";
import { applyWritePlan } from "../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../src/cli/commands/newAnnex";
import { randomFigures } from "../src/samples/randomFigures";
import {
  CHROMIUM,
  launchChromium,
  openPreview,
  progressSeen,
  servePreview,
  watchProgress,
} from "../test/e2e/previewHarness";
import { template } from "./templates";
import { fmt } from "./measure";
import { ANNEX_BIN, QUICK } from "./options";

/**
 * Hồ sơ đơn vị at command-line speed (issue #19, item 7): the same commune files, in the same run,
 * checked by `annex check` (the built command line, one process) and by the pane's files tab in
 * headless Chromium (the preview page, files picked at once: from the pick until the summary table
 * has a row per file). Goal: the pane ≤ 1,5× the command line on 104 files (Hưng Yên's communes).
 */
export const PANE_FILES_GOAL = 1.5;

/** Biểu 01 for 2027 as a commune's Phòng Văn hóa - Xã hội fills it, one file per commune. */
export async function communeFiles(dir: string, n: number): Promise<string[]> {
  const t = template("bieu-01-ke-hoach-nam");
  const province = unitDirectory().findProvince("Hưng Yên");
  const communes = province?.units ?? [];
  const layout = buildAnnexLayout(t, { year: 2027, department: "phong-vh-xh" });
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const unit = communes[i % Math.max(1, communes.length)];
    const workbook = await newAnnexWorkbook({
      template: t,
      year: 2027,
      department: "phong-vh-xh",
      authority: unit ? `UBND ${unit.kind} ${unit.name}` : `UBND xã Số ${i + 1}`,
    });
    applyWritePlan(workbook.worksheets[0], samplePlan(layout, t, randomFigures(t, 2027, i + 1)));
    const file = path.join(dir, `xa-${String(i + 1).padStart(3, "0")}.xlsx`);
    await saveWorkbook(workbook, file);
    files.push(file);
  }
  return files;
}

/** One `annex check` process over the files: wall time in ms. */
function cliCheck(files: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync("node", [ANNEX_BIN, "check", ...files, "--json"], {
    maxBuffer: 1 << 28,
    encoding: "utf8",
  });
  const ms = performance.now() - t0;
  if (r.status === null || r.status > 1) throw new Error(`annex check failed: ${r.stderr}`);
  return ms;
}

/**
 * The pane's files tab over the same files, in the built preview (dist): ms from the pick until a
 * summary row per file is drawn, and the progress texts seen on the way.
 */
export async function paneCheck(
  dist: string,
  files: readonly string[]
): Promise<{ ms: number; progress: string[]; workers: number; longestTask: number }> {
  const served = await servePreview(dist);
  const browser = await launchChromium();
  try {
    const page = await openPreview(browser, served.url, { sample: "none" });
    let workers = 0;
    page.on("worker", () => workers++);
    const pane = page.locator("aside.pane");
    await pane.getByRole("tab", { name: "Hồ sơ đơn vị" }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      pane.getByRole("button", { name: "Chọn tệp .xlsx…" }).click(),
    ]);
    // The progress line as the page draws it, sampled from the page itself.
    await watchProgress(page);
    // How long the page stops answering at a time while it reads (tasks over 50 ms, as Chrome counts them).
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: "longtask" });
    });
    const t0 = performance.now();
    await chooser.setFiles([...files]);
    await page.waitForFunction(
      (n) => document.querySelectorAll("aside.pane table tbody tr").length === n,
      files.length,
      { timeout: 600_000, polling: 50 }
    );
    const ms = performance.now() - t0;
    const progress = await progressSeen(page);
    const longestTask = await page.evaluate(() =>
      Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks)
    );
    await page.close();
    return { ms, progress, workers, longestTask };
  } finally {
    await browser.close();
    await served.stop();
  }
}

export async function paneFilesBench(dist: string | undefined): Promise<void> {
  const n = QUICK ? 6 : 104;
  console.log(
    `Hồ sơ đơn vị: ${n} commune files (Biểu 01 2027), \`annex check\` against the pane in headless Chromium, same run`
  );
  if (!dist || !existsSync(path.join(dist, "preview.html"))) {
    console.log("  no built preview (npm run build makes dist/addin): skipped.");
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`  Chromium not found at ${CHROMIUM}: skipped (apt-get install chromium).`);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "annex-pane-files-"));
  try {
    const files = await communeFiles(dir, n);
    const cli = cliCheck(files);
    const pane = await paneCheck(dist, files);
    const ratio = pane.ms / cli;
    console.log(`  annex check: ${fmt(cli)} wall (${(cli / n).toFixed(1)} ms per file)`);
    console.log(
      `  pane:        ${fmt(pane.ms)} from the pick to ${n} summary rows (${(pane.ms / n).toFixed(1)} ms per file; ${pane.workers} Web Workers; ${pane.progress.length} progress texts, e.g. "${pane.progress[Math.floor(pane.progress.length / 2)] ?? ""}")`
    );
    console.log(
      `  the page's longest task while reading: ${pane.longestTask.toFixed(0)} ms (what a click waits for at worst)`
    );
    console.log(
      `  pane / command line: ${ratio.toFixed(2)}× ${QUICK ? "(quick form: no goal)" : `(goal ≤ ${PANE_FILES_GOAL}×) ${ratio <= PANE_FILES_GOAL ? "✓" : "✗"}`}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  paneFilesBench(process.env.PREVIEW_DIST ?? path.resolve("dist", "addin")).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

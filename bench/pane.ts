import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync } from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { CHROMIUM, launchChromium, ROOT, servePreview } from "../test/e2e/previewHarness";
import { QUICK } from "./options";

/**
 * The pane's weight and speed: the gzip size of the JavaScript the task pane loads before it draws
 * (taskpane.html's scripts; the ExcelJS chunk it loads lazily for the districts' files is reported
 * apart), and the time to first render in Debian's headless Chromium — of the task pane page (its
 * first paint; outside Excel it draws the "connecting" screen) and of the preview page (until the
 * pane and the sheet are drawn). Goals: initial JS ≤ 200 KB gzip, first render ≤ 500 ms.
 *
 * Builds the pages with webpack (production) into out/bench/dist, unless PREVIEW_DIST names a folder
 * already built. The quick form (--quick) only weighs dist/addin/ when a build left it there.
 */
const INITIAL_GOAL_KB = 200;
const RENDER_GOAL_MS = 500;
const RUNS = 5;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Where the pane's pages are once paneBench ran: built there (full form) or found (quick form). */
export function paneDist(): string {
  if (process.env.PREVIEW_DIST) return path.resolve(process.env.PREVIEW_DIST);
  return QUICK ? path.join(ROOT, "dist", "addin") : path.join(ROOT, "out", "bench", "dist");
}

function build(): string {
  if (process.env.PREVIEW_DIST) return path.resolve(process.env.PREVIEW_DIST);
  const out = paneDist();
  const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const run = spawnSync(
    process.execPath,
    [cli, "--mode", "production", "--env", `outputPath=${out}`],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }
  );
  if (run.status !== 0) throw new Error(`webpack failed:\n${run.stdout}\n${run.stderr}`);
  return out;
}

/** The local scripts a page loads at once (its <script src> tags). */
function initialScripts(dir: string, page: string): string[] {
  const html = readFileSync(path.join(dir, page), "utf8");
  // Minified pages write src=file.js without quotes.
  return [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((src) => !/^(https?:)?\/\//.test(src))
    .map((src) => path.join(dir, src.replace(/^\.?\//, "")));
}

function sizes(dir: string): { initial: number; excel: number; other: number } {
  const initial = initialScripts(dir, "taskpane.html");
  const initialSet = new Set(initial);
  let initialGz = 0;
  console.log("  taskpane.html loads at once:");
  for (const f of initial) {
    const g = gz(f);
    initialGz += g;
    console.log(`    ${path.basename(f).padEnd(40)} ${kb(g)} gzip`);
  }
  // Lazy chunks: every .js file no page loads at once (commands.html's ES5 guard names the bundle it
  // loads in a script of its own). ExcelJS is the one carrying its banner.
  const pages = readdirSync(dir).filter((f) => f.endsWith(".html"));
  const entries = new Set([
    ...pages.flatMap((p) => initialScripts(dir, p)),
    ...pages.flatMap((p) =>
      [...readFileSync(path.join(dir, p), "utf8").matchAll(/"([\w.-]+\.js)"/g)].map((m) =>
        path.join(dir, m[1])
      )
    ),
  ]);
  let excel = 0;
  let other = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const file = path.join(dir, f);
    if (initialSet.has(file) || entries.has(file)) continue;
    const text = readFileSync(file, "utf8");
    const g = gz(file);
    if (/exceljs|ExcelJS/.test(text.slice(0, 4000)) || /\bExcelJS\b/.test(text)) {
      excel += g;
      console.log(`    lazy ExcelJS chunk ${f.padEnd(29)} ${kb(g)} gzip`);
    } else other += g;
  }
  return { initial: initialGz, excel, other };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function renderTimes(base: string): Promise<{ pane: number; preview: number; fcp: number }> {
  const browser = await launchChromium();
  const pane: number[] = [];
  const preview: number[] = [];
  const fcp: number[] = [];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      // A fresh context each time: nothing cached, as when Excel opens the pane.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // Outside Excel the pane page tries Microsoft's CDN for Office.js: answer at once, offline.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      await page.goto(`${base}taskpane.html`);
      await page.waitForFunction(
        () => (document.getElementById("root")?.childElementCount ?? 0) > 0
      );
      const paneMs = await page.evaluate(
        () =>
          performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? performance.now()
      );
      await page.goto(`${base}preview.html`);
      await page.waitForSelector("[data-preview-ready]");
      await page.locator("aside.pane h1").waitFor();
      const times = await page.evaluate(() => ({
        rendered: performance.getEntriesByName("preview-rendered")[0]?.startTime ?? NaN,
        fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      }));
      if (i > 0) {
        // The first run warms Chromium itself (its own caches, the font cache).
        pane.push(paneMs);
        preview.push(times.rendered);
        fcp.push(times.fcp);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { pane: median(pane), preview: median(preview), fcp: median(fcp) };
}

export async function paneBench(): Promise<void> {
  console.log("Task pane: initial JavaScript (gzip) and time to first render in headless Chromium");
  if (QUICK) {
    // The quick form builds nothing and starts no browser: the sizes of the add-in just built, if any.
    const dir = process.env.PREVIEW_DIST ?? path.join(ROOT, "dist", "addin");
    if (!existsSync(path.join(dir, "taskpane.html"))) {
      console.log(`  quick form: ${dir} has no taskpane.html (npm run build makes it): skipped.`);
      return;
    }
    const s = sizes(dir);
    console.log(`  initial JS: ${kb(s.initial)} gzip (${dir}); quick form: no first render`);
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`  Chromium not found at ${CHROMIUM}: skipped (apt-get install chromium).`);
    return;
  }
  const dir = build();
  if (!existsSync(path.join(dir, "taskpane.html"))) {
    console.log(`  ${dir} has no taskpane.html: skipped.`);
    return;
  }
  const s = sizes(dir);
  const ok = (v: boolean) => (v ? "✓" : "✗");
  console.log(
    `  initial JS: ${kb(s.initial)} gzip (goal ≤ ${INITIAL_GOAL_KB} KB) ${ok(s.initial <= INITIAL_GOAL_KB * 1024)}`
  );
  console.log(`  lazy ExcelJS chunk: ${kb(s.excel)} gzip; other lazy chunks: ${kb(s.other)} gzip`);
  if (!existsSync(path.join(dir, "preview.html"))) return;
  const served = await servePreview(dir);
  try {
    const t = await renderTimes(served.url.replace(/preview\.html$/, ""));
    console.log(
      `  task pane page, first paint: ${t.pane.toFixed(0)} ms (median of ${RUNS}; goal ≤ ${RENDER_GOAL_MS} ms) ${ok(t.pane <= RENDER_GOAL_MS)}`
    );
    console.log(
      `  preview, pane and sheet drawn: ${t.preview.toFixed(0)} ms (first paint ${t.fcp.toFixed(0)} ms; it loads ExcelJS at once and builds the sample)`
    );
  } finally {
    await served.stop();
  }
}

if (require.main === module) {
  paneBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

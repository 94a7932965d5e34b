import { ChildProcess, spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync } from "fs";
import * as path from "path";
import { Browser, chromium, Page } from "playwright-core";

/**
 * What the end-to-end tests and the pane benchmark share: build the preview once (webpack, production),
 * serve it with scripts/preview.mjs on a free loopback port, and drive Debian's Chromium with
 * playwright-core (never a downloaded browser).
 */
export const ROOT = findRoot();
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = path.join(ROOT, "out", "screenshots");
const BUILD_DIR = path.join(ROOT, "out", "e2e", "dist");

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The project's folder: from test/e2e under ts-jest, from dist/cli/test/e2e in the compiled benchmark. */
function findRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "webpack.config.js")) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
}

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * The suite, in Chromium. Where Debian's chromium is missing: skipped on a developer's machine (with a
 * word saying so), and on CI (CI=true) one failing test, since .ci/run must install it.
 */
export function describeInChromium(title: string, body: () => void): void {
  if (!chromiumInstalled())
    test("Chromium is installed (required on CI)", () => {
      if (process.env.CI === "true")
        throw new Error(`${CHROMIUM} is missing: .ci/run must install the Debian package chromium`);
      console.warn(`Chromium not found at ${CHROMIUM}: "${title}" is skipped here.`);
    });
  (chromiumInstalled() ? describe : describe.skip)(title, body);
}

/**
 * The built pages: PREVIEW_DIST when set (already built); dist/addin/ under `npm test`, whose `npm run build`
 * has just built it; else a production build into out/e2e/dist. Returns the folder.
 */
export function buildPreview(): string {
  const justBuilt =
    process.env.npm_lifecycle_event === "test" ? path.join(ROOT, "dist", "addin") : undefined;
  const given =
    process.env.PREVIEW_DIST ??
    (justBuilt && existsSync(path.join(justBuilt, "preview.html")) ? justBuilt : undefined);
  if (given) {
    const dir = path.resolve(given);
    if (!existsSync(path.join(dir, "preview.html")))
      throw new Error(`PREVIEW_DIST has no preview.html: ${dir}`);
    return dir;
  }
  mkdirSync(BUILD_DIR, { recursive: true });
  const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const run = spawnSync(
    process.execPath,
    [cli, "--mode", "production", "--env", `outputPath=${BUILD_DIR}`],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }
  );
  if (run.status !== 0) {
    throw new Error(
      `webpack failed (${run.status}):\n${run.stdout}\n${run.stderr}`.slice(0, 20_000)
    );
  }
  return BUILD_DIR;
}

export interface Served {
  /** http://127.0.0.1:PORT/preview.html */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `node scripts/preview.mjs --no-build` on a free port and waits for the address it prints. */
export function servePreview(dir: string): Promise<Served> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "scripts", "preview.mjs"), "--no-build", "--port", "0", "--dir", dir],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] }
  );
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the preview server printed no address:\n${out}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const url = /http:\/\/127\.0\.0\.1:\d+\/preview\.html/.exec(out)?.[0];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the preview server stopped (${code}):\n${out}`));
    });
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Opens the preview in a page as wide as a laptop screen; the pane is 320 px unless asked. */
export async function openPreview(
  browser: Browser,
  url: string,
  query: Record<string, string> = {}
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  ERRORS.set(page, errors);
  const search = new URLSearchParams(query).toString();
  await page.goto(search ? `${url}?${search}` : url);
  await page.waitForSelector("[data-preview-ready]", { timeout: 30_000 });
  return page;
}

const ERRORS = new WeakMap<Page, string[]>();

/** Uncaught errors of the page's scripts since it was opened. */
export function pageErrors(page: Page): string[] {
  return ERRORS.get(page) ?? [];
}

/** Saves a screenshot of the whole window to out/screenshots/NAME.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Screenshot of the pane alone (320 px), where cut or overlapping Vietnamese text would show. */
export async function paneScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.locator("aside.pane").screenshot({ path: file });
  return file;
}

/**
 * Waits until the pane's layout stops moving (an accordion opening is animated: measured halfway, its
 * panel's text is drawn over the next header), two looks 100 ms apart the same, for 5 s at most.
 */
async function layoutSettled(page: Page): Promise<void> {
  const look = () =>
    page.locator("aside.pane").evaluate((pane) =>
      Array.from(pane.querySelectorAll("*"))
        .map((el) => {
          const r = el.getBoundingClientRect();
          return `${Math.round(r.top)},${Math.round(r.height)}`;
        })
        .join(";")
    );
  let before = await look();
  for (let k = 0; k < 50; k++) {
    await page.waitForTimeout(100);
    const now = await look();
    if (now === before) return;
    before = now;
  }
}

/**
 * What a 320-px pane must not show, found from the drawn boxes: elements that stick out of the pane
 * (cut by its edge), text that runs out of its own box (cut, or drawn over its neighbour), words broken
 * letter by letter in a column too narrow, and text blocks drawn over each other.
 */
export async function cutOrOverlappingText(page: Page): Promise<string[]> {
  await layoutSettled(page);
  return page.locator("aside.pane").evaluate((pane) => {
    const problems: string[] = [];
    const paneBox = pane.getBoundingClientRect();
    const short = (t: string | null) => (t ?? "").replace(/\s+/g, " ").trim().slice(0, 50);
    const drawn = (el: Element) => {
      const st = getComputedStyle(el);
      return st.visibility !== "hidden" && st.display !== "none" && st.opacity !== "0";
    };
    // Inside a box that scrolls sideways, sticking out is scrolling, not cutting.
    const scrolls = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== pane; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll") return true;
      }
      return false;
    };

    for (const el of Array.from(pane.querySelectorAll<HTMLElement>("*"))) {
      const box = el.getBoundingClientRect();
      // (Focus-trap helpers are 1-px elements pinned to the window's corner: not content.)
      if (box.width <= 1 || box.height <= 1 || !drawn(el) || scrolls(el)) continue;
      if (box.right > paneBox.right + 1 || box.left < paneBox.left - 1) {
        const what = short(el.textContent) || el.tagName.toLowerCase();
        problems.push(
          `outside the pane: <${el.tagName.toLowerCase()}> "${what}" (${Math.round(box.left)}–${Math.round(box.right)} px, pane ${Math.round(paneBox.left)}–${Math.round(paneBox.right)})`
        );
      }
    }

    const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
    const blocks: Array<{ el: Element; rect: DOMRect; text: string }> = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? "").trim();
      const parent = n.parentElement;
      if (!text || !parent || !drawn(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length) continue;
      const own = parent.getBoundingClientRect();
      if (rects.some((r) => r.right > own.right + 1 || r.left < own.left - 1)) {
        problems.push(`text runs out of its box: "${short(text)}"`);
      }
      const words = text.split(/\s+/).length;
      const lines = new Set(rects.map((r) => Math.round(r.top))).size;
      if (lines > 2 * words + 1)
        problems.push(`broken letter by letter (${lines} lines): "${short(text)}"`);
      const union = rects.reduce(
        (u, r) =>
          new DOMRect(
            Math.min(u.left, r.left),
            Math.min(u.top, r.top),
            Math.max(u.right, r.right) - Math.min(u.left, r.left),
            Math.max(u.bottom, r.bottom) - Math.min(u.top, r.top)
          )
      );
      blocks.push({ el: parent, rect: union, text });
      // (Fluent's tabs keep a hidden bold copy of each label to reserve its width: not drawn, skipped.)
    }
    for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) {
        const a = blocks[i];
        const b = blocks[j];
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > 2 && y > 2) problems.push(`overlap: "${short(a.text)}" / "${short(b.text)}"`);
      }
    }
    return problems;
  });
}

/** Starts keeping each text the pane's progress line shows (Hồ sơ đơn vị: "Đang đọc 3/8 tệp… …"). */
export async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector("aside.pane [role=status] span")?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** The progress texts seen since watchProgress. */
export function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

import { existsSync, readFileSync } from "fs";
import http from "http";
import { AddressInfo } from "net";
import path from "path";
import { Browser, chromium } from "playwright-core";
import ts from "typescript";

/**
 * loadOffice in a real browser with Microsoft's own Office.js client library (the npm package
 * @microsoft/office-js holds the CDN's files), served from a local server: outside Office it must say
 * so, and when Office.js waits for a host that never answers (a `_host_Info` query, as Office adds) or
 * its script cannot be fetched, the deadline must speak instead of the page hanging.
 */

const root = path.resolve(__dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OFFICE_DIST = path.join(root, "node_modules/@microsoft/office-js/dist");

/** src/office/loadOffice.ts as a classic script that puts loadOffice on window. */
function loaderScript(): string {
  const source = readFileSync(path.join(root, "src/office/loadOffice.ts"), "utf8");
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  return `(function(){var exports={};${js};window.loadOffice=exports.loadOffice;})();`;
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".html": "text/html",
  ".json": "application/json",
};

let server: http.Server;
let base = "";
let browser: Browser | undefined;

beforeAll(async () => {
  const loader = loaderScript();
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/" || url.pathname === "/page.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      // ?static=URL: Office.js referenced by a static tag in the head, as the add-in's pages do.
      const officeTag = url.searchParams.get("static");
      const tag = officeTag ? `<script src="${officeTag}"></script>` : "";
      res.end(
        `<!doctype html><html><head><meta charset="utf-8"><script>${loader}</script>${tag}</head><body></body></html>`
      );
      return;
    }
    const file = path.join(
      OFFICE_DIST,
      decodeURIComponent(url.pathname.replace(/^\/office\//, ""))
    );
    if (url.pathname.startsWith("/office/") && file.startsWith(OFFICE_DIST) && existsSync(file)) {
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

type Load = { host: string; reason: string; message: { vi: string; en: string } };

async function load(
  pageQuery: string,
  url: string,
  timeoutMs: number
): Promise<{ result: Load; ms: number }> {
  const page = await (browser as Browser).newPage();
  try {
    await page.goto(`${base}/page.html${pageQuery}`);
    return await page.evaluate(
      async ([src, ms]) => {
        const started = performance.now();
        const w = window as unknown as { loadOffice: (o: object) => Promise<Load> };
        const result = await w.loadOffice({ url: src, timeoutMs: ms });
        return { result, ms: performance.now() - started };
      },
      [url, timeoutMs] as const
    );
  } finally {
    await page.close();
  }
}

const withChromium = existsSync(CHROMIUM) ? test : test.skip;

withChromium(
  "Microsoft's Office.js in a plain browser tab: outside Office, well before the deadline",
  async () => {
    const { result, ms } = await load("", `${base}/office/office.js`, 8000);
    expect(result).toMatchObject({ host: "outside-office", reason: "no-host" });
    expect(result.message.vi).toContain("ngoài Excel");
    expect(ms).toBeLessThan(8000);
  },
  60_000
);

withChromium(
  "Office.js waiting for a host that never answers (_host_Info): the deadline reports it",
  async () => {
    const { result, ms } = await load(
      "?_host_Info=Excel$Win32$16.01$vi-VN$$$$0",
      `${base}/office/office.js`,
      2500
    );
    expect(result).toMatchObject({ host: "outside-office", reason: "no-answer" });
    expect(ms).toBeGreaterThanOrEqual(2400);
    expect(ms).toBeLessThan(8000);
  },
  60_000
);

withChromium(
  "an Office.js that cannot be fetched (offline): says so at once",
  async () => {
    const { result, ms } = await load("", `${base}/office/missing/office.js`, 8000);
    expect(result).toMatchObject({ host: "offline", reason: "script-error" });
    expect(result.message.en).toContain("Could not load Office.js");
    expect(ms).toBeLessThan(8000);
  },
  60_000
);

withChromium(
  "the pages' static tag in the head: outside Office said as before; offline said at once, not at the deadline",
  async () => {
    const office = `${base}/office/office.js`;
    const outside = await load(`?static=${encodeURIComponent(office)}`, office, 8000);
    expect(outside.result).toMatchObject({ host: "outside-office", reason: "no-host" });
    expect(outside.ms).toBeLessThan(8000);
    const missing = `${base}/office/missing/office.js`;
    const offline = await load(`?static=${encodeURIComponent(missing)}`, missing, 8000);
    expect(offline.result).toMatchObject({ host: "offline", reason: "script-error" });
    expect(offline.ms).toBeLessThan(4000);
  },
  60_000
);

test("on CI these run: Chromium is installed by .ci/run", () => {
  if (process.env.CI) expect(existsSync(CHROMIUM)).toBe(true);
  else expect(typeof existsSync(CHROMIUM)).toBe("boolean");
});

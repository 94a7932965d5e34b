import { execFile, spawnSync } from "child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { parse } from "acorn";
import { JSDOM } from "jsdom";
import { OFFICE_JS_URL } from "../../src/office/loadOffice";
import { onCi, requireShared, sharedTitle, testWithShared } from "../helpers/shared";

/**
 * The production build as a department runs it: `ADDIN_PUBLIC_URL=… webpack --mode production`, into
 * its own folder (as dist/addin/) beside the command line's build (as dist/cli/), which must survive.
 */

const root = path.resolve(__dirname, "../..");
const webpackCli = path.join(root, "node_modules/webpack-cli/bin/cli.js");
const PUBLIC_URL = "https://bieu.soldtbxh.example.gov.vn/addin/";
const XSD = "office-manifest-xsd/OfficeAppManifestV1_1.xsd";

function webpack(
  out: string,
  env: Record<string, string>
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [webpackCli, "--mode", "production", "--env", `outputPath=${out}`],
      { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr })
    );
  });
}

let base = "";
let out = "";
let build: { code: number; output: string };
const read = (file: string) => readFileSync(path.join(out, file), "utf8");
/** The scripts an HTML page loads at once (not the chunks it may import later). */
const initialScripts = (page: string) =>
  [...read(page).matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2])
    .filter((src) => !/^https?:/.test(src));

beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), "addin-build-"));
  out = path.join(base, "addin");
  mkdirSync(path.join(base, "cli/src/cli"), { recursive: true });
  writeFileSync(path.join(base, "cli/src/cli/main.js"), "// the command line's build\n");
  mkdirSync(out);
  writeFileSync(path.join(out, "taskpane.0000dead.js"), "// a bundle of an earlier build\n");
  build = await webpack(out, { ADDIN_PUBLIC_URL: PUBLIC_URL.replace(/\/$/, "") });
}, 600_000);

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

test("builds without errors, empties its own folder first and keeps the command line's build beside it", () => {
  expect(build.output).not.toMatch(/ERROR in/);
  expect(build.code).toBe(0);
  expect(existsSync(path.join(out, "taskpane.0000dead.js"))).toBe(false);
  expect(existsSync(path.join(base, "cli/src/cli/main.js"))).toBe(true);
});

test("the manifest copy carries the public URL everywhere, and every URL in it is a file of the build", () => {
  const manifest = read("manifest.xml");
  expect(manifest).not.toContain("localhost");
  const urls = (manifest.match(/https:\/\/[^"<\s]+/g) ?? []).filter(
    (u) => !u.startsWith("https://schemas.")
  );
  expect(urls.length).toBeGreaterThan(10);
  for (const url of urls) {
    expect(url.startsWith(PUBLIC_URL)).toBe(true);
    const file = url.slice(PUBLIC_URL.length).split("?")[0];
    expect({ url, built: existsSync(path.join(out, file)) }).toEqual({ url, built: true });
  }
  expect(urls).toEqual(
    expect.arrayContaining([
      `${PUBLIC_URL}taskpane.html`,
      `${PUBLIC_URL}commands.html`,
      `${PUBLIC_URL}assets/icon-80.png`,
    ])
  );
});

const xmllint = spawnSync("xmllint", ["--version"]).status === 0;
// The schemas are the team's ../shared folder: a clone on its own skips this; CI requires both.
(xmllint || onCi ? testWithShared(XSD) : test.skip)(
  sharedTitle("the manifest copy is valid against Microsoft's schema (xmllint)", XSD),
  () => {
    const run = spawnSync(
      "xmllint",
      ["--noout", "--nonet", "--schema", requireShared(XSD), path.join(out, "manifest.xml")],
      { encoding: "utf8" }
    );
    expect(run.stderr.trim()).toBe(`${path.join(out, "manifest.xml")} validates`);
    expect(run.status).toBe(0);
  }
);

/** The bundles commands.html's ES5 guard loads in a modern webview (it names them in its script). */
const guardedBundles = () => {
  const guard = inlineScripts("commands.html").join("\n");
  return [...guard.matchAll(/"([^"/]+\.js)"/g)].map((m) => m[1]);
};
const inlineScripts = (page: string) =>
  Array.from(new JSDOM(read(page)).window.document.querySelectorAll("script:not([src])")).map(
    (s) => s.textContent ?? ""
  );

test("each page loads its own bundle (commands.html through its guard); Office.js comes from Microsoft's CDN, in the head, not from the bundle", () => {
  for (const page of ["taskpane.html", "report.html"]) {
    const scripts = initialScripts(page);
    expect({ page, scripts: scripts.length }).toEqual({ page, scripts: 1 });
    for (const src of scripts) expect(existsSync(path.join(out, src))).toBe(true);
  }
  for (const page of ["taskpane.html", "commands.html", "report.html", "old-webview.html"]) {
    const head = new JSDOM(read(page)).window.document.head.querySelector("script[src]");
    expect({ page, officeJs: head?.getAttribute("src") }).toEqual({
      page,
      officeJs: OFFICE_JS_URL,
    });
  }
  const js = readdirSync(out).filter((f) => f.endsWith(".js"));
  const bundles = guardedBundles();
  expect(bundles).toHaveLength(1);
  expect(bundles[0]).toMatch(/^commands\.[0-9a-f]{8}\.js$/);
  expect(existsSync(path.join(out, bundles[0]))).toBe(true);
  const commands = bundles.map((s) => read(s)).join("");
  expect(commands).toContain(OFFICE_JS_URL);
  for (const file of js)
    expect({ file, officeJs: read(file).includes("OSFPerformance") }).toEqual({
      file,
      officeJs: false,
    });
});

test("what commands.html loads by itself parses as ES5 (Internet Explorer 11, the old Edge); the bundle it guards does not", () => {
  expect(initialScripts("commands.html")).toEqual([]);
  const own = [...inlineScripts("commands.html"), ...inlineScripts("old-webview.html")];
  expect(own.length).toBeGreaterThanOrEqual(2);
  for (const code of own) parse(code, { ecmaVersion: 5, sourceType: "script" });
  // Why the guard is there: the bundle itself is not ES5.
  expect(() =>
    parse(read(guardedBundles()[0]), { ecmaVersion: 5, sourceType: "script" })
  ).toThrow();
});

test("no polyfill bundle, and ExcelJS is never in a page's first load (a lazily loaded chunk at most)", () => {
  const sizes: string[] = [];
  for (const page of ["taskpane.html", "commands.html", "report.html"]) {
    const code = [...initialScripts(page), ...(page === "commands.html" ? guardedBundles() : [])]
      .map((s) => read(s))
      .join("");
    expect({ page, coreJs: code.includes("__core-js_shared__") }).toEqual({ page, coreJs: false });
    expect({ page, regenerator: code.includes("regeneratorRuntime") }).toEqual({
      page,
      regenerator: false,
    });
    expect({ page, exceljs: code.includes("xl/sharedStrings.xml") }).toEqual({
      page,
      exceljs: false,
    });
    sizes.push(`${page} ${(gzipSync(code).length / 1024).toFixed(1)} KB gzip`);
  }
  console.log(`first load: ${sizes.join("; ")}`);
});

test("a public URL that is not https is refused with a message that says why", async () => {
  const bad = await webpack(path.join(out, "bad"), {
    ADDIN_PUBLIC_URL: "http://bieu.example.gov.vn/",
  });
  expect(bad.code).not.toBe(0);
  expect(bad.output).toContain("ADDIN_PUBLIC_URL must start with https://");
  expect(existsSync(path.join(out, "bad/manifest.xml"))).toBe(false);
}, 120_000);

test("Hồ sơ đơn vị's workers are chunks of their own, fetched only when files are read (#19)", () => {
  const first = initialScripts("taskpane.html")
    .map((s) => read(s))
    .join("");
  expect(first.includes("new Worker(")).toBe(false);
  expect(first.includes("deflate-raw")).toBe(false);
  const lazy = readdirSync(out)
    .filter((f) => f.endsWith(".js"))
    .map((f) => read(f));
  // the small chunk that starts a worker, and the worker's own: its ready message, the browser's inflate
  expect(lazy.filter((code) => code.includes("new Worker(new URL("))).toHaveLength(1);
  expect(lazy.some((code) => code.includes("ready:!0") && code.includes("deflate-raw"))).toBe(true);
});

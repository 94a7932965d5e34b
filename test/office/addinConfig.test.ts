import { readFileSync } from "fs";
import path from "path";

/**
 * The add-in's tooling as configured, without building: package.json's scripts in the ecosystem's
 * names, and webpack's entries, dev server and output (the build itself: addinBuild.test.ts).
 */

const root = path.resolve(__dirname, "../..");

const pkg = require(path.join(root, "package.json")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
type Config = {
  entry: Record<string, string>;
  output: { path: string; clean: unknown };
  devServer: { port: number; server: { type: string; options?: unknown } };
  plugins: Array<{ constructor: { name: string }; userOptions?: { filename?: string } }>;
};

const webpackConfig = require(path.join(root, "webpack.config.js")) as (
  env: Record<string, unknown>,
  argv: Record<string, unknown>
) => Promise<Config>;

/** tsconfig.build.json's output: the command line, the benchmark and the fixtures it imports. */
function commandLineBuild(): { outDir: string; buildInfo: string } {
  const json = JSON.parse(readFileSync(path.join(root, "tsconfig.build.json"), "utf8")) as {
    compilerOptions: { outDir: string; tsBuildInfoFile: string };
  };
  return {
    outDir: path.resolve(root, json.compilerOptions.outDir),
    buildInfo: path.resolve(root, json.compilerOptions.tsBuildInfoFile),
  };
}

describe("the command line's build (issue #17: npm run build, then npm run bench)", () => {
  const { outDir, buildInfo } = commandLineBuild();

  it("keeps tsc's build info inside its own output folder: a deleted output is rebuilt, never thought current", () => {
    expect(path.dirname(buildInfo)).toBe(outDir);
  });

  it("bin/annex.js, the demo and the bench run files of that folder", () => {
    const bin = readFileSync(path.join(root, "bin", "annex.js"), "utf8");
    const required = /require\("([^"]+)"\)/.exec(bin)?.[1] ?? "";
    expect(path.resolve(root, "bin", required)).toBe(path.join(outDir, "src", "cli", "main.js"));
    const rel = path.relative(root, outDir).split(path.sep).join("/");
    expect(pkg.scripts.bench).toContain(`node ${rel}/bench/run.js`);
    expect(pkg.scripts.demo).toContain(`node ${rel}/src/cli/demo.js`);
  });

  it("CI runs the bench's quick form after npm test (its build), so build-then-bench cannot break unseen", () => {
    const ci = readFileSync(path.join(root, ".ci", "run"), "utf8")
      .split("\n")
      .filter((line) => line.trim() && !line.trim().startsWith("#"));
    const test = ci.findIndex((line) => /^npm test\b/.test(line.trim()));
    const bench = ci.findIndex((line) => /^npm run bench -- --quick\b/.test(line.trim()));
    expect(test).toBeGreaterThanOrEqual(0);
    expect(bench).toBeGreaterThan(test);
  });
});

describe("package.json scripts", () => {
  const s = pkg.scripts;

  it("build makes both the command line (tsc) and the add-in (webpack, production)", () => {
    expect(s.build).toBe("npm run build:cli && npm run build:addin");
    expect(s["build:cli"]).toBe("tsc -p tsconfig.build.json");
    expect(s["build:addin"]).toBe("webpack --mode production");
    expect(s.test).toContain("npm run build");
  });

  it("dev-server, start/stop (office-addin-debugging sideload), validate, lint and test under their usual names", () => {
    expect(s["dev-server"]).toBe("webpack serve --mode development");
    expect(s.start).toMatch(/^office-addin-debugging start manifest\.xml /);
    expect(s.stop).toBe("office-addin-debugging stop manifest.xml");
    expect(s.validate).toBe("jest test/manifest");
    expect(s.lint).toMatch(/^office-addin-lint check /);
    expect(s.lint).toContain("tsx");
    expect(s.test).toBeDefined();
  });

  it("the demo, the bench and annex still build the command line", () => {
    for (const name of ["demo", "bench", "annex"]) expect(s[name]).toContain("build:cli");
  });

  it("no polyfill bundle among the dependencies", () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(Object.keys(all).filter((d) => /core-js|regenerator-runtime|polyfill/.test(d))).toEqual(
      []
    );
  });
});

describe("webpack.config.js", () => {
  const ci = process.env.CI;
  beforeAll(() => {
    process.env.CI = "true"; // never ask office-addin-dev-certs to install a certificate from a test
  });
  afterAll(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it("has the pane, the commands page and its report dialog as entries, each with its own page", async () => {
    const config = await webpackConfig({}, { mode: "production" });
    expect(config.entry).toMatchObject({
      taskpane: path.join(root, "src/taskpane/index.tsx"),
      commands: path.join(root, "src/commands/commands.ts"),
      report: path.join(root, "src/commands/report.ts"),
    });
    const pages = config.plugins
      .filter((p) => p.constructor.name === "HtmlWebpackPlugin")
      .map((p) => p.userOptions?.filename);
    expect(pages).toEqual(
      expect.arrayContaining(["taskpane.html", "commands.html", "report.html"])
    );
  });

  it("serves over HTTPS on port 3000 (the manifest's localhost URL); on CI without dev certificates", async () => {
    const config = await webpackConfig({ WEBPACK_SERVE: true }, { mode: "development" });
    expect(config.devServer.port).toBe(3000);
    expect(config.devServer.server.type).toBe("https");
    expect(config.devServer.server.options).toBeUndefined();
  });

  it("writes into dist/addin/, a folder of its own that it empties first: not the command line's", async () => {
    const config = await webpackConfig({}, { mode: "production" });
    expect(config.output.path).toBe(path.join(root, "dist", "addin"));
    expect(config.output.clean).toBe(true);
    // webpack's clean empties output.path: the command line's build must lie outside it, and the
    // add-in outside the command line's (tsc's incremental build would not rewrite what it lost).
    const cli = commandLineBuild();
    const inside = (dir: string, parent: string) =>
      !path.relative(parent, dir).startsWith("..") && !path.isAbsolute(path.relative(parent, dir));
    expect(inside(cli.outDir, config.output.path)).toBe(false);
    expect(inside(config.output.path, cli.outDir)).toBe(false);
  });

  it("refuses a public URL that is not https or not a URL", async () => {
    const url = process.env.ADDIN_PUBLIC_URL;
    try {
      process.env.ADDIN_PUBLIC_URL = "ftp://x.example/";
      await expect(webpackConfig({}, { mode: "production" })).rejects.toThrow(
        /must start with https/
      );
      process.env.ADDIN_PUBLIC_URL = "not a url";
      await expect(webpackConfig({}, { mode: "production" })).rejects.toThrow(/is not a URL/);
    } finally {
      if (url === undefined) delete process.env.ADDIN_PUBLIC_URL;
      else process.env.ADDIN_PUBLIC_URL = url;
    }
  });
});

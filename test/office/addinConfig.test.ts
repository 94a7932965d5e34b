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
  output: { path: string; clean: { keep: RegExp } };
  devServer: { port: number; server: { type: string; options?: unknown } };
  plugins: Array<{ constructor: { name: string }; userOptions?: { filename?: string } }>;
};

const webpackConfig = require(path.join(root, "webpack.config.js")) as (
  env: Record<string, unknown>,
  argv: Record<string, unknown>
) => Promise<Config>;

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

  it("writes into dist/ and never deletes the command line's dist/src and dist/bench", async () => {
    const config = await webpackConfig({}, { mode: "production" });
    expect(config.output.path).toBe(path.join(root, "dist"));
    const keep = config.output.clean.keep;
    for (const kept of ["src/cli/main.js", "src", "bench/run.js", ".tsbuildinfo"])
      expect(keep.test(kept)).toBe(true);
    for (const cleaned of ["taskpane.1234abcd.js", "assets/icon-16.png", "srcmap.js"])
      expect(keep.test(cleaned)).toBe(false);
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

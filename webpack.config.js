// The add-in's pages, bundled into dist/addin/ (the command line's build is dist/cli/, tsc's own folder:
// neither build can delete the other's output):
//   taskpane.html  the task pane (src/taskpane/index.tsx)
//   commands.html  the ribbon's "Kiểm tra" and "Tính cột" (src/commands/commands.ts, no UI)
//   report.html    the small dialog those commands report in (src/commands/report.ts)
//   old-webview.html  what the ribbon's buttons show in Internet Explorer 11 / the old Edge (no bundle)
//   preview.html   the in-browser workbook preview (src/preview/index.tsx), when it exists
//   manifest.xml   a copy whose https://localhost:3000/ is replaced by ADDIN_PUBLIC_URL (production)
//   assets/        icons and the support page
// Office.js is not bundled: the add-in's pages reference it from Microsoft's CDN with a static
// <script> in their head (Office requires it there); src/office/loadOffice.ts waits for it with a deadline.
// The bundles are ES2022, with no polyfills: the pane and the dialogs need a modern webview (Edge
// WebView2, Safari, a browser). Excel 2016/2019 bought outright may show add-ins in Internet
// Explorer 11 or the old Edge, which cannot parse them: there the pane's page says so (page.html), and
// commands.html, the ribbon's function file, loads by itself only Office.js and an ES5 guard that loads the bundle only
// in a modern webview and otherwise has the buttons say why (old-webview.html).
const path = require("path");
const fs = require("fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { withoutSources } = require("./scripts/templateSources.cjs");

const DEV_URL = "https://localhost:3000/";
const root = __dirname;
const src = (...parts) => path.join(root, "src", ...parts);

/** The URL the department serves dist/addin/ from: https, ends with "/". */
function publicUrl(production) {
  const raw = (production && process.env.ADDIN_PUBLIC_URL) || DEV_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `ADDIN_PUBLIC_URL is not a URL: "${raw}" (e.g. https://addin.soldtbxh.example.gov.vn/bieu/)`
    );
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `ADDIN_PUBLIC_URL must start with https:// (Office loads add-ins over HTTPS only): "${raw}"`
    );
  }
  if (url.search || url.hash)
    throw new Error(`ADDIN_PUBLIC_URL must not have a query or #fragment: "${raw}"`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** An entry and its page; entries whose file is not written yet are left out, so the build never breaks on them. */
function pages() {
  const first = (...candidates) => candidates.find((file) => fs.existsSync(file));
  const fallbackPage = src("office", "page.html");
  const list = [
    {
      name: "taskpane",
      entry: first(src("taskpane", "index.tsx"), src("taskpane", "index.ts")),
      template: first(
        src("taskpane", "taskpane.html"),
        src("taskpane", "index.html"),
        fallbackPage
      ),
      title: "Biểu chỉ tiêu",
      officeJs: true,
    },
    {
      name: "commands",
      entry: src("commands", "commands.ts"),
      template: src("commands", "commands.html"),
      // The page's ES5 guard adds the bundle itself, only in a modern webview.
      inject: false,
    },
    {
      name: "report",
      entry: src("commands", "report.ts"),
      template: src("commands", "report.html"),
    },
    { name: "old-webview", template: src("commands", "old-webview.html"), static: true },
    {
      name: "preview",
      entry: first(src("preview", "index.tsx"), src("preview", "index.ts")),
      template: first(src("preview", "preview.html"), src("preview", "index.html"), fallbackPage),
      title: "Biểu chỉ tiêu — xem trước / preview",
    },
  ];
  return list.filter((page) => page.static || (page.entry && fs.existsSync(page.entry)));
}

/** The dev server's certificate: office-addin-dev-certs (trusted by Office); CI gets a throwaway one. */
async function httpsOptions() {
  if (process.env.CI) return undefined; // webpack-dev-server makes a self-signed certificate
  const devCerts = require("office-addin-dev-certs");
  return devCerts.getHttpsServerOptions();
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const url = publicUrl(production);
  if (production && !process.env.ADDIN_PUBLIC_URL) {
    console.warn(
      `dist/addin/manifest.xml points at ${DEV_URL} (the dev server). To deploy, build with ADDIN_PUBLIC_URL=https://…/ (README: Deploying the add-in).`
    );
  }
  const list = pages();
  const outputPath = env.outputPath
    ? path.resolve(env.outputPath)
    : path.join(root, "dist", "addin");

  return {
    mode: production ? "production" : "development",
    context: root,
    devtool: production ? "source-map" : "eval-source-map",
    target: "web",
    entry: Object.fromEntries(
      list.filter((page) => page.entry).map((page) => [page.name, page.entry])
    ),
    output: {
      path: outputPath,
      publicPath: "auto",
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      // The folder is the add-in's alone (the command line builds into dist/cli/): emptied first.
      clean: true,
    },
    resolve: {
      extensions: [".tsx", ".ts", ".js", ".json"],
      // budgetedParts' Node inflate is never called in the page: the files tab's workers pass the
      // browser's own (src/adapters/xlsx/browserInflate.ts).
      fallback: { zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          options: {
            // Type-checking is `npm run typecheck`; ES modules so import("exceljs") stays a lazy chunk.
            transpileOnly: true,
            compilerOptions: { module: "esnext", moduleResolution: "node", sourceMap: true },
          },
        },
        {
          // The built-in templates without the seed citations the pane never shows.
          test: /[\\/]catalog[\\/]templates[\\/][^\\/]+\.json$/,
          type: "json",
          parser: { parse: (text) => withoutSources(JSON.parse(text)) },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      ...list.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: `${page.name}.html`,
            template: page.template,
            title: page.title,
            officeJs: page.officeJs ?? false,
            chunks: page.entry ? [page.name] : [],
            inject: page.inject ?? true,
            scriptLoading: "defer",
          })
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/*.html", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString().split(DEV_URL).join(url),
          },
        ],
      }),
    ],
    devServer: {
      port: 3000, // the manifest's https://localhost:3000/
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: env.WEBPACK_SERVE ? await httpsOptions() : undefined },
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

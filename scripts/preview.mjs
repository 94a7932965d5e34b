#!/usr/bin/env node
// npm run preview — builds the add-in's pages (webpack) and serves them on a local port with a tiny
// static server, then prints the address of the preview: the task pane beside an in-browser workbook,
// no Excel needed.
//
//   node scripts/preview.mjs [--no-build] [--dev] [--port 3100] [--dir dist/addin]
//
//   --no-build   serve what is already built (the end-to-end test and the benchmark build once)
//   --dev        a development build (faster to build, larger to load); production otherwise
//   --port N     the port (0: any free one); 3100 by default, the next free one if it is taken
//   --dir D      the folder to build into and serve (dist/addin by default)
import { spawn } from "node:child_process";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
};

function parseArgs(argv) {
  const options = { build: true, production: true, port: 3100, portGiven: false, dir: path.join(root, "dist", "addin") };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-build") options.build = false;
    else if (a === "--dev") options.production = false;
    else if (a === "--port") {
      options.port = Number(argv[++i]);
      options.portGiven = true;
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
        fail(`--port cần một số cổng 0–65535 / --port needs a port number 0–65535: "${argv[i]}"`);
      }
    } else if (a === "--dir") options.dir = path.resolve(argv[++i] ?? "");
    else if (a === "-h" || a === "--help") {
      console.log("node scripts/preview.mjs [--no-build] [--dev] [--port 3100] [--dir dist/addin]");
      process.exit(0);
    } else fail(`Không hiểu tham số "${a}" / Unknown option "${a}"`);
  }
  return options;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

function build(options) {
  const cli = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
  const args = [
    cli,
    "--mode",
    options.production ? "production" : "development",
    "--env",
    `outputPath=${options.dir}`,
    "--stats",
    "errors-warnings",
  ];
  console.error(`Đang đóng gói trang xem trước… / Building the preview… (webpack ${args.slice(2).join(" ")})`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`webpack dừng với mã ${code} / webpack exited with ${code}`))
    );
  });
}

/** Serves files of `dir`; "/" goes to the preview. Never outside `dir`. */
export function staticServer(dir) {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/") {
      res.writeHead(302, { location: `/preview.html${url.search}` });
      res.end();
      return;
    }
    let file;
    try {
      file = path.join(dir, decodeURIComponent(url.pathname));
    } catch {
      res.writeHead(400).end("bad request");
      return;
    }
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end(`Không có / Not found: ${url.pathname}`);
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    // A file removed between the look and the read (a rebuild cleaning dist): this answer fails, not
    // the server.
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  });
}

function listen(server, port, tries) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      server.off("listening", onListening);
      if (e.code === "EADDRINUSE" && tries > 0) resolve(listen(server, port + 1, tries - 1));
      else reject(e);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(server.address().port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) await build(options);
  if (!existsSync(path.join(options.dir, "preview.html"))) {
    fail(
      `Chưa có ${path.join(options.dir, "preview.html")}: hãy chạy không có --no-build. / ` +
        `${path.join(options.dir, "preview.html")} is missing: run without --no-build.`
    );
  }
  const server = staticServer(options.dir);
  const port = await listen(server, options.port, options.portGiven ? 0 : 20).catch((e) => {
    if (e.code !== "EADDRINUSE") throw e;
    fail(`Cổng ${options.port} đang bận; hãy chọn cổng khác (--port). / Port ${options.port} is in use; choose another (--port).`);
  });
  const url = `http://127.0.0.1:${port}/preview.html`;
  console.log(`Xem trước (không cần Excel) / Preview (no Excel needed): ${url}`);
  console.log("Ctrl+C để dừng / Ctrl+C to stop.");
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

#!/usr/bin/env node
// The add-in's icons, drawn once here as SVG and rendered with resvg to the PNG sizes Office asks for.
//   node scripts/icons.mjs           writes assets/<name>.svg and assets/<name>-<size>.png
//   node scripts/icons.mjs --check   renders in memory and exits 1 when a committed file differs
// One drawing: a sheet (blue header row, grid) with a badge in the lower right corner. The badge tells
// the three ribbon buttons apart: a check mark (the add-in, "Biểu chỉ tiêu"), a magnifier ("Kiểm tra")
// and a sum sign over a filled column ("Tính cột"). Drawn on a 32-unit grid with 2-unit strokes on even
// coordinates, so the 16 px rendering stays sharp (one pixel per stroke).
import { Resvg } from "@resvg/resvg-js";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");

const colour = {
  paper: "#ffffff",
  edge: "#616161",
  header: "#0f6cbd",
  grid: "#c7c7c7",
  column: "#cfe4fa",
  ok: "#107c41",
  lens: "#242424",
  sum: "#0f6cbd",
};

/** The sheet every icon shares; `column` fills the right-hand column (the derived one). */
function sheet({ column = false } = {}) {
  return [
    `<rect x="3" y="4" width="22" height="24" rx="1" fill="${colour.paper}"/>`,
    column ? `<rect x="14" y="10" width="11" height="18" fill="${colour.column}"/>` : "",
    `<rect x="3" y="4" width="22" height="6" fill="${colour.header}"/>`,
    `<path d="M4 16h20M4 22h20M13 10v17" stroke="${colour.grid}" stroke-width="2"/>`,
    `<rect x="4" y="5" width="20" height="22" rx="0.5" fill="none" stroke="${colour.edge}" stroke-width="2"/>`,
  ].join("");
}

/** A white disc behind every badge keeps it readable over the grid. */
const disc = (fill) =>
  `<circle cx="23" cy="23" r="8" fill="${colour.paper}"/><circle cx="23" cy="23" r="7" fill="${fill}"/>`;

const badges = {
  icon:
    disc(colour.ok) +
    `<path d="M19.5 23.2l2.4 2.4 4.6-4.8" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>`,
  check:
    `<circle cx="22" cy="22" r="6.5" fill="${colour.paper}"/>` +
    `<circle cx="22" cy="22" r="4.5" fill="#ffffff" stroke="${colour.lens}" stroke-width="2.4"/>` +
    `<path d="M25.4 25.4l4 4" stroke="${colour.lens}" stroke-width="3" stroke-linecap="round"/>`,
  fill:
    `<rect x="17" y="15" width="14" height="15" rx="2" fill="${colour.paper}"/>` +
    `<path d="M29 17h-10l5 5.5-5 5.5h10" fill="none" stroke="${colour.sum}" stroke-width="2.4" stroke-linejoin="round" stroke-linecap="round"/>`,
};

const drawings = {
  icon: { svg: sheet() + badges.icon, sizes: [16, 32, 64, 80, 128] },
  check: { svg: sheet() + badges.check, sizes: [16, 32, 80] },
  fill: { svg: sheet({ column: true }) + badges.fill, sizes: [16, 32, 80] },
};

export function svgOf(name) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${drawings[name].svg}</svg>\n`;
}

/** Every file the script writes, with its bytes. */
export function renderAll() {
  const files = [];
  for (const [name, { sizes }] of Object.entries(drawings)) {
    const svg = svgOf(name);
    files.push({ file: `${name}.svg`, bytes: Buffer.from(svg) });
    for (const size of sizes) {
      const png = new Resvg(svg, {
        fitTo: { mode: "width", value: size },
        background: "rgba(0,0,0,0)",
      })
        .render()
        .asPng();
      files.push({ file: `${name}-${size}.png`, bytes: Buffer.from(png), size });
    }
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  const stale = [];
  for (const { file, bytes } of renderAll()) {
    const path = join(assets, file);
    const same = existsSync(path) && readFileSync(path).equals(bytes);
    if (check) {
      if (!same) stale.push(file);
    } else if (!same) {
      writeFileSync(path, bytes);
      console.log(`icons: wrote assets/${file}`);
    }
  }
  if (stale.length > 0) {
    console.error(`icons: out of date (run node scripts/icons.mjs): ${stale.join(", ")}`);
    process.exit(1);
  }
}

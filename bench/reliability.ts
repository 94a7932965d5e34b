import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { findTemplate } from "../src/domain";
import { newAnnexWorkbook } from "../src/cli/commands/newAnnex";
import { bombStream, deflated, growToLastRow, rebuiltZip, SHEET1 } from "./hostileFiles";
import { fmt } from "./measure";
import { bigDataSheetBeside, headerToXfd } from "../test/reliability/packageInputs";

/**
 * Hostile files (issue #10): wall time and peak memory (the process's maximum resident set) of one
 * `annex` process on a zip bomb whose directory lies (a sheet declared 2 KB that unpacks to 210 MB),
 * one that declares 4 GB, and an annex whose used range reaches row 1,048,576 (check, and fill -o).
 * Before the fix: the bomb died of V8's out-of-memory after ~18 s at 4 GB, and fill of the long
 * sheet took 17 s and 3.3 GB here. Issue #17: a 60 MB data sheet beside the annex (refused before; now
 * left unread and named while the annex is checked) and a header row formatted out to XFD (cut before
 * ExcelJS). Goal: each ≤ 5 s and ≤ 1 GB.
 */
export async function reliabilityBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "annex-bench-hostile-"));
  try {
    const wb = await newAnnexWorkbook({
      template: findTemplate("bieu-01-ke-hoach-nam") ?? fail("no Biểu 01"),
      year: 2023,
    });
    const ws = wb.worksheets[0];
    for (let r = 16; r <= 20; r++) for (const c of [4, 5, 7, 10]) ws.getCell(r, c).value = 100 + r;
    const annex = Buffer.from(await wb.xlsx.writeBuffer());
    const stream = await bombStream();
    const lying = await rebuiltZip(annex, (n) =>
      n === SHEET1 ? { name: n, data: stream, method: 8, size: 2048 } : undefined
    );
    const declared = await rebuiltZip(annex, (n, d) =>
      n === SHEET1 ? { ...deflated(n, d), size: 0xffffffff } : undefined
    );
    const long = await rebuiltZip(annex, (n, d) =>
      n === SHEET1 ? growToLastRow(n, d) : undefined
    );
    // Issue #17's corpus: a 60 MB data sheet beside the annex, a header row formatted out to XFD.
    const beside = await bigDataSheetBeside();
    const xfd = await headerToXfd(false);
    const files = { lying, declared, long, beside, xfd };
    for (const [name, bytes] of Object.entries(files))
      writeFileSync(path.join(dir, `${name}.xlsx`), bytes);

    console.log("Hostile files: one `annex` process each (wall time, peak resident memory)");
    const at = (name: string) => path.join(dir, `${name}.xlsx`);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    for (const [label, args, size] of [
      ["check, zip bomb (declares 2 KB, unpacks to 210 MB)", ["check", at("lying")], lying.length],
      ["check, zip bomb (declares 4 GB)", ["check", at("declared")], declared.length],
      ["check, used range to row 1,048,576", ["check", at("long")], long.length],
      ["fill -o, used range to row 1,048,576", ["fill", at("long"), "-o", at("out")], long.length],
      ["check, a 60 MB data sheet beside the annex", ["check", at("beside")], beside.length],
      [
        "fill --self-check -o, a header row formatted to XFD",
        ["fill", at("xfd"), "--self-check", "-o", at("xfd-out")],
        xfd.length,
      ],
    ] as const) {
      const { ms, peak, status } = measured([...args]);
      const ok = ms <= 5000 && peak <= 1024 * 1024 * 1024;
      console.log(
        `  ${label}: ${fmt(ms)}, peak ${mb(peak)}, exit ${status} (file ${mb(size)}); goal ≤ 5 000 ms and ≤ 1 GB ${ok ? "✓" : "✗"}`
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** Runs the built `annex` in a process of its own, which reports its wall time and peak memory. */
function measured(args: string[]): { ms: number; peak: number; status: number | null } {
  const main = path.join(__dirname, "../src/cli/main.js");
  const probe = `
    const t0 = process.hrtime.bigint();
    process.on("exit", () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      require("fs").writeSync(2, "\\nBENCH " + JSON.stringify({ ms, peak: process.resourceUsage().maxRSS * 1024 }) + "\\n");
    });
    require(${JSON.stringify(main)}).run();`;
  // With -e, process.argv has no script path: the first argument stands in for it.
  const r = spawnSync(process.execPath, ["-e", probe, "annex", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const line = /BENCH (\{.*\})/.exec(r.stderr)?.[1];
  if (!line) throw new Error(`annex ${args.join(" ")} gave no figures: ${r.stderr.slice(-2000)}`);
  const { ms, peak } = JSON.parse(line) as { ms: number; peak: number };
  return { ms, peak, status: r.status };
}

import { spawnSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import ExcelJS from "exceljs";
import { buildAnnexLayout, samplePlan } from "../src/domain";
import { addAnnexSheet } from "../src/adapters/xlsx/createAnnex";
import { applyWritePlan } from "../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../src/adapters/xlsx/workbookFile";
import { randomFigures } from "../src/samples/randomFigures";
import { template } from "./templates";
import { fmt } from "./measure";

/**
 * `annex merge` of 100 district annexes (Biểu 01, each from its own district) into the province's
 * annex and its detail sheet, as one process (goal ≤ 5 s wall). Files are generated first.
 */
export async function mergeBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "annex-merge-bench-"));
  try {
    const t = template("bieu-01-ke-hoach-nam");
    for (let i = 1; i <= 100; i++) {
      const layout = buildAnnexLayout(t, { year: 2024, authority: `UBND huyện số ${i}` });
      const wb = new ExcelJS.Workbook();
      const ws = await addAnnexSheet(wb, layout);
      applyWritePlan(ws, samplePlan(layout, t, randomFigures(t, 2024, 1000 + i)));
      await saveWorkbook(wb, path.join(dir, `huyen-${String(i).padStart(3, "0")}.xlsx`));
    }
    const bin = process.env.ANNEX_BIN ?? path.join(__dirname, "../../bin/annex.js");
    const files = path.join(dir, "huyen-*.xlsx");
    const annex = (...args: string[]) => {
      const t0 = performance.now();
      const r = spawnSync("node", [bin, ...args], { maxBuffer: 1 << 28, encoding: "utf8" });
      const ms = performance.now() - t0;
      if (r.status === null || r.status > 1)
        throw new Error(`annex ${args[0]} failed: ${r.stderr}`);
      return { ms, stdout: r.stdout };
    };
    const merge = annex("merge", files, "-o", path.join(dir, "tinh.xlsx"));
    // The same files checked in the same run: what reading and checking alone costs on this machine.
    const check = annex("check", files);
    const merged = /[Đđ]ã tổng hợp (\d+) huyện/.exec(merge.stdout)?.[1] ?? "?";
    console.log("Merge: one `annex merge` of 100 district annexes (Biểu 01) into tinh.xlsx");
    console.log(
      `  ${fmt(merge.ms)} wall, ${merged} districts merged; goal ≤ 5 000 ms ${merge.ms <= 5_000 ? "✓" : "✗"}`
    );
    console.log(
      `  \`annex check\` of the same files: ${fmt(check.ms)} wall; merge/check ${(merge.ms / check.ms).toFixed(2)}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

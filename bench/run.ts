import { analyze, syntheticSheet, syntheticTemplate } from "./syntheticAnnex";
import { fmt, medianMs } from "./measure";
import { files } from "./files";

/**
 * npm run bench — the engine (locate + derive + validate + plan) on annexes of 1k, 10k and 100k
 * indicator rows with every input column filled (goal: 10k ≤ 50 ms median; 100k/10k ≤ 12, linear),
 * then real files: `annex check` over 100 district annexes and read + check of a 10k-row sheet.
 */
function engine(): Record<number, number> {
  console.log("Engine: locate + derive + validate + plan (median wall time)");
  const results: Record<number, number> = {};
  for (const [rows, runs] of [
    [1_000, 21],
    [10_000, 11],
    [100_000, 5],
  ] as const) {
    const t = syntheticTemplate(rows);
    const sheet = syntheticSheet(t);
    const probe = analyze(sheet, t);
    const ms = medianMs(() => analyze(sheet, t), runs);
    results[rows] = ms;
    console.log(
      `  ${String(rows).padStart(7)} rows ${fmt(ms)}   (${probe.derived.length} derived cells, ${probe.findings.length} findings, ${runs} runs)`
    );
  }
  const ratio = results[100_000] / results[10_000];
  console.log(`  ratio 100k/10k: ${ratio.toFixed(2)} (linear = 10; goal ≤ 12)`);
  console.log(
    `  10k rows: ${results[10_000].toFixed(1)} ms (goal ≤ 50 ms) ${results[10_000] <= 50 ? "✓" : "✗"}`
  );
  return results;
}

async function main(): Promise<void> {
  engine();
  console.log("");
  await files();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

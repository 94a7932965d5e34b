import { analyzeSheet } from "../src/domain";
import { syntheticWorkbook } from "../test/host/fixtures/officeAnnex";
import { RequestLog } from "../test/host/fixtures/excelBackend/server";
import { QUICK } from "./options";

/**
 * The Office.js host on the real office.js client library, answered by the in-memory test workbook:
 * how many `context.sync()` requests Check (read + analyse) and Fill (read + analyse + apply) send,
 * and their bytes, on annexes of 60, 5,000 and 20,000 indicator rows. Excel on the web refuses a
 * request or a response above 5 MB; the host splits only when a batch would pass that.
 */
export async function officeHostBench(): Promise<void> {
  console.log(
    "Office.js host: syncs and bytes per action (real office.js client, in-memory workbook)"
  );
  console.log(
    "  rows    action  syncs  refused  request bytes  response bytes  largest request  ms"
  );
  for (const rows of QUICK ? [60] : [60, 5_000, 20_000]) {
    const w = syntheticWorkbook(rows);
    const name = w.snapshot.name;
    const analyze = (s: typeof w.snapshot) =>
      analyzeSheet(s, { locale: "vi-VN", templates: [w.template] });

    w.backend.resetLog();
    let t = Date.now();
    const checked = await w.host.readSheet(name);
    analyze(checked.snapshot);
    line(rows, "Check", w.backend.log, Date.now() - t);

    w.backend.resetLog();
    t = Date.now();
    const read = await w.host.readSheet(name);
    const plan = analyze(read.snapshot).plan;
    const applied = await w.host.applyPlan(plan);
    line(rows, "Fill", w.backend.log, Date.now() - t, `${applied.written} cells`);
  }
  console.log(
    "  Check is one read; Fill is one read and one write. A 20,000-row sheet passes 5 MB: its read takes the\n" +
      "  first 5,100 rows with the first answer and the rest in bands under the cap; its Fill is split likewise."
  );
}

function line(rows: number, action: string, log: RequestLog, ms: number, extra = ""): void {
  const largest = log.sizes.length ? Math.max(...log.sizes) : 0;
  console.log(
    `  ${String(rows).padStart(6)}  ${action.padEnd(6)}  ${String(log.syncs).padStart(5)}  ${String(log.refused).padStart(7)}  ${String(log.requestBytes).padStart(13)}  ${String(log.responseBytes).padStart(14)}  ${String(largest).padStart(15)}  ${String(ms).padStart(4)}  ${extra}${log.refused ? ` (refused answer of ${log.refusedResponseBytes} bytes, not counted)` : ""}`
  );
}

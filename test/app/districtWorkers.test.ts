import { promises as fs } from "fs";
import * as path from "path";
import {
  checkDistrictFiles,
  DistrictFileInput,
  DistrictFileReport,
  mergeDistrictReports,
} from "../../src/app/districtFiles";
import type { WorkerLike } from "../../src/app/workerPool";
import { answerTask, DistrictTask } from "../../src/app/districtTask";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { buildAnnexLayout, findTemplate, samplePlan, Template } from "../../src/domain";
import { randomFigures } from "../../src/samples/randomFigures";
import { annex, tempDir } from "../helpers/cli";
import { compoundFile, docxFile } from "../reliability/inputs";
import { elsewherePackage, noWorksheet, xlsbFile } from "../reliability/packageInputs";

/**
 * Hồ sơ đơn vị's pool with the real worker's task (src/app/districtTask.ts, what districtWorker.ts
 * answers each message with) hosted in this process: every message goes through structuredClone as
 * between a page and a Web Worker, so what the worker posts must be plain data. The pool, the page's own path (no Worker) and `annex check` must say the same
 * of the same files: findings, counts, why a file could not be read; Tổng hợp the same left-out groups.
 */
function hostedWorker(): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const task = structuredClone(message) as DistrictTask;
      void answerTask(task).then((answer) => {
        const data = structuredClone(answer);
        setTimeout(() => worker.onmessage?.({ data }), 0);
      });
    },
    terminate() {},
  };
  setTimeout(() => worker.onmessage?.({ data: { ready: true } }), 0);
  return worker;
}

const tpl = findTemplate("bieu-01-ke-hoach-nam") as Template;

async function communeFile(dir: string, name: string, authority: string, seed: number) {
  const workbook = await newAnnexWorkbook({
    template: tpl,
    year: 2027,
    department: "phong-vh-xh",
    authority,
  });
  const layout = buildAnnexLayout(tpl, { year: 2027, department: "phong-vh-xh" });
  applyWritePlan(workbook.worksheets[0], samplePlan(layout, tpl, randomFigures(tpl, 2027, seed)));
  if (seed === 2) workbook.worksheets[0].getCell("D12").value = -5; // a slip: an error
  const file = path.join(dir, name);
  await saveWorkbook(workbook, file);
  return file;
}

const input = (file: string): DistrictFileInput => ({
  name: path.basename(file),
  arrayBuffer: async () => {
    const b = await fs.readFile(file);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  },
});

/** What a report says, as annex check --json says it of the same file. */
const said = (r: DistrictFileReport) => ({
  file: r.file,
  problem: r.problem?.code ?? null,
  counts: r.counts,
  findings: r.sheets.flatMap((s) => s.findings.map((f) => `${s.sheet}!${f.cells[0]} ${f.ruleId}`)),
});

describe("Hồ sơ đơn vị in a pool of workers", () => {
  const dir = tempDir("annex-pool-");
  let files: string[];

  beforeAll(async () => {
    files = [
      await communeFile(dir, "xa-01.xlsx", "UBND xã Hữu Lũng", 1),
      await communeFile(dir, "xa-02.xlsx", "UBND phường Kỳ Lừa", 2),
      await communeFile(dir, "xa-03.xlsx", "UBND xã Đồng Đăng", 3),
    ];
    const copy = path.join(dir, "xa-01 (1).xlsx");
    await fs.copyFile(files[0], copy);
    const odd: Array<[string, Buffer | Uint8Array]> = [
      ["elsewhere.xlsx", await elsewherePackage()],
      ["bao-cao.xlsx", docxFile()],
      ["nhi-phan.xlsx", xlsbFile()],
      ["mat-khau.xlsx", compoundFile(true)],
      ["khong-trang.xlsx", await noWorksheet()],
      ["hong.xlsx", Buffer.from("PK\u0003\u0004 not really a zip")],
    ];
    for (const [name, bytes] of odd) await fs.writeFile(path.join(dir, name), bytes);
    files.push(copy, ...odd.map(([name]) => path.join(dir, name)));
  }, 120_000);

  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  it("gives the reports of the page's own path and of annex check, in the files' order", async () => {
    const progress: Array<[number, number]> = [];
    const pooled = await checkDistrictFiles(files.map(input), {
      startWorker: hostedWorker,
      workers: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const inPage = await checkDistrictFiles(files.map(input), { startWorker: null });
    expect(pooled.map((r) => r.file)).toEqual(files.map((f) => path.basename(f)));
    expect(pooled).toEqual(inPage);
    expect(progress[progress.length - 1]).toEqual([files.length, files.length]);
    expect(Math.max(...progress.map(([done]) => done))).toBe(files.length);

    // annex check of the same files: the same findings at the same cells, the same problems
    const cli = await annex("check", ...files, "--json");
    const json = JSON.parse(cli.out) as {
      files: Array<{
        file: string;
        problem?: { code: string };
        counts: { error: number; warning: number; info: number };
        sheets: Array<{ sheet: string; findings: Array<{ cell: string; ruleId: string }> }>;
      }>;
    };
    expect(pooled.map(said)).toEqual(
      json.files.map((f) => ({
        file: path.basename(f.file),
        problem: f.problem?.code ?? null,
        counts: { error: f.counts.error, warning: f.counts.warning, info: f.counts.info },
        findings: f.sheets.flatMap((s) =>
          s.findings.map((x) => `${s.sheet}!${x.cell} ${x.ruleId}`)
        ),
      }))
    );
    // the cases are what they claim: three communes checked, one with an error, six files refused
    expect(pooled.slice(0, 3).map((r) => r.problem)).toEqual([undefined, undefined, undefined]);
    expect(pooled[1].counts.error).toBeGreaterThan(0);
    expect(pooled.filter((r) => r.problem).map((r) => r.problem?.code)).toEqual([
      "not-xlsx",
      "xlsb",
      "encrypted",
      "no-readable-sheet",
      "corrupt",
    ]);

    // Tổng hợp from the workers' reads: the same annex and left-out groups as from the page's
    const fromPool = await mergeDistrictReports(pooled);
    const fromPage = await mergeDistrictReports(inPage);
    if (!fromPool.ok || !fromPage.ok) throw new Error("merge failed");
    const groups = (m: typeof fromPool) =>
      m.ok ? m.value.groups.map((g) => [g.reason, g.files.map((f) => f.file)]) : [];
    expect(groups(fromPool)).toEqual(groups(fromPage));
    expect(groups(fromPool)).toContainEqual(["copy", ["xa-01 (1).xlsx"]]);
    expect(fromPool.value.summary).toEqual(fromPage.value.summary);
    expect(fromPool.value.districts).toBe(fromPage.value.districts);
  }, 240_000);

  it("a file its worker failed on is named with the error and left out of Tổng hợp as unreadable, never as a copy", async () => {
    // the real worker, but one that fails on the files named "hong-…"
    const failing = (): WorkerLike => {
      const real = hostedWorker();
      const worker: WorkerLike = {
        onmessage: null,
        onerror: null,
        postMessage(message, transfer) {
          const { id, name } = message as { id: number; name: string };
          if (name.startsWith("hong-"))
            setTimeout(() => worker.onmessage?.({ data: { id, error: "RangeError: boom" } }), 0);
          else real.postMessage(message, transfer);
        },
        terminate: () => real.terminate(),
      };
      real.onmessage = (event) => worker.onmessage?.(event);
      return worker;
    };
    const some = [files[0], files[1], files[2]].map(input);
    const broken = ["hong-1.xlsx", "hong-2.xlsx"].map((name) => ({ ...input(files[2]), name }));
    const reports = await checkDistrictFiles([...some, ...broken], {
      startWorker: failing,
      workers: 2,
    });
    expect(reports.slice(3).map((r) => [r.file, r.problem?.code])).toEqual([
      ["hong-1.xlsx", "unreadable"],
      ["hong-2.xlsx", "unreadable"],
    ]);
    expect(reports[3].problem?.message.vi).toBe(
      'Lỗi không lường trước khi đọc "hong-1.xlsx": RangeError: boom. Xin gửi tệp này cho nhóm phát triển.'
    );
    const merged = await mergeDistrictReports(reports);
    if (!merged.ok) throw new Error("merge failed");
    expect(merged.value.groups.map((g) => [g.reason, g.files.map((f) => f.file)])).toEqual([
      ["unreadable", ["hong-1.xlsx", "hong-2.xlsx"]],
    ]);
    expect(merged.value.districts).toBe(3);
  }, 120_000);

  it("reads in the page when no worker can start, or the page has no Worker", async () => {
    const some = files.slice(0, 3).map(input);
    const inPage = await checkDistrictFiles(some, { startWorker: null });
    const refused = await checkDistrictFiles(some, {
      startWorker: () => {
        throw new Error("Refused to create a worker");
      },
    });
    expect(refused).toEqual(inPage);
    // Node has no Worker: the default finds none and reads in the page
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe("undefined");
    expect(await checkDistrictFiles(some)).toEqual(inPage);
    expect(inPage.map((r) => r.problem)).toEqual([undefined, undefined, undefined]);
  }, 120_000);
});

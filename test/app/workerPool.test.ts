import { poolSize, PoolStartError, runPool, WorkerLike } from "../../src/app/workerPool";

/**
 * The pool's scheduling with fake workers: each answers a task after a delay its file's name sets
 * (so files finish out of order), one may throw, one may fail to start.
 */
interface Script {
  /** ms before the answer, by file */
  readonly delay?: (name: string) => number;
  /** the file on which the worker's script stops (onerror), as an uncaught exception does */
  readonly crashOn?: string;
  /** the file for which the worker answers with an error message */
  readonly errorOn?: string;
  /** the worker's script never runs (refused): onerror before ready */
  readonly failStart?: boolean;
}

class FakeWorker implements WorkerLike {
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  onerror: ((event: { readonly message?: string }) => void) | null = null;
  terminated = false;
  handled: string[] = [];
  constructor(private readonly script: Script) {
    setTimeout(() => {
      if (script.failStart) this.onerror?.({ message: "script refused" });
      else this.onmessage?.({ data: { ready: true } });
    }, 1);
  }
  postMessage(message: unknown): void {
    const { id, name } = message as { id: number; name: string };
    this.handled.push(name);
    setTimeout(
      () => {
        if (this.terminated) return;
        if (name === this.script.crashOn) this.onerror?.({ message: `crashed on ${name}` });
        else if (name === this.script.errorOn) this.onmessage?.({ data: { id, error: "bad" } });
        else this.onmessage?.({ data: { id, result: `read ${name}` } });
      },
      this.script.delay?.(name) ?? 1
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

const tasks = (names: readonly string[]) =>
  names.map((name) => ({
    name,
    message: async (id: number) => ({ message: { id, name } }),
  }));

const names = Array.from({ length: 12 }, (_, i) => `xa-${String(i + 1).padStart(2, "0")}.xlsx`);

describe("runPool: files read by a pool of workers", () => {
  it("keeps the files' order though they finish out of order, and counts progress to N", async () => {
    const started: FakeWorker[] = [];
    const progress: number[] = [];
    const results = await runPool(tasks(names), {
      size: 3,
      // the first files take longest: later files finish first
      start: () => {
        const w = new FakeWorker({ delay: (n) => 40 - names.indexOf(n) * 3 });
        started.push(w);
        return w;
      },
      failed: (name, error) => `failed ${name}: ${error}`,
      onProgress: (done) => progress.push(done),
    });
    expect(results).toEqual(names.map((n) => `read ${n}`));
    expect(started).toHaveLength(3);
    // every worker took files, each file went to exactly one worker
    expect(started.every((w) => w.handled.length > 0)).toBe(true);
    expect(started.flatMap((w) => w.handled).sort()).toEqual(names);
    // progress never goes back, and ends at N of N
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(names.length);
    expect(new Set(progress)).toEqual(new Set(Array.from({ length: 13 }, (_, i) => i)));
    expect(started.every((w) => w.terminated)).toBe(true);
  });

  it("a worker that throws reports that file's error; a new worker takes the rest, all finish", async () => {
    let count = 0;
    const results = await runPool(tasks(names), {
      size: 2,
      start: () => new FakeWorker(count++ === 0 ? { crashOn: names[4] } : {}),
      failed: (name, error) => `failed ${name}: ${error}`,
    });
    expect(results[4]).toBe(`failed ${names[4]}: crashed on ${names[4]}`);
    expect(results.filter((r) => r.startsWith("read"))).toHaveLength(names.length - 1);
    expect(count).toBe(3); // the crashed worker was replaced
  });

  it("an error the worker answers with is that file's alone", async () => {
    const results = await runPool(tasks(names), {
      size: 2,
      start: () => new FakeWorker({ errorOn: names[7] }),
      failed: (name, error) => `failed ${name}: ${error}`,
    });
    expect(results[7]).toBe(`failed ${names[7]}: bad`);
    expect(results.filter((r) => r.startsWith("read"))).toHaveLength(names.length - 1);
  });

  it("rejects with PoolStartError when no worker can start, before any file is given", async () => {
    await expect(
      runPool(tasks(names), {
        size: 2,
        start: () => new FakeWorker({ failStart: true }),
        failed: () => "x",
      })
    ).rejects.toBeInstanceOf(PoolStartError);
    await expect(
      runPool(tasks(names), {
        size: 2,
        start: () => {
          throw new Error("Worker is not defined");
        },
        failed: () => "x",
      })
    ).rejects.toThrow("Worker is not defined");
  });

  it("goes on with the workers that started when one of them cannot", async () => {
    let count = 0;
    const results = await runPool(tasks(names), {
      size: 3,
      start: () => new FakeWorker(count++ === 1 ? { failStart: true } : {}),
      failed: (name, error) => `failed ${name}: ${error}`,
    });
    expect(results).toEqual(names.map((n) => `read ${n}`));
  });

  it("sizes the pool from the machine's cores: at least 1, at most 4", () => {
    expect(poolSize(2)).toBe(2);
    expect(poolSize(16)).toBe(4);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(undefined)).toBe(2);
    expect(poolSize(Number.NaN)).toBe(2);
  });
});

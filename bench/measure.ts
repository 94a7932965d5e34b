import { performance } from "perf_hooks";

/** Runs `fn` `runs` times after `warmup` runs and returns the median wall time in milliseconds. */
export function medianMs(fn: () => unknown, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export const fmt = (ms: number) => `${ms.toFixed(1).padStart(9)} ms`;

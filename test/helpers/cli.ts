import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { Io } from "../../src/cli/io";
import { main } from "../../src/cli/main";

export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the `annex` command in-process, capturing what it prints. */
export async function annex(...args: string[]): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    status: (t) => t && err.push(t),
    width: 160,
  };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

export function tempDir(prefix = "annex-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

import { Bilingual } from "../domain";

/** Vietnamese first; English on request (`--lang en`). */
export type Lang = "vi" | "en";

/** Where a command writes: stdout for results, stderr for progress and problems. Tests capture both. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Progress: rewritten in place on a terminal, a line each otherwise; "" clears it. */
  status(text: string): void;
  /** Terminal width for tables. */
  readonly width: number;
}

/**
 * Whether the reader of stdout / stderr went away (`annex check … | head` closes the pipe): what
 * follows is dropped instead of failing with EPIPE, and the command ends with its own exit status.
 */
const closed = { out: false, err: false };

/** Quietly stop writing to a stream whose reader closed it; any other stream error still surfaces. */
export function watchClosedPipes(): void {
  for (const [key, stream] of [
    ["out", process.stdout],
    ["err", process.stderr],
  ] as const)
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      closed[key] = true;
    });
}

export const consoleIo: Io = {
  out: (text) => {
    if (!closed.out) process.stdout.write(text + "\n");
  },
  err: (text) => {
    if (!closed.err) process.stderr.write(text + "\n");
  },
  status: (text) => {
    if (closed.err) return;
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
    else if (text) process.stderr.write(text + "\n");
  },
  width: process.stdout.columns || 120,
};

/** A mistake in how the command was called: exit status 2, the message and a pointer to --help. */
export class UsageError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = "UsageError";
  }
}

export function say(text: Bilingual, lang: Lang): string {
  return text[lang];
}

/**
 * Exit statuses: 0 clean, 1 errors found in the annexes, 2 the command could not do its job, 3 an
 * unexpected failure (a fault of the tool's, not of the user's input).
 */
export const EXIT = { ok: 0, findings: 1, failed: 2, unexpected: 3 } as const;

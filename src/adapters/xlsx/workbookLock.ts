import { randomBytes } from "crypto";
import { promises as fs } from "fs";
import { hostname } from "os";
import * as path from "path";
import {
  processRunning as running,
  realTarget as realPath,
  WorkbookFileError,
} from "./workbookFile";

/**
 * The project's own lock beside a workbook a command writes (issue #19): ".~annex.lock.bieu01.xlsx",
 * created with O_EXCL (only one process can create it), holding who holds it (process id, computer,
 * command, time). A command takes it before it reads the file it will write, so what it merges
 * (explanations, metadata, the cells) is read after every earlier writer has finished: two commands
 * started together end with both results in the file, or with one refused in words — never two
 * successes and one loss. A lock left by a process that is no longer running on this computer is
 * removed; a live one is waited for a little (ANNEX_LOCK_WAIT_MS, 15 s by default), then named.
 *
 * Excel's and LibreOffice's own lock files (~$bieu01.xlsx, .~lock.bieu01.xlsx#) are another matter:
 * they say a person has the file open (workbookFile.ts refuses to write then).
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  /** When it was taken, ISO 8601. */
  readonly time: string;
  /** Tells our lock from one taken after ours was removed as stale. */
  readonly token: string;
}

export interface LockOptions {
  /** How long to wait for another command's lock, in ms (default: ANNEX_LOCK_WAIT_MS, else 15 s). */
  readonly waitMs?: number;
}

const DEFAULT_WAIT_MS = 15_000;
/** A lock file still empty after this long was left by a process killed while creating it. */
const EMPTY_LOCK_STALE_MS = 5_000;

/** The lock's name beside the workbook (through symbolic links: beside the file really written). */
export function lockPath(file: string): string {
  return path.join(path.dirname(file), `.~annex.lock.${path.basename(file)}`);
}

/**
 * Runs `work` holding the lock of `file` (the workbook the command will write), and releases it
 * after, whatever happens. Throws a WorkbookFileError "locked" naming the holder when another
 * command keeps it past the wait.
 */
export async function withWorkbookLock<T>(
  file: string,
  command: string,
  work: () => Promise<T>,
  options: LockOptions = {}
): Promise<T> {
  const lock = lockPath(await realPath(file));
  const mine = await acquire(file, lock, command, options);
  try {
    return await work();
  } finally {
    await release(lock, mine);
  }
}

async function acquire(
  file: string,
  lock: string,
  command: string,
  options: LockOptions
): Promise<LockHolder> {
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    time: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  const wait = options.waitMs ?? waitFromEnv();
  const deadline = Date.now() + wait;
  let pause = 20;
  for (;;) {
    if (await create(lock, mine)) return mine;
    const holder = await readHolder(lock);
    if (await stale(lock, holder)) {
      await breakStale(lock, holder);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(file, lock, holder);
    await sleep(Math.min(pause + Math.random() * pause, Math.max(1, deadline - Date.now())));
    pause = Math.min(pause * 2, 250);
  }
}

/** Creates the lock file with O_EXCL; false when it is there already. */
async function create(lock: string, mine: LockHolder): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(lock, "wx", 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A folder we cannot write in: the write itself will say so, in its own words.
    if (code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "ENOENT") return true;
    throw e;
  }
  try {
    await handle.writeFile(JSON.stringify(mine));
  } finally {
    await handle.close();
  }
  return true;
}

async function readHolder(lock: string): Promise<LockHolder | undefined> {
  const text = await fs.readFile(lock, "utf8").catch(() => undefined);
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === "number" && typeof v.host === "string")
      return {
        pid: v.pid,
        host: v.host,
        command: String(v.command ?? ""),
        time: String(v.time ?? ""),
        token: String(v.token ?? ""),
      };
  } catch {
    // a lock being written, or not ours to read: treated as held
  }
  return undefined;
}

/**
 * Whether the lock was left by a process that is gone: one of this computer whose process id no
 * longer runs, or a lock file still empty long after it was created (killed between O_EXCL and the
 * write). A lock of another computer (a shared folder) is never judged from here.
 */
async function stale(lock: string, holder: LockHolder | undefined): Promise<boolean> {
  if (holder) return holder.host === hostname() && !running(holder.pid);
  const stat = await fs.stat(lock).catch(() => undefined);
  if (!stat) return false; // gone meanwhile: try again
  return stat.size === 0 && Date.now() - stat.mtimeMs > EMPTY_LOCK_STALE_MS;
}

/**
 * Removes a stale lock, never a fresh one another process took meanwhile: those who break locks
 * take turns (a second O_EXCL file, ".~annex.lock.NAME.xlsx.break", held for a moment), and the one
 * whose turn it is reads the lock again and removes it only if it is still the stale one. Only a
 * breaker removes a lock not its own, and only a dead process's, so a lock taken after the stale one
 * was removed cannot be removed by mistake. A turn left by a process killed in that moment is
 * removed after a few seconds.
 */
async function breakStale(lock: string, seen: LockHolder | undefined): Promise<void> {
  const turn = `${lock}.break`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(turn, "wx", 0o644);
  } catch {
    const stat = await fs.stat(turn).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > EMPTY_LOCK_STALE_MS)
      await fs.rm(turn, { force: true }).catch(() => undefined);
    else await sleep(20);
    return;
  }
  try {
    await handle.close();
    const now = await readHolder(lock);
    const same = seen ? now?.token === seen.token && now.pid === seen.pid : !now;
    if (same && (await stale(lock, now))) await fs.rm(lock, { force: true });
  } finally {
    await fs.rm(turn, { force: true }).catch(() => undefined);
  }
}

/** Removes the lock if it is still ours. */
async function release(lock: string, mine: LockHolder): Promise<void> {
  const holder = await readHolder(lock);
  if (holder?.token === mine.token) await fs.rm(lock, { force: true }).catch(() => undefined);
}

function lockedError(
  file: string,
  lock: string,
  holder: LockHolder | undefined
): WorkbookFileError {
  const who = holder
    ? {
        vi: `lệnh "annex ${holder.command}", tiến trình ${holder.pid} trên máy ${holder.host}, từ ${clock(holder.time)}`,
        en: `"annex ${holder.command}", process ${holder.pid} on ${holder.host}, since ${clock(holder.time)}`,
      }
    : { vi: "không rõ lệnh nào", en: "which one is not known" };
  const name = path.basename(lock);
  return new WorkbookFileError("locked", file, {
    vi:
      `Tệp "${file}" đang được lệnh annex khác ghi (${who.vi}); lệnh này không ghi gì, tệp giữ nguyên. ` +
      `Hãy chạy lại khi lệnh kia xong. Nếu chắc không còn lệnh nào chạy, xoá tệp khoá "${name}" bên cạnh tệp.`,
    en:
      `"${file}" is being written by another annex command (${who.en}); this command wrote nothing and the file is unchanged. ` +
      `Run it again when the other one has finished. If you are sure none is running, remove the lock file "${name}" beside the file.`,
  });
}

/** "2026-12-07 14:02:03" from an ISO time (UTC as recorded), or the text as it is. */
function clock(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

function waitFromEnv(): number {
  const v = Number(process.env.ANNEX_LOCK_WAIT_MS);
  return Number.isFinite(v) && v >= 0 ? v : DEFAULT_WAIT_MS;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

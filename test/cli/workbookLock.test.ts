import { spawnSync } from "child_process";
import { existsSync, promises as fs } from "fs";
import { hostname } from "os";
import * as path from "path";
import { readExplanations } from "../../src/adapters/xlsx/metadata";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { lockPath, withWorkbookLock } from "../../src/adapters/xlsx/workbookLock";
import { annex, tempDir } from "../helpers/cli";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";

/** The project's own lock beside a workbook a command writes (issue #19). */
const g42 = sampleAddress("17.1", "estimateCur");
const d42 = sampleAddress("17.1", "actualPrev");
const explainArgs = (file: string) => [
  "explain",
  file,
  "--cell",
  g42,
  "--rule",
  "change.large",
  "--reason",
  "Chương trình mới năm 2022",
];

/** A process id that ran on this computer and is gone. */
function deadPid(): number {
  const child = spawnSync("node", ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

async function holdLock(file: string, pid: number, host = hostname()): Promise<string> {
  const lock = lockPath(file);
  await fs.writeFile(
    lock,
    JSON.stringify({ pid, host, command: "fill", time: "2026-12-07T14:02:03.000Z", token: "t" })
  );
  return lock;
}

describe("the workbook lock", () => {
  let dir: string;
  let file: string;
  const wait = process.env.ANNEX_LOCK_WAIT_MS;
  beforeEach(async () => {
    dir = tempDir("annex-lock-");
    file = await writeSampleAnnex(dir);
    const wb = await openWorkbook(file);
    const ws = wb.worksheets.find((w) => w.name !== "_annex")!;
    ws.getCell(g42).value = (ws.getCell(d42).value as number) * 2;
    await saveWorkbook(wb, file);
    process.env.ANNEX_LOCK_WAIT_MS = "300";
  });
  afterEach(() => {
    if (wait === undefined) delete process.env.ANNEX_LOCK_WAIT_MS;
    else process.env.ANNEX_LOCK_WAIT_MS = wait;
  });

  it("is taken while the command works and removed after it", async () => {
    let seen = false;
    await withWorkbookLock(file, "fill", async () => {
      seen = existsSync(lockPath(file));
      const holder = JSON.parse(await fs.readFile(lockPath(file), "utf8")) as Record<
        string,
        unknown
      >;
      expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: "fill" });
    });
    expect(seen).toBe(true);
    expect(existsSync(lockPath(file))).toBe(false);
    const r = await annex(...explainArgs(file));
    expect(r.code).toBe(0);
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it("held by a running command: refused in words naming who holds it, exit 2, file unchanged", async () => {
    const lock = await holdLock(file, process.pid);
    const before = await fs.readFile(file);
    const r = await annex(...explainArgs(file));
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `đang được lệnh annex khác ghi (lệnh "annex fill", tiến trình ${process.pid}`
    );
    expect(r.err).toContain("2026-12-07 14:02:03 UTC");
    expect(r.err).toContain("tệp giữ nguyên");
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    // Still the other command's: never removed by the one refused.
    expect(existsSync(lock)).toBe(true);
    const en = await annex(...explainArgs(file), "--lang", "en");
    expect(en.err).toContain("is being written by another annex command");
    const fill = await annex("fill", file);
    expect(fill.code).toBe(2);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });

  it("left by a process no longer running on this computer: removed, and the command runs", async () => {
    await holdLock(file, deadPid());
    const r = await annex(...explainArgs(file));
    expect(r.code).toBe(0);
    expect([...readExplanations(await openWorkbook(file)).values()].flat()).toHaveLength(1);
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it("of another computer (a shared folder): not judged from here, waited for, then named", async () => {
    await holdLock(file, deadPid(), "may-khac.soldtbxh.local");
    const r = await annex(...explainArgs(file));
    expect(r.code).toBe(2);
    expect(r.err).toContain("trên máy may-khac.soldtbxh.local");
  });

  it("annex new under the lock: a file another command made meanwhile is refused, not replaced", async () => {
    const out = path.join(dir, "moi.xlsx");
    await holdLock(out, process.pid);
    const r = await annex("new", "--template", "bieu-01-ke-hoach-nam", "--year", "2023", "-o", out);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

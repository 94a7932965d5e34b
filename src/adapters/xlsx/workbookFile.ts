import { constants as fsConstants, promises as fs, Stats } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { Bilingual } from "../../domain";
import type { UnreadSheet } from "./budgetedParts";
import { reasonOf, unreadableText } from "./workbookBytes";
import { workbookFromBytes } from "./workbookFromBytes";

/** Why a workbook file could not be read or written, for a message that names the fix. */
export type FileProblem =
  | "missing"
  | "not-a-file"
  | "unreadable"
  | "not-xlsx"
  | "old-xls"
  | "xlsb"
  | "encrypted"
  | "corrupt"
  | "too-large"
  | "no-sheet"
  | "no-readable-sheet"
  | "exists"
  | "read-only"
  | "open-elsewhere"
  | "unwritable"
  | "locked";

export class WorkbookFileError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly file: string,
    readonly text: Bilingual
  ) {
    super(text.en);
    this.name = "WorkbookFileError";
  }
}

export interface OpenedWorkbook {
  readonly file: string;
  readonly workbook: ExcelJS.Workbook;
  /** The file as read, to copy unchanged when there is nothing to write. */
  readonly bytes: Buffer;
  /** Parts of the file that saving through ExcelJS would drop (charts, pivot tables, macros…). */
  readonly unsupported: readonly Bilingual[];
  /** Sheets left unread because they are too large (check, merge), each with why; the rest were read. */
  readonly unreadSheets: readonly UnreadSheet[];
}

/**
 * Parts ExcelJS does not carry through a save. Their names appear uncompressed in the zip headers,
 * so a byte search finds them without unpacking.
 */
const UNSUPPORTED: ReadonlyArray<readonly [string, Bilingual]> = [
  ["xl/charts/", { vi: "biểu đồ", en: "charts" }],
  ["xl/pivotTables/", { vi: "bảng tổng hợp (pivot)", en: "pivot tables" }],
  ["xl/slicers/", { vi: "slicer", en: "slicers" }],
  ["xl/vbaProject.bin", { vi: "macro", en: "macros" }],
  ["xl/externalLinks/", { vi: "liên kết tới sổ khác", en: "links to other workbooks" }],
];

export interface ReadOptions {
  /**
   * The workbook is only read for its snapshots, never saved (annex merge): ExcelJS skips the
   * worksheet parts no snapshot reads (readSheet.SNAPSHOT_ONLY), a sixth of an annex's load time.
   */
  readonly cellsOnly?: boolean;
  /** The one sheet the command reads (--sheet); with cellsOnly the others are not read at all. */
  readonly sheet?: string;
}

/** Reads an .xlsx workbook, or throws a WorkbookFileError saying what is wrong with the file. */
export async function readWorkbook(
  file: string,
  options: ReadOptions = {}
): Promise<OpenedWorkbook> {
  const bytes = await readBytes(file);
  const read = await workbookFromBytes(file, bytes, options);
  if ("problem" in read) throw new WorkbookFileError(read.problem, file, read.text);
  const { workbook } = read;
  const unsupported = UNSUPPORTED.filter(([part]) => bytes.includes(Buffer.from(part))).map(
    ([, what]) => what
  );
  return { file, workbook, bytes, unsupported, unreadSheets: read.unreadSheets };
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new WorkbookFileError("missing", file, {
        vi: `Không tìm thấy tệp "${file}".`,
        en: `File "${file}" does not exist.`,
      });
    if (code === "EISDIR")
      throw new WorkbookFileError("not-a-file", file, {
        vi: `"${file}" là thư mục, không phải tệp .xlsx.`,
        en: `"${file}" is a folder, not an .xlsx file.`,
      });
    throw new WorkbookFileError("unreadable", file, unreadableText(file, e));
  }
}

export interface WriteOptions {
  /** Write even though Excel or LibreOffice seems to have the file open (their lock file is there). */
  readonly force?: boolean;
}

/** Writes the workbook all at once: to a temporary file beside the target, then renamed over it. */
export async function saveWorkbook(
  workbook: ExcelJS.Workbook,
  file: string,
  options: WriteOptions = {}
): Promise<void> {
  const target = await writeTarget(file, options);
  const buffer = await workbook.xlsx.writeBuffer();
  await replaceFile(file, target, Buffer.from(buffer as ArrayBuffer));
}

/**
 * No partial file: either the whole new content is at `file`, or the old file is untouched. A
 * symbolic link is written through (its target gets the content, the link stays); a replaced file
 * keeps its permissions and owner; a read-only file or folder, or a workbook open in Excel or
 * LibreOffice (unless `force`), is refused before anything is written.
 */
export async function writeBytes(
  file: string,
  bytes: Uint8Array,
  options: WriteOptions = {}
): Promise<void> {
  await replaceFile(file, await writeTarget(file, options), bytes);
}

interface WriteTarget {
  /** The real file written (a symbolic link's target). */
  readonly path: string;
  /** The file being replaced, when there is one. */
  readonly existing?: Stats;
}

/** Where the bytes will go, or why they must not: checked before any work is done. */
export async function writeTarget(file: string, options: WriteOptions = {}): Promise<WriteTarget> {
  const real = await realTarget(file);
  const existing = await fs.stat(real).catch(() => undefined);
  if (existing?.isDirectory()) throw folderError(file);
  const dir = path.dirname(real);
  if (existing && !(await writable(real, existing)))
    throw new WorkbookFileError("read-only", file, {
      vi: `Tệp "${file}" chỉ cho đọc (read-only); không ghi đè. Hãy ghi ra tệp khác bằng -o TỆP_MỚI.xlsx, hoặc bỏ chế độ chỉ đọc của tệp.`,
      en: `"${file}" is read-only and is not overwritten. Write to another file with -o NEW.xlsx, or make the file writable.`,
    });
  const dirStat = await fs.stat(dir).catch(() => undefined);
  if (dirStat && !(await writable(dir, dirStat)))
    throw new WorkbookFileError("read-only", file, {
      vi: `Thư mục "${dir}" chỉ cho đọc; không ghi được "${file}". Hãy ghi ra thư mục khác bằng -o THƯ_MỤC_KHÁC/TỆP.xlsx.`,
      en: `The folder "${dir}" is read-only, so "${file}" cannot be written. Write elsewhere with -o OTHER_FOLDER/FILE.xlsx.`,
    });
  if (existing && !options.force) {
    const lock = await lockFile(real);
    if (lock)
      throw new WorkbookFileError("open-elsewhere", file, {
        vi: `Tệp "${file}" đang được mở trong Excel hoặc LibreOffice (có tệp khoá "${lock}"); không ghi. Hãy đóng tệp rồi chạy lại, hoặc dùng --force nếu chắc không ai đang mở.`,
        en: `"${file}" is open in Excel or LibreOffice (its lock file "${lock}" is there) and is not written. Close it and run again, or use --force if you are sure nobody has it open.`,
      });
  }
  await removeStaleTemps(real);
  return existing ? { path: real, existing } : { path: real };
}

async function replaceFile(file: string, target: WriteTarget, bytes: Uint8Array): Promise<void> {
  const real = target.path;
  const tmp = tempName(real, process.pid);
  try {
    await fs.writeFile(tmp, bytes, {
      mode: target.existing ? target.existing.mode & 0o7777 : 0o666,
    });
    if (target.existing) {
      const { mode, uid, gid } = target.existing;
      await fs.chmod(tmp, mode & 0o7777);
      // Only the owner or root may give a file away; a plain user's own file already has its owner.
      await fs.chown(tmp, uid, gid).catch(() => undefined);
    }
    await fs.rename(tmp, real);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new WorkbookFileError("unwritable", file, {
      vi: `Không ghi được tệp "${file}" (${reasonOf(e)}). Hãy chọn thư mục khác hoặc đóng tệp nếu đang mở trong Excel.`,
      en: `Cannot write "${file}" (${reasonOf(e)}). Choose another folder, or close the file if Excel has it open.`,
    });
  }
}

/** Our temporary file beside the target: ".bieu01.xlsx.<pid>.<time>.tmp". */
function tempName(file: string, pid: number): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${pid}.${Date.now()}.tmp`);
}

/**
 * Temporary files a killed run of ours left beside the target (same naming, a process id no longer
 * running): removed, so they do not pile up. One of a run still going (a parallel fill) is left alone.
 */
async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const m = /^(\d+)\.(\d+)\.tmp$/.exec(name.slice(prefix.length));
    if (!m || processRunning(Number(m[1]))) continue;
    await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

/** Whether a process of this computer is still running (another user's answers EPERM: it is). */
export function processRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The file a path names, through symbolic links (a dangling link: the file it points to). */
export async function realTarget(file: string): Promise<string> {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    const link = await fs.lstat(current).catch(() => undefined);
    if (!link?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  return current;
}

/**
 * Whether we may write there. Not only access(): root may write anything, and a file someone made
 * read-only (no write permission for anyone, chmod 444) is respected even then.
 */
async function writable(p: string, stat: Stats): Promise<boolean> {
  if ((stat.mode & 0o222) === 0) return false;
  return fs.access(p, fsConstants.W_OK).then(
    () => true,
    () => false
  );
}

/** The lock file Excel ("~$name.xlsx") or LibreOffice (".~lock.name.xlsx#") keeps beside an open file. */
async function lockFile(file: string): Promise<string | undefined> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  // Excel drops the name's first two characters for long names ("~$eu01.xlsx" for "bieu01.xlsx").
  for (const name of [`~$${base}`, `~$${base.slice(2)}`, `.~lock.${base}#`]) {
    const exists = await fs.stat(path.join(dir, name)).then(
      () => true,
      () => false
    );
    if (exists) return name;
  }
  return undefined;
}

function folderError(file: string): WorkbookFileError {
  return new WorkbookFileError("not-a-file", file, {
    vi: `"${file}" là thư mục, không phải tệp. Hãy cho tên tệp, ví dụ -o ${path.join(file, "bieu.xlsx")}.`,
    en: `"${file}" is a folder, not a file. Give a file name, for example -o ${path.join(file, "bieu.xlsx")}.`,
  });
}

/** Never replace a workbook someone already has: they must choose another name or remove it. */
export async function refuseExisting(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isDirectory() || (!stat && /[\\/]$/.test(file))) throw folderError(file);
  if (stat)
    throw new WorkbookFileError("exists", file, {
      vi: `Tệp "${file}" đã có; không ghi đè. Hãy chọn tên khác hoặc tự xoá tệp cũ.`,
      en: `"${file}" already exists and is not replaced. Choose another name or remove it first.`,
    });
}

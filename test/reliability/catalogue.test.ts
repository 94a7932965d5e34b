import { execFile } from "child_process";
import { createHash } from "crypto";
import { promises as fs } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { annex, RunResult, tempDir } from "../helpers/cli";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";
import { template } from "../helpers/annex";
import { buildAnnexLayout, fromA1, SampleFigures } from "../../src/domain";
import { ReportingPeriod } from "../../src/domain/template/period";
import { templateForPeriod } from "../../src/domain/template/headers";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { spawnSync } from "child_process";
import { hostname } from "os";
import { lockPath } from "../../src/adapters/xlsx/workbookLock";
import { EXPLANATIONS_COLUMN } from "../../src/domain/explanations/records";
import { handMadeSheet } from "../layout/selfCheckSheets";
import {
  annexFile,
  bombStream,
  cleanAnnex,
  cleanAnnexBytes,
  cleanParts,
  compoundFile,
  deflated,
  docxFile,
  hugeUsedRange,
  odsFile,
  rawZip,
  rebuiltAnnex,
  SHEET1,
  sheetStream,
} from "./inputs";
import {
  bigDataSheetBeside,
  elsewherePackage,
  headerToXfd,
  noWorksheet,
  xlsbFile,
} from "./packageInputs";

/**
 * The reliability catalogue (issue #10): each bad input a careless or hostile user gives `annex` is
 * one row — how its files are built, the command, the exit status, a fragment of the (Vietnamese)
 * message, and the files the command is meant to write. Every other file of the case's folder must be
 * byte for byte what it was (sha256 before and after). Commands run in-process through main(); the
 * rows about a closed pipe and the process's own exit status run the real bin.
 */
interface Row {
  readonly name: string;
  /** Makes the case's files in its own folder. */
  readonly build: (dir: string) => Promise<unknown>;
  /** The annex arguments (paths inside `dir`). */
  readonly args: (dir: string) => string[];
  readonly exit: number;
  /** Found in what the command printed (stdout and stderr together). */
  readonly says?: RegExp;
  /** Never printed (a stack trace, a false success). */
  readonly never?: RegExp;
  /** Files (relative to the folder) the command is meant to write; everything else is unchanged. */
  readonly writes?: readonly string[];
  /** Run the real bin with stdout piped into `head -1` (a reader that goes away). */
  readonly pipeToHead?: boolean;
  /** Further checks on the files afterwards. */
  readonly then?: (dir: string, r: RunResult) => Promise<void> | void;
}

const at = (dir: string, name: string) => path.join(dir, name);
const write = (dir: string, name: string, bytes: Buffer | string) =>
  fs.writeFile(at(dir, name), bytes);
/** The options that make a new annex, with its output and any extra ones. */
const newArgs = (dir: string, ...extra: string[]) => [
  "new",
  "--template",
  "bieu-01-ke-hoach-nam",
  "--year",
  "2023",
  "-o",
  at(dir, "moi.xlsx"),
  ...extra,
];
const withYear = (year: string) => (dir: string) => [
  "new",
  "--template",
  "bieu-01-ke-hoach-nam",
  "-o",
  at(dir, "moi.xlsx"),
  "--year",
  year,
];
const checkSheet = (sheet: string) => (dir: string) => [
  "check",
  at(dir, "bieu01.xlsx"),
  "--sheet",
  sheet,
];
const clean = (dir: string) => cleanAnnex(dir);
const BIEU03 = path.join(
  __dirname,
  "../../src/domain/catalog/templates/bieu-03-ho-tro-nha-o-nguoi-co-cong.json"
);
/** Biểu 03 as a province's own template, changed by `edit`, written as `name` (raw text if a string). */
async function customTemplate(
  dir: string,
  name: string,
  edit: (
    t: { id: string; indicators: Array<Record<string, unknown>> } & Record<string, unknown>
  ) => unknown,
  prefix = ""
): Promise<void> {
  const t = JSON.parse(await fs.readFile(BIEU03, "utf8"));
  t.id = "bieu-03-cao-loc";
  const edited = edit(t) ?? t;
  await write(dir, name, prefix + JSON.stringify(edited, null, 2));
}
/** The clean annex with figure cells of indicator 2 set by `edit`. */
const withCell = (column: string, value: ExcelJS.CellValue, numFmt?: string) => (d: string) =>
  annexFile(d, "bieu01.xlsx", undefined, (ws, a) => {
    const cell = ws.getCell(a("2", column));
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
  });
/** The clean annex without the header of "ƯTH N / TH N-1" (column I): a missing column. */
const withoutYoyHeader = (d: string) =>
  annexFile(d, "bieu01.xlsx", undefined, (ws) => {
    for (let r = 1; r <= 10; r++)
      if (typeof ws.getCell(r, 9).value === "string") ws.getCell(r, 9).value = null;
  });
/** The clean annex with a data validation given to whole columns D:L, and `extra` XML rows at the end. */
const wholeColumnValidation = (extra: string) => async (d: string) =>
  write(
    d,
    "bieu01.xlsx",
    await rebuiltAnnex((name, data) => {
      if (name !== SHEET1) return undefined;
      const rule =
        '<dataValidations count="1"><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" sqref="D1:L1048576"><formula1>0</formula1></dataValidation></dataValidations>';
      const xml = data
        .toString("utf8")
        .replace(/<dataValidations[\s\S]*?<\/dataValidations>/, rule)
        .replace("</sheetData>", `${extra}</sheetData>`);
      return deflated(name, Buffer.from(xml, "utf8"));
    })
  );
const FALSE_SUCCESS = /các cột tính toán đã đúng/;
const STACK = /\n\s+at .*\(|EPIPE|TypeError|RangeError|heap out of memory/;
const NOT_XLSX = /không phải sổ Excel \.xlsx/;
const TOO_LARGE = /Tệp quá lớn: ".*" \(.*giải nén ra .*MB\)/;

async function sheetXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  return (await zip.file(SHEET1)?.async("string")) ?? "";
}

const ROWS: Row[] = [
  // ── Files that are not a readable .xlsx ────────────────────────────────────────────────────────
  {
    name: "missing file",
    build: async () => undefined,
    args: (d) => ["check", at(d, "khong-co.xlsx")],
    exit: 2,
    says: /Không tìm thấy tệp ".*khong-co\.xlsx"/,
  },
  {
    name: "a folder given as the workbook",
    build: (d) => fs.mkdir(at(d, "huyen.xlsx")),
    args: (d) => ["check", at(d, "huyen.xlsx")],
    exit: 2,
    says: /là thư mục, không phải tệp/,
  },
  {
    name: "empty file",
    build: (d) => write(d, "rong.xlsx", ""),
    args: (d) => ["check", at(d, "rong.xlsx")],
    exit: 2,
    says: NOT_XLSX,
  },
  {
    name: "random bytes named .xlsx",
    build: (d) => write(d, "rac.xlsx", Buffer.from("không phải zip".repeat(100))),
    args: (d) => ["check", at(d, "rac.xlsx")],
    exit: 2,
    says: NOT_XLSX,
  },
  {
    name: "truncated download (half a zip)",
    build: async (d) => {
      const bytes = await cleanAnnexBytes();
      await write(d, "cut.xlsx", bytes.subarray(0, bytes.length >> 1));
    },
    args: (d) => ["check", at(d, "cut.xlsx")],
    exit: 2,
    says: /bị hỏng, không đọc được/,
  },
  {
    name: "damaged deflate stream in the sheet",
    build: async (d) =>
      write(
        d,
        "hong.xlsx",
        await rebuiltAnnex((name, data) => {
          if (name !== SHEET1) return undefined;
          const part = deflated(name, data);
          const broken = Buffer.from(part.data);
          broken.fill(0xff, 10, 60);
          return { ...part, data: broken };
        })
      ),
    args: (d) => ["check", at(d, "hong.xlsx")],
    exit: 2,
    says: /bị hỏng, không đọc được/,
  },
  {
    name: "password-protected workbook",
    build: (d) => write(d, "mat-khau.xlsx", compoundFile(true)),
    args: (d) => ["check", at(d, "mat-khau.xlsx")],
    exit: 2,
    says: /được đặt mật khẩu/,
  },
  {
    name: "old .xls",
    build: (d) => write(d, "cu.xls", compoundFile(false)),
    args: (d) => ["check", at(d, "cu.xls")],
    exit: 2,
    says: /định dạng Excel cũ \(\.xls\)/,
  },
  {
    name: "old .xls renamed .xlsx",
    build: (d) => write(d, "cu.xlsx", compoundFile(false)),
    args: (d) => ["check", at(d, "cu.xlsx")],
    exit: 2,
    says: /định dạng Excel cũ/,
  },
  {
    name: "LibreOffice .ods",
    build: (d) => write(d, "lo.ods", odsFile()),
    args: (d) => ["check", at(d, "lo.ods")],
    exit: 2,
    says: /OpenDocument\/LibreOffice; hãy lưu thành \.xlsx/,
  },
  {
    name: "CSV",
    build: (d) => write(d, "so-lieu.csv", "STT;Chỉ tiêu\n1;Lao động\n"),
    args: (d) => ["check", at(d, "so-lieu.csv")],
    exit: 2,
    says: /đây là tệp CSV/,
  },
  {
    name: "a Word document named .xlsx",
    build: (d) => write(d, "van-ban.xlsx", docxFile()),
    args: (d) => ["check", at(d, "van-ban.xlsx")],
    exit: 2,
    says: NOT_XLSX,
  },
  {
    name: "fill on a damaged file",
    build: async (d) => {
      const bytes = await cleanAnnexBytes();
      await write(d, "cut.xlsx", bytes.subarray(0, bytes.length - 200));
    },
    args: (d) => ["fill", at(d, "cut.xlsx")],
    exit: 2,
    says: /bị hỏng/,
  },
  {
    name: "fill on a password-protected file",
    build: (d) => write(d, "mat-khau.xlsx", compoundFile(true)),
    args: (d) => ["fill", at(d, "mat-khau.xlsx")],
    exit: 2,
    says: /được đặt mật khẩu/,
  },
  // ── Batches: a bad file is named and the rest are still checked ────────────────────────────────
  {
    name: "batch: a good file and a damaged one",
    build: async (d) => {
      await clean(d);
      await write(d, "cut.xlsx", (await cleanAnnexBytes()).subarray(0, 500));
    },
    args: (d) => ["check", at(d, "bieu01.xlsx"), at(d, "cut.xlsx")],
    exit: 2,
    says: /Đã kiểm tra 2 tệp: .*0 tệp có lỗi, 1 tệp không đọc được\./,
  },
  {
    name: "batch by glob: .xls, encrypted, .ods and two good files",
    build: async (d) => {
      await cleanAnnex(d, "huyen-1.xlsx");
      await cleanAnnex(d, "huyen-2.xlsx");
      await write(d, "huyen-3.xlsx", compoundFile(true));
      await write(d, "huyen-4.xlsx", compoundFile(false));
      await write(d, "huyen-5.xlsx", odsFile());
    },
    args: (d) => ["check", at(d, "huyen-*.xlsx")],
    exit: 2,
    says: /Đã kiểm tra 5 tệp: .*3 tệp không đọc được\./,
  },
  {
    name: "batch --json: the unreadable file has a status and a code",
    build: async (d) => {
      await clean(d);
      await write(d, "cu.xlsx", compoundFile(false));
    },
    args: (d) => ["check", at(d, "bieu01.xlsx"), at(d, "cu.xlsx"), "--json"],
    exit: 2,
    says: /"status": "unreadable",\s+"problem": \{\s+"code": "old-xls"/,
  },
  // ── Zip bombs and huge sheets ───────────────────────────────────────────────────────────────────
  {
    name: "zip bomb: declared 4 GB sheet",
    build: async (d) =>
      write(
        d,
        "bom.xlsx",
        await rebuiltAnnex((name, data) =>
          name === SHEET1 ? { ...deflated(name, data), size: 0xffffffff } : undefined
        )
      ),
    args: (d) => ["check", at(d, "bom.xlsx")],
    exit: 2,
    says: /Tệp quá lớn: ".*bom\.xlsx" \(phần xl\/worksheets\/sheet1\.xml giải nén ra hơn 4\.096 MB\)/,
  },
  {
    name: "zip bomb: parts declared 450 MB together",
    build: async (d) =>
      write(
        d,
        "bom.xlsx",
        await rebuiltAnnex((name, data) =>
          name.startsWith("xl/") ? { ...deflated(name, data), size: 150 * 1024 * 1024 } : undefined
        )
      ),
    args: (d) => ["check", at(d, "bom.xlsx")],
    exit: 2,
    says: /Tệp quá lớn: ".*bom\.xlsx" \(giải nén ra \d/,
  },
  {
    name: "zip bomb: directory lies (declares 2 KB, unpacks to 210 MB)",
    build: async (d) => {
      const stream = await bombStream();
      await write(
        d,
        "bom.xlsx",
        await rebuiltAnnex((name) =>
          name === SHEET1 ? { name, data: stream, method: 8, size: 2048 } : undefined
        )
      );
    },
    args: (d) => ["check", at(d, "bom.xlsx")],
    exit: 2,
    says: /Tệp quá lớn: ".*bom\.xlsx" \(phần xl\/worksheets\/sheet1\.xml giải nén ra hơn 200 MB\)/,
  },
  {
    name: "zip bomb: three 150 MB parts that each declare 2 KB: the whole file is named",
    build: async (d) => {
      const image = zlib.deflateRawSync(Buffer.alloc(150 * 1024 * 1024));
      const parts = (await cleanParts()).map(([n, data]) => deflated(n, data));
      for (const n of [1, 2, 3])
        parts.push({ name: `xl/media/image${n}.png`, data: image, method: 8, size: 2048 });
      await write(d, "bom.xlsx", rawZip(parts));
    },
    args: (d) => ["check", at(d, "bom.xlsx")],
    exit: 2,
    says: /Tệp quá lớn: ".*bom\.xlsx" \(giải nén ra hơn 400 MB\)/,
  },
  {
    name: "zip bomb in a batch: the good file is still checked",
    build: async (d) => {
      await clean(d);
      const stream = await bombStream();
      await write(
        d,
        "bom.xlsx",
        await rebuiltAnnex((name) =>
          name === SHEET1 ? { name, data: stream, method: 8, size: 2048 } : undefined
        )
      );
    },
    args: (d) => ["check", at(d, "bom.xlsx"), at(d, "bieu01.xlsx")],
    exit: 2,
    says: /Trang tính "Biểu 01 - 2023": Biểu số 01 năm 2023[\s\S]*Đã kiểm tra 2 tệp: 0 lỗi, .*1 tệp không đọc được\./,
  },
  {
    name: "fill on a zip bomb",
    build: async (d) =>
      write(
        d,
        "bom.xlsx",
        await rebuiltAnnex((name, data) =>
          name === SHEET1 ? { ...deflated(name, data), size: 0xffffffff } : undefined
        )
      ),
    args: (d) => ["fill", at(d, "bom.xlsx")],
    exit: 2,
    says: TOO_LARGE,
  },
  {
    name: "four sheets of 30 MB each: more than 100 MB of sheets in all (fill reads every sheet)",
    build: async (d) => write(d, "nhieu-trang.xlsx", await fourBigSheets(true)),
    args: (d) => ["fill", at(d, "nhieu-trang.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 2,
    says: /Tệp quá lớn: ".*nhieu-trang\.xlsx" \(giải nén ra hơn 1\d\d MB\)/,
  },
  {
    name: "four 30 MB parts named like sheets that the workbook does not list: not read",
    build: async (d) => write(d, "nhieu-trang.xlsx", await fourBigSheets(false)),
    args: (d) => ["check", at(d, "nhieu-trang.xlsx")],
    exit: 0,
    says: /Trang tính "Biểu 01 - 2023": Biểu số 01 năm 2023/,
  },
  {
    name: "used range to row 1,048,576: check",
    build: async (d) => write(d, "dai.xlsx", await hugeUsedRange()),
    args: (d) => ["check", at(d, "dai.xlsx")],
    exit: 0,
    says: /Trang tính "Biểu 01 - 2023": Biểu số 01 năm 2023.*\n[\s\S]*Tóm tắt: 0 lỗi/,
  },
  {
    name: "used range to row 1,048,576: fill writes a trimmed sheet",
    build: async (d) => write(d, "dai.xlsx", await hugeUsedRange()),
    args: (d) => ["fill", at(d, "dai.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 0,
    says: /Đã ghi \d+ ô vào/,
    writes: ["ra.xlsx"],
    then: async (d) => {
      const xml = await sheetXml(at(d, "ra.xlsx"));
      expect(xml).not.toContain('r="1048576"');
      expect(xml.length).toBeLessThan(2_000_000);
    },
  },
  {
    name: "a data validation on whole columns D:L: check",
    build: wholeColumnValidation('<row r="1048576"><c r="A1048576" s="1"/></row>'),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /Tóm tắt: 0 lỗi/,
  },
  {
    name: "a data validation on whole columns D:L: fill cuts it at the last row",
    build: wholeColumnValidation(""),
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 0,
    writes: ["ra.xlsx"],
    then: async (d) => expect(await sheetXml(at(d, "ra.xlsx"))).toMatch(/sqref="D1:L\d{2,3}"/),
  },
  {
    name: "a data validation on 9.4 million cells, a figure in the last row",
    build: wholeColumnValidation('<row r="1048576"><c r="L1048576"><v>1</v></c></row>'),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 2,
    says: /Tệp quá lớn: .*quy tắc kiểm tra dữ liệu phủ 9\.437\.184 ô/,
  },
  {
    name: "a merged area X1:Z1,048,576 beside the annex: cut at the last row",
    build: async (d) =>
      write(
        d,
        "bieu01.xlsx",
        await rebuiltAnnex((name, data) => {
          if (name !== SHEET1) return undefined;
          const xml = data
            .toString("utf8")
            .replace(
              /<mergeCells count="(\d+)">/,
              (_m, n) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="X1:Z1048576"/>`
            );
          expect(xml).toContain("X1:Z1048576");
          return deflated(name, Buffer.from(xml, "utf8"));
        })
      ),
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 0,
    writes: ["ra.xlsx"],
    then: async (d) =>
      expect(await sheetXml(at(d, "ra.xlsx"))).toMatch(/<mergeCell ref="X1:Z\d{2,3}"\/>/),
  },
  // ── A reader that goes away (EPIPE), through the real bin ───────────────────────────────────────
  {
    name: "check … --json | head -1: quiet, exit 0",
    build: async (d) => {
      for (let i = 1; i <= 8; i++) await cleanAnnex(d, `huyen-${i}.xlsx`);
    },
    args: (d) => ["check", at(d, "huyen-*.xlsx"), "--json"],
    pipeToHead: true,
    exit: 0,
    says: /^\{\n/,
  },
  {
    name: "check batch with a bad file | head -1: quiet, exit 2",
    build: async (d) => {
      for (let i = 1; i <= 8; i++) await cleanAnnex(d, `huyen-${i}.xlsx`);
      await write(d, "huyen-9.xlsx", compoundFile(true));
    },
    args: (d) => ["check", at(d, "huyen-*.xlsx"), "--json"],
    pipeToHead: true,
    exit: 2,
    says: /^\{\n/,
  },
  // ── Sheet names ─────────────────────────────────────────────────────────────────────────────────
  {
    name: "--sheet starting with an apostrophe",
    build: clean,
    args: checkSheet("'Biểu 01"),
    exit: 2,
    says: /--sheet "'Biểu 01" không dùng được: .*dấu nháy/,
  },
  {
    name: "--sheet ending with an apostrophe",
    build: clean,
    args: checkSheet("Biểu 01'"),
    exit: 2,
    says: /dấu nháy/,
  },
  {
    name: "--sheet _annex (our metadata sheet)",
    build: clean,
    args: checkSheet("_annex"),
    exit: 2,
    says: /"_annex" là trang tính ẩn chứa thông tin của công cụ/,
  },
  {
    name: "fill --sheet _ANNEX",
    build: clean,
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "--sheet", "_ANNEX"],
    exit: 2,
    says: /trang tính ẩn chứa thông tin của công cụ/,
  },
  {
    name: "explain --sheet _annex",
    build: clean,
    args: (d) => [
      "explain",
      at(d, "bieu01.xlsx"),
      "--sheet",
      "_annex",
      "--cell",
      "G42",
      "--rule",
      "change.large",
      "--reason",
      "Số liệu đúng",
    ],
    exit: 2,
    says: /--sheet "_annex" không dùng được: "_annex" là trang tính ẩn chứa thông tin của công cụ/,
  },
  {
    name: "--sheet empty",
    build: clean,
    args: checkSheet(""),
    exit: 2,
    says: /không được để trống/,
  },
  {
    name: "--sheet of 32 characters",
    build: clean,
    args: checkSheet("Biểu 01 - kế hoạch năm 2023 (bản"),
    exit: 2,
    says: /tối đa 31 ký tự/,
  },
  {
    name: "--sheet with a slash",
    build: clean,
    args: checkSheet("Biểu 01/2023"),
    exit: 2,
    says: /không được có các ký tự : \\ \/ \? \* \[ \]/,
  },
  {
    name: "--sheet with brackets",
    build: clean,
    args: checkSheet("Biểu [01]"),
    exit: 2,
    says: /không được có các ký tự/,
  },
  {
    name: "new --sheet History (reserved by Excel)",
    build: async () => undefined,
    args: (d) => newArgs(d, "--sheet", "History"),
    exit: 2,
    says: /Excel giữ riêng tên "History"/,
  },
  {
    name: "new --sheet in apostrophes",
    build: async () => undefined,
    args: (d) => newArgs(d, "--sheet", "'Biểu'"),
    exit: 2,
    says: /dấu nháy/,
  },
  {
    name: "--sheet that the file does not have",
    build: clean,
    args: checkSheet("Biểu 02"),
    exit: 2,
    says: /không có trang tính "Biểu 02" \(có: "Biểu 01 - 2023"\)/,
  },
  // ── Permissions, links, locks, temporary files ─────────────────────────────────────────────────
  {
    name: "fill a read-only file (444)",
    build: async (d) => fs.chmod(await clean(d), 0o444),
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 2,
    says: /chỉ cho đọc \(read-only\); không ghi đè\. Hãy ghi ra tệp khác bằng -o/,
    then: async (d) => expect((await fs.stat(at(d, "bieu01.xlsx"))).mode & 0o777).toBe(0o444),
  },
  {
    name: "fill in a read-only folder",
    build: async (d) => {
      await fs.mkdir(at(d, "khoa"));
      await cleanAnnex(at(d, "khoa"));
      await fs.chmod(at(d, "khoa"), 0o555);
    },
    args: (d) => ["fill", at(d, "khoa/bieu01.xlsx")],
    exit: 2,
    says: /Thư mục ".*khoa" chỉ cho đọc/,
  },
  {
    name: "fill -o into a read-only folder",
    build: async (d) => {
      await clean(d);
      await fs.mkdir(at(d, "khoa"), 0o555);
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "khoa/ra.xlsx")],
    exit: 2,
    says: /chỉ cho đọc/,
  },
  {
    name: "a read-only file filled with -o elsewhere",
    build: async (d) => fs.chmod(await clean(d), 0o444),
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 0,
    says: /Đã ghi \d+ ô vào/,
    writes: ["ra.xlsx"],
  },
  {
    name: "fill in place keeps the file's permissions (640)",
    build: async (d) => fs.chmod(await clean(d), 0o640),
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /Đã ghi \d+ ô vào/,
    writes: ["bieu01.xlsx"],
    then: async (d) => expect((await fs.stat(at(d, "bieu01.xlsx"))).mode & 0o777).toBe(0o640),
  },
  {
    name: "fill through a symbolic link writes its target",
    build: async (d) => {
      await fs.mkdir(at(d, "that"));
      await cleanAnnex(at(d, "that"));
      await fs.symlink(at(d, "that/bieu01.xlsx"), at(d, "lien-ket.xlsx"));
    },
    args: (d) => ["fill", at(d, "lien-ket.xlsx")],
    exit: 0,
    says: /Đã ghi \d+ ô vào/,
    writes: ["that/bieu01.xlsx"],
    then: async (d) => {
      expect((await fs.lstat(at(d, "lien-ket.xlsx"))).isSymbolicLink()).toBe(true);
      expect(await sheetXml(at(d, "that/bieu01.xlsx"))).toContain("<f>");
    },
  },
  {
    name: "Excel has the file open (~$bieu01.xlsx)",
    build: async (d) => {
      await clean(d);
      await write(d, "~$bieu01.xlsx", "owner");
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 2,
    says: /đang được mở trong Excel hoặc LibreOffice \(có tệp khoá "~\$bieu01\.xlsx"\).*--force/,
  },
  {
    name: "LibreOffice has the file open (.~lock.bieu01.xlsx#)",
    build: async (d) => {
      await clean(d);
      await write(d, ".~lock.bieu01.xlsx#", "user,host,/tmp,21.11.2026 10:00,");
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 2,
    says: /đang được mở.*\.~lock\.bieu01\.xlsx#/,
  },
  {
    name: "a lock file and --force: written",
    build: async (d) => {
      await clean(d);
      await write(d, "~$bieu01.xlsx", "owner");
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "--force"],
    exit: 0,
    says: /Đã ghi \d+ ô vào/,
    writes: ["bieu01.xlsx"],
  },
  {
    name: "a stale temp file of a killed run is cleaned up",
    build: async (d) => {
      await clean(d);
      await write(d, ".bieu01.xlsx.999999.1700000000000.tmp", "half written");
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /Đã ghi \d+ ô vào/,
    writes: ["bieu01.xlsx", ".bieu01.xlsx.999999.1700000000000.tmp"],
    then: async (d) => expect((await fs.readdir(d)).sort()).toEqual(["bieu01.xlsx"]),
  },
  {
    name: "the temp file of a run still going is left alone",
    build: async (d) => {
      await clean(d);
      await write(d, `.bieu01.xlsx.${process.ppid}.1700000000000.tmp`, "another fill");
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 0,
    writes: ["bieu01.xlsx"],
  },
  {
    name: "new -o an existing file",
    build: (d) => cleanAnnex(d, "moi.xlsx"),
    args: (d) => newArgs(d),
    exit: 2,
    says: /Tệp ".*moi\.xlsx" đã có; không ghi đè/,
  },
  {
    name: "new -o an existing folder",
    build: (d) => fs.mkdir(at(d, "ra")),
    args: (d) => [...newArgs(d).slice(0, -2), "-o", at(d, "ra") + "/"],
    exit: 2,
    says: /là thư mục, không phải tệp\. Hãy cho tên tệp, ví dụ -o /,
  },
  {
    name: "new -o a folder that does not exist yet (ends in /)",
    build: async () => undefined,
    args: (d) => [...newArgs(d).slice(0, -2), "-o", at(d, "chua-co") + "/"],
    exit: 2,
    says: /là thư mục, không phải tệp/,
  },
  {
    name: "fill -o a folder",
    build: async (d) => {
      await clean(d);
      await fs.mkdir(at(d, "ra"));
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "ra")],
    exit: 2,
    says: /là thư mục, không phải tệp/,
  },
  {
    name: "fill -o an existing file",
    build: async (d) => {
      await clean(d);
      await cleanAnnex(d, "ra.xlsx");
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 2,
    says: /đã có; không ghi đè/,
  },
  {
    name: "new into a read-only folder",
    build: (d) => fs.mkdir(at(d, "khoa"), 0o555),
    args: (d) => [...newArgs(d).slice(0, -2), "-o", at(d, "khoa/moi.xlsx")],
    exit: 2,
    says: /Thư mục ".*khoa" chỉ cho đọc/,
  },
  // ── Arguments ───────────────────────────────────────────────────────────────────────────────────
  ...["-1", "0x7E7", "1999", "2101", "2023.0", "hai nghìn", "２０２３"].map((year): Row => ({
    name: `--year ${year}`,
    build: async () => undefined,
    args: withYear(year),
    exit: 2,
    says: new RegExp(
      `--year phải là năm từ 2000 đến 2100, không phải "${year.replace(/[.]/g, "\\.")}"\\.\\nannex --help để xem cách dùng\\.$`
    ),
  })),
  {
    name: "new without --year",
    build: async () => undefined,
    args: (d) => ["new", "--template", "bieu-01-ke-hoach-nam", "-o", at(d, "moi.xlsx")],
    exit: 2,
    says: /^Thiếu --year\.\nannex --help để xem cách dùng\.$/,
  },
  {
    name: "a mistyped option: the message and one line, not the whole usage",
    build: clean,
    args: (d) => ["check", at(d, "bieu01.xlsx"), "--jsn"],
    exit: 2,
    says: /^Tham số không hợp lệ: .*--jsn.*\nannex --help để xem cách dùng\.$/,
  },
  {
    name: "an unknown command",
    build: async () => undefined,
    args: () => ["kiemtra", "a.xlsx"],
    exit: 2,
    says: /^Không có lệnh "kiemtra" \(các lệnh: .*\)\.\nannex --help để xem cách dùng\.$/,
  },
  {
    name: "fill with two files",
    build: clean,
    args: (d) => ["fill", at(d, "bieu01.xlsx"), at(d, "bieu01.xlsx")],
    exit: 2,
    says: /Cần đúng một tệp \.xlsx/,
  },
  {
    name: "check without a file",
    build: async () => undefined,
    args: () => ["check"],
    exit: 2,
    says: /Cần ít nhất một tệp \.xlsx/,
  },
  {
    name: "--lang xx",
    build: clean,
    args: (d) => ["check", at(d, "bieu01.xlsx"), "--lang", "xx"],
    exit: 2,
    says: /--lang chỉ nhận "vi" hoặc "en"/,
  },
  // ── Figures the engine must not misread (issue #10's data classes) ──────────────────────────────
  {
    name: "merged D20:M20 over a typed figure: fill keeps 52000",
    build: (d) =>
      annexFile(d, "bieu01.xlsx", undefined, (ws) => {
        ws.getCell("D20").value = 52000;
        ws.mergeCells("D20:M20");
      }),
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 1,
    says: /Lỗi D20: Vùng ô D20:M20 .*gộp ô nhập liệu[\s\S]*Biểu có 1 lỗi/,
    writes: ["bieu01.xlsx"],
    then: async (d) => {
      const ws = (await openWorkbook(at(d, "bieu01.xlsx"))).worksheets[0];
      expect(ws.getCell("D20").value).toBe(52000);
    },
  },
  {
    name: "merged D20:M20: check names it",
    build: (d) =>
      annexFile(d, "bieu01.xlsx", undefined, (ws) => {
        ws.getCell("D20").value = 52000;
        ws.mergeCells("D20:M20");
      }),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 1,
    says: /Lỗi +D20 +Vùng ô D20:M20/,
  },
  {
    name: "a date typed in a count cell",
    build: withCell("actualPrev", new Date(Date.UTC(2021, 11, 31)), "dd/mm/yyyy"),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 1,
    says: /chứa ngày 31\/12\/2021 \(định dạng ngày tháng\), không phải số liệu/,
  },
  {
    name: "a figure of 1e308: check",
    build: withCell("estimateCur", 1e308),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 1,
    never: /Infinity|NaN/,
  },
  {
    name: "a figure of 1e308: fill writes no Infinity",
    build: withCell("estimateCur", 1e308),
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 1,
    never: /Infinity|NaN/,
    writes: ["ra.xlsx"],
    then: async (d) => expect(await sheetXml(at(d, "ra.xlsx"))).not.toMatch(/Infinity|NaN/),
  },
  {
    name: "a 1 MiB text in a figure cell: the report stays short",
    build: withCell("planCur", "khoảng ".repeat(150_000)),
    args: (d) => ["check", at(d, "bieu01.xlsx"), "--json"],
    exit: 1,
    says: /"found": \{\s+"vi": "khoảng khoảng [^"]{0,90}…"/,
    then: (_d, r) => expect(r.out.length).toBeLessThan(100_000),
  },
  {
    name: "a figure of 1 MiB of digits typed as text: not read as Infinity",
    build: withCell("planCur", "9".repeat(1 << 20)),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 1,
    never: /Infinity|NaN/,
    then: (_d, r) => expect(r.out.length).toBeLessThan(100_000),
  },
  // ── fill reports what check reports ─────────────────────────────────────────────────────────────
  {
    name: "fill on a sheet that holds no annex",
    build: async (d) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Sheet1").getCell("A1").value = "Danh sách cán bộ";
      await wb.xlsx.writeFile(at(d, "khac.xlsx"));
    },
    args: (d) => ["fill", at(d, "khac.xlsx")],
    exit: 2,
    says: /không có biểu chỉ tiêu nào được nhận biết/,
  },
  {
    name: "a missing column: check",
    build: withoutYoyHeader,
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 1,
    says: /Lỗi +A7 +Không tìm thấy cột "ƯTH 2022\/TH 2021"/,
  },
  {
    name: "a missing column: fill reports it too, exit 1",
    build: withoutYoyHeader,
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 1,
    says: /biểu sai cấu trúc[\s\S]*Lỗi A7: Không tìm thấy cột "ƯTH 2022\/TH 2021"/,
    never: FALSE_SUCCESS,
    writes: ["ra.xlsx"],
  },
  {
    name: "a missing column, nothing left to write: no false success",
    build: async (d) => {
      await withoutYoyHeader(d);
      await annex("fill", at(d, "bieu01.xlsx"));
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 1,
    says: /Không ghi gì: biểu còn 1 lỗi \(ở trên\); tệp giữ nguyên\./,
    never: FALSE_SUCCESS,
  },
  {
    name: "fill twice: the second run writes nothing",
    build: async (d) => {
      await clean(d);
      await annex("fill", at(d, "bieu01.xlsx"));
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /Không có gì cần ghi: các cột tính toán đã đúng; tệp giữ nguyên\./,
  },
  {
    name: "a workbook with a chart is not rewritten in place",
    build: async (d) => write(d, "bieu-do.xlsx", rawZip(await chartAnnexParts())),
    args: (d) => ["fill", at(d, "bieu-do.xlsx")],
    exit: 2,
    says: /có biểu đồ; ghi lại tệp này sẽ làm mất chúng/,
  },
  // ── Templates ───────────────────────────────────────────────────────────────────────────────────
  {
    name: "template with circular relations (1.1 = sum of 1)",
    build: (d) =>
      customTemplate(d, "vong.json", (t) => {
        const child = t.indicators.find((i) => i.code === "1.1");
        if (child) child.relations = [{ type: "sum", of: ["1"] }];
      }),
    args: (d) => ["templates", "--template", at(d, "vong.json")],
    exit: 2,
    says: /Mẫu biểu .*vong\.json không hợp lệ:\n.*quan hệ vòng 1(\.1)? → 1(\.1)? → 1/,
  },
  {
    name: "template with a partOf loop, used by check",
    build: async (d) => {
      await clean(d);
      await customTemplate(d, "vong.json", (t) => {
        const [a, b] = t.indicators.filter((i) => i.code === "2.1" || i.code === "2.2");
        a.relations = [{ type: "partOf", of: b.code }];
        b.relations = [{ type: "partOf", of: a.code }];
      });
    },
    args: (d) => ["check", at(d, "bieu01.xlsx"), "--template", at(d, "vong.json")],
    exit: 2,
    says: /quan hệ vòng 2\.[12] → 2\.[12] → 2\.[12]/,
  },
  {
    name: "template saved with a byte-order mark (Notepad)",
    build: (d) => customTemplate(d, "bom.json", () => undefined, "\uFEFF"),
    args: (d) => ["templates", "--template", at(d, "bom.json")],
    exit: 0,
    says: /bieu-03-cao-loc .*bom\.json/,
  },
  {
    name: "template field of the wrong type says what it found",
    build: (d) =>
      customTemplate(d, "sai-kieu.json", (t) => {
        t.version = 2;
      }),
    args: (d) => ["templates", "--template", at(d, "sai-kieu.json")],
    exit: 2,
    says: /version: cần chữ.*nhưng thấy số 2/,
    never: /thiếu trường bắt buộc/,
  },
  {
    name: "template that is not JSON",
    build: (d) => write(d, "hong.json", "{ id: bieu-03 "),
    args: (d) => ["templates", "--template", at(d, "hong.json")],
    exit: 2,
    says: /không phải JSON hợp lệ/,
  },
  {
    name: "template file that does not exist",
    build: async () => undefined,
    args: (d) => ["templates", "--template", at(d, "khong-co.json")],
    exit: 2,
    says: /Không tìm thấy tệp mẫu biểu ".*khong-co\.json"/,
  },
  // issue 19 (consolidation you can trust: nothing counted twice, no periods mixed, no rate from half a base)
  {
    name: "merge: the same file given twice under two spellings of its path is counted once",
    build: async (d) => {
      await clean(d);
      await unitAnnex(d, "b.xlsx", { "2": { actualPrev: 1 } });
    },
    args: (d) => [
      "merge",
      at(d, "bieu01.xlsx"),
      `${d}/./bieu01.xlsx`,
      at(d, "b.xlsx"),
      "-o",
      at(d, "tinh.xlsx"),
    ],
    exit: 1,
    says: /Cùng một tệp đưa vào hai lần \(1\):\n.*\/\.\/bieu01\.xlsx" là chính tệp/,
    never: /^Đã tổng hợp/m,
    writes: ["tinh.xlsx"],
    then: async (d) => expect(await provinceJobs(d)).toBe(41),
  },
  {
    name: "merge: a byte-identical copy under another name ('- Copy') is counted once",
    build: async (d) => {
      await clean(d);
      await cleanAnnex(d, "bieu01 - Copy.xlsx");
      await unitAnnex(d, "b.xlsx", { "2": { actualPrev: 1 } });
    },
    args: (d) => ["merge", at(d, "*.xlsx"), "-o", at(d, "tinh.xlsx")],
    exit: 1,
    says: /"[^"]*bieu01 - Copy\.xlsx" là bản sao y hệt của "[^"]*bieu01\.xlsx"/,
    never: /^Đã tổng hợp/m,
    writes: ["tinh.xlsx"],
    then: async (d) => expect(await provinceJobs(d)).toBe(41),
  },
  {
    name: "merge: the browser's '(1)' re-download is counted once, the original kept",
    build: async (d) => {
      await clean(d);
      await cleanAnnex(d, "bieu01 (1).xlsx");
    },
    args: (d) => [
      "merge",
      at(d, "bieu01 (1).xlsx"),
      at(d, "bieu01.xlsx"),
      "-o",
      at(d, "tinh.xlsx"),
    ],
    exit: 1,
    says: /"[^"]*bieu01 \(1\)\.xlsx" là bản sao y hệt của "[^"]*bieu01\.xlsx"/,
    writes: ["tinh.xlsx"],
    then: async (d) => expect(await provinceJobs(d)).toBe(40),
  },
  {
    name: "merge: a previous merge's output matched by the glob is left out, not one more district",
    build: async (d) => {
      await clean(d);
      await unitAnnex(d, "b.xlsx", { "2": { actualPrev: 1 } });
      await annex("merge", at(d, "bieu01.xlsx"), at(d, "b.xlsx"), "-o", at(d, "tinh-cu.xlsx"));
    },
    args: (d) => ["merge", at(d, "*.xlsx"), "-o", at(d, "tinh.xlsx")],
    exit: 1,
    says: /tinh-cu\.xlsx" là một biểu tổng hợp từ 2 đơn vị/,
    writes: ["tinh.xlsx"],
    then: async (d) => expect(await provinceJobs(d)).toBe(41),
  },
  {
    name: "merge: a 6-month Biểu 02 is not summed into a quý I annex",
    build: async (d) => {
      await periodAnnex(d, "q1-a.xlsx", "quy-1", 10);
      await periodAnnex(d, "q1-b.xlsx", "quy-1", 20);
      await periodAnnex(d, "h1.xlsx", "6-thang", 400);
    },
    args: (d) => ["merge", at(d, "*.xlsx"), "-o", at(d, "tinh.xlsx")],
    exit: 1,
    says: /Kỳ báo cáo khác \(1\):\n.*h1\.xlsx" là báo cáo 6 tháng năm 2023, không phải quý I/,
    writes: ["tinh.xlsx"],
  },
  {
    name: "merge: a rate from half a base is left empty, said as a warning, not a success",
    build: async (d) => {
      await unitAnnex(d, "a.xlsx", { "20": { actualPrev: 10000 }, "21": { actualPrev: 1220 } });
      await unitAnnex(d, "b.xlsx", { "21": { actualPrev: 1220 } });
    },
    args: (d) => ["merge", at(d, "a.xlsx"), at(d, "b.xlsx"), "-o", at(d, "tinh.xlsx")],
    exit: 0,
    says: /^Cảnh báo: đã tổng hợp 2 huyện [\s\S]*\(22\), ô D\d+: Để trống ở cột TH năm 2021: [^\n]*\(mẫu số\)/,
    never: /^Đã tổng hợp/m,
    writes: ["tinh.xlsx"],
  },
  {
    name: "merge: a consolidated annex with an error exits 1, as check of it does",
    build: async (d) => {
      // each district without error (Đình Lập left its total blank); 10 ≠ 6 + 4 + 3 + 2 in the sum
      await unitAnnex(d, "a.xlsx", {
        "1": { actualPrev: 10 },
        "1.1": { actualPrev: 6 },
        "1.2": { actualPrev: 4 },
        "1.3": { actualPrev: 0 },
      });
      await unitAnnex(d, "b.xlsx", {
        "1.1": { actualPrev: 3 },
        "1.2": { actualPrev: 2 },
        "1.3": { actualPrev: 0 },
      });
    },
    args: (d) => ["merge", at(d, "a.xlsx"), at(d, "b.xlsx"), "-o", at(d, "tinh.xlsx")],
    exit: 1,
    says: /^Lỗi: đã tổng hợp 2 huyện .*, nhưng biểu tổng hợp có 1 lỗi/,
    writes: ["tinh.xlsx"],
    then: async (d) => expect((await annex("check", at(d, "tinh.xlsx"))).code).toBe(1),
  },
  // issue 19 (writers that cannot lose each other's work; explanations bound to what they explain)
  {
    name: "fill while another annex command holds the workbook's lock: refused in words, naming it",
    build: async (d) => {
      await clean(d);
      await heldLock(d, "bieu01.xlsx", process.pid);
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 2,
    says: /đang được lệnh annex khác ghi \(lệnh "annex explain", tiến trình \d+ trên máy .*\); lệnh này không ghi gì, tệp giữ nguyên/,
    never: /Đã ghi/,
    then: shortLockWaitEnds,
  },
  {
    name: "explain while another annex command holds the workbook's lock: refused, nothing lost",
    build: async (d) => {
      await clean(d);
      await heldLock(d, "bieu01.xlsx", process.pid);
    },
    args: (d) => [
      "explain",
      at(d, "bieu01.xlsx"),
      "--cell",
      "G11",
      "--rule",
      "change.large",
      "--reason",
      "Chương trình mới",
    ],
    exit: 2,
    says: /đang được lệnh annex khác ghi/,
    never: /Đã ghi giải trình/,
    then: shortLockWaitEnds,
  },
  {
    name: "a lock left by a process no longer running on this computer: removed, fill runs",
    build: async (d) => {
      await clean(d);
      await heldLock(d, "bieu01.xlsx", deadPid());
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /Đã ghi \d+ ô vào/,
    writes: ["bieu01.xlsx", ".~annex.lock.bieu01.xlsx"],
    then: async (d) => {
      shortLockWaitEnds();
      await expect(fs.stat(at(d, ".~annex.lock.bieu01.xlsx"))).rejects.toThrow();
    },
  },
  {
    name: "new -o a file another annex command holds the lock of: refused, nothing written",
    build: (d) => heldLock(d, "moi.xlsx", process.pid),
    args: (d) => newArgs(d),
    exit: 2,
    says: /Tệp ".*moi\.xlsx" đang được lệnh annex khác ghi/,
    then: shortLockWaitEnds,
  },
  {
    name: "an explanation whose indicator's row was deleted: unplaced, not applied to the indicator now at its cell",
    build: async (d) => {
      await explainedSample(d);
      await editSample(d, (ws) =>
        ws.spliceRows(fromA1(sampleAddress("17.1", "estimateCur")).row + 1, 1)
      );
    },
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 0, // 17.1 gone, 17 no longer has parts to add up: only warnings
    says: /Giải trình ở ô G\d+ \(change\.large, [-\d]+\) không đặt được vào đâu: Xây mới \(17\.1\) không còn trên trang tính/,
    never: /Đã giải trình|không còn áp dụng/,
  },
  {
    name: "an explanation of a sheet since renamed: found again by the sheet's record, still applied",
    build: async (d) => {
      await explainedSample(d);
      await editSample(d, (ws) => (ws.name = "Biểu 01 (sửa)"));
    },
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 1,
    says: /Trang tính "Biểu 01 \(sửa\)": Biểu số 01 năm 2023[\s\S]*Đã giải trình[\s\S]*Chương trình mới năm 2022/,
    never: /không đặt được/,
  },
  {
    name: "explanations of a sheet the workbook no longer has: reported by name, applied to nothing",
    build: async (d) => {
      await explainedSample(d);
      const wb = await openWorkbook(at(d, "bieu01.xlsx"));
      wb.getWorksheet("_annex")!.getCell(2, EXPLANATIONS_COLUMN + 1).value = "Biểu cũ";
      await saveWorkbook(wb, at(d, "bieu01.xlsx"));
    },
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 1,
    says: /1 giải trình của trang tính "Biểu cũ" không đặt được vào đâu/,
    never: /Đã giải trình/,
  },
  // issue 17 (hostile-input edges, part B)
  {
    name: "--sheet typed normally finds a sheet whose name was saved decomposed (NFD)",
    build: (d) =>
      annexFile(d, "bieu01.xlsx", undefined, (ws) => {
        ws.name = ws.name.normalize("NFD");
      }),
    args: checkSheet("Biểu 01 - 2023"),
    exit: 0,
    says: /": Biểu số 01 năm 2023/,
    never: /không có trang tính/,
  },
  {
    name: "--sheet that differs by an invisible character: the names listed show it",
    build: (d) =>
      annexFile(d, "bieu01.xlsx", undefined, (ws) => {
        ws.name = "Biểu 01\u200b - 2023";
      }),
    args: checkSheet("Biểu 01 - 2023"),
    exit: 2,
    says: /không có trang tính "Biểu 01 - 2023" \(có: "Biểu 01⟨U\+200B⟩ - 2023"\)/,
  },
  {
    name: "a zero-width space inside a figure typed as text is shown in the message",
    build: withCell("actualPrev", "16\u200b000"),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 1,
    says: /chứa chữ "16⟨U\+200B⟩000", không phải số/,
  },
  {
    name: '"16,000" typed as text is noted as ambiguous on a count row as on an amount row',
    build: (d) =>
      annexFile(d, "bieu01.xlsx", undefined, (ws, a) => {
        ws.getCell(a("2", "planNext")).value = "16,000"; // dự án: a count
        ws.getCell(a("3", "planNext")).value = "16,000"; // triệu đồng: an amount
      }),
    args: (d) => ["check", at(d, "bieu01.xlsx"), "--json"],
    exit: 0,
    then: (_d, r) => {
      const findings = (
        JSON.parse(r.out) as {
          files: Array<{
            sheets: Array<{ findings: Array<{ ruleId: string; message: { vi: string } }> }>;
          }>;
        }
      ).files[0].sheets[0].findings.filter((f) => f.ruleId === "type.number-as-text");
      expect(findings.map((f) => f.message.vi)).toEqual([
        expect.stringMatching(
          /"16,000", đọc theo cách viết tiếng Anh .* là 16\.000 \(theo cách viết Việt Nam .* sẽ là 16\)\. Hãy xác nhận/
        ),
        expect.stringMatching(
          /"16,000", đọc theo cách viết Việt Nam .* là 16 \(theo cách viết tiếng Anh .* sẽ là 16\.000\)\. Hãy xác nhận/
        ),
      ]);
    },
  },
  {
    name: "check --report bc.csv: refused before checking, nothing written",
    build: clean,
    args: (d) => ["check", at(d, "bieu01.xlsx"), "--report", at(d, "bc.csv")],
    exit: 2,
    says: /--report ".*bc\.csv": tệp ghi ra là sổ Excel, tên phải có đuôi \.xlsx \(ví dụ ".*bc\.xlsx"\)/,
    never: /Đã kiểm tra|Tóm tắt/,
  },
  {
    name: 'check --report "": refused before checking',
    build: clean,
    args: (d) => ["check", at(d, "bieu01.xlsx"), "--report", ""],
    exit: 2,
    says: /--report cần tên tệp \.xlsx để ghi/,
    never: /Đã kiểm tra|Tóm tắt/,
  },
  {
    name: "fill -o into a folder that does not exist: refused before reading",
    build: clean,
    args: (d) => ["fill", at(d, "bieu01.xlsx"), "-o", at(d, "chua-co/ra.xlsx")],
    exit: 2,
    says: /Không có thư mục ".*chua-co" để ghi/,
    never: /ô công thức cần ghi/,
  },
  {
    name: "merge -o tinh.ods: refused before reading the districts",
    build: clean,
    args: (d) => ["merge", at(d, "bieu01.xlsx"), "-o", at(d, "tinh.ods")],
    exit: 2,
    says: /-o ".*tinh\.ods": tệp ghi ra là sổ Excel/,
  },
  {
    name: "a 100,000-character explanation reason: check quotes it like cell text",
    build: async (d) => {
      const file = await withCell("actualPrev", "8.977")(d);
      const cell = (await annex("check", file, "--json")).out.match(
        /"ruleId": "type\.number-as-text"[\s\S]*?"cells": \[\s*"([A-Z]+\d+)"/
      )?.[1];
      const reason = "Số liệu do Phòng cung cấp. ".repeat(4000);
      const made = await annex(
        "explain",
        file,
        "--cell",
        cell ?? "?",
        "--rule",
        "type.number-as-text",
        "--reason",
        reason
      );
      expect(made.code).toBe(0);
    },
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /Đã giải trình[\s\S]*Số liệu do Phòng cung cấp\. Số liệu/,
    then: (_d, r) => {
      // The reason is 108,000 characters; the table with its 300 is a few lines.
      expect(r.out.length).toBeLessThan(10_000);
      expect(r.out).toContain("…");
    },
  },
  {
    name: "a targets file of 200,000 bad entries: the first screenful, and how many more",
    build: async (d) => {
      await clean(d);
      const targets = Array.from({ length: 200_000 }, (_, i) => ({
        indicator: `99${i}`,
        column: "planNext",
        text: "trên 16.000",
      }));
      await write(
        d,
        "chi-tieu.json",
        JSON.stringify({ format: "annex-targets/1", province: "Lạng Sơn", year: 2023, targets })
      );
    },
    args: (d) => ["check", at(d, "bieu01.xlsx"), "--targets", at(d, "chi-tieu.json")],
    exit: 2,
    says: /không hợp lệ:\n {2}targets\[0\]\.indicator: không có chỉ tiêu "990"[\s\S]*\n {2}… và 199\.980 lỗi khác \(sửa các lỗi trên rồi chạy lại\)\./,
    then: (_d, r) => expect(r.err.length).toBeLessThan(10_000),
  },
  {
    name: "fill on a hand-made sheet with the person's own 'Kiểm tra' column writes nothing into it",
    build: async (d) => {
      const layout = buildAnnexLayout(template(), { year: 2023 });
      const { wb, ws } = handMadeSheet(layout);
      ws.getCell(layout.headerRows[0] + 1, layout.selfCheck.column + 1).value = "Kiểm tra";
      await saveWorkbook(wb, at(d, "tay.xlsx"));
    },
    args: (d) => ["fill", at(d, "tay.xlsx")],
    exit: 0,
    writes: ["tay.xlsx"],
    then: async (d) => {
      const layout = buildAnnexLayout(template(), { year: 2023 });
      const ws = (await openWorkbook(at(d, "tay.xlsx"))).worksheets[0];
      const own: string[] = [];
      ws.getColumn(layout.selfCheck.column + 1).eachCell((c) => {
        if (c.formula) own.push(c.address);
      });
      expect(own).toEqual([]);
    },
  },
  {
    name: "a person's =SUM(…) saved without its result: check names the cell, not 'Chưa có số liệu'",
    build: withCell("estimateCur", { formula: "SUM(40,4)" } as ExcelJS.CellFormulaValue),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /Ô G\d+ có công thức =SUM\(40,4\) nhưng tệp không lưu kết quả của nó/,
    never: /Chưa có số liệu[^\n]*\(2\)\./,
  },
  {
    name: "fill over a formula saved without its result: said, and Excel asked to recalculate on open",
    build: async (d) => {
      // As a tool that does not calculate saves it: no result, and no request to recalculate.
      const file = await withCell("estimateCur", {
        formula: "SUM(40,4)",
      } as ExcelJS.CellFormulaValue)(d);
      const zip = await JSZip.loadAsync(await fs.readFile(file));
      const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
      zip.file("xl/workbook.xml", xml.replace(/ fullCalcOnLoad="1"/, ""));
      await write(d, "bieu01.xlsx", await zip.generateAsync({ type: "nodebuffer" }));
    },
    args: (d) => ["fill", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /Lưu ý: 1 ô có công thức mà tệp không lưu kết quả \(G\d+\)/,
    writes: ["bieu01.xlsx"],
    then: async (d) => {
      const bytes = await fs.readFile(at(d, "bieu01.xlsx"));
      const zip = await JSZip.loadAsync(bytes);
      expect(await zip.file("xl/workbook.xml")?.async("string")).toMatch(/fullCalcOnLoad="1"/);
      // Run twice, the second changes nothing: the file already asks for recalculation.
      const again = await annex("fill", at(d, "bieu01.xlsx"));
      expect(again.out).toMatch(/Không có gì cần ghi/);
      expect((await fs.readFile(at(d, "bieu01.xlsx"))).equals(bytes)).toBe(true);
    },
  },
  // issue 17 (real-world corpus: .xlsb, no sheet, parts elsewhere, a big sheet beside, header to XFD)
  {
    name: "an .xlsb (Excel's binary workbook) is refused by name, never '0 lỗi'",
    build: (d) => write(d, "bieu.xlsb", xlsbFile()),
    args: (d) => ["check", at(d, "bieu.xlsb")],
    exit: 2,
    says: /sổ Excel nhị phân \(\.xlsb\).*lưu lại thành \.xlsx/,
    never: /0 tệp có lỗi\.$/,
  },
  {
    name: "an .xlsb renamed .xlsx: refused by its content",
    build: (d) => write(d, "bieu.xlsx", xlsbFile()),
    args: (d) => ["check", at(d, "bieu.xlsx"), "--json"],
    exit: 2,
    says: /"code": "xlsb"/,
  },
  {
    name: "a workbook without a worksheet: exit 2, says nothing was checked",
    build: async (d) => write(d, "rong.xlsx", await noWorksheet()),
    args: (d) => ["check", at(d, "rong.xlsx")],
    exit: 2,
    says: /không có trang tính nào đọc được.*không có gì được kiểm tra/,
  },
  {
    name: "parts at other paths: check follows the relationships, as Excel does",
    build: async (d) => write(d, "khac.xlsx", await elsewherePackage()),
    args: (d) => ["check", at(d, "khac.xlsx")],
    exit: 0,
    says: /Trang tính "Biểu 01 - 2023": Biểu số 01 năm 2023/,
    never: NOT_XLSX,
  },
  {
    name: "parts at other paths: fill -o writes a usual .xlsx that check reads",
    build: async (d) => write(d, "khac.xlsx", await elsewherePackage()),
    args: (d) => ["fill", at(d, "khac.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 0,
    says: /Đã ghi \d+ ô vào/,
    writes: ["ra.xlsx"],
    then: async (d) => {
      const r = await annex("check", at(d, "ra.xlsx"), "--json");
      expect(JSON.parse(r.out).totals).toMatchObject({ files: 1, unreadable: 0, error: 0 });
    },
  },
  {
    name: "a 60 MB data sheet beside the annex: the annex is checked, the big sheet named with why",
    build: async (d) => write(d, "lon.xlsx", await bigDataSheetBeside()),
    args: (d) => ["check", at(d, "lon.xlsx")],
    exit: 0,
    says: /Trang tính "Biểu 01 - 2023": Biểu số 01 năm 2023[\s\S]*Trang tính "Dữ liệu" không được đọc: quá lớn \(.*60 MB.*tối đa 50 MB\)[\s\S]*1 trang tính quá lớn không được đọc/,
  },
  {
    name: "a 60 MB data sheet beside the annex: check --sheet the annex reads that sheet only",
    build: async (d) => write(d, "lon.xlsx", await bigDataSheetBeside()),
    args: (d) => ["check", at(d, "lon.xlsx"), "--sheet", "Biểu 01 - 2023", "--json"],
    exit: 0,
    says: /"unreadSheets": \[\]/,
    never: /Dữ liệu/,
  },
  {
    name: "a 60 MB data sheet: check --sheet on it says too large",
    build: async (d) => write(d, "lon.xlsx", await bigDataSheetBeside()),
    args: (d) => ["check", at(d, "lon.xlsx"), "--sheet", "Dữ liệu"],
    exit: 2,
    says: TOO_LARGE,
  },
  {
    name: "a 60 MB data sheet: fill refuses (saving rewrites every sheet, so it must read that one)",
    build: async (d) => write(d, "lon.xlsx", await bigDataSheetBeside()),
    args: (d) => ["fill", at(d, "lon.xlsx"), "-o", at(d, "ra.xlsx")],
    exit: 2,
    says: TOO_LARGE,
  },
  {
    name: "a header row of text out to XFD: fill --self-check refuses in words, writes nothing",
    build: async (d) => write(d, "xfd.xlsx", await headerToXfd(true)),
    args: (d) => ["fill", at(d, "xfd.xlsx"), "--self-check"],
    exit: 2,
    says: /Không thêm được cột Kiểm tra: .*\(XFD\)[\s\S]*Không ghi gì; tệp giữ nguyên/,
  },
  {
    name: "a header row formatted out to XFD: fill --self-check puts Kiểm tra right of the table",
    build: async (d) => write(d, "xfd.xlsx", await headerToXfd(false)),
    args: (d) => ["fill", at(d, "xfd.xlsx"), "--self-check", "-o", at(d, "ra.xlsx")],
    exit: 0,
    writes: ["ra.xlsx"],
    then: async (d) => {
      const ws = (await openWorkbook(at(d, "ra.xlsx"))).worksheets[0];
      const headers: number[] = [];
      ws.eachRow((row) =>
        row.eachCell((cell, c) => void (cell.value === "Kiểm tra" && headers.push(c)))
      );
      expect(headers).toEqual([14]); // column N, right of the table's last column (M, Ghi chú)
      expect(ws.columnCount).toBeLessThan(100); // the formatted empty cells to XFD were cut
    },
  },
  // issue 18 (verdicts a careful reviewer would sign)
  {
    name: "a plan 'trên 160' reached: Đạt, no 'không đạt kế hoạch'",
    build: (d) =>
      annexFile(d, "bieu01.xlsx", undefined, (ws, a) => {
        ws.getCell(a("2", "planCur")).value = "trên 160";
        ws.getCell(a("2", "estimateCur")).value = 160;
      }),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 0,
    never: /\(2\) không đạt kế hoạch/,
  },
  {
    name: "petitions resolved above those received: a warning naming the period before, exit 0",
    build: (d) =>
      annexFile(d, "bieu01.xlsx", undefined, (ws, a) => {
        ws.getCell(a("74", "estimateCur")).value = 24;
        for (const [code, v] of [
          ["74.1", 4],
          ["74.2", 10],
          ["74.3", 10],
        ] as const)
          ws.getCell(a(code, "estimateCur")).value = v;
        ws.getCell(a("75", "estimateCur")).value = 26;
      }),
    args: (d) => ["check", at(d, "bieu01.xlsx")],
    exit: 0,
    says: /ghi 26, thừa 2 so với[\s\S]*kỳ trước[\s\S]*chuyển sang/,
  },
  {
    name: "template asking for a row in a period the form lacks",
    build: (d) =>
      customTemplate(d, "ky-sai.json", (t) => {
        t.periods = ["6-thang"];
        t.indicators[0].required = true;
        t.indicators[0].requiredPeriods = ["ca-nam"];
      }),
    args: (d) => ["templates", "--template", at(d, "ky-sai.json")],
    exit: 2,
    says: /requiredPeriods\[0\][\s\S]*không có kỳ "ca-nam"/,
  },
];

/** A district's annex of Biểu 01 for 2023 with these figures (a title block naming no district). */
function unitAnnex(d: string, name: string, values: SampleFigures["values"]): Promise<string> {
  return annexFile(d, name, { templateId: "bieu-01-ke-hoach-nam", year: 2023, values });
}

/** A Biểu 02 for 2023 made for a period, with a figure in its first count's current-period cell. */
async function periodAnnex(d: string, name: string, period: ReportingPeriod, figure: number) {
  const tpl = templateForPeriod(template("bieu-02-bao-cao-6-thang"), period);
  const workbook = await newAnnexWorkbook({ template: tpl, year: 2023 });
  const layout = buildAnnexLayout(tpl, { year: 2023 });
  const code = tpl.indicators.find((i) => i.kind === "count")?.code ?? "";
  const row = layout.rowOf.get(code) ?? 0;
  workbook.worksheets[0].getCell(
    row + 1,
    tpl.columns.findIndex((c) => c.id === "actual6m") + 1
  ).value = figure;
  await saveWorkbook(workbook, at(d, name));
}

/** The consolidated "TH năm 2021" of indicator 2 in the folder's tinh.xlsx. */
async function provinceJobs(d: string): Promise<ExcelJS.CellValue> {
  const wb = await openWorkbook(at(d, "tinh.xlsx"));
  const tpl = template("bieu-01-ke-hoach-nam");
  const row = buildAnnexLayout(tpl, { year: 2023 }).rowOf.get("2") ?? 0;
  const cell = wb.worksheets[0].getCell(
    row + 1,
    tpl.columns.findIndex((c) => c.id === "actualPrev") + 1
  );
  return cell.result ?? cell.value;
}

/** A lock of the project's beside `name`, as a running (or finished) `annex explain` leaves it. */
async function heldLock(dir: string, name: string, pid: number): Promise<void> {
  // A held lock is waited for 15 s by default: a moment is enough here.
  process.env.ANNEX_LOCK_WAIT_MS = "200";
  await fs.writeFile(
    lockPath(at(dir, name)),
    JSON.stringify({
      pid,
      host: hostname(),
      command: "explain",
      time: new Date().toISOString(),
      token: "x",
    })
  );
}

function shortLockWaitEnds(): void {
  delete process.env.ANNEX_LOCK_WAIT_MS;
}

/** A process id that ran on this computer and is gone. */
function deadPid(): number {
  return Number(spawnSync("node", ["-e", "process.stdout.write(String(process.pid))"]).stdout);
}

/** The sample annex with a large change on 17.1 and 17.2, 17.1's explained. */
async function explainedSample(dir: string): Promise<void> {
  const file = await writeSampleAnnex(dir);
  await editSample(dir, (ws) => {
    for (const code of ["17.1", "17.2"]) {
      const prev = ws.getCell(sampleAddress(code, "actualPrev")).value as number;
      ws.getCell(sampleAddress(code, "estimateCur")).value = prev * 2;
    }
  });
  const cell = sampleAddress("17.1", "estimateCur");
  const r = await annex(
    "explain",
    file,
    "--cell",
    cell,
    "--rule",
    "change.large",
    "--reason",
    "Chương trình mới năm 2022"
  );
  expect(r.code).toBe(0);
}

async function editSample(dir: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = await openWorkbook(at(dir, "bieu01.xlsx"));
  edit(wb.worksheets.find((w) => w.name !== "_annex")!);
  await saveWorkbook(wb, at(dir, "bieu01.xlsx"));
}

/** The clean annex with four 30 MB sheet parts, listed as sheets of the workbook or not. */
async function fourBigSheets(listed: boolean): Promise<Buffer> {
  const filled = await sheetStream(30 * 1024 * 1024, '<row r="1"><c r="A1"><v>1</v></c></row>');
  const numbers = [3, 4, 5, 6];
  const parts = numbers.map((n) => ({
    name: `xl/worksheets/sheet${n}.xml`,
    data: filled.data,
    method: 8 as const,
    size: filled.size,
  }));
  const base = await JSZip.loadAsync(await rebuiltAnnex());
  const kept = await Promise.all(
    Object.keys(base.files)
      .filter((n) => !base.files[n].dir)
      .map(async (n) => {
        let text = await base.files[n].async("nodebuffer");
        if (listed && n === "xl/workbook.xml")
          text = Buffer.from(
            text
              .toString("utf8")
              .replace(
                "</sheets>",
                numbers
                  .map((k) => `<sheet name="Số liệu ${k}" sheetId="${k + 10}" r:id="rIdBig${k}"/>`)
                  .join("") + "</sheets>"
              )
          );
        if (listed && n === "xl/_rels/workbook.xml.rels")
          text = Buffer.from(
            text
              .toString("utf8")
              .replace(
                "</Relationships>",
                numbers
                  .map(
                    (k) =>
                      `<Relationship Id="rIdBig${k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k}.xml"/>`
                  )
                  .join("") + "</Relationships>"
              )
          );
        return deflated(n, text);
      })
  );
  return rawZip([...kept, ...parts]);
}

/** The clean annex's parts plus a chart part (ExcelJS would drop it on saving). */
async function chartAnnexParts() {
  const zip = await JSZip.loadAsync(await cleanAnnexBytes());
  const parts = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => !zip.files[n].dir)
      .map(async (n) => deflated(n, await zip.files[n].async("nodebuffer")))
  );
  return [...parts, deflated("xl/charts/chart1.xml", Buffer.from("<c:chartSpace/>"))];
}

/** sha256 of every file under the folder (links by where they point), by relative path. */
async function hashes(dir: string, base = dir, into = new Map<string, string>()) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(base, full);
    if (entry.isSymbolicLink()) into.set(rel, `link → ${await fs.readlink(full)}`);
    else if (entry.isDirectory()) await hashes(full, base, into);
    else
      into.set(
        rel,
        createHash("sha256")
          .update(await fs.readFile(full))
          .digest("hex")
      );
  }
  return into;
}

const bin = process.env.ANNEX_BIN ?? path.join(__dirname, "../../bin/annex.js");

/** The real bin, its stdout read by `head -1`, which then goes away; the bin's own exit status. */
async function pipedToHead(args: readonly string[]): Promise<RunResult> {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const errFile = path.join(tempDir(), "stderr.txt");
  const { code, out } = await new Promise<{ code: number; out: string }>((resolve) =>
    execFile(
      "bash",
      ["-c", `node '${bin}' ${quoted} 2>"$ERR" | head -1; exit "\${PIPESTATUS[0]}"`],
      { env: { ...process.env, ERR: errFile } },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, out: stdout })
    )
  );
  return { code, out, err: await fs.readFile(errFile, "utf8") };
}

describe("reliability catalogue (issue #10)", () => {
  test(`holds at least 60 cases (${ROWS.length})`, () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  test.each(ROWS.map((r) => [r.name, r] as const))("%s", async (_name, row) => {
    const dir = tempDir("annex-reliability-");
    await row.build(dir);
    const before = await hashes(dir);
    const r = row.pipeToHead ? await pipedToHead(row.args(dir)) : await annex(...row.args(dir));
    const printed = [r.out, r.err].filter(Boolean).join("\n");
    // What was printed shows beside a wrong exit status.
    expect({ exit: r.code, printed: r.code === row.exit ? "" : printed }).toEqual({
      exit: row.exit,
      printed: "",
    });
    if (row.says) expect(printed).toMatch(row.says);
    expect(printed).not.toMatch(STACK);
    if (row.never) expect(printed).not.toMatch(row.never);
    const after = await hashes(dir);
    const writes = new Set(row.writes ?? []);
    for (const [file, hash] of before)
      if (!writes.has(file)) expect({ file, hash: after.get(file) }).toEqual({ file, hash });
    for (const file of after.keys())
      if (!before.has(file))
        expect({ file, meant: writes.has(file) }).toEqual({ file, meant: true });
    for (const file of writes)
      if (before.has(file) && after.has(file))
        expect({ file, changed: after.get(file) !== before.get(file) }).toEqual({
          file,
          changed: true,
        });
    await row.then?.(dir, r);
  });
});

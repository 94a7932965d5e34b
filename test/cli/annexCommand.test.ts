import * as path from "path";
import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import { annex, tempDir } from "../helpers/cli";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { METADATA_SHEET } from "../../src/adapters/xlsx/metadata";
import { problemText } from "../../src/cli/workbooks";

/** The `annex` command line, run in-process on real files. */
describe("annex templates", () => {
  test("lists the built-in templates, and a custom one first", async () => {
    const dir = tempDir();
    const custom = JSON.parse(
      await fs.readFile(
        path.join(
          __dirname,
          "../../src/domain/catalog/templates/bieu-03-ho-tro-nha-o-nguoi-co-cong.json"
        ),
        "utf8"
      )
    );
    custom.id = "bieu-03-cao-loc";
    await fs.writeFile(path.join(dir, "cao-loc.json"), JSON.stringify(custom));
    const r = await annex("templates", "--template", dir);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[2]).toMatch(/^bieu-03-cao-loc .*cao-loc\.json$/);
    expect(r.out).toMatch(/bieu-01-ke-hoach-nam +1\.3\.0 +Biểu số 01 +ƯỚC THỰC HIỆN NĂM Y-1/);
    expect(r.out).toContain("có sẵn");
    expect((await annex("templates", "--lang", "en")).out).toContain("built-in");
  });

  test("a broken custom template names the bad field", async () => {
    const dir = tempDir();
    await fs.writeFile(path.join(dir, "bad.json"), JSON.stringify({ id: "x" }));
    const r = await annex("templates", "--template", path.join(dir, "bad.json"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Mẫu biểu .*bad\.json không hợp lệ:\n {2}version: /);
  });
});

describe("annex new", () => {
  test("creates an empty annex and will not replace an existing file", async () => {
    const file = path.join(tempDir(), "b01.xlsx");
    const args = ["new", "--template", "bieu-01-ke-hoach-nam", "--year", "2024", "-o", file];
    const made = await annex(...args, "--unit", "Sở LĐTBXH tỉnh Cao Bằng");
    expect(made.code).toBe(0);
    expect(made.out).toContain('133 chỉ tiêu, trang tính "Biểu 01 - 2024"');
    const wb = await openWorkbook(file);
    expect(wb.worksheets[0].getCell("A2").value).toBe("SỞ LĐTBXH TỈNH CAO BẰNG");
    expect(wb.getWorksheet(METADATA_SHEET)?.getCell("D2").value).toBe(2024);

    const before = await fs.readFile(file);
    const again = await annex(...args);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/đã có; không ghi đè/);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });

  test("says which templates exist when the id is wrong, and checks the year", async () => {
    const out = path.join(tempDir(), "x.xlsx");
    const wrong = await annex("new", "--template", "bieu-99", "--year", "2023", "-o", out);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/Không có mẫu biểu "bieu-99". Các mẫu có sẵn: bieu-01-ke-hoach-nam/);
    const year = await annex(
      "new",
      "--template",
      "bieu-01-ke-hoach-nam",
      "--year",
      "23",
      "-o",
      out
    );
    expect(year.err).toMatch(/--year phải là năm từ 2000 đến 2100, không phải "23"/);
    await expect(fs.stat(out)).rejects.toThrow();
  });

  test("an unwritable output leaves no file behind", async () => {
    const dir = tempDir();
    const out = path.join(dir, "no-such-folder", "b01.xlsx");
    const r = await annex("new", "--template", "bieu-01-ke-hoach-nam", "--year", "2023", "-o", out);
    expect(r.code).toBe(2);
    // Said before the work, naming the missing folder (#17).
    expect(r.err).toMatch(/Không có thư mục ".*no-such-folder" để ghi ".*b01\.xlsx"/);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe("annex check", () => {
  let dir: string;
  let good: string;
  let bad: string;

  beforeAll(async () => {
    dir = tempDir();
    good = await writeSampleAnnex(dir, "lang-son.xlsx");
    // A district whose 6-month figure is larger than its estimate for the year, and a negative count
    bad = await writeSampleAnnex(dir, "huyen-x.xlsx");
    const wb = await openWorkbook(bad);
    wb.worksheets[0].getCell(sampleAddress("2", "actualPrev")).value = -5;
    await saveWorkbook(wb, bad);
  });

  test("a clean workbook: a table, a summary, exit 0", async () => {
    const r = await annex("check", good);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^== .*lang-son\.xlsx ==\nTrang tính "Biểu 01 - 2023": Biểu số 01 năm 2023\n/
    );
    expect(r.out).toMatch(/Mức +Ô +Nội dung +Cần +Thấy/);
    expect(r.out).toMatch(/Đã kiểm tra 1 tệp: 0 lỗi, \d+ cảnh báo, \d+ lưu ý; 0 tệp có lỗi\.$/);
  });

  test("a batch by glob: progress on stderr, the faulty file named, exit 1", async () => {
    const r = await annex("check", path.join(dir, "*.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /Đang kiểm tra 1\/2: .*huyen-x\.xlsx\nĐang kiểm tra 2\/2: .*lang-son\.xlsx/
    );
    expect(r.out).toMatch(new RegExp(`Lỗi +${sampleAddress("2", "actualPrev")} `));
    expect(r.out).toMatch(/Đã kiểm tra 2 tệp: [1-9]\d* lỗi, .*; 1 tệp có lỗi\./);
  });

  test("--json is a stable report with both languages; --lang en prints English", async () => {
    const r = await annex("check", bad, good, "--json");
    const report = JSON.parse(r.out);
    expect(report.format).toBe("annex-check/1");
    expect(report.files.map((f: { file: string }) => path.basename(f.file))).toEqual([
      "huyen-x.xlsx",
      "lang-son.xlsx",
    ]);
    const negative = report.files[0].sheets[0].findings.find(
      (f: { ruleId: string }) => f.ruleId === "bounds.negative"
    );
    expect(negative).toMatchObject({
      severity: "error",
      cell: sampleAddress("2", "actualPrev"),
      indicator: "2",
      column: "actualPrev",
      message: { vi: expect.any(String), en: expect.any(String) },
    });
    expect(report.totals).toMatchObject({ files: 2, unreadable: 0 });
    expect(report.totals.error).toBeGreaterThan(0);
    const en = await annex("check", good, "--lang", "en");
    expect(en.out).toMatch(/Severity +Cell +Message +Expected +Found/);
    expect(en.out).toMatch(/Checked 1 file: 0 errors/);
  });

  test("--sheet picks a sheet, and names the ones there are when it is wrong", async () => {
    expect((await annex("check", good, "--sheet", "Biểu 01 - 2023")).code).toBe(0);
    const r = await annex("check", good, "--sheet", "Sheet9");
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/không có trang tính "Sheet9" \(có: "Biểu 01 - 2023"\)/);
  });

  test("bad files are reported one by one, and the good ones are still checked", async () => {
    const d = tempDir();
    const csv = path.join(d, "bao-cao.csv");
    await fs.writeFile(csv, "STT,Chỉ tiêu\n1,Lao động\n");
    const xls = path.join(d, "cu.xls");
    await fs.writeFile(
      xls,
      Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)])
    );
    // An encrypted .xlsx is a compound file holding an EncryptionInfo stream
    const locked = path.join(d, "mat-khau.xlsx");
    await fs.writeFile(
      locked,
      Buffer.concat([
        Buffer.from("d0cf11e0a1b11ae1", "hex"),
        Buffer.alloc(120),
        Buffer.from("EncryptionInfo", "utf16le"),
      ])
    );
    const corrupt = path.join(d, "hong.xlsx");
    const bytes = await fs.readFile(good);
    await fs.writeFile(corrupt, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const empty = path.join(d, "trong.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "Danh sách cán bộ";
    await saveWorkbook(wb, empty);

    const files = [path.join(d, "thieu.xlsx"), csv, xls, locked, corrupt, empty, good];
    const r = await annex("check", ...files);
    expect(r.code).toBe(2);
    expect(r.out).toContain('Không tìm thấy tệp "' + files[0]);
    expect(r.out).toMatch(/bao-cao\.csv" không phải sổ Excel \.xlsx \(đây là tệp CSV\)/);
    expect(r.out).toMatch(/cu\.xls" là định dạng Excel cũ \(\.xls\)/);
    expect(r.out).toMatch(/mat-khau\.xlsx" được đặt mật khẩu/);
    expect(r.out).toMatch(/hong\.xlsx" bị hỏng, không đọc được/);
    expect(r.out).toMatch(/Trang tính "Sheet1" không có biểu chỉ tiêu nào được nhận biết/);
    expect(r.out).toMatch(/Đã kiểm tra 7 tệp: .*; 1 tệp có lỗi, 5 tệp không đọc được\./);
  });

  test("a sheet naming a template we do not have says so", async () => {
    const file = await writeSampleAnnex(tempDir(), "custom.xlsx");
    const wb = await openWorkbook(file);
    wb.getWorksheet(METADATA_SHEET)!.getCell("B2").value = "bieu-07-tinh-rieng";
    await saveWorkbook(wb, file);
    const r = await annex("check", file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "được lập theo một mẫu biểu không có trên máy này và không được lưu kèm trong sổ tính"
    );
    // Officers never see a template id.
    expect(r.out).not.toContain("bieu-07-tinh-rieng");
  });
});

describe("annex fill", () => {
  test("writes formulas with cached results, keeps a typed figure, and a second run changes nothing", async () => {
    const dir = tempDir();
    const file = await writeSampleAnnex(dir);
    const typed = sampleAddress("3", "pctPlan");
    const wb = await openWorkbook(file);
    wb.worksheets[0].getCell(typed).value = 95.5;
    await saveWorkbook(wb, file);

    const first = await annex("fill", file);
    // The typed 95,5 is not 150.000 / 110.000 (a derived.mismatch error): fill's exit status follows
    // the annex's errors, as check's does (issue #10), and it names them.
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/Biểu có 1 lỗi; xem từng lỗi: annex check/);
    expect(first.out).toMatch(/\d+ ô công thức cần ghi, 1 ô người dùng đã nhập được giữ nguyên/);
    expect(first.out).toContain(`Ô ${typed} đã có nội dung do người dùng nhập (95.5)`);
    expect(first.out).toContain("Dùng --force");
    const sheet = (await openWorkbook(file)).worksheets[0];
    expect(sheet.getCell(typed).value).toBe(95.5);
    expect(sheet.getCell(sampleAddress("3", "yoy")).formula).toMatch(/^IF\(/);

    const stat = await fs.stat(file);
    const second = await annex("fill", file);
    expect(second.out).toMatch(/0 ô công thức cần ghi/);
    expect((await fs.stat(file)).mtimeMs).toBe(stat.mtimeMs);
  });

  test("refuses to write a workbook with charts over itself, and writes a copy with a warning", async () => {
    const dir = tempDir();
    const file = await writeSampleAnnex(dir);
    // Pretend a chart part exists: ExcelJS could not carry it through a save.
    const bytes = await fs.readFile(file);
    const marked = Buffer.concat([bytes, Buffer.from("xl/charts/chart1.xml")]);
    await fs.writeFile(file, marked);
    const r = await annex("fill", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/có biểu đồ; ghi lại tệp này sẽ làm mất chúng/);
    expect((await fs.readFile(file)).equals(marked)).toBe(true);
  });

  test("a workbook with no annex: says so, writes nothing", async () => {
    const dir = tempDir();
    const file = path.join(dir, "list.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("DS").getCell("A1").value = "Danh sách";
    await saveWorkbook(wb, file);
    const out = path.join(dir, "out.xlsx");
    const r = await annex("fill", file, "-o", out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/không có biểu chỉ tiêu nào được nhận biết/);
    await expect(fs.stat(out)).rejects.toThrow();
  });
});

describe("annex itself", () => {
  test("help, and an unknown command", async () => {
    expect((await annex("--help")).out).toMatch(/^Cách dùng:\n {2}annex templates/);
    const r = await annex("chek", "a.xlsx");
    expect(r.code).toBe(2);
    // The specific message and one line pointing to --help, not the whole usage (issue #11).
    expect(r.err.split("\n")).toEqual([
      expect.stringMatching(/^Không có lệnh "chek" \(các lệnh: templates, new, check, fill.*\)\.$/),
      "annex --help để xem cách dùng.",
    ]);
    const opt = await annex("check", "a.xlsx", "--jsn");
    expect(opt.code).toBe(2);
    expect(opt.err).toMatch(/^Tham số không hợp lệ: .*--jsn.*\nannex --help để xem cách dùng\.$/);
    expect(opt.err).not.toContain("Cách dùng:");
  });
});

test("annex new refuses a sheet name Excel would refuse, before writing anything", async () => {
  const out = path.join(tempDir(), "x.xlsx");
  const r = await annex(
    "new",
    "--template",
    "bieu-01-ke-hoach-nam",
    "--year",
    "2023",
    "--sheet",
    "Biểu 01/2023",
    "-o",
    out,
    "--lang",
    "en"
  );
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^--sheet "Biểu 01\/2023" cannot be used: .*: \\ \/ \? \* \[ \]/);
  await expect(fs.stat(out)).rejects.toThrow();
});

test("an unexpected failure on one file of a batch is reported for that file, not thrown", () => {
  const { code, text } = problemText(new TypeError("cannot read 'x'"), "huyen-7.xlsx");
  expect(code).toBe("unexpected");
  expect(text.vi).toBe(
    `Lỗi không lường trước khi đọc "huyen-7.xlsx": cannot read 'x'. Xin gửi tệp này cho nhóm phát triển.`
  );
});

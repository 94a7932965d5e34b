import { promises as fs } from "fs";
import * as path from "path";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { annex, tempDir } from "../helpers/cli";
import { handMadeWorkbook } from "../helpers/handMadeWorkbook";
import { LANG_SON_NTM, THAI_BINH, THAI_BINH_MERGES } from "../helpers/handMadeSheets";

/**
 * annex learn (issue #20), on real .xlsx files made by hand: the template of the officer's own sheet,
 * written as JSON or kept in the workbook, then used by a plain `annex check`.
 */
async function thaiBinhFile(dir: string, extra = false): Promise<string> {
  const file = path.join(dir, "thai-binh-quy-1-2020.xlsx");
  const sheets = [{ name: "Quý I-2020", rows: THAI_BINH, merges: THAI_BINH_MERGES }];
  if (extra) sheets.unshift({ name: "Ghi chép", rows: [["Số liệu gửi Sở"]], merges: [] });
  await saveWorkbook(handMadeWorkbook(sheets), file);
  return file;
}

describe("annex learn", () => {
  test("-o writes the template and prints the rows, each relation with its evidence, and the questions", async () => {
    const dir = tempDir();
    const file = await thaiBinhFile(dir, true);
    const out = path.join(dir, "mau.json");
    const r = await annex("learn", file, "-o", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain('Trang tính "Quý I-2020"');
    expect(r.out).toMatch(/18 chỉ tiêu, 3 cột số liệu, năm 2020/);
    expect(r.out).toMatch(/Số lao động được tạo việc làm mới +người +số đếm +thuận/);
    expect(r.out).toContain("= tổng 1.1 + 1.2 + 1.3");
    expect(r.out).toContain("lệch 90 ở cột Ước TH quý I/2020");
    expect(r.out).toMatch(/Câu hỏi cần cán bộ xác nhận \(\d+\):/);
    const data = JSON.parse(await fs.readFile(out, "utf8"));
    expect(data.indicators).toHaveLength(18);

    // The JSON is a template like any other: check --template uses it and finds the seed's slip.
    const checked = await annex("check", "--template", out, file);
    expect(checked.code).toBe(1);
    expect(checked.out).toMatch(/Lỗi +F18 /);
    expect(checked.out).not.toMatch(/Không tìm thấy cột/);
    // -o never replaces a file.
    expect((await annex("learn", file, "-o", out)).code).toBe(2);
    // A province names its form and its changes.
    const named = path.join(dir, "thai-binh.json");
    const r2 = await annex(
      "learn",
      file,
      "-o",
      named,
      "--id",
      "thai-binh-quy",
      "--version",
      "1.1.0"
    );
    expect(r2.code).toBe(0);
    expect(JSON.parse(await fs.readFile(named, "utf8"))).toMatchObject({
      id: "thai-binh-quy",
      version: "1.1.0",
    });
    expect((await annex("learn", file, "--version", "2")).code).toBe(2);
  });

  test("--embed keeps the template in the workbook; a plain check uses it; a second run changes nothing", async () => {
    const dir = tempDir();
    const file = await thaiBinhFile(dir);
    // Without it the sheet is forced onto a built-in form.
    const before = await annex("check", file);
    expect(before.out).not.toMatch(/Lỗi +F18 /);
    expect(before.out).toContain(
      `Gợi ý: trang tính "Quý I-2020" của ${file} thiếu cột của mẫu có sẵn.`
    );
    expect(before.out).toContain(`annex learn "${file}" --sheet "Quý I-2020" --embed`);

    const r = await annex("learn", file, "--embed");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Đã lưu mẫu");
    const bytes = await fs.readFile(file);
    const again = await annex("learn", file, "--embed");
    expect(again.out).toContain("tệp giữ nguyên");
    expect(Buffer.compare(await fs.readFile(file), bytes)).toBe(0);

    expect((await annex("check", file)).out).not.toContain("Gợi ý");
    const checked = await annex("check", file, "--json");
    const report = JSON.parse(checked.out);
    const sheet = report.files[0].sheets[0];
    expect(sheet.template.id).toMatch(/^mau-/);
    const errors = sheet.findings.filter((f: { severity: string }) => f.severity === "error");
    expect(
      errors.map((f: { ruleId: string; cells: string[] }) => `${f.ruleId} ${f.cells[0]}`)
    ).toEqual(["sum.mismatch F18"]);
    expect(checked.code).toBe(1);
  });

  test("exit 2 when no annex-like table is found, saying what it looked for", async () => {
    const dir = tempDir();
    const file = path.join(dir, "notes.xlsx");
    await saveWorkbook(
      handMadeWorkbook([{ name: "Ghi chép", rows: [["Danh sách cán bộ"], ["Nguyễn Văn A"]] }]),
      file
    );
    const r = await annex("learn", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Không học được mẫu");
    expect(r.err).toContain('cột "STT"');
  });

  test("--sheet picks the sheet; the rates of Lạng Sơn's criteria are learned with their evidence", async () => {
    const dir = tempDir();
    const file = path.join(dir, "ntm.xlsx");
    await saveWorkbook(
      handMadeWorkbook([
        { name: "Quý I-2020", rows: THAI_BINH, merges: THAI_BINH_MERGES },
        { name: "NTM 2023", rows: LANG_SON_NTM },
      ]),
      file
    );
    const r = await annex("learn", file, "--sheet", "NTM 2023", "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sheet "NTM 2023"');
    expect(r.out).toContain(
      "off in column KH nam 2023: 87 / 181 × 100 = 48.07, the sheet says 45.86"
    );
  });
});

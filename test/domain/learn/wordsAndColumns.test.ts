import { analyzeSheet, snapshotFromValues } from "../../../src/domain";
import { learnTemplate } from "../../../src/domain/learn";
import { learnColumns } from "../../../src/domain/learn/columnRoles";
import { findHeaderBlock } from "../../../src/domain/learn/headerBlock";
import { learnKind, learnLeaning } from "../../../src/domain/learn/kinds";

/** Issue #20: the learner's reading of header words, units and names, one case at a time. */

describe("column roles from the header words and years", () => {
  const sheet = snapshotFromValues("9 tháng", [
    ["BÁO CÁO 9 THÁNG NĂM 2022"],
    [
      "Số TT",
      "NỘI DUNG",
      "Đơn vị",
      "Thực hiện cùng kỳ năm 2021",
      "Kế hoạch năm 2022",
      "TH 9 tháng năm 2022",
      "Đánh giá",
      "Ghi chú",
    ],
    ["A", "B", "C", "1", "2", "3", "4", "5"],
    ["1", "Số người được tư vấn", "người", 10, 20, 15, "", ""],
  ]);
  const block = findHeaderBlock(sheet);
  const roles = block && learnColumns(block);

  test("accents and capitals do not matter; TH, Kế hoạch, 9 tháng and their years are read", () => {
    expect(block?.headerRow).toBe(1);
    expect(block?.numberingRow).toBe(2);
    expect(roles?.year).toBe(2022);
    expect(roles?.months).toBe(9);
    expect(
      roles?.columns.map((c) =>
        c.column.role === "input"
          ? `${c.column.period} ${c.column.yearOffset} ${c.column.months ?? 12} ${c.column.header.vi}`
          : c.column.role === "evaluation"
            ? `evaluation ${c.column.value} vs ${c.column.target}`
            : c.column.role
      )
    ).toEqual([
      "code",
      "name",
      "unit",
      // "cùng kỳ": the same nine months of the year before.
      "actual -1 9 Thực hiện cùng kỳ năm {Y-1}",
      "plan 0 12 Kế hoạch năm {Y}",
      "actual 0 9 TH 9 tháng năm {Y}",
      "evaluation thM9Y0 vs khY0",
      "note",
    ]);
  });

  test("a sheet with no STT / Chỉ tiêu header is no annex, and says what was looked for", () => {
    const r = learnTemplate(
      snapshotFromValues("Danh sách", [
        ["Họ tên", "Chức vụ"],
        ["Nguyễn Văn A", "Chuyên viên"],
      ])
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.vi).toContain('cột "STT"');
  });
});

describe("kinds from units, and what is asked", () => {
  const kind = (name: string, unit: string, figures: number[] = []) =>
    learnKind(
      "1",
      name,
      unit,
      figures.map((value) => ({ value, decimals: value % 1 ? 2 : 0 }))
    );

  test.each([
    ["Tỷ lệ hộ nghèo", "%", "rate"],
    ["Mức giảm tỷ lệ hộ nghèo", "điểm %", "points"],
    ["Mức giảm tỷ lệ hộ nghèo", "Điểm", "points"],
    ["Kinh phí chi trả", "triệu đồng", "amount"],
    ["Doanh số cho vay", "tỷ đồng", "amount"],
    ["Số gạo hỗ trợ", "kg", "amount"],
    ["Số hộ nghèo", "hộ", "count"],
    ["Số lượt người được tư vấn", "lượt người", "count"],
  ])("%s (%s) is a %s, asked nothing", (name, unit, expected) => {
    const k = kind(name, unit);
    expect(k.kind).toBe(expected);
    expect(k.notes).toEqual([]);
  });

  test("a 'Tỷ lệ …' row without % is a question, not a guess", () => {
    const k = kind("Tỷ lệ lao động qua đào tạo", "người", [57.72]);
    expect(k.notes.map((n) => `${n.kind} ${n.field}`)).toEqual(["question kind"]);
    expect(k.notes[0].vi).toContain('không phải "%"');
  });

  test("a row with no unit is asked about", () => {
    expect(kind("Số hộ được hỗ trợ", "").notes[0].vi).toContain("chưa ghi đơn vị tính");
  });
});

describe("direction and flow or stock from the words kept as data", () => {
  test.each([
    ["Số hộ nghèo", "down"],
    ["Số hộ thoát nghèo", "up"],
    ["Tỷ lệ thất nghiệp khu vực thành thị", "down"],
    ["Số người tham gia bảo hiểm thất nghiệp", "up"],
    ["Số người nộp hồ sơ hưởng trợ cấp thất nghiệp", "neutral"],
    ["Số trẻ em bị tai nạn thương tích", "down"],
    ["Số lao động được tạo việc làm mới", "up"],
    ["Số xã, phường, thị trấn không có tệ nạn ma túy", "up"],
  ])("%s: %s", (name, direction) => {
    const l = learnLeaning("1", name, "count", true);
    expect(l.direction).toBe(direction);
    expect(l.notes.filter((n) => n.kind === "question" && n.field === "direction")).toEqual([]);
  });

  test("a name no word settles is neutral, and asked", () => {
    const l = learnLeaning("1", "Số phiếu khảo sát", "count", true);
    expect(l.direction).toBe("neutral");
    expect(l.notes.map((n) => `${n.kind} ${n.field}`)).toEqual([
      "question direction",
      "question nature",
    ]);
  });
});

describe("a one-row header (no second header row, no numbering row)", () => {
  test("the row right under it is data: learned, and found again by the check", () => {
    const sheet = snapshotFromValues("Một hàng", [
      ["STT", "Chỉ tiêu", "ĐVT", "TH năm 2022", "KH năm 2023"],
      ["1", "Số lao động được tạo việc làm mới", "người", 15200, 16000],
      ["2", "Số người được tuyển sinh, đào tạo nghề nghiệp", "người", 9000, 9500],
    ]);
    const r = learnTemplate(sheet);
    if (!r.ok) throw new Error(r.vi);
    expect(r.template.indicators.map((i) => i.code)).toEqual(["1", "2"]);
    const analysis = analyzeSheet(sheet, { locale: "vi-VN", templates: [r.template] });
    expect(analysis.annex?.rows.map((x) => x.row)).toEqual([1, 2]);
    expect(analysis.findings.filter((f) => f.ruleId.startsWith("row."))).toEqual([]);
  });
});

describe("rows without codes", () => {
  test("indentation of the name (leading spaces) places a row under the one above", () => {
    const sheet = snapshotFromValues("Không mã", [
      ["STT", "Chỉ tiêu", "ĐVT", "TH năm 2022", "KH năm 2023"],
      ["", "Số phiên giao dịch việc làm", "phiên", 43, 45],
      ["", "    Tại Trung tâm", "phiên", 29, 30],
      ["", "    Lưu động", "phiên", 14, 15],
      ["", "Số người được tư vấn", "lượt người", 8977, 9000],
    ]);
    const r = learnTemplate(sheet);
    if (!r.ok) throw new Error(r.vi);
    expect(
      r.template.indicators.map(
        (i) => `${i.level} ${i.name.vi.trim()} ${JSON.stringify(i.relations)}`
      )
    ).toEqual([
      '0 Số phiên giao dịch việc làm [{"type":"sum","of":["S1.1.1","S1.1.2"]}]',
      "1 Tại Trung tâm []",
      "1 Lưu động []",
      "0 Số người được tư vấn []",
    ]);
  });
});

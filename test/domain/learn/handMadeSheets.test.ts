import { analyzeSheet, Finding, SheetSnapshot, snapshotFromValues } from "../../../src/domain";
import { learnTemplate, LearnResult } from "../../../src/domain/learn";
import {
  LANG_SON_6_THANG,
  LANG_SON_NTM,
  Row,
  THAI_BINH,
  THAI_BINH_MERGES,
} from "../../helpers/handMadeSheets";

/**
 * Issue #20: sheets made by hand in the styles officers use, holding the seeds' real figures and
 * slips. Learning gives their template; the check with it flags the seeds' slips and nothing else.
 * The figures are copied here (the tests do not read /work/shared), each citing its seed file and line.
 */

function sheet(name: string, rows: readonly Row[], merges?: string[]): SheetSnapshot {
  const s = snapshotFromValues(name, rows);
  return merges ? { ...s, merges } : s;
}

function learned(s: SheetSnapshot): Extract<LearnResult, { ok: true }> {
  const r = learnTemplate(s);
  if (!r.ok) throw new Error(`${r.vi} ${JSON.stringify(r.problems ?? [])}`);
  return r;
}

/** Findings about figures: what the check says with the learned template. */
function check(s: SheetSnapshot, r: Extract<LearnResult, { ok: true }>): Finding[] {
  const analysis = analyzeSheet(s, { locale: "vi-VN", templates: [r.template] });
  expect(analysis.annex?.template.id).toBe(r.template.id);
  return [...analysis.findings];
}
const brief = (fs: readonly Finding[]) => fs.map((f) => `${f.ruleId} ${f.cells[0]}`).sort();

describe("learning Thái Bình's quý I/2020 report (seed 004)", () => {
  const s = sheet("Quý I-2020", THAI_BINH, THAI_BINH_MERGES);
  const r = learned(s);
  const ind = (name: string) => {
    const found = r.template.indicators.find((i) => i.name.vi === name);
    if (!found) throw new Error(`no row ${name}`);
    return found;
  };

  test("columns: roles, years relative to the form's year, the derived columns from the numbering row", () => {
    const cols = r.template.columns.map((c) =>
      c.role === "input"
        ? `${c.role}:${c.period}:${c.yearOffset}:${c.months ?? 12}:${c.header.vi}`
        : c.role === "derived"
          ? `${c.role}:${c.numerator}/${c.denominator}:${c.purpose}:${c.group?.vi}`
          : `${c.role}:${c.header.vi}`
    );
    expect(cols).toEqual([
      "code:TT",
      "name:Nội dung",
      "unit:Đơn vị tính",
      "input:actual:-1:3:TH quý I/{Y-1}",
      "input:plan:0:12:KH năm {Y}",
      "input:estimate:0:3:Ước TH quý I/{Y}",
      "derived:uthM3Y0/thM3Ym1:yearOverYear:So sánh (%)",
      "derived:uthM3Y0/khY0:percentOfPlan:So sánh (%)",
    ]);
  });

  test("rows: sections, codes as written, children under dashes, 'Gồm:' and 'Trong đó:' lines", () => {
    expect(r.template.sections.map((s) => `${s.code} ${s.name.vi}`)).toEqual([
      "I LAO ĐỘNG - VIỆC LÀM",
      "II NGƯỜI CÓ CÔNG",
      "III GIẢM NGHÈO",
    ]);
    expect(ind("Trong tỉnh").level).toBe(1);
    expect(ind("Cấp lại").level).toBe(1);
    expect(ind("Kinh phí chi trả trợ cấp ưu đãi").code).toBe("II.1");
    expect(ind("Tỷ lệ hộ nghèo").kind).toBe("rate");
    expect(ind("Kinh phí chi trả trợ cấp ưu đãi").kind).toBe("amount");
    expect(ind("Số hộ nghèo").direction).toBe("down");
    expect(ind("Số lao động được tạo việc làm mới").direction).toBe("up");
  });

  test("relations from the figures: sums (one with the seed's slip), ratios over the households", () => {
    const jobs = ind("Số lao động được tạo việc làm mới");
    expect(jobs.relations).toEqual([{ type: "sum", of: ["1.1", "1.2", "1.3"] }]);
    expect(ind("Số giấy phép lao động cấp cho người nước ngoài").relations).toEqual([
      { type: "sum", of: ["2.1", "2.2"] },
    ]);
    // "Trong đó" written, but the parts add up in the cùng kỳ column: a full breakdown; 90 off in quý I/2020.
    const money = ind("Kinh phí chi trả trợ cấp ưu đãi");
    expect(money.relations).toEqual([
      { type: "sum", of: ["II.1.1", "II.1.2", "II.1.3", "II.1.4", "II.1.5"] },
    ]);
    const said = r.evidence
      .filter((e) => e.code === money.code)
      .map((e) => e.vi)
      .join(" | ");
    expect(said).toContain(
      "đúng ở cột TH quý I/2019: 400.000 = 367.000 + 14.000 + 300 + 16.700 + 2.000"
    );
    expect(said).toContain("lệch 90 ở cột Ước TH quý I/2020");
    expect(ind("Tỷ lệ hộ nghèo").relations).toEqual([
      { type: "ratio", numerator: "III.2", denominator: "III.1", scale: 100 },
    ]);
    expect(ind("Tỷ lệ hộ cận nghèo").relations).toEqual([
      { type: "ratio", numerator: "III.4", denominator: "III.1", scale: 100 },
    ]);
  });

  test("the check with the learned template flags the seed's slip and nothing else", () => {
    const findings = check(s, r);
    // The figures typed as text ("33.000", "6.540", "2,66") are reported as such, as on any annex.
    expect(brief(findings.filter((f) => f.severity !== "info"))).toEqual([
      "sum.mismatch F18",
      "type.number-as-text E9",
      "type.number-as-text F28",
      "type.number-as-text F9",
    ]);
  });

  test("the same sheet gives the same template, ids and all", () => {
    expect(learned(sheet("Quý I-2020", THAI_BINH, ["G5:H5"])).data).toEqual(
      learned(sheet("Quý I-2020", THAI_BINH, ["G5:H5"])).data
    );
  });
});

describe("learning Lạng Sơn's new-rural criteria (seed 003): rates over the number of communes", () => {
  const s = sheet("NTM 2023", LANG_SON_NTM);
  const r = learned(s);
  const ind = (name: string) => r.template.indicators.find((i) => i.name.vi === name);

  test("each rate is learned as its communes over all communes, from the 2022 column where it holds", () => {
    expect(ind("Tỷ lệ xã đạt tiêu chí lao động")?.relations).toEqual([
      { type: "ratio", numerator: "S1.2", denominator: "S1.1", scale: 100 },
    ]);
    expect(ind("Tỷ lệ xã đạt tiêu chí nghèo đa chiều")?.relations).toEqual([
      { type: "ratio", numerator: "S1.4", denominator: "S1.1", scale: 100 },
    ]);
    expect(ind("Tỷ lệ xã đạt tiêu chí giáo dục và đào tạo")?.relations).toEqual([
      { type: "ratio", numerator: "S1.6", denominator: "S1.1", scale: 100 },
    ]);
    const said = r.evidence
      .filter((e) => e.code === "S1.5")
      .map((e) => e.vi)
      .join(" | ");
    expect(said).toContain("đúng ở cột TH nam 2022: 77 / 181 × 100");
    expect(said).toContain("lệch ở cột KH nam 2023: 87 / 181 × 100 = 48,07, biểu ghi 45,86");
    expect(r.template.columns.map((c) => c.role)).toEqual([
      "code",
      "name",
      "unit",
      "input",
      "input",
      "note",
    ]);
  });

  test("the check with the learned template flags the seed's two slips and nothing else", () => {
    const findings = check(s, r).filter(
      (f) => f.severity !== "info" && f.ruleId !== "type.number-as-text"
    );
    expect(brief(findings)).toEqual(["ratio.mismatch E8", "ratio.rounding E6"]);
  });
});

describe("learning Lạng Sơn's first half of 2022 (seed 000): one filled column", () => {
  const s = sheet("6 tháng 2022", LANG_SON_6_THANG);
  const r = learned(s);
  const ind = (name: string) => {
    const found = r.template.indicators.find((i) => i.name.vi === name);
    if (!found) throw new Error(`no row ${name}`);
    return found;
  };

  test("full breakdowns are sums whatever the words; the drug users' parts are parts", () => {
    expect(ind("Số giấy phép lao động cấp cho người nước ngoài, trong đó:").relations).toEqual([
      { type: "sum", of: ["1.1", "1.2"] },
    ]);
    expect(ind("Số phiên giao dịch việc làm").relations).toEqual([
      { type: "sum", of: ["2.1", "2.2"] },
    ]);
    expect(ind("Đã hoàn thành").relations).toEqual([{ type: "sum", of: ["3.1.1", "3.1.2"] }]);
    expect(ind("Số người nghiện ma túy có hồ sơ quản lý").relations).toEqual([]);
    expect(ind("Cai nghiện tại Cơ sở cai nghiện ma túy").relations).toEqual([
      { type: "partOf", of: "4" },
    ]);
    expect(ind("Điều trị bằng thuốc thay thế Methadone").relations).toEqual([
      { type: "partOf", of: "4" },
    ]);
    expect(ind("Số người nghiện ma túy có hồ sơ quản lý").direction).toBe("down");
  });

  test("615 against 619 in the only column: learned as a sum with a slip, and asked", () => {
    const housing = ind("Số hộ người có công được hỗ trợ nhà ở");
    expect(housing.relations).toEqual([{ type: "sum", of: ["3.1", "3.2", "3.3", "3.4"] }]);
    expect(r.questions.some((q) => q.code === "3" && q.field === "relation")).toBe(true);
    const said = r.evidence
      .filter((e) => e.code === "3")
      .map((e) => e.vi)
      .join(" | ");
    expect(said).toContain("lệch 4 ở cột TH 6 tháng năm 2022 (615 ≠ 537 + 21 + 50 + 11 = 619)");
  });

  test("the check with the learned template flags the seed's slip and nothing else", () => {
    const findings = check(s, r).filter(
      (f) => f.severity !== "info" && f.ruleId !== "type.number-as-text"
    );
    expect(brief(findings)).toEqual(["sum.mismatch E11"]);
  });
});

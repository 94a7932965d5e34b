import { analyzeSheet, Finding, SheetSnapshot, snapshotFromValues } from "../../../src/domain";
import { learnTemplate, LearnResult } from "../../../src/domain/learn";
import { CellValue } from "../../../src/domain/sheet/snapshot";

/**
 * Issue #20: sheets made by hand in the styles officers use, holding the seeds' real figures and
 * slips. Learning gives their template; the check with it flags the seeds' slips and nothing else.
 * The figures are copied here (the tests do not read /work/shared), each citing its seed file and line.
 */

type Row = ReadonlyArray<CellValue | null>;

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

/**
 * Thái Bình, report 46/BC-SLĐTBXH for quý I/2020 (seed 004_8ec3ad72674822ee.txt):
 *  line 21: new jobs 6.540 = 5.000 in the province + 1.310 other provinces + 230 abroad;
 *  line 19: work permits 47 (37 new, 10 reissued);
 *  line 103: 414.987 triệu đồng "trong đó" 381.176 + 14.239 + 284 + 17.197 + 2.001 (= 414.897: the slip);
 *  line 63: poor households 17.022 (2,66%), near-poor 18.520 (2,89%); the number of households is not
 *  stated: 640.000 makes both rates round as written (any base from 639.725 to 641.130 does).
 * The "cùng kỳ" column (quý I/2019) is illustrative and consistent, as last year's usually is.
 */
const THAI_BINH: Row[] = [
  ["UBND TỈNH THÁI BÌNH", null, null, null, null, null, null, null],
  ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", null, null, null, null, null, null, null],
  ["Biểu số 02", null, null, null, null, null, null, null],
  ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU QUÝ I NĂM 2020", null, null, null, null, null, null, null],
  [
    "TT",
    "Nội dung",
    "Đơn vị tính",
    "TH quý I/2019",
    "KH năm 2020",
    "Ước TH quý I/2020",
    "So sánh (%)",
    null,
  ],
  [null, null, null, null, null, null, "Với cùng kỳ", "Với KH năm"],
  ["A", "B", "C", "1", "2", "3", "4=3/1", "5=3/2"],
  ["I", "LAO ĐỘNG - VIỆC LÀM", null, null, null, null, null, null],
  ["1", "Số lao động được tạo việc làm mới", "người", 6480, "33.000", "6.540", null, null],
  ["-", "Trong tỉnh", "người", 4950, null, 5000, null, null],
  ["-", "Đi làm việc ở tỉnh ngoài", "người", 1300, null, 1310, null, null],
  ["-", "Đi làm việc ở nước ngoài", "người", 230, null, 230, null, null],
  ["2", "Số giấy phép lao động cấp cho người nước ngoài", "giấy phép", 40, null, 47, null, null],
  [null, "Gồm:", null, null, null, null, null, null],
  ["+", "Cấp mới", "giấy phép", 31, null, 37, null, null],
  ["+", "Cấp lại", "giấy phép", 9, null, 10, null, null],
  ["II", "NGƯỜI CÓ CÔNG", null, null, null, null, null, null],
  ["1", "Kinh phí chi trả trợ cấp ưu đãi", "triệu đồng", 400000, null, 414987, null, null],
  [null, "Trong đó:", null, null, null, null, null, null],
  ["-", "Trợ cấp thường xuyên", "triệu đồng", 367000, null, 381176, null, null],
  [
    "-",
    "Trợ cấp ưu đãi 1 lần theo chế độ thường xuyên",
    "triệu đồng",
    14000,
    null,
    14239,
    null,
    null,
  ],
  ["-", "Trợ cấp 1 lần khác", "triệu đồng", 300, null, 284, null, null],
  ["-", "Quà lễ tết cho đối tượng", "triệu đồng", 16700, null, 17197, null, null],
  ["-", "Các khoản chi khác", "triệu đồng", 2000, null, 2001, null, null],
  ["III", "GIẢM NGHÈO", null, null, null, null, null, null],
  ["1", "Tổng số hộ dân cư", "hộ", 638000, null, 640000, null, null],
  ["2", "Số hộ nghèo", "hộ", 21400, null, 17022, null, null],
  ["3", "Tỷ lệ hộ nghèo", "%", 3.35, null, "2,66", null, null],
  ["4", "Số hộ cận nghèo", "hộ", 20160, null, 18520, null, null],
  ["5", "Tỷ lệ hộ cận nghèo", "%", 3.16, null, 2.89, null, null],
  [null, "Người lập biểu", null, null, null, null, null, null],
];

describe("learning Thái Bình's quý I/2020 report (seed 004)", () => {
  const s = sheet("Quý I-2020", THAI_BINH, [
    "G5:H5",
    "A5:A6",
    "B5:B6",
    "C5:C6",
    "D5:D6",
    "E5:E6",
    "F5:F6",
  ]);
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

/**
 * Lạng Sơn, plan for the new-rural criteria in 2023 (seed 003_5a375b909d626bab.txt), a sheet headed
 * without accents and numbered a, b:
 *  line 55: 20 more communes meet the labour criterion, 124/181, "68,50%" (124 / 181 = 68,508…%: 68,51);
 *  line 35: 10 more meet the multidimensional-poverty criterion, 87/181, "45,86%" (87 / 181 = 48,07%);
 *  line 71: 181/181 communes meet the education criterion, 100%.
 * The 2022 column holds the figures before the increase (104 and 77 of 181) with their rates computed.
 */
const LANG_SON_NTM: Row[] = [
  ["KE HOACH XAY DUNG NONG THON MOI NAM 2023", null, null, null, null, null],
  ["STT", "Chi tieu", "DVT", "TH nam 2022", "KH nam 2023", "Ghi chu"],
  [null, null, null, null, null, null],
  ["a", "Tổng số xã", "xã", 181, 181, null],
  ["b", "Số xã đạt tiêu chí lao động", "xã", 104, 124, null],
  ["c", "Tỷ lệ xã đạt tiêu chí lao động", "%", "57,46", "68,50", null],
  ["d", "Số xã đạt tiêu chí nghèo đa chiều", "xã", 77, 87, null],
  ["đ", "Tỷ lệ xã đạt tiêu chí nghèo đa chiều", "%", "42,54", "45,86", null],
  ["e", "Số xã đạt tiêu chí giáo dục và đào tạo", "xã", 181, 181, null],
  ["g", "Tỷ lệ xã đạt tiêu chí giáo dục và đào tạo", "%", 100, 100, null],
];

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

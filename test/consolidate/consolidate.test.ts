import { analyzeWorkbook, Template } from "../../src/domain";
import { AUTHORITY_PLACEHOLDER } from "../../src/domain/layout/annexLayout";
import { consolidate, Consolidation, MergeSource } from "../../src/domain/consolidate";
import { template, TestAnnex } from "../helpers/annex";

/** The consolidation itself, on snapshots: what goes in, what is summed, what is recomputed. */
const BIEU01 = template("bieu-01-ke-hoach-nam");

function district(
  authority: string,
  figures: Record<string, Record<string, number | string>>,
  tpl: Template = BIEU01,
  year = 2023
): TestAnnex {
  const a = new TestAnnex(tpl, year);
  a.setCell(0, 0, { value: authority });
  for (const [code, row] of Object.entries(figures)) a.setRow(code, row);
  return a;
}

function source(file: string, a: TestAnnex): MergeSource {
  return {
    file,
    snapshots: [a.sheet],
    analysis: analyzeWorkbook([a.sheet], { locale: "vi-VN" }),
  };
}

function merged(sources: MergeSource[], allowDuplicates = false): Consolidation {
  const m = consolidate(sources, { allowDuplicates });
  if (m.empty) throw new Error("nothing merged");
  return m;
}

const cell = (m: Consolidation, a: TestAnnex, code: string, column: string) =>
  m.inputs.find((w) => w.address === a.address(code, column));

describe("consolidate", () => {
  // Poor households (21) out of all households (20), and the rate (22) each district states.
  const a = district("UBND HUYỆN CAO LỘC", {
    "20": { actualPrev: 10000, estimateCur: 10100 },
    "21": { actualPrev: 1000, estimateCur: 900 },
    "22": { actualPrev: 10, estimateCur: 8.91 },
    "1": { actualPrev: 1200, planCur: "trên 1.300" },
  });
  const b = district("UBND HUYỆN ĐÌNH LẬP", {
    "20": { actualPrev: 2000, estimateCur: 2000 },
    "21": { actualPrev: 600, estimateCur: 500 },
    "22": { actualPrev: 30, estimateCur: 25 },
    "1": { actualPrev: "1.500", planCur: 1400 },
  });

  test("counts are summed (a number typed as text read as the engine reads it), text targets are not", () => {
    const m = merged([source("a.xlsx", a), source("b.xlsx", b)]);
    expect(cell(m, a, "1", "actualPrev")?.value).toBe(2700);
    expect(cell(m, a, "1", "planCur")?.value).toBe(1400);
    // each cell says which unit wrote what: the text left out of the plan, the text read as a number
    const plan = m.notes.find((n) => n.cells[0] === a.address("1", "planCur"));
    expect(plan?.kind).toBe("text");
    expect(plan?.message.vi).toContain(
      'không được cộng vào tổng — UBND HUYỆN CAO LỘC: "trên 1.300"'
    );
    const read = m.notes.find((n) => n.cells[0] === a.address("1", "actualPrev"));
    expect(read?.message.vi).toBe(
      'Số ghi dạng văn bản, đã cộng theo cách đọc — UBND HUYỆN ĐÌNH LẬP: "1.500" (đọc là 1.500) (TH năm 2021).'
    );
    expect(read?.message.en).toContain('UBND HUYỆN ĐÌNH LẬP: "1.500" (read as 1,500)');
    expect(m.districts.map((d) => d.label)).toEqual(["UBND HUYỆN CAO LỘC", "UBND HUYỆN ĐÌNH LẬP"]);
  });

  test("a rate is the summed numerator over the summed denominator, not the average of the rates", () => {
    const m = merged([source("a.xlsx", a), source("b.xlsx", b)]);
    const rate = cell(m, a, "22", "actualPrev");
    expect(rate?.value).toBeCloseTo((1600 / 12000) * 100, 12); // 13,33 %, where the average is 20 %
    // the formula asks what the engine asked: every unit's numerator and denominator (COUNT = 2)
    const [num, den] = [m.detail.range("21", 0), m.detail.range("20", 0)];
    expect(rate?.formula).toBe(
      `IF(AND(COUNT(${num})=2,COUNT(${den})=2,ISNUMBER(${a.address("21", "actualPrev")}),ISNUMBER(${a.address("20", "actualPrev")})),IF(${a.address("20", "actualPrev")}=0,"",${a.address("21", "actualPrev")}/${a.address("20", "actualPrev")}*100),"")`
    );
    // points: row 23's "reduction" relation, the fall of the recomputed rate 22 from the year
    // before's full-year column (TH năm 2021) to this one (ƯTH năm 2022)
    const points = cell(m, a, "23", "estimateCur");
    expect(points?.value).toBeCloseTo((1600 / 12000) * 100 - (1400 / 12100) * 100, 12);
    const [before, now] = [a.address("22", "actualPrev"), a.address("22", "estimateCur")];
    expect(points?.formula).toBe(
      `IF(AND(ISNUMBER(${before}),ISNUMBER(${now})),${before}-${now},"")`
    );
    // KH năm 2023 against ƯTH năm 2022 (no plan figures here: a live formula, no value yet)
    expect(cell(m, a, "23", "planNext")?.formula).toContain(
      `${now}-${a.address("22", "planNext")}`
    );
    // no year before in the annex for the first column, and a 6-month rate is not compared with a
    // year-end one: both empty, and said why
    expect(cell(m, a, "23", "actualPrev")).toBeUndefined();
    expect(cell(m, a, "23", "actual6m")).toBeUndefined();
    expect(m.notes.some((n) => n.code === "23" && /năm trước/.test(n.message.vi))).toBe(true);
    const none = m.notes.find((n) => n.code === "23");
    expect(none?.cells).toEqual([a.address("23", "actualPrev"), a.address("23", "actual6m")]);
    expect(none?.message.vi).toMatch(/^Để trống ở cột TH năm 2021, TH 6 tháng năm 2022: /);
    expect(none?.message.en).toMatch(/^Left empty in [^,]*2021, [^,]*2022: /);
    // a points row with no reduction relation (61, ethnic minorities: no rate row of its own) is not
    // derived from row 22 because its name contains "tỷ lệ hộ nghèo": empty, the province's figure asked for
    expect(cell(m, a, "61", "estimateCur")).toBeUndefined();
    expect(m.notes.find((n) => n.code === "61")?.message.en).toMatch(
      /Enter the province's own figure/
    );
    // a rate without counts in the template: empty, never averaged
    expect(cell(m, a, "10", "actualPrev")).toBeUndefined();
    expect(m.notes.find((n) => n.code === "10")?.message.en).toMatch(/never summed or averaged/);
  });

  test("each consolidated count is a SUM over its row of the detail sheet", () => {
    const m = merged([source("a.xlsx", a), source("b.xlsx", b)]);
    const range = m.detail.range("1", 0);
    expect(range).toBe(`'Chi tiết theo huyện'!D${a.row("1") + 1}:E${a.row("1") + 1}`);
    expect(cell(m, a, "1", "actualPrev")?.formula).toBe(`IF(COUNT(${range})=0,"",SUM(${range}))`);
    const figure = m.detail.cells.find(
      (c) => c.row === a.row("1") && c.col === m.detail.column(0, 1)
    );
    expect(figure?.value).toBe(1500);
  });

  test("files left out: another template, another year, a district twice, no annex, unreadable", () => {
    const other = district("UBND HUYỆN VĂN QUAN", {}, template("bieu-02-bao-cao-6-thang"));
    const lastYear = district("UBND HUYỆN LỘC BÌNH", {}, BIEU01, 2022);
    const again = district("UBND HUYỆN CAO LỘC", { "1": { actualPrev: 5 } });
    const m = consolidate([
      source("a.xlsx", a),
      source("b.xlsx", b),
      source("van-quan.xlsx", other),
      source("loc-binh.xlsx", lastYear),
      source("a-2.xlsx", again),
      { file: "hong.xlsx", problem: { vi: "hỏng", en: "damaged" } },
      {
        file: "trong.xlsx",
        snapshots: [{ name: "Sheet1", values: [["x"]], formulas: [], numberFormats: [] }],
        analysis: analyzeWorkbook(
          [{ name: "Sheet1", values: [["x"]], formulas: [], numberFormats: [] }],
          {
            locale: "vi-VN",
          }
        ),
      },
    ]);
    expect(m.leftOut.map((l) => [l.file, l.reason])).toEqual([
      ["hong.xlsx", "unreadable"],
      ["trong.xlsx", "not-annex"],
      ["van-quan.xlsx", "template"],
      ["loc-binh.xlsx", "year"],
      ["a-2.xlsx", "duplicate"],
    ]);
    // the pane shows these words too: no command-line option in them, no template id
    for (const l of m.leftOut) expect(`${l.message.vi} ${l.message.en}`).not.toMatch(/--|bieu-0/);
    expect(m.leftOut[2].message.vi).toMatch(/theo mẫu Biểu số \d+, không phải Biểu số 01/);
    if (m.empty) throw new Error("nothing merged");
    expect(m.districts).toHaveLength(2);
    // with --allow-duplicates the second file of Cao Lộc goes in, named by its file
    const both = merged([source("a.xlsx", a), source("a-2.xlsx", again)], true);
    expect(both.districts.map((d) => d.label)).toEqual([
      "UBND HUYỆN CAO LỘC (a.xlsx)",
      "UBND HUYỆN CAO LỘC (a-2.xlsx)",
    ]);
    expect(cell(both, a, "1", "actualPrev")?.value).toBe(1205);
  });

  test("files whose title block names no authority (the placeholder left in A1) are not duplicates of each other", () => {
    const unnamed = [1, 2, 3].map((n) =>
      district(AUTHORITY_PLACEHOLDER, { "1": { actualPrev: n } })
    );
    const m = merged(unnamed.map((u, i) => source(`huyen-${i + 1}.xlsx`, u)));
    expect(m.leftOut).toEqual([]);
    expect(m.districts).toHaveLength(3);
    expect(cell(m, unnamed[0], "1", "actualPrev")?.value).toBe(6);
  });

  test("nothing that can go in: an empty merge with the reasons", () => {
    const m = consolidate([{ file: "hong.xlsx", problem: { vi: "hỏng", en: "damaged" } }]);
    expect(m.empty).toBe(true);
    expect(m.leftOut).toHaveLength(1);
    // a form no file follows: every file is named with the form it follows
    const none = consolidate([source("a.xlsx", a), source("b.xlsx", b)], {
      template: template("bieu-03-ho-tro-nha-o-nguoi-co-cong"),
    });
    expect(none.empty).toBe(true);
    expect(none.leftOut.map((l) => [l.file, l.reason])).toEqual([
      ["a.xlsx", "template"],
      ["b.xlsx", "template"],
    ]);
  });
});

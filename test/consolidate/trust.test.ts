import { analyzeSheet, analyzeWorkbook, SheetSnapshot, Template } from "../../src/domain";
import {
  bytesDigest,
  consolidate,
  consolidationRows,
  Consolidation,
  DETAIL_SHEET,
  leftOutGroups,
  looksLikeCopy,
  MergeSource,
  mergeVerdict,
} from "../../src/domain/consolidate";
import { templateForPeriod } from "../../src/domain/template/headers";
import { parseMetadata, metadataRecord, METADATA_HEADER } from "../../src/domain";
import { template, TestAnnex } from "../helpers/annex";

/**
 * Consolidation you can trust (issue #19), on snapshots: nothing counted twice, no periods mixed, no
 * rate from half a base, and the verdict the command line and the pane both give.
 */
const BIEU01 = template("bieu-01-ke-hoach-nam");
const BIEU02 = template("bieu-02-bao-cao-6-thang");

function unit(
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

function source(file: string, a: TestAnnex, extra: Partial<MergeSource> = {}): MergeSource {
  const snapshots: SheetSnapshot[] = [a.sheet];
  return {
    file,
    snapshots,
    analysis: analyzeWorkbook(snapshots, { locale: "vi-VN" }),
    ...extra,
  } as MergeSource;
}

function merged(sources: MergeSource[], allowDuplicates = false): Consolidation {
  const m = consolidate(sources, { allowDuplicates });
  if (m.empty) throw new Error("nothing merged");
  return m;
}

const jobs = (m: Consolidation, a: TestAnnex) =>
  m.inputs.find((w) => w.address === a.address("1", "actualPrev"))?.value;

describe("one unit, one column", () => {
  const caoLoc = unit("UBND HUYỆN CAO LỘC", { "1": { actualPrev: 1200 } });
  const dinhLap = unit("UBND HUYỆN ĐÌNH LẬP", { "1": { actualPrev: 300 } });

  test("the same file given twice (its real path) is counted once, whatever its spelling", () => {
    const m = merged([
      source("huyen/cao-loc.xlsx", caoLoc, { realPath: "/data/huyen/cao-loc.xlsx" }),
      source("dinh-lap.xlsx", dinhLap, { realPath: "/data/huyen/dinh-lap.xlsx" }),
      source("./huyen/../huyen/cao-loc.xlsx", caoLoc, { realPath: "/data/huyen/cao-loc.xlsx" }),
    ]);
    expect(jobs(m, caoLoc)).toBe(1500);
    expect(m.leftOut.map((l) => [l.file, l.reason])).toEqual([
      ["./huyen/../huyen/cao-loc.xlsx", "same-file"],
    ]);
    expect(m.leftOut[0].message.vi).toContain('là chính tệp "huyen/cao-loc.xlsx"');
  });

  test("a byte-identical copy is left out even with --allow-duplicates; the original is kept, the '(1)' named", () => {
    const bytes = bytesDigest(new Uint8Array([80, 75, 3, 4, 1, 2, 3]));
    const m = merged(
      [
        source("cao-loc (1).xlsx", caoLoc, { digest: bytes }),
        source("cao-loc.xlsx", caoLoc, { digest: bytes }),
        source("dinh-lap.xlsx", dinhLap, { digest: bytesDigest(new Uint8Array([80, 75, 3, 4])) }),
      ],
      true
    );
    expect(jobs(m, caoLoc)).toBe(1500);
    expect(m.districts.map((d) => d.file)).toEqual(["cao-loc.xlsx", "dinh-lap.xlsx"]);
    expect(m.leftOut.map((l) => [l.file, l.reason])).toEqual([["cao-loc (1).xlsx", "copy"]]);
    expect(m.leftOut[0].message.en).toBe(
      '"cao-loc (1).xlsx" is an exact copy of "cao-loc.xlsx" (byte for byte): counted once.'
    );
  });

  test("a copy whose title block was changed but whose figures are the same is left out, unless allowed", () => {
    const renamed = unit("UBND HUYỆN LỘC BÌNH", { "1": { actualPrev: 1200 } });
    const m = merged([
      source("cao-loc.xlsx", caoLoc),
      source("dinh-lap.xlsx", dinhLap),
      source("loc-binh - Copy.xlsx", renamed),
    ]);
    expect(jobs(m, caoLoc)).toBe(1500);
    expect(m.leftOut.map((l) => [l.file, l.reason])).toEqual([
      ["loc-binh - Copy.xlsx", "same-figures"],
    ]);
    expect(m.leftOut[0].message.vi).toContain(
      'có số liệu giống hệt "cao-loc.xlsx" (UBND HUYỆN CAO LỘC)'
    );
    expect(jobs(merged([source("a.xlsx", caoLoc), source("b.xlsx", renamed)], true), caoLoc)).toBe(
      2400
    );
  });

  test("empty forms are nobody's copies: units that sent an empty form all go in", () => {
    const blanks = ["A", "B", "C"].map((x) => unit(`UBND HUYỆN ${x}`, {}));
    const m = merged(blanks.map((b, i) => source(`${i}.xlsx`, b)));
    expect(m.leftOut).toEqual([]);
    expect(m.districts).toHaveLength(3);
  });

  test("a consolidated annex is never taken as a unit: by its record, or by its detail sheet", () => {
    const first = merged([source("cao-loc.xlsx", caoLoc), source("dinh-lap.xlsx", dinhLap)]);
    const output: SheetSnapshot = {
      ...caoLoc.sheet,
      metadata: { ...caoLoc.sheet.metadata!, consolidated: first.record },
    };
    const withRecord = {
      file: "tinh.xlsx",
      snapshots: [output],
      analysis: analyzeWorkbook([output], { locale: "vi-VN" }),
    };
    // an older merge's output: no record, but its detail sheet
    const old = unit("UBND TỈNH LẠNG SƠN", { "1": { actualPrev: 7 } });
    const detail: SheetSnapshot = {
      name: DETAIL_SHEET,
      values: [],
      formulas: [],
      numberFormats: [],
    };
    const oldOutput = {
      file: "tinh-cu.xlsx",
      snapshots: [old.sheet, detail],
      analysis: analyzeWorkbook([old.sheet, detail], { locale: "vi-VN" }),
    };
    const m = merged([
      source("cao-loc.xlsx", caoLoc),
      source("dinh-lap.xlsx", dinhLap),
      withRecord,
      oldOutput,
    ]);
    expect(jobs(m, caoLoc)).toBe(1500);
    expect(m.leftOut.map((l) => [l.file, l.reason])).toEqual([
      ["tinh.xlsx", "consolidated"],
      ["tinh-cu.xlsx", "consolidated"],
    ]);
    expect(m.leftOut[0].message.vi).toBe(
      '"tinh.xlsx" là một biểu tổng hợp từ 2 đơn vị, không phải biểu của một đơn vị: không tổng hợp lại (số liệu sẽ bị tính hai lần).'
    );
  });

  test("copies are told by their names as systems and browsers make them", () => {
    for (const name of [
      "cao-loc (1).xlsx",
      "huyen/cao-loc - Copy.xlsx",
      "cao-loc - Copy (2).xlsx",
      "cao-loc - Bản sao.xlsx",
      "cao-loc copy.xlsx",
      "cao-loc copy 2.xlsx",
    ])
      expect([name, looksLikeCopy(name)]).toEqual([name, true]);
    for (const name of ["cao-loc.xlsx", "bieu-01-2023.xlsx", "quy (I).xlsx", "copy.xlsx"])
      expect([name, looksLikeCopy(name)]).toEqual([name, false]);
  });
});

describe("one form, one period, one version", () => {
  const q1 = templateForPeriod(BIEU02, "quy-1");
  const h1 = templateForPeriod(BIEU02, "6-thang");
  const row = BIEU02.indicators.find((i) => i.kind === "count")!.code;
  const col = BIEU02.columns.find((c) => c.role === "input")!.id;
  const a = unit("UBND HUYỆN CAO LỘC", { [row]: { [col]: 10 } }, q1);
  const b = unit("UBND HUYỆN ĐÌNH LẬP", { [row]: { [col]: 20 } }, q1);
  const c = unit("UBND HUYỆN LỘC BÌNH", { [row]: { [col]: 400 } }, h1);

  test("a 6-month report is not summed into a quý I annex, and the annex is headed for quý I", () => {
    const m = merged([source("a.xlsx", a), source("b.xlsx", b), source("c.xlsx", c)]);
    expect(m.inputs.find((w) => w.address === a.address(row, col))?.value).toBe(30);
    expect(m.leftOut.map((l) => [l.file, l.reason])).toEqual([["c.xlsx", "period"]]);
    expect(m.leftOut[0].message.vi).toBe(
      '"c.xlsx" là báo cáo 6 tháng năm 2023, không phải quý I: số liệu của hai kỳ không cộng với nhau, không tổng hợp.'
    );
    expect(m.template.period).toBe("quy-1");
    expect(m.layout.metadata.period).toBe("quy-1");
    const title = m.layout.cells.map((x) => String(x.value ?? "")).join(" ");
    expect(title).toMatch(/QUÝ I/);
    expect(title).not.toMatch(/6 THÁNG/);
  });

  test("--template with the form's id: the period is the files', not the form's default (6 tháng)", () => {
    const m = consolidate([source("a.xlsx", a), source("b.xlsx", b)], { template: BIEU02 });
    if (m.empty) throw new Error("nothing merged");
    expect(m.template.period).toBe("quy-1");
    expect(m.leftOut).toEqual([]);
  });

  test("a file made with another template version is left out; a sheet made by hand (no record) is not", () => {
    const older = unit("UBND HUYỆN VĂN QUAN", { "1": { actualPrev: 9 } });
    older.sheet = {
      ...older.sheet,
      metadata: { ...older.sheet.metadata!, templateVersion: "0.9.0" },
    };
    const byHand = unit("UBND HUYỆN CHI LĂNG", { "1": { actualPrev: 4 } }).withoutMetadata();
    const x = unit("UBND HUYỆN CAO LỘC", { "1": { actualPrev: 1 } });
    const y = unit("UBND HUYỆN ĐÌNH LẬP", { "1": { actualPrev: 2 } });
    const m = merged([
      source("x.xlsx", x),
      source("van-quan.xlsx", older),
      source("y.xlsx", y),
      source("chi-lang.xlsx", byHand),
    ]);
    expect(m.leftOut.map((l) => [l.file, l.reason])).toEqual([["van-quan.xlsx", "version"]]);
    expect(m.leftOut[0].message.vi).toContain(
      `phiên bản 0.9.0, không phải phiên bản ${BIEU01.version}`
    );
    expect(jobs(m, x)).toBe(7);
  });
});

describe("rates only from whole bases", () => {
  // Poor households (21) of all households (20): Cao Lộc gives both, Đình Lập only the poor.
  const caoLoc = unit("UBND HUYỆN CAO LỘC", {
    "20": { actualPrev: 10000 },
    "21": { actualPrev: 1220 },
  });
  const dinhLap = unit("UBND HUYỆN ĐÌNH LẬP", { "21": { actualPrev: 1220 } });
  const cell = caoLoc.address("22", "actualPrev");

  test("a rate from half a base is left empty (24,4 % where the true figure is unknown), saying which unit lacks what", () => {
    const m = merged([source("a.xlsx", caoLoc), source("b.xlsx", dinhLap)]);
    const rate = m.inputs.find((w) => w.address === cell);
    expect(rate?.value).toBe(""); // today: 2440 / 10000 = 24,4 %
    const note = m.notes.find((n) => n.cells[0] === cell);
    expect(note?.kind).toBe("partial-base");
    expect(note?.message.vi).toMatch(
      /^Để trống ở cột TH năm 2021: tỷ lệ chỉ được tính lại khi mọi đơn vị/
    );
    expect(note?.message.vi).toContain("thiếu ở UBND HUYỆN ĐÌNH LẬP (mẫu số)");
    expect(note?.message.en).toContain("missing from UBND HUYỆN ĐÌNH LẬP (denominator)");
    // recorded, and found by the check of the consolidated sheet: the merge's own findings
    expect(m.record.notes).toContainEqual({ kind: "partial-base", cell, message: note!.message });
    const found = m.findings.filter((f) => f.ruleId === "consolidated.partial-base");
    expect(found.map((f) => f.cells[0])).toEqual([cell]);
    expect(found[0].severity).toBe("warning");
    expect(found[0].message.vi).toMatch(/^Tỷ lệ hộ nghèo.*\(22\): Để trống ở cột TH năm 2021/);
    // the points derived from it are empty too, and say why
    expect(m.notes.find((n) => n.cells[0] === caoLoc.address("23", "estimateCur"))).toBeUndefined(); // no ƯTH figures at all: nothing to say
    // the verdict is a warning, never a success
    expect(mergeVerdict(m)).toMatchObject({ level: "warning", leftOut: 0 });
    expect(mergeVerdict(m).emptyCells).toBeGreaterThan(0);
  });

  test("points from a rate left empty for want of a base are empty too, and say why", () => {
    const both = (households: number) => ({
      "20": { actualPrev: households, estimateCur: households },
      "21": { actualPrev: 1220, estimateCur: 1100 },
    });
    const a = unit("UBND HUYỆN CAO LỘC", both(10000));
    const b = unit("UBND HUYỆN ĐÌNH LẬP", { ...both(5000), "20": { estimateCur: 5000 } });
    const m = merged([source("a.xlsx", a), source("b.xlsx", b)]);
    expect(m.inputs.find((w) => w.address === a.address("22", "estimateCur"))?.value).toBeCloseTo(
      (2200 / 15000) * 100,
      12
    );
    const points = a.address("23", "estimateCur");
    expect(m.inputs.find((w) => w.address === points)?.value).toBe("");
    expect(m.notes.find((n) => n.cells[0] === points)?.message.vi).toContain(
      `Tỷ lệ hộ nghèo (22) để trống ở ô ${a.address("22", "actualPrev")}`
    );
  });

  test("when every unit gives both, the rate is recomputed, and a later figure filling the cell silences the check", () => {
    const whole = unit("UBND HUYỆN ĐÌNH LẬP", {
      "20": { actualPrev: 10000 },
      "21": { actualPrev: 1220 },
    });
    const m = merged([source("a.xlsx", caoLoc), source("b.xlsx", whole)]);
    expect(m.inputs.find((w) => w.address === cell)?.value).toBeCloseTo(12.2, 12);
    expect(m.notes.some((n) => n.kind === "partial-base")).toBe(false);
    // the partial merge's record on a sheet whose cell the province has since filled: no finding
    const partial = merged([source("a.xlsx", caoLoc), source("b.xlsx", dinhLap)]);
    const filled = new TestAnnex(BIEU01).set("22", "actualPrev", 12.2);
    filled.sheet = {
      ...filled.sheet,
      metadata: { ...filled.sheet.metadata!, consolidated: partial.record },
    };
    const again = analyzeSheet(filled.sheet, { locale: "vi-VN" });
    expect(again.findings.filter((f) => f.ruleId === "consolidated.partial-base")).toEqual([]);
    expect(again.findings.some((f) => f.ruleId === "consolidated.left-empty")).toBe(true);
  });
});

test('text figures ("16,000", "−5") are never summed silently: each cell says which unit wrote what', () => {
  const money = BIEU01.indicators.find((i) => i.kind === "amount")!.code;
  const a = unit("UBND HUYỆN CAO LỘC", {
    "2": { actualPrev: "16,000" },
    [money]: { actualPrev: 5 },
  });
  const b = unit("UBND HUYỆN ĐÌNH LẬP", {
    "2": { actualPrev: "−5" },
    [money]: { actualPrev: "16,000" },
  });
  const m = merged([source("a.xlsx", a), source("b.xlsx", b)]);
  const at = (code: string) => a.address(code, "actualPrev");
  const value = (code: string) => m.inputs.find((w) => w.address === at(code))?.value;
  const note = (code: string) => m.notes.find((n) => n.cells[0] === at(code));
  // a count: "16,000" reads 16 000 (en) or 16 (vi, a whole count too), so it is not summed (#17
  // notes it as ambiguous on a count row as on an amount row); "−5" reads one way, summed and named
  expect(value("2")).toBe(-5);
  expect(note("2")?.message.vi).toBe(
    'Ô ghi bằng chữ không được cộng vào tổng — UBND HUYỆN CAO LỘC: "16,000" (TH năm 2021). Số ghi dạng văn bản, đã cộng theo cách đọc — UBND HUYỆN ĐÌNH LẬP: "−5" (đọc là -5) (TH năm 2021).'
  );
  // money: "16,000" reads 16 (vi) or 16 000 (en): not summed, and said so
  expect(value(money)).toBe(5);
  expect(note(money)?.message.vi).toContain(
    'Ô ghi bằng chữ không được cộng vào tổng — UBND HUYỆN ĐÌNH LẬP: "16,000"'
  );
  // recorded, and reported by the check of the consolidated sheet
  expect(
    m.findings
      .filter((f) => f.ruleId === "consolidated.text")
      .map((f) => f.cells[0])
      .sort()
  ).toEqual([at("2"), at(money)].sort());
});

test("files left out are grouped by reason, with the copies first", () => {
  const m = consolidate([
    { file: "hong.xlsx", problem: { vi: "hỏng", en: "damaged" } },
    { file: "x.xlsx", problem: { vi: "hỏng", en: "damaged" }, realPath: "/p" },
    { file: "./x.xlsx", problem: { vi: "hỏng", en: "damaged" }, realPath: "/p" },
  ]);
  expect(leftOutGroups(m.leftOut).map((g) => [g.title.vi, g.files.length])).toEqual([
    ["Cùng một tệp đưa vào hai lần", 1],
    ["Không đọc được", 2],
  ]);
});

test("the record a merge keeps in _annex reads back as written, cells of several columns included", () => {
  const a = unit("UBND HUYỆN CAO LỘC", { "20": { actualPrev: 10 }, "21": { actualPrev: 1 } });
  const b = unit("UBND HUYỆN ĐÌNH LẬP", { "21": { actualPrev: 1 } });
  const m = merged([source("a.xlsx", a), source("b.xlsx", b)]);
  expect(m.record.notes.some((n) => n.cell.includes(" "))).toBe(true); // row 10's six columns
  // the metadata sheet's values: the record row at A, the merge's table at R (beside nothing else)
  const rows = consolidationRows(m.layout.sheetName, m.record);
  // (the record's columns as many as METADATA_HEADER has: a sixth, the department, since #21)
  const values: unknown[][] = rows.map((row, r) => [
    ...(r === 0
      ? [...METADATA_HEADER]
      : r === 1
        ? metadataRecord(m.layout.sheetName, m.layout.metadata)
        : METADATA_HEADER.map(() => "")),
    ...new Array(17 - METADATA_HEADER.length).fill(""),
    ...row,
  ]);
  const read = parseMetadata(values).get(m.layout.sheetName);
  expect(read?.consolidated).toEqual(m.record);
});

test("a total some units left blank is not passed off as every unit's: one note per row names them, and the check of the merged sheet shows it", () => {
  const a = unit("UBND HUYỆN CAO LỘC", { "1": { actualPrev: 700, estimateCur: 800 } });
  const b = unit("UBND HUYỆN ĐÌNH LẬP", { "1": { actualPrev: 300 } });
  const c = unit("UBND HUYỆN VĂN QUAN", { "1": { actualPrev: 0 } });
  const m = merged([source("a.xlsx", a), source("b.xlsx", b), source("c.xlsx", c)]);
  const [prev, cur] = [a.address("1", "actualPrev"), a.address("1", "estimateCur")];
  // every unit gave TH (Văn Quan a 0): no note there; ƯTH only Cao Lộc
  expect(m.inputs.find((w) => w.address === prev)?.value).toBe(1000);
  expect(m.inputs.find((w) => w.address === cur)?.value).toBe(800);
  const notes = m.notes.filter((n) => n.kind === "partial-sum" && n.code === "1");
  expect(notes.map((n) => n.cells)).toEqual([[cur]]);
  expect(notes[0].message.vi).toContain(
    "cộng của 1/3 đơn vị, để trống ở UBND HUYỆN ĐÌNH LẬP, UBND HUYỆN VĂN QUAN"
  );
  expect(notes[0].message.en).toContain("the sum of 1 of 3 units");
  const found = m.findings.filter((f) => f.ruleId === "consolidated.partial-sum");
  expect(found.map((f) => [f.cells[0], f.severity])).toContainEqual([cur, "info"]);
  // kept in the merged workbook's record, as the other notes are
  expect(m.record.notes).toContainEqual({
    kind: "partial-sum",
    cell: cur,
    message: notes[0].message,
  });
});

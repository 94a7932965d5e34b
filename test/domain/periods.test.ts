import * as path from "path";
import {
  analyzeSheet,
  builtInTemplates,
  Finding,
  REPORTING_PERIODS,
  SheetSnapshot,
  snapshotFromValues,
  templateForPeriod,
} from "../../src/domain";
import { periodsOf, resolveLocalized } from "../../src/domain/template/headers";
import { loadTemplate, TemplateError } from "../../src/domain/template/loadTemplate";
import { periodsNamed, withoutPeriod } from "../../src/domain/template/period";
import { fold } from "../../src/domain/text/fold";
import { CellValue, SnapshotEditor } from "../../src/domain/sheet/snapshot";
import { readMetadata } from "../../src/adapters/xlsx/metadata";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { readWorkbook, saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { parseMetadata, metadataRecord, METADATA_HEADER } from "../../src/domain";
import { tempDir } from "../helpers/cli";
import { template, TestAnnex } from "../helpers/annex";

/**
 * The reporting period as a parameter of the reporting forms (issue #11): Biểu 02 made for quý I,
 * 6 tháng, 9 tháng or cả năm, its headers computed from the period, the period kept with the sheet,
 * and a header naming another period reported as header.period-mismatch.
 */
const BIEU02 = "bieu-02-bao-cao-6-thang";
const options = { locale: "vi-VN" as const, overwrite: false };

const inputHeaders = (t: ReturnType<typeof template>, year: number) =>
  t.columns.filter((c) => c.role === "input").map((c) => resolveLocalized(c.header, year).vi);

describe("a reporting form made for a period", () => {
  test("Biểu 02 offers the four periods; its headers and months follow the one chosen", () => {
    const b02 = template(BIEU02);
    expect(periodsOf(b02)).toEqual(["6-thang", "quy-1", "9-thang", "ca-nam"]);
    // The catalog's copy is made for its default, 6 tháng, with the headers it always had.
    expect(b02.period).toBe("6-thang");
    expect(inputHeaders(b02, 2020)).toEqual([
      "KH năm 2020",
      "TH 6 tháng năm 2019",
      "TH 6 tháng năm 2020",
    ]);
    const q1 = templateForPeriod(b02, "quy-1");
    expect(inputHeaders(q1, 2020)).toEqual([
      "KH năm 2020",
      "TH quý I năm 2019",
      "TH quý I năm 2020",
    ]);
    expect(resolveLocalized(q1.title, 2020).vi).toContain("QUÝ I NĂM 2020");
    expect(q1.columns.find((c) => c.id === "pctPlan")?.header.vi).toBe("TH quý I/KH năm {Y}");
    expect(resolveLocalized(q1.columns[4].header, 2020).en).toBe("Actual Q1 2019");
    const months = (p: (typeof REPORTING_PERIODS)[number]) =>
      templateForPeriod(b02, p).columns.flatMap((c) =>
        c.role === "input" && c.followsPeriod ? [c.months ?? 12] : []
      );
    expect(REPORTING_PERIODS.map(months)).toEqual([
      [3, 3],
      [6, 6],
      [9, 9],
      [12, 12],
    ]);
    expect(inputHeaders(templateForPeriod(b02, "ca-nam"), 2020)).toEqual([
      "KH năm 2020",
      "TH năm 2019",
      "TH năm 2020",
    ]);
    // Made once per period: the same object each time (per-template caches stay warm).
    expect(templateForPeriod(q1, "quy-1")).toBe(q1);
    expect(templateForPeriod(q1, "6-thang")).toBe(b02);
  });

  test("forms with fixed columns have no period; a {P} token without periods is a path-named problem", () => {
    expect(periodsOf(template("bieu-01-ke-hoach-nam"))).toEqual([]);
    expect(templateForPeriod(template("bieu-01-ke-hoach-nam"), "quy-1")).toBe(
      template("bieu-01-ke-hoach-nam")
    );
    const raw = JSON.parse(JSON.stringify(template("bieu-01-ke-hoach-nam")));
    delete raw.period;
    raw.columns[3].header.vi = "TH {P:Y}";
    expect(() => loadTemplate(raw, "custom.json")).toThrow(TemplateError);
    expect(() => loadTemplate(raw, "custom.json")).toThrow(/columns\[3\]\.header/);
  });

  test("headers are read for the period they name, in the ways people write it", () => {
    expect(periodsNamed(fold("Ước TH Quý I/2020"))).toEqual(["quy-1"]);
    expect(periodsNamed(fold("TH 6 tháng đầu năm 2022"))).toEqual(["6-thang"]);
    expect(periodsNamed(fold("Thực hiện 9 tháng năm 2021"))).toEqual(["9-thang"]);
    expect(periodsNamed(fold("TH quý 2 năm 2020"))).toEqual(["quy-2"]);
    expect(periodsNamed(fold("Cả năm 2020"))).toEqual(["ca-nam"]);
    expect(periodsNamed(fold("KH năm 2020"))).toEqual([]);
    expect(withoutPeriod(fold("Ước TH Quý I/2020"))).toBe("uoc th nam 2020");
    expect(withoutPeriod(fold("TH 6 tháng năm 2020"))).toBe("th nam 2020");
  });
});

describe("the period kept with the sheet", () => {
  test("annex new for quý I writes its headers and the period in the metadata's 5th column; check reads it back", async () => {
    const q1 = templateForPeriod(template(BIEU02), "quy-1");
    const workbook = await newAnnexWorkbook({ template: q1, year: 2020 });
    const file = path.join(tempDir("annex-period-"), "q1.xlsx");
    await saveWorkbook(workbook, file);
    const opened = (await readWorkbook(file)).workbook;
    const [meta] = [...readMetadata(opened).values()];
    expect(meta).toEqual({
      templateId: BIEU02,
      templateVersion: q1.version,
      year: 2020,
      period: "quy-1",
    });
    expect(opened.getWorksheet("_annex")?.getRow(1).getCell(5).value).toBe("period");
    const [sheet] = workbookSnapshots(opened);
    const texts = sheet.values.flatMap((r) => (r ?? []).map(String));
    expect(texts).toContain("TH quý I năm 2020");
    expect(texts).not.toContain("TH 6 tháng năm 2020");
    const analysis = analyzeSheet(sheet, options);
    expect(analysis.annex?.period).toBe("quy-1");
    expect(analysis.annex?.periodSource).toBe("metadata");
    expect(analysis.findings.filter((f) => f.ruleId.startsWith("header."))).toEqual([]);
  });

  test("the Office host's record has the same six columns, and an old 4-column record still reads", () => {
    // "department" (issue #21): the department whose blocks the sheet holds; empty for the whole form
    expect(METADATA_HEADER).toEqual([
      "sheet",
      "templateId",
      "templateVersion",
      "year",
      "period",
      "department",
    ]);
    const m = {
      templateId: BIEU02,
      templateVersion: "2.0.0",
      year: 2020,
      period: "9-thang" as const,
    };
    const values = [[...METADATA_HEADER], metadataRecord("Biểu 02 - 2020", m)];
    expect(parseMetadata(values).get("Biểu 02 - 2020")).toEqual(m);
    const old = [
      ["sheet", "templateId", "templateVersion", "year"],
      ["B", BIEU02, "1.0.0", 2020],
    ];
    expect(parseMetadata(old).get("B")).toEqual({
      templateId: BIEU02,
      templateVersion: "1.0.0",
      year: 2020,
    });
    expect(
      parseMetadata([[...METADATA_HEADER], ["B", BIEU02, "1", 2020, "quy-7"]]).get("B")
    ).toEqual({ templateId: BIEU02, templateVersion: "1", year: 2020 });
  });
});

/**
 * Thái Bình, Q1 2020 (seed 004), typed into a sheet made by hand: new jobs 6.540 = 5.000 in the province
 * + 1.310 in other provinces + 230 abroad; work permits 47 (37 new, 10 reissued).
 */
function thaiBinhQ1(headers: { prev: string; cur: string; plan?: string }): SheetSnapshot {
  const b02 = template(BIEU02);
  const name = (code: string) => {
    const ind = b02.indicators.find((i) => i.code === code);
    if (!ind) throw new Error(`Biểu 02 has no row ${code}`);
    return ind;
  };
  const row = (code: string, cur: number | null): CellValue[] => {
    const ind = name(code);
    return [ind.label ?? ind.code, ind.name.vi, ind.unit, "", "", cur ?? ""];
  };
  const jobs = b02.indicators.find((i) =>
    i.relations.some((r) => r.type === "sum" && r.of.length === 3)
  );
  if (!jobs) throw new Error("no 3-part sum in Biểu 02");
  const rel = jobs.relations.find((r) => r.type === "sum");
  const parts = rel?.type === "sum" ? rel.of : [];
  return snapshotFromValues("Quý I-2020", [
    ["UBND TỈNH THÁI BÌNH"],
    ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
    [],
    [
      "STT",
      "Chỉ tiêu",
      "ĐVT",
      headers.plan ?? "KH năm 2020",
      headers.prev,
      headers.cur,
      "TH quý I/KH năm 2020",
      "So với cùng kỳ năm 2019",
      "Ghi chú",
    ],
    ["A", "B", "C", "1", "2", "3", "4=3/1", "5=3/2", ""],
    row(jobs.code, 6540),
    row(parts[0], 5000),
    row(parts[1], 1310),
    row(parts[2], 230),
  ]);
}

const rules = (findings: readonly Finding[], prefix: string) =>
  findings.filter((f) => f.ruleId.startsWith(prefix)).map((f) => `${f.ruleId} ${f.cells[0]}`);

describe("header.period-mismatch", () => {
  test("a hand-made Thái Bình Q1 2020 sheet is read as a quý I report, not as 6 tháng", () => {
    const sheet = thaiBinhQ1({ prev: "TH Quý I/2019", cur: "Ước TH Quý I/2020" });
    const analysis = analyzeSheet(sheet, options);
    const annex = analysis.annex;
    expect(annex?.template.id).toBe(BIEU02);
    expect(annex?.year).toBe(2020);
    expect([annex?.period, annex?.periodSource]).toEqual(["quy-1", "headers"]);
    expect(annex?.columns.get("actual6m")).toBe(5);
    expect(annex?.columns.get("actual6mPrev")).toBe(4);
    expect(rules(analysis.findings, "header.")).toEqual([]);
    // The figures are checked in their column: 6.540 = 5.000 + 1.310 + 230.
    expect(rules(analysis.findings, "sum.")).toEqual([]);
    const broken = new SnapshotEditor(sheet).set(6, 5, 5100).snapshot();
    expect(rules(analyzeSheet(broken, options).findings, "sum.")).toEqual(["sum.mismatch F6"]);
  });

  test("the same sheet recorded as a 6-month report: each quý I header is an error at its cell", () => {
    const sheet = thaiBinhQ1({ prev: "TH Quý I/2019", cur: "Ước TH Quý I/2020" });
    const recorded = {
      ...sheet,
      metadata: {
        templateId: BIEU02,
        templateVersion: "2.0.0",
        year: 2020,
        period: "6-thang" as const,
      },
    };
    const analysis = analyzeSheet(recorded, options);
    expect(analysis.annex?.period).toBe("6-thang");
    const hits = analysis.findings.filter((f) => f.ruleId === "header.period-mismatch");
    expect(hits.map((f) => [f.cells[0], f.severity])).toEqual([
      ["E4", "error"],
      ["F4", "error"],
    ]);
    expect(hits[1].message.vi).toContain('"Ước TH Quý I/2020" ghi kỳ quý I');
    expect(hits[1].message.vi).toContain("TH 6 tháng năm 2020");
    expect(hits[1].message.en).toContain("Q1");
    // Found as the column it stands in, not reported missing.
    expect(rules(analysis.findings, "header.missing")).toEqual([]);
  });

  test("headers naming two periods: the columns that disagree with the period the others name", () => {
    const sheet = thaiBinhQ1({
      prev: "TH 6 tháng năm 2019",
      cur: "Ước TH Quý I/2020",
      plan: "KH Quý I/2020",
    });
    const analysis = analyzeSheet(sheet, options);
    expect(analysis.annex?.period).toBe("quy-1");
    expect(rules(analysis.findings, "header.period")).toEqual([
      "header.period-mismatch D4",
      "header.period-mismatch E4",
    ]);
  });

  test("Biểu 01 made by hand with 'TH 9 tháng' where the form has 'TH 6 tháng'", () => {
    const a = new TestAnnex(template("bieu-01-ke-hoach-nam"), 2023).withoutMetadata();
    const at = a.sheet.values.findIndex((r) => r?.includes("TH 6 tháng năm 2022"));
    const col = a.sheet.values[at]?.indexOf("TH 6 tháng năm 2022") ?? -1;
    expect(rules(analyzeSheet(a.sheet, options).findings, "header.period")).toEqual([]);
    a.setCell(at, col, { value: "TH 9 tháng năm 2022" });
    const hits = analyzeSheet(a.sheet, options).findings.filter(
      (f) => f.ruleId === "header.period-mismatch"
    );
    expect(hits).toHaveLength(1);
    expect(hits[0].columnId).toBe("actual6m");
    expect(hits[0].message.vi).toContain("9 tháng");
  });

  test("every built-in template made for every period it offers reads back with no period finding", () => {
    for (const t of builtInTemplates()) {
      for (const p of periodsOf(t).length ? periodsOf(t) : [undefined]) {
        const made = templateForPeriod(t, p);
        const a = new TestAnnex(made, 2024).withoutMetadata();
        const analysis = analyzeSheet(a.sheet, options);
        expect([t.id, p, analysis.annex?.period]).toEqual([t.id, p, made.period]);
        expect([t.id, p, rules(analysis.findings, "header.")]).toEqual([t.id, p, []]);
      }
    }
  });
});

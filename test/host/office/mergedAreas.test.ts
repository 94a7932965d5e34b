import { analyzeSheet } from "../../../src/domain";
import { METADATA_HEADER, METADATA_SHEET, metadataRecord } from "../../../src/domain";
import { areaAddresses } from "../../../src/host/office/officeRead";
import { Sheet } from "../fixtures/excelBackend/workbook";
import { officeHostOn, seed, seedRow } from "../fixtures/officeAnnex";
import { TestAnnex } from "../../helpers/annex";

/**
 * Issue #10 in Excel: the Office host reads the sheet's merged areas in the same sync as its cells
 * (ExcelApi 1.13), so a plan never writes into a merge holding a person's figure.
 */
function merge(sheet: Sheet, r0: number, c0: number, r1: number, c1: number): void {
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) sheet.cells.delete(sheet.key(r, c));
  sheet.merges.push({ r0, c0, r1, c1 });
}

/** The Lạng Sơn annex in the backend, row 6's input and derived cells merged, 52 000 typed in the first. */
function mergedAnnex(version = "1.14") {
  const a = TestAnnex.filled();
  const { backend, host } = officeHostOn(version);
  const sheet = backend.workbook.addSheet(a.sheet.name);
  seed(sheet, a.sheet);
  const row = a.row("6");
  const [first, last] = [a.col("actualPrev"), a.col("note")];
  merge(sheet, row, first, row, last);
  sheet.ensure(row, first).value = 52000;
  const meta = backend.workbook.addSheet(METADATA_SHEET);
  meta.visibility = "VeryHidden";
  seedRow(meta, 0, [...METADATA_HEADER]);
  seedRow(meta, 1, metadataRecord(a.sheet.name, a.sheet.metadata!));
  return {
    a,
    backend,
    host,
    sheet,
    row,
    first,
    range: `${a.address("6", "actualPrev")}:${a.address("6", "note")}`,
  };
}

describe("the Office host reads merged areas", () => {
  it("in the same single sync as the cells, as A1 ranges without the sheet", async () => {
    const { backend, host } = officeHostOn();
    const sheet = backend.workbook.addSheet("Huyện, xã 'A'");
    sheet.ensure(0, 0).value = "BIỂU SỐ 01";
    merge(sheet, 0, 0, 0, 11);
    sheet.ensure(19, 3).value = 52000;
    merge(sheet, 19, 3, 19, 12);
    backend.resetLog();
    // The host first assumes an `_annex` sheet this workbook lacks: one refused request, then not again.
    await host.readSheet("Huyện, xã 'A'");
    expect(backend.log.syncs).toBe(2);
    backend.resetLog();
    const read = await host.readSheet("Huyện, xã 'A'");
    expect(backend.log.syncs).toBe(1);
    expect([...(read.snapshot.merges ?? [])].sort()).toEqual(["A1:L1", "D20:M20"]);
    expect(read.snapshot.values[19]?.[3]).toBe(52000);
  });

  it("as none when the sheet has none, and not at all before ExcelApi 1.13", async () => {
    const { backend, host } = officeHostOn();
    backend.workbook.addSheet("Biểu").ensure(2, 2).value = 1;
    expect((await host.readSheet("Biểu")).snapshot.merges).toEqual([]);
    const old = mergedAnnex("1.7");
    old.backend.resetLog();
    const read = await old.host.readSheet(old.a.sheet.name);
    expect(old.backend.log.syncs).toBe(1);
    expect(read.snapshot.merges).toBeUndefined();
  });

  it("and when Excel refuses more than 512 of them, reads the cells without", async () => {
    const { backend, host } = officeHostOn();
    const sheet = backend.workbook.addSheet("Biểu");
    for (let r = 0; r < 513; r++) {
      sheet.ensure(r, 0).value = r;
      merge(sheet, r, 0, r, 1);
    }
    const read = await host.readSheet("Biểu");
    expect(read.snapshot.values[512]?.[0]).toBe(512);
    expect(read.snapshot.merges).toBeUndefined();
  });

  it("so Tính cột keeps the 52 000 typed into a merged row, and Kiểm tra says to unmerge", async () => {
    const { a, host, sheet, row, first, range } = mergedAnnex();
    const read = await host.readSheet(a.sheet.name);
    expect(read.snapshot.merges).toContain(range);
    const analysis = analyzeSheet(read.snapshot, { locale: "vi-VN", templates: [a.tpl] });
    const finding = analysis.findings.find((f) => f.ruleId === "merge.input-derived");
    expect(finding?.cells[0]).toBe(a.address("6", "actualPrev"));
    expect(finding?.message.vi).toContain(`bỏ gộp ô ${range}`);
    const inMerge = (address: string) =>
      /^[A-Z]+(\d+)$/.exec(address)?.[1] === String(row + 1) &&
      address !== a.address("6", "actualPrev");
    expect(analysis.plan.writes.filter((w) => inMerge(w.address))).toEqual([]);
    expect(analysis.plan.skipped.map((s) => s.merge)).toContain(range);
    await host.applyPlan(analysis.plan);
    expect(sheet.cell(row, first)?.value).toBe(52000);
    expect(sheet.cell(row, first)?.formula).toBeUndefined();
  });
});

describe("areaAddresses", () => {
  it("splits a RangeAreas address at the commas outside quoted sheet names", () => {
    expect(areaAddresses("Sheet1!D20:M20, 'Huyện, xã ''A'''!$A$1:$L$1,Biểu!B2:C3")).toEqual([
      "D20:M20",
      "A1:L1",
      "B2:C3",
    ]);
    expect(areaAddresses("")).toEqual([]);
  });
});

import ExcelJS from "exceljs";
import {
  analyzeSheet,
  explainFinding,
  Explanation,
  parseExplanations,
  SheetSnapshot,
  withExplanation,
} from "../../../src/domain";
import { readExplanations, writeExplanations } from "../../../src/adapters/xlsx/metadata";
import { METADATA_SHEET, parseMetadata } from "../../../src/domain";
import { officeHostOn, seed, seedRow, grid } from "../fixtures/officeAnnex";
import { TestAnnex } from "../../helpers/annex";
import { METADATA_HEADER, metadataRecord } from "../../../src/domain";

/**
 * Explanations (giải trình) through the real office.js client into the in-memory workbook: written
 * beside the metadata, read back with the sheet in the same single sync, and the same table the
 * ExcelJS adapter writes for `annex explain`.
 */

const SHEET = "Biểu 01 - 2023";

function setUp(withMetadata = true) {
  const { backend, host } = officeHostOn("1.14");
  const annex = TestAnnex.filled();
  // 17.1's estimate twice last year's, with no note: a change.large finding to explain.
  const prev = annex.sheet.values[annex.row("17.1")]![annex.col("actualPrev")] as number;
  annex.set("17.1", "estimateCur", prev * 2).set("17.1", "note", null);
  const snapshot: SheetSnapshot = { ...annex.sheet, name: SHEET };
  seed(backend.workbook.addSheet(SHEET), snapshot);
  if (withMetadata) {
    const meta = backend.workbook.addSheet(METADATA_SHEET);
    meta.visibility = "VeryHidden";
    seedRow(meta, 0, [...METADATA_HEADER]);
    seedRow(meta, 1, metadataRecord(SHEET, snapshot.metadata!));
  }
  return { backend, host, annex, snapshot };
}

function explanationOf(snapshot: SheetSnapshot, ruleId: string, reason: string): Explanation {
  const a = analyzeSheet(snapshot, { locale: "vi-VN" });
  const f = a.findings.find((x) => x.ruleId === ruleId)!;
  return explainFinding(f, snapshot, a.annex, { reason, date: "2026-11-21" });
}

describe("Office host: explanations beside the metadata", () => {
  it("writes them, and readSheet gives them back in its one sync, the metadata untouched", async () => {
    const { backend, host, snapshot } = setUp();
    const e = explanationOf(snapshot, "change.large", "=Chương trình mới; 2026-11-21");
    backend.resetLog();
    await host.writeExplanations(SHEET, [e]);
    expect(backend.log.syncs).toBe(2);
    backend.resetLog();
    const read = await host.readSheet(SHEET);
    expect(backend.log.syncs).toBe(1);
    expect(read.snapshot.explanations).toEqual([e]);
    expect(read.snapshot.metadata).toEqual(snapshot.metadata);
    const meta = backend.workbook.get(METADATA_SHEET);
    expect(meta.visibility).toBe("VeryHidden");
    expect(parseMetadata(grid(meta)).get(SHEET)).toEqual(snapshot.metadata);
    // The reason and the date stay text (no formula, no date serial).
    const values = grid(meta);
    expect(values.flat()).toContain("=Chương trình mới; 2026-11-21");
    expect(values.flat()).toContain("2026-11-21");
    // Explained on the sheet read back: not among the open findings.
    const a = analyzeSheet(read.snapshot, { locale: "vi-VN" });
    expect(a.explanations?.explained).toHaveLength(1);
  });

  it("writing the same list again changes nothing; withdrawing clears the table's rows", async () => {
    const { backend, host, snapshot } = setUp();
    const e = explanationOf(snapshot, "change.large", "lý do");
    await host.writeExplanations(SHEET, [e]);
    const meta = backend.workbook.get(METADATA_SHEET);
    const once = JSON.stringify(grid(meta));
    await host.writeExplanations(SHEET, [e]);
    expect(JSON.stringify(grid(meta))).toBe(once);
    await host.writeExplanations(SHEET, []);
    expect((await host.readSheet(SHEET)).snapshot.explanations).toBeUndefined();
    expect(parseExplanations(grid(meta)).size).toBe(0);
    expect(parseMetadata(grid(meta)).get(SHEET)).toEqual(snapshot.metadata);
  });

  it("a change is applied to the table as read in the same Excel.run: one saved meanwhile is kept (#19)", async () => {
    const { backend, host, snapshot } = setUp();
    const e = explanationOf(snapshot, "change.large", "lý do");
    // Read by the pane before it explains: no explanation yet.
    expect((await host.readSheet(SHEET)).snapshot.explanations).toBeUndefined();
    // Meanwhile another writer (a second pane, annex explain) saves one of another indicator.
    const other: Explanation = { ...e, cell: "G44", indicator: "17.2", reason: "của người khác" };
    await host.writeExplanations(SHEET, [other]);
    backend.resetLog();
    await host.writeExplanations(SHEET, (stored) => withExplanation(stored, e, e));
    expect(backend.log.syncs).toBe(2);
    const kept = (await host.readSheet(SHEET)).snapshot.explanations ?? [];
    expect(kept.map((x) => x.reason).sort()).toEqual(["của người khác", "lý do"]);
    // Withdrawing ours the same way leaves theirs.
    await host.writeExplanations(SHEET, (stored) => withExplanation(stored, e));
    expect((await host.readSheet(SHEET)).snapshot.explanations).toEqual([other]);
  });

  it("creates the very hidden metadata sheet on a hand-made annex that has none", async () => {
    const { backend, host, snapshot } = setUp(false);
    const e = explanationOf(snapshot, "change.large", "lý do");
    await host.writeExplanations(SHEET, [e]);
    const meta = backend.workbook.get(METADATA_SHEET);
    expect(meta.visibility).toBe("VeryHidden");
    expect((await host.readSheet(SHEET)).snapshot.explanations).toEqual([e]);
    expect((await host.listSheets()).map((s) => s.name)).toEqual([SHEET]);
  });

  it("writes the same table as the ExcelJS adapter (annex explain), each reading the other's", async () => {
    const { backend, host, snapshot } = setUp();
    const e = explanationOf(snapshot, "change.large", "lý do");
    await host.writeExplanations(SHEET, [e]);
    const office = grid(backend.workbook.get(METADATA_SHEET));

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(SHEET);
    const ws = wb.addWorksheet(METADATA_SHEET, { state: "veryHidden" });
    ws.addRow([...METADATA_HEADER]);
    ws.addRow(metadataRecord(SHEET, snapshot.metadata!));
    writeExplanations(wb, SHEET, [e]);
    const excelJs: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: unknown[] = [];
      for (let c = 1; c <= office[0].length; c++) cells.push(row.getCell(c).value ?? "");
      excelJs[n - 1] = cells;
    });
    expect(excelJs).toEqual(office);
    expect(readExplanations(wb).get(SHEET)).toEqual([e]);
  });
});

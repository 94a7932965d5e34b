import {
  analyzeSheet,
  buildAnnexLayout,
  explainFinding,
  Explanation,
  METADATA_HEADER,
  METADATA_SHEET,
  metadataRecord,
  parseExplanations,
  parseMetadata,
  parseSheetRecords,
  SheetSnapshot,
} from "../../../src/domain";
import { template, TestAnnex } from "../../helpers/annex";
import { officeHostOn, seed, seedRow, grid } from "../fixtures/officeAnnex";

/**
 * A sheet renamed (or moved) in Excel keeps its `_annex` record and its explanations in the add-in,
 * as it does in the command line (issue #19, item 5): the Office host records Excel's id for the
 * sheet and its position beside the record, and reads a sheet's records through the same
 * resolveSheets the ExcelJS adapter uses. Before, the host looked records up by name only: a
 * renamed annex read as a plain sheet and its explanations were dropped without a word.
 */

const NAME = "Biểu 01 - 2023";
const RENAMED = "KH 2023 (bản gửi Sở)";

function explanationOf(snapshot: SheetSnapshot, reason: string, skip = 0): Explanation {
  const a = analyzeSheet(snapshot, { locale: "vi-VN" });
  const f = a.findings[skip];
  expect(f).toBeDefined();
  return explainFinding(f, snapshot, a.annex, { reason, date: "2026-12-07" });
}

describe("Office host: a sheet renamed or moved in Excel", () => {
  it("keeps its record and explanations, found by the id the host recorded when it added the sheet", async () => {
    const { backend, host } = officeHostOn("1.14");
    backend.workbook.addSheet("Sheet1");
    const layout = buildAnnexLayout(template("bieu-01-ke-hoach-nam"), {
      year: 2023,
      unitName: "Sở Lao động - Thương binh và Xã hội",
      authority: "UBND tỉnh Lạng Sơn",
    });
    await host.insertAnnex(layout);
    const first = (await host.readSheet(NAME)).snapshot;
    const e = explanationOf(first, "Số liệu chưa có");
    await host.writeExplanations(NAME, [e]);

    // The officer renames the tab and drags it before Sheet1.
    const sheet = backend.workbook.get(NAME);
    sheet.name = RENAMED;
    backend.workbook.sheets.splice(backend.workbook.sheets.indexOf(sheet), 1);
    backend.workbook.sheets.unshift(sheet);

    expect((await host.listSheets()).find((s) => s.name === RENAMED)?.annex).toBe(true);
    const read = (await host.readSheet(RENAMED)).snapshot;
    expect(read.metadata).toEqual(layout.metadata);
    expect(read.explanations).toEqual([e]);

    // A second explanation saved under the new name keeps the first; the record follows the name.
    const e2 = explanationOf(read, "Lý do thứ hai", 1);
    await host.writeExplanations(RENAMED, (stored) => [...stored, e2]);
    const values = grid(backend.workbook.get(METADATA_SHEET));
    expect(parseExplanations(values).get(RENAMED)).toEqual([e, e2]);
    expect(parseExplanations(values).has(NAME)).toBe(false);
    expect(parseMetadata(values).get(RENAMED)).toEqual(layout.metadata);
    expect(parseSheetRecords(values)).toEqual([{ name: RENAMED, sheetNo: sheet.id, position: 1 }]);
    expect((await host.readSheet(RENAMED)).snapshot.explanations).toEqual([e, e2]);
  });

  it("a record the command line wrote (its own sheet number) is found by position when Excel's id does not match", async () => {
    const { backend, host } = officeHostOn("1.14");
    const annex = TestAnnex.filled();
    const snapshot: SheetSnapshot = { ...annex.sheet, name: NAME };
    seed(backend.workbook.addSheet(NAME), snapshot);
    const meta = backend.workbook.addSheet(METADATA_SHEET);
    meta.visibility = "VeryHidden";
    seedRow(meta, 0, [...METADATA_HEADER, "sheetNo", "position"]);
    // As `annex new` records it: ExcelJS's sheetId 1, first sheet.
    seedRow(meta, 1, [...metadataRecord(NAME, snapshot.metadata!), "1", 1]);
    backend.workbook.get(NAME).name = RENAMED;

    const read = (await host.readSheet(RENAMED)).snapshot;
    expect(read.metadata).toEqual(snapshot.metadata);
  });

  it("a sheet whose name no record has and that nothing else ties to a record stays a plain sheet", async () => {
    const { backend, host } = officeHostOn("1.14");
    const annex = TestAnnex.filled();
    const snapshot: SheetSnapshot = { ...annex.sheet, name: NAME };
    seed(backend.workbook.addSheet(NAME), snapshot);
    seed(backend.workbook.addSheet("Ghi chép"), snapshot);
    const meta = backend.workbook.addSheet(METADATA_SHEET);
    meta.visibility = "VeryHidden";
    seedRow(meta, 0, [...METADATA_HEADER]);
    seedRow(meta, 1, metadataRecord(NAME, snapshot.metadata!));

    const sheets = await host.listSheets();
    expect(sheets.map((s) => [s.name, s.annex])).toEqual([
      [NAME, true],
      ["Ghi chép", false],
    ]);
    expect((await host.readSheet("Ghi chép")).snapshot.metadata).toBeUndefined();
  });
});

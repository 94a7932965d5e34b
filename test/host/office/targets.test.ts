import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import {
  METADATA_HEADER,
  METADATA_SHEET,
  metadataRecord,
  SheetSnapshot,
} from "../../../src/domain";
import { readTargets, writeTargets } from "../../../src/adapters/xlsx/metadata";
import { officeHostOn, seed, seedRow, grid } from "../fixtures/officeAnnex";
import { TestAnnex } from "../../helpers/annex";

/**
 * The workbook's targets file (#17) through the real office.js client: kept in the metadata sheet's
 * third table, read back with the sheet in its one sync, the same cells the ExcelJS adapter writes.
 */
const SHEET = "Biểu 01 - 2023";
const TARGETS = path.join(__dirname, "../../../src/samples/targets/lang-son-2023.json");

test("Office host: a targets file kept, read back in the sheet's one sync, removed", async () => {
  const { backend, host } = officeHostOn("1.14");
  const snapshot: SheetSnapshot = { ...TestAnnex.filled().sheet, name: SHEET };
  seed(backend.workbook.addSheet(SHEET), snapshot);
  const meta = backend.workbook.addSheet(METADATA_SHEET);
  meta.visibility = "VeryHidden";
  seedRow(meta, 0, [...METADATA_HEADER]);
  seedRow(meta, 1, metadataRecord(SHEET, snapshot.metadata!));
  // Longer than one cell holds: kept in pieces.
  const text = (await fs.readFile(TARGETS, "utf8")).replace("}\n", `${" ".repeat(70_000)}}\n`);

  await host.writeTargets(text);
  backend.resetLog();
  const read = await host.readSheet(SHEET);
  expect(backend.log.syncs).toBe(1);
  expect(read.targets).toBe(text);
  expect(read.snapshot.metadata).toEqual(snapshot.metadata);

  // The ExcelJS adapter reads the same cells.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(METADATA_SHEET);
  grid(backend.workbook.get(METADATA_SHEET)).forEach((row) => ws.addRow(row));
  expect(readTargets(wb)).toBe(text);

  // The same text again changes nothing; none removes every piece.
  backend.resetLog();
  await host.writeTargets(text);
  expect(backend.log.syncs).toBe(1);
  await host.writeTargets(undefined);
  expect((await host.readSheet(SHEET)).targets).toBeUndefined();
  writeTargets(wb, undefined);
  expect(readTargets(wb)).toBeUndefined();
});

import ExcelJS from "exceljs";
import { METADATA_SHEET, snapshotFromValues } from "../../../src/domain";
import { learnTemplate } from "../../../src/domain/learn";
import { readEmbeddedTemplates } from "../../../src/adapters/xlsx/embeddedTemplates";
import { readMetadata } from "../../../src/adapters/xlsx/metadata";
import type { TemplateInput } from "../../../src/domain/template/schema";
import { THAI_BINH } from "../../helpers/handMadeSheets";
import { officeHostOn, seed } from "../fixtures/officeAnnex";
import { Sheet } from "../fixtures/excelBackend/workbook";

/**
 * Issue #20: a learned template kept inside the workbook through the real office.js client —
 * `_annex`'s embedded-template table, read back with the sheet in its one sync, the same cells the
 * ExcelJS adapter (annex check) reads; the same template twice writes nothing, another version is
 * not replaced unless asked, and a table larger than a request may carry goes in bands.
 */
const SHEET = "Quý I-2020";

function learned(): { data: TemplateInput; year: number } {
  const r = learnTemplate(snapshotFromValues(SHEET, THAI_BINH));
  if (!r.ok || r.year === undefined) throw new Error("not learned");
  return { data: r.data, year: r.year };
}

/** `_annex` as ExcelJS would read it from the saved file. */
function asExcelJs(sheet: Sheet): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(SHEET);
  const ws = wb.addWorksheet(METADATA_SHEET);
  const rect = sheet.usedRect(true);
  for (let r = 0; rect && r <= rect.r1; r++)
    for (let c = 0; c <= rect.c1; c++) {
      const v = sheet.cell(r, c)?.value;
      if (v !== undefined && v !== "") ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    }
  return wb;
}

describe("Office host: a template kept in the workbook", () => {
  test("written with the sheet's record in one Excel.run, read back in the sheet's one sync, the same cells annex check reads", async () => {
    const { backend, host } = officeHostOn("1.7");
    seed(backend.workbook.addSheet(SHEET), snapshotFromValues(SHEET, THAI_BINH));
    const { data, year } = learned();
    const bind = {
      sheet: SHEET,
      metadata: { templateId: data.id, templateVersion: data.version, year },
    };

    backend.resetLog();
    expect(await host.writeTemplate(data, { bind })).toEqual({ outcome: "written" });
    // No _annex yet: one sync learns it is missing, one asks again, one writes.
    expect(backend.log.syncs).toBe(3);
    expect(backend.workbook.get(METADATA_SHEET).visibility).toBe("VeryHidden");

    backend.resetLog();
    const read = await host.readSheet(SHEET);
    expect(backend.log.syncs).toBe(1);
    expect(read.snapshot.metadata).toEqual(bind.metadata);
    expect(read.templates?.map((e) => [e.id, e.version, e.template?.id])).toEqual([
      [data.id, "1.0.0", data.id],
    ]);

    const wb = asExcelJs(backend.workbook.get(METADATA_SHEET));
    expect(readEmbeddedTemplates(wb).map((e) => e.template?.indicators.length)).toEqual([
      data.indicators!.length,
    ]);
    expect(readMetadata(wb).get(SHEET)).toEqual(bind.metadata);

    // The same again: read, nothing written (one sync, no write in it).
    backend.resetLog();
    const before = JSON.stringify([...backend.workbook.get(METADATA_SHEET).cells]);
    expect(await host.writeTemplate(data, { bind })).toEqual({ outcome: "unchanged" });
    expect(backend.log.syncs).toBe(1);
    expect(JSON.stringify([...backend.workbook.get(METADATA_SHEET).cells])).toBe(before);

    // Another direction under the same id: a conflict, nothing written, unless replace.
    const other: TemplateInput = {
      ...data,
      version: "1.0.1",
      indicators: data.indicators!.map((i, k) => (k === 0 ? { ...i, direction: "down" } : i)),
    };
    expect(await host.writeTemplate(other)).toEqual({
      outcome: "conflict",
      kept: { version: "1.0.0", hash: read.templates![0].hash },
    });
    expect(JSON.stringify([...backend.workbook.get(METADATA_SHEET).cells])).toBe(before);
    expect(await host.writeTemplate(other, { replace: true })).toEqual({
      outcome: "written",
      replaced: { version: "1.0.0", hash: read.templates![0].hash },
    });
    const after = await host.readSheet(SHEET);
    expect(after.templates?.map((e) => [e.version, e.template?.indicators[0].direction])).toEqual([
      ["1.0.1", "down"],
    ]);
  });

  test("a table over the request budget goes in bands, each request under it", async () => {
    const budget = 8_000;
    const { backend, host } = officeHostOn("1.14", { payloadBudget: budget });
    seed(backend.workbook.addSheet(SHEET), snapshotFromValues(SHEET, THAI_BINH));
    const { data } = learned();
    // Four templates kept side by side (6.5 KB of JSON each): the table is more than one band.
    const ids = ["mau-a", "mau-b", "mau-c"];
    for (const id of ids) await host.writeTemplate({ ...data, id });
    backend.resetLog();
    await host.writeTemplate({ ...data, id: "mau-d" });
    expect(backend.log.syncs).toBeGreaterThan(2);
    // The budget stands for the cap less a 20% margin (PAYLOAD_BUDGET), which the estimate every
    // write uses may eat into, never through: no request reaches the cap it stands for.
    expect(Math.max(...backend.log.sizes)).toBeLessThan(budget / 0.8);
    const read = await host.readSheet(SHEET);
    expect(read.templates?.map((e) => [e.id, !!e.template])).toEqual(
      [...ids, "mau-d"].map((id) => [id, true])
    );
  });
});

import { METADATA_SHEET } from "../../../src/domain";
import { officeHostOn } from "../fixtures/officeAnnex";

/**
 * Edit events for sheets that did not exist when the pane subscribed: with ExcelApi 1.9 the sheet
 * collection's onChanged covers them; before, onAdded (1.7) subscribes each new sheet.
 */

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Until the backend has a handler for the sheet, its own or the collection's (at most 2 s). */
async function watched(listening: Set<string>, id: string): Promise<void> {
  for (let i = 0; i < 200 && !listening.has(id) && !listening.has("*"); i++) await wait(10);
}

describe.each(["1.14", "1.9", "1.7"])("ExcelApi %s", (version) => {
  test("a sheet added after subscribing reports a person's edits; `_annex` never does; stop ends it all", async () => {
    const { backend, host } = officeHostOn(version, { editDelayMs: 30 });
    backend.workbook.addSheet("Cũ");
    const edits: unknown[] = [];
    const stop = await host.onEdit((e) => edits.push(e));
    const added = backend.userAddSheet("Mới");
    await watched(backend.workbook.listening, added.id); // before 1.9, onAdded subscribes it
    await wait(50);
    backend.userEdit("Mới", "D5", 3);
    backend.userEdit("Cũ", "A1", 1);
    await wait(120);
    // (A new sheet's name may be asked of Excel first: the order between sheets is not kept.)
    expect(edits).toHaveLength(2);
    expect(edits).toEqual(
      expect.arrayContaining([
        { sheet: "Mới", addresses: ["D5"] },
        { sheet: "Cũ", addresses: ["A1"] },
      ])
    );

    backend.userAddSheet(METADATA_SHEET);
    await wait(50);
    backend.userEdit(METADATA_SHEET, "A1", "x");
    await wait(120);
    expect(edits).toHaveLength(2);

    await stop();
    expect(backend.workbook.listening.size).toBe(0);
    backend.userEdit("Mới", "D6", 4);
    await wait(100);
    expect(edits).toHaveLength(2);
  });
});

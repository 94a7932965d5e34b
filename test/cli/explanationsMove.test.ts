import * as path from "path";
import ExcelJS from "exceljs";
import { readExplanations } from "../../src/adapters/xlsx/metadata";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { fromA1 } from "../../src/domain";
import { EXPLANATIONS_COLUMN } from "../../src/domain/explanations/records";
import { annex, tempDir } from "../helpers/cli";
import { recalculate, sofficePath } from "../helpers/libreoffice";
import { openWorkbook, sampleAddress, writeSampleAnnex } from "../helpers/workbooks";

/**
 * Explanations bound to what they explain (issue #19): the indicator's code and column, and the sheet
 * as the metadata knows it, not only the cell address. The edits a person makes — a row deleted, the
 * sheet renamed — are made here with ExcelJS (this machine's LibreOffice has neither Basic nor
 * Python-UNO to run a macro), then the file goes through LibreOffice headless (which saves it as Calc
 * would, renumbering the sheets' ids) before `annex check` reads it.
 */
interface JsonExplanation {
  ruleId: string;
  cell: string;
  reason: string;
  indicator: string | null;
  column: string | null;
}
interface JsonSheet {
  sheet: string;
  template: { year: number } | null;
  findings: Array<{ ruleId: string; cell: string; indicator: string | null }>;
  explained: Array<{
    ruleId: string;
    cell: string;
    indicator: string;
    explanation: JsonExplanation;
    addressOnly: boolean;
  }>;
  reopenedExplanations: Array<JsonExplanation & { changed: string[] }>;
  staleExplanations: JsonExplanation[];
  unplacedExplanations: Array<JsonExplanation & { why: { vi: string; en: string } }>;
}
interface JsonFile {
  sheets: JsonSheet[];
  unplacedSheetExplanations: Array<JsonExplanation & { sheet: string }>;
}

async function checkJson(file: string): Promise<{ code: number; file: JsonFile }> {
  const r = await annex("check", file, "--json");
  const report = JSON.parse(r.out) as { files: JsonFile[] };
  return { code: r.code, file: report.files[0] };
}

const REASON_A = "Năm 2022 bắt đầu chương trình hỗ trợ nhà ở mới";
const REASON_B = "Hai dự án chuyển tiếp từ năm trước";
const cell = (code: string, col = "estimateCur") => sampleAddress(code, col);
const rowOf = (code: string) => fromA1(cell(code)).row + 1;
const up = (address: string) => {
  const { row, col } = fromA1(address);
  return sampleAddressAt(row - 1, col);
};
function sampleAddressAt(row0: number, col0: number): string {
  let c = col0 + 1;
  let letters = "";
  while (c > 0) {
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return `${letters}${row0 + 1}`;
}

const soffice = sofficePath();
const withLibreOffice = soffice ? it : it.skip;

describe("explanations follow their indicator and their sheet", () => {
  let dir: string;
  let file: string;

  /** 17.1 and 17.2's estimates twice last year's: two large changes on adjacent rows. */
  beforeEach(async () => {
    dir = tempDir("annex-bound-");
    file = await writeSampleAnnex(dir);
    await edit(file, (ws) => {
      for (const code of ["17.1", "17.2"])
        ws.getCell(cell(code)).value = (ws.getCell(cell(code, "actualPrev")).value as number) * 2;
    });
  });

  async function edit(f: string, change: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
    const wb = await openWorkbook(f);
    change(
      wb.worksheets.find((w) => w.name !== "_annex")!,
      wb
    );
    await saveWorkbook(wb, f);
  }

  const explain = (code: string, reason: string, f = file) =>
    annex("explain", f, "--cell", cell(code), "--rule", "change.large", "--reason", reason);

  async function throughLibreOffice(f: string): Promise<string> {
    const out = await recalculate([f], path.join(dir, `lo-${Date.now()}`));
    return path.join(out, path.basename(f));
  }

  it("records the indicator and the column with the cell", async () => {
    expect((await explain("17.1", REASON_A)).code).toBe(0);
    const [e] = [...readExplanations(await openWorkbook(file)).values()].flat();
    expect(e).toMatchObject({ cell: cell("17.1"), indicator: "17.1", column: "estimateCur" });
    expect(e.anchors?.[cell("17.1")]).toBe("17.1|estimateCur");
    expect(e.anchors?.[cell("17.1", "actualPrev")]).toBe("17.1|actualPrev");
  });

  withLibreOffice(
    "a row deleted above: the explanation follows its indicator to its new cell, still explaining it",
    async () => {
      expect((await explain("17.1", REASON_A)).code).toBe(0);
      // The row of indicator 5, above 17.1, deleted: 17.1's cells move up one row.
      await edit(file, (ws) => ws.spliceRows(rowOf("5"), 1));
      const edited = await throughLibreOffice(file);
      const { file: report } = await checkJson(edited);
      const [sheet] = report.sheets;
      const moved = up(cell("17.1"));
      expect(sheet.explained.map((x) => [x.ruleId, x.cell, x.indicator])).toEqual([
        ["change.large", moved, "17.1"],
      ]);
      expect(sheet.explained[0].explanation).toMatchObject({ cell: moved, reason: REASON_A });
      expect(sheet.explained[0].addressOnly).toBe(false);
      expect(
        sheet.findings.some((f) => f.ruleId === "change.large" && f.indicator === "17.1")
      ).toBe(false);
      expect(sheet.staleExplanations).toEqual([]);
      expect(sheet.unplacedExplanations).toEqual([]);
      // Withdrawn by the cell it is at now.
      const w = await annex(
        "explain",
        edited,
        "--cell",
        moved,
        "--rule",
        "change.large",
        "--withdraw"
      );
      expect(w.code).toBe(0);
      expect(readExplanations(await openWorkbook(edited)).size).toBe(0);
    },
    200_000
  );

  it("a row inserted above: the explanation follows its indicator down, and explaining again replaces it", async () => {
    expect((await explain("17.1", REASON_A)).code).toBe(0);
    await edit(file, (ws) => ws.spliceRows(rowOf("5"), 0, []));
    const down = sampleAddressAt(fromA1(cell("17.1")).row + 1, fromA1(cell("17.1")).col);
    const { file: report } = await checkJson(file);
    expect(report.sheets[0].explained.map((x) => [x.cell, x.indicator])).toEqual([[down, "17.1"]]);
    // Explained again at its new cell: the one explanation is replaced, not doubled.
    const again = await annex(
      "explain",
      file,
      "--cell",
      down,
      "--rule",
      "change.large",
      "--reason",
      REASON_B
    );
    expect(again.code).toBe(0);
    const stored = [...readExplanations(await openWorkbook(file)).values()].flat();
    expect(stored.map((e) => [e.cell, e.reason])).toEqual([[down, REASON_B]]);
  });

  withLibreOffice(
    "its own row deleted: unplaced and said so, never applied to the indicator now at its address",
    async () => {
      expect((await explain("17.1", REASON_A)).code).toBe(0);
      const address = cell("17.1");
      // 17.1's row deleted: 17.2, with its own large change, moves up to 17.1's address.
      await edit(file, (ws) => ws.spliceRows(rowOf("17.1"), 1));
      const edited = await throughLibreOffice(file);
      const { file: report } = await checkJson(edited);
      const [sheet] = report.sheets;
      const there = sheet.findings.find((f) => f.ruleId === "change.large" && f.cell === address);
      expect(there?.indicator).toBe("17.2");
      expect(sheet.explained).toEqual([]);
      expect(sheet.reopenedExplanations).toEqual([]);
      expect(sheet.unplacedExplanations).toMatchObject([
        { cell: address, indicator: "17.1", reason: REASON_A },
      ]);
      expect(sheet.unplacedExplanations[0].why.vi).toContain("(17.1) không còn trên trang tính");
      const text = await annex("check", edited);
      expect(text.out).toContain(`Giải trình ở ô ${address} (change.large`);
      expect(text.out).toContain("không đặt được vào đâu");
      expect(text.out).toContain(REASON_A);
    },
    200_000
  );

  withLibreOffice(
    "the sheet renamed: metadata and explanations found again; explaining again writes under the new name",
    async () => {
      expect((await explain("17.1", REASON_A)).code).toBe(0);
      await edit(file, (ws) => (ws.name = "Biểu 01 Lạng Sơn"));
      const edited = await throughLibreOffice(file);
      const { code, file: report } = await checkJson(edited);
      expect(code).toBeLessThan(2);
      const [sheet] = report.sheets;
      expect(sheet.sheet).toBe("Biểu 01 Lạng Sơn");
      expect(sheet.explained.map((x) => [x.cell, x.explanation.reason])).toEqual([
        [cell("17.1"), REASON_A],
      ]);
      expect(report.unplacedSheetExplanations).toEqual([]);
      // A second explanation after the rename: both kept, under the sheet's new name.
      expect((await explain("17.2", REASON_B, edited)).code).toBe(0);
      const stored = readExplanations(await openWorkbook(edited));
      expect([...stored.keys()]).toEqual(["Biểu 01 Lạng Sơn"]);
      expect(
        stored
          .get("Biểu 01 Lạng Sơn")!
          .map((e) => e.reason)
          .sort()
      ).toEqual([REASON_A, REASON_B].sort());
      const again = await checkJson(edited);
      expect(again.file.sheets[0].explained).toHaveLength(2);
    },
    200_000
  );

  it("a sheet made by hand (no metadata) renamed: its explanation follows it too", async () => {
    // The annex without its metadata sheet: recognised from its headers, as districts' files are.
    const wb = await openWorkbook(file);
    wb.removeWorksheet(wb.getWorksheet("_annex")!.id);
    await saveWorkbook(wb, file);
    expect((await explain("17.1", REASON_A)).code).toBe(0);
    await edit(file, (ws) => (ws.name = "Huyện Cao Lộc"));
    const { file: report } = await checkJson(file);
    expect(report.sheets[0].sheet).toBe("Huyện Cao Lộc");
    expect(report.sheets[0].explained.map((x) => x.explanation.reason)).toEqual([REASON_A]);
    expect(report.unplacedSheetExplanations).toEqual([]);
  });

  it("a sheet the workbook no longer has: its explanations reported as unplaced, by name", async () => {
    expect((await explain("17.1", REASON_A)).code).toBe(0);
    // The explanation recorded for a sheet of another name, which the workbook does not have.
    const wb = await openWorkbook(file);
    wb.getWorksheet("_annex")!.getCell(2, EXPLANATIONS_COLUMN + 1).value = "Biểu đã xoá";
    await saveWorkbook(wb, file);
    const { file: report } = await checkJson(file);
    expect(report.sheets[0].explained).toEqual([]);
    expect(report.unplacedSheetExplanations).toMatchObject([
      { sheet: "Biểu đã xoá", cell: cell("17.1"), reason: REASON_A },
    ]);
    const text = await annex("check", file);
    expect(text.out).toContain('1 giải trình của trang tính "Biểu đã xoá" không đặt được vào đâu');
  });

  it("an explanation of an older version (no indicator recorded) still loads, matched by its cell, and is flagged", async () => {
    expect((await explain("17.1", REASON_A)).code).toBe(0);
    // The table as versions before #19 wrote it: seven columns, no indicator, column or anchors.
    const wb = await openWorkbook(file);
    const meta = wb.getWorksheet("_annex")!;
    for (const row of [1, 2])
      for (let k = 7; k < 10; k++) meta.getCell(row, EXPLANATIONS_COLUMN + k + 1).value = null;
    await saveWorkbook(wb, file);
    const [old] = [...readExplanations(await openWorkbook(file)).values()].flat();
    expect(old.indicator).toBeUndefined();
    const { file: report } = await checkJson(file);
    expect(report.sheets[0].explained.map((x) => x.cell)).toEqual([cell("17.1")]);
    expect(report.sheets[0].explained[0].explanation.indicator).toBeNull();
    expect(report.sheets[0].explained[0].addressOnly).toBe(true);
    const text = await annex("check", file);
    // The table wraps the note: its start and its end.
    expect(text.out).toContain("— giải trình");
    expect(text.out).toContain("chỉ tiêu này không");
  });
});

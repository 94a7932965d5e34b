import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  analyzeSheet,
  buildAnnexLayout,
  findTemplate,
  samplePlan,
  SampleFigures,
  Template,
} from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { checkDistrictFiles, DistrictFileInput } from "../../src/app/districtFiles";
import langSon from "../../src/samples/bieu-01-lang-son-2023.json";
import { deflated, rawZip } from "../../bench/hostileFiles";
import { cleanAnnexBytes, docxFile } from "../reliability/inputs";
import { elsewherePackage, noWorksheet, xlsbFile } from "../reliability/packageInputs";

const sample = langSon as SampleFigures;
const tpl = findTemplate("bieu-01-ke-hoach-nam") as Template;

function file(name: string, bytes: Uint8Array | ArrayBuffer): DistrictFileInput {
  const buffer = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  return { name, arrayBuffer: async () => buffer };
}

async function districtAnnex(authority: string): Promise<ExcelJS.Workbook> {
  const workbook = await newAnnexWorkbook({
    template: tpl,
    year: 2023,
    authority,
    unitName: "Phòng Lao động - Thương binh và Xã hội",
  });
  applyWritePlan(
    workbook.worksheets[0],
    samplePlan(buildAnnexLayout(tpl, { year: 2023 }), tpl, sample)
  );
  workbook.addWorksheet("Ghi chú").getCell("A1").value = "Số liệu ước tính";
  return workbook;
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<ArrayBuffer> {
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

describe("checkDistrictFiles: the districts' files, read and checked in the page", () => {
  it("gives one row per file: unit, template, year and counts, with the findings behind them", async () => {
    const caoLoc = await districtAnnex("UBND huyện Cao Lộc");
    const progress: string[] = [];
    const [report] = await checkDistrictFiles([file("cao-loc.xlsx", await bytesOf(caoLoc))], {
      onProgress: (done, total, name) => progress.push(`${done}/${total} ${name}`),
    });
    expect(progress).toEqual(["0/1 cao-loc.xlsx", "1/1 "]);
    expect(report.problem).toBeUndefined();
    expect(report.unit).toBe("UBND HUYỆN CAO LỘC – PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI");
    expect(report.form).toBe("Biểu số 01");
    expect(report.year).toBe(2023);
    expect(report.ignoredSheets).toEqual(["Ghi chú"]);
    expect(report.sheets).toHaveLength(1);

    // the same engine, on the same workbook read in Node, finds the same
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(await bytesOf(caoLoc));
    const engine = analyzeSheet(workbookSnapshots(reread)[0], { locale: "vi-VN" });
    expect(report.sheets[0].findings.map((f) => `${f.ruleId}@${f.cells[0]}`)).toEqual(
      engine.findings.map((f) => `${f.ruleId}@${f.cells[0]}`)
    );
    const bySeverity = (s: string) => engine.findings.filter((f) => f.severity === s).length;
    expect(report.counts).toEqual({
      error: bySeverity("error"),
      warning: bySeverity("warning"),
      info: bySeverity("info"),
    });
    expect(report.counts.warning).toBeGreaterThan(0);
  });

  it("reports each unreadable file by name, in words, and checks the rest", async () => {
    const cfb = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encrypted = new Uint8Array([
      ...cfb,
      ...[..."EncryptionInfo"].flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    const damagedZip = new Uint8Array([
      0x50,
      0x4b,
      0x03,
      0x04,
      ...[..."xl/workbook.xml"].map((c) => c.charCodeAt(0)),
      1,
      2,
      3,
    ]);
    const notes = new ExcelJS.Workbook();
    notes.addWorksheet("Danh sách").getCell("A1").value = "Cán bộ";
    const reports = await checkDistrictFiles([
      file("bao-cao.docx", new TextEncoder().encode("not a workbook at all")),
      file("cu.xls", new Uint8Array([...cfb, 0, 0, 0])),
      file("mat-khau.xlsx", encrypted),
      file("hong.xlsx", damagedZip),
      file("ghi-chu.xlsx", await bytesOf(notes)),
      file("dinh-lap.xlsx", await bytesOf(await districtAnnex("UBND huyện Đình Lập"))),
      file("nhi-phan.xlsb", new Uint8Array(xlsbFile())), // a copy: not a view on the Buffer pool
      file("khong-trang.xlsx", new Uint8Array(await noWorksheet())),
    ]);
    expect(reports.map((r) => r.problem?.code ?? "checked")).toEqual([
      "not-xlsx",
      "old-xls",
      "encrypted",
      "corrupt",
      "checked",
      "checked",
      "xlsb",
      "no-readable-sheet",
    ]);
    // issue #17: an .xlsb and a workbook without a sheet are never "0 lỗi"
    expect(reports[6].problem?.message.vi).toMatch(/\.xlsb.*lưu lại thành \.xlsx/);
    expect(reports[7].problem?.message.vi).toMatch(/không có trang tính nào đọc được/);
    for (const r of reports.slice(0, 4)) {
      expect(r.problem?.message.vi).toContain(r.file);
      expect(r.problem?.message.en).toContain(r.file);
    }
    expect(reports[2].problem?.message.vi).toContain("mật khẩu");
    // a workbook without an annex: its sheet's "no annex" finding says why nothing was checked
    expect(reports[4].sheets[0].findings.map((f) => f.ruleId)).toEqual(["sheet.no-annex"]);
    expect(reports[4].unit).toBeNull();
    expect(reports[5].unit).toContain("ĐÌNH LẬP");
  });

  it("follows the package's relationships to parts at other names, as annex check does; a Word document is still no workbook (issue #17)", async () => {
    const [usual, elsewhere, word] = await checkDistrictFiles([
      file("thuong.xlsx", new Uint8Array(await cleanAnnexBytes())),
      file("khac.xlsx", new Uint8Array(await elsewherePackage())),
      file("bao-cao.xlsx", new Uint8Array(docxFile())),
    ]);
    expect(usual.problem).toBeUndefined();
    expect(elsewhere.problem).toBeUndefined();
    expect(elsewhere.form).toBe(usual.form);
    expect(elsewhere.counts).toEqual(usual.counts);
    expect(elsewhere.sheets).toEqual(usual.sheets);
    expect(word.problem?.code).toBe("not-xlsx");
  });

  it("reads a file whose data validation is given to whole columns (9.4 million cells) as quickly as any", async () => {
    const clean = await bytesOf(await districtAnnex("UBND huyện Tràng Định"));
    const zip = await JSZip.loadAsync(clean);
    const sheet = "xl/worksheets/sheet1.xml";
    const xml = await (zip.file(sheet) as JSZip.JSZipObject).async("string");
    const rule =
      '<dataValidations count="1"><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" sqref="D1:L1048576"><formula1>0</formula1></dataValidation></dataValidations>';
    expect(xml).toMatch(/<dataValidations[\s\S]*?<\/dataValidations>/);
    zip.file(sheet, xml.replace(/<dataValidations[\s\S]*?<\/dataValidations>/, rule));
    const wide = await zip.generateAsync({ type: "uint8array" });
    const started = Date.now();
    const [before, after] = await checkDistrictFiles([
      file("trang-dinh.xlsx", clean),
      file("trang-dinh-2.xlsx", wide),
    ]);
    expect(Date.now() - started).toBeLessThan(20_000); // ExcelJS alone: an object per covered cell
    expect(after.problem).toBeUndefined();
    expect(after.counts).toEqual(before.counts);
    expect(after.sheets).toEqual(before.sheets);
  });

  it("refuses a zip declaring more than can be read safely, before unpacking it, and checks the rest", async () => {
    // a copy: a small Buffer is a view on Node's shared pool
    const declaring = (size: number) =>
      new Uint8Array(
        rawZip([
          deflated("[Content_Types].xml", Buffer.from("<Types/>")),
          { ...deflated("xl/worksheets/sheet1.xml", Buffer.from("<worksheet/>")), size },
        ])
      );
    const reports = await checkDistrictFiles([
      file("bom.xlsx", declaring(0xffffffff)),
      file("lon.xlsx", declaring(300 * 1024 * 1024)),
      file("van-lang.xlsx", await bytesOf(await districtAnnex("UBND huyện Văn Lãng"))),
    ]);
    expect(reports.map((r) => r.problem?.code ?? "checked")).toEqual([
      "too-large",
      "too-large",
      "checked",
    ]);
    expect(reports[0].problem?.message.vi).toMatch(
      /^Tệp quá lớn: "bom\.xlsx" \(phần xl\/worksheets\/sheet1\.xml giải nén ra hơn 4\.096 MB\)/
    );
    expect(reports[0].problem?.message.en).toMatch(/^File too large: "bom\.xlsx"/);
    expect(reports[1].summary.vi).toContain("giải nén ra 300 MB");
    expect(reports[2].unit).toContain("VĂN LÃNG");
  });
});

// issue 19 (consolidation you can trust): the pane's Tổng hợp follows annex merge's rules, from the same code
describe("mergeDistrictReports: the command line's rules in the page", () => {
  it("counts each unit once whatever the files' names, leaves a previous output out, and says so as a warning", async () => {
    const { mergeDistrictReports } = await import("../../src/app/districtFiles");
    const { mergeFiles } = await import("../../src/cli/commands/merge");
    const { tempDir } = await import("../helpers/cli");
    const path = await import("path");
    const { writeFileSync } = await import("fs");
    const caoLoc = new Uint8Array(await bytesOf(await districtAnnex("UBND huyện Cao Lộc")));
    const other = await districtAnnex("UBND huyện Đình Lập");
    // not the very figures of Cao Lộc: its 2021 workers abroad (row 3) differ
    const row = buildAnnexLayout(tpl, { year: 2023 }).rowOf.get("3")!;
    other.worksheets[0].getCell(
      row + 1,
      tpl.columns.findIndex((c) => c.id === "actualPrev") + 1
    ).value = 41;
    const dinhLap = new Uint8Array(await bytesOf(other));
    const first = await mergeDistrictReports(
      await checkDistrictFiles([file("cao-loc.xlsx", caoLoc), file("dinh-lap.xlsx", dinhLap)])
    );
    if (!first.ok) throw new Error("no merge");
    const inputs = [
      file("cao-loc.xlsx", caoLoc),
      file("dinh-lap.xlsx", dinhLap),
      file("cao-loc (1).xlsx", caoLoc),
      file("tinh.xlsx", first.value.bytes),
    ];
    const pane = await mergeDistrictReports(await checkDistrictFiles(inputs));
    if (!pane.ok) throw new Error("no merge");
    expect(pane.value.districts).toBe(2);
    expect(pane.value.level).toBe("warning");
    expect(pane.value.groups.map((g) => [g.title.vi, g.files.map((f) => f.file)])).toEqual([
      ["Bản sao y hệt của tệp khác", ["cao-loc (1).xlsx"]],
      ["Biểu tổng hợp, không phải biểu của một đơn vị", ["tinh.xlsx"]],
    ]);
    expect(pane.value.summary.vi).toMatch(
      /^Cảnh báo: đã tổng hợp 2 huyện vào tinh\.xlsx \(Biểu số 01 năm 2023\), nhưng 2 tệp không được tổng hợp/
    );
    // annex merge on the same files decides the same
    const dir = tempDir("annex-pane-merge-");
    const paths = inputs.map((f, i) => {
      const p = path.join(dir, f.name);
      writeFileSync(p, [caoLoc, dinhLap, caoLoc, first.value.bytes][i]);
      return p;
    });
    const cli = await mergeFiles({ files: paths, templates: [tpl], locale: "vi-VN" });
    if (cli.empty) throw new Error("no merge");
    expect(cli.leftOut.map((l) => [path.basename(l.file), l.reason]).sort()).toEqual([
      ["cao-loc (1).xlsx", "copy"],
      ["tinh.xlsx", "consolidated"],
    ]);
    // named as the list of units names them (issue #21)
    expect(cli.districts.map((d) => d.label)).toEqual(["Huyện Cao Lộc", "Huyện Đình Lập"]);
  }, 60_000);
});

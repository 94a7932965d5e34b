import * as path from "path";
import ExcelJS from "exceljs";
import { buildAnnexLayout, SampleFigures, samplePlan } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { langSonSample, template } from "./annex";

/**
 * An annex as a real file: laid out by the tool and typed in with figures (by default Biểu 01 of
 * Lạng Sơn for 2023, the domain brief's sample).
 */
export async function writeSampleAnnex(
  dir: string,
  name = "bieu01.xlsx",
  sample: SampleFigures = langSonSample
): Promise<string> {
  const tpl = template(sample.templateId);
  const workbook = await newAnnexWorkbook({
    template: tpl,
    year: sample.year,
    unitName: "Sở LĐTBXH tỉnh Lạng Sơn",
  });
  const layout = buildAnnexLayout(tpl, { year: sample.year });
  applyWritePlan(workbook.worksheets[0], samplePlan(layout, tpl, sample));
  const file = path.join(dir, name);
  await saveWorkbook(workbook, file);
  return file;
}

export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Sheet-relative address of an indicator's cell in the sample layout. */
export function sampleAddress(code: string, columnId: string): string {
  const tpl = template(langSonSample.templateId);
  const layout = buildAnnexLayout(tpl, { year: langSonSample.year });
  const col = tpl.columns.findIndex((c) => c.id === columnId);
  const row = layout.rowOf.get(code);
  if (col < 0 || row === undefined) throw new Error(`no cell ${code}/${columnId}`);
  return `${String.fromCharCode(65 + col)}${row + 1}`;
}

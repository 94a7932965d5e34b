import * as path from "path";
import ExcelJS from "exceljs";
import { buildAnnexLayout, SampleFigures, samplePlan } from "../../src/domain";
import { applyWritePlan } from "../../src/adapters/xlsx/applyPlan";
import { saveWorkbook } from "../../src/adapters/xlsx/workbookFile";
import { newAnnexWorkbook } from "../../src/cli/commands/newAnnex";
import { langSonSample, template, TestAnnex } from "./annex";

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

let sampleLayout: TestAnnex | undefined;

/** Address of an indicator's cell in the sample's layout (laid out once). */
export function sampleAddress(code: string, columnId: string): string {
  sampleLayout ??= new TestAnnex(template(langSonSample.templateId), langSonSample.year);
  return sampleLayout.address(code, columnId);
}

import {
  analyzeSheet,
  buildAnnexLayout,
  findTemplate,
  SampleFigures,
  samplePlan,
} from "../../domain";
import langSon from "../../samples/bieu-01-lang-son-2023.json";
import { withSelfCheck } from "../../domain/layout/selfCheckPlan";
import { templateForDepartment } from "../../domain/template/department";
import { BrowserWorkbookHost } from "./browserWorkbookHost";

export const LANG_SON_SAMPLE = langSon as SampleFigures;

/**
 * The workbook the preview opens on: Biểu 01 of Lạng Sơn for 2023 inserted from the layout the domain
 * describes, with the sample's figures typed in as a person would. Returns the annex sheet's name.
 *
 * The in-browser workbook has no calculation engine: the formulas the layout wrote hold no results.
 * With `calculated`, the derived columns' results are cached as Excel would have calculated them
 * (the engine's own fill), so the sample opens as it would in Excel and Kiểm tra does not report every
 * comparison cell as out of date.
 */
export async function openSample(
  host: BrowserWorkbookHost,
  sample: SampleFigures = LANG_SON_SAMPLE,
  options: { readonly calculated?: boolean; readonly department?: string } = {}
): Promise<string> {
  const template = findTemplate(sample.templateId);
  if (!template)
    throw new Error(`the sample's template ${sample.templateId} is not in the catalog`);
  const layout = buildAnnexLayout(template, {
    year: sample.year,
    ...(sample.unitName ? { unitName: sample.unitName } : {}),
    ...(sample.authority ? { authority: sample.authority } : {}),
    ...(options.department ? { department: options.department } : {}),
  });
  const { sheet } = await host.insertAnnex(layout);
  const own = templateForDepartment(template, options.department);
  await host.applyPlan(samplePlan(layout, own, sample));
  if (options.calculated) {
    const { snapshot } = await host.readSheet(sheet);
    const analysis = analyzeSheet(snapshot, { locale: "vi-VN" });
    // The "Kiểm tra" column's words too, as Excel would show them.
    await host.applyPlan(
      analysis.annex ? withSelfCheck(snapshot, analysis.annex, analysis.plan) : analysis.plan
    );
  }
  return sheet;
}

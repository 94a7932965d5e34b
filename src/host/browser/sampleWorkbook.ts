import { buildAnnexLayout, findTemplate, SampleFigures, samplePlan } from "../../domain";
import langSon from "../../samples/bieu-01-lang-son-2023.json";
import { BrowserWorkbookHost } from "./browserWorkbookHost";

export const LANG_SON_SAMPLE = langSon as SampleFigures;

/**
 * The workbook the preview opens on: Biểu 01 of Lạng Sơn for 2023 inserted from the layout the domain
 * describes, with the sample's figures typed in as a person would (derived columns not yet filled, so
 * the pane has something to do). Returns the annex sheet's name.
 */
export async function openSample(
  host: BrowserWorkbookHost,
  sample: SampleFigures = LANG_SON_SAMPLE
): Promise<string> {
  const template = findTemplate(sample.templateId);
  if (!template)
    throw new Error(`the sample's template ${sample.templateId} is not in the catalog`);
  const layout = buildAnnexLayout(template, {
    year: sample.year,
    ...(sample.unitName ? { unitName: sample.unitName } : {}),
    ...(sample.authority ? { authority: sample.authority } : {}),
  });
  const { sheet } = await host.insertAnnex(layout);
  await host.applyPlan(samplePlan(layout, template, sample));
  return sheet;
}

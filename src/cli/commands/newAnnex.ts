import ExcelJS from "exceljs";
import { buildAnnexLayout, builtInTemplates, findTemplate, Template } from "../../domain";
import { addAnnexSheet } from "../../adapters/xlsx/createAnnex";
import { refuseExisting, saveWorkbook } from "../../adapters/xlsx/workbookFile";
import { EXIT, Io, Lang, UsageError } from "../io";
import { COMMON, langOf, loadTemplates, parse, sheetNameOf, yearOf } from "../options";

export const NEW_USAGE = {
  vi: 'annex new --template MÃ|TỆP.json --year NĂM [--unit "Sở LĐTBXH tỉnh …"] [--authority "UBND tỉnh …"] [--sheet TÊN] -o TỆP.xlsx',
  en: 'annex new --template ID|FILE.json --year YEAR [--unit "Sở LĐTBXH tỉnh …"] [--authority "UBND tỉnh …"] [--sheet NAME] -o FILE.xlsx',
};

const OPTIONS = {
  ...COMMON,
  template: { type: "string" },
  year: { type: "string" },
  unit: { type: "string" },
  authority: { type: "string" },
  sheet: { type: "string" },
  output: { type: "string", short: "o" },
} as const;

export interface NewAnnexRequest {
  readonly template: Template;
  readonly year: number;
  readonly unitName?: string;
  readonly authority?: string;
  readonly sheetName?: string;
}

/** A workbook holding one empty annex, laid out from the template. */
export async function newAnnexWorkbook(request: NewAnnexRequest): Promise<ExcelJS.Workbook> {
  const layout = buildAnnexLayout(request.template, {
    year: request.year,
    ...(request.unitName ? { unitName: request.unitName } : {}),
    ...(request.authority ? { authority: request.authority } : {}),
    ...(request.sheetName ? { sheetName: request.sheetName } : {}),
  });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "indicator-annex";
  await addAnnexSheet(workbook, layout);
  return workbook;
}

/** annex new — an empty annex for a year, ready to fill in Excel. */
export async function newCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = parse(args, OPTIONS);
  const lang = langOf(values.lang);
  const required = (value: string | undefined, name: string): string => {
    if (value === undefined)
      throw new UsageError({ vi: `Thiếu --${name}.`, en: `--${name} is missing.` });
    return value;
  };
  const template = await chooseTemplate(required(values.template, "template"));
  const year = yearOf(required(values.year, "year"));
  const output = required(values.output, "output (-o)");
  const sheet = sheetNameOf(values.sheet);
  await refuseExisting(output);
  const workbook = await newAnnexWorkbook({
    template,
    year,
    ...(values.unit ? { unitName: values.unit } : {}),
    ...(values.authority ? { authority: values.authority } : {}),
    ...(sheet ? { sheetName: sheet } : {}),
  });
  await saveWorkbook(workbook, output);
  io.out(createdText(output, template, year, workbook.worksheets[0].name, lang));
  return EXIT.ok;
}

function createdText(file: string, t: Template, year: number, sheet: string, lang: Lang): string {
  return lang === "vi"
    ? `Đã tạo ${file}: ${t.form} năm ${year} (${t.id} ${t.version}), ${t.indicators.length} chỉ tiêu, trang "${sheet}".`
    : `Created ${file}: ${t.form} for ${year} (${t.id} ${t.version}), ${t.indicators.length} indicators, sheet "${sheet}".`;
}

/** A template id from the catalog, or a custom template file. */
async function chooseTemplate(value: string): Promise<Template> {
  if (value.toLowerCase().endsWith(".json")) {
    const [first] = await loadTemplates([value]);
    return first.template;
  }
  const found = findTemplate(value);
  if (!found) {
    const ids = builtInTemplates()
      .map((t) => t.id)
      .join(", ");
    throw new UsageError({
      vi: `Không có mẫu biểu "${value}". Các mẫu có sẵn: ${ids} (xem "annex templates").`,
      en: `There is no template "${value}". Available: ${ids} (see "annex templates").`,
    });
  }
  return found;
}

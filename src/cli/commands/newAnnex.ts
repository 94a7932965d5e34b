import ExcelJS from "exceljs";
import { writeEmbeddedTemplate } from "../../adapters/xlsx/embeddedTemplates";
import type { TemplateInput } from "../../domain/template/schema";
import {
  buildAnnexLayout,
  builtInTemplates,
  findTemplate,
  isReportingPeriod,
  periodsOf,
  TargetsFile,
  templateForPeriod,
  targetsForAnnex,
  Template,
} from "../../domain";
import { addAnnexSheet } from "../../adapters/xlsx/createAnnex";
import {
  Department,
  departmentsFor,
  templateForDepartment,
} from "../../domain/template/department";
import { fold } from "../../domain/text/fold";
import { AUTHORITY_PLACEHOLDER } from "../../domain/layout/annexLayout";
import { refuseExisting, saveWorkbook } from "../../adapters/xlsx/workbookFile";
import { withWorkbookLock } from "../../adapters/xlsx/workbookLock";
import { newOutputFile } from "../outputPath";
import { formTitle } from "../checkReport";
import { EXIT, Io, Lang, UsageError } from "../io";
import {
  COMMON,
  langOf,
  loadTargets,
  loadTemplates,
  parse,
  sheetNameOf,
  TARGETS_OPTION,
  yearOf,
} from "../options";

export const NEW_USAGE = {
  vi: 'annex new --template MÃ|TỆP.json --year NĂM [--period quy-1|6-thang|9-thang|ca-nam] [--department so-noi-vu|so-y-te|so-gd-dt|so-nn-mt|phong-vh-xh] [--unit "Sở Nội vụ tỉnh …"] [--authority "UBND tỉnh …"] [--sheet TÊN] [--targets CHỈ_TIÊU.json] -o TỆP.xlsx',
  en: 'annex new --template ID|FILE.json --year YEAR [--period quy-1|6-thang|9-thang|ca-nam] [--department so-noi-vu|so-y-te|so-gd-dt|so-nn-mt|phong-vh-xh] [--unit "Sở Nội vụ tỉnh …"] [--authority "UBND tỉnh …"] [--sheet NAME] [--targets TARGETS.json] -o FILE.xlsx',
};

const OPTIONS = {
  ...COMMON,
  template: { type: "string" },
  year: { type: "string" },
  period: { type: "string" },
  department: { type: "string" },
  unit: { type: "string" },
  authority: { type: "string" },
  sheet: { type: "string" },
  output: { type: "string", short: "o" },
  ...TARGETS_OPTION,
} as const;

export interface NewAnnexRequest {
  readonly template: Template;
  readonly year: number;
  readonly unitName?: string;
  readonly authority?: string;
  readonly sheetName?: string;
  /** The province's targets: each input cell's prompt names its target. */
  readonly targets?: TargetsFile;
  /** The department filling it (issue #21): its blocks, and its name as the default unit line. */
  readonly department?: string;
}

/** A workbook holding one empty annex, laid out from the template. */
export async function newAnnexWorkbook(request: NewAnnexRequest): Promise<ExcelJS.Workbook> {
  const layout = buildAnnexLayout(request.template, {
    year: request.year,
    ...(request.unitName ? { unitName: request.unitName } : {}),
    ...(request.authority ? { authority: request.authority } : {}),
    ...(request.sheetName ? { sheetName: request.sheetName } : {}),
    ...(request.targets ? { targets: request.targets } : {}),
    ...(request.department ? { department: request.department } : {}),
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
  const template = forPeriod(
    await chooseTemplate(required(values.template, "template")),
    values.period
  );
  const year = yearOf(required(values.year, "year"));
  const department = departmentOption(values.department, year);
  const output = required(values.output, "output (-o)");
  const sheet = sheetNameOf(values.sheet);
  const targets = await loadTargets(values.targets, [template, ...builtInTemplates()]);
  if (targets) refuseTargets(targets, template, year, [values.authority ?? "", values.unit ?? ""]);
  await newOutputFile("-o", output);
  const workbook = await newAnnexWorkbook({
    template,
    year,
    ...(values.unit ? { unitName: values.unit } : {}),
    ...(values.authority ? { authority: values.authority } : {}),
    ...(sheet ? { sheetName: sheet } : {}),
    ...(targets ? { targets } : {}),
    ...(department ? { department: department.id } : {}),
  });
  // A province's own form (learned, or from a JSON file) goes inside the blank annex it sends, so every
  // copy carries it: the communes' add-in and annex check need no JSON (issue #20).
  if (!builtInTemplates().some((b) => b.id === template.id && b.version === template.version))
    writeEmbeddedTemplate(workbook, template as TemplateInput);
  // Under the lock, refused again if another command made the file meanwhile (issue #19).
  await withWorkbookLock(output, "new", async () => {
    await refuseExisting(output);
    await saveWorkbook(workbook, output);
  });
  const made = templateForDepartment(template, department?.id);
  io.out(createdText(output, made, year, workbook.worksheets[0].name, lang));
  if (department) io.out(departmentText(department, template, made, lang));
  if (!values.authority?.trim())
    io.out(
      lang === "vi"
        ? `Chưa có --authority: ô A1 ghi "${AUTHORITY_PLACEHOLDER}"; hãy sửa ô đó trước khi gửi.`
        : `No --authority given: cell A1 says "${AUTHORITY_PLACEHOLDER}"; change it before sending.`
    );
  return EXIT.ok;
}

/**
 * --department: the id ("so-y-te") or the name ("Sở Y tế") of a department that fills forms of that
 * year (catalog/departments.json); the old Sở LĐTBXH up to 2025, the departments of 2025 from then.
 */
function departmentOption(value: string | undefined, year: number): Department | undefined {
  if (value === undefined) return undefined;
  const offered = departmentsFor(year);
  const key = fold(value);
  const found = offered.find((d) => d.id === value.trim().toLowerCase() || fold(d.name) === key);
  if (found) return found;
  const list = offered.map((d) => `${d.id} (${d.name})`).join(", ");
  throw new UsageError({
    vi: `--department cho biểu năm ${year} là một trong: ${list}; không phải "${value}".`,
    en: `--department for a ${year} annex is one of: ${list}; not "${value}".`,
  });
}

/** Which blocks the department's annex holds, and that the whole form is there without --department. */
function departmentText(d: Department, whole: Template, made: Template, lang: Lang): string {
  const blocks = made.sections.map((s) => s.code).join(", ");
  if (made === whole)
    return lang === "vi"
      ? `Đơn vị lập biểu: ${d.name} (${d.fields.vi}); cả biểu.`
      : `Filled by: ${d.en} (${d.fields.en}); the whole form.`;
  return lang === "vi"
    ? `Đơn vị lập biểu: ${d.name} (${d.fields.vi}); các khối ${blocks} của ${whole.form} (${made.indicators.length}/${whole.indicators.length} chỉ tiêu). Bỏ --department để có cả biểu.`
    : `Filled by: ${d.en} (${d.fields.en}); blocks ${blocks} of ${whole.form} (${made.indicators.length} of ${whole.indicators.length} indicators). Leave out --department for the whole form.`;
}

/**
 * The form made for the period asked with --period (a reporting form such as Biểu 02: quý I, 6 tháng,
 * 9 tháng, cả năm); without it, the form's default. A form with fixed columns takes no --period.
 */
function forPeriod(template: Template, period: string | undefined): Template {
  if (period === undefined) return template;
  const offered = periodsOf(template);
  const list = offered.join(", ");
  if (!offered.length)
    throw new UsageError({
      vi: `Mẫu ${template.id} không có kỳ báo cáo để chọn (các cột của nó cố định); hãy bỏ --period.`,
      en: `Template ${template.id} has no reporting period to choose (its columns are fixed); leave out --period.`,
    });
  const chosen = period.trim().toLowerCase();
  if (!isReportingPeriod(chosen) || !offered.includes(chosen))
    throw new UsageError({
      vi: `--period của mẫu ${template.id} là một trong: ${list}; không phải "${period}".`,
      en: `--period for template ${template.id} is one of: ${list}; not "${period}".`,
    });
  return templateForPeriod(template, chosen);
}

function createdText(file: string, t: Template, year: number, sheet: string, lang: Lang): string {
  // The form and its period, as officers name them; the template id is for --json and `annex templates`.
  const form = formTitle({ form: t.form, year, ...(t.period ? { period: t.period } : {}) }, lang);
  return lang === "vi"
    ? `Đã tạo ${file}: ${form}, ${t.indicators.length} chỉ tiêu, trang tính "${sheet}".`
    : `Created ${file}: ${form}, ${t.indicators.length} indicators, sheet "${sheet}".`;
}

/** A targets file made for another year, province or template is refused, not silently left out. */
function refuseTargets(targets: TargetsFile, t: Template, year: number, title: string[]): void {
  const fit = targetsForAnnex(targets, t, year, title);
  if (fit.ok) return;
  const what = `${targets.origin} (${targets.province}, ${targets.year})`;
  const why = {
    year: {
      vi: `tệp là chỉ tiêu năm ${targets.year}, biểu là năm ${year} (--year)`,
      en: `the file holds ${targets.year}'s targets, the annex is for ${year} (--year)`,
    },
    province: {
      vi: `tệp là chỉ tiêu của ${targets.province}, biểu ghi "${fit.found}" (--authority, --unit)`,
      en: `the file holds ${targets.province}'s targets, the annex says "${fit.found}" (--authority, --unit)`,
    },
    template: {
      vi: `tệp dành cho mẫu ${targets.template ?? ""}, không phải ${t.id} (--template)`,
      en: `the file is for template ${targets.template ?? ""}, not ${t.id} (--template)`,
    },
  }[fit.problem];
  throw new UsageError({
    vi: `Không dùng được tệp chỉ tiêu ${what}: ${why.vi}.`,
    en: `The targets file ${what} does not fit: ${why.en}.`,
  });
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

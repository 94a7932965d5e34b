import JSZip from "jszip";
import {
  buildAnnexLayout,
  builtInTemplates,
  findTemplate,
  reportingUnit,
  Template,
  templateForPeriod,
  toA1,
} from "../../domain";
import { CarriedFigure, rollover } from "../../domain/rollover";
import { SheetReadings } from "../../domain/sheet/columnReadings";
import { writeEmbeddedTemplate } from "../../adapters/xlsx/embeddedTemplates";
import { refuseExisting, writeBytes } from "../../adapters/xlsx/workbookFile";
import type { TemplateInput } from "../../domain/template/schema";
import { EXIT, Io, Lang, UsageError } from "../io";
import { COMMON, langOf, loadTemplates, localeOf, parse, sheetNameOf, yearOf } from "../options";
import { analyzeFile } from "../workbooks";
import { newAnnexWorkbook } from "./newAnnex";

export const ROLLOVER_USAGE = {
  vi: "annex rollover TỆP.xlsx --year NĂM_SAU -o TỆP_MỚI.xlsx [--sheet TÊN] [--template TỆP.json]",
  en: "annex rollover FILE.xlsx --year NEXT_YEAR -o NEW.xlsx [--sheet NAME] [--template FILE.json]",
};

const OPTIONS = {
  ...COMMON,
  year: { type: "string" },
  sheet: { type: "string" },
  output: { type: "string", short: "o" },
} as const;

/** What a draft cell's note says: an estimate standing in for the official actual. */
const DRAFT_NOTE = (what: string) =>
  `Số ${what}: bản nháp từ ước thực hiện của biểu năm trước, cần cập nhật số chính thức.\n\nDraft from last year's estimate: replace it with the official figure.`;

/**
 * annex rollover — next year's annex from this year's (issue #21): the same form, title block and
 * department, and each figure that means the same thing next year in its new place ("KH năm N+1"
 * becomes "KH năm N"), this year's full-year estimate as next year's actual of the year before, marked
 * as a draft. Every carried figure is listed. The workbook's bytes depend on its content only, so a
 * second rollover of the same file gives the same bytes.
 */
export async function rolloverCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const lang = langOf(values.lang);
  const locale = localeOf(values.locale);
  const [file] = positionals;
  if (!file || positionals.length > 1)
    throw new UsageError({
      vi: "Cần đúng một tệp .xlsx (biểu năm nay).",
      en: "Give exactly one .xlsx file (this year's annex).",
    });
  if (values.year === undefined)
    throw new UsageError({
      vi: "Thiếu --year (năm của biểu mới).",
      en: "--year is missing (the new annex's year).",
    });
  if (values.output === undefined)
    throw new UsageError({
      vi: "Thiếu -o TỆP.xlsx (biểu năm sau sẽ ghi).",
      en: "-o FILE.xlsx is missing (next year's annex to write).",
    });
  const next = yearOf(values.year);
  const output = values.output;
  await refuseExisting(output);
  const sheet = sheetNameOf(values.sheet);
  const templates = (await loadTemplates(values.template)).map((t) => t.template);
  const { analysis, snapshots } = await analyzeFile(file, {
    templates,
    locale,
    cellsOnly: true,
    ...(sheet !== undefined ? { sheet } : {}),
  });
  const found = analysis.sheets.find((a) => a.annex);
  const snapshot = found && snapshots.find((s) => s.name === found.sheet);
  const annex = found?.annex;
  if (!annex || !snapshot)
    throw new UsageError({
      vi: `"${file}" không có biểu chỉ tiêu nào được nhận biết.`,
      en: `"${file}" holds no recognised indicator annex.`,
    });
  if (next !== annex.year + 1)
    throw new UsageError({
      vi: `Trang tính "${found.sheet}" là biểu năm ${annex.year}; biểu năm sau là năm ${annex.year + 1}, không phải ${next}.`,
      en: `Sheet "${found.sheet}" is the annex for ${annex.year}; next year's is ${annex.year + 1}, not ${next}.`,
    });

  const plan = rollover(annex, new SheetReadings(snapshot, annex.rows, locale));
  const whole = wholeTemplate(annex.template, templates, annex.period);
  const title = reportingUnit(snapshot, annex.headerRow);
  const department = snapshot.metadata?.department;
  const options = {
    year: next,
    ...(title.authority ? { authority: title.authority } : {}),
    ...(title.unit ? { unitName: title.unit } : {}),
    ...(department ? { department } : {}),
  };
  const workbook = await newAnnexWorkbook({ template: whole, ...options });
  // A province's own form (learned, or kept in this year's file) travels on to next year's (#20, #21).
  const ownForm = !builtInTemplates().some((b) => b.id === whole.id && b.version === whole.version);
  if (ownForm) writeEmbeddedTemplate(workbook, whole as TemplateInput);
  const layout = buildAnnexLayout(whole, options);
  const ws = workbook.worksheets[0];
  const colOf = new Map(whole.columns.map((c, i) => [c.id, i]));
  const written: Array<CarriedFigure & { cell: string }> = [];
  for (const f of plan.carried) {
    const row = layout.rowOf.get(f.code);
    const col = colOf.get(f.to);
    if (row === undefined || col === undefined) continue;
    const cell = ws.getCell(row + 1, col + 1);
    cell.value = f.value;
    if (f.draft) cell.note = DRAFT_NOTE(f.what.vi.split(" → ")[1] ?? "");
    written.push({ ...f, cell: toA1(row, col) });
  }
  // The same content gives the same bytes: fixed dates in the workbook and in its zip.
  const fixed = new Date(Date.UTC(next, 0, 1));
  workbook.created = fixed;
  workbook.modified = fixed;
  await writeBytes(
    output,
    await stableZip(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), fixed)
  );
  io.out(rolloverReport(file, output, annex.year, next, ws.name, written, plan.empty, lang));
  if (ownForm)
    io.out(
      lang === "vi"
        ? `Mẫu biểu riêng của tỉnh (${whole.form}) được giữ trong ${output}, như trong tệp năm nay.`
        : `The province's own form (${whole.form}) is kept inside ${output}, as in this year's file.`
    );
  return EXIT.ok;
}

/** The catalog's (or the province's) template the sheet follows, whole, for the period it was made for. */
function wholeTemplate(
  located: Template,
  templates: readonly Template[],
  period: Template["period"]
): Template {
  const base = templates.find((t) => t.id === located.id) ?? findTemplate(located.id) ?? located;
  return period ? templateForPeriod(base, period) : base;
}

/** The .xlsx again with every entry dated `date`: ExcelJS dates them with the time of writing. */
async function stableZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    out.file(name, await entry.async("uint8array"), { date, createFolders: false });
  }
  return out.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
}

function rolloverReport(
  file: string,
  output: string,
  year: number,
  next: number,
  sheet: string,
  written: ReadonlyArray<CarriedFigure & { cell: string }>,
  empty: ReadonlyArray<{ vi: string; en: string }>,
  lang: Lang
): string {
  const drafts = written.filter((w) => w.draft).length;
  const out = [
    lang === "vi"
      ? `Đã lập biểu năm ${next} từ biểu năm ${year} (${file}): ${output}, trang tính "${sheet}". Chuyển ${written.length} số, trong đó ${drafts} số là bản nháp (ước thực hiện thay cho số thực hiện: cần cập nhật số chính thức).`
      : `Made the ${next} annex from the ${year} one (${file}): ${output}, sheet "${sheet}". Carried ${written.length} figures, ${drafts} of them drafts (an estimate standing for the actual: replace with the official figure).`,
  ];
  for (const w of written)
    out.push(
      `  ${w.cell.padEnd(5)} ${w.name} (${w.code}): ${typeof w.value === "number" ? w.value.toLocaleString(lang === "vi" ? "vi-VN" : "en-US") : `"${w.value}"`} — ${w.what[lang]}${
        w.draft ? (lang === "vi" ? " (bản nháp)" : " (draft)") : ""
      }`
    );
  out.push(
    lang === "vi"
      ? `Để trống (nhập năm ${next}): ${empty.map((e) => e.vi).join(", ")}. Không chuyển: Ghi chú, giải trình, các cột tính toán (annex fill tính lại).`
      : `Left empty (to fill in ${next}): ${empty.map((e) => e.en).join(", ")}. Not carried: notes, explanations, the derived columns (annex fill computes them again).`
  );
  return out.join("\n");
}

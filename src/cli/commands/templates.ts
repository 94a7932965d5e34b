import { Io, EXIT } from "../io";
import { COMMON, langOf, loadTemplates, parse } from "../options";
import { renderTable } from "../table";

export const TEMPLATES_USAGE = {
  vi: "annex templates [--template TỆP.json|THƯ_MỤC] [--lang vi|en]",
  en: "annex templates [--template FILE.json|FOLDER] [--lang vi|en]",
};

/** annex templates — the built-in templates and any custom ones given with --template. */
export async function templatesCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = parse(args, COMMON);
  const lang = langOf(values.lang);
  const templates = await loadTemplates(values.template);
  const rows = templates.map(({ template: t, source }) => [
    t.id,
    t.version,
    t.form,
    // Year tokens shown as Y, Y-1…: the year is chosen when the annex is made (--year).
    t.title[lang].replace(/\{(Y(?:[+-]\d+)?)\}/g, "$1"),
    t.yearMeaning[lang],
    `${t.indicators.length}`,
    source === "built-in" ? (lang === "vi" ? "có sẵn" : "built-in") : source,
  ]);
  const header =
    lang === "vi"
      ? ["Mã mẫu", "Phiên bản", "Biểu", "Tên", "Năm Y (--year)", "Số chỉ tiêu", "Nguồn"]
      : ["Template id", "Version", "Form", "Title", "Year Y (--year)", "Indicators", "Source"];
  io.out(renderTable(header, rows, io.width, [0, 6]));
  return EXIT.ok;
}

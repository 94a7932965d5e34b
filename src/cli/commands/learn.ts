import {
  readEmbeddedTemplates,
  writeEmbeddedTemplate,
} from "../../adapters/xlsx/embeddedTemplates";
import { readMetadata, METADATA_SHEET, writeMetadata } from "../../adapters/xlsx/metadata";
import { workbookSnapshots } from "../../adapters/xlsx/readSheet";
import {
  readWorkbook,
  refuseExisting,
  saveWorkbook,
  WorkbookFileError,
  writeBytes,
} from "../../adapters/xlsx/workbookFile";
import { learnTemplate, LearnNote, LearnResult, templateHash } from "../../domain/learn";
import { directionWord, kindWord } from "../../domain/learn/kinds";
import { Indicator, Template } from "../../domain";
import { EXIT, Io, Lang, UsageError } from "../io";
import { COMMON, langOf, localeOf, parse, sheetNameOf } from "../options";
import { renderTable } from "../table";

export const LEARN_USAGE = {
  vi: "annex learn TỆP.xlsx [--sheet TÊN] [-o MẪU.json] [--embed] [--id MÃ] [--version 1.1.0] [--lang vi|en]",
  en: "annex learn FILE.xlsx [--sheet NAME] [-o TEMPLATE.json] [--embed] [--id ID] [--version 1.1.0] [--lang vi|en]",
};

const OPTIONS = {
  ...COMMON,
  sheet: { type: "string" },
  output: { type: "string", short: "o" },
  embed: { type: "boolean" },
  id: { type: "string" },
  version: { type: "string" },
} as const;

type Learned = Extract<LearnResult, { ok: true }>;

/**
 * annex learn — the template of the officer's own sheet (issue #20): prints the rows learned, each
 * relation with its evidence, and the questions; -o writes it as JSON, --embed keeps it in the
 * workbook (with the sheet's metadata) so a plain `annex check FILE.xlsx` uses it. Exit 0 when a
 * template was learned, 2 when no annex-like table was found (saying what was looked for).
 */
export async function learnCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const lang = langOf(values.lang);
  const locale = localeOf(values.locale);
  const sheet = sheetNameOf(values.sheet);
  if (positionals.length !== 1)
    throw new UsageError({
      vi: "Cần đúng một tệp .xlsx để học mẫu.",
      en: "Give exactly one .xlsx file to learn from.",
    });
  if (values.id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(values.id))
    throw new UsageError({
      vi: `--id "${values.id}" không dùng được: mã mẫu chỉ gồm chữ thường không dấu, số và dấu -.`,
      en: `--id "${values.id}" cannot be used: a template id is lower-case letters, digits and -.`,
    });
  if (values.version !== undefined && !/^\d+\.\d+\.\d+$/.test(values.version))
    throw new UsageError({
      vi: `--version "${values.version}" không dùng được: phiên bản viết dạng 1.2.0.`,
      en: `--version "${values.version}" cannot be used: a version is written like 1.2.0.`,
    });
  const [file] = positionals;
  if (values.output !== undefined) await refuseExisting(values.output);
  const opened = await readWorkbook(file, { cellsOnly: !values.embed });
  const snapshots = workbookSnapshots(opened.workbook, sheet);
  if (sheet !== undefined && !snapshots.length) {
    const names = opened.workbook.worksheets
      .filter((ws) => ws.name !== METADATA_SHEET)
      .map((ws) => `"${ws.name}"`)
      .join(", ");
    throw new WorkbookFileError("no-sheet", file, {
      vi: `Tệp "${file}" không có trang tính "${sheet}" (có: ${names}).`,
      en: `"${file}" has no sheet "${sheet}" (it has: ${names}).`,
    });
  }
  // --id and --version name a province's form and its changes: the same id in a new version is
  // the same form changed (merge then reports files of the old version instead of mixing them).
  const options = {
    locale,
    ...(values.id !== undefined ? { id: values.id } : {}),
    ...(values.version !== undefined ? { version: values.version } : {}),
  };
  const tried = snapshots.map((s) => learnTemplate(s, options));
  const result = tried.find((r): r is Learned => r.ok);
  if (!result) {
    const why = tried.map((r) => (r.ok ? "" : r[lang])).filter(Boolean);
    io.err(
      [
        lang === "vi"
          ? `Không học được mẫu từ "${file}".`
          : `No template could be learned from "${file}".`,
        ...why.map((w) => `  ${w}`),
      ].join("\n")
    );
    return EXIT.failed;
  }
  io.out(report(result, file, lang, io.width));

  if (values.output !== undefined) {
    await writeBytes(values.output, Buffer.from(JSON.stringify(result.data, null, 2) + "\n"));
    io.out(
      lang === "vi" ? `Đã ghi mẫu vào ${values.output}.` : `Wrote the template to ${values.output}.`
    );
  }
  if (values.embed) {
    const hash = templateHash(result.data);
    const kept = readEmbeddedTemplates(opened.workbook).find((e) => e.id === result.data.id);
    const meta = readMetadata(opened.workbook).get(result.sheet);
    const same =
      kept?.hash === hash &&
      meta?.templateId === result.data.id &&
      meta.templateVersion === result.data.version &&
      (result.year === undefined || meta.year === result.year);
    if (same) {
      io.out(
        lang === "vi"
          ? `Mẫu ${result.data.id} đã có trong tệp; tệp giữ nguyên.`
          : `The template ${result.data.id} is already in the workbook; the file is unchanged.`
      );
      return EXIT.ok;
    }
    if (opened.unsupported.length) {
      const what = opened.unsupported.map((u) => u[lang]).join(", ");
      throw new WorkbookFileError("unwritable", file, {
        vi: `"${file}" có ${what}, lưu lại sẽ mất, nên không lưu mẫu vào tệp. Dùng -o MẪU.json rồi annex check --template MẪU.json.`,
        en: `"${file}" holds ${what}, which saving it again would lose, so the template was not kept in it. Use -o TEMPLATE.json, then annex check --template TEMPLATE.json.`,
      });
    }
    writeEmbeddedTemplate(opened.workbook, result.data);
    if (result.year !== undefined)
      writeMetadata(opened.workbook, result.sheet, {
        templateId: result.data.id,
        templateVersion: result.data.version,
        year: result.year,
      });
    await saveWorkbook(opened.workbook, file);
    io.out(
      lang === "vi"
        ? `Đã lưu mẫu ${result.data.id} ${result.data.version} vào ${file}: từ nay "annex check ${file}" dùng mẫu này, không cần tệp JSON.`
        : `Kept the template ${result.data.id} ${result.data.version} in ${file}: "annex check ${file}" now uses it, with no JSON file.`
    );
  }
  return EXIT.ok;
}

function relationText(ind: Indicator, t: Template, lang: Lang): string {
  const name = (code: string) => {
    const o = t.indicators.find((i) => i.code === code);
    return o ? `${o.label ? `${o.label} ` : ""}${o.name.vi}` : code;
  };
  return ind.relations
    .map((r) => {
      if (r.type === "sum")
        return lang === "vi" ? `= tổng ${r.of.join(" + ")}` : `= sum of ${r.of.join(" + ")}`;
      if (r.type === "partOf") return lang === "vi" ? `một phần của ${r.of}` : `part of ${r.of}`;
      if (r.type === "ratio")
        return `= ${r.numerator} / ${r.denominator} × 100 (${name(r.numerator)} / ${name(r.denominator)})`;
      return lang === "vi" ? `mức giảm của ${r.of}` : `reduction of ${r.of}`;
    })
    .join("; ");
}

function noteLine(n: LearnNote, lang: Lang): string {
  return `  ${n.code !== undefined ? `[${n.code}] ` : ""}${n[lang]}`;
}

function report(r: Learned, file: string, lang: Lang, width: number): string {
  const t = r.template;
  const inputs = t.columns.filter((c) => c.role === "input").length;
  const head =
    lang === "vi"
      ? `Trang tính "${r.sheet}" của ${file}: học được mẫu ${t.id} ${t.version}, ${t.indicators.length} chỉ tiêu, ${inputs} cột số liệu${r.year !== undefined ? `, năm ${r.year}` : ""}.`
      : `Sheet "${r.sheet}" of ${file}: learned template ${t.id} ${t.version}, ${t.indicators.length} indicators, ${inputs} figure columns${r.year !== undefined ? `, year ${r.year}` : ""}.`;
  const header =
    lang === "vi"
      ? ["Mã", "STT", "Chỉ tiêu", "ĐVT", "Loại", "Chiều", "Quan hệ"]
      : ["Code", "No.", "Indicator", "Unit", "Kind", "Direction", "Relations"];
  // A guess the officer is asked about is marked "?" where it shows.
  const asked = (code: string, field: LearnNote["field"]) =>
    r.questions.some((q) => q.code === code && q.field === field) ? " ?" : "";
  const rows = t.indicators.map((ind) => [
    ind.code,
    ind.label ?? ind.code,
    `${"  ".repeat(ind.level)}${ind.name.vi}`,
    ind.unit,
    kindWord(ind.kind)[lang] + asked(ind.code, "kind"),
    directionWord(ind.direction)[lang] + asked(ind.code, "direction"),
    relationText(ind, t, lang) + asked(ind.code, "relation"),
  ]);
  const relations = r.evidence.filter((e) => e.field === "relation");
  const lines = [head, "", renderTable(header, rows, width, [0, 1])];
  lines.push(
    "",
    lang === "vi"
      ? `Câu hỏi cần cán bộ xác nhận (${r.questions.length}):`
      : `Questions for the officer (${r.questions.length}):`,
    ...r.questions.map((q) => noteLine(q, lang))
  );
  lines.push(
    "",
    lang === "vi"
      ? `Căn cứ của các quan hệ (${relations.length}):`
      : `Evidence for the relations (${relations.length}):`,
    ...relations.map((e) => noteLine(e, lang))
  );
  return lines.join("\n");
}

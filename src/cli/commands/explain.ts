import { writeExplanations } from "../../adapters/xlsx/metadata";
import { saveWorkbook, WorkbookFileError } from "../../adapters/xlsx/workbookFile";
import { withWorkbookLock } from "../../adapters/xlsx/workbookLock";
import {
  Analysis,
  explainFinding,
  explanationKey,
  Finding,
  findingKey,
  sameExplanation,
  SheetSnapshot,
  withExplanation,
} from "../../domain";
import { EXIT, Io, Lang, UsageError } from "../io";
import { COMMON, langOf, loadTemplates, localeOf, parse, sheetNameOf } from "../options";
import { analyzeFile } from "../workbooks";

export const EXPLAIN_USAGE = {
  vi: 'annex explain TỆP.xlsx --cell G42 --rule change.large --reason "LÝ DO" [--by "NGƯỜI"] [--sheet TÊN] [--withdraw]',
  en: 'annex explain FILE.xlsx --cell G42 --rule change.large --reason "REASON" [--by "NAME"] [--sheet NAME] [--withdraw]',
};

const OPTIONS = {
  ...COMMON,
  sheet: { type: "string" },
  cell: { type: "string" },
  rule: { type: "string" },
  reason: { type: "string" },
  by: { type: "string" },
  withdraw: { type: "boolean" },
} as const;

/**
 * annex explain — accepts a finding with a reason (giải trình). The explanation is kept in the
 * workbook beside the annex metadata, with a fingerprint of the finding's figures: `annex check` lists
 * the finding apart and does not count it until one of those figures changes. Run twice with the same
 * arguments, the second run writes nothing. --withdraw takes an explanation back.
 */
export async function explainCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const lang = langOf(values.lang);
  if (positionals.length !== 1)
    throw new UsageError({ vi: "Cần đúng một tệp .xlsx.", en: "Give exactly one .xlsx file." });
  const cell = values.cell?.trim().replace(/\$/g, "").toUpperCase();
  if (!cell || !/^[A-Z]{1,3}[1-9]\d*$/.test(cell))
    throw new UsageError({
      vi: `--cell cần địa chỉ một ô, ví dụ --cell G42${values.cell ? ` (không phải "${values.cell}")` : ""}.`,
      en: `--cell takes one cell's address, e.g. --cell G42${values.cell ? ` (not "${values.cell}")` : ""}.`,
    });
  const ruleId = values.rule?.trim();
  if (!ruleId)
    throw new UsageError({
      vi: "Cần --rule: mã quy tắc của phát hiện, ví dụ --rule change.large (xem annex check).",
      en: "Give --rule: the finding's rule id, e.g. --rule change.large (see annex check).",
    });
  const reason = values.reason?.trim() ?? "";
  if (!values.withdraw && !reason)
    throw new UsageError({
      vi: 'Cần --reason "…": lý do giải trình, bằng lời của anh/chị.',
      en: 'Give --reason "…": why the finding is right, in your own words.',
    });
  const sheet = sheetNameOf(values.sheet);
  const file = positionals[0];
  const templates = (await loadTemplates(values.template)).map((t) => t.template);
  // The lock first, then the read: the explanations merged are the ones in the file now (issue #19).
  return withWorkbookLock(file, values.withdraw ? "explain --withdraw" : "explain", async () => {
    const { opened, analysis, snapshots } = await analyzeFile(file, {
      templates,
      locale: localeOf(values.locale),
      ...(sheet !== undefined ? { sheet } : {}),
    });

    const key = explanationKey({ ruleId, cell });
    const matches = analysis.sheets.filter((a) =>
      sheetFindings(a).some((f) => findingKey(f) === key)
    );
    const storedOn = analysis.sheets.filter((a) => storedKeys(a).has(key));
    if (values.withdraw) {
      const on = storedOn.length ? storedOn : matches;
      if (on.length !== 1 || !storedKeys(on[0]).has(key)) {
        if (on.length > 1) return ambiguous(on, io, lang);
        io.err(
          lang === "vi"
            ? `Không có giải trình nào cho quy tắc ${ruleId} ở ô ${cell}; tệp giữ nguyên.`
            : `There is no explanation for rule ${ruleId} at cell ${cell}; the file is unchanged.`
        );
        return EXIT.failed;
      }
      const a = on[0];
      const stored = storedList(a);
      writeExplanations(opened.workbook, a.sheet, withExplanation(stored, { ruleId, cell }));
      await save(opened, file, lang);
      io.out(
        lang === "vi"
          ? `Đã rút giải trình ${ruleId} ở ô ${cell} (trang tính "${a.sheet}"); phát hiện này lại được tính.`
          : `Withdrew the explanation of ${ruleId} at cell ${cell} (sheet "${a.sheet}"); the finding counts again.`
      );
      return EXIT.ok;
    }

    if (matches.length > 1) return ambiguous(matches, io, lang);
    if (!matches.length) {
      const here = analysis.sheets.flatMap((a) =>
        sheetFindings(a)
          .filter((f) => f.cells.some((c) => c.toUpperCase() === cell))
          .map((f) => ({ sheet: a.sheet, f }))
      );
      const list = here.map(
        ({ sheet, f }) =>
          `  ${f.ruleId} (${lang === "vi" ? "ô" : "cell"} ${f.cells[0]}, ${lang === "vi" ? "trang tính" : "sheet"} "${sheet}"): ${f.message[lang]}`
      );
      io.err(
        (lang === "vi"
          ? `Không có phát hiện ${ruleId} nào ở ô ${cell}; tệp giữ nguyên.`
          : `There is no ${ruleId} finding at cell ${cell}; the file is unchanged.`) +
          "\n" +
          (list.length
            ? (lang === "vi"
                ? "Các phát hiện có liên quan đến ô này (dùng mã quy tắc và ô đầu tiên):\n"
                : "Findings that involve this cell (use the rule id and the first cell):\n") +
              list.join("\n")
            : lang === "vi"
              ? "Ô này không có phát hiện nào."
              : "This cell has no findings.")
      );
      return EXIT.failed;
    }

    const a = matches[0];
    const finding = sheetFindings(a).find((f) => findingKey(f) === key) as Finding;
    // The sheet as analyzeFile read it (the finding's figures come from it), not read a second time.
    const snapshot = snapshots.find((s) => s.name === a.sheet) as SheetSnapshot;
    const explanation = explainFinding(finding, snapshot, a.annex, {
      reason,
      date: today(),
      ...(values.by ? { by: values.by } : {}),
    });
    // The explanations as they read now (moved with their indicators' rows), this finding's among them.
    const stored = storedList(a);
    const existing = [
      ...(a.explanations?.explained ?? []),
      ...(a.explanations?.reopened ?? []),
    ].find((x) => x.finding === finding)?.explanation;
    if (existing && sameExplanation(existing, explanation)) {
      io.out(
        lang === "vi"
          ? `Ô ${cell} đã có giải trình này (${existing.date}); tệp giữ nguyên.`
          : `Cell ${cell} already has this explanation (${existing.date}); the file is unchanged.`
      );
      return EXIT.ok;
    }
    writeExplanations(opened.workbook, a.sheet, withExplanation(stored, explanation, explanation));
    await save(opened, file, lang);
    const figures = Object.keys(explanation.figures).join(", ");
    io.out(
      lang === "vi"
        ? `Đã ${existing ? "thay" : "ghi"} giải trình cho ${ruleId} ở ô ${cell} (trang tính "${a.sheet}"). ` +
            `Phát hiện này không còn được tính, cho đến khi số liệu ở ${figures} thay đổi.`
        : `${existing ? "Replaced" : "Saved"} the explanation of ${ruleId} at cell ${cell} (sheet "${a.sheet}"). ` +
            `The finding no longer counts, until a figure in ${figures} changes.`
    );
    return EXIT.ok;
  });
}

/** A sheet's findings, open and explained: either may be explained (again). */
function sheetFindings(a: Analysis): readonly Finding[] {
  return [...a.findings, ...(a.explanations?.explained.map((x) => x.finding) ?? [])];
}

function storedList(a: Analysis) {
  const s = a.explanations;
  return s
    ? [
        ...s.explained.map((x) => x.explanation),
        ...s.reopened.map((x) => x.explanation),
        ...s.stale,
        ...s.unplaced.map((x) => x.explanation),
      ]
    : [];
}

function storedKeys(a: Analysis): Set<string> {
  return new Set(storedList(a).map(explanationKey));
}

function ambiguous(on: readonly Analysis[], io: Io, lang: Lang): number {
  const names = on.map((a) => `"${a.sheet}"`).join(", ");
  io.err(
    lang === "vi"
      ? `Ô này có phát hiện trên nhiều trang tính (${names}); hãy chọn một bằng --sheet. Tệp giữ nguyên.`
      : `This cell has the finding on several sheets (${names}); choose one with --sheet. The file is unchanged.`
  );
  return EXIT.failed;
}

async function save(
  opened: Awaited<ReturnType<typeof analyzeFile>>["opened"],
  file: string,
  lang: Lang
): Promise<void> {
  if (opened.unsupported.length) {
    const what = opened.unsupported.map((u) => u[lang]).join(", ");
    throw new WorkbookFileError("unwritable", file, {
      vi: `Tệp "${file}" có ${what}; ghi lại tệp này sẽ làm mất chúng, nên giải trình chưa được ghi. Hãy giải trình trong Excel (ngăn Biểu chỉ tiêu, thẻ Kiểm tra).`,
      en: `"${file}" holds ${what}, which saving it again would lose, so the explanation was not saved. Explain the finding in Excel (the Biểu chỉ tiêu pane, Kiểm tra tab).`,
    });
  }
  await saveWorkbook(opened.workbook, file);
}

/** Today's date where the command runs, ISO 8601. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

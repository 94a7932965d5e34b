import { problemLines, TemplateError } from "../domain";
import { WorkbookFileError } from "../adapters/xlsx/workbookFile";
import { checkCommand, CHECK_USAGE } from "./commands/check";
import { explainCommand, EXPLAIN_USAGE } from "./commands/explain";
import { fillCommand, FILL_USAGE } from "./commands/fill";
import { learnCommand, LEARN_USAGE } from "./commands/learn";
import { mergeCommand, MERGE_USAGE } from "./commands/merge";
import { newCommand, NEW_USAGE } from "./commands/newAnnex";
import { rolloverCommand, ROLLOVER_USAGE } from "./commands/rollover";
import { templatesCommand, TEMPLATES_USAGE } from "./commands/templates";
import { consoleIo, EXIT, Io, Lang, UsageError, watchClosedPipes } from "./io";

/** annex — the sector-indicator annex on the command line. */
const COMMANDS: Record<string, (args: readonly string[], io: Io) => Promise<number>> = {
  templates: templatesCommand,
  new: newCommand,
  check: checkCommand,
  fill: fillCommand,
  explain: explainCommand,
  merge: mergeCommand,
  learn: learnCommand,
  rollover: rolloverCommand,
};

export function usage(lang: Lang): string {
  const lines = [
    TEMPLATES_USAGE,
    NEW_USAGE,
    CHECK_USAGE,
    FILL_USAGE,
    EXPLAIN_USAGE,
    MERGE_USAGE,
    LEARN_USAGE,
    ROLLOVER_USAGE,
  ].map((u) => `  ${u[lang]}`);
  const common =
    lang === "vi"
      ? [
          "Tuỳ chọn chung: --lang vi|en (ngôn ngữ thông báo), --locale vi-VN|en-US (cách viết số dạng văn bản trong tệp),",
          "  --template TỆP.json|THƯ_MỤC (mẫu biểu riêng của tỉnh, dùng trước các mẫu có sẵn).",
          "Mã thoát: 0 không có lỗi; 1 biểu có lỗi; 2 không làm được (tệp không đọc/ghi được, tham số sai);",
          "  3 lỗi không lường trước của công cụ (ANNEX_DEBUG=1 để xem chi tiết).",
        ]
      : [
          "Common options: --lang vi|en (message language), --locale vi-VN|en-US (how figures typed as text are written),",
          "  --template FILE.json|FOLDER (a province's own templates, used before the built-in ones).",
          "Exit status: 0 no errors; 1 an annex has errors; 2 could not do the job (file unreadable/unwritable, bad arguments);",
          "  3 an unexpected failure of the tool's own (ANNEX_DEBUG=1 shows details).",
        ];
  return [lang === "vi" ? "Cách dùng:" : "Usage:", ...lines, "", ...common].join("\n");
}

/** The one line that follows a mistake in how `annex` was called, instead of the whole usage. */
export const HELP_HINT = {
  vi: "annex --help để xem cách dùng.",
  en: "See annex --help for usage.",
} as const;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  // The language of usage errors, before the command's own options are parsed.
  const at = argv.indexOf("--lang");
  const lang: Lang = (at >= 0 && argv[at + 1] === "en") || argv.includes("--lang=en") ? "en" : "vi";
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command || args.includes("--help") || args.includes("-h")) {
    const asked = name === undefined || name === "help" || name === "--help" || name === "-h";
    if (!asked && !command) {
      const names = Object.keys(COMMANDS).join(", ");
      io.err(
        lang === "vi"
          ? `Không có lệnh "${name}" (các lệnh: ${names}).\n${HELP_HINT.vi}`
          : `There is no command "${name}" (commands: ${names}).\n${HELP_HINT.en}`
      );
      return EXIT.failed;
    }
    io.out(usage(lang));
    return EXIT.ok;
  }
  try {
    return await command(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.text[lang]}\n${HELP_HINT[lang]}`);
      return EXIT.failed;
    }
    if (e instanceof WorkbookFileError) {
      io.err(e.text[lang]);
      return EXIT.failed;
    }
    if (e instanceof TemplateError) {
      io.err(
        (lang === "vi"
          ? `Mẫu biểu ${e.source} không hợp lệ:`
          : `Template ${e.source} is invalid:`) +
          "\n" +
          problemLines(e.problems, lang)
            .map((l) => `  ${l}`)
            .join("\n")
      );
      return EXIT.failed;
    }
    throw e;
  }
}

/** Entry point of the `annex` bin. */
export function run(): void {
  watchClosedPipes();
  main(process.argv.slice(2), consoleIo).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      // A fault of ours, not of the user's input: said in words, the trace only when asked for.
      const detail = e instanceof Error ? e.message : String(e);
      consoleIo.err(
        `Lỗi không lường trước: ${detail}. Xin gửi lệnh và tệp này cho nhóm phát triển (ANNEX_DEBUG=1 để xem chi tiết).\n` +
          `Unexpected error: ${detail}. Please send the command and the file to the developers (ANNEX_DEBUG=1 shows details).`
      );
      if (process.env.ANNEX_DEBUG) console.error(e);
      process.exitCode = EXIT.unexpected;
    }
  );
}

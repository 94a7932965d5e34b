import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { buildAnnexLayout, findTemplate, SampleFigures, samplePlan } from "../domain";
import { applyWritePlan } from "../adapters/xlsx/applyPlan";
import { readWorkbook, saveWorkbook } from "../adapters/xlsx/workbookFile";
import langSon from "../samples/bieu-01-lang-son-2023.json";
import { consoleIo, Io } from "./io";
import { main } from "./main";

/**
 * npm run demo — Biểu 01 for 2023 of Lạng Sơn, made, typed in, filled and checked with the same
 * commands a user runs. The workbook is left in out/demo/ (git-ignored) to open in Excel or LibreOffice.
 */
export async function demo(io: Io, folder = path.join("out", "demo")): Promise<number> {
  // Lạng Sơn's own 2023 targets, cited from its plan (seed 000): the province's file, not the form's.
  const targets = path.relative(process.cwd(), sampleTargetsFile());
  const sample = langSon as SampleFigures;
  const template = findTemplate(sample.templateId);
  if (!template)
    throw new Error(`the sample's template ${sample.templateId} is not in the catalog`);
  const file = path.join(folder, "bieu-01-lang-son-2023.xlsx");
  await fs.mkdir(folder, { recursive: true });
  await fs.rm(file, { force: true });

  const annex = async (...args: string[]) => {
    io.out(`\n$ annex ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}`);
    return main(args, io);
  };
  const made = await annex(
    "new",
    "--template",
    template.id,
    "--year",
    String(sample.year),
    "--authority",
    sample.authority ?? "",
    "--unit",
    sample.unitName ?? "",
    "--targets",
    targets,
    "-o",
    file
  );
  if (made !== 0) return made;

  // What a department officer would type: the brief's figures, plans written as text included.
  const opened = await readWorkbook(file);
  const layout = buildAnnexLayout(template, { year: sample.year });
  const typed = applyWritePlan(opened.workbook.worksheets[0], samplePlan(layout, template, sample));
  await saveWorkbook(opened.workbook, file);
  io.out(`\n(Nhập ${typed} ô số liệu mẫu của Sở LĐTBXH Lạng Sơn / typed ${typed} sample cells)`);

  await annex("fill", file, "--targets", targets);
  await annex("fill", file, "--targets", targets); // a second run finds nothing to write
  const checked = await annex("check", file, "--targets", targets);
  io.out(`\n→ ${path.resolve(file)}`);
  return checked;
}

/** src/samples/targets/lang-son-2023.json, found from this file whether it runs from src/ or dist/. */
function sampleTargetsFile(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "src", "samples", "targets", "lang-son-2023.json");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error("src/samples/targets/lang-son-2023.json not found");
  }
}

if (require.main === module) {
  demo(consoleIo).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 3;
    }
  );
}

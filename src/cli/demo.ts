import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { buildAnnexLayout, findTemplate, SampleFigures, samplePlan } from "../domain";
import { applyWritePlan } from "../adapters/xlsx/applyPlan";
import { readWorkbook, saveWorkbook } from "../adapters/xlsx/workbookFile";
import bieu01 from "../samples/bieu-01-lang-son-2023.json";
import bieu03 from "../samples/bieu-03-lang-son-2022.json";
import { consoleIo, EXIT, Io } from "./io";
import { main } from "./main";

/**
 * npm run demo — two annexes of the Lạng Sơn department made, typed in, filled and checked with the
 * same commands a user runs, each command's exit status shown: Biểu 01 for 2023, whose figures hold
 * (every command exits 0), then Biểu 03 for 2022, whose housing figures are the seed's own, slip
 * included (615 ≠ 537 + 21 + 50 + 11 = 619), so fill and check exit 1 and name it. The demo exits 0
 * when every command ended as expected. The workbooks are left in out/demo/ (git-ignored) to open in
 * Excel or LibreOffice.
 */
export async function demo(io: Io, folder = path.join("out", "demo")): Promise<number> {
  await fs.mkdir(folder, { recursive: true });
  // Lạng Sơn's own 2023 targets, cited from its plan (seed 000): the province's file, not the form's.
  const targets = path.relative(process.cwd(), sampleTargetsFile());
  // new, fill, fill again, check: all clean on Biểu 01; the slip makes fill and check exit 1 on Biểu 03.
  const runs = [
    {
      name: "bieu-01-lang-son-2023",
      heading: {
        vi: "Biểu 01 năm 2023 của Sở LĐTBXH Lạng Sơn",
        en: "Biểu 01 for 2023 of the Lạng Sơn department",
      },
      sample: bieu01 as SampleFigures,
      targets,
      expected: [EXIT.ok, EXIT.ok, EXIT.ok, EXIT.ok],
    },
    {
      name: "bieu-03-lang-son-2022",
      heading: {
        vi: "Biểu 03 năm 2022 (nhà ở người có công), số của Kế hoạch 101/KH-SLĐTBXH: 537/615 hộ đã làm, 21 đang làm, 50 chưa làm, 11 không làm (cộng lại 619, không phải 615)",
        en: "Biểu 03 for 2022 (housing), plan 101/KH-SLĐTBXH's figures: 537 of 615 done, 21 in progress, 50 not started, 11 not doing (619 in all, not 615)",
      },
      sample: bieu03 as SampleFigures,
      targets: undefined,
      expected: [EXIT.ok, EXIT.findings, EXIT.findings, EXIT.findings],
    },
  ];
  let unexpected = 0;
  for (const run of runs) {
    io.out(`\n══ ${run.heading.vi}\n   ${run.heading.en}`);
    const statuses = await annexOf(
      io,
      path.join(folder, `${run.name}.xlsx`),
      run.sample,
      run.targets
    );
    unexpected += run.expected.filter((want, i) => statuses[i] !== want).length;
  }
  unexpected += await todaysStructure(io, folder);
  io.out(
    unexpected === 0
      ? "\nMọi lệnh kết thúc như dự kiến: Biểu 01 không có lỗi (mã 0); Biểu 03 có đúng sai sót của tài liệu gốc (mã 1).\n" +
          "Every command ended as expected: Biểu 01 has no error (status 0); Biểu 03 has the source document's own slip (status 1)."
      : `\n${unexpected} lệnh không kết thúc như dự kiến (xem mã thoát ở trên).\n` +
          `${unexpected} command(s) did not end as expected (see the exit statuses above).`
  );
  return unexpected === 0 ? EXIT.ok : EXIT.findings;
}

/**
 * One annex of the sample: annex new, the sample's figures typed in as an officer would (plans
 * written as text included), annex fill twice (the second run finds nothing to write) and annex
 * check. Returns each command's exit status, in that order; stops after a failed `new`.
 */
async function annexOf(
  io: Io,
  file: string,
  sample: SampleFigures,
  targets: string | undefined
): Promise<number[]> {
  const template = findTemplate(sample.templateId);
  if (!template)
    throw new Error(`the sample's template ${sample.templateId} is not in the catalog`);
  await fs.rm(file, { force: true });
  const withTargets = targets ? ["--targets", targets] : [];
  const annex = async (...args: string[]) => {
    io.out(`\n$ annex ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}`);
    const status = await main(args, io);
    io.out(`(mã thoát / exit status ${status})`);
    return status;
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
    ...withTargets,
    "-o",
    file
  );
  if (made !== EXIT.ok) return [made];

  const opened = await readWorkbook(file);
  const layout = buildAnnexLayout(template, { year: sample.year });
  const typed = applyWritePlan(opened.workbook.worksheets[0], samplePlan(layout, template, sample));
  await saveWorkbook(opened.workbook, file);
  io.out(`\n(Nhập ${typed} ô số liệu mẫu của Sở LĐTBXH Lạng Sơn / typed ${typed} sample cells)`);

  const filled = await annex("fill", file, ...withTargets);
  const refilled = await annex("fill", file, ...withTargets);
  const checked = await annex("check", file, ...withTargets);
  io.out(`→ ${path.resolve(file)}`);
  return [made, filled, refilled, checked];
}

/**
 * Today's structure (issue #21): three communes of Lạng Sơn fill Biểu 01 for 2027 as their Phòng Văn
 * hóa - Xã hội (the sample's figures, illustrative), the province merges them and is told who has not
 * sent, checks the result (the poverty rate of 2027 is under a new standard) and makes the 2028 annex
 * from it. Returns how many commands did not end as expected.
 */
async function todaysStructure(io: Io, folder: string): Promise<number> {
  io.out(
    "\n══ Biểu 01 năm 2027 theo cấu trúc hiện nay: 3 xã, phường của Lạng Sơn gửi, tỉnh tổng hợp (số liệu minh hoạ)\n" +
      "   Biểu 01 for 2027 as things are now: 3 communes of Lạng Sơn send, the province merges (illustrative figures)"
  );
  const template = findTemplate("bieu-01-ke-hoach-nam");
  if (!template) throw new Error("Biểu 01 is not in the catalog");
  const annex = async (...args: string[]) => {
    io.out(`\n$ annex ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}`);
    const status = await main(args, io);
    io.out(`(mã thoát / exit status ${status})`);
    return status;
  };
  const communes = [
    ["huu-lung", "UBND xã Hữu Lũng"],
    ["ky-lua", "UBND phường Kỳ Lừa"],
    ["dong-dang", "UBND xã Đồng Đăng"],
  ];
  const files: string[] = [];
  let unexpected = 0;
  for (const [name, authority] of communes) {
    const file = path.join(folder, `2027-${name}.xlsx`);
    await fs.rm(file, { force: true });
    const made = await annex(
      "new",
      "--template",
      template.id,
      "--year",
      "2027",
      "--department",
      "phong-vh-xh",
      "--authority",
      authority,
      "-o",
      file
    );
    if (made !== EXIT.ok) return unexpected + 1;
    const opened = await readWorkbook(file);
    const layout = buildAnnexLayout(template, { year: 2027 });
    applyWritePlan(
      opened.workbook.worksheets[0],
      samplePlan(layout, template, communeFigures(files.length))
    );
    await saveWorkbook(opened.workbook, file);
    files.push(file);
  }
  io.out("\n(Nhập số liệu mẫu vào 3 tệp / typed the sample's figures into the 3 files)");
  const merged = path.join(folder, "2027-tinh-lang-son.xlsx");
  const next = path.join(folder, "2028-tinh-lang-son.xlsx");
  await fs.rm(merged, { force: true });
  await fs.rm(next, { force: true });
  const statuses = [
    await annex(
      "merge",
      ...files,
      "--province",
      "Lạng Sơn",
      "--authority",
      "UBND tỉnh Lạng Sơn",
      "--unit",
      "Sở Nội vụ",
      "-o",
      merged
    ),
    await annex("rollover", merged, "--year", "2028", "-o", next),
  ];
  unexpected += statuses.filter((s) => s !== EXIT.ok).length;
  io.out(`→ ${path.resolve(merged)}\n→ ${path.resolve(next)}`);
  return unexpected;
}

/**
 * The sample's figures for the k-th commune: the same but for its loan projects (indicator 2, no
 * relation to other rows), so no two communes send the very same figures (the merge counts those once).
 */
function communeFigures(k: number): SampleFigures {
  const sample = bieu01 as SampleFigures;
  const projects = Object.fromEntries(
    Object.entries(sample.values["2"] ?? {}).map(([col, v]) => [
      col,
      typeof v === "number" ? v + k : v,
    ])
  );
  return { ...sample, values: { ...sample.values, "2": projects } };
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
      process.exitCode = EXIT.unexpected;
    }
  );
}

import { promises as fs } from "fs";
import * as path from "path";
import { AnnexSession } from "../../src/app/annexSession";
import { Outcome } from "../../src/app/problems";
import { BrowserWorkbookHost } from "../../src/host/browser/browserWorkbookHost";
import { openSample } from "../../src/host/browser/sampleWorkbook";
import { annex, tempDir } from "../helpers/cli";

/**
 * The targets file in the pane (#17): chosen once through the session, kept with the workbook (in
 * "_annex", so it travels with the file), used by Kiểm tra and Tính cột, refused with --targets' words.
 */
const TARGETS = path.join(__dirname, "../../src/samples/targets/lang-son-2023.json");

function value<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(`expected success, got ${o.problem.code}: ${o.problem.message.en}`);
  return o.value;
}

/** The Lạng Sơn sample in the in-browser workbook, with 15.000 new jobs planned for 2023 (target: 16.000). */
async function sample() {
  const host = new BrowserWorkbookHost();
  const sheet = await openSample(host);
  const session = new AnnexSession(host);
  return { host, sheet, session };
}
const belowTarget = (ids: readonly string[]) => ids.filter((id) => id === "target.below-template");

describe("the targets file through the session (#17)", () => {
  it("is kept in the workbook, used by every check, and travels with the file", async () => {
    const { host, sheet, session } = await sample();
    const jobs = "J11"; // KH năm 2023 of indicator 1
    host.editCell(sheet, jobs, "15000");
    const without = value(await session.check());
    expect(belowTarget(without.findings.map((f) => f.ruleId))).toEqual([]);
    expect(without.targets).toBeUndefined();

    const text = await fs.readFile(TARGETS, "utf8");
    const chosen = value(await session.chooseTargets(text, "lang-son-2023.json"));
    expect(chosen.summary.vi).toBe(
      'Đã lưu tệp chỉ tiêu "lang-son-2023.json" vào sổ tính: Chỉ tiêu của Lạng Sơn năm 2023 (4 chỉ tiêu), lưu trong sổ tính.'
    );
    const hit = chosen.report?.findings.find((f) => f.ruleId === "target.below-template");
    expect(hit?.cells).toEqual([jobs]);
    expect(chosen.report?.targets?.count).toBe(4);

    // Fill writes the evaluation against the province's target too, as annex fill --targets does.
    value(await session.fill());

    // Saved and opened by someone else: the same targets, without choosing them again.
    const bytes = await host.download();
    const other = new BrowserWorkbookHost();
    await other.load(bytes);
    other.activate(sheet);
    const reopened = value(await new AnnexSession(other).check());
    expect(reopened.targets?.summary.en).toBe(
      "Lạng Sơn's targets for 2023 (4 targets), kept in the workbook."
    );
    expect(belowTarget(reopened.findings.map((f) => f.ruleId))).toEqual(["target.below-template"]);

    // The same findings as annex check --targets on the same file.
    const dir = tempDir("annex-pane-targets-");
    const file = path.join(dir, "bieu01.xlsx");
    await fs.writeFile(file, bytes);
    const cli = await annex("check", file, "--targets", TARGETS, "--json");
    type Json = {
      files: Array<{
        sheets: Array<{ findings: Array<{ ruleId: string; message: { vi: string } }> }>;
      }>;
    };
    const fromCli = (JSON.parse(cli.out) as Json).files[0].sheets[0].findings
      .filter((f) => f.ruleId.startsWith("target"))
      .map((f) => f.message.vi);
    expect(fromCli.length).toBeGreaterThan(0);
    expect(
      reopened.findings.filter((f) => f.ruleId.startsWith("target")).map((f) => f.message.vi)
    ).toEqual(fromCli);

    // Removed: the next check follows the template alone, and the workbook keeps no targets.
    const removed = value(await session.removeTargets());
    expect(removed.targets).toBeUndefined();
    expect(belowTarget(removed.report?.findings.map((f) => f.ruleId) ?? [])).toEqual([]);
    expect((await host.readSheet(sheet)).targets).toBeUndefined();
  });

  it("refuses a file that is not a targets file with --targets' own words, and keeps nothing", async () => {
    const { host, sheet, session } = await sample();
    const dir = tempDir("annex-pane-targets-");
    const bad = path.join(dir, "sai.json");
    const text = JSON.stringify({
      format: "annex-targets/1",
      province: "Lạng Sơn",
      year: 2023,
      template: "bieu-01-ke-hoach-nam",
      targets: [{ indicator: "99", column: "planNext", text: "trên 16.000" }],
    });
    await fs.writeFile(bad, text);
    const refused = await session.chooseTargets(text, "sai.json");
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problem.code).toBe("targets-invalid");
    expect(refused.problem.message.vi).toBe(
      'Tệp chỉ tiêu sai.json không hợp lệ:\n  targets[0].indicator: không có chỉ tiêu "99" trong bieu-01-ke-hoach-nam'
    );
    // The command line says the same of the same file (its name as given, and the option).
    const file = path.join(dir, "bieu01.xlsx");
    await fs.writeFile(file, await host.download());
    const cli = await annex("check", file, "--targets", bad);
    expect(cli.err).toContain(refused.problem.message.vi.replace("sai.json", `${bad} (--targets)`));
    expect((await host.readSheet(sheet)).targets).toBeUndefined();
  });
});

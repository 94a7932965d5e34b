import { readFileSync } from "fs";
import { join } from "path";
import {
  analyzeSheet,
  buildAnnexLayout,
  builtInTemplates,
  checkTargetsFile,
  loadTargetsJson,
  TargetsError,
  TargetsFileInput,
} from "../../src/domain";
import { template, TestAnnex } from "../helpers/annex";
import { requireShared, sharedTitle, testWithShared } from "../helpers/shared";

/** A province's targets, kept in its own file: read through zod, checked against the template. */
const SEED = "seeds/000_7be7c517978bb617.txt";
const SAMPLE = join(__dirname, "../../src/samples/targets/lang-son-2023.json");
const sampleText = () => readFileSync(SAMPLE, "utf8");
const templates = builtInTemplates();
const langSon = () => loadTargetsJson(sampleText(), templates, "lang-son-2023.json");

const base = (): TargetsFileInput => ({
  format: "annex-targets/1",
  province: "Lạng Sơn",
  year: 2023,
  template: "bieu-01-ke-hoach-nam",
  targets: [{ indicator: "13", column: "planNext", text: "đạt 62%" }],
});
const problems = (data: unknown) => {
  const r = checkTargetsFile(data, templates);
  if (r.ok) throw new Error("accepted");
  return r.problems;
};

describe("the targets file", () => {
  test("the Lạng Sơn sample loads: its targets, each with the plan it comes from", () => {
    const f = langSon();
    expect(f.province).toBe("Lạng Sơn");
    expect(f.year).toBe(2023);
    expect(f.targets.map((t) => [t.indicator, t.column, t.text])).toEqual([
      ["1", "planNext", "16.000"],
      ["13", "planNext", "đạt 62%"],
      ["22", "planNext", "giảm 3%"],
      ["23", "planNext", "đạt 3%"],
    ]);
    for (const t of f.targets) expect(t.source).toMatch(/101\/KH-SLĐTBXH/);
  });

  // Its citations are what the seed says (the team's shared seeds, test/helpers/shared.ts; a clone
  // on its own skips this).
  testWithShared(SEED)(sharedTitle("the sample's targets are quoted from the seed", SEED), () => {
    const seed = readFileSync(requireShared(SEED), "utf8");
    for (const quoted of [
      "Tạo việc làm mới cho 16.000 lao động",
      "Tỷ lệ lao động qua đào tạo đến năm 2023 đạt 62%",
      "Tỷ lệ giảm nghèo đạt 3%",
    ])
      expect(seed).toContain(quoted);
  });

  // Biểu 02's codes moved in 3.0.0 (its "24", the poverty rate in 2.1.0, is now a count of gifts): a
  // file that says what it was written for is refused rather than applied to another row.
  test("a file written for another major version of its template is refused, saying why", () => {
    const bieu02 = template("bieu-02-bao-cao-6-thang");
    const old = {
      ...base(),
      template: bieu02.id,
      templateVersion: "2.1.0",
      targets: [
        {
          indicator: "24",
          column: bieu02.columns.find((c) => c.role === "input")!.id,
          text: "giảm 1%",
        },
      ],
    };
    const [p] = problems(old);
    expect(p.path).toBe("templateVersion");
    expect(p.vi).toContain(`phiên bản 2.1.0, mẫu hiện hành là phiên bản ${bieu02.version}`);
    // the same major version is the same codes
    const major = bieu02.version.split(".")[0];
    expect(
      checkTargetsFile({ ...old, templateVersion: `${major}.0.0`, targets: [] }, templates).ok
    ).toBe(true);
  });

  test("an entry's name is checked against the row of its code: a moved code is refused", () => {
    const t = template();
    const rate = t.indicators.find((i) => i.code === "13")!;
    const ok = { ...base(), targets: [{ ...base().targets[0], name: rate.name.vi.toUpperCase() }] };
    expect(checkTargetsFile(ok, templates).ok).toBe(true);
    const moved = { ...base(), targets: [{ ...base().targets[0], name: "Tỷ lệ hộ nghèo" }] };
    const [p] = problems(moved);
    expect(p.path).toBe("targets[0].name");
    expect(p.vi).toBe(
      `chỉ tiêu "13" trong tệp là "Tỷ lệ hộ nghèo", nhưng trong mẫu là "${rate.name.vi}": mã chỉ tiêu có thể đã đổi, hãy sửa mã hoặc tên`
    );
  });

  test("a file saved with a byte-order mark is read", () => {
    expect(loadTargetsJson("\uFEFF" + sampleText(), templates).targets).toHaveLength(4);
  });

  test("the built-in catalog carries no targets", () => {
    for (const t of templates)
      for (const ind of t.indicators) expect(Object.keys(ind)).not.toContain("targets");
  });

  test.each<[string, (d: TargetsFileInput) => unknown, string, RegExp]>([
    [
      "an unknown indicator",
      (d) => d.targets.push({ indicator: "13.9", column: "planNext", text: "1" }),
      "targets[1].indicator",
      /no indicator "13\.9" in bieu-01-ke-hoach-nam/,
    ],
    [
      "an unknown column",
      (d) => (d.targets[0].column = "kh2023"),
      "targets[0].column",
      /no input column "kh2023".*planNext/,
    ],
    [
      "an unreadable text",
      (d) => (d.targets[0].text = "nhiều hơn"),
      "targets[0].text",
      /cannot read the target "nhiều hơn"/,
    ],
    [
      "the same cell twice",
      (d) => d.targets.push({ indicator: "13", column: "planNext", text: "đạt 63%" }),
      "targets[1]",
      /already set in targets\[0\]/,
    ],
    [
      "a base for a level",
      (d) => (d.targets[0].base = 60),
      "targets[0].base",
      /is a level, not a change/,
    ],
    ["an unknown template", (d) => (d.template = "bieu-09"), "template", /no template "bieu-09"/],
    ["a wrong format", (d) => ((d as { format: string }).format = "targets"), "format", /./],
    ["a missing year", (d) => delete (d as { year?: number }).year, "year", /required/],
    [
      "a year written as text",
      (d) => ((d as { year: unknown }).year = "2023"),
      "year",
      /^expected a number, found text "2023"$/,
    ],
    [
      "a target's text written as a number",
      (d) => ((d.targets[0] as { text: unknown }).text = 62),
      "targets[0].text",
      /^expected text \(in double quotes\), found the number 62$/,
    ],
    [
      "a wrong changeOfRate",
      (d) => ((d as { changeOfRate: unknown }).changeOfRate = "pct"),
      "changeOfRate",
      /^must be one of "points", "percent", found text "pct"$/,
    ],
    [
      "an unknown field",
      (d) => Object.assign(d.targets[0], { colour: "red" }),
      "targets[0]",
      /colour/,
    ],
  ])("%s is named by its path", (_what, mutate, path, en) => {
    const d = base();
    mutate(d);
    const found = problems(d).find((p) => p.path === path);
    expect(found).toBeDefined();
    expect(found?.en).toMatch(en);
    expect(found?.vi.length).toBeGreaterThan(5);
    expect(found?.vi).not.toBe(found?.en);
  });

  test("bad JSON throws a TargetsError naming the file", () => {
    expect(() => loadTargetsJson("{ nope", templates, "x.json")).toThrow(TargetsError);
    expect(() => loadTargetsJson("{ nope", templates, "x.json")).toThrow(/x\.json/);
  });
});

describe("targets in the analysis", () => {
  const check = (a: TestAnnex, withTargets = true) =>
    analyzeSheet(a.sheet, {
      locale: "vi-VN",
      templates: [a.tpl],
      ...(withTargets ? { targets: langSon() } : {}),
    }).findings;

  test("a plan under the province's target is a warning naming the province and its source", () => {
    const a = new TestAnnex().setRow("13", { estimateCur: 58, planNext: 60 });
    const [f, ...rest] = check(a).filter((x) => x.ruleId === "target.below-template");
    expect(rest).toEqual([]);
    expect(f.cells).toEqual([a.address("13", "planNext")]);
    expect(f.message.vi).toContain("đạt 62%");
    expect(f.message.vi).toContain("Lạng Sơn");
    expect(f.message.vi).toContain("101/KH-SLĐTBXH");
    // Without the file, nothing is asked of the plan.
    expect(check(a, false).filter((x) => x.ruleId === "target.below-template")).toEqual([]);
  });

  test("a change target of the file is measured from the sheet's base: 'giảm 3%' of 12,20 is 9,20", () => {
    const ok = new TestAnnex().setRow("22", { estimateCur: 12.2, planNext: 9.2 });
    expect(check(ok).filter((x) => x.ruleId.startsWith("target"))).toEqual([]);
    const short = new TestAnnex().setRow("22", { estimateCur: 12.2, planNext: 9.5 });
    const [f] = check(short).filter((x) => x.ruleId === "target.below-template");
    expect(f.message.vi).toContain('"giảm 3%" → 9,20%');
    const noBase = new TestAnnex().setRow("22", { planNext: 9.5 });
    const [g] = check(noBase).filter((x) => x.ruleId === "target.change-no-base");
    expect(g.cells).toEqual([noBase.address("22", "planNext")]);
  });

  test("'giảm 3%' of the file on a rate the template reads as a share (changeOfRate: percent) is 3 % of the base, unless the file says points", () => {
    const base = template();
    const tpl = {
      ...base,
      indicators: base.indicators.map((i) =>
        i.code === "22" ? { ...i, changeOfRate: "percent" as const } : i
      ),
    };
    const at = (targets: ReturnType<typeof langSon>) =>
      analyzeSheet(new TestAnnex(tpl).setRow("22", { estimateCur: 12.2, planNext: 12 }).sheet, {
        locale: "vi-VN",
        templates: [tpl],
        targets,
      }).findings.find((x) => x.ruleId === "target.below-template");
    // 12,20 × 0,97 = 11,83: a plan of 12 falls short of it.
    expect(at(langSon())?.message.vi).toContain('"giảm 3%" → 11,83%');
    const points = loadTargetsJson(
      JSON.stringify({ ...JSON.parse(sampleText()), changeOfRate: "points" }),
      templates,
      "points.json"
    );
    expect(at(points)?.message.vi).toContain('"giảm 3%" → 9,20%');
  });

  test("a file for another year or another province is reported, not used", () => {
    const other = new TestAnnex(template(), 2024).setRow("13", { planNext: 50 });
    const found = check(other);
    expect(found.filter((x) => x.ruleId === "target.below-template")).toEqual([]);
    const [f] = found.filter((x) => x.ruleId === "targets.not-for-sheet");
    expect(f.message.vi).toContain("năm 2024");
    expect(f.severity).toBe("warning");

    const quangTri = new TestAnnex().setRow("13", { planNext: 50 });
    quangTri.sheet = {
      ...quangTri.sheet,
      values: quangTri.sheet.values.map((row) =>
        row?.map((v) => (typeof v === "string" ? v.replace(/lạng sơn/iu, "QUẢNG TRỊ") : v))
      ),
    };
    const q = check(quangTri);
    expect(q.filter((x) => x.ruleId === "target.below-template")).toEqual([]);
    expect(q.find((x) => x.ruleId === "targets.not-for-sheet")?.message.vi).toContain("QUẢNG TRỊ");
  });

  test("the input cells' prompts name the province's targets, and only with its file", () => {
    const withoutFile = new TestAnnex();
    const at = withoutFile.address("13", "planNext");
    const prompt = (layout: ReturnType<typeof buildAnnexLayout>) =>
      layout.validations.find((v) => v.address === at)?.prompt.text;
    expect(prompt(withoutFile.layout)).not.toContain("62%");
    expect(prompt(buildLayoutWithTargets())).toContain("Chỉ tiêu: đạt 62%");
  });
});

/** The layout `annex new --targets` makes. */
function buildLayoutWithTargets() {
  return buildAnnexLayout(template(), {
    year: 2023,
    authority: "UBND tỉnh Lạng Sơn",
    targets: langSon(),
  });
}

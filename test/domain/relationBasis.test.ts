import { readdirSync, readFileSync } from "fs";
import { analyzeSheet, builtInTemplates } from "../../src/domain";
import { TestAnnex } from "../helpers/annex";
import { requireShared, sharedTitle, testWithShared } from "../helpers/shared";

/**
 * Every "gồm" and "trong đó" of the built-in forms says why it holds (`basis`), and a basis citing a
 * seed line ("004 dòng 111: …") cites figures that stand on that line. Parts that may count cases
 * carried over from the period before (petitions, unemployment-benefit decisions) are marked so.
 */
// The seeds are the team's shared folder (test/helpers/shared.ts): a clone on its own skips the
// citation check, CI requires it.
const seedLines = (prefix: string): string[] => {
  const seeds = requireShared("seeds");
  const name = readdirSync(seeds).find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(`${seeds}/${name}`, "utf8").split("\n");
};

const relations = builtInTemplates().flatMap((t) =>
  t.indicators.flatMap((ind) =>
    ind.relations
      .filter((r) => r.type === "sum" || r.type === "partOf")
      .map((r) => ({ at: `${t.id} ${ind.code} ${r.type}`, r }))
  )
);

test("every 'gồm' and 'trong đó' of the built-in forms says why it holds", () => {
  expect(relations.length).toBeGreaterThan(30);
  const without = relations.filter(({ r }) => !("basis" in r) || !r.basis).map(({ at }) => at);
  expect(without).toEqual([]);
});

testWithShared("seeds")(
  sharedTitle("a basis citing a seed line cites figures that stand on that line", "seeds"),
  () => {
    let cited = 0;
    for (const { at, r } of relations) {
      const basis = "basis" in r ? (r.basis ?? "") : "";
      for (const m of basis.matchAll(/\b(00\d) dòng (\d+): ([^;]*)/g)) {
        const line = seedLines(m[1])[Number(m[2]) - 1] ?? "";
        const figures = m[3].match(/\d{1,3}(?:\.\d{3})+|\d+/g) ?? [];
        expect(figures.length).toBeGreaterThan(0);
        for (const f of figures) expect([at, f, line.includes(f)]).toEqual([at, f, true]);
        cited++;
      }
    }
    expect(cited).toBeGreaterThanOrEqual(10);
  }
);

test("only parts that may count cases of the period before are carried over", () => {
  const carried = builtInTemplates().flatMap((t) =>
    t.indicators.flatMap((ind) =>
      ind.relations.some((r) => r.type === "partOf" && r.carriedOver === true)
        ? [`${t.id} ${ind.code}`]
        : []
    )
  );
  expect(carried.sort()).toEqual([
    "bieu-01-ke-hoach-nam 5",
    "bieu-01-ke-hoach-nam 75",
    "bieu-02-bao-cao-6-thang 5",
    "bieu-02-bao-cao-6-thang 53",
  ]);
});

test("a carried-over part above its total is a warning that says why; a plain 'trong đó' stays an error", () => {
  const a = new TestAnnex()
    .setRow("74", { estimateCur: 24 })
    .setRow("75", { estimateCur: 26 })
    .setRow("38", { estimateCur: 250 })
    .setRow("38.1", { estimateCur: 280 });
  const findings = analyzeSheet(a.sheet, { locale: "vi-VN" }).findings;
  const carried = findings.filter((f) => f.ruleId === "part.carried-over");
  expect(carried.map((f) => [f.severity, f.cells[0]])).toEqual([
    ["warning", a.address("75", "estimateCur")],
  ]);
  expect(carried[0].message.vi).toContain("ghi 26, thừa 2 so với");
  expect(carried[0].message.vi).toContain("từ kỳ trước chuyển sang");
  expect(carried[0].message.en).toContain("carried over from the period before");
  expect(findings.filter((f) => f.ruleId === "part.exceeds").map((f) => f.cells[0])).toEqual([
    a.address("38.1", "estimateCur"),
  ]);
});

test("13.1 (with a degree or certificate) is tied to 13 (trained labour): a rate above its rate is caught by the engine, not coloured by the self-check", () => {
  const a = new TestAnnex().setRow("13", { estimateCur: 29.5 }).setRow("13.1", { estimateCur: 31 });
  expect(
    analyzeSheet(a.sheet, { locale: "vi-VN" })
      .findings.filter((f) => f.ruleId === "part.exceeds")
      .map((f) => f.cells)
  ).toEqual([[a.address("13.1", "estimateCur"), a.address("13", "estimateCur")]]);
  const fine = new TestAnnex()
    .setRow("13", { estimateCur: 62 })
    .setRow("13.1", { estimateCur: 29.5 });
  expect(
    analyzeSheet(fine.sheet, { locale: "vi-VN" }).findings.filter(
      (f) => f.ruleId === "part.exceeds"
    )
  ).toEqual([]);
  const words = a.layout.selfCheck.cells.find((c) => c.row === a.row("13.1"));
  expect(words?.branches.some((b) => b.words.includes("dòng 13")) ?? false).toBe(false);
});

test("the job centre's figures (000 line 67) sit in rows of their own: 691 registered, 697 referred, 448 placed", () => {
  const seed = new TestAnnex()
    .setRow("7", { actual6m: 8977 })
    .setRow("7.1", { actual6m: 691 })
    .setRow("7.2", { actual6m: 697 })
    .setRow("7.3", { actual6m: 448 });
  const relational = (a: TestAnnex) =>
    analyzeSheet(a.sheet, { locale: "vi-VN" }).findings.filter((f) =>
      ["part.exceeds", "sum.mismatch", "part.carried-over"].includes(f.ruleId)
    );
  // More referred than registered in the period is no slip: people registered earlier are referred too.
  expect(relational(seed)).toEqual([]);
  const placedAboveReferred = seed.set("7.3", "actual6m", 700);
  expect(relational(placedAboveReferred).map((f) => f.cells[0])).toEqual([
    placedAboveReferred.address("7.3", "actual6m"),
  ]);
});

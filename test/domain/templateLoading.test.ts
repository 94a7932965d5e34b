import * as path from "path";
import { promises as fs, readFileSync } from "fs";
import { checkTemplate, loadTemplateJson, TemplateError } from "../../src/domain";
import { TemplateProblem } from "../../src/domain/template/loadTemplate";
import { annex, tempDir } from "../helpers/cli";

/** Issue #10: templates with circular relations, a byte-order mark, or a field of the wrong type. */
const BIEU03 = path.join(
  __dirname,
  "../../src/domain/catalog/templates/bieu-03-ho-tro-nha-o-nguoi-co-cong.json"
);
const bieu03Json = () => JSON.parse(readFileSync(BIEU03, "utf8"));

type Json = ReturnType<typeof bieu03Json>;
type Ind = { code: string; relations?: unknown[]; kind: string; unit: string };

/** A small template of its own: four counts 1..4 and two rates r1, r2, no relations. */
function small(): Json {
  const t = bieu03Json();
  const base = t.indicators.find((i: Ind) => i.kind === "count") as Ind;
  const rate = { ...base, kind: "rate", unit: "%", nature: "stock" };
  delete (rate as { bounds?: unknown }).bounds;
  t.indicators = [
    ...["1", "2", "3", "4"].map((code) => ({ ...base, code, relations: [] })),
    ...["r1", "r2"].map((code) => ({ ...rate, code, relations: [] })),
  ].map((i, k) => ({ ...i, name: { vi: `Chỉ tiêu ${k}`, en: `Indicator ${k}` }, aliases: [] }));
  return t;
}
const ind = (t: Json, code: string): Ind => t.indicators.find((i: Ind) => i.code === code);
const problems = (t: Json): readonly TemplateProblem[] => {
  const r = checkTemplate(t);
  return r.ok ? [] : r.problems;
};
const at = (t: Json, code: string) => t.indicators.findIndex((i: Ind) => i.code === code);

describe("circular relations are rejected when the template loads, the circle named", () => {
  test("the small template itself loads", () => {
    expect(problems(small())).toEqual([]);
  });

  test("1 = sum of 2 and 2 = sum of 1", () => {
    const t = small();
    ind(t, "1").relations = [{ type: "sum", of: ["2"] }];
    ind(t, "2").relations = [{ type: "sum", of: ["1"] }];
    const p = problems(t);
    expect(p).toHaveLength(1);
    expect(p[0].path).toBe(`indicators[${at(t, "1")}].relations[0].of[0]`);
    expect(p[0].en).toContain("circular relation 1 → 2 → 1");
    expect(p[0].vi).toContain("quan hệ vòng 1 → 2 → 1");
  });

  test("a partOf loop, and a longer circle through sums and parts", () => {
    const loop = small();
    ind(loop, "1").relations = [{ type: "partOf", of: "2" }];
    ind(loop, "2").relations = [{ type: "partOf", of: "1" }];
    expect(problems(loop).map((p) => p.en)).toEqual([
      expect.stringContaining("circular relation 1 → 2 → 1"),
    ]);

    const longer = small();
    ind(longer, "1").relations = [{ type: "sum", of: ["2", "4"] }];
    ind(longer, "2").relations = [{ type: "sum", of: ["3"] }];
    ind(longer, "1").relations?.push({ type: "partOf", of: "3" });
    const p = problems(longer);
    expect(p.map((x) => x.en)).toEqual([expect.stringContaining("1 → 2 → 3 → 1")]);
  });

  test("a whole with its parts both ways is no circle: 1 = sum of 2, 3 and 2 is part of 1", () => {
    const t = small();
    ind(t, "1").relations = [{ type: "sum", of: ["2", "3"] }];
    ind(t, "2").relations = [{ type: "partOf", of: "1" }];
    expect(problems(t)).toEqual([]);
  });

  test("a ratio whose numerator is itself, and two rates over each other", () => {
    const self = small();
    ind(self, "r1").relations = [{ type: "ratio", numerator: "r1", denominator: "1" }];
    const p = problems(self);
    expect(p.map((x) => x.path)).toContain(`indicators[${at(self, "r1")}].relations[0].numerator`);
    expect(p.map((x) => x.en).join("\n")).toContain("r1 → r1");

    const pair = small();
    ind(pair, "r1").relations = [{ type: "ratio", numerator: "r2", denominator: "1" }];
    ind(pair, "r2").relations = [{ type: "ratio", numerator: "r1", denominator: "1" }];
    expect(problems(pair).map((x) => x.en)).toEqual([
      expect.stringContaining("circular relation r1 → r2 → r1"),
    ]);
  });

  test("through annex templates: the file is refused with the circle and the path", async () => {
    const t = small();
    ind(t, "1").relations = [{ type: "sum", of: ["2"] }];
    ind(t, "2").relations = [{ type: "sum", of: ["1"] }];
    const file = path.join(tempDir("annex-cycle-"), "vong.json");
    await fs.writeFile(file, JSON.stringify(t));
    const r = await annex("templates", "--template", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("relations[0].of[0]");
    expect(r.err).toContain("quan hệ vòng 1 → 2 → 1");
  });
});

describe("a JSON file with a byte-order mark", () => {
  test("loads as without one, as Notepad saves it", async () => {
    const text = readFileSync(BIEU03, "utf8");
    expect(loadTemplateJson(`\uFEFF${text}`, "bom.json").id).toBe(bieu03Json().id);
    const dir = tempDir("annex-bom-");
    const t = bieu03Json();
    t.id = "bieu-03-bom";
    const file = path.join(dir, "bom.json");
    await fs.writeFile(
      file,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(t))])
    );
    const r = await annex("templates", "--template", file);
    expect(r.err).not.toContain("bom.json");
    expect(r.out).toMatch(/^bieu-03-bom /m);
  });
});

describe("a field of the wrong type says what was found", () => {
  const bad = (mutate: (t: Json) => void) => {
    const t = bieu03Json();
    mutate(t);
    return problems(t);
  };

  test("a number written as text", () => {
    const p = bad((t) => (t.columns.find((c: { width?: unknown }) => c.width).width = "12"));
    expect(p).toHaveLength(1);
    expect(p[0].path).toMatch(/^columns\[\d+\]\.width$/);
    expect(p[0].en).toBe('expected a number, found text "12"');
    expect(p[0].vi).toBe('cần một số, nhưng thấy chữ "12"');
  });

  test("text written as a number, a list as text, an object as a number, null", () => {
    expect(bad((t) => (t.form = 1))[0].en).toBe(
      "expected text (in double quotes), found the number 1"
    );
    expect(bad((t) => (t.indicators[0].aliases = "Nhà ở"))[0].en).toBe(
      'expected a list [ … ], found text "Nhà ở"'
    );
    expect(bad((t) => (t.title = 5))[0].en).toBe("expected an object { … }, found the number 5");
    expect(bad((t) => (t.form = null))[0].en).toBe(
      "expected text (in double quotes), found an empty value (null)"
    );
  });

  test("a missing field still says it is missing; a wrong choice says what was found", () => {
    const missing = bad((t) => delete t.form);
    expect(missing[0].path).toBe("form");
    expect(missing[0].en).toBe("required field is missing (expected text (in double quotes))");
    expect(missing[0].vi).toContain("thiếu trường bắt buộc");
    const kind = bad((t) => (t.indicators[0].kind = "money"));
    expect(kind[0].path).toBe("indicators[0].kind");
    expect(kind[0].en).toMatch(/^must be one of "count", .*, found text "money"$/);
  });

  test("a huge text value is quoted short", () => {
    const p = bad((t) => (t.columns[0].width = "9".repeat(1 << 20)));
    expect(p[0].en.length).toBeLessThan(200);
  });

  test("the error thrown names the file and the field", () => {
    const t = bieu03Json();
    t.columns[0].width = "12";
    expect(() => loadTemplateJson(JSON.stringify(t), "cao-loc.json")).toThrow(TemplateError);
    expect(() => loadTemplateJson(JSON.stringify(t), "cao-loc.json")).toThrow(
      /cao-loc\.json:\n {2}columns\[0\]\.width: expected a number, found text "12"/
    );
  });
});

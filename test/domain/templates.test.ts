import { readFileSync } from "fs";
import { join } from "path";
import { builtInTemplates, checkTemplate, loadTemplateJson, TemplateError } from "../../src/domain";
import { template } from "../helpers/annex";

const bieu01Json = () =>
  JSON.parse(
    readFileSync(
      join(__dirname, "../../src/domain/catalog/templates/bieu-01-ke-hoach-nam.json"),
      "utf8"
    )
  );

describe("built-in catalog", () => {
  test("has Biểu 01 with at least 40 indicators across the brief's sections, and two more tables", () => {
    const all = builtInTemplates();
    expect(all.length).toBeGreaterThanOrEqual(3);
    const b01 = template();
    expect(b01.indicators.length).toBeGreaterThanOrEqual(40);
    expect(b01.sections.map((s) => s.code)).toEqual(
      expect.arrayContaining(["I", "II", "III", "IV", "V", "VI", "VII"])
    );
    for (const s of b01.sections)
      expect(b01.indicators.some((i) => i.section === s.code)).toBe(true);
  });

  test("the catalog carries real relations, kinds, directions and flows", () => {
    const b01 = template();
    const byCode = new Map(b01.indicators.map((i) => [i.code, i]));
    expect(byCode.get("1")?.relations).toContainEqual(
      expect.objectContaining({ type: "sum", of: ["1.1", "1.2", "1.3"] })
    );
    expect(byCode.get("22")?.relations).toContainEqual({
      type: "ratio",
      numerator: "21",
      denominator: "20",
      scale: 100,
    });
    expect(byCode.get("38.1")?.relations).toContainEqual(
      expect.objectContaining({ type: "partOf", of: "38" })
    );
    expect(byCode.get("22")).toMatchObject({ kind: "rate", direction: "down", nature: "stock" });
    expect(byCode.get("23")).toMatchObject({ kind: "points", unit: "điểm %" });
    expect(byCode.get("1")).toMatchObject({ kind: "count", direction: "up", nature: "flow" });
    const units = new Set(b01.indicators.map((i) => i.unit));
    for (const u of [
      "người",
      "lượt người",
      "hộ",
      "xã",
      "%",
      "điểm %",
      "triệu đồng",
      "kg",
      "phiên",
      "giấy phép",
    ])
      expect(units).toContain(u);
  });

  test("header texts are computed from the year", () => {
    const b01 = template();
    const headers = b01.columns.map((c) =>
      c.header.vi
        .replace(/\{Y-2\}/, "2021")
        .replace(/\{Y-1\}/g, "2022")
        .replace(/\{Y\}/g, "2023")
    );
    expect(headers).toEqual(
      expect.arrayContaining([
        "TH năm 2021",
        "KH năm 2022",
        "TH 6 tháng năm 2022",
        "ƯTH năm 2022",
        "KH năm 2023",
      ])
    );
  });
});

describe("custom templates through the same schema", () => {
  test("a province's own template loads from JSON", () => {
    const data = bieu01Json();
    data.id = "lang-son-bo-sung";
    data.indicators.push({
      code: "99",
      section: "I",
      name: { vi: "Số doanh nghiệp được kiểm tra", en: "Enterprises inspected" },
      unit: "doanh nghiệp",
      kind: "count",
      direction: "up",
      nature: "flow",
    });
    const t = loadTemplateJson(JSON.stringify(data), "lang-son.json");
    expect(t.indicators.at(-1)).toMatchObject({
      code: "99",
      required: false,
      relations: [],
      level: 0,
    });
  });

  test("an unknown code in a relation names the path of the bad field", () => {
    const data = bieu01Json();
    const i = data.indicators.findIndex((x: { code: string }) => x.code === "38.1");
    data.indicators[i].relations[0].of = "4.9";
    const result = checkTemplate(data);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContainEqual({
        path: `indicators[${i}].relations[0].of`,
        en: 'unknown code "4.9"',
        vi: 'mã chỉ tiêu không tồn tại "4.9"',
      });
    }
  });

  test.each([
    [
      "a kind that does not exist",
      (d: any) => (d.indicators[3].kind = "percent"),
      "indicators[3].kind",
    ],
    ["a missing unit", (d: any) => delete d.indicators[5].unit, "indicators[5].unit"],
    ["an unknown field", (d: any) => (d.indicators[0].colour = "red"), "indicators[0]"],
    ["a duplicate code", (d: any) => (d.indicators[2].code = "1"), "indicators[2].code"],
    ["an unknown section", (d: any) => (d.indicators[4].section = "XX"), "indicators[4].section"],
    [
      "a summed rate",
      (d: any) => d.indicators.find((x: any) => x.code === "1").relations[0].of.push("22"),
      "relations[0].of[3]",
    ],
    [
      "a rate that is a flow",
      (d: any) => (d.indicators.find((x: any) => x.code === "22").nature = "flow"),
      ".nature",
    ],
    [
      "a derived column over an unknown column",
      (d: any) => (d.columns[7].numerator = "nope"),
      "columns[7].numerator",
    ],
  ])("rejects %s with the path named", (_what, mutate, path) => {
    const data = bieu01Json();
    mutate(data);
    const result = checkTemplate(data);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.some((p) => p.path.includes(path))).toBe(true);
      for (const p of result.problems) {
        expect(p.vi.length).toBeGreaterThan(3);
        expect(p.en.length).toBeGreaterThan(3);
      }
    }
  });

  test("bad JSON and bad templates throw a TemplateError naming the file", () => {
    expect(() => loadTemplateJson("{ not json", "x.json")).toThrow(TemplateError);
    expect(() => loadTemplateJson("{ not json", "x.json")).toThrow(/x\.json/);
    expect(() => loadTemplateJson(JSON.stringify({ id: "x" }), "y.json")).toThrow(
      /y\.json[\s\S]*version/
    );
  });
});

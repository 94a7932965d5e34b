import { parseTarget } from "../../src/domain";

const target = (text: string) => {
  const p = parseTarget(text, "vi-VN");
  if (!p.ok) throw new Error(`cannot read ${text}`);
  return p.target;
};

describe("parseTarget: targets as plans write them", () => {
  test.each([
    ["trên 16.000", ">", 16000],
    ["Trên 16.000 lao động", ">", 16000],
    ["từ 3% trở lên", ">=", 3],
    ["3% trở lên", ">=", 3],
    ["dưới 4", "<", 4],
    ["khoảng 24", "about", 24],
    ["≥ 85", ">=", 85],
    [">= 85", ">=", 85],
    ["≤ 2,5", "<=", 2.5],
    ["<4", "<", 4],
    ["100", "=", 100],
    ["62%", "=", 62],
    ["đạt 62%", "=", 62],
    ["giảm từ 3% trở lên", ">=", 3],
    ["không quá 5", "<=", 5],
    ["không dưới 90", ">=", 90],
    ["tối thiểu 1.000", ">=", 1000],
    ["~ 24", "about", 24],
  ] as const)("%j → %s %d", (text, op, value) => {
    expect(target(text)).toMatchObject({ op, value });
  });

  test.each([
    ["1-1,5", 1, 1.5],
    ["1 - 1,5", 1, 1.5],
    ["từ 1 đến 1,5", 1, 1.5],
    ["20–25%", 20, 25],
  ] as const)("%j is a range", (text, min, max) => {
    expect(target(text)).toMatchObject({ op: "range", min, max });
  });

  test.each(["abc", "trên", "5-3", "khoảng", "trên 5 trở xuống", ""])(
    "%j is not a target",
    (text) => {
      expect(parseTarget(text, "vi-VN").ok).toBe(false);
    }
  );

  test("a figure whose reading depends on the locale is marked ambiguous", () => {
    const p = parseTarget("trên 16.000", "vi-VN");
    expect(p.ok && p.ambiguous).toBe(true);
    const q = parseTarget("trên 16.000", "en-US");
    expect(q.ok && q.target.op === ">" && q.target.value).toBe(16);
    expect(parseTarget("1-1,5", "vi-VN")).toMatchObject({ ok: true, ambiguous: false });
  });

  test("on a count row the figure is whole: read as written in the locale, and said so where it goes against the locale (#17)", () => {
    const whole = { whole: true };
    // Written the locale's way: one reading only.
    expect(parseTarget("trên 16.000", "vi-VN", whole)).toMatchObject({
      ok: true,
      ambiguous: false,
      readAs: "vi-VN",
      target: { op: ">", value: 16000 },
    });
    expect(parseTarget("16,000 - 18,000 người", "en-US", whole)).toMatchObject({
      ok: true,
      ambiguous: false,
      target: { op: "range", min: 16000, max: 18000 },
    });
    // Against the locale: still whole people, but 16 people is a reading too, so it is ambiguous.
    expect(parseTarget("trên 16.000", "en-US", whole)).toMatchObject({
      ok: true,
      ambiguous: true,
      readAs: "vi-VN",
      target: { op: ">", value: 16000 },
    });
    expect(parseTarget("16,000 - 18,000 người", "vi-VN", whole)).toMatchObject({
      ok: true,
      ambiguous: true,
      readAs: "en-US",
      target: { op: "range", min: 16000, max: 18000 },
    });
    for (const locale of ["vi-VN", "en-US"] as const) {
      // 1,5 people is no count: one reading only.
      expect(parseTarget("tăng 1.500", locale, whole)).toMatchObject({
        ok: true,
        ambiguous: false,
        target: { value: 1500, change: { direction: "up", written: "" } },
      });
    }
    expect(parseTarget("tăng 1,5%", "vi-VN", whole)).toMatchObject({
      ok: true,
      target: { value: 1.5, change: { direction: "up", written: "%" } },
    });
    // A percentage on a count row keeps the locale's reading, and says it could be read otherwise.
    expect(parseTarget("tăng 1.500%", "en-US", whole)).toMatchObject({
      ok: true,
      ambiguous: true,
      target: { value: 1.5 },
    });
  });
});

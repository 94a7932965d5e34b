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
});

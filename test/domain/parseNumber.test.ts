import fc from "fast-check";
import { formatNumber, parseNumber } from "../../src/domain";
import { NumberLocale } from "../../src/domain/numbers/locale";

const value = (text: string, locale: NumberLocale = "vi-VN") => {
  const p = parseNumber(text, locale);
  if (p.kind !== "number") throw new Error(`${text} → ${p.kind}`);
  return p;
};

describe("parseNumber: how Vietnamese staff write numbers", () => {
  test.each([
    ["16.000", "vi-VN", 16000],
    ["16,000", "en-US", 16000],
    ["57,72", "vi-VN", 57.72],
    ["57.72", "en-US", 57.72],
    ["1.234,5", "vi-VN", 1234.5],
    ["1,234.5", "en-US", 1234.5],
    ["127.550.801.040", "vi-VN", 127550801040],
    ["127,550,801,040", "en-US", 127550801040],
    ["16 000", "vi-VN", 16000],
    ["16\u00a0000,5", "vi-VN", 16000.5],
    ["0,5", "vi-VN", 0.5],
    ["3615", "vi-VN", 3615],
    ["-0,69", "vi-VN", -0.69],
    ["−3", "vi-VN", -3],
    ["+1,5", "vi-VN", 1.5],
  ] as const)("%s (%s) → %d", (text, locale, expected) => {
    expect(value(text, locale).value).toBeCloseTo(expected, 10);
  });

  test("percent sign is kept apart from the value", () => {
    const p = value("12,20%");
    expect(p.value).toBeCloseTo(12.2, 10);
    expect(p.percent).toBe(true);
    expect(p.decimals).toBe(2);
  });

  test("trailing units are read off", () => {
    expect(value("16.000 người")).toMatchObject({ value: 16000, unit: "người" });
    expect(value("28.046 triệu đồng")).toMatchObject({ value: 28046, unit: "triệu đồng" });
    expect(value("127.550.801.040 đồng")).toMatchObject({ value: 127550801040, unit: "đồng" });
  });

  test("decimals as written are remembered, for rounding tolerance", () => {
    expect(value("12,20").decimals).toBe(2);
    expect(value("12,2").decimals).toBe(1);
    expect(value("16.000").decimals).toBe(0);
  });

  test.each(["", "-", "x", "X", "…", "  "])("%j is a blank mark, never zero", (text) => {
    expect(parseNumber(text, "vi-VN").kind).toBe("blank");
  });

  test.each(["abc", "1.23.4", "12a", "1,2,3", "trên 16.000", "1.234.5,6,7", "1 23"])(
    "%j is not a number",
    (text) => {
      expect(parseNumber(text, "vi-VN").kind).toBe("invalid");
    }
  );

  describe("ambiguity is reported, never guessed silently", () => {
    test('"16.000" reads 16 000 in vi-VN and says en-US would read 16', () => {
      const p = value("16.000", "vi-VN");
      expect(p.value).toBe(16000);
      expect(p.ambiguous).toEqual({ alternative: 16, locale: "en-US" });
    });
    test('"16.000" reads 16 in en-US and says vi-VN would read 16 000', () => {
      const p = value("16.000", "en-US");
      expect(p.value).toBe(16);
      expect(p.ambiguous).toEqual({ alternative: 16000, locale: "vi-VN" });
    });
    test('"16,000" reads 16 in vi-VN, flagged', () => {
      const p = value("16,000", "vi-VN");
      expect(p.value).toBe(16);
      expect(p.ambiguous?.alternative).toBe(16000);
    });
    test('on a count row "16,000" (vi-VN) is 16 000 people, and says the vi-VN reading 16 is possible (#17)', () => {
      const p = parseNumber("16,000", "vi-VN", { whole: true });
      expect(p).toMatchObject({ kind: "number", value: 16000 });
      expect(p.kind === "number" && p.ambiguous).toEqual({ alternative: 16, locale: "vi-VN" });
      // Written the locale's way, or not a whole number the other way: one reading only.
      for (const [text, locale] of [
        ["16.000", "vi-VN"],
        ["16,000", "en-US"],
        ["1,058", "vi-VN"],
        ["1.058", "en-US"],
      ] as const) {
        const q = parseNumber(text, locale, { whole: true });
        expect(q.kind === "number" && q.ambiguous).toBeFalsy();
      }
    });
    test.each(["57,72", "1.234,5", "127.550.801.040", "0,500", "1,5", "3615"])(
      "%j is not ambiguous",
      (text) => {
        expect(value(text, "vi-VN").ambiguous).toBeUndefined();
      }
    );
  });
});

describe("formatNumber", () => {
  test("follows the locale", () => {
    expect(formatNumber(16000, "vi-VN")).toBe("16.000");
    expect(formatNumber(16000, "en-US")).toBe("16,000");
    expect(formatNumber(57.72, "vi-VN")).toBe("57,72");
    expect(formatNumber(127550801040, "vi-VN")).toBe("127.550.801.040");
    expect(formatNumber(-0.69, "vi-VN", 2)).toBe("-0,69");
    expect(formatNumber(12.2, "vi-VN", 2)).toBe("12,20");
    expect(formatNumber(-0.001, "vi-VN", 2)).toBe("0,00");
  });
});

describe("properties", () => {
  const locales = fc.constantFrom<NumberLocale>("vi-VN", "en-US");
  test("formatting then parsing gives the number back, in both locales", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 4 }),
        locales,
        (n, d, locale) => {
          const v = n / 10 ** d;
          const text = formatNumber(v, locale, d);
          const p = parseNumber(text, locale);
          expect(p.kind).toBe("number");
          if (p.kind === "number") expect(p.value).toBeCloseTo(v, 6);
        }
      )
    );
  });
  test("an ambiguous reading always names a different number for the other locale", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(".", ","),
        locales,
        (a, b, mark, locale) => {
          const text = `${a}${mark}${String(b).padStart(3, "0")}`;
          const p = parseNumber(text, locale);
          expect(p.kind).toBe("number");
          if (p.kind === "number") {
            expect(p.ambiguous).toBeDefined();
            expect(p.ambiguous?.alternative).not.toBe(p.value);
            const other = parseNumber(text, p.ambiguous!.locale);
            expect(other.kind === "number" && other.value).toBe(p.ambiguous!.alternative);
          }
        }
      )
    );
  });
});

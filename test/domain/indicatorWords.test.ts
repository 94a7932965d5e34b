import { analyzeSheet } from "../../src/domain";
import { Finding } from "../../src/domain/rules/finding";
import { dateFormatShows } from "../../src/domain/sheet/numberFormat";
import { TestAnnex } from "../helpers/annex";

/**
 * Issue #11, "words a Vietnamese officer expects": a finding names the indicator it is about by its
 * name and number as the form prints them ("Số lao động được tạo việc làm mới (1)"), not "chỉ tiêu 1";
 * the parts of a sum may stay row numbers ("các dòng 1.1, 1.2, 1.3"). A time in a figure cell is a time.
 */
const analyze = (a: TestAnnex) => analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl] });
const at = (findings: readonly Finding[], ruleId: string, cell: string) =>
  findings.find((f) => f.ruleId === ruleId && f.cells[0] === cell);

describe("findings name the indicator by its name", () => {
  const a = TestAnnex.filled()
    .setRow("1", { estimateCur: 100 })
    .setRow("1.1", { estimateCur: 10 })
    .setRow("1.2", { estimateCur: 20 })
    .setRow("1.3", { estimateCur: 30 })
    .setRow("1.4", { estimateCur: 500 })
    .setRow("2", { unit: null })
    .setRow("20", { estimateCur: 1000 })
    .setRow("21", { estimateCur: 50 })
    .setRow("22", { estimateCur: 9 });
  const { findings } = analyze(a);
  const name = (code: string) => a.tpl.indicators.find((i) => i.code === code)!.name;

  test("a sum names its total and lists its parts as rows", () => {
    const f = at(findings, "sum.mismatch", a.address("1", "estimateCur"));
    expect(f?.message.vi).toContain(
      "Số lao động được tạo việc làm mới (1) ghi 100 nhưng các dòng 1.1, 1.2, 1.3 cộng lại 10 + 20 + 30 = 60 (thừa 40)."
    );
    expect(f?.message.en).toContain(
      "New jobs created (1) states 100 but rows 1.1, 1.2, 1.3 add up to 10 + 20 + 30 = 60 (40 over)."
    );
  });

  test("a part above its total names both", () => {
    const f = at(findings, "part.exceeds", a.address("1.4", "estimateCur"));
    expect(f?.message.vi).toContain(
      `${name("1.4").vi} (1.4) ghi 500 nhưng là một phần của Số lao động được tạo việc làm mới (1), chỉ ghi 100.`
    );
    expect(f?.message.en).toContain(
      `${name("1.4").en} (1.4) states 500 but is part of New jobs created (1), which states only 100.`
    );
  });

  test("a rate, a unit: the row the finding is about is named", () => {
    const rate = at(findings, "ratio.mismatch", a.address("22", "estimateCur"));
    expect(rate?.message.vi).toContain(`${name("22").vi} (22) ghi 9%`);
    expect(rate?.message.en).toContain(`${name("22").en} (22) states 9%`);
    const unit = at(findings, "unit.missing", a.address("2", "unit"));
    expect(unit?.message).toEqual({
      vi: `${name("2").vi} (2) chưa ghi đơn vị tính (${a.tpl.indicators.find((i) => i.code === "2")!.unit}).`,
      en: `${name("2").en} (2) has no unit written (${a.tpl.indicators.find((i) => i.code === "2")!.unit}).`,
    });
  });

  test("an estimate below its plan names the indicator", () => {
    const b = TestAnnex.filled().setRow("2", { planCur: 1000, estimateCur: 10 });
    const f = analyze(b).findings.find(
      (x) => x.ruleId === "target.not-met" && x.indicatorCode === "2"
    );
    expect(f?.message).toEqual({
      vi: `${name("2").vi} (2) không đạt kế hoạch.`,
      en: `${name("2").en} (2) does not meet its plan.`,
    });
  });

  test("no finding calls an indicator by its number alone", () => {
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) {
      expect(f.message.vi).not.toMatch(/(chỉ tiêu|tỷ lệ) \d/i);
      expect(f.message.en).not.toMatch(/(indicator|rate) \d/i);
    }
  });
});

describe("a date or a time in a figure cell is called what its format shows", () => {
  const typed = (value: number, numFmt: string) => {
    const a = TestAnnex.filled().set("2", "estimateCur", value, { numFmt });
    return at(analyze(a).findings, "type.not-a-number", a.address("2", "estimateCur"))?.message;
  };

  test("hh:mm is a time, not a date", () => {
    const m = typed(0.5, "hh:mm");
    expect(m?.vi).toContain("chứa giờ 12:00 (định dạng giờ), không phải số liệu");
    expect(m?.en).toContain("holds the time 12:00 (formatted as a time), not a figure");
    expect(m?.vi).not.toContain("ngày");
  });

  test("a date with a time is both; a date alone shows only the day", () => {
    expect(typed(44561.5, "dd/mm/yyyy hh:mm")?.vi).toContain(
      "chứa ngày giờ 31/12/2021 12:00 (định dạng ngày giờ)"
    );
    expect(typed(44561.5, "dd/mm/yyyy")?.vi).toContain(
      "chứa ngày 31/12/2021 (định dạng ngày tháng), không phải số liệu"
    );
  });

  test.each([
    ["hh:mm", "time"],
    ["h:mm AM/PM", "time"],
    ["[h]:mm:ss", "time"],
    ["mm:ss", "time"],
    ["dd/mm/yyyy", "date"],
    ["mmm-yy", "date"],
    ["[$-42A]d mmmm yyyy", "date"],
    ['dd/mm/yyyy "lúc" hh:mm', "dateTime"],
  ])("%s shows a %s", (format, shows) => {
    expect(dateFormatShows(format)).toBe(shows);
  });
});

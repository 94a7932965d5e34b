import {
  analyzeSheet,
  builtInTemplates,
  Finding,
  loadTargetsJson,
  RULE_IDS,
  RuleId,
  snapshotFromValues,
  SnapshotEditor,
} from "../../src/domain";
import { formulaAt } from "../../src/domain/sheet/snapshot";
import { template, TestAnnex } from "../helpers/annex";
import langSonTargets from "../../src/samples/targets/lang-son-2023.json";

const BIEU03 = "bieu-03-ho-tro-nha-o-nguoi-co-cong";

/** Lạng Sơn's targets for 2023 (the demo's targets file): plans are checked against them. */
const targets = loadTargetsJson(
  JSON.stringify(langSonTargets),
  builtInTemplates(),
  "lang-son-2023.json"
);
const check = (a: TestAnnex, options: { changeThreshold?: number } = {}) =>
  analyzeSheet(a.sheet, { locale: "vi-VN", templates: [a.tpl], targets, ...options }).findings;
const only = (findings: readonly Finding[], ruleId: RuleId) =>
  findings.filter((f) => f.ruleId === ruleId);

/** A clean row 2 (loans, count, up, flow) and 22 (poverty rate, down, ratio of 21 over 20). */
function clean(): TestAnnex {
  return new TestAnnex()
    .setRow("2", {
      actualPrev: 2100,
      planCur: 2500,
      actual6m: 1200,
      estimateCur: 2600,
      planNext: 2700,
    })
    .setRow("20", { actualPrev: 190510, actual6m: 192705, estimateCur: 192705, planNext: 194000 })
    .setRow("21", { actualPrev: 27620, actual6m: 23510, estimateCur: 20710, planNext: 15035 })
    .setRow("22", {
      actualPrev: 14.5,
      planCur: 11.5,
      actual6m: 12.2,
      estimateCur: 10.75,
      planNext: 7.75,
    });
}

/** Each scenario breaks one thing and names the rule that must catch it, at which cell. */
const scenarios: Array<[RuleId, string, () => TestAnnex, (a: TestAnnex) => string]> = [
  [
    "type.number-as-text",
    'text "2.600" in a count cell',
    () => clean().set("2", "estimateCur", "2.600"),
    (a) => a.address("2", "estimateCur"),
  ],
  [
    "type.not-a-number",
    "words in a count cell",
    () => clean().set("2", "estimateCur", "chưa có"),
    (a) => a.address("2", "estimateCur"),
  ],
  [
    "type.error-value",
    "#DIV/0! in an input",
    () => clean().set("2", "estimateCur", { error: "#DIV/0!" }),
    (a) => a.address("2", "estimateCur"),
  ],
  [
    "bounds.negative",
    "a negative count",
    () => clean().set("2", "estimateCur", -5),
    (a) => a.address("2", "estimateCur"),
  ],
  [
    "bounds.not-whole",
    "half a project",
    () => clean().set("2", "estimateCur", 2600.5),
    (a) => a.address("2", "estimateCur"),
  ],
  [
    "bounds.rate-range",
    "a rate of 120%",
    () => clean().set("22", "planNext", 120),
    (a) => a.address("22", "planNext"),
  ],
  [
    "bounds.template",
    "above a bound the template sets",
    () => {
      const t = template();
      const bounded = {
        ...t,
        indicators: t.indicators.map((i) => (i.code === "2" ? { ...i, bounds: { max: 2550 } } : i)),
      };
      return new TestAnnex(bounded).setRow("2", { actualPrev: 2100, estimateCur: 2600 });
    },
    (a) => a.address("2", "estimateCur"),
  ],
  [
    "required.missing",
    "a main indicator without its estimate",
    () => clean().set("21", "estimateCur", null),
    (a) => a.address("21", "estimateCur"),
  ],
  [
    "sum.mismatch",
    "jobs 6.540 ≠ 5.000 + 1.310 + 200",
    () =>
      clean()
        .setRow("1", { estimateCur: 6540 })
        .setRow("1.1", { estimateCur: 5000 })
        .setRow("1.2", { estimateCur: 1310 })
        .setRow("1.3", { estimateCur: 200 }),
    (a) => a.address("1", "estimateCur"),
  ],
  [
    "sum.rounding",
    "funds 1.003 for rounded parts 400 + 300 + 300",
    () =>
      new TestAnnex(template(BIEU03))
        .setRow("8", { estimateCur: 1003 })
        .setRow("8.1", { estimateCur: 400 })
        .setRow("8.2", { estimateCur: 300 })
        .setRow("8.3", { estimateCur: 300 }),
    (a) => a.address("8", "estimateCur"),
  ],
  [
    "part.exceeds",
    "280 in the centre of 250 registered",
    () => clean().set("38", "estimateCur", 250).set("38.1", "estimateCur", 280),
    (a) => a.address("38.1", "estimateCur"),
  ],
  [
    "part.carried-over",
    "26 petitions resolved of 24 received: some were received in the period before",
    () => clean().set("74", "estimateCur", 24).set("75", "estimateCur", 26),
    (a) => a.address("75", "estimateCur"),
  ],
  [
    "ratio.mismatch",
    "45,86% for 87 / 181",
    () => clean().set("21", "actual6m", 87).set("20", "actual6m", 181).set("22", "actual6m", 45.86),
    (a) => a.address("22", "actual6m"),
  ],
  [
    "ratio.rounding",
    "12,07% for 23.248 / 192.705 (= 12,064)",
    () => clean().set("21", "actual6m", 23248).set("22", "actual6m", 12.07),
    (a) => a.address("22", "actual6m"),
  ],
  [
    "reduction.mismatch",
    "a fall of 1,5 points where the rate went from 14,5 % to 10,75 % (3,75)",
    () => clean().set("23", "estimateCur", 1.5),
    (a) => a.address("23", "estimateCur"),
  ],
  [
    "reduction.rounding",
    "3,6 points for 14,5 − 10,75 = 3,75 (one unit beyond the rounding of 3,6)",
    () => clean().set("23", "estimateCur", 3.6),
    (a) => a.address("23", "estimateCur"),
  ],
  [
    "flow.part-year-exceeds",
    "6 months above the year",
    () => clean().set("2", "actual6m", 2700),
    (a) => a.address("2", "actual6m"),
  ],
  [
    "derived.mismatch",
    "68,75% typed where 2.600/2.500 = 104%",
    () => clean().set("2", "pctPlan", 68.75, { formula: undefined, numFmt: "0.00" }),
    (a) => a.address("2", "pctPlan"),
  ],
  [
    "derived.rounding",
    "104,01 typed for 104,00",
    () => clean().set("2", "pctPlan", 104.01, { numFmt: "0.00" }),
    (a) => a.address("2", "pctPlan"),
  ],
  [
    "derived.stale",
    "a formula whose saved result is old",
    () => {
      const a = clean();
      const f = formulaAt(a.sheet, a.row("2"), a.col("pctPlan"))!;
      return a.set("2", "pctPlan", 99, { formula: f });
    },
    (a) => a.address("2", "pctPlan"),
  ],
  [
    "unit.mismatch",
    "households written as people",
    () => clean().set("21", "unit", "người"),
    (a) => a.address("21", "unit"),
  ],
  [
    "unit.missing",
    "no unit",
    () => clean().set("21", "unit", null),
    (a) => a.address("21", "unit"),
  ],
  [
    "change.large",
    "+60% without a note",
    () =>
      clean().set("2", "estimateCur", 3400).set("2", "planNext", 3500).set("2", "planCur", 3400),
    (a) => a.address("2", "estimateCur"),
  ],
  [
    "target.unreadable",
    "a plan that is not a target",
    () => clean().set("2", "planCur", "nhiều hơn năm trước"),
    (a) => a.address("2", "planCur"),
  ],
  [
    "target.below-template",
    "trained-labour plan 58% under Lạng Sơn's 62% (its targets file)",
    () => clean().set("13", "planNext", 58),
    (a) => a.address("13", "planNext"),
  ],
  [
    "target.change-read",
    'a plan written "giảm 3%": its level is shown',
    () => clean().set("22", "planNext", "giảm 3%"),
    (a) => a.address("22", "planNext"),
  ],
  [
    "target.change-no-base",
    '"giảm 1-1,5%/năm" with no figure for the year before',
    () => clean().set("22", "planCur", "giảm 1-1,5%/năm").set("22", "actualPrev", null),
    (a) => a.address("22", "planCur"),
  ],
  [
    "targets.not-for-sheet",
    "Lạng Sơn's 2023 targets on a 2024 sheet",
    () => new TestAnnex(template(), 2024),
    () => "A1",
  ],
  [
    "target.not-met",
    "estimate below the plan",
    () => clean().set("2", "estimateCur", 2400),
    (a) => a.address("2", "evaluation"),
  ],
  [
    "number.ambiguous",
    "a target on an amount row whose figure reads two ways (2 500 or 2,5 triệu đồng)",
    () => clean().set("3", "planCur", "trên 2.500"),
    (a) => a.address("3", "planCur"),
  ],
  [
    "row.duplicate",
    "row 2 twice",
    () => {
      const a = clean();
      const r = a.row("2");
      return a.insertRow(r + 1, [...a.sheet.values[r]!]);
    },
    (a) => `B${a.row("2") + 2}`,
  ],
  [
    "row.unknown",
    "an extra row",
    () => {
      const a = clean();
      return a.insertRow(a.row("3"), ["2a", "Số người được hỗ trợ khởi nghiệp", "người", 10]);
    },
    (a) => `B${a.row("3") + 1}`,
  ],
  [
    "row.missing",
    "a main indicator deleted",
    () => {
      const a = clean();
      a.sheet = new SnapshotEditor(a.sheet).spliceRows(a.row("21"), 1).snapshot();
      return a;
    },
    (a) => `B${a.layout.dataStartRow + 1}`,
  ],
  [
    "row.matched-by-code",
    "a renamed row found by its number",
    () => clean().set("2", "name", "Số dự án vay vốn giải quyết việc làm mới"),
    (a) => a.address("2", "name"),
  ],
  [
    "header.missing-column",
    "the estimate column deleted",
    () => {
      const a = clean();
      const c = a.col("estimateCur");
      const blank = <T>(rows: ReadonlyArray<ReadonlyArray<T> | undefined>, empty: T) =>
        rows.map((r) => r && [...r.slice(0, c), empty, ...r.slice(c + 1)]);
      a.sheet = {
        ...a.sheet,
        values: blank(a.sheet.values, ""),
        formulas: blank(a.sheet.formulas, ""),
        numberFormats: blank(a.sheet.numberFormats, "General"),
      };
      return a;
    },
    (a) => `A${a.layout.headerRows[0] + 1}`,
  ],
  [
    "header.year-mismatch",
    "metadata says 2024, headers say 2023",
    () => {
      const a = clean();
      a.sheet = { ...a.sheet, metadata: { ...a.sheet.metadata!, year: 2024 } };
      return a;
    },
    (a) => `A${a.layout.headerRows[0] + 1}`,
  ],
  [
    "header.period-mismatch",
    "the 6-month column headed 'TH 9 tháng năm 2022'",
    () => {
      const a = clean();
      const r = a.sheet.values.findIndex((row) => row?.includes("TH 6 tháng năm 2022"));
      return a.setCell(r, a.sheet.values[r]!.indexOf("TH 6 tháng năm 2022"), {
        value: "TH 9 tháng năm 2022",
      });
    },
    (a) => a.address("1", "actual6m").replace(/\d+$/, String(a.layout.headerRows[0] + 1)),
  ],
  [
    "merge.input-derived",
    "a row's input cells merged with its derived cells",
    () => {
      const a = clean();
      a.sheet = {
        ...a.sheet,
        merges: [`${a.address("2", "actualPrev")}:${a.address("2", "note")}`],
      };
      return a;
    },
    (a) => a.address("2", "actualPrev"),
  ],
  [
    "formula.not-calculated",
    "a person's =SUM(…) in a figure cell, saved without its result (#17)",
    () => {
      const a = clean();
      return a.set("2", "estimateCur", "", {
        formula: `=SUM(${a.address("2", "actualPrev")}:${a.address("2", "planCur")})`,
      });
    },
    (a) => a.address("2", "estimateCur"),
  ],
  [
    "poverty.standard-changed",
    "the 2028 plan compares the poverty rate of 2027 (Decree 351/2025) with 2026's (the 2022–2025 standard)",
    () => {
      const a = new TestAnnex(template(), 2028);
      a.setRow("22", { actualPrev: 12.2, planCur: 11.5, estimateCur: 10.75, planNext: 9.75 });
      return a;
    },
    (a) => a.address("22", "yoy"),
  ],
  [
    "derived.overflow",
    "a figure of 1e308 makes percent of plan overflow",
    () => clean().setRow("2", { planCur: 0.5, estimateCur: 1e308 }),
    (a) => a.address("2", "pctPlan"),
  ],
  // issue 19 (consolidation you can trust): what a consolidated annex recorded about its cells
  ...(
    [
      [
        "consolidated.partial-base",
        "partial-base",
        "22",
        "a rate the merge left empty for want of a base",
      ],
      ["consolidated.left-empty", "left-empty", "10", "a rate the merge left for the province"],
      ["consolidated.text", "text", "1", "a sum some units wrote as text"],
      ["consolidated.partial-sum", "partial-sum", "1", "a sum some units left blank"],
    ] as const
  ).map(([id, kind, code, what]): [RuleId, string, () => TestAnnex, (a: TestAnnex) => string] => [
    id,
    what,
    () => {
      const a = clean().set(
        code,
        "estimateCur",
        kind === "text" || kind === "partial-sum" ? 5 : ""
      );
      const cell = a.address(code, "estimateCur");
      const message = { vi: "Để trống: thiếu ở Cao Lộc.", en: "Left empty: missing from Cao Lộc." };
      a.sheet = {
        ...a.sheet,
        metadata: {
          ...a.sheet.metadata!,
          consolidated: { units: 2, notes: [{ kind, cell, message }] },
        },
      };
      return a;
    },
    (a) => a.address(code, "estimateCur"),
  ]),
];

describe("each rule catches what it is for, at the right cell", () => {
  test("the clean sheet has none of these findings", () => {
    const findings = check(clean());
    const unexpected = findings.filter(
      (f) => !["row.missing", "required.missing"].includes(f.ruleId)
    );
    expect(unexpected.map((f) => `${f.ruleId} ${f.cells[0]} ${f.message.en}`)).toEqual([]);
  });

  test.each(scenarios)("%s: %s", (ruleId, _what, build, where) => {
    const a = build();
    const hits = only(check(a), ruleId);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.cells[0])).toContain(where(a));
    for (const h of hits) {
      expect(h.message.vi).not.toEqual(h.message.en);
      expect(h.reason.vi.length).toBeGreaterThan(10);
      expect(h.reason.en.length).toBeGreaterThan(10);
    }
    // Nothing but this scenario's change should be new compared with the clean sheet.
  });

  test("a count's target is whole, so 'trên 2.500' on a count row is not ambiguous (#11)", () => {
    const a = clean().set("2", "planCur", "trên 2.500");
    expect(only(check(a), "number.ambiguous")).toEqual([]);
  });

  test("the scenarios cover every rule in the catalog (but the two about sheets without an annex)", () => {
    const covered = new Set(scenarios.map((s) => s[0]));
    const sheetLevel: RuleId[] = ["sheet.no-annex", "sheet.unknown-template"];
    expect(RULE_IDS.filter((id) => !covered.has(id) && !sheetLevel.includes(id))).toEqual([]);
  });

  test("amount sums within rounding are fine; beyond it they are errors", () => {
    const funds = (total: number) =>
      only(
        check(
          new TestAnnex(template(BIEU03))
            .setRow("8", { estimateCur: total })
            .setRow("8.1", { estimateCur: 400 })
            .setRow("8.2", { estimateCur: 300 })
            .setRow("8.3", { estimateCur: 300 })
        ),
        "sum.mismatch"
      ).length +
      only(
        check(
          new TestAnnex(template(BIEU03))
            .setRow("8", { estimateCur: total })
            .setRow("8.1", { estimateCur: 400 })
            .setRow("8.2", { estimateCur: 300 })
            .setRow("8.3", { estimateCur: 300 })
        ),
        "sum.rounding"
      ).length *
        10;
    expect(funds(1000)).toBe(0);
    expect(funds(1002)).toBe(0);
    expect(funds(1003)).toBe(10);
    expect(funds(1010)).toBe(1);
  });
});

describe("details that matter to reviewers", () => {
  test("numbers in messages follow each language's convention", () => {
    const f = only(
      check(
        clean().set("21", "actual6m", 87).set("20", "actual6m", 181).set("22", "actual6m", 45.86)
      ),
      "ratio.mismatch"
    )[0];
    expect(f.message.vi).toContain("45,86%");
    expect(f.message.en).toContain("45.86%");
    expect(f.expected).toEqual({ vi: "48,07", en: "48.07" });
    expect(f.found).toEqual({ vi: "45,86", en: "45.86" });
  });

  test("within rounding is fine: 12,20% for 23.510 / 192.705", () => {
    const findings = check(clean());
    expect(only(findings, "ratio.mismatch").concat(only(findings, "ratio.rounding"))).toEqual([]);
  });

  test("a number stored as text offers its parsed number as a fix and names the other reading", () => {
    const f = only(check(clean().set("2", "estimateCur", "2.600")), "type.number-as-text")[0];
    expect(f.fix).toEqual({ address: f.cells[0], value: 2600 });
    expect(f.message.en).toContain("2.6");
    expect(f.severity).toBe("warning");
  });

  test("sum and part checks run in every period column", () => {
    const a = clean()
      .setRow("9", { actualPrev: 95, actual6m: 43, estimateCur: 90 })
      .setRow("9.1", { actualPrev: 80, actual6m: 42, estimateCur: 82 })
      .setRow("9.2", { actualPrev: 10, actual6m: 1, estimateCur: 8 })
      .setRow("9.3", { actualPrev: 0, actual6m: 0, estimateCur: 0 });
    const hits = only(check(a), "sum.mismatch");
    expect(hits.map((h) => h.columnId)).toEqual(["actualPrev"]);
  });

  test("a sum with blank parts still catches parts that exceed the total", () => {
    const hits = only(
      check(clean().set("1", "estimateCur", 100).set("1.1", "estimateCur", 150)),
      "sum.mismatch"
    );
    expect(hits).toHaveLength(1);
  });

  test("a note in Ghi chú answers a large change", () => {
    const a = clean()
      .set("2", "estimateCur", 3400)
      .set("2", "planNext", 3500)
      .set("2", "planCur", 3400);
    expect(only(check(a), "change.large")).toHaveLength(1);
    expect(
      only(check(a.set("2", "note", "Tăng vốn theo Nghị quyết 12")), "change.large")
    ).toHaveLength(0);
    expect(only(check(a, { changeThreshold: 70 }), "change.large")).toHaveLength(0);
  });

  test("stocks are not held to the 6-month ≤ year rule; flows are", () => {
    const a = clean().set("14", "actual6m", 3900).set("14", "estimateCur", 3800);
    expect(only(check(a), "flow.part-year-exceeds")).toHaveLength(0);
  });

  test("a cell formatted as a percentage is read as percent", () => {
    const a = clean().set("22", "actual6m", 0.122, { numFmt: "0.00%" });
    const findings = check(a);
    expect(only(findings, "bounds.rate-range")).toEqual([]);
    expect(only(findings, "ratio.mismatch")).toEqual([]);
  });

  test("severity can be changed or a rule switched off", () => {
    const a = clean().set("2", "estimateCur", "2.600");
    const findings = analyzeSheet(a.sheet, {
      locale: "vi-VN",
      severities: { "type.number-as-text": "error", "change.large": "off" },
    }).findings;
    expect(only(findings, "type.number-as-text")[0].severity).toBe("error");
  });

  test("errors come first, then by position", () => {
    const findings = check(clean().set("2", "estimateCur", -5).set("21", "unit", "người"));
    const order = findings.map((f) => f.severity);
    expect(
      [...order].sort(
        (a, b) => ["error", "warning", "info"].indexOf(a) - ["error", "warning", "info"].indexOf(b)
      )
    ).toEqual(order);
  });

  test("a sheet with no annex says so, in both languages", () => {
    const findings = analyzeSheet(
      snapshotFromValues("Ghi chú", [["Danh sách cán bộ"], ["Nguyễn Văn A", 1]]),
      { locale: "vi-VN" }
    ).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "sheet.no-annex", severity: "error" });
    expect(findings[0].message.vi).toContain("Ghi chú");
  });

  test("metadata naming a template that is not in the catalog is reported", () => {
    const a = clean();
    a.sheet = {
      ...a.sheet,
      metadata: { templateId: "bieu-99", templateVersion: "1.0.0", year: 2023 },
    };
    expect(check(a)[0]).toMatchObject({ ruleId: "sheet.unknown-template" });
  });
});

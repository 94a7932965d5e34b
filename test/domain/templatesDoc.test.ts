import { readFileSync } from "fs";
import { join } from "path";
import {
  analyzeSheet,
  buildAnnexLayout,
  layoutSnapshot,
  loadTemplateJson,
  SnapshotEditor,
} from "../../src/domain";

/** The example in docs/templates.md is real: it loads, lays out and is checked like a built-in one. */
test("the example template in docs/templates.md loads and works", () => {
  const doc = readFileSync(join(__dirname, "../../docs/templates.md"), "utf8");
  const example = /## Example: a province's own table\s+```json\n([\s\S]*?)```/.exec(doc)?.[1];
  expect(example).toBeDefined();
  const t = loadTemplateJson(example ?? "", "docs/templates.md");
  expect(t.indicators).toHaveLength(4);
  const layout = buildAnnexLayout(t, { year: 2024 });
  const sheet = layoutSnapshot(layout);
  const r = layout.rowOf.get("2") ?? -1;
  const typed = new SnapshotEditor(sheet).set(r, 3, 35).set(r, 4, 25).snapshot();
  const analysis = analyzeSheet(typed, { locale: "vi-VN", templates: [t] });
  expect(analysis.annex?.template.id).toBe("lang-son-viec-lam-bo-sung");
  expect(
    analysis.derived.find((d) => d.indicator.code === "2" && d.columnId === "evaluation")?.value
  ).toBe("Không đạt");
  expect(analysis.findings.map((f) => f.ruleId)).toContain("target.not-met");
});

import { learnTemplate } from "../src/domain/learn";
import { fmt, medianMs } from "./measure";
import { syntheticSheet, syntheticTemplate } from "./syntheticAnnex";

/**
 * Issue #20: learning the template of a 500-row sheet (groups of a total, three parts and a rate over
 * the total, five filled columns), the sheet as `annex new` writes it with its `_annex` record left
 * out, as a hand-made sheet comes. Engine time only; goal ≤ 300 ms.
 */
export function learnBench(): void {
  const rows = 500;
  const { metadata: _kept, ...sheet } = syntheticSheet(syntheticTemplate(rows));
  const probe = learnTemplate(sheet);
  if (!probe.ok) throw new Error(probe.en);
  const relations = probe.template.indicators.reduce((n, i) => n + i.relations.length, 0);
  const ms = medianMs(() => learnTemplate(sheet), 11, 2);
  console.log(
    `Learn: a template from a hand-made sheet\n  learn ${rows} rows ${fmt(ms)}   (${probe.template.indicators.length} indicators, ${relations} relations, ${probe.questions.length} questions; goal ≤ 300 ms) ${ms <= 300 ? "✓" : "✗"}`
  );
}

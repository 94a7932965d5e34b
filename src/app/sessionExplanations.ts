import {
  Bilingual,
  explainFinding,
  explanationKey,
  Finding,
  sameExplanation,
  withExplanation,
} from "../domain";
import { findingId } from "./findingViews";
import { failure, Outcome, success } from "./problems";
import { CheckReport, checkNow } from "./sessionCheck";
import { SessionState } from "./sessionState";

/** Giải trình: explaining a finding of the last check, and withdrawing an explanation. */

export interface ExplainResult {
  readonly sheet: string;
  /** The sheet checked again: the finding among `explained` (or back among the findings). */
  readonly report: CheckReport;
  readonly summary: Bilingual;
}

/**
 * Explains a finding of the last check (giải trình): the reason is kept in the workbook, beside the
 * annex metadata, with a fingerprint of the finding's figures; the finding is then listed apart and
 * not counted, until one of those figures changes. Explaining it again replaces the reason; the same
 * reason again writes nothing. The sheet is checked again.
 */
export function explain(
  s: SessionState,
  id: string,
  reason: string
): Promise<Outcome<ExplainResult>> {
  return s.run(async () => {
    const text = reason.trim();
    if (!text)
      return failure<ExplainResult>("invalid-argument", {
        vi: "Hãy nhập lý do giải trình trước khi lưu.",
        en: "Type the reason before saving the explanation.",
      });
    const read = await readChecked(s);
    if (!read.ok) return read;
    const { snapshot, analysis } = read.value;
    const all: Finding[] = [
      ...analysis.findings,
      ...(analysis.explanations?.explained.map((x) => x.finding) ?? []),
    ];
    const finding = all.find((f) => findingId(f) === id);
    if (!finding) {
      await checkNow(s, snapshot.name, []);
      return failure<ExplainResult>("not-checked", {
        vi: "Phát hiện này không còn trên trang tính: số liệu đã thay đổi từ lần kiểm tra trước. Kết quả kiểm tra đã được cập nhật.",
        en: "This finding is no longer on the sheet: the figures changed since the last check. The results have been updated.",
      });
    }
    const explanation = explainFinding(finding, snapshot, analysis.annex, {
      reason: text,
      date: today(),
    });
    // The finding's explanation as it reads now (it follows its indicator's row).
    const existing = [
      ...(analysis.explanations?.explained ?? []),
      ...(analysis.explanations?.reopened ?? []),
    ].find((x) => x.finding === finding)?.explanation;
    const same = existing !== undefined && sameExplanation(existing, explanation);
    // A change the host applies to the explanations as it reads them right before writing.
    if (!same)
      await s.host.writeExplanations(snapshot.name, (stored) =>
        withExplanation(stored, explanation, explanation)
      );
    const checked = await checkNow(s, snapshot.name, []);
    if (!checked.ok) return checked;
    const cell = explanation.cell;
    return success<ExplainResult>({
      sheet: snapshot.name,
      report: checked.value,
      summary: same
        ? {
            vi: `Ô ${cell} đã có giải trình này; không có gì thay đổi.`,
            en: `Cell ${cell} already has this explanation; nothing changed.`,
          }
        : {
            vi: `Đã lưu giải trình cho ô ${cell} trong sổ tính. Phát hiện này không còn được tính, cho đến khi số liệu của nó thay đổi.`,
            en: `Saved the explanation for cell ${cell} in the workbook. The finding no longer counts, until its figures change.`,
          },
    });
  });
}

/** Withdraws an explanation (its ExplanationView key): the finding counts again. */
export function withdrawExplanation(s: SessionState, key: string): Promise<Outcome<ExplainResult>> {
  return s.run(async () => {
    const read = await readChecked(s);
    if (!read.ok) return read;
    const { snapshot, analysis } = read.value;
    const e = analysis.explanations;
    const all = e
      ? [
          ...e.explained.map((x) => x.explanation),
          ...e.reopened.map((x) => x.explanation),
          ...e.stale,
          ...e.unplaced.map((x) => x.explanation),
        ]
      : [];
    const gone = all.find((e) => explanationKey(e) === key);
    if (gone)
      await s.host.writeExplanations(snapshot.name, (stored) => withExplanation(stored, gone));
    const checked = await checkNow(s, snapshot.name, []);
    if (!checked.ok) return checked;
    return success<ExplainResult>({
      sheet: snapshot.name,
      report: checked.value,
      summary: gone
        ? {
            vi: `Đã rút giải trình ở ô ${gone.cell}; phát hiện này lại được tính.`,
            en: `Withdrew the explanation at cell ${gone.cell}; the finding counts again.`,
          }
        : {
            vi: "Giải trình này đã được rút trước đó; không có gì thay đổi.",
            en: "This explanation was already withdrawn; nothing changed.",
          },
    });
  });
}

/** The last checked sheet read afresh, for an action on its findings. */
async function readChecked(s: SessionState): ReturnType<SessionState["readAnnex"]> {
  if (!s.last)
    return failure("not-checked", {
      vi: "Hãy kiểm tra trang tính trước khi giải trình.",
      en: "Check the sheet before explaining a finding.",
    });
  return s.readAnnex(s.last.report.sheet);
}

/** Today's date where the pane runs, ISO 8601 ("2026-11-21"). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

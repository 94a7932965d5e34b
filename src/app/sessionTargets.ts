import { Bilingual } from "../domain";
import { Outcome, success } from "./problems";
import { CheckReport, checkNow } from "./sessionCheck";
import { SessionState } from "./sessionState";
import { readTargetsText, TargetsView } from "./targetsChoice";
import { templateList } from "./templateCatalog";

/**
 * Tệp chỉ tiêu: keeping a province's targets file with the workbook, or removing it. The file is read
 * (and its view made) by targetsChoice.ts.
 */

export interface TargetsResult {
  /** The targets file now kept with the workbook (none after removing it). */
  readonly targets?: TargetsView;
  /** The sheet checked again with it, when the active sheet holds an annex. */
  readonly report?: CheckReport;
  readonly summary: Bilingual;
}

/**
 * Keeps a province's targets file (its JSON text, a file the user chose) with the workbook, for
 * Kiểm tra and Tính cột from now on, then checks the active sheet with it. A file that is not a
 * valid targets file is refused with --targets' own words, and nothing is kept.
 */
export function chooseTargets(
  s: SessionState,
  text: string,
  name: string
): Promise<Outcome<TargetsResult>> {
  return s.run(async () => {
    const read = readTargetsText(text.replace(/^\uFEFF/, ""), name, templateList(s.custom));
    if (!read.ok) return read;
    await s.host.writeTargets(text.replace(/^\uFEFF/, ""));
    s.keptTargets = read.value.view;
    s.targetsRead = true;
    return checkedWithTargets(s, read.value.view, {
      vi: `Đã lưu tệp chỉ tiêu "${name}" vào sổ tính: ${read.value.view.summary.vi}`,
      en: `Kept the targets file "${name}" in the workbook: ${read.value.view.summary.en}`,
    });
  });
}

/** Forgets the targets file kept with the workbook; the sheet is checked again without it. */
export function removeTargets(s: SessionState): Promise<Outcome<TargetsResult>> {
  return s.run(async () => {
    await s.host.writeTargets(undefined);
    s.keptTargets = undefined;
    s.targetsRead = true;
    return checkedWithTargets(s, undefined, {
      vi: "Đã bỏ tệp chỉ tiêu khỏi sổ tính; kiểm tra theo mẫu biểu, không theo chỉ tiêu của tỉnh.",
      en: "Removed the targets file from the workbook; checks follow the template, not the province's targets.",
    });
  });
}

async function checkedWithTargets(
  s: SessionState,
  targets: TargetsView | undefined,
  summary: Bilingual
): Promise<Outcome<TargetsResult>> {
  const checked = await checkNow(s, s.last?.report.sheet, []);
  // Kept either way: a sheet that holds no annex is checked with it once one is opened.
  if (!checked.ok && checked.problem.code !== "no-annex") return checked;
  return success<TargetsResult>({
    ...(targets ? { targets } : {}),
    ...(checked.ok ? { report: checked.value } : {}),
    summary,
  });
}

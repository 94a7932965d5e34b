import {
  Bilingual,
  invalidTargetsText,
  loadTargetsJson,
  Template,
  TargetsError,
  TargetsFile,
} from "../domain";
import { failure, Outcome, success } from "./problems";

/**
 * The province's targets file in the pane (#17): chosen once in Kiểm tra or Tính cột, kept with the
 * workbook (AnnexHost.writeTargets: the metadata sheet "_annex"), so whoever opens the workbook checks
 * against the same targets. Read with the same rules and the same messages as `annex check --targets`.
 */

/** What the pane shows of the targets file in use. */
export interface TargetsView {
  readonly province: string;
  readonly year: number;
  /** How many targets it sets. */
  readonly count: number;
  /** "Chỉ tiêu của Lạng Sơn năm 2023 (4 chỉ tiêu), lưu trong sổ tính." */
  readonly summary: Bilingual;
}

export interface ReadTargets {
  readonly file: TargetsFile;
  readonly view: TargetsView;
}

/** The name a targets file kept in the workbook goes by in messages. */
export const KEPT_TARGETS: Bilingual = {
  vi: "(tệp chỉ tiêu lưu trong sổ tính)",
  en: "(the targets file kept in the workbook)",
};

/** Reads a targets file's text against the templates; its problems as --targets words them. */
export function readTargetsText(
  text: string,
  name: string | Bilingual,
  templates: readonly Template[]
): Outcome<ReadTargets> {
  try {
    const file = loadTargetsJson(text, templates, typeof name === "string" ? name : name.en);
    return success({ file, view: targetsView(file) });
  } catch (e) {
    if (!(e instanceof TargetsError)) throw e;
    return failure("targets-invalid", invalidTargetsText(name, e.problems));
  }
}

function targetsView(file: TargetsFile): TargetsView {
  const n = file.targets.length;
  return {
    province: file.province,
    year: file.year,
    count: n,
    summary: {
      vi: `Chỉ tiêu của ${file.province} năm ${file.year} (${n} chỉ tiêu), lưu trong sổ tính.`,
      en: `${file.province}'s targets for ${file.year} (${n} target${n === 1 ? "" : "s"}), kept in the workbook.`,
    },
  };
}

import { formatNumber } from "../numbers/formatNumber";

/**
 * A file's problems (a template, a targets file), one line each by path, as the command line and the
 * pane list them: the first screenful only, then how many more there are. A targets file of 200,000
 * bad entries printed 13 MB of errors (#17); the person fixes the first few and runs again.
 */
export const PROBLEM_LIMIT = 20;

export interface PathProblem {
  readonly path: string;
  readonly vi: string;
  readonly en: string;
}

export function problemLines(
  problems: readonly PathProblem[],
  lang: "vi" | "en",
  limit = PROBLEM_LIMIT
): string[] {
  const lines = problems.slice(0, limit).map((p) => `${p.path}: ${p[lang]}`);
  const more = problems.length - lines.length;
  if (more > 0)
    lines.push(
      lang === "vi"
        ? `… và ${formatNumber(more, "vi-VN")} lỗi khác (sửa các lỗi trên rồi chạy lại).`
        : `… and ${formatNumber(more, "en-US")} more (fix the ones above and run again).`
    );
  return lines;
}

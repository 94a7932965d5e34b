/** A finding: where (cells), what (message, expected, found), how serious, and why the rule exists. */
export type Severity = "error" | "warning" | "info";

export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly sheet: string;
  /** The cell the finding is shown at, then any other cells involved. */
  readonly cells: readonly string[];
  readonly indicatorCode?: string;
  readonly columnId?: string;
  readonly message: Bilingual;
  readonly expected?: Bilingual;
  readonly found?: Bilingual;
  readonly reason: Bilingual;
  /** A value the user may choose to write instead (e.g. the number read from "16.000"). */
  readonly fix?: { readonly address: string; readonly value: number };
}

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

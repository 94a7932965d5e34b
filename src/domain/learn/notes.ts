/**
 * What the learner tells the officer besides the template: evidence (why it proposes a column role, a
 * kind, a relation: "đúng ở cột Cùng kỳ: 6.200 = 4.800 + 1.200 + 200; lệch 90 ở cột Quý I") and
 * questions (what it guessed and wants confirmed: a direction by default, a "Tỷ lệ" row without %).
 */
export interface LearnNote {
  readonly kind: "evidence" | "question";
  /** What the note is about. */
  readonly field: "column" | "year" | "kind" | "direction" | "nature" | "relation" | "unit" | "row";
  /** The indicator's code in the learned template, for notes about a row. */
  readonly code?: string;
  readonly vi: string;
  readonly en: string;
}

import { EVALUATION } from "../../src/domain";

/**
 * One table of verdicts, read as a careful reviewer reads a plan (docs/templates.md, "Cách đọc chỉ tiêu
 * kế hoạch"), that every place a verdict is made must give: the engine's check of a plan against the
 * province's targets file, the Đánh giá formula (the expression written into the sheet, evaluated; and
 * recalculated by LibreOffice in test/referee/verdicts.test.ts), and the check of a Đánh giá a person
 * typed. Rows of Biểu 01: 2 (dự án, up, count), 13 (trained labour, up, rate), 10 (unemployment, down,
 * rate), 36 (child injuries, down, count), 67 (dossiers for compulsory rehabilitation, neutral, count),
 * 65 (people brought into drug rehabilitation: up since Biểu 01 1.3.0, plans target it).
 */
export interface VerdictCase {
  readonly code: string;
  readonly target: string | number;
  readonly value: number;
  /** The figure of the year before, for a change ("giảm 1-1,5%/năm", "tăng 5%"). */
  readonly base?: number;
  readonly expected: string;
  /** Why a reviewer reads it so. */
  readonly why: string;
}

const [V, D, M] = [EVALUATION.exceeded, EVALUATION.met, EVALUATION.notMet];

export const VERDICT_CASES: readonly VerdictCase[] = [
  // A plain figure: beyond it Vượt, at it Đạt.
  { code: "2", target: 160, value: 170, expected: V, why: "above a plain plan" },
  { code: "2", target: 160, value: 160, expected: D, why: "the plan's figure reached" },
  { code: "2", target: 160, value: 150, expected: M, why: "below a plain plan" },
  // "trên X" reached is Đạt (reports say "đạt 100% kế hoạch"); only beyond it is Vượt.
  { code: "2", target: "trên 160", value: 160, expected: D, why: "trên X reached" },
  { code: "2", target: "trên 160", value: 161, expected: V, why: "trên X exceeded" },
  { code: "2", target: "trên 160", value: 159, expected: M, why: "trên X missed" },
  { code: "2", target: "từ 160 trở lên", value: 160, expected: D, why: "từ X trở lên reached" },
  { code: "2", target: "≥ 160", value: 175, expected: V, why: "≥ X exceeded" },
  // A cap on a row where more is better is a limit to stay within: never Vượt.
  { code: "2", target: "không quá 160", value: 160, expected: D, why: "cap reached" },
  { code: "2", target: "không quá 160", value: 100, expected: D, why: "within a cap" },
  { code: "2", target: "không quá 160", value: 170, expected: M, why: "cap passed" },
  // "khoảng X" and a range: only the unfavourable side misses.
  { code: "2", target: "khoảng 160", value: 180, expected: V, why: "above about X, up" },
  { code: "2", target: "khoảng 160", value: 152, expected: D, why: "about X's lower edge (5 %)" },
  { code: "2", target: "khoảng 160", value: 150, expected: M, why: "below about X, up" },
  { code: "2", target: "150-170", value: 180, expected: V, why: "above a range, up" },
  { code: "2", target: "150-170", value: 150, expected: D, why: "a range's lower end, up" },
  { code: "2", target: "150-170", value: 140, expected: M, why: "below a range, up" },
  { code: "2", target: "tăng 5%", base: 200, value: 210, expected: D, why: "200 × 1,05 reached" },
  { code: "2", target: "tăng 5%", base: 200, value: 220, expected: V, why: "a rise beyond 5 %" },
  { code: "2", target: "tăng 5%", base: 200, value: 205, expected: M, why: "a rise short of 5 %" },
  // Rates: "khoảng X%" reaches ±1 point, not ±5 % of X.
  { code: "13", target: "khoảng 75%", value: 74, expected: D, why: "1 point under about 75 %" },
  { code: "13", target: "khoảng 75%", value: 73.5, expected: M, why: "1,5 points under" },
  { code: "13", target: "khoảng 75%", value: 76.5, expected: V, why: "1,5 points over, up" },
  { code: "13", target: "đạt 62%", value: 62, expected: D, why: "a level reached" },
  // Lower is better: mirrored.
  { code: "10", target: "dưới 4", value: 4, expected: D, why: "dưới X reached" },
  { code: "10", target: "dưới 4", value: 3.5, expected: V, why: "below dưới X" },
  { code: "10", target: "dưới 4", value: 4.5, expected: M, why: "above dưới X" },
  { code: "10", target: "không quá 4", value: 3, expected: V, why: "under không quá X" },
  { code: "10", target: "từ 2 trở lên", value: 5, expected: D, why: "a floor, down: within" },
  { code: "10", target: "từ 2 trở lên", value: 1, expected: M, why: "a floor, down: passed" },
  {
    code: "10",
    target: "giảm 1-1,5%/năm",
    base: 7.12,
    value: 5.12,
    expected: V,
    why: "2 points down against giảm 1–1,5 điểm (5,62–6,12)",
  },
  {
    code: "10",
    target: "giảm 1-1,5%/năm",
    base: 7.12,
    value: 6.12,
    expected: D,
    why: "1 point down",
  },
  {
    code: "10",
    target: "giảm 1-1,5%/năm",
    base: 7.12,
    value: 6.5,
    expected: M,
    why: "0,62 points down",
  },
  { code: "10", target: "khoảng 3%", value: 3.8, expected: D, why: "0,8 point over, in points" },
  { code: "10", target: "khoảng 3%", value: 1.5, expected: V, why: "below about X, down" },
  { code: "36", target: "khoảng 240", value: 200, expected: V, why: "fewer injuries than about X" },
  { code: "36", target: "khoảng 240", value: 260, expected: M, why: "more injuries than about X" },
  { code: "36", target: 250, value: 240, expected: V, why: "fewer than a plain plan, down" },
  // Neutral: a comparator, a range or "khoảng" is a band to be in, on either side; a plain figure is not judged.
  { code: "67", target: 300, value: 350, expected: "", why: "a plain figure, neutral" },
  { code: "67", target: "khoảng 300", value: 300, expected: D, why: "about X, neutral" },
  { code: "67", target: "khoảng 300", value: 400, expected: M, why: "above about X, neutral" },
  { code: "67", target: "khoảng 300", value: 200, expected: M, why: "below about X, neutral" },
  { code: "67", target: "trên 100", value: 100, expected: D, why: "trên X reached, neutral" },
  { code: "67", target: "trên 100", value: 50, expected: M, why: "trên X missed, neutral" },
  { code: "67", target: "100-200", value: 250, expected: M, why: "above a range, neutral" },
  // Row 65, people brought into drug rehabilitation: plans set it and ask to exceed it (seed 000 line
  // 264: "cai nghiện ma túy ... đạt và vượt chỉ tiêu kế hoạch"), so it is judged up, not left blank.
  {
    code: "65",
    target: 300,
    value: 350,
    expected: V,
    why: "more brought into treatment than planned, up",
  },
  { code: "65", target: 300, value: 300, expected: D, why: "the plan's figure reached, up" },
  {
    code: "65",
    target: 300,
    value: 250,
    expected: M,
    why: "fewer brought into treatment than planned, up",
  },
];

import { Indicator } from "../template/schema";
import { fold } from "../text/fold";
import words from "./indicatorWords.json";
import { LearnNote } from "./notes";
import { Figure } from "./sheetRows";

/**
 * A row's kind from its unit and name (% → rate; "điểm %", "điểm" → points; đồng, triệu đồng, tỷ
 * đồng → amount; kg, tấn → amount; the rest → count), its direction and flow/stock from the words of
 * its name (indicatorWords.json, data), and what was guessed as a question for the officer.
 */
export type Kind = Indicator["kind"];

interface Phrase<T> {
  readonly phrase: string;
  readonly value: T;
}

const DIRECTIONS: ReadonlyArray<Phrase<Indicator["direction"]>> = words.direction.map((w) => ({
  phrase: w.phrase,
  value: w.direction as Indicator["direction"],
}));
const NATURES: ReadonlyArray<Phrase<Indicator["nature"]>> = words.nature.map((w) => ({
  phrase: w.phrase,
  value: w.nature as Indicator["nature"],
}));

function firstPhrase<T>(list: ReadonlyArray<Phrase<T>>, name: string): Phrase<T> | undefined {
  const padded = ` ${fold(name)} `;
  return list.find((p) => padded.includes(` ${p.phrase} `));
}

export function kindOfUnit(unit: string): Kind | undefined {
  const u = fold(unit);
  if (!u) return undefined;
  if (/^(?:diem %|diem phan tram|diem)$/.test(u)) return "points";
  if (u === "%" || /^ty le\b/.test(u)) return "rate";
  if (/\bdong\b|\bvnd\b|\bkg\b|\btan\b|\bta\b/.test(u)) return "amount";
  return "count";
}

export interface KindDecision {
  readonly kind: Kind;
  readonly notes: LearnNote[];
}

export function learnKind(
  code: string,
  name: string,
  unit: string,
  figures: ReadonlyArray<Figure | undefined>
): KindDecision {
  const notes: LearnNote[] = [];
  const n = fold(name);
  const fromUnit = kindOfUnit(unit);
  const named = /^(?:trong do )?ty (?:le|trong)\b/.test(n);
  const reduction = /^muc (?:giam|tang)\b/.test(n);
  const looksLikeRate =
    figures.some((f) => f && !Number.isInteger(f.value)) &&
    figures.every((f) => !f || (f.value >= 0 && f.value <= 100));
  if (fromUnit === "rate" || fromUnit === "points") {
    if (fromUnit === "points" && !reduction && named) {
      notes.push(
        question(
          code,
          `đơn vị "${unit}" là điểm phần trăm, nhưng tên là một tỷ lệ`,
          `unit "${unit}" is percentage points, but the name is a rate`
        )
      );
    }
    return { kind: fromUnit, notes };
  }
  if (named || reduction) {
    // "Tỷ lệ …" without % is asked, not guessed.
    const kind: Kind = reduction
      ? "points"
      : fromUnit === undefined && looksLikeRate
        ? "rate"
        : (fromUnit ?? "count");
    notes.push(
      question(
        code,
        `tên là ${reduction ? "một mức giảm" : "một tỷ lệ"} nhưng đơn vị ${unit ? `là "${unit}"` : "để trống"}, không phải ${reduction ? '"điểm %"' : '"%"'}: tạm coi là ${kindWord(kind).vi}`,
        `the name is ${reduction ? "a reduction" : "a rate"} but the unit is ${unit ? `"${unit}"` : "blank"}, not ${reduction ? '"điểm %"' : '"%"'}: taken as ${kindWord(kind).en} for now`
      )
    );
    return { kind, notes };
  }
  if (fromUnit === undefined) {
    const kind: Kind =
      looksLikeRate && figures.some((f) => f && f.decimals > 0) ? "amount" : "count";
    notes.push(
      question(
        code,
        `chưa ghi đơn vị tính: tạm coi là ${kindWord(kind).vi}`,
        `no unit written: taken as ${kindWord(kind).en} for now`
      )
    );
    return { kind, notes };
  }
  return { kind: fromUnit, notes };
}

export function kindWord(kind: Kind): { vi: string; en: string } {
  switch (kind) {
    case "rate":
      return { vi: "tỷ lệ (%)", en: "a rate (%)" };
    case "points":
      return { vi: "điểm phần trăm", en: "percentage points" };
    case "amount":
      return { vi: "số tiền / khối lượng", en: "an amount" };
    default:
      return { vi: "số đếm", en: "a count" };
  }
}

export interface Leaning {
  readonly direction: Indicator["direction"];
  readonly nature: Indicator["nature"];
  readonly notes: LearnNote[];
}

/** Direction and flow/stock from the name's words; what no word settles is asked. */
export function learnLeaning(
  code: string,
  name: string,
  kind: Kind,
  asksNature: boolean,
  /** The row this one is a part of, when its direction came from its own words. */
  parent?: { readonly code: string; readonly direction: Indicator["direction"] }
): Leaning {
  const notes: LearnNote[] = [];
  const d = firstPhrase(DIRECTIONS, name);
  const direction = d?.value ?? parent?.direction ?? "neutral";
  if (!d && parent)
    notes.push({
      kind: "evidence",
      field: "direction",
      code,
      vi: `chiều ${directionWord(direction).vi}: như dòng ${parent.code} mà dòng này là một phần`,
      en: `direction ${directionWord(direction).en}: as row ${parent.code}, which it is a part of`,
    });
  else if (d)
    notes.push({
      kind: "evidence",
      field: "direction",
      code,
      vi: `chiều ${directionWord(direction).vi}: tên có "${d.phrase}"`,
      en: `direction ${directionWord(direction).en}: the name has "${d.phrase}"`,
    });
  else
    notes.push(
      question(
        code,
        "chưa biết chỉ tiêu thuận hay nghịch: tạm để trung tính",
        "whether higher or lower is better is unknown: neutral for now",
        "direction"
      )
    );
  if (kind === "rate" || kind === "points") return { direction, nature: "stock", notes };
  const f = firstPhrase(NATURES, name);
  const nature = f?.value ?? "stock";
  if (!f && asksNature)
    notes.push(
      question(
        code,
        "chưa biết số cộng dồn trong năm (số phát sinh) hay số tại một thời điểm: tạm coi là số tại thời điểm (không so số 6 tháng với cả năm)",
        "whether the figure accumulates over the year (a flow) or is a level at a date is unknown: taken as a level (the part-year figure is not compared with the year's)",
        "nature"
      )
    );
  return { direction, nature, notes };
}

export function directionWord(d: Indicator["direction"]): { vi: string; en: string } {
  return d === "up"
    ? { vi: "thuận (càng cao càng tốt)", en: "up (higher is better)" }
    : d === "down"
      ? { vi: "nghịch (càng thấp càng tốt)", en: "down (lower is better)" }
      : { vi: "trung tính", en: "neutral" };
}

function question(
  code: string,
  vi: string,
  en: string,
  field: LearnNote["field"] = "kind"
): LearnNote {
  return { kind: "question", field, code, vi, en };
}

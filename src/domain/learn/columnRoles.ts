import { periodsNamed } from "../template/period";
import { Column } from "../template/schema";
import { fold } from "../text/fold";
import { CODE_HEADERS, HeaderBlock, HeaderColumn } from "./headerBlock";
import { LearnNote } from "./notes";

/**
 * Column roles from the header words and years of a sheet made by hand: STT, Chỉ tiêu, ĐVT; TH /
 * Thực hiện / KH / Kế hoạch / ƯTH / Ước thực hiện, TH 6 tháng, Quý I, 9 tháng, Lũy kế, Cùng kỳ with
 * their years; So sánh (its operands from the numbering row, "5=4/2"), Đánh giá, Ghi chú. The form's
 * year is the latest year an input column names (else the title's), and every header keeps its words
 * with its year written relative to it ("KH năm {Y}"), so the learned template finds the same columns
 * on next year's copy.
 */
export interface LearnedColumn {
  /** The sheet column (0-based). */
  readonly col: number;
  readonly column: Column;
}

export interface ColumnRoles {
  readonly columns: readonly LearnedColumn[];
  /** The form's year (Y), when the headers or the title name one. */
  readonly year?: number;
  /** Months of the year the form reports (3 for quý I, 6, 9, 12 for a full year). */
  readonly months: number;
  readonly notes: readonly LearnNote[];
}

const YEAR = /\b(19[5-9]\d|20\d\d|21\d\d)\b/g;

type Word = "code" | "name" | "unit" | "note" | "evaluation" | "derived" | "input" | "unknown";

function wordOf(h: HeaderColumn): Word {
  const own = fold(h.header);
  const group = fold(h.group ?? "");
  if (CODE_HEADERS.has(own)) return "code";
  if (/^(?:chi tieu|noi dung|ten chi tieu|danh muc|indicator)/.test(own)) return "name";
  if (/^(?:dvt|don vi tinh|don vi|dv tinh|unit)$/.test(own)) return "unit";
  if (/^ghi chu/.test(own)) return "note";
  if (/^danh gia/.test(own)) return "evaluation";
  if (h.number.includes("=") || /^so sanh/.test(group) || /^so sanh/.test(own)) return "derived";
  // "ƯTH/KH", "4/2 (%)": a division of two columns (not "Quý I/2020", a period and its year).
  if (/\/\s*\p{L}/u.test(h.header) || /%/.test(h.header)) return "derived";
  if (periodWord(own + " " + group) !== undefined) return "input";
  return "unknown";
}

/** plan, estimate or actual from the header words ("Ước TH" before "TH"). */
function periodWord(t: string): "plan" | "estimate" | "actual" | undefined {
  if (/\b(?:uoc|uth|u th|uoc th|uoc thuc hien|uoc tinh)\b/.test(t)) return "estimate";
  if (/\b(?:kh|ke hoach|chi tieu giao|muc tieu)\b/.test(t)) return "plan";
  if (/\b(?:th|thuc hien|luy ke|cung ky|ket qua|quy|thang|nam)\b/.test(t)) return "actual";
  return undefined;
}

const PERIOD_MONTHS: Readonly<Record<string, number>> = {
  "quy-1": 3,
  "6-thang": 6,
  "9-thang": 9,
  "ca-nam": 12,
};

function yearsIn(text: string): number[] {
  return [...text.matchAll(YEAR)].map((m) => Number(m[1]));
}

export function learnColumns(block: HeaderBlock): ColumnRoles {
  const notes: LearnNote[] = [];
  const words = block.columns.map(wordOf);
  // The title's year and period ("KẾT QUẢ … QUÝ I NĂM 2020").
  const titleText = block.title.join(" ");
  const titleYears = yearsIn(titleText);
  const titlePeriod = periodsNamed(fold(titleText)).find((p) => p in PERIOD_MONTHS);

  interface Input {
    h: HeaderColumn;
    period: "plan" | "estimate" | "actual";
    year?: number;
    months?: number;
    samePeriodLastYear: boolean;
    odd?: string;
  }
  const inputs = new Map<number, Input>();
  block.columns.forEach((h, i) => {
    if (words[i] !== "input") return;
    const t = fold(`${h.group ?? ""} ${h.header}`);
    const named = periodsNamed(t);
    const samePeriodLastYear = /\bcung ky\b/.test(t);
    const known = named.find((p) => p in PERIOD_MONTHS);
    const odd = named.find((p) => !(p in PERIOD_MONTHS));
    const ys = yearsIn(`${h.group ?? ""} ${h.header}`);
    inputs.set(i, {
      h,
      period: periodWord(t) ?? "actual",
      ...(ys.length ? { year: ys[ys.length - 1] } : {}),
      ...(known && known !== "ca-nam" ? { months: PERIOD_MONTHS[known] } : {}),
      samePeriodLastYear,
      ...(odd ? { odd } : {}),
    });
  });
  const inputYears = [...inputs.values()].flatMap((x) => (x.year === undefined ? [] : [x.year]));
  const year = inputYears.length
    ? Math.max(...inputYears)
    : titleYears.length
      ? Math.max(...titleYears)
      : undefined;
  // The form's months: its current-year figure's period, else the title's, else a whole year.
  const current = [...inputs.values()].find(
    (x) => x.period !== "plan" && x.months !== undefined && x.year === year
  );
  const months = current?.months ?? (titlePeriod ? PERIOD_MONTHS[titlePeriod] : 12);

  const relative = (text: string): string =>
    year === undefined
      ? text
      : text.replace(YEAR, (m) => {
          const k = Number(m) - year;
          return k === 0 ? "{Y}" : `{Y${k > 0 ? "+" : "-"}${Math.abs(k)}}`;
        });
  const used = new Set<string>();
  const idOf = (base: string): string => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  };

  const learned: Array<LearnedColumn & { word: Word; input?: Input }> = [];
  block.columns.forEach((h, i) => {
    const header = { vi: relative(h.header) || h.number || `Cột ${i + 1}`, en: "" };
    const group = h.group ? { group: { vi: relative(h.group), en: relative(h.group) } } : {};
    const base = { header: { ...header, en: header.vi }, ...group, number: h.number };
    const word = words[i];
    if (word === "code" || word === "name" || word === "unit" || word === "note") {
      const taken = learned.some((l) => l.column.role === word);
      if (!taken || word === "note") {
        learned.push({ col: h.col, word, column: { id: idOf(word), role: word, ...base } });
        return;
      }
    }
    const input = inputs.get(i);
    if (input) {
      const offset = input.year === undefined || year === undefined ? 0 : input.year - year;
      const monthsOf =
        input.months ?? (input.samePeriodLastYear && months < 12 ? months : undefined);
      if (input.odd) {
        notes.push({
          kind: "question",
          field: "column",
          vi: `Cột "${h.header}" ghi kỳ ${input.odd} (chỉ một quý, không lũy kế từ đầu năm): công cụ coi là số cả kỳ, không so với kỳ của biểu.`,
          en: `Column "${h.header}" names the period ${input.odd} (one quarter, not cumulative from January): taken as a figure of its own, not compared with the form's period.`,
        });
      }
      const tag = `${input.period === "plan" ? "kh" : input.period === "estimate" ? "uth" : "th"}${
        monthsOf ? `M${monthsOf}` : ""
      }Y${offset < 0 ? `m${-offset}` : offset}`;
      learned.push({
        col: h.col,
        word: "input",
        input,
        column: {
          id: idOf(tag),
          role: "input",
          ...base,
          period: input.period,
          yearOffset: Math.max(-5, Math.min(5, offset)),
          ...(monthsOf && !input.odd ? { months: monthsOf } : {}),
          holdsTarget: input.period === "plan",
          required: true,
        },
      });
      return;
    }
    learned.push({
      col: h.col,
      word,
      column: { id: idOf(word === "derived" ? "ss" : "cot"), role: "note", ...base },
    });
  });

  // "5=4/2": a derived column and its operands, by their labels in the numbering row.
  const byNumber = new Map<string, (typeof learned)[number]>();
  for (const l of learned) if (l.column.number) byNumber.set(l.column.number, l);
  const resolved: LearnedColumn[] = learned.map((l) => {
    if (l.word !== "derived") return l;
    const m = /^[^=]*=\(?([A-Za-z0-9]+)\)?\/\(?([A-Za-z0-9]+)\)?(?:[*x]100)?$/.exec(
      l.column.number
    );
    const num = m ? byNumber.get(m[1]) : undefined;
    const den = m ? byNumber.get(m[2]) : undefined;
    if (!num?.input || !den?.input || num.column.role !== "input" || den.column.role !== "input") {
      notes.push({
        kind: "question",
        field: "column",
        vi: `Cột so sánh "${l.column.header.vi}" không ghi phép chia trong hàng đánh số (như "5=4/2"): chưa biết cột nào chia cột nào, nên không kiểm tra cột này.`,
        en: `The comparison column "${l.column.header.vi}" has no division in the numbering row (like "5=4/2"): which column it divides is unknown, so it is not checked.`,
      });
      return l;
    }
    const [n, d] = [num.column, den.column];
    const purpose =
      d.period === "plan" && n.period !== "plan" && n.yearOffset === d.yearOffset
        ? "percentOfPlan"
        : n.period === "plan" && d.period !== "plan" && n.yearOffset === d.yearOffset + 1
          ? "nextVsEstimate"
          : n.period !== "plan" && d.period !== "plan" && n.yearOffset === d.yearOffset + 1
            ? "yearOverYear"
            : "other";
    notes.push({
      kind: "evidence",
      field: "column",
      vi: `Cột "${l.column.header.vi}" (${l.column.number}) = cột "${n.header.vi}" / cột "${d.header.vi}" × 100, theo hàng đánh số.`,
      en: `Column "${l.column.header.vi}" (${l.column.number}) = "${n.header.vi}" / "${d.header.vi}" × 100, from the numbering row.`,
    });
    return {
      col: l.col,
      column: {
        id: l.column.id,
        role: "derived",
        header: l.column.header,
        ...(l.column.group ? { group: l.column.group } : {}),
        number: l.column.number,
        purpose,
        numerator: n.id,
        denominator: d.id,
      },
    };
  });

  // Đánh giá judges this year's latest figure against this year's plan.
  const ins = resolved.map((l) => l.column).filter((c) => c.role === "input");
  const plan = ins.find((c) => c.period === "plan" && c.yearOffset === 0);
  const value =
    ins.find((c) => c.period === "estimate" && c.yearOffset === 0 && c.months === undefined) ??
    ins.find((c) => c.period === "actual" && c.yearOffset === 0 && c.months === undefined) ??
    ins.find((c) => c.period !== "plan" && c.yearOffset === 0);
  const final = resolved.map((l, i): LearnedColumn => {
    if (learned[i].word !== "evaluation") return l;
    if (!plan || !value) {
      notes.push({
        kind: "question",
        field: "column",
        vi: `Cột "${l.column.header.vi}": không thấy cột kế hoạch và cột thực hiện cùng năm để đánh giá, nên không kiểm tra cột này.`,
        en: `Column "${l.column.header.vi}": no plan and result of the same year to judge, so it is not checked.`,
      });
      return l;
    }
    return {
      col: l.col,
      column: {
        id: l.column.id === "cot" ? "danhGia" : l.column.id,
        role: "evaluation",
        header: l.column.header,
        number: l.column.number,
        value: value.id,
        target: plan.id,
      },
    };
  });
  // A part of a year is not above the same year's full figure (for flows).
  const withNotAbove = final.map((l): LearnedColumn => {
    const c = l.column;
    if (c.role !== "input" || c.months === undefined || c.period === "plan") return l;
    const year = ins.find(
      (o) =>
        o.period !== "plan" &&
        o.months === undefined &&
        o.yearOffset === c.yearOffset &&
        o.id !== c.id
    );
    return year ? { col: l.col, column: { ...c, notAbove: year.id } } : l;
  });
  for (const l of learned)
    if (l.word === "unknown")
      notes.push({
        kind: "question",
        field: "column",
        vi: `Cột "${l.column.header.vi}" không rõ là số liệu gì (không có chữ TH, KH, Ước TH, Quý, tháng…): để như cột ghi chú.`,
        en: `Column "${l.column.header.vi}" names no period (TH, KH, Ước TH, Quý, tháng…): kept as a note column.`,
      });
  if (year === undefined)
    notes.push({
      kind: "question",
      field: "year",
      vi: "Tiêu đề các cột và tên biểu không ghi năm: biểu chỉ nhận ra được khi mẫu được lưu trong tệp.",
      en: "Neither the column headers nor the title name a year: the form is recognised only when the template is kept in the workbook.",
    });
  return { columns: withNotAbove, ...(year !== undefined ? { year } : {}), months, notes };
}

import { AnnexLayout } from "../layout/annexLayout";
import { formatNumber } from "../numbers/formatNumber";
import { CellWrite } from "../plan/writePlan";
import { indicatorNamed } from "../rules/context";
import { Bilingual } from "../rules/finding";
import { toA1 } from "../sheet/address";
import { resolveYearTokens } from "../template/headers";
import { Indicator, InputColumn, Template } from "../template/schema";
import { yearBeforeColumn } from "../template/yearBefore";
import type { DetailSheet } from "./detailSheet";
import type { ConsolidationNoteKind } from "./records";

/**
 * The consolidated annex's input cells: counts and amounts as live SUMs over the detail sheet; rates
 * recomputed from the summed numerator and denominator only when every unit gave both (else empty,
 * saying which units lack what); points from the recomputed rates. Text is never summed silently:
 * each cell where a unit wrote text says which unit wrote what; nor is a blank: a total some units
 * left blank says which (partial-sum).
 */

/** What one unit wrote in one input cell, as the engine read it. */
export type DistrictFigure =
  | {
      readonly kind: "number";
      readonly value: number;
      /** The cell held text that reads as this number ("16.000"): summed, and said so. */
      readonly text?: string;
    }
  | { readonly kind: "text"; readonly text: string };

/**
 * figures[indicator][input column][unit]: each unit's cell as the engine's readings see it (a
 * percentage cell is its percentage), undefined when blank.
 */
export type Figures = ReadonlyArray<ReadonlyArray<ReadonlyArray<DistrictFigure | undefined>>>;

/** Something the province should know about a consolidated row: why a cell is empty, what was not summed. */
export interface MergeNote {
  readonly kind: ConsolidationNoteKind;
  readonly code: string;
  readonly indicator: string;
  /** The consolidated cells it is about (the first carries the note in the workbook). */
  readonly cells: readonly string[];
  readonly message: Bilingual;
}

export function inputColumns(template: Template): InputColumn[] {
  return template.columns.filter((c): c is InputColumn => c.role === "input");
}

/** Removes binary noise from a sum (0.1 + 0.2). */
function clean(v: number): number {
  return Number(v.toPrecision(15));
}

export function consolidatedCells(
  template: Template,
  year: number,
  layout: AnnexLayout,
  labels: readonly string[],
  figures: Figures,
  detail: DetailSheet
): { inputs: CellWrite[]; notes: MergeNote[] } {
  const inputs = inputColumns(template);
  const colOf = new Map(template.columns.map((c, i) => [c.id, i]));
  const codeIndex = new Map(template.indicators.map((ind, i) => [ind.code, i]));
  const writes: CellWrite[] = [];
  const notes: MergeNote[] = [];
  const units = labels.length;
  // values[indicator][input column]: the consolidated figure, for rates and points computed from them.
  const values: Array<Array<number | null>> = template.indicators.map(() => inputs.map(() => null));
  const header = (j: number) => resolveYearTokens(inputs[j].header.vi, year);
  const headerEn = (j: number) => resolveYearTokens(inputs[j].header.en, year);
  const at = (ind: Indicator, j: number) => {
    const row = layout.rowOf.get(ind.code) ?? -1;
    return { row, col: colOf.get(inputs[j].id) ?? -1 };
  };
  const write = (ind: Indicator, j: number, formula: string, value: number | null) => {
    const { row, col } = at(ind, j);
    if (row < 0 || col < 0) return;
    writes.push({
      row,
      col,
      address: toA1(row, col),
      formula,
      value: value ?? "",
      purpose: "input",
    });
  };
  const address = (ind: Indicator, j: number) => {
    const { row, col } = at(ind, j);
    return toA1(row, col);
  };
  const note = (kind: ConsolidationNoteKind, ind: Indicator, cells: string[], message: Bilingual) =>
    notes.push({ kind, code: ind.code, indicator: ind.name.vi, cells, message });

  // Counts and amounts first: rates and points are computed from them.
  template.indicators.forEach((ind, i) => {
    if (ind.kind === "rate" || ind.kind === "points") return;
    // Columns summed over only some units, the others having left the cell blank.
    const partial: Array<{ j: number; blank: string[] }> = [];
    inputs.forEach((_, j) => {
      let sum = 0;
      let any = false;
      const blank = labels.filter((_, k) => figures[i][j][k] === undefined);
      const left: Array<{ vi: string; en: string }> = [];
      const read: Array<{ vi: string; en: string }> = [];
      figures[i][j].forEach((f, k) => {
        if (f?.kind === "number") {
          sum += f.value;
          any = true;
          if (f.text !== undefined)
            read.push({
              vi: `${labels[k]}: "${f.text}" (đọc là ${formatNumber(f.value, "vi-VN")})`,
              en: `${labels[k]}: "${f.text}" (read as ${formatNumber(f.value, "en-US")})`,
            });
        } else if (f?.kind === "text") {
          const w = `${labels[k]}: "${f.text}"`;
          left.push({ vi: w, en: w });
        }
      });
      const range = detail.range(ind.code, j);
      values[i][j] = any ? clean(sum) : null;
      if (range) write(ind, j, `IF(COUNT(${range})=0,"",SUM(${range}))`, values[i][j]);
      const words: Bilingual[] = [];
      if (left.length)
        words.push({
          vi: `Ô ghi bằng chữ không được cộng vào tổng — ${left.map((w) => w.vi).join("; ")} (${header(j)}).`,
          en: `Cells written as text are not added to the total — ${left.map((w) => w.en).join("; ")} (${headerEn(j)}).`,
        });
      if (read.length)
        words.push({
          vi: `Số ghi dạng văn bản, đã cộng theo cách đọc — ${read.map((w) => w.vi).join("; ")} (${header(j)}).`,
          en: `Figures written as text, added as read — ${read.map((w) => w.en).join("; ")} (${headerEn(j)}).`,
        });
      if (words.length)
        note("text", ind, [address(ind, j)], {
          vi: words.map((w) => w.vi).join(" "),
          en: words.map((w) => w.en).join(" "),
        });
      if (any && blank.length) partial.push({ j, blank });
    });
    if (partial.length)
      note(
        "partial-sum",
        ind,
        partial.map((p) => address(ind, p.j)),
        partialSum(partial)
      );
  });

  // Rates: recomputed from the consolidated numerator and denominator, where the template has them
  // and every unit gave both. The formula asks the same of the detail sheet (COUNT of each row = the
  // number of units), so Excel, the engine and a later check agree.
  template.indicators.forEach((ind, i) => {
    if (ind.kind !== "rate") return;
    const ratio = ind.relations.find((r) => r.type === "ratio");
    const n = ratio && codeIndex.get(ratio.numerator);
    const d = ratio && codeIndex.get(ratio.denominator);
    if (!ratio || n === undefined || d === undefined) {
      note(
        "left-empty",
        ind,
        inputs.map((_, j) => address(ind, j)),
        {
          vi: "Để trống: mẫu biểu không cho biết tử số và mẫu số của tỷ lệ này, mà tỷ lệ thì không được cộng hay lấy trung bình giữa các đơn vị. Hãy nhập tỷ lệ chung của tỉnh.",
          en: "Left empty: the template does not say which counts this rate is computed from, and a rate is never summed or averaged across units. Enter the province's own rate.",
        }
      );
      return;
    }
    const scale = ratio.scale;
    const [numInd, denInd] = [template.indicators[n], template.indicators[d]];
    inputs.forEach((_, j) => {
      const lacking: Array<{ vi: string; en: string }> = [];
      // Worth a note when a rate could have been computed from what some units gave.
      let anyNum = false;
      let anyDen = false;
      for (let k = 0; k < units; k++) {
        const hasNum = figures[n][j][k]?.kind === "number";
        const hasDen = figures[d][j][k]?.kind === "number";
        anyNum ||= hasNum;
        anyDen ||= hasDen;
        if (hasNum && hasDen) continue;
        lacking.push(
          !hasNum && !hasDen
            ? { vi: `${labels[k]} (cả tử số và mẫu số)`, en: `${labels[k]} (both)` }
            : !hasNum
              ? { vi: `${labels[k]} (tử số)`, en: `${labels[k]} (numerator)` }
              : { vi: `${labels[k]} (mẫu số)`, en: `${labels[k]} (denominator)` }
        );
      }
      const num = values[n][j];
      const den = values[d][j];
      const whole = lacking.length === 0;
      const value = whole && num !== null && den !== null && den !== 0 ? (num / den) * scale : null;
      values[i][j] = value;
      const cn = address(numInd, j);
      const cd = address(denInd, j);
      const [rn, rd] = [detail.range(numInd.code, j), detail.range(denInd.code, j)];
      const complete = rn && rd ? `COUNT(${rn})=${units},COUNT(${rd})=${units},` : "";
      write(
        ind,
        j,
        `IF(AND(${complete}ISNUMBER(${cn}),ISNUMBER(${cd})),IF(${cd}=0,"",${cn}/${cd}*${scale}),"")`,
        value
      );
      if (!whole && anyNum && anyDen) {
        const [nn, dn] = [indicatorNamed(numInd), indicatorNamed(denInd)];
        note("partial-base", ind, [address(ind, j)], {
          vi: `Để trống ở cột ${header(j)}: tỷ lệ chỉ được tính lại khi mọi đơn vị đều ghi tử số ${nn.vi} và mẫu số ${dn.vi}; thiếu ở ${lacking.map((l) => l.vi).join(", ")}. Tỷ lệ tính trên một phần mẫu số sẽ sai.`,
          en: `Left empty in ${headerEn(j)}: a rate is recomputed only when every unit gives its numerator ${nn.en} and denominator ${dn.en}; missing from ${lacking.map((l) => l.en).join(", ")}. A rate over part of its base would be wrong.`,
        });
      }
    });
  });

  // Points: the reduction of a recomputed rate (the row's "reduction" relation) from the year
  // before's full-year column (yearBeforeColumn) to this one.
  template.indicators.forEach((ind, i) => {
    if (ind.kind !== "points") return;
    const reduction = ind.relations.find((x) => x.type === "reduction");
    const r = reduction === undefined ? undefined : codeIndex.get(reduction.of);
    const rate = r === undefined ? undefined : template.indicators[r];
    const recomputed = rate !== undefined && rate.relations.some((x) => x.type === "ratio");
    if (!recomputed || r === undefined) {
      note(
        "left-empty",
        ind,
        inputs.map((_, j) => address(ind, j)),
        {
          vi: "Để trống: mức thay đổi của một tỷ lệ không được cộng giữa các đơn vị, và không có tỷ lệ chung tính lại được để suy ra. Hãy nhập số của tỉnh.",
          en: "Left empty: a change of a rate is never summed across units, and there is no recomputed rate to derive it from. Enter the province's own figure.",
        }
      );
      return;
    }
    // Input columns with no full-year column of the year before to compare with.
    const without: number[] = [];
    inputs.forEach((column, j) => {
      const before = yearBeforeColumn(inputs, column);
      const p = before === undefined ? -1 : inputs.indexOf(before);
      if (p < 0) {
        without.push(j);
        return;
      }
      const a = address(rate, p);
      const b = address(rate, j);
      const va = values[r][p];
      const vb = values[r][j];
      const value = va !== null && vb !== null ? va - vb : null;
      values[i][j] = value;
      write(ind, j, `IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),${a}-${b},"")`, value);
      // Empty because a rate it is computed from was left empty for want of a base (and the other
      // rate is there): said so at the cell.
      const partial = notes.filter(
        (x) =>
          x.kind === "partial-base" &&
          x.code === rate.code &&
          (x.cells[0] === a || x.cells[0] === b)
      );
      const others = [
        [a, va],
        [b, vb],
      ].filter(([cell]) => !partial.some((x) => x.cells[0] === cell));
      if (value === null && partial.length && others.every(([, v]) => v !== null))
        note("partial-base", ind, [address(ind, j)], {
          vi: `Để trống ở cột ${header(j)}: ${indicatorNamed(rate).vi} để trống ở ô ${partial.map((x) => x.cells[0]).join(", ")} vì thiếu tử số hoặc mẫu số (xem ghi chú ở đó).`,
          en: `Left empty in ${headerEn(j)}: ${indicatorNamed(rate).en} is empty in ${partial.map((x) => x.cells[0]).join(", ")} for want of its numerator or denominator (see the note there).`,
        });
    });
    if (without.length)
      note(
        "left-empty",
        ind,
        without.map((j) => address(ind, j)),
        {
          vi: `Để trống ở cột ${without.map(header).join(", ")}: biểu không có tỷ lệ cả năm của năm trước để tính mức giảm của "${rate.name.vi}" (số một phần năm không so với số cả năm).`,
          en: `Left empty in ${without.map(headerEn).join(", ")}: the annex has no full-year rate of the year before to compute the reduction of "${rate.name.en}" from (a part-year figure is not compared with a full year).`,
        }
      );
  });

  writes.sort((a, b) => a.row - b.row || a.col - b.col);
  return { inputs: writes, notes };

  /** "cột KH năm 2024: cộng của 2/3 đơn vị, để trống ở Xã C", NAMED names at most per column. */
  function partialSum(partial: ReadonlyArray<{ j: number; blank: string[] }>): Bilingual {
    const names = (blank: string[], other: (n: number) => string) =>
      blank.length > NAMED
        ? `${blank.slice(0, NAMED).join(", ")} ${other(blank.length - NAMED)}`
        : blank.join(", ");
    const vi = partial.map(
      ({ j, blank }) =>
        `cột ${header(j)}: cộng của ${units - blank.length}/${units} đơn vị, để trống ở ${names(blank, (n) => `và ${n} đơn vị khác`)}`
    );
    const en = partial.map(
      ({ j, blank }) =>
        `${headerEn(j)}: the sum of ${units - blank.length} of ${units} units, blank in ${names(blank, (n) => `and ${n} more`)}`
    );
    return {
      vi: `Tổng chưa đủ mọi đơn vị — ${vi.join("; ")}. Nếu đơn vị không có số phát sinh, hãy ghi 0 để tổng là của đủ các đơn vị.`,
      en: `A total not of every unit — ${en.join("; ")}. Where a unit has nothing to report, it should write 0 so the total covers every unit.`,
    };
  }
}

/** Units named in a partial-sum note before "and N more". */
const NAMED = 5;

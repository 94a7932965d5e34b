import type { Bilingual } from "../rules/finding";
import type { Consolidation } from "./consolidate";
import { LEVEL_WORDS, ReportingLevel } from "../units/level";

/**
 * What a merge came to, as the command line and the pane both say it: a success only when every file
 * went in, no cell was left empty and neither the units' annexes nor the consolidated one hold an
 * error. A file left out or a cell left empty makes it a warning; an error anywhere makes it an error
 * (and `annex merge` exits 1, as `annex check` of the merged file does).
 */
export interface MergeVerdict {
  readonly level: "success" | "warning" | "error";
  readonly leftOut: number;
  /** Consolidated cells left empty (a rate without its whole base, a figure the province must enter). */
  readonly emptyCells: number;
  /** Consolidated cells where some units wrote text. */
  readonly textCells: number;
  /** Units whose own annex has errors. */
  readonly unitsWithErrors: number;
  /** Errors of the consolidated annex itself, as `annex check` of the merged file finds them. */
  readonly errors: number;
  /** Who sent: communes from 2026, districts before (issue #21): the words follow it. */
  readonly senders?: ReportingLevel;
}

export function mergeVerdict(merge: Consolidation): MergeVerdict {
  const cells = (kinds: readonly string[]) =>
    merge.notes.filter((n) => kinds.includes(n.kind)).reduce((a, n) => a + n.cells.length, 0);
  const unitsWithErrors = merge.districts.filter((d) => d.counts.error > 0).length;
  const errors = merge.findings.filter((f) => f.severity === "error").length;
  const emptyCells = cells(["partial-base", "left-empty"]);
  const leftOut = merge.leftOut.length;
  return {
    level: errors || unitsWithErrors ? "error" : leftOut || emptyCells ? "warning" : "success",
    leftOut,
    emptyCells,
    textCells: cells(["text"]),
    unitsWithErrors,
    errors,
    senders: merge.level,
  };
}

/** What keeps a merge from being a success, counted: "2 tệp không được tổng hợp", "4 ô để trống". */
export function verdictParts(v: MergeVerdict): Bilingual[] {
  const parts: Bilingual[] = [];
  const en = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  if (v.errors)
    parts.push({
      vi: `biểu tổng hợp có ${v.errors} lỗi`,
      en: `the consolidated annex has ${en(v.errors, "error", "errors")}`,
    });
  if (v.unitsWithErrors)
    parts.push({
      vi: `${v.unitsWithErrors} ${LEVEL_WORDS[v.senders ?? "district"].viOne} có lỗi`,
      en: `${en(v.unitsWithErrors, `${LEVEL_WORDS[v.senders ?? "district"].enOne} has`, `${LEVEL_WORDS[v.senders ?? "district"].en} have`)} errors`,
    });
  if (v.leftOut)
    parts.push({
      vi: `${v.leftOut} tệp không được tổng hợp`,
      en: `${en(v.leftOut, "file was", "files were")} left out`,
    });
  if (v.emptyCells)
    parts.push({
      vi: `${v.emptyCells} ô để trống`,
      en: `${en(v.emptyCells, "cell was", "cells were")} left empty`,
    });
  return parts;
}

/**
 * The first line of a merge's result: "Đã tổng hợp …." only on a success, else "Cảnh báo: đã tổng
 * hợp …, nhưng 2 tệp không được tổng hợp, 4 ô để trống." (or "Lỗi: …"). `what` says what was merged
 * where ("3 huyện vào tinh.xlsx (Biểu số 01 năm 2023)").
 */
export function verdictHeadline(v: MergeVerdict, what: Bilingual, more: Bilingual): Bilingual {
  if (v.level === "success") return { vi: `Đã tổng hợp ${what.vi}.`, en: `Merged ${what.en}.` };
  const parts = verdictParts(v);
  const [vi, en] = v.level === "error" ? ["Lỗi", "Error"] : ["Cảnh báo", "Warning"];
  return {
    vi: `${vi}: đã tổng hợp ${what.vi}, nhưng ${parts.map((p) => p.vi).join(", ")}${more.vi}.`,
    en: `${en}: merged ${what.en}, but ${parts.map((p) => p.en).join(", ")}${more.en}.`,
  };
}

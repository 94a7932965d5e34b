import { Bilingual } from "../domain";
import { plannedSelfCheck, SelfCheckedPlan, withSelfCheck } from "../domain/layout/selfCheckPlan";
import { failure, Outcome, success } from "./problems";
import { checkNow, remember } from "./sessionCheck";
import { passwordProblem, SessionState } from "./sessionState";

/**
 * Tính cột and Hoàn tác: writing the derived formulas, and putting back what a fill or a conversion
 * changed.
 */

export interface KeptCell {
  readonly address: string;
  /** What the person typed there. */
  readonly found: string;
  readonly reason: Bilingual;
}

export interface FillResult {
  readonly sheet: string;
  readonly written: number;
  readonly kept: readonly KeptCell[];
  /** Cells were kept because a person typed there: the pane asks before filling with overwrite. */
  readonly askOverwrite: boolean;
  readonly summary: Bilingual;
}

export interface UndoResult {
  readonly sheet: string;
  readonly restored: number;
  /** Cells a person changed after the fill or conversion: left as they typed them. */
  readonly kept: readonly string[];
  readonly summary: Bilingual;
}

/** Writes the derived formulas of the active annex; never replaces what a person typed unless asked. */
export function fill(
  s: SessionState,
  options: { readonly overwrite?: boolean; readonly selfCheck?: boolean } = {}
): Promise<Outcome<FillResult>> {
  return s.run(async () => {
    const read = await s.readAnnex(undefined, { overwrite: options.overwrite === true });
    if (!read.ok) return read;
    const { snapshot, analysis, protection } = read.value;
    // The self-check (red cells, "Kiểm tra" column) is kept current where the sheet has it, and
    // added to a sheet recognised from its headers only when the person asks (#13).
    const plan = analysis.annex
      ? withSelfCheck(snapshot, analysis.annex, analysis.plan, {
          selfCheck: options.selfCheck === true,
          overwrite: options.overwrite === true,
        })
      : analysis.plan;
    // Asked for and impossible (no free column up to XFD): refused in words, nothing written.
    const refused = (plan as SelfCheckedPlan).selfCheckRefused;
    if (refused) return failure<FillResult>("no-room-for-self-check", refused);
    const n = plan.writes.length;
    const rules = options.selfCheck === true && plannedSelfCheck(plan) !== undefined;
    if ((n || rules) && protection === "password")
      return passwordProblem<FillResult>(snapshot.name);
    if (n || rules)
      await s.apply(plan, { vi: `Tính cột (${n} ô)`, en: `Fill columns (${n} cells)` });
    // Nothing written (and no overwrite asked): the sheet is as just read, so this analysis is its
    // check; no second read of the whole sheet.
    if (n || options.overwrite === true) await checkNow(s, snapshot.name, []);
    else remember(s, analysis, protection, []);
    const kept = plan.skipped.map((k) => ({
      address: k.address,
      found: k.found,
      reason: k.reason,
    }));
    const k = kept.length;
    return success<FillResult>({
      sheet: snapshot.name,
      written: n,
      kept,
      // Overwriting cannot help a cell kept because it lies in a merge holding a figure (#10).
      askOverwrite: plan.skipped.some((k) => k.merge === undefined) && options.overwrite !== true,
      summary: {
        vi:
          (n
            ? `Đã ghi ${n} ô công thức vào trang tính "${snapshot.name}"`
            : `Không có gì cần ghi: các cột tính toán trên trang tính "${snapshot.name}" đã đúng`) +
          (k ? `; giữ nguyên ${k} ô người dùng đã nhập.` : "."),
        en:
          (n
            ? `Wrote ${n} formula cells on "${snapshot.name}"`
            : `Nothing to write: the derived columns on "${snapshot.name}" are already right`) +
          (k ? `; kept ${k} cells a person typed.` : "."),
      },
    });
  });
}

/** "Hoàn tác: Tính cột (148 ô)" — what undo() would restore. */
export function undoLabel(s: SessionState): Bilingual | undefined {
  const top = s.undoStack[s.undoStack.length - 1];
  return top ? { vi: `Hoàn tác: ${top.label.vi}`, en: `Undo: ${top.label.en}` } : undefined;
}

/** Puts back exactly what the last fill or conversion changed. */
export function undo(s: SessionState): Promise<Outcome<UndoResult>> {
  return s.run(async () => {
    const top = s.undoStack[s.undoStack.length - 1];
    if (!top)
      return failure<UndoResult>("nothing-to-undo", {
        vi: "Không có thao tác nào để hoàn tác.",
        en: "There is nothing to undo.",
      });
    const { restored, kept } = await s.host.restore(top.record);
    s.undoStack.pop();
    if (s.last?.report.sheet === top.record.sheet) await checkNow(s, top.record.sheet, []);
    const keptNote: Bilingual = kept.length
      ? {
          vi: ` Giữ nguyên ${kept.length} ô đã được sửa sau đó: ${cellList(kept)}.`,
          en: ` ${kept.length} ${kept.length === 1 ? "cell" : "cells"} changed since then kept as typed: ${cellList(kept)}.`,
        }
      : { vi: "", en: "" };
    return success<UndoResult>({
      sheet: top.record.sheet,
      restored,
      kept,
      summary: {
        vi: `Đã hoàn tác "${top.label.vi}": ${restored} ô trở lại như trước.${keptNote.vi}`,
        en: `Undid "${top.label.en}": ${restored} ${restored === 1 ? "cell is" : "cells are"} back as they were.${keptNote.en}`,
      },
    });
  });
}

/** "E12, F12, G12" — at most five addresses, then "…". */
function cellList(addresses: readonly string[]): string {
  const shown = addresses.slice(0, 5).join(", ");
  return addresses.length > 5 ? `${shown}, …` : shown;
}

import type { Bilingual } from "../domain";
import type { AnnexSession } from "../app/annexSession";
import type { Outcome, Problem } from "../app/problems";
import type { CommandReport } from "./commandReport";

/**
 * The ribbon's "Kiểm tra" and "Tính cột": they run without the pane, through the same session the pane
 * uses, and end with a short report. This file decides what they do and say; commands.ts wires them to
 * Office (Office.actions.associate, the dialog).
 */

/** The part of the session the commands use. */
export type CommandSession = Pick<AnnexSession, "check" | "highlightAll" | "select" | "fill">;

/** An Office add-in command event: all a command must do with it is complete it, exactly once. */
export interface CompletableEvent {
  completed(): void;
}

export interface CommandDeps {
  /** The session on the workbook, or why there is none (outside Excel, Office.js not loaded). */
  session(): Promise<Outcome<CommandSession>>;
  /** Shows the report; resolves when the person has closed it (or at once if it could not be shown). */
  show(report: CommandReport): Promise<void>;
}

/** Kiểm tra: check the active sheet, highlight the findings, select the most serious one, report the counts. */
export async function checkCommand(session: CommandSession): Promise<CommandReport> {
  const checked = await session.check();
  if (!checked.ok)
    return problemReport(
      { vi: "Chưa kiểm tra được", en: "Could not check the sheet" },
      checked.problem
    );
  const report = checked.value;
  const lines: Bilingual[] = [report.summary];

  // Highlighting replaces earlier marks, so it runs even when nothing was found (old marks go away).
  const marked = await session.highlightAll();
  if (marked.ok) {
    if (marked.value.cells > 0) lines.push(marked.value.summary);
  } else {
    lines.push(marked.problem.message);
  }

  const first = report.groups[0]?.sections[0]?.findings[0] ?? report.findings[0];
  if (first) {
    const selected = await session.select(first);
    const cell = first.cells[0] ?? "";
    lines.push(
      selected.ok
        ? {
            vi: `Đã chọn ô ${cell}: ${first.message.vi}`,
            en: `Selected cell ${cell}: ${first.message.en}`,
          }
        : selected.problem.message
    );
  }
  if (report.fill.pending > 0) {
    lines.push({
      vi: `Còn ${report.fill.pending} ô công thức chưa điền: bấm Tính cột.`,
      en: `${report.fill.pending} formula cells are not filled yet: choose Fill columns.`,
    });
  }
  if (report.protection === "password") {
    lines.push({
      vi: "Trang tính được bảo vệ bằng mật khẩu: kiểm tra được nhưng không ghi được.",
      en: "The sheet is protected with a password: it can be checked but not written to.",
    });
  }
  if (report.findings.length > 0) {
    lines.push({
      vi: "Mở ngăn Biểu chỉ tiêu để xem từng lỗi tại ô của nó.",
      en: "Open the Indicator Annex pane to go through each finding at its cell.",
    });
  }
  const { error, warning } = report.counts;
  return {
    tone: error > 0 ? "error" : warning > 0 ? "warning" : "ok",
    title:
      report.findings.length === 0
        ? { vi: "Kiểm tra xong: không có lỗi", en: "Check done: nothing found" }
        : { vi: "Kiểm tra xong", en: "Check done" },
    lines,
  };
}

/** How many kept cells a report names one by one; the pane lists them all. */
export const KEPT_LISTED = 5;

/** Tính cột: fill the derived formulas, never over a typed cell; report what was written and kept. */
export async function fillCommand(session: CommandSession): Promise<CommandReport> {
  const filled = await session.fill({ overwrite: false });
  if (!filled.ok)
    return problemReport(
      { vi: "Chưa tính được cột", en: "Could not fill the columns" },
      filled.problem
    );
  const result = filled.value;
  const lines: Bilingual[] = [result.summary];
  for (const kept of result.kept.slice(0, KEPT_LISTED)) {
    lines.push({
      vi: `Giữ nguyên ô ${kept.address} ("${kept.found}"): ${kept.reason.vi}`,
      en: `Kept cell ${kept.address} ("${kept.found}"): ${kept.reason.en}`,
    });
  }
  if (result.kept.length > KEPT_LISTED) {
    const more = result.kept.length - KEPT_LISTED;
    lines.push({ vi: `… và ${more} ô khác.`, en: `… and ${more} more cells.` });
  }
  if (result.askOverwrite) {
    lines.push({
      vi: "Muốn thay các ô này bằng công thức? Mở ngăn Biểu chỉ tiêu → Tính cột, bạn sẽ được hỏi trước khi ghi đè.",
      en: "Want formulas in these cells instead? Open the Indicator Annex pane → Fill columns; it asks before overwriting.",
    });
  }
  return {
    tone: result.kept.length > 0 ? "warning" : "ok",
    title:
      result.written > 0
        ? { vi: "Tính cột xong", en: "Columns filled" }
        : { vi: "Không có gì cần ghi", en: "Nothing to write" },
    lines,
  };
}

/** The problem's message already names the cells written before it stopped (see Problem.written). */
function problemReport(title: Bilingual, problem: Problem): CommandReport {
  return { tone: "error", title, lines: [problem.message] };
}

/**
 * Turns a command into the handler Office calls. Whatever happens — no Excel, a failing session, a
 * dialog that cannot open, an exception — the event is completed exactly once, after the report closes.
 */
export function ribbonHandler(
  command: (session: CommandSession) => Promise<CommandReport>,
  deps: CommandDeps
): (event: CompletableEvent) => Promise<void> {
  return async (event) => {
    let completed = false;
    const complete = (): void => {
      if (completed) return;
      completed = true;
      try {
        event.completed();
      } catch {
        // Office already dropped the event: nothing left to do.
      }
    };
    try {
      const session = await deps.session();
      const report = session.ok
        ? await command(session.value)
        : problemReport(
            { vi: "Chưa chạy được lệnh", en: "The command could not run" },
            session.problem
          );
      await deps.show(report).catch(() => undefined);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      await deps
        .show({
          tone: "error",
          title: { vi: "Lệnh gặp lỗi", en: "The command failed" },
          lines: [
            {
              vi: `Đã xảy ra lỗi không mong đợi: ${detail}. Hãy thử lại hoặc mở ngăn Biểu chỉ tiêu.`,
              en: `Something unexpected went wrong: ${detail}. Try again or open the Indicator Annex pane.`,
            },
          ],
        })
        .catch(() => undefined);
    } finally {
      complete();
    }
  };
}

import { fromA1, toA1 } from "../../domain";
import type { Severity } from "../../domain";
import { SEVERITY_ORDER } from "../../domain/rules/finding";
import type { Highlight } from "../annexHost";
import { hostError, passwordProtected } from "../hostErrors";
import { batchBlocks, Block, groupBlocks } from "./cellBlocks";
import { errorCode, fromExcel } from "./officeErrors";
import { protectAgain, unprotectRefused } from "./officeProtection";
import type { OfficeRuntime } from "./officeRuntime";
import { loadCustomFormats } from "./officeStyles";

/**
 * The findings' highlights as conditional formats of our own (ExcelApi 1.6), never touching a cell's
 * own fill or font, nor the user's rules: each of ours carries MARK in its formula, and is deleted by
 * its id (an item loaded without its id is addressed by its index, and deleting several in one batch
 * shifts the indexes onto the user's rules). Marks are grouped into rectangles per severity, one
 * conditional format each, and the batch is split so no request passes Excel on the web's 5 MB:
 * 1 sync to learn which formats are ours, then 1 per part (a single part for any annex's findings).
 */

/** Our conditional formats carry this in their rule, so we never touch the user's own. */
export const MARK = "annex:highlight";

const COLOURS: Record<Severity, { fill: string; font: string }> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  info: { fill: "#DDEBF7", font: "#1F4E78" },
};

/**
 * Request bytes one added conditional format costs (its range, the add, the rule's formula, fill and
 * font colour: about 1,800 measured on the real client library) and one deleted (about 400), with a
 * margin.
 */
export const ADD_BYTES = 2200;
export const DELETE_BYTES = 600;

/** One rectangle of one severity: what one conditional format covers. */
export type MarkBlock = Block<Severity>;

/**
 * The marks as rectangles, each cell with its most serious severity (a range mark counts for each of
 * its cells), grouped per severity: adjacent cells of a column or a row make one conditional format.
 */
export function markBlocks(marks: readonly Highlight[]): MarkBlock[] {
  const worst = new Map<number, { row: number; col: number; item: Severity }>();
  for (const m of marks) {
    const [from, to = from] = m.address.replace(/^.*!/, "").replace(/\$/g, "").split(":");
    let a: { row: number; col: number };
    let b: { row: number; col: number };
    try {
      a = fromA1(from);
      b = fromA1(to);
    } catch {
      throw hostError("invalid-argument", {
        vi: `Địa chỉ ô không hợp lệ: ${m.address}.`,
        en: `Not a cell address: ${m.address}.`,
      });
    }
    for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++)
      for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
        const key = r * 16_384 + c;
        const had = worst.get(key);
        if (!had || SEVERITY_ORDER[m.severity] < SEVERITY_ORDER[had.item])
          worst.set(key, { row: r, col: c, item: m.severity });
      }
  }
  return groupBlocks([...worst.values()], (s) => s);
}

function blockAddress(b: Block<unknown>): string {
  const a = toA1(b.row, b.col);
  return b.rows === 1 && b.cols === 1 ? a : `${a}:${toA1(b.row + b.rows - 1, b.col + b.cols - 1)}`;
}

/** A batch: the deletions (ids) go with the first, the additions are spread under the budget. */
interface Part {
  readonly deletes: readonly string[];
  readonly adds: readonly MarkBlock[];
}

function parts(ids: readonly string[], blocks: readonly MarkBlock[], budget: number): Part[] {
  const out: Part[] = [];
  // Deletions first, in parts of their own size; the first additions share the last of them.
  const perDelete = Math.max(1, Math.floor(budget / DELETE_BYTES));
  for (let i = 0; i < ids.length; i += perDelete)
    out.push({ deletes: ids.slice(i, i + perDelete), adds: [] });
  const room = out.length ? budget - out[out.length - 1].deletes.length * DELETE_BYTES : budget;
  const batches = batchBlocks(blocks, () => ADD_BYTES, budget);
  batches.forEach((adds, i) => {
    const last = out[out.length - 1];
    if (i === 0 && last && adds.length * ADD_BYTES <= room)
      out[out.length - 1] = { deletes: last.deletes, adds };
    else out.push({ deletes: [], adds });
  });
  return out;
}

/** Halves a part Excel refused for size. */
function halve(part: Part): Part[] | undefined {
  if (part.deletes.length + part.adds.length < 2) return undefined;
  if (part.deletes.length > 1 || (part.deletes.length && !part.adds.length)) {
    const mid = Math.ceil(part.deletes.length / 2);
    return [
      { deletes: part.deletes.slice(0, mid), adds: [] },
      { deletes: part.deletes.slice(mid), adds: part.adds },
    ];
  }
  const mid = Math.ceil(part.adds.length / 2);
  return [
    { deletes: part.deletes, adds: part.adds.slice(0, mid) },
    { deletes: [], adds: part.adds.slice(mid) },
  ];
}

/** What replaceHighlights did: for tests and the diagnostic. */
export interface HighlightsApplied {
  readonly deleted: number;
  readonly added: number;
  readonly parts: number;
}

/**
 * Deletes our conditional formats on the sheet and adds the new marks: 1 sync when there is nothing
 * to do, else 1 + one per part. Protection without a password is lifted around each part and put
 * back; a password is said so. A part that fails leaves the earlier ones done, and the message names
 * the ranges marked before it stopped.
 */
export async function replaceHighlights(
  runtime: OfficeRuntime,
  sheet: string,
  marks: readonly Highlight[],
  budget: number
): Promise<HighlightsApplied> {
  const blocks = markBlocks(marks);
  const marked: string[] = [];
  let deleted = 0;
  let sent = 0;
  let lifted: Excel.WorksheetProtectionOptions | undefined;
  try {
    return await runtime.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const formats = loadCustomFormats(ws);
      const guard = ws.protection.load("protected,options");
      await context.sync();
      const ours = formats.items
        .filter(
          (f) =>
            !f.customOrNullObject.isNullObject && f.customOrNullObject.rule.formula.includes(MARK)
        )
        .map((f) => f.id);
      if (ours.length === 0 && blocks.length === 0) return { deleted: 0, added: 0, parts: 0 };
      const queue = parts(ours, blocks, budget);
      const wasProtected = guard.protected;
      const options = guard.options;
      if (wasProtected) lifted = options;
      while (queue.length) {
        const part = queue[0];
        if (wasProtected) guard.unprotect();
        for (const id of part.deletes) formats.getItem(id).delete();
        for (const b of part.adds) {
          const colours = COLOURS[b.items[0][0]];
          const cf = ws
            .getRangeByIndexes(b.row, b.col, b.rows, b.cols)
            .conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
          cf.custom.rule.formula = `=ISTEXT("${MARK}:${b.items[0][0]}")`;
          cf.custom.format.fill.color = colours.fill;
          cf.custom.format.font.color = colours.font;
        }
        if (wasProtected) guard.protect(options);
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 5 MB part, only when the marks need parts
          await context.sync();
        } catch (e) {
          const halves = errorCode(e) === "RequestPayloadSizeLimitExceeded" && halve(part);
          if (halves) {
            queue.splice(0, 1, ...halves);
            continue;
          }
          throw e;
        }
        deleted += part.deletes.length;
        marked.push(...part.adds.map(blockAddress));
        sent++;
        queue.shift();
      }
      return { deleted, added: marked.length, parts: sent };
    });
  } catch (e) {
    if (unprotectRefused(e) && sent === 0) throw passwordProtected(sheet);
    if (lifted) await protectAgain(runtime, sheet, lifted);
    throw fromExcel(e, sheet, marked);
  }
}

import { currentNames, METADATA_SHEET, parseMetadata, toA1 } from "../../domain";
import type { AnnexMetadata, CellValue, SheetSnapshot } from "../../domain";
import type { SheetInfo, SheetRead } from "../annexHost";
import { hostError } from "../hostErrors";
import { errorCode, runOn } from "./officeErrors";
import {
  MetadataPresence,
  metadataGone,
  metadataRange,
  metadataValues,
  queueMetadata,
  queueSheets,
  sheetMetadata,
} from "./officeMetadata";
import { loadGuard, ProtectionMemory, stateOf } from "./officeProtection";
import type { OfficeRuntime } from "./officeRuntime";

/**
 * Reading a sheet for the engine, in as few syncs as its size allows: 1 for any annex of up to 5,100
 * rows (its cells, protection, merged areas and metadata together), 2 the first time `_annex` is looked
 * at (does it exist; then its values with the cells), more only in 5 MB row bands.
 *
 * Nothing is chained on an object that may be null (the `_annex` sheet, an empty sheet's used range):
 * the cells come from `ws.getRange("1:5100").getUsedRangeOrNullObject()`, never from the sheet's used
 * range, and the merges from the whole sheet. The area read is the used range counting formatted
 * cells, so trailing formulas that show "" are read even where Excel does not count them as values
 * (else every Fill would write them again); a sheet whose area is too large (a stray value or format
 * far from the table) is refused with a message saying where, not read in thousands of parts.
 */

/**
 * Bytes a cell takes in the answer to a read (value, formula, number format): about 61 on a filled
 * annex of Biểu 01's shape with its "Kiểm tra" column (the 20,000-row synthetic one, long formulas
 * and all).
 */
const READ_PER_CELL = 60;
/**
 * Rows read with the first answer, before the used range's size is known: an annex of Biểu 01's shape
 * with its "Kiểm tra" column (14 columns) answers 5,100 rows in about 4.4 MB, under Excel on the web's
 * 5 MB, so any annex of 5,000 indicators is read at once; longer sheets get the rest in bands, wider
 * ones are read again in bands. (6,000 rows, sized when annexes had 12 columns, passed the cap once
 * the Kiểm tra column was added.)
 */
const HEAD_ROWS = 5100;
/** Beyond this many cells (about 90 MB of answer, 20-odd parts) a sheet is not read: see strayArea. */
export const MAX_READ_CELLS = 1_500_000;

/** Range.getMergedAreasOrNullObject: the sheet's merges are read with its cells where Excel has it. */
export const MERGES_SET = "1.13";

export interface ReadDeps {
  readonly runtime: OfficeRuntime;
  readonly budget: number;
  readonly mergesSet: boolean;
  readonly protection: ProtectionMemory;
  readonly metadata: MetadataPresence;
}

interface Box {
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

interface Grids {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
}

const DIMS = "rowIndex,columnIndex,rowCount,columnCount";

export async function listSheets(deps: ReadDeps): Promise<readonly SheetInfo[]> {
  return runOn(deps.runtime, "", async (context) => {
    const sheets = context.workbook.worksheets;
    const queue = () => {
      const all = queueSheets(sheets, "items/visibility");
      const active = sheets.getActiveWorksheet();
      active.load("name");
      return { active, all, query: queueMetadata(sheets, deps.metadata) };
    };
    let q = queue();
    try {
      await context.sync();
    } catch (e) {
      if (!metadataGone(e, q.query)) throw e;
      deps.metadata.seen(false);
      q = queue();
      await context.sync();
    }
    const { active, query } = q;
    const { range, needsSync } = metadataRange(sheets, query, deps.metadata);
    if (needsSync) await context.sync();
    const values = metadataValues(range);
    // A sheet renamed in Excel is still the annex its record names (by its id or position).
    const records = parseMetadata(values);
    const annexes = new Set<string>();
    for (const [recorded, now] of currentNames(values, q.all()))
      if (records.has(recorded)) annexes.add(now);
    return sheets.items
      .filter((s) => s.visibility === "Visible" && s.name !== METADATA_SHEET)
      .map((s) => ({ name: s.name, active: s.name === active.name, annex: annexes.has(s.name) }));
  });
}

/** What the first batch of a read queues (no sync). */
function queueRead(
  context: Excel.RequestContext,
  deps: ReadDeps,
  name: string | undefined,
  withMerges: boolean,
  withHead: boolean
) {
  const sheets = context.workbook.worksheets;
  const ws = name ? sheets.getItem(name) : sheets.getActiveWorksheet();
  ws.load("name");
  const guard = loadGuard(ws);
  const meta = queueMetadata(sheets, deps.metadata);
  const workbookSheets = queueSheets(sheets);
  // The area read: every used cell, formatted ones included (see above); the values' area too, in
  // case that one is far too large.
  const all = ws.getUsedRangeOrNullObject(false).load(DIMS);
  const values = ws.getUsedRangeOrNullObject(true).load(DIMS);
  const head = withHead
    ? ws
        .getRange(`1:${HEAD_ROWS}`)
        .getUsedRangeOrNullObject(false)
        .load(`${DIMS},values,formulas,numberFormat`)
    : undefined;
  const merged = withMerges ? ws.getRange().getMergedAreasOrNullObject() : undefined;
  merged?.load("address");
  return { sheets, workbookSheets, ws, guard, meta, all, values, head, merged };
}

export async function readSheet(deps: ReadDeps, name?: string): Promise<SheetRead> {
  return runOn(deps.runtime, name ?? "", async (context) => {
    let mergesToo = deps.mergesSet;
    let withHead = true;
    let q = queueRead(context, deps, name, mergesToo, withHead);
    for (;;) {
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a second try only when Excel refused the first batch
        await context.sync();
        break;
      } catch (e) {
        const code = errorCode(e);
        if (metadataGone(e, q.meta)) deps.metadata.seen(false);
        else if (code === "ResponsePayloadSizeLimitExceeded" || code === "RangeExceedsLimit") {
          // Wider than we guessed: learn the size, then read in row bands.
          if (!withHead) throw e;
          withHead = false;
        } else if (mergesToo && code !== "ItemNotFound") {
          // Excel refuses more than 512 merged areas: read again without them (the engine then
          // cannot tell merges, as on an older Excel).
          mergesToo = false;
        } else throw e;
        q = queueRead(context, deps, name, mergesToo, withHead);
      }
    }
    const sheetName = q.ws.name;
    const state = stateOf(q.guard);
    deps.protection.set(sheetName, state);
    const box = areaToRead(sheetName, q.all, q.values);
    const { range, needsSync } = metadataRange(q.sheets, q.meta, deps.metadata);

    let grids: Grids | undefined;
    if (box) {
      const head = q.head && !q.head.isNullObject ? q.head : undefined;
      const fits =
        head &&
        head.rowIndex === box.rowIndex &&
        head.columnIndex === box.columnIndex &&
        head.columnCount === box.columnCount;
      const first: Grids =
        fits && head
          ? { values: head.values, formulas: head.formulas, numberFormat: head.numberFormat }
          : { values: [], formulas: [], numberFormat: [] };
      const rest = await readBands(
        context,
        q.ws,
        box,
        box.rowIndex + first.values.length,
        deps.budget,
        needsSync
      );
      grids = {
        values: [...first.values, ...rest.values],
        formulas: [...first.formulas, ...rest.formulas],
        numberFormat: [...first.numberFormat, ...rest.numberFormat],
      };
    } else if (needsSync) await context.sync();

    const values = metadataValues(range);
    const { metadata, explanations, targets, templates } = sheetMetadata(
      values,
      sheetName,
      q.workbookSheets()
    );
    const snapshot = box
      ? toSnapshot(sheetName, box.rowIndex, box.columnIndex, grids as Grids, metadata)
      : toSnapshot(sheetName, 0, 0, { values: [], formulas: [], numberFormat: [] }, metadata);
    return {
      // The workbook's targets file comes in the same answer: `_annex`'s third table.
      ...(targets ? { targets } : {}),
      // And the templates kept in the workbook (issue #20): its fourth table.
      ...(templates ? { templates } : {}),
      snapshot: withMerges(
        explanations?.length ? { ...snapshot, explanations } : snapshot,
        q.merged
      ),
      // ExcelApi 1.7 cannot tell a password before trying: writes find out and say so.
      protection: state.protected ? "no-password" : "none",
    };
  });
}

/**
 * The area to read: the used range counting formatted cells; where that is too large, the values'
 * used range; where that too is too large, a message naming the area (a stray value far away).
 */
function areaToRead(sheet: string, all: Excel.Range, values: Excel.Range): Box | undefined {
  const cells = (r: Excel.Range) => r.rowCount * r.columnCount;
  if (all.isNullObject) return values.isNullObject ? undefined : values;
  if (cells(all) <= MAX_READ_CELLS) return all;
  if (!values.isNullObject && cells(values) <= MAX_READ_CELLS) return values;
  throw strayArea(sheet, values.isNullObject ? all : values);
}

export function strayArea(sheet: string, box: Box): ReturnType<typeof hostError> {
  const from = toA1(box.rowIndex, box.columnIndex);
  const to = toA1(box.rowIndex + box.rowCount - 1, box.columnIndex + box.columnCount - 1);
  return hostError("too-large", {
    vi: `Trang tính "${sheet}" có dữ liệu trải từ ô ${from} đến ô ${to}, quá lớn để đọc. Thường là một giá trị nằm lạc xa bảng: hãy tìm ô ${to} (Ctrl+End), xoá các hàng và cột thừa rồi làm lại.`,
    en: `Sheet "${sheet}" has data from cell ${from} to cell ${to}, too large to read. Usually a stray value lies far from the table: find cell ${to} (Ctrl+End), delete the extra rows and columns and try again.`,
  });
}

/**
 * Reads the area from row `from` to its end in row bands small enough for one answer each (halving a
 * band Excel refuses). Nothing to read: no sync, unless `pending` asks for one anyway.
 */
async function readBands(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  box: Box,
  from: number,
  budget: number,
  pending: boolean
): Promise<Grids> {
  const end = box.rowIndex + box.rowCount;
  const cols = box.columnCount;
  let band = Math.max(1, Math.floor(budget / (cols * READ_PER_CELL)));
  const out: Grids = { values: [], formulas: [], numberFormat: [] };
  let r = from;
  if (r >= end && pending) await context.sync();
  while (r < end) {
    const n = Math.min(band, end - r);
    const part = ws.getRangeByIndexes(r, box.columnIndex, n, cols);
    part.load("values,formulas,numberFormat");
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 5 MB part, only when the sheet needs parts
      await context.sync();
    } catch (e) {
      if (errorCode(e) === "ResponsePayloadSizeLimitExceeded" && band > 1) {
        band = Math.max(1, Math.floor(band / 2));
        continue;
      }
      throw e;
    }
    out.values.push(...part.values);
    out.formulas.push(...part.formulas);
    out.numberFormat.push(...part.numberFormat);
    r += n;
  }
  return out;
}

/**
 * The snapshot with the merged areas Excel gave ("D20:M20"; none: []), or as it is when they were not
 * read (ExcelApi before 1.13).
 */
function withMerges(snapshot: SheetSnapshot, merged: Excel.RangeAreas | undefined): SheetSnapshot {
  if (!merged) return snapshot;
  return { ...snapshot, merges: merged.isNullObject ? [] : areaAddresses(merged.address) };
}

/**
 * The areas of a RangeAreas address ("Sheet1!D20:M20, 'Huyện, xã'!$A$1:$C$1") without their sheet
 * and $ signs: split at the commas outside a quoted sheet name.
 */
export function areaAddresses(address: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (i === address.length || (ch === "," && !quoted)) {
      const part = address.slice(start, i).trim();
      const plain = part.slice(part.lastIndexOf("!") + 1).replace(/\$/g, "");
      if (plain) out.push(plain);
      start = i + 1;
    }
  }
  return out;
}

/** The snapshot the engine reads, from Office's grids placed at their offset from A1. */
export function toSnapshot(
  name: string,
  rowIndex: number,
  columnIndex: number,
  grids: Grids,
  metadata?: AnnexMetadata
): SheetSnapshot {
  const pad = <T>(rows: unknown[][], empty: T): Array<T[] | undefined> => {
    const out: Array<T[] | undefined> = new Array(rowIndex).fill(undefined);
    for (const row of rows) {
      out.push(
        columnIndex ? [...new Array<T>(columnIndex).fill(empty), ...(row as T[])] : (row as T[])
      );
    }
    return out;
  };
  return {
    name,
    values: pad<CellValue>(grids.values, ""),
    formulas: pad<CellValue>(grids.formulas, ""),
    numberFormats: pad<string>(grids.numberFormat, "General"),
    ...(metadata ? { metadata } : {}),
  };
}

import {
  currentNames,
  explanationTable,
  METADATA_HEADER,
  METADATA_SHEET,
  metadataRecord,
  metadataRow,
  parseExplanations,
  parseMetadata,
  parseTargetsRecord,
  recordedNamesOf,
  SHEET_IDENTITY_COLUMN,
  SHEET_IDENTITY_HEADER,
  sheetIdentity,
  targetsTable,
} from "../../domain";
import type { AnnexMetadata, Explanation, WorkbookSheet } from "../../domain";
import {
  boundAlready,
  embedPlan,
  parseEmbeddedTemplates,
} from "../../domain/sheet/embeddedTemplates";
import type { TemplateInput } from "../../domain/template/schema";
import {
  changedExplanations,
  ExplanationsChange,
  TemplateWriteOptions,
  TemplateWritten,
} from "../annexHost";
import { BLOCK_OVERHEAD, jsonBytes } from "./cellBlocks";
import { runOn } from "./officeErrors";
import type { OfficeRuntime } from "./officeRuntime";

/**
 * The very hidden `_annex` sheet (the metadata record of each annex and the explanations), for the
 * Office host. Nothing is ever called on a null object: whether Excel answers such a call with another
 * null object or throws ItemNotFound is not documented (the test backend does either, EXCEL_NULL_CALLS),
 * so the host learns whether `_annex` exists before it asks for its cells, and remembers it.
 */

/**
 * Whether `_annex` is there, as far as the host knows. Until it is seen missing it is assumed there
 * (an annex workbook has it): its values are asked for with the cells, in the same sync. Where it is
 * missing that batch fails with ItemNotFound and is sent again asking only whether it exists, and from
 * then on it is looked for that way (a second sync once it appears).
 */
export class MetadataPresence {
  private absent = false;
  get assumed(): boolean {
    return !this.absent;
  }
  seen(exists: boolean): void {
    this.absent = !exists;
  }
}

/** What a batch queued about `_annex`: its values when it was known to exist, else whether it exists. */
export interface MetadataQuery {
  /** The sheet as a null object or not (loaded; safe in every Excel). */
  readonly sheet?: Excel.Worksheet;
  /** Its used range's values (when the sheet was known to exist). */
  readonly used?: Excel.Range;
}

/**
 * Queues the metadata (no sync): its values straight away while `_annex` is assumed there (getItem
 * fails the batch with ItemNotFound if it is not: forget and ask again), else only whether it exists.
 */
export function queueMetadata(
  sheets: Excel.WorksheetCollection,
  presence: MetadataPresence
): MetadataQuery {
  if (presence.assumed) return { used: queueValues(sheets) };
  const sheet = sheets.getItemOrNullObject(METADATA_SHEET);
  sheet.load("name");
  return { sheet };
}

function queueValues(sheets: Excel.WorksheetCollection): Excel.Range {
  // A sheet's used range is a null object when it is empty: loaded, never called.
  return sheets.getItem(METADATA_SHEET).getUsedRangeOrNullObject(true).load("values");
}

/**
 * After the sync: the values' range, queued now when the first batch only learnt that `_annex`
 * exists (the caller syncs once more), or undefined when there is no `_annex`.
 */
export function metadataRange(
  sheets: Excel.WorksheetCollection,
  query: MetadataQuery,
  presence: MetadataPresence
): { range?: Excel.Range; needsSync: boolean } {
  if (query.used) return { range: query.used, needsSync: false };
  const exists = !!query.sheet && !query.sheet.isNullObject;
  presence.seen(exists);
  return exists ? { range: queueValues(sheets), needsSync: true } : { needsSync: false };
}

/** The loaded values (undefined: no `_annex`, or an empty one). */
export function metadataValues(range: Excel.Range | undefined): unknown[][] | undefined {
  return !range || range.isNullObject ? undefined : range.values;
}

/**
 * Queues the workbook's sheets as resolveSheets compares them (no sync): name, Excel's id for the
 * sheet, position. Worksheet.id is documented to stay through a rename or a move, not what it looks
 * like nor whether it stays when the workbook is saved and opened again: it is only ever compared
 * with an id this host recorded, and a record whose id no sheet has is found by its position.
 */
export function queueSheets(
  sheets: Excel.WorksheetCollection,
  alsoLoad = ""
): () => WorkbookSheet[] {
  // One load for the collection: whether a second load of its items adds to the first or replaces
  // it is not documented (the test backend replaces it).
  sheets.load(`items/name,items/id,items/position${alsoLoad ? `,${alsoLoad}` : ""}`);
  return () => sheets.items.map((s) => ({ name: s.name, sheetNo: s.id, position: s.position + 1 }));
}

/**
 * The metadata record and explanations of one sheet, and the workbook's targets file and kept
 * templates, from `_annex`'s values. With the workbook's sheets, a record kept under the name the
 * sheet had before it was renamed in Excel is its record (issue #19); without them, by its name only.
 */
export function sheetMetadata(
  values: unknown[][] | undefined,
  sheet: string,
  sheets?: readonly WorkbookSheet[]
): {
  metadata?: AnnexMetadata;
  explanations?: readonly Explanation[];
  targets?: string;
  templates?: ReturnType<typeof parseEmbeddedTemplates>;
} {
  const templates = parseEmbeddedTemplates(values);
  const names = sheets ? recordedNamesOf(currentNames(values, sheets), sheet) : [sheet];
  const records = parseMetadata(values);
  const explained = parseExplanations(values);
  const metadata = names.map((n) => records.get(n)).find((m) => m !== undefined);
  const explanations = names.flatMap((n) => explained.get(n) ?? []);
  return {
    metadata,
    explanations: explanations.length ? explanations : undefined,
    targets: parseTargetsRecord(values),
    ...(templates.length ? { templates } : {}),
  };
}

/**
 * Keeps a renamed sheet's records under its name now (no sync): the metadata record's name and its
 * identity, so the records stay found when the sheet is later moved too. Nothing when none is
 * recorded under a former name.
 */
function followRename(
  meta: Excel.Worksheet,
  values: unknown[][] | undefined,
  me: WorkbookSheet,
  formerNames: readonly string[],
  cellInput: (v: string | number | boolean | null) => string | number | boolean
): void {
  if (!values || !formerNames.length) return;
  meta.getRangeByIndexes(0, SHEET_IDENTITY_COLUMN, 1, SHEET_IDENTITY_HEADER.length).values = [
    [...SHEET_IDENTITY_HEADER],
  ];
  values.forEach((row, r) => {
    if (r === 0 || !formerNames.includes(String(row?.[0] ?? ""))) return;
    meta.getRangeByIndexes(r, 0, 1, 1).formulas = [[cellInput(me.name)]];
    meta.getRangeByIndexes(r, SHEET_IDENTITY_COLUMN, 1, 2).values = [sheetIdentity(me)];
  });
}

/** Whether an error is the one a remembered `_annex` that went away gives. */
export function metadataGone(e: unknown, query: MetadataQuery | undefined): boolean {
  return !!query?.used && (e as { code?: unknown } | null)?.code === "ItemNotFound";
}

/**
 * Reads `_annex` for a write (1 sync; 2 where it is missing), with whatever `alongside` queues in the
 * same batch: its values and a function that queues the sheet to write to, added with its header row
 * where it was missing or empty, and very hidden (no sync).
 */
export async function readForWrite<T = undefined>(
  context: Excel.RequestContext,
  presence: MetadataPresence,
  alongside: () => T = () => undefined as T
): Promise<{ values: unknown[][] | undefined; sheet: () => Excel.Worksheet; alongside: T }> {
  const sheets = context.workbook.worksheets;
  let query = queueMetadata(sheets, presence);
  let extra = alongside();
  try {
    await context.sync();
  } catch (e) {
    if (!metadataGone(e, query)) throw e;
    presence.seen(false);
    query = queueMetadata(sheets, presence);
    extra = alongside();
    await context.sync();
  }
  const { range, needsSync } = metadataRange(sheets, query, presence);
  if (needsSync) await context.sync();
  const values = metadataValues(range);
  const exists = presence.assumed;
  return {
    values,
    alongside: extra,
    sheet: () => {
      const meta = exists ? sheets.getItem(METADATA_SHEET) : sheets.add(METADATA_SHEET);
      if (!values)
        meta.getRangeByIndexes(0, 0, 1, METADATA_HEADER.length).formulas = [[...METADATA_HEADER]];
      meta.visibility = "VeryHidden" as Excel.SheetVisibility;
      presence.seen(true);
      return meta;
    },
  };
}

/** Replaces one sheet's explanations in `_annex` (2 syncs, 3 the first time `_annex` is looked at). */
export async function writeExplanations(
  runtime: OfficeRuntime,
  presence: MetadataPresence,
  sheet: string,
  explanations: ExplanationsChange,
  cellInput: (v: string | number | boolean | null) => string | number | boolean
): Promise<void> {
  return runOn(runtime, sheet, async (context) => {
    const loaded = await readForWrite(context, presence, () =>
      queueSheets(context.workbook.worksheets)
    );
    const meta = loaded.sheet();
    // A change is applied to the table as read in this same Excel.run (issue #19): an explanation
    // saved meanwhile by another writer is kept, and those kept under the name the sheet had before
    // a rename are its own.
    const sheets = loaded.alongside();
    const former = recordedNamesOf(currentNames(loaded.values, sheets), sheet).slice(1);
    const stored = sheetMetadata(loaded.values, sheet, sheets).explanations ?? [];
    const me = sheets.find((s) => s.name === sheet);
    if (me) followRename(meta, loaded.values, me, former, cellInput);
    const table = explanationTable(
      loaded.values,
      sheet,
      changedExplanations(explanations, stored),
      former
    );
    meta.getRangeByIndexes(0, table.column, table.rows.length, table.width).formulas =
      table.rows.map((r) => r.map(cellInput));
    if (table.clear)
      meta
        .getRangeByIndexes(table.rows.length, table.column, table.clear, table.width)
        .clear("Contents" as Excel.ClearApplyTo);
    await context.sync();
  });
}

/**
 * Keeps the workbook's targets file in `_annex` (its third table; undefined removes it). The same
 * text again changes nothing and writes nothing.
 */
export async function writeTargets(
  runtime: OfficeRuntime,
  presence: MetadataPresence,
  text: string | undefined,
  cellInput: (v: string | number | boolean | null) => string | number | boolean
): Promise<void> {
  return runOn(runtime, "", async (context) => {
    const loaded = await readForWrite(context, presence);
    if (parseTargetsRecord(loaded.values) === text || (text === undefined && !loaded.values))
      return;
    const meta = loaded.sheet();
    const table = targetsTable(loaded.values, text);
    if (table.rows.length)
      meta.getRangeByIndexes(0, table.column, table.rows.length, 1).formulas = table.rows.map((r) =>
        r.map(cellInput)
      );
    if (table.clear)
      meta
        .getRangeByIndexes(table.rows.length, table.column, table.clear, 1)
        .clear("Contents" as Excel.ClearApplyTo);
    await context.sync();
  });
}

/**
 * Keeps a template in `_annex` (issue #20; the table is the domain's embeddedTemplates.ts) and, with
 * `bind`, the sheet's metadata record: one Excel.run, `_annex` read right before writing (2 syncs, 3
 * the first time it is looked at); the same template already kept and bound writes nothing (1 sync);
 * another template of that id is left as it is unless `replace`. The table's rows go in bands that
 * each stay under the request budget (Excel on the web refuses a request over 5 MB): one sync per band.
 */
export async function writeTemplate(
  runtime: OfficeRuntime,
  presence: MetadataPresence,
  data: TemplateInput,
  options: TemplateWriteOptions,
  budget: number,
  cellInput: (v: string | number | boolean | null) => string | number | boolean
): Promise<TemplateWritten> {
  return runOn(runtime, options.bind?.sheet ?? "", async (context) => {
    const loaded = await readForWrite(context, presence, () =>
      queueSheets(context.workbook.worksheets)
    );
    const plan = embedPlan(loaded.values, data, options);
    if (plan.action === "conflict") return { outcome: "conflict", kept: plan.kept };
    const bind = options.bind;
    const bound = !bind || boundAlready(loaded.values, bind.sheet, bind.metadata);
    if (plan.action === "unchanged" && bound) return { outcome: "unchanged" };
    const meta = loaded.sheet();
    if (bind && !bound) {
      const row = metadataRow(loaded.values, bind.sheet);
      meta.getRangeByIndexes(row, 0, 1, METADATA_HEADER.length).formulas = [
        metadataRecord(bind.sheet, bind.metadata).map(cellInput),
      ];
      // Its identity beside it, so the record follows the sheet through a rename (issue #19).
      const me = loaded.alongside().find((s) => s.name === bind.sheet);
      if (me) {
        meta.getRangeByIndexes(0, SHEET_IDENTITY_COLUMN, 1, 2).values = [
          [...SHEET_IDENTITY_HEADER],
        ];
        meta.getRangeByIndexes(row, SHEET_IDENTITY_COLUMN, 1, 2).values = [sheetIdentity(me)];
      }
    }
    if (plan.action === "write") {
      const { table } = plan;
      let start = 0;
      let used = 0;
      const put = (end: number) => {
        meta.getRangeByIndexes(start, table.column, end - start, table.width).formulas = table.rows
          .slice(start, end)
          .map((r) => r.map(cellInput));
      };
      for (let r = 0; r < table.rows.length; r++) {
        const bytes = BLOCK_OVERHEAD + table.rows[r].reduce((n, v) => n + jsonBytes(v) + 1, 0);
        if (r > start && used + bytes > budget) {
          put(r);
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 5 MB band, only for a table that needs bands
          await context.sync();
          start = r;
          used = 0;
        }
        used += bytes;
      }
      put(table.rows.length);
      if (table.clear)
        meta
          .getRangeByIndexes(table.rows.length, table.column, table.clear, table.width)
          .clear("Contents" as Excel.ClearApplyTo);
    }
    await context.sync();
    return {
      outcome: "written",
      ...(plan.action === "write" && plan.replaced ? { replaced: plan.replaced } : {}),
    };
  });
}

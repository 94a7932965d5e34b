import { templateHash } from "../learn/hash";
import { cellPieces } from "./cellPieces";
import { checkTemplate, TemplateProblem } from "../template/loadTemplate";
import { Template, TemplateInput } from "../template/schema";
import { MetadataValues, tableColumn } from "./metadataTables";
import { parseMetadata } from "./metadataRecords";
import type { AnnexMetadata } from "./snapshot";

/**
 * A template kept inside the workbook (issue #20), so that a province's own form travels with the
 * blank annex it sends to its communes: a third table in the very hidden metadata sheet "_annex",
 * right of the metadata records and the explanations (from column AC when the sheet has none, found by
 * its header "embeddedTemplate" wherever it is). One row per piece of a template's JSON (a cell holds
 * at most 32,767 characters): id, version, hash of the whole JSON (templateHash), "1/3", the piece.
 * Text cells only, so Excel and LibreOffice keep them as they are. The ExcelJS adapter
 * (src/adapters/xlsx/embeddedTemplates.ts) reads and writes it through these functions.
 */
export const EMBEDDED_HEADER = ["embeddedTemplate", "version", "hash", "part", "json"] as const;

/** The 0-based column the table goes in when the metadata sheet has none yet: AC, clear of the other tables (test/domain/metadataTables.test.ts). */
export const EMBEDDED_COLUMN = 28;

export interface EmbeddedTemplate {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
  /** The template, when its JSON is whole, its hash matches and it loads; else why not. */
  readonly template?: Template;
  readonly problems?: readonly TemplateProblem[];
}

function columnOf(values: MetadataValues) {
  return tableColumn(values, EMBEDDED_HEADER[0]);
}

/** Every template kept in the metadata sheet's values (row 0 = its first row), in the order kept. */
export function parseEmbeddedTemplates(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined
): EmbeddedTemplate[] {
  const col = columnOf(values);
  if (!values || col === undefined) return [];
  const pieces = new Map<string, { version: string; hash: string; parts: string[]; of: number }>();
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    const [id, version, hash, part, json] = EMBEDDED_HEADER.map((_, k) => row[col + k]);
    const m = typeof part === "string" ? /^(\d+)\/(\d+)$/.exec(part) : null;
    if (typeof id !== "string" || !id || !m || typeof json !== "string") continue;
    const key = `${id}\u0000${String(version)}`;
    const entry = pieces.get(key) ?? {
      version: String(version ?? ""),
      hash: String(hash ?? ""),
      parts: [],
      of: Number(m[2]),
    };
    entry.parts[Number(m[1]) - 1] = json;
    pieces.set(key, entry);
  }
  const out: EmbeddedTemplate[] = [];
  for (const [key, e] of pieces) {
    const id = key.split("\u0000")[0];
    const base = { id, version: e.version, hash: e.hash };
    const whole = e.parts.length === e.of && e.parts.every((p) => typeof p === "string");
    let data: unknown;
    try {
      data = whole ? JSON.parse(e.parts.join("")) : undefined;
    } catch {
      data = undefined;
    }
    if (data === undefined || templateHash(data) !== e.hash) {
      out.push({
        ...base,
        problems: [
          {
            path: "(workbook)",
            // Its id is not the officer's word: the version tells one kept template from another.
            vi: `mẫu (phiên bản ${e.version}) lưu trong tệp bị thiếu hoặc đã bị sửa tay (mã kiểm tra không khớp)`,
            en: `the template (version ${e.version}) kept in the workbook is incomplete or was edited by hand (its hash does not match)`,
          },
        ],
      });
      continue;
    }
    const checked = checkTemplate(data);
    out.push(
      checked.ok ? { ...base, template: checked.template } : { ...base, problems: checked.problems }
    );
  }
  return out;
}

/** The table's rows for one template's data: id, version, hash, "k/n", piece. */
export function embeddedRows(data: TemplateInput): string[][] {
  const json = JSON.stringify(data);
  const hash = templateHash(data);
  const pieces = cellPieces(json);
  return pieces.map((piece, k) => [
    data.id,
    data.version,
    hash,
    `${k + 1}/${pieces.length}`,
    piece,
  ]);
}

/**
 * The whole table after keeping `data` (replacing any earlier version of the same id, keeping the
 * other templates): where it goes, its rows (header first) and how many old rows below to clear.
 * Keeping the same data twice gives the same table.
 */
export function embeddedTable(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined,
  data: TemplateInput
): { column: number; width: number; rows: string[][]; clear: number } {
  const found = columnOf(values);
  const rows: string[][] = [[...EMBEDDED_HEADER]];
  if (values && found !== undefined)
    for (let r = 1; r < values.length; r++) {
      const row = values[r];
      const id = row?.[found];
      if (typeof id !== "string" || !id || id === data.id) continue;
      rows.push(EMBEDDED_HEADER.map((_, k) => String(row?.[found + k] ?? "")));
    }
  rows.push(...embeddedRows(data));
  const before = found === undefined ? 0 : (values?.length ?? 0);
  return {
    column: found ?? EMBEDDED_COLUMN,
    width: EMBEDDED_HEADER.length,
    rows,
    clear: Math.max(0, before - rows.length),
  };
}

/**
 * What keeping `data` in a workbook whose `_annex` holds `values` comes to, decided once for every
 * host (issue #20), on `_annex` as read right before writing:
 *  - "unchanged": the same template (same id, same hash) is already kept: nothing to write, so an
 *    action run twice changes nothing the second time;
 *  - "conflict": another template of that id is kept (another version, or the same version with other
 *    content, or one edited by hand): nothing is written unless `replace` (the person was asked);
 *  - "write": the whole table to write (embeddedTable), and the kept one it replaces, if any.
 */
export type EmbedPlan =
  | { readonly action: "unchanged" }
  | { readonly action: "conflict"; readonly kept: KeptTemplate }
  | {
      readonly action: "write";
      readonly table: ReturnType<typeof embeddedTable>;
      readonly replaced?: KeptTemplate;
    };

/** A template kept in the workbook, as a conflict names it. */
export interface KeptTemplate {
  readonly version: string;
  readonly hash: string;
}

export function embedPlan(
  values: ReadonlyArray<ReadonlyArray<unknown> | undefined> | undefined,
  data: TemplateInput,
  options: { readonly replace?: boolean } = {}
): EmbedPlan {
  const kept = parseEmbeddedTemplates(values).find((e) => e.id === data.id);
  if (kept && kept.template && kept.hash === templateHash(data)) return { action: "unchanged" };
  const named = kept ? { version: kept.version, hash: kept.hash } : undefined;
  if (named && !options.replace) return { action: "conflict", kept: named };
  return {
    action: "write",
    table: embeddedTable(values, data),
    ...(named ? { replaced: named } : {}),
  };
}

/**
 * Whether `_annex` already records `sheet` as an annex of this form (template, version, year,
 * period, department): binding it again would write nothing new.
 */
export function boundAlready(values: MetadataValues, sheet: string, m: AnnexMetadata): boolean {
  const kept = parseMetadata(values as ReadonlyArray<ReadonlyArray<unknown>> | undefined).get(
    sheet
  );
  return (
    !!kept &&
    kept.templateId === m.templateId &&
    kept.templateVersion === m.templateVersion &&
    kept.year === m.year &&
    (kept.period ?? "") === (m.period ?? "") &&
    (kept.department ?? "") === (m.department ?? "")
  );
}

/** What keeping a template came to, as every host answers (AnnexHost.writeTemplate). */
export type EmbedOutcome =
  | { readonly outcome: "written"; readonly replaced?: KeptTemplate }
  | { readonly outcome: "unchanged" }
  | { readonly outcome: "conflict"; readonly kept: KeptTemplate };

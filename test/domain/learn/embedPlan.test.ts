import { METADATA_HEADER, metadataRecord, snapshotFromValues } from "../../../src/domain";
import { learnTemplate } from "../../../src/domain/learn";
import {
  boundAlready,
  EMBEDDED_COLUMN,
  embeddedTable,
  embedPlan,
} from "../../../src/domain/sheet/embeddedTemplates";
import type { TemplateInput } from "../../../src/domain/template/schema";
import { THAI_BINH } from "../../helpers/handMadeSheets";

/**
 * Issue #20: what keeping a template in `_annex` comes to, decided once for every host — the same
 * template again writes nothing, another one of that id is not replaced unless asked, a kept one
 * edited by hand is never taken for the same.
 */
function learned(): TemplateInput {
  const r = learnTemplate(snapshotFromValues("Quý I-2020", THAI_BINH));
  if (!r.ok) throw new Error(r.vi);
  return r.data;
}

/** `_annex`'s values after a table was written: header row and records left of it. */
function valuesWith(data: TemplateInput, before: unknown[][] = []): unknown[][] {
  const table = embeddedTable(before, data);
  const out = before.map((r) => [...r]);
  table.rows.forEach((row, r) => {
    const line = (out[r] ??= []);
    row.forEach((v, k) => (line[table.column + k] = v));
  });
  return out;
}

test("a template kept once is unchanged the second time; another of that id is a conflict unless replaced", () => {
  const data = learned();
  expect(embedPlan(undefined, data)).toMatchObject({ action: "write" });
  const values = valuesWith(data);
  expect(embedPlan(values, data)).toEqual({ action: "unchanged" });

  const other: TemplateInput = { ...data, version: "1.0.1" };
  const kept = { version: "1.0.0", hash: String(values[1][EMBEDDED_COLUMN + 2]) };
  expect(embedPlan(values, other)).toEqual({ action: "conflict", kept });
  const replacing = embedPlan(values, other, { replace: true });
  expect(replacing).toMatchObject({ action: "write", replaced: kept });
  // Another id beside it is kept as it is, and does not conflict.
  const beside = embedPlan(values, { ...data, id: "mau-khac" });
  if (beside.action !== "write") throw new Error(beside.action);
  expect(beside.table.rows.map((r) => r[0])).toEqual(["embeddedTemplate", data.id, "mau-khac"]);
});

test("a kept template edited by hand is not the same one, even with its old hash", () => {
  const data = learned();
  const values = valuesWith(data);
  values[1][EMBEDDED_COLUMN + 4] = String(values[1][EMBEDDED_COLUMN + 4]).replace('"up"', '"down"');
  expect(embedPlan(values, data)).toMatchObject({ action: "conflict" });
});

test("a sheet is bound already only when its record names the same template, version and year", () => {
  const m = { templateId: "mau-x", templateVersion: "1.0.0", year: 2020 };
  const values = [[...METADATA_HEADER], metadataRecord("Quý I-2020", m)];
  expect(boundAlready(values, "Quý I-2020", m)).toBe(true);
  expect(boundAlready(values, "Quý I-2020", { ...m, templateVersion: "1.0.1" })).toBe(false);
  expect(boundAlready(values, "Quý I-2020", { ...m, year: 2021 })).toBe(false);
  expect(boundAlready(values, "Trang tính1", m)).toBe(false);
  expect(boundAlready(undefined, "Quý I-2020", m)).toBe(false);
});

import { EXPLANATIONS_COLUMN, EXPLANATIONS_HEADER } from "../../src/domain/explanations/records";
import {
  METADATA_HEADER,
  SHEET_IDENTITY_COLUMN,
  SHEET_IDENTITY_HEADER,
} from "../../src/domain/sheet/metadataRecords";
import { CONSOLIDATION_COLUMN, CONSOLIDATION_HEADER } from "../../src/domain/consolidate/records";
import { TARGETS_COLUMN } from "../../src/domain/targets/targetsRecord";
import { EMBEDDED_COLUMN, EMBEDDED_HEADER } from "../../src/domain/sheet/embeddedTemplates";

/**
 * The very hidden `_annex` sheet holds five tables side by side, each found by its header wherever it
 * is, and placed at its own column when the sheet has none yet. Written by different commands (new,
 * explain, merge, learn --embed, the pane's targets file), a table placed over another's columns
 * would overwrite it: the default places must never overlap, and must leave a column free between.
 */
test("the tables of _annex have default columns that never overlap", () => {
  const tables = [
    { name: "metadata", from: 0, width: METADATA_HEADER.length },
    { name: "sheet identity", from: SHEET_IDENTITY_COLUMN, width: SHEET_IDENTITY_HEADER.length },
    { name: "explanations", from: EXPLANATIONS_COLUMN, width: EXPLANATIONS_HEADER.length },
    { name: "consolidation", from: CONSOLIDATION_COLUMN, width: CONSOLIDATION_HEADER.length },
    { name: "targets file", from: TARGETS_COLUMN, width: 1 },
    { name: "embedded template", from: EMBEDDED_COLUMN, width: EMBEDDED_HEADER.length },
  ].sort((a, b) => a.from - b.from);
  for (let i = 1; i < tables.length; i++) {
    const before = tables[i - 1];
    const end = before.from + before.width;
    // The identity columns sit right beside the metadata record, by design; the others keep a gap.
    const gap = tables[i].name === "sheet identity" ? 0 : 1;
    expect([tables[i].name, tables[i].from >= end + gap]).toEqual([tables[i].name, true]);
  }
});

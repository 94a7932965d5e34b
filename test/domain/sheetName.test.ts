import { explanationTable, metadataRow, parseExplanations, parseMetadata } from "../../src/domain";
import { METADATA_HEADER } from "../../src/domain";

/**
 * Sheet names in NFC (#17): "Biểu 01 - 2023" saved decomposed (NFD, as macOS and some generators write
 * it) is the same sheet for the metadata records and the explanations, whichever form each was saved in.
 */
const NFC = "Biểu 01 - 2023";
const NFD = NFC.normalize("NFD");

test("the two forms differ as strings but name one sheet in the metadata and the explanations", () => {
  expect(NFD).not.toBe(NFC);
  const values = [[...METADATA_HEADER], [NFC, "bieu-01-ke-hoach-nam", "1.1.0", 2023, ""]];
  const records = parseMetadata(values);
  expect(records.get(NFD)?.templateId).toBe("bieu-01-ke-hoach-nam");
  expect(records.has(NFD)).toBe(true);
  // The record is updated in its row, not added twice.
  expect(metadataRow(values, NFD)).toBe(1);

  const e = {
    ruleId: "change.large",
    cell: "G42",
    figures: { G42: 1 },
    reason: "Lý do",
    date: "2026-12-07",
  };
  const table = explanationTable(undefined, NFD, [e]);
  const pad = (head: readonly string[]) => [...head, ...Array(table.column - head.length).fill("")];
  const grid = [
    [...pad(METADATA_HEADER), ...table.rows[0]],
    [...pad([]), ...table.rows[1]],
  ];
  expect(parseExplanations(grid).get(NFC)).toEqual([e]);
});

/** The province's annex from its units' annexes (issues #12, #19): see consolidate.ts. */
export { consolidate } from "./consolidate";
export type {
  Consolidation,
  Counts,
  EmptyMerge,
  MergedDistrict,
  MergeOptions,
} from "./consolidate";
export { admit, LEFT_OUT_REASONS, leftOutGroups } from "./admit";
export type { LeftOutFile, LeftOutReason, MergeSource } from "./admit";
export { inputColumns } from "./cells";
export type { DistrictFigure, MergeNote } from "./cells";
export { DETAIL_SHEET } from "./detailSheet";
export type { DetailCell, DetailSheet } from "./detailSheet";
export { bytesDigest, looksLikeCopy, unitOfAnnex } from "./unitIdentity";
export {
  CONSOLIDATION_HEADER,
  CONSOLIDATION_COLUMN,
  consolidationRows,
  parseConsolidation,
} from "./records";
export type { ConsolidationNote, ConsolidationNoteKind, ConsolidationRecord } from "./records";
export { mergeVerdict, verdictHeadline, verdictParts } from "./verdict";
export type { MergeVerdict } from "./verdict";

/** The province's annex from its districts' annexes (issue #12): see consolidate.ts. */
export { consolidate, inputColumns } from "./consolidate";
export type {
  Consolidation,
  Counts,
  DistrictFigure,
  EmptyMerge,
  LeftOutFile,
  LeftOutReason,
  MergedDistrict,
  MergeNote,
  MergeOptions,
  MergeSource,
} from "./consolidate";
export { DETAIL_SHEET } from "./detailSheet";
export type { DetailCell, DetailSheet } from "./detailSheet";

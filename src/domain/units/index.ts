/**
 * Administrative units (issue #21): the list's types, "which unit wrote this file", the reporting
 * level of a year and completeness. The list itself is loaded by units/data.ts (lazily in the pane).
 */
export { UnitDirectory, communeTitle, districtTitle, provinceTitle } from "./directory";
export type {
  Commune,
  CommuneKind,
  DistrictKind,
  FormerDistrict,
  FormerProvince,
  Province,
  ProvinceKind,
  UnitsData,
} from "./directory";
export { identifyUnit } from "./identify";
export type { IdentifyOptions, UnitIdentity } from "./identify";
export { FIRST_COMMUNE_YEAR, LEVEL_WORDS, reportingLevel } from "./level";
export type { LevelWords, ReportingLevel } from "./level";
export { completeness, outsideProvince, provinceScope, senderOf } from "./completeness";
export type { Completeness, ProvinceScope, Sender } from "./completeness";
export { fileSender, identityTitle, senderCheck, unitCompleteness } from "./fileSender";
export type { FileSender, SenderCheck } from "./fileSender";
export { batchSenders } from "./batch";
export type { BatchFile, BatchSenders } from "./batch";

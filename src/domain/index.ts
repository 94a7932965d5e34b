/**
 * The annex engine: pure TypeScript, no Office.js, DOM or Node. Adapters read a sheet into a
 * SheetSnapshot, call analyzeSheet, show the findings and apply the write plan.
 */
export { analyzeSheet } from "./analyze";
export type { Analysis, AnalyzeOptions } from "./analyze";
export { analyzeWorkbook } from "./analyzeWorkbook";
export type { WorkbookAnalysis } from "./analyzeWorkbook";
export { builtInTemplates, findTemplate } from "./catalog";
export {
  checkTemplate,
  loadTemplate,
  loadTemplateJson,
  TemplateError,
} from "./template/loadTemplate";
export type { TemplateProblem } from "./template/loadTemplate";
export type { Template, Indicator, Column, Relation, Section } from "./template/schema";
export {
  periodsOf,
  resolveLocalized,
  resolveYearTokens,
  templateForPeriod,
} from "./template/headers";
export {
  isReportingPeriod,
  periodName,
  REPORTING_PERIODS,
  ReportingPeriod,
} from "./template/period";
export { parseNumber } from "./numbers/parseNumber";
export { formatNumber } from "./numbers/formatNumber";
export type { NumberLocale } from "./numbers/locale";
export { parseTarget } from "./targets/parseTarget";
export type { Target } from "./targets/parseTarget";
export {
  checkTargetsFile,
  invalidTargetsText,
  loadTargetsJson,
  targetsForAnnex,
  TargetsError,
  TARGETS_FORMAT,
} from "./targets/targetsFile";
export type { AssignedTarget, TargetsFile, TargetsFileInput } from "./targets/targetsFile";
export {
  parseTargetsRecord,
  TARGETS_COLUMN,
  TARGETS_HEADER,
  targetsTable,
} from "./targets/targetsRecord";
export { locateAnnex } from "./sheet/locate";
export { reportingUnit, type ReportingUnit } from "./sheet/reportingUnit";
export type { LocatedAnnex } from "./sheet/locate";
export type { SheetSnapshot, CellValue, AnnexMetadata, ErrorCode } from "./sheet/snapshot";
export { snapshotFromValues, ERROR_CODES, isErrorCode, SnapshotEditor } from "./sheet/snapshot";
export { toA1, fromA1, columnLetter } from "./sheet/address";
export { sameSheetName, sheetKey, SheetNameMap } from "./sheet/sheetName";
export { QUOTE_LIMIT, quoteCell, REASON_LIMIT } from "./text/quote";
export { PROBLEM_LIMIT, problemLines, type PathProblem } from "./text/problemList";
export {
  METADATA_SHEET,
  METADATA_HEADER,
  parseMetadata,
  metadataRow,
  metadataRecord,
  parseSheetRecords,
  resolveSheets,
  currentNames,
  recordedNamesOf,
  sheetIdentity,
  SHEET_IDENTITY_COLUMN,
  SHEET_IDENTITY_HEADER,
} from "./sheet/metadataRecords";
export type { WorkbookSheet } from "./sheet/metadataRecords";
export { computeDerived, EVALUATION } from "./derive/derivedCells";
export type { DerivedCell } from "./derive/derivedCells";
export { RULES, RULE_IDS } from "./rules/catalog";
export type { RuleId } from "./rules/catalog";
export type { Finding, Severity, Bilingual } from "./rules/finding";
export { planFixes, applyPlan } from "./plan/writePlan";
export type { WritePlan, CellWrite, SkippedCell } from "./plan/writePlan";
export { samplePlan, fillSnapshot } from "./samples";
export type { SampleFigures } from "./samples";
export * from "./explanations";
export { buildAnnexLayout, layoutSnapshot } from "./layout/annexLayout";
export type { AnnexLayout, LayoutCell, CellStyle } from "./layout/annexLayout";

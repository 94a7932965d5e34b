/**
 * The add-in's use cases: what the task pane and the ribbon commands call. The only code that talks to
 * both the engine (src/domain) and a host (src/host/annexHost.ts). A value imported from here brings the
 * whole session: the pane's first chunk (index.tsx, TaskPane, OutsideExcel, strings) imports from the
 * modules themselves, or types only.
 */
export type { Bilingual, Severity } from "../domain";
export { AnnexSession } from "./annexSession";
export type {
  CheckReport,
  ExplainResult,
  FillResult,
  FixResult,
  HighlightResult,
  InsertRequest,
  InsertResult,
  NextYearResult,
  KeptCell,
  SessionOptions,
  TargetsResult,
  UndoResult,
  WatchEvent,
} from "./annexSession";
export type {
  AnnexSummary,
  Counts,
  ExplainedView,
  ExplanationView,
  FindingView,
  SectionGroup,
  SeverityGroup,
} from "./findingViews";
export { countsText, explainedText, SEVERITY_LABEL, SEVERITIES, WHOLE_SHEET } from "./findingViews";
export type { Outcome, Problem, ProblemCode } from "./problems";
export type { TargetsView } from "./targetsChoice";
export type { PreviewRow, TemplateChoice, TemplatePreview } from "./templateCatalog";
export { yearOf } from "./templateCatalog";
export { localTemplateStore, pageTemplateStore } from "./customTemplates";
export type { TemplateStore } from "./customTemplates";
export { langOf, say } from "./language";
export type { Lang } from "./language";
export type {
  DistrictCheckOptions,
  DistrictFileInput,
  DistrictFileProblem,
  DistrictFileReport,
  DistrictSheet,
} from "./districtFiles";
export { learnedJson, withChanges } from "./learnedTemplate";
export type { LearnedChange, LearnedRowView, LearnedView, SavedTemplate } from "./learnedTemplate";

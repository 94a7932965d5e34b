export {
  changedFigures,
  explainFinding,
  explanationKey,
  figuresAt,
  findingFigures,
  findingKey,
  normalizeFigure,
  sameExplanation,
  splitFindings,
  withExplanation,
} from "./explanation";
export type {
  ExplainedFinding,
  Explanation,
  ExplanationStatus,
  ReopenedFinding,
  SplitFindings,
  UnplacedExplanation,
} from "./explanation";
export { anchorAddress, anchorOf, anchorsAt, isBound, sameBinding } from "./binding";
export {
  EXPLANATIONS_COLUMN,
  EXPLANATIONS_HEADER,
  explanationRows,
  explanationsColumn,
  explanationTable,
  parseExplanations,
} from "./records";

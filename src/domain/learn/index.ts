export { learnTemplate } from "./learnTemplate";
export type { LearnOptions, LearnResult } from "./learnTemplate";
export type { LearnNote } from "./notes";
export { canonicalJson, templateHash } from "./hash";

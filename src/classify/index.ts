/**
 * Classification, pure: text → framework links with evidence (normalisation, the
 * lexicon automaton, the learned layer, training), cases → components, and
 * supplier names → enterprise records.
 */
export { Classifier, AssignmentStatus, CONFIRMED_PROBABILITY, CLOSE_RATIO, MAX_TEXT_CHARS, STATUS_OF, assignedLinks } from './classifier.js';
export type { Analysis, Classification, ClassifierOptions, Evidence, LinkScore } from './classifier.js';
export { normalizeText, normalizeTerm } from './normalize.js';
export type { NormalizedText } from './normalize.js';
export { Automaton } from './automaton.js';
export type { Occurrence } from './automaton.js';
export { compileLexicon, DEFAULT_THRESHOLD, lexiconFromTables, lexiconTables } from './lexicon.js';
export type { Lexicon, LexiconTables, Segmenter } from './lexicon.js';
export { jiebaSegmenter } from './jieba-segmenter.js';
export { FEATURE_NAMES } from './features.js';
export { parseModel, predictLink, MODEL_FORMAT } from './model.js';
export type { ClassifierModel } from './model.js';
export { decomposeCase, CASE_FIELDS } from './decompose-case.js';
export type { Decomposition, DecomposedComponent, FoundMention, MentionFinder, CaseMention, CaseField } from './decompose-case.js';
export { classifyEnterprise, industryCandidates, formatEvidence, formatAnalysisEvidence } from './classify-enterprise.js';
export type { EnterpriseAssignment, IndustryLinks } from './classify-enterprise.js';
export type { CompanyNameAnalysis, CompanyNameAnalyzer } from './company-names.js';
export { normalizeCompanyName, createCompanyNameAnalyzer } from './company-names.js';
export type {
  SupplierCandidate, SupplierIndex, SupplierIndexOptions, SupplierMatch, ScoredCandidate, MatchContext,
} from './match-suppliers.js';
export {
  createSupplierIndex, MatchReason, isMatchReason, MatchStatus, isMatchStatus,
  CREDIT_CODE_SCORE, EXACT_NAME_SCORE, SHORT_FORM_SCORE, CORE_NAME_SCORE, FUZZY_MAX_SCORE,
  AUTO_MATCH, POTENTIAL, MIN_MARGIN, CANDIDATE_FLOOR, MAX_CANDIDATES, FUZZY_POOL,
} from './match-suppliers.js';
export type { SupplierMention } from './find-mentions.js';
export { findSupplierMentions, MAX_NAME_PREFIX } from './find-mentions.js';
export { trainModel, POOLED_LINK, MIN_LINK_EXAMPLES, CALIBRATION_FOLDS, CUTOFFS } from './train.js';
export type { LabelledText, TrainOptions } from './train.js';
export { evaluateLinks, predictLabelled, scoreTally, WORST_ERRORS } from './evaluate.js';
export type { EvaluatedText, EvaluationReport, Scores, CountedScores, MacroScores, WorstError } from './evaluate.js';

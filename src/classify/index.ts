/** Text → framework links with evidence: normalisation, the lexicon automaton, the learned layer, training. */
export { Classifier, AssignmentStatus, CONFIRMED_PROBABILITY, CLOSE_RATIO, MAX_TEXT_CHARS, assignedLinks } from './classifier.js';
export type { Classification, ClassifierOptions, Evidence, LinkScore } from './classifier.js';
export { normalizeText, normalizeTerm } from './normalize.js';
export type { NormalizedText } from './normalize.js';
export { Automaton } from './automaton.js';
export type { Occurrence } from './automaton.js';
export { compileLexicon, DEFAULT_THRESHOLD } from './lexicon.js';
export type { Lexicon, Segmenter } from './lexicon.js';
export { jiebaSegmenter } from './jieba-segmenter.js';
export { FEATURE_NAMES } from './features.js';
export { parseModel, predictLink, MODEL_FORMAT } from './model.js';
export type { ClassifierModel } from './model.js';
export { trainModel, POOLED_LINK, MIN_LINK_EXAMPLES, CALIBRATION_FOLDS, CUTOFFS } from './train.js';
export type { LabelledText, TrainOptions } from './train.js';
export { evaluateLinks, predictLabelled, scoreTally, WORST_ERRORS } from './evaluate.js';
export type { EvaluatedText, EvaluationReport, Scores, CountedScores, MacroScores, WorstError } from './evaluate.js';

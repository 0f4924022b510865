/**
 * The features the learned layer sees for one link in one text, all derived
 * from the lexicon's hits: the model re-weighs the lexicon's evidence (how much,
 * how strong, how specific to the link), it does not read words of its own, so
 * that it generalises from few labelled examples and works for any framework.
 */
export const FEATURE_NAMES = [
  'log_score', 'score_over_threshold', 'max_weight', 'distinct_terms', 'segment_share', 'is_top_link', 'other_links',
] as const;

/** One link's features, in the order of FEATURE_NAMES (computed by the classifier's core, classifier.ts). */
export type LinkFeatures = Float64Array;

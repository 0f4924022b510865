/**
 * The features the learned layer sees for one link in one text, all derived
 * from the lexicon's hits: the model re-weighs the lexicon's evidence (how much,
 * how strong, how specific to the link), it does not read words of its own, so
 * that it generalises from few labelled examples and works for any framework.
 *
 * The model's prediction lives here too, beside the features; model.ts reads
 * and checks the model file. Classifying then never loads the schema library
 * (zod), and a worker thread starts sooner.
 */
import type { ClassifierModel } from './model.js';

export const FEATURE_NAMES = [
  'log_score', 'score_over_threshold', 'max_weight', 'distinct_terms', 'segment_share', 'is_top_link', 'other_links',
] as const;

/** One link's features, in the order of FEATURE_NAMES (computed by the classifier's core, classifier.ts). */
export type LinkFeatures = Float64Array;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The probability the model gives the link, or undefined when it has no entry for the link (the lexicon decides). */
export function predictLink(model: ClassifierModel, link: string, features: LinkFeatures): number | undefined {
  // A link trained on too few examples of its own uses the pooled entry (train.ts).
  const entry = model.links[link] ?? model.links['*'];
  if (!entry) return undefined;
  let sum = entry.bias;
  for (let i = 0; i < features.length; i++) sum += (entry.weights[i] ?? 0) * (features[i] as number);
  return sigmoid(sum);
}

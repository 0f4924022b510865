/**
 * The features the learned layer sees for one link in one text, all derived
 * from the lexicon's hits: the model re-weighs the lexicon's evidence (how much,
 * how strong, how specific to the link), it does not read words of its own, so
 * that it generalises from few labelled examples and works for any framework.
 */
import type { Hit, Lexicon, LexiconTerm } from './lexicon.js';

export const FEATURE_NAMES = [
  'log_score', 'score_over_threshold', 'max_weight', 'distinct_terms', 'segment_share', 'is_top_link', 'other_links',
] as const;

export type LinkFeatures = Float64Array;

/** Features of every link with evidence, by link index. */
export function linkFeatures(lexicon: Lexicon, scored: ReadonlyMap<number, { score: number; hits: readonly Hit[] }>): Map<number, LinkFeatures> {
  const segmentTotals = new Map<string, number>();
  let top = 0;
  for (const [index, entry] of scored) {
    const segment = (lexicon.links[index] as Lexicon['links'][number]).segment;
    segmentTotals.set(segment, (segmentTotals.get(segment) ?? 0) + entry.score);
    top = Math.max(top, entry.score);
  }
  const features = new Map<number, LinkFeatures>();
  for (const [index, entry] of scored) {
    const link = lexicon.links[index] as Lexicon['links'][number];
    const terms = new Set(entry.hits.map((h) => h.term));
    let maxWeight = 0;
    for (const t of terms) maxWeight = Math.max(maxWeight, (lexicon.terms[t] as LexiconTerm).weight);
    features.set(index, Float64Array.from([
      Math.log1p(entry.score),
      entry.score / link.threshold,
      maxWeight,
      terms.size,
      entry.score / (segmentTotals.get(link.segment) as number),
      entry.score === top ? 1 : 0,
      Math.log1p(scored.size - 1),
    ]));
  }
  return features;
}

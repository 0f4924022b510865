/**
 * Measuring the classifier against labelled texts: how often its links are the
 * labelled ones, link by link, segment by segment, and overall.
 *
 *   labelled texts → predict (classifier) → count tp/fp/fn per link and per segment
 *   → precision/recall/F1 (per link, per segment, micro, macro) → none accuracy → worst errors
 *
 * Definitions (docs/classifier.md):
 * - Link level: a (text, link) pair is a true positive when the link is both
 *   labelled and predicted, a false positive when only predicted, a false
 *   negative when only labelled. Micro scores pool the pairs of all links;
 *   macro scores are the unweighted means over the links that have support or
 *   predictions (links nobody labelled or predicted are left out).
 * - Segment level: a text's segment set is the set of segments of its links; the
 *   same counts over segments instead of links.
 * - A ratio whose denominator is 0 counts 0 — except a scope with nothing to
 *   find and nothing found (tp = fp = fn = 0), which scores 1 throughout.
 * - `none`: the texts labelled with no link, and the share of them given none.
 * - `worst`: the texts with the most false positives + false negatives (ties by
 *   id), at most WORST_ERRORS, with the evidence terms of each predicted link.
 * Pure: the caller reads the files; a gold or predicted id the framework does
 * not know is a programmer error (label files are validated when read).
 */
import type { Framework } from '../model/index.js';
import { assignedLinks, type Classifier } from './classifier.js';
import type { LabelledText } from './train.js';

/** How many of the worst errors a report lists. */
export const WORST_ERRORS = 10;

export interface EvaluatedText {
  readonly id: string;
  readonly text: string;
  readonly gold: readonly string[];
  readonly predicted: readonly string[];
  /** Per predicted link, the keywords that made it (as the framework writes them). */
  readonly evidence?: Readonly<Record<string, readonly string[]>>;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface CountedScores extends Scores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** Texts labelled with it (tp + fn). */
  readonly support: number;
  /** Texts given it (tp + fp). */
  readonly predicted: number;
}

export interface MacroScores extends Scores {
  /** How many links (or segments) the means are taken over. */
  readonly over: number;
}

export interface WorstError {
  readonly id: string;
  readonly text: string;
  readonly gold: readonly string[];
  readonly predicted: readonly string[];
  readonly falsePositives: readonly string[];
  readonly falseNegatives: readonly string[];
  readonly evidence: Readonly<Record<string, readonly string[]>>;
}

export interface EvaluationReport {
  readonly texts: number;
  /** Link level, pooled. */
  readonly micro: CountedScores;
  /** Link level, mean over links with support or predictions. */
  readonly macro: MacroScores;
  /** Every link of the framework, in framework order. */
  readonly links: readonly (CountedScores & { readonly link: string; readonly segment: string })[];
  readonly segment: {
    readonly micro: CountedScores;
    readonly macro: MacroScores;
    readonly segments: readonly (CountedScores & { readonly segment: string })[];
  };
  readonly none: { readonly total: number; readonly correct: number; readonly accuracy: number };
  readonly worst: readonly WorstError[];
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);

/** Precision, recall and F1 of a tally (the zero conventions of the module note). */
export function scoreTally({ tp, fp, fn }: Tally): CountedScores {
  if (tp + fp + fn === 0) return { tp, fp, fn, support: 0, predicted: 0, precision: 1, recall: 1, f1: 1 };
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { tp, fp, fn, support: tp + fn, predicted: tp + fp, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

function macroOf(scores: readonly CountedScores[]): MacroScores {
  const used = scores.filter((s) => s.support > 0 || s.predicted > 0);
  const mean = (pick: (s: Scores) => number) => (used.length === 0 ? 1 : used.reduce((sum, s) => sum + pick(s), 0) / used.length);
  return { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1), over: used.length };
}

/** Adds one text's gold and predicted sets to per-key tallies and to the pooled one. */
function tallyText(gold: ReadonlySet<string>, predicted: ReadonlySet<string>, tallies: Map<string, Tally>, pooled: Tally): void {
  const at = (key: string) => {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { tp: 0, fp: 0, fn: 0 }));
    return t;
  };
  for (const key of predicted) {
    const hit = gold.has(key);
    at(key)[hit ? 'tp' : 'fp']++;
    pooled[hit ? 'tp' : 'fp']++;
  }
  for (const key of gold) {
    if (predicted.has(key)) continue;
    at(key).fn++;
    pooled.fn++;
  }
}

export function evaluateLinks(framework: Framework, examples: readonly EvaluatedText[]): EvaluationReport {
  const segmentOf = new Map(framework.links.map((l) => [l.id, l.segment]));
  const segmentsOf = (links: readonly string[]) =>
    new Set(links.map((l) => {
      const segment = segmentOf.get(l);
      if (segment === undefined) throw new Error(`link ${l} is not in framework ${framework.id}`);
      return segment;
    }));
  const linkTallies = new Map<string, Tally>();
  const segmentTallies = new Map<string, Tally>();
  const linkPooled: Tally = { tp: 0, fp: 0, fn: 0 };
  const segmentPooled: Tally = { tp: 0, fp: 0, fn: 0 };
  let noneTotal = 0;
  let noneCorrect = 0;
  const errors: (WorstError & { count: number })[] = [];

  for (const example of examples) {
    const gold = new Set(example.gold);
    const predicted = new Set(example.predicted);
    tallyText(gold, predicted, linkTallies, linkPooled);
    tallyText(segmentsOf(example.gold), segmentsOf(example.predicted), segmentTallies, segmentPooled);
    if (gold.size === 0) {
      noneTotal++;
      if (predicted.size === 0) noneCorrect++;
    }
    const falsePositives = [...predicted].filter((l) => !gold.has(l));
    const falseNegatives = [...gold].filter((l) => !predicted.has(l));
    const count = falsePositives.length + falseNegatives.length;
    if (count > 0) {
      const evidence = Object.fromEntries([...predicted].map((l) => [l, [...(example.evidence?.[l] ?? [])]]));
      errors.push({ id: example.id, text: example.text, gold: [...gold], predicted: [...predicted], falsePositives, falseNegatives, evidence, count });
    }
  }

  const empty: Tally = { tp: 0, fp: 0, fn: 0 };
  const links = framework.links.map((l) => ({ link: l.id, segment: l.segment, ...scoreTally(linkTallies.get(l.id) ?? empty) }));
  const segments = framework.segments.map((s) => ({ segment: s.id, ...scoreTally(segmentTallies.get(s.id) ?? empty) }));
  errors.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    texts: examples.length,
    micro: scoreTally(linkPooled),
    macro: macroOf(links),
    links,
    segment: { micro: scoreTally(segmentPooled), macro: macroOf(segments), segments },
    none: { total: noneTotal, correct: noneCorrect, accuracy: noneTotal === 0 ? 1 : noneCorrect / noneTotal },
    worst: errors.slice(0, WORST_ERRORS).map(({ count: _count, ...rest }) => rest),
  };
}

/** Classifies each labelled text and pairs its assigned links (with their evidence terms) with the labels. */
export function predictLabelled(classifier: Classifier, texts: readonly LabelledText[]): EvaluatedText[] {
  return texts.map((t) => {
    const assigned = assignedLinks(classifier.classify(t.text));
    return {
      id: t.id,
      text: t.text,
      gold: t.links,
      predicted: assigned.map((l) => l.link),
      evidence: Object.fromEntries(assigned.map((l) => [l.link, [...new Set(l.evidence.map((e) => e.term))]])),
    };
  });
}

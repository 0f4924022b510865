/**
 * REFERENCE, not used by ChainAtlas: the classifier's pipeline after normalisation
 * (hits, word boundaries, segmentation, negatives, longest match, scores, ranking)
 * as written with objects and callbacks before the typed-array core (commit d5d31f5),
 * kept verbatim but for its imports, the removal of what is not pipeline and of a scan
 * over code units it no longer needs (the same occurrences), so that
 * the faster core can be checked against it (test/classify-equivalence.test.ts).
 * Do not optimise.
 */
import type { Framework } from '../../src/model/index.js';
import { compileLexicon, type Lexicon, type LexiconTerm, type Segmenter } from '../../src/classify/lexicon.js';
import { predictLink } from '../../src/classify/model.js';
import { normalizeText, originalSpan, type NormalizedText } from './normalize-v1.js';
import { CLOSE_RATIO, CONFIRMED_PROBABILITY, MAX_TEXT_CHARS, type AssignmentStatus, type Classification, type ClassifierOptions, type Evidence, type LinkScore } from '../../src/classify/classifier.js';

type LinkFeatures = Float64Array;

const isAlnum = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);

/** Where a plural ending "s" or "es" at `end` finishes, when it ends the word there; undefined otherwise. */
function pluralEnd(text: string, end: number): number | undefined {
  for (const suffix of ['s', 'es']) {
    const after = end + suffix.length;
    if (text.startsWith(suffix, end) && (after === text.length || !isAlnum(text.charCodeAt(after)))) return after;
  }
  return undefined;
}

/** A keyword found in a text, at normalised offsets. */
export interface Hit {
  readonly term: number;
  readonly start: number;
  readonly end: number;
}

/** Whether the span crosses a word boundary without both of its ends on boundaries. */
function straddles(boundaries: readonly number[], start: number, end: number): boolean {
  let inside = false;
  let startOn = false;
  let endOn = false;
  for (const b of boundaries) {
    if (b === start) startOn = true;
    else if (b === end) endOn = true;
    else if (b > start && b < end) inside = true;
  }
  return inside && !(startOn && endOn);
}

/**
 * Word boundaries of the runs (between spaces) that hold a short hit, at offsets
 * of `text`, from a space-local segmenter cutting each such run alone (see
 * Segmenter). A run that is exactly its short hit needs no cutting: its ends are
 * boundaries, so the hit cannot straddle one.
 */
function runBoundaries(lexicon: Lexicon, text: string, hits: readonly Hit[], segmenter: Segmenter): number[] {
  const boundaries: number[] = [];
  let lastRun = -1;
  for (const hit of hits) {
    if (!(lexicon.terms[hit.term] as LexiconTerm).short) continue;
    const start = text.lastIndexOf(' ', hit.start) + 1;
    if (start === lastRun) continue;
    const space = text.indexOf(' ', hit.end);
    const end = space < 0 ? text.length : space;
    if (start === hit.start && end === hit.end) continue;
    lastRun = start;
    for (const b of segmenter(text.slice(start, end))) boundaries.push(start + b);
  }
  return boundaries;
}

/** The hits that count in a normalised text (see the module note), in order of start. */
export function findHits(lexicon: Lexicon, normalized: NormalizedText & { readonly codes?: Uint16Array }, segmenter?: Segmenter): Hit[] {
  const text = normalized.text;
  const positives: Hit[] = [];
  const negatives: Hit[] = [];
  let boundaries: readonly number[] | undefined;
  const found = (index: number, start: number, matchEnd: number) => {
    let end = matchEnd;
    const term = lexicon.terms[index] as LexiconTerm;
    if (term.boundedStart && start > 0 && isAlnum(text.charCodeAt(start - 1))) return;
    if (term.boundedEnd && end < text.length && isAlnum(text.charCodeAt(end))) {
      // An English plural ("transmitters", "switches") is the keyword's word; anything else runs on into another word.
      // Acronyms take none: "TPMS" is not a plural of "TPM".
      const plural = term.pluralizes ? pluralEnd(text, end) : undefined;
      if (plural === undefined) return;
      end = plural;
    }
    (term.negative ? negatives : positives).push({ term: index, start, end });
  };
  // The units of the text, when the normaliser hands them over, are faster to walk than the string.
  lexicon.automaton.scan(text, found);
  let kept = positives;
  if (segmenter && kept.some((h) => (lexicon.terms[h.term] as LexiconTerm).short)) {
    boundaries = segmenter.spaceLocal ? runBoundaries(lexicon, text, kept, segmenter) : segmenter(text);
    kept = kept.filter((h) => !(lexicon.terms[h.term] as LexiconTerm).short || !straddles(boundaries as readonly number[], h.start, h.end));
  }
  if (negatives.length > 0) {
    kept = kept.filter((h) => {
      const link = (lexicon.terms[h.term] as LexiconTerm).link;
      return !negatives.some((n) => (lexicon.terms[n.term] as LexiconTerm).link === link && n.start < h.end && h.start < n.end);
    });
  }
  return longestMatches(kept);
}

/** Drops every hit that lies inside a strictly longer hit (of any link); hits on the same span all stay. */
function longestMatches(hits: readonly Hit[]): Hit[] {
  if (hits.length < 2) return [...hits];
  const byLength = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Hit[] = [];
  for (const hit of byLength) {
    const inside = kept.some((k) => k.start <= hit.start && hit.end <= k.end && k.end - k.start > hit.end - hit.start);
    if (!inside) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Lexicon score of each link with evidence, from the hits of one text. */
function scoreHits(lexicon: Lexicon, hits: readonly Hit[]): Map<number, { score: number; hits: Hit[] }> {
  const byLink = new Map<number, { score: number; hits: Hit[] }>();
  // Hits so far of each term. A term belongs to one link, so counting by term is counting within its link
  // (one map for the text rather than one per link: the same counts, less to allocate).
  const counts = new Map<number, number>();
  for (const hit of hits) {
    const term = lexicon.terms[hit.term] as LexiconTerm;
    let entry = byLink.get(term.link);
    if (!entry) byLink.set(term.link, (entry = { score: 0, hits: [] }));
    entry.hits.push(hit);
    // Same keyword text counts once per link, whichever entry matched it.
    const seen = counts.get(hit.term) ?? 0;
    counts.set(hit.term, seen + 1);
    if (seen === 0) entry.score += term.weight;
    else if (seen <= 2) entry.score += term.weight / 4;
  }
  return byLink;
}

export class ReferenceClassifier {
  private constructor(
    readonly lexicon: Lexicon,
    private readonly options: ClassifierOptions,
  ) {}

  /** Compiles the framework's lexicon once; classify as many texts as needed afterwards. */
  static create(framework: Framework, options: ClassifierOptions = {}): ReferenceClassifier {
    if (options.model && options.model.framework !== framework.id) {
      throw new Error(`model for framework ${options.model.framework} used with framework ${framework.id}`);
    }
    return new ReferenceClassifier(compileLexicon(framework), options);
  }

  /** The learned layer's features of every link with evidence in the text (for training). */
  featuresOf(input: string): Map<string, LinkFeatures> {
    const { normalized, scored } = this.analyse(input);
    normalized.release();
    const features = linkFeatures(this.lexicon, scored);
    return new Map([...features].map(([index, x]) => [(this.lexicon.links[index] as Lexicon['links'][number]).id, x]));
  }

  /** Hits and scores of a text; the caller releases `normalized` (its offsets are shared buffers) once done with it. */
  private analyse(input: string) {
    const truncated = input.length > MAX_TEXT_CHARS;
    const normalized = { ...normalizeText(truncated ? input.slice(0, MAX_TEXT_CHARS) : input), release: () => {} };
    try {
      const hits = findHits(this.lexicon, normalized, this.options.segmenter);
      return { truncated, normalized, scored: scoreHits(this.lexicon, hits) };
    } catch (error) {
      normalized.release();
      throw error;
    }
  }

  classify(input: string): Classification {
    const { truncated, normalized, scored } = this.analyse(input);
    try {
      return this.rank(truncated, normalized, scored);
    } finally {
      normalized.release();
    }
  }

  private rank(truncated: boolean, normalized: NormalizedText, scored: Map<number, { score: number; hits: Hit[] }>): Classification {
    if (scored.size === 0) return { links: [], truncated };
    // Features feed the learned layer only: without a model the lexicon's curve decides, and they are not computed.
    const features = this.options.model ? linkFeatures(this.lexicon, scored) : undefined;
    // Objects are written out field by field rather than spread: on a million texts, spreading costs a tenth of the time.
    const base = [...scored].map(([index, entry]) => {
      const link = this.lexicon.links[index] as Lexicon['links'][number];
      const confidence = this.probability(link.id, link.threshold, entry.score, features?.get(index));
      const evidence = entry.hits.map((h): Evidence => {
        const term = this.lexicon.terms[h.term] as LexiconTerm;
        const span = originalSpan(normalized, h.start, h.end);
        return { start: span.start, end: span.end, term: term.term, weight: term.weight };
      });
      return { link: link.id, segment: link.segment, score: entry.score, confidence, evidence };
    });
    const links = base.map((entry): LinkScore => {
      const assigned = entry.confidence >= 0.5;
      const alternatives = assigned
        ? base.filter((o) => o !== entry && o.segment === entry.segment && o.score >= CLOSE_RATIO * entry.score).map((o) => o.link)
        : [];
      const status: AssignmentStatus = !assigned ? 'rejected' : entry.confidence >= CONFIRMED_PROBABILITY && alternatives.length === 0 ? 'confirmed' : 'uncertain';
      return { link: entry.link, segment: entry.segment, score: entry.score, confidence: entry.confidence, evidence: entry.evidence, status, alternatives };
    });
    links.sort((a, b) => b.confidence - a.confidence || b.score - a.score || a.link.localeCompare(b.link));
    return { links, truncated };
  }

  private probability(link: string, threshold: number, score: number, features: LinkFeatures | undefined): number {
    const learned = this.options.model && features ? predictLink(this.options.model, link, features) : undefined;
    return learned ?? 1 - 2 ** (-score / threshold);
  }
}

/** Features of every link with evidence, by link index. */
function linkFeatures(lexicon: Lexicon, scored: ReadonlyMap<number, { score: number; hits: readonly Hit[] }>): Map<number, LinkFeatures> {
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

/**
 * Text → scored framework links, each with the evidence that produced it.
 *
 *   normalise (offsets kept) → hits (lexicon.ts) → lexicon score per link
 *   → probability (learned model, or the lexicon's own curve) → status
 *
 * Lexicon score of a link: the sum over its distinct keywords found of the
 * keyword's weight, a repeated keyword adding a quarter of its weight per
 * repeat, at most twice.
 *
 * Probability: with a model (model.ts), a per-link logistic regression over the
 * features of features.ts; without one, `1 - 2^(-score / threshold)`: 0.5 at the
 * link's threshold, 0.75 at twice it.
 *
 * Status of a link:
 * - `confirmed`: probability ≥ CONFIRMED_PROBABILITY, and no close rival;
 * - `uncertain`: assigned (probability ≥ 0.5) but below that, or a link of the
 *   same segment scores within CLOSE_RATIO of it (then each names the other
 *   among its alternatives: a primary placement plus alternatives);
 * - `rejected`: some evidence, probability below 0.5.
 * Links without any evidence are not listed.
 */
import type { Framework } from '../model/index.js';
import { linkFeatures, type LinkFeatures } from './features.js';
import { compileLexicon, findHits, type Hit, type Lexicon, type LexiconTerm, type Segmenter } from './lexicon.js';
import { predictLink, type ClassifierModel } from './model.js';
import { normalizeTransient, originalSpan, type NormalizedText } from './normalize.js';

export const AssignmentStatus = {
  confirmed: { zh: '已确认', en: 'confirmed' },
  uncertain: { zh: '待复核', en: 'uncertain' },
  rejected: { zh: '已否决', en: 'rejected' },
} as const;
export type AssignmentStatus = keyof typeof AssignmentStatus;

/** Probability from which an assignment needs no review. */
export const CONFIRMED_PROBABILITY = 0.7;
/** A same-segment rival scoring at least this share of a link's score makes both uncertain. */
export const CLOSE_RATIO = 0.8;
/** Texts longer than this are classified on their first MAX_TEXT_CHARS characters (a 10 MB cell is not a description). */
export const MAX_TEXT_CHARS = 200_000;

export interface Evidence {
  /** Offsets in the original text (UTF-16 code units): `text.slice(start, end)` is the matched words. */
  readonly start: number;
  readonly end: number;
  /** The keyword as the framework writes it. */
  readonly term: string;
  readonly weight: number;
}

export interface LinkScore {
  readonly link: string;
  readonly segment: string;
  /** Lexicon score (see the module note). */
  readonly score: number;
  /** Probability that the text means the link, in [0, 1]. */
  readonly confidence: number;
  readonly status: AssignmentStatus;
  /** Same-segment links close in score, for a reviewer to choose from. */
  readonly alternatives: readonly string[];
  readonly evidence: readonly Evidence[];
}

export interface Classification {
  /** Links with evidence, most probable first. */
  readonly links: readonly LinkScore[];
  /** Whether the text was cut at MAX_TEXT_CHARS. */
  readonly truncated: boolean;
}

export interface ClassifierOptions {
  readonly model?: ClassifierModel;
  readonly segmenter?: Segmenter;
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

export class Classifier {
  private constructor(
    readonly lexicon: Lexicon,
    private readonly options: ClassifierOptions,
  ) {}

  /** Compiles the framework's lexicon once; classify as many texts as needed afterwards. */
  static create(framework: Framework, options: ClassifierOptions = {}): Classifier {
    if (options.model && options.model.framework !== framework.id) {
      throw new Error(`model for framework ${options.model.framework} used with framework ${framework.id}`);
    }
    return new Classifier(compileLexicon(framework), options);
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
    const normalized = normalizeTransient(truncated ? input.slice(0, MAX_TEXT_CHARS) : input);
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

/** The links a classification assigns (confirmed or uncertain). */
export function assignedLinks(classification: Classification): readonly LinkScore[] {
  return classification.links.filter((l) => l.status !== 'rejected');
}

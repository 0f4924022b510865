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
import { FEATURE_NAMES, predictLink, type LinkFeatures } from './features.js';
import { compileLexicon, HitFinder, type Lexicon, type LexiconTerm, type Segmenter } from './lexicon.js';
import type { ClassifierModel } from './model.js';
import { NormalizedBuffer } from './normalize.js';
import { WasmScan } from './wasm-scan.js';

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
/** Largest source `holdUtf8` copies whole (a CSV slice is about 1 MB). */
const HELD_SOURCE_BYTES = 4 << 20;

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
  /** The framework's lexicon compiled already (by another thread, say): not compiled again. */
  readonly lexicon?: Lexicon;
}

/** Status codes of `Analysis.status`. */
export const STATUS_OF: readonly AssignmentStatus[] = ['confirmed', 'uncertain', 'rejected'];
const CONFIRMED = 0;
const UNCERTAIN = 1;
const REJECTED = 2;

/**
 * One text's classification in typed arrays, as the classifier's core leaves it:
 * what `classify` turns into objects, and what the file workers format straight
 * into output lines. Entries are the links with evidence, in order of their first
 * hit; `byRank` lists them most probable first. Valid until the classifier's next text.
 */
export interface Analysis {
  readonly truncated: boolean;
  /** Links with evidence. */
  readonly size: number;
  /** Entry of each rank. */
  readonly byRank: Int32Array;
  /** By entry: index in `Lexicon.links`, lexicon score, probability and STATUS_OF code. */
  readonly link: Int32Array;
  readonly score: Float64Array;
  readonly confidence: Float64Array;
  readonly status: Uint8Array;
  /** Entry e's alternatives (link indices) are `alternatives[alternativesFrom[e] … alternativesFrom[e + 1])`. */
  readonly alternativesFrom: Int32Array;
  readonly alternatives: Int32Array;
  /** Entry e's evidence is k in `[evidenceFrom[e], evidenceFrom[e + 1])`: a term index and its original span. */
  readonly evidenceFrom: Int32Array;
  readonly evidenceTerm: Int32Array;
  readonly evidenceStart: Int32Array;
  readonly evidenceEnd: Int32Array;
}

const FEATURES = FEATURE_NAMES.length;
/** Scores remembered per link (`Core.lexiconCurve`). */
const CURVE_WAYS = 4;

/** The buffers of one text's analysis, reused from text to text. */
class Core implements Analysis {
  readonly text = new NormalizedBuffer();
  readonly finder: HitFinder;
  truncated = false;
  size = 0;
  readonly byRank: Int32Array;
  readonly link: Int32Array;
  readonly score: Float64Array;
  readonly confidence: Float64Array;
  readonly status: Uint8Array;
  readonly alternativesFrom: Int32Array;
  alternatives: Int32Array;
  readonly evidenceFrom: Int32Array;
  evidenceTerm = new Int32Array(64);
  evidenceStart = new Int32Array(64);
  evidenceEnd = new Int32Array(64);
  /** Features of each entry, FEATURES apiece (when a model needs them or training asks). */
  features: Float64Array;
  private readonly maxWeight: Float64Array;
  private readonly distinct: Int32Array;
  private readonly hitCount: Int32Array;
  /** Entry of each link (-1: none yet), and hits so far of each term: reset after each text. */
  private readonly entryOf: Int32Array;
  private readonly termHits: Int32Array;
  private readonly segmentTotal: Float64Array;
  private readonly linkSegment: Int32Array;
  /** Each link's place among the link ids in `localeCompare` order (the last tie-break of ranks). */
  private readonly idOrder: Int32Array;
  /** Scores and their lexicon curve values by link (`lexiconCurve`); NaN never equals a score. */
  private readonly curveScores: Float64Array;
  private readonly curveValues: Float64Array;
  private readonly curveNext: Uint8Array;
  busy = false;

  constructor(
    private readonly lexicon: Lexicon,
    segmenter: Segmenter | undefined,
  ) {
    this.finder = new HitFinder(lexicon, segmenter);
    const links = lexicon.links.length;
    this.byRank = new Int32Array(links);
    this.link = new Int32Array(links);
    this.score = new Float64Array(links);
    this.confidence = new Float64Array(links);
    this.status = new Uint8Array(links);
    this.alternativesFrom = new Int32Array(links + 1);
    this.alternatives = new Int32Array(links * 4);
    this.evidenceFrom = new Int32Array(links + 1);
    this.features = new Float64Array(links * FEATURES);
    this.maxWeight = new Float64Array(links);
    this.distinct = new Int32Array(links);
    this.hitCount = new Int32Array(links);
    this.entryOf = new Int32Array(links).fill(-1);
    this.termHits = new Int32Array(lexicon.terms.length);
    const segments = [...new Set(lexicon.links.map((l) => l.segment))];
    this.segmentTotal = new Float64Array(segments.length);
    this.linkSegment = Int32Array.from(lexicon.links, (l) => segments.indexOf(l.segment));
    const ids = lexicon.links.map((l, index) => ({ id: l.id, index })).sort((a, b) => a.id.localeCompare(b.id));
    this.idOrder = new Int32Array(links);
    this.curveScores = new Float64Array(links * CURVE_WAYS).fill(NaN);
    this.curveValues = new Float64Array(links * CURVE_WAYS);
    this.curveNext = new Uint8Array(links);
    ids.forEach((entry, place) => (this.idOrder[entry.index] = place));
  }

  /**
   * Analyses the normalised text in `this.text`: hits, then the lexicon score of
   * each link with evidence (see the module note), probabilities, statuses and ranks.
   */
  analyse(truncated: boolean, model: ClassifierModel | undefined, withFeatures: boolean, scanned = false): this {
    const { lexicon, entryOf, termHits, score, hitCount, distinct, maxWeight, link } = this;
    const { link: termLink, weight: termWeight } = lexicon.table;
    this.truncated = truncated;
    const hits = scanned ? this.finder.findScanned(this.text) : this.finder.find(this.text);
    let size = 0;
    for (let k = 0; k < hits.count; k++) {
      const t = hits.patterns[k] as number;
      const l = termLink[t] as number;
      const weight = termWeight[t] as number;
      let e = entryOf[l] as number;
      if (e < 0) {
        e = size++;
        entryOf[l] = e;
        link[e] = l;
        score[e] = 0;
        hitCount[e] = 0;
        distinct[e] = 0;
        maxWeight[e] = 0;
      }
      hitCount[e] = (hitCount[e] as number) + 1;
      // A repeated keyword adds a quarter of its weight, at most twice. A term belongs to one link: counting by term is counting within it.
      const seen = termHits[t] as number;
      termHits[t] = seen + 1;
      if (seen === 0) {
        score[e] = (score[e] as number) + weight;
        distinct[e] = (distinct[e] as number) + 1;
        if (weight > (maxWeight[e] as number)) maxWeight[e] = weight;
      } else if (seen <= 2) score[e] = (score[e] as number) + weight / 4;
    }
    this.size = size;
    this.layEvidence(hits);
    for (let k = 0; k < hits.count; k++) termHits[hits.patterns[k] as number] = 0;
    for (let e = 0; e < size; e++) entryOf[link[e] as number] = -1;
    if (size === 0) return this;
    if (model || withFeatures) this.computeFeatures();
    for (let e = 0; e < size; e++) {
      const l = lexicon.links[link[e] as number] as Lexicon['links'][number];
      const learned = model ? predictLink(model, l.id, this.features.subarray(e * FEATURES, (e + 1) * FEATURES)) : undefined;
      this.confidence[e] = learned ?? this.lexiconCurve(link[e] as number, score[e] as number);
    }
    this.decideStatuses();
    this.rank();
    return this;
  }

  /**
   * `1 - 2^(-score / threshold)` (see the module note), remembered for the last
   * CURVE_WAYS scores of each link: a link's scores are sums of a few keyword
   * weights, so they recur, and the power is the dearest step of the core.
   */
  private lexiconCurve(link: number, score: number): number {
    const { curveScores, curveValues } = this;
    const first = link * CURVE_WAYS;
    for (let k = first; k < first + CURVE_WAYS; k++) if (curveScores[k] === score) return curveValues[k] as number;
    const value = 1 - 2 ** (-score / (this.lexicon.links[link] as Lexicon['links'][number]).threshold);
    const k = first + (this.curveNext[link] as number);
    this.curveNext[link] = ((this.curveNext[link] as number) + 1) % CURVE_WAYS;
    curveScores[k] = score;
    curveValues[k] = value;
    return value;
  }

  /** Each entry's evidence, in hit order: term and original span. */
  private layEvidence(hits: { count: number; patterns: Int32Array; starts: Int32Array; ends: Int32Array }): void {
    const { evidenceFrom, hitCount, size, entryOf } = this;
    const termLink = this.lexicon.table.link;
    evidenceFrom[0] = 0;
    for (let e = 0; e < size; e++) evidenceFrom[e + 1] = (evidenceFrom[e] as number) + (hitCount[e] as number);
    if (this.evidenceTerm.length < hits.count) {
      const capacity = Math.max(hits.count, this.evidenceTerm.length * 2);
      this.evidenceTerm = new Int32Array(capacity);
      this.evidenceStart = new Int32Array(capacity);
      this.evidenceEnd = new Int32Array(capacity);
    }
    const { evidenceTerm, evidenceStart, evidenceEnd } = this;
    const { starts, ends } = this.text;
    // hitCount becomes each entry's next free place.
    for (let e = 0; e < size; e++) hitCount[e] = evidenceFrom[e] as number;
    for (let k = 0; k < hits.count; k++) {
      const t = hits.patterns[k] as number;
      const e = entryOf[termLink[t] as number] as number;
      const at = hitCount[e] as number;
      hitCount[e] = at + 1;
      evidenceTerm[at] = t;
      evidenceStart[at] = starts[hits.starts[k] as number] as number;
      evidenceEnd[at] = ends[(hits.ends[k] as number) - 1] as number;
    }
  }

  /** The learned layer's features of each entry (features.ts). */
  private computeFeatures(): void {
    const { size, score, link, segmentTotal, linkSegment, features, lexicon } = this;
    segmentTotal.fill(0);
    let top = 0;
    for (let e = 0; e < size; e++) {
      const segment = linkSegment[link[e] as number] as number;
      segmentTotal[segment] = (segmentTotal[segment] as number) + (score[e] as number);
      top = Math.max(top, score[e] as number);
    }
    for (let e = 0; e < size; e++) {
      const l = link[e] as number;
      const s = score[e] as number;
      const at = e * FEATURES;
      features[at] = Math.log1p(s);
      features[at + 1] = s / (lexicon.links[l] as Lexicon['links'][number]).threshold;
      features[at + 2] = this.maxWeight[e] as number;
      features[at + 3] = this.distinct[e] as number;
      features[at + 4] = s / (segmentTotal[linkSegment[l] as number] as number);
      features[at + 5] = s === top ? 1 : 0;
      features[at + 6] = Math.log1p(size - 1);
    }
  }

  /** Assigned links at probability ≥ 0.5; a same-segment rival close in score makes both uncertain. */
  private decideStatuses(): void {
    const { size, score, link, confidence, linkSegment, alternativesFrom } = this;
    if (this.alternatives.length < size * size) this.alternatives = new Int32Array(size * size);
    const alternatives = this.alternatives;
    let n = 0;
    for (let e = 0; e < size; e++) {
      alternativesFrom[e] = n;
      const assigned = (confidence[e] as number) >= 0.5;
      if (assigned) {
        const segment = linkSegment[link[e] as number];
        const floor = CLOSE_RATIO * (score[e] as number);
        for (let o = 0; o < size; o++) {
          if (o !== e && linkSegment[link[o] as number] === segment && (score[o] as number) >= floor) alternatives[n++] = link[o] as number;
        }
      }
      const closeRival = n > (alternativesFrom[e] as number);
      this.status[e] = !assigned ? REJECTED : (confidence[e] as number) >= CONFIRMED_PROBABILITY && !closeRival ? CONFIRMED : UNCERTAIN;
    }
    alternativesFrom[size] = n;
  }

  /** Ranks: most probable first, then higher score, then link id. */
  private rank(): void {
    const { size, byRank, confidence, score, link, idOrder } = this;
    if (size === 1) {
      byRank[0] = 0;
      return;
    }
    const before = (a: number, b: number) =>
      (confidence[a] as number) > (confidence[b] as number) ||
      (confidence[a] === confidence[b] && ((score[a] as number) > (score[b] as number) ||
        (score[a] === score[b] && (idOrder[link[a] as number] as number) < (idOrder[link[b] as number] as number))));
    for (let e = 0; e < size; e++) {
      let at = e;
      while (at > 0 && before(e, byRank[at - 1] as number)) {
        byRank[at] = byRank[at - 1] as number;
        at--;
      }
      byRank[at] = e;
    }
  }
}

export class Classifier {
  private core: Core;
  private readonly dense;
  /** The byte path's loop as WebAssembly, made on first use. */
  private wasm: WasmScan | undefined;

  private constructor(
    readonly lexicon: Lexicon,
    private readonly options: ClassifierOptions,
  ) {
    this.core = new Core(lexicon, options.segmenter);
    this.dense = lexicon.automaton.dense;
  }

  /** Compiles the framework's lexicon once (unless given it); classify as many texts as needed afterwards. */
  static create(framework: Framework, options: ClassifierOptions = {}): Classifier {
    if (options.model && options.model.framework !== framework.id) {
      throw new Error(`model for framework ${options.model.framework} used with framework ${framework.id}`);
    }
    if (options.lexicon && options.lexicon.frameworkId !== framework.id) {
      throw new Error(`lexicon of framework ${options.lexicon.frameworkId} used with framework ${framework.id}`);
    }
    return new Classifier(options.lexicon ?? compileLexicon(framework), options);
  }

  /** The core's buffers, or buffers of its own for a call made while they are in use (say from inside a segmenter). */
  private take(): Core {
    if (!this.core.busy) return this.core;
    return new Core(this.lexicon, this.options.segmenter);
  }

  private run(core: Core, truncated: boolean, withFeatures: boolean, scanned = false): Core {
    core.busy = true;
    try {
      return core.analyse(truncated, this.options.model, withFeatures, scanned);
    } finally {
      core.busy = false;
    }
  }

  /** Classifies a text into the core's buffers (see Analysis): valid until the next call. */
  analyse(input: string, withFeatures = false): Analysis {
    const core = this.take();
    const truncated = input.length > MAX_TEXT_CHARS;
    core.text.fill(truncated ? input.slice(0, MAX_TEXT_CHARS) : input);
    return this.run(core, truncated, withFeatures);
  }

  /**
   * `analyse` of the valid UTF-8 text `bytes[start, end)` (`unescape`: with CSV's
   * doubled quotes), without making it a string; undefined when the text needs
   * the string path (see NormalizedBuffer.fillUtf8, and texts over MAX_TEXT_CHARS).
   * The text must be trimmed as rowText trims it: offsets count from its first byte.
   */
  analyseUtf8(bytes: Uint8Array, start: number, end: number, unescape: boolean): Analysis | undefined {
    if (end - start > MAX_TEXT_CHARS) return undefined;
    const core = this.take();
    // The dense automaton runs inside normalisation's loop (in WebAssembly when it can); the sparse one after it.
    const dense = this.dense;
    const wasm = core === this.core ? this.wasmScan() : undefined;
    const filled = wasm?.fill(bytes, start, end, unescape, core.text, core.finder.occurrences) ??
      core.text.fillUtf8(bytes, start, end, unescape, dense, core.finder.occurrences);
    if (!filled) return undefined;
    return this.run(core, false, false, dense !== undefined);
  }

  /**
   * Declares `bytes` the source of the `analyseUtf8` calls that follow (a CSV
   * slice's texts): it is copied once where the byte path reads it, instead of
   * text by text. Its contents must not change until the next call; any other
   * array given to `analyseUtf8` is read text by text, as without this call.
   */
  holdUtf8(bytes: Uint8Array): void {
    this.wasmScan()?.hold(bytes);
  }

  /** The byte path's loop as WebAssembly, made on first use; undefined for an automaton in sparse form (no table to displace). */
  private wasmScan(): WasmScan | undefined {
    if (this.wasm) return this.wasm;
    const { dense, displaced } = this.lexicon.automaton;
    if (dense && displaced) this.wasm = new WasmScan({ dense, displaced }, { textBytes: MAX_TEXT_CHARS, sourceBytes: HELD_SOURCE_BYTES });
    return this.wasm;
  }

  /** The learned layer's features of every link with evidence in the text (for training). */
  featuresOf(input: string): Map<string, LinkFeatures> {
    const analysis = this.analyse(input, true) as Core;
    const features = new Map<string, LinkFeatures>();
    for (let e = 0; e < analysis.size; e++) {
      features.set(this.linkId(analysis.link[e] as number), analysis.features.slice(e * FEATURES, (e + 1) * FEATURES));
    }
    return features;
  }

  private linkId(index: number): string {
    return (this.lexicon.links[index] as Lexicon['links'][number]).id;
  }

  classify(input: string): Classification {
    const analysis = this.analyse(input);
    const { lexicon } = this;
    const links: LinkScore[] = [];
    for (let r = 0; r < analysis.size; r++) {
      const e = analysis.byRank[r] as number;
      const link = lexicon.links[analysis.link[e] as number] as Lexicon['links'][number];
      const evidence: Evidence[] = [];
      for (let k = analysis.evidenceFrom[e] as number; k < (analysis.evidenceFrom[e + 1] as number); k++) {
        const term = lexicon.terms[analysis.evidenceTerm[k] as number] as LexiconTerm;
        evidence.push({ start: analysis.evidenceStart[k] as number, end: analysis.evidenceEnd[k] as number, term: term.term, weight: term.weight });
      }
      const alternatives: string[] = [];
      for (let k = analysis.alternativesFrom[e] as number; k < (analysis.alternativesFrom[e + 1] as number); k++) {
        alternatives.push(this.linkId(analysis.alternatives[k] as number));
      }
      links.push({
        link: link.id, segment: link.segment, score: analysis.score[e] as number, confidence: analysis.confidence[e] as number,
        evidence, status: STATUS_OF[analysis.status[e] as number] as AssignmentStatus, alternatives,
      });
    }
    return { links, truncated: analysis.truncated };
  }
}

/** The links a classification assigns (confirmed or uncertain). */
export function assignedLinks(classification: Classification): readonly LinkScore[] {
  return classification.links.filter((l) => l.status !== 'rejected');
}

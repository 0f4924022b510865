/**
 * Training the learned layer from labelled texts (`id,text,links`).
 *
 *   features (once per text) → fit per link and pooled → calibrate the cut-off
 *   out of fold → shift the biases so that 0.5 is the cut-off
 *
 * For every link a text has evidence for, the example is (features of that
 * link, 1 if the label lists the link else 0), counted with the text's weight.
 * Each link with at least MIN_LINK_EXAMPLES examples of both kinds gets its
 * own logistic regression; all examples together train the pooled entry `*`,
 * used for the other links. Batch gradient descent with L2 regularisation,
 * from zero weights.
 *
 * Calibration: the texts are split into CALIBRATION_FOLDS folds by a hash of
 * their id; for each fold a model trained on the others scores it, and the
 * cut-off in CUTOFFS with the best micro-F1 over those out-of-fold scores is
 * kept. Only texts that count fully (weight 1: label-file rows, the genre the
 * classifier is measured on) choose the cut-off; lighter texts of another
 * genre help fit the weights but would pull the cut-off towards their own
 * label density (measured: docs/classifier.md). Labelled links without
 * evidence count as misses. The final model's
 * biases are shifted by −logit(cut-off), so that the classifier's 0.5 means it.
 * Everything is deterministic: the same data always gives the same model.
 */
import type { Framework } from '../model/index.js';
import { Classifier, type ClassifierOptions } from './classifier.js';
import { FEATURE_NAMES, type LinkFeatures } from './features.js';
import { MODEL_FORMAT, type ClassifierModel, type LinkModel } from './model.js';

export interface LabelledText {
  readonly id: string;
  readonly text: string;
  /** Link ids; empty when the text names no link of the chain. */
  readonly links: readonly string[];
  /** How much the text counts in training, 1 when absent (texts of another genre may count less). */
  readonly weight?: number;
}

export const POOLED_LINK = '*';
/**
 * Examples of each kind a link needs for an entry of its own. Measured: with a
 * few dozen examples per link, per-link entries fit noise (docs/classifier.md).
 */
export const MIN_LINK_EXAMPLES = 30;
export const CALIBRATION_FOLDS = 5;
/** The cut-offs calibration chooses from. */
export const CUTOFFS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] as const;
const EPOCHS = 2000;
const LEARNING_RATE = 0.2;
const L2 = 0.01;

export interface TrainOptions extends Omit<ClassifierOptions, 'model'> {
  /** Names of the files the texts came from, recorded in the model. */
  readonly files?: readonly string[];
  /** L2 regularisation strength (default 0.01). */
  readonly l2?: number;
  /** Examples of each kind a link needs for an entry of its own (default MIN_LINK_EXAMPLES). */
  readonly minLinkExamples?: number;
  /** Folds for calibrating the cut-off; below 2, the cut-off stays 0.5. */
  readonly folds?: number;
}

interface Example {
  /** Index of the text the example comes from. */
  readonly text: number;
  readonly link: string;
  readonly x: LinkFeatures;
  readonly y: number;
  /** How much the example counts (LabelledText.weight). */
  readonly w: number;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const round = (v: number) => Math.round(v * 1e6) / 1e6;

function fit(examples: readonly Example[], l2: number): LinkModel {
  const n = FEATURE_NAMES.length;
  const weights = new Float64Array(n);
  let bias = 0;
  const total = examples.reduce((sum, e) => sum + e.w, 0);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const gradient = new Float64Array(n);
    let gradientBias = 0;
    for (const { x, y, w } of examples) {
      let sum = bias;
      for (let i = 0; i < n; i++) sum += (weights[i] as number) * (x[i] as number);
      const error = w * (sigmoid(sum) - y);
      for (let i = 0; i < n; i++) gradient[i] = (gradient[i] as number) + error * (x[i] as number);
      gradientBias += error;
    }
    for (let i = 0; i < n; i++) {
      weights[i] = (weights[i] as number) - LEARNING_RATE * ((gradient[i] as number) / total + l2 * (weights[i] as number));
    }
    bias -= LEARNING_RATE * (gradientBias / total);
  }
  return { weights: [...weights], bias, examples: examples.length, positives: examples.filter((e) => e.y === 1).length };
}

/** The pooled entry and the entries of links with enough examples of both kinds. */
function fitLinks(framework: Framework, examples: readonly Example[], l2: number, minimum: number): Record<string, LinkModel> {
  const links: Record<string, LinkModel> = {};
  if (examples.length === 0) return links;
  links[POOLED_LINK] = fit(examples, l2);
  for (const link of framework.links) {
    const own = examples.filter((e) => e.link === link.id);
    const positives = own.filter((e) => e.y === 1).length;
    if (positives >= minimum && own.length - positives >= minimum) links[link.id] = fit(own, l2);
  }
  return links;
}

function score(links: Record<string, LinkModel>, e: Example): number {
  const entry = (links[e.link] ?? links[POOLED_LINK]) as LinkModel;
  let sum = entry.bias;
  for (let i = 0; i < e.x.length; i++) sum += (entry.weights[i] ?? 0) * (e.x[i] as number);
  return sigmoid(sum);
}

/** A stable fold for a text id (FNV-1a), so that folds do not depend on the order of the texts. */
function foldOf(id: string, folds: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash % folds;
}

/** The cut-off with the best out-of-fold micro-F1 (ties: the one nearest 0.5). */
function calibrateCutoff(framework: Framework, texts: readonly LabelledText[], examples: readonly Example[], misses: number, options: { l2: number; minimum: number; folds: number }): number {
  const folds = texts.map((t) => foldOf(t.id, options.folds));
  const scored: { p: number; y: number; w: number }[] = [];
  for (let k = 0; k < options.folds; k++) {
    const train = examples.filter((e) => folds[e.text] !== k);
    const test = examples.filter((e) => folds[e.text] === k);
    if (train.length === 0 || test.length === 0) continue;
    const links = fitLinks(framework, train, options.l2, options.minimum);
    for (const e of test) if (e.w >= 1) scored.push({ p: score(links, e), y: e.y, w: e.w });
  }
  if (scored.length === 0) return 0.5;
  const positives = scored.reduce((sum, s) => sum + s.y * s.w, 0) + misses;
  let best = 0.5;
  let bestF1 = -1;
  for (const cutoff of CUTOFFS) {
    let tp = 0;
    let fp = 0;
    for (const s of scored) if (s.p >= cutoff) s.y === 1 ? (tp += s.w) : (fp += s.w);
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (positives - tp));
    if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(cutoff - 0.5) < Math.abs(best - 0.5))) {
      best = cutoff;
      bestF1 = f1;
    }
  }
  return best;
}

export function trainModel(framework: Framework, texts: readonly LabelledText[], options: TrainOptions = {}): ClassifierModel {
  const l2 = options.l2 ?? L2;
  const minimum = options.minLinkExamples ?? MIN_LINK_EXAMPLES;
  const folds = options.folds ?? CALIBRATION_FOLDS;
  const classifier = Classifier.create(framework, options.segmenter ? { segmenter: options.segmenter } : {});
  const examples: Example[] = [];
  // Labelled links of full-weight texts the lexicon finds no evidence for: misses whatever the model does (calibration counts them).
  let misses = 0;
  texts.forEach((text, index) => {
    const gold = new Set(text.links);
    const w = text.weight ?? 1;
    const features = classifier.featuresOf(text.text);
    for (const [link, x] of features) examples.push({ text: index, link, x, y: gold.has(link) ? 1 : 0, w });
    if (w >= 1) for (const link of gold) if (!features.has(link)) misses += w;
  });
  const cutoff = folds >= 2 ? calibrateCutoff(framework, texts, examples, misses, { l2, minimum, folds }) : 0.5;
  const shift = Math.log(cutoff / (1 - cutoff));
  const links = Object.fromEntries(Object.entries(fitLinks(framework, examples, l2, minimum)).map(([link, entry]) =>
    [link, { ...entry, weights: entry.weights.map(round), bias: round(entry.bias - shift) }]));
  return {
    format: MODEL_FORMAT,
    version: 1,
    framework: framework.id,
    features: [...FEATURE_NAMES],
    links,
    trainedOn: { files: [...(options.files ?? [])], examples: texts.length, cutoff },
  };
}

/**
 * Training the learned layer from labelled texts (`id,text,links`).
 *
 * For every link a text has evidence for, the example is (features of that
 * link, 1 if the label lists the link else 0). Each link with at least
 * MIN_LINK_EXAMPLES examples of both kinds gets its own logistic regression;
 * all examples together train the pooled entry `*`, used for the other links.
 * Batch gradient descent with L2 regularisation, from zero weights: the same
 * data always gives the same model.
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
}

export const POOLED_LINK = '*';
export const MIN_LINK_EXAMPLES = 8;
const EPOCHS = 2000;
const LEARNING_RATE = 0.2;
const L2 = 0.01;

interface Example {
  readonly x: LinkFeatures;
  readonly y: number;
}

function fit(examples: readonly Example[]): LinkModel {
  const n = FEATURE_NAMES.length;
  const weights = new Float64Array(n);
  let bias = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const gradient = new Float64Array(n);
    let gradientBias = 0;
    for (const { x, y } of examples) {
      let sum = bias;
      for (let i = 0; i < n; i++) sum += (weights[i] as number) * (x[i] as number);
      const error = 1 / (1 + Math.exp(-sum)) - y;
      for (let i = 0; i < n; i++) gradient[i] = (gradient[i] as number) + error * (x[i] as number);
      gradientBias += error;
    }
    for (let i = 0; i < n; i++) {
      weights[i] = (weights[i] as number) - LEARNING_RATE * ((gradient[i] as number) / examples.length + L2 * (weights[i] as number));
    }
    bias -= LEARNING_RATE * (gradientBias / examples.length);
  }
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    weights: [...weights].map(round),
    bias: round(bias),
    examples: examples.length,
    positives: examples.filter((e) => e.y === 1).length,
  };
}

export function trainModel(
  framework: Framework,
  texts: readonly LabelledText[],
  options: Omit<ClassifierOptions, 'model'> & { files?: readonly string[] } = {},
): ClassifierModel {
  const classifier = Classifier.create(framework, options.segmenter ? { segmenter: options.segmenter } : {});
  const byLink = new Map<string, Example[]>();
  const pooled: Example[] = [];
  for (const text of texts) {
    const gold = new Set(text.links);
    for (const [link, x] of classifier.featuresOf(text.text)) {
      const example = { x, y: gold.has(link) ? 1 : 0 };
      pooled.push(example);
      let list = byLink.get(link);
      if (!list) byLink.set(link, (list = []));
      list.push(example);
    }
  }
  const links: Record<string, LinkModel> = {};
  if (pooled.length > 0) links[POOLED_LINK] = fit(pooled);
  for (const link of framework.links) {
    const examples = byLink.get(link.id) ?? [];
    const positives = examples.filter((e) => e.y === 1).length;
    if (positives >= MIN_LINK_EXAMPLES && examples.length - positives >= MIN_LINK_EXAMPLES) links[link.id] = fit(examples);
  }
  return {
    format: MODEL_FORMAT,
    version: 1,
    framework: framework.id,
    features: [...FEATURE_NAMES],
    links,
    trainedOn: { files: [...(options.files ?? [])], examples: texts.length },
  };
}

/**
 * The learned layer's data file: per link, a logistic regression over the
 * features of features.ts. A model belongs to one framework (its id) and one
 * feature list; a file that does not parse, or was made for other features, is
 * refused with the reason, never half-used.
 */
import { z } from 'zod';
import { issue, type Issue } from '../model/index.js';
import { FEATURE_NAMES } from './features.js';

export { predictLink } from './features.js';

export const MODEL_FORMAT = 'chainatlas-classifier';

const linkModelSchema = z.object({
  weights: z.array(z.number().finite()).describe('one weight per feature, in the order of `features`'),
  bias: z.number().finite(),
  /** Examples the link was trained on (with evidence), and how many of them were positive. */
  examples: z.number().int().nonnegative(),
  positives: z.number().int().nonnegative(),
});

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(1),
  framework: z.string().min(1).describe('id of the framework the model was trained for'),
  features: z.array(z.string()).describe('feature names, in order'),
  links: z.record(z.string(), linkModelSchema).describe('per link id'),
  trainedOn: z.object({
    files: z.array(z.string()),
    examples: z.number().int().nonnegative(),
    cutoff: z.number().gt(0).lt(1).optional().describe('decision cut-off chosen out of fold; the biases are already shifted by it'),
  }).optional(),
});

export type ClassifierModel = z.infer<typeof modelSchema>;
export type LinkModel = z.infer<typeof linkModelSchema>;

/** Checks a parsed JSON document; issues name what is wrong. */
export function parseModel(document: unknown, file: string): { value?: ClassifierModel; issues: Issue[] } {
  const parsed = modelSchema.safeParse(document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { issues: [issue('classify.bad_model', { file, reason: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}` }, { file })] };
  }
  const model = parsed.data;
  if (model.features.join(',') !== FEATURE_NAMES.join(',')) {
    return { issues: [issue('classify.bad_model', { file, reason: `features ${model.features.join(',')} are not ${FEATURE_NAMES.join(',')}` }, { file })] };
  }
  for (const [link, entry] of Object.entries(model.links)) {
    if (entry.weights.length !== FEATURE_NAMES.length) {
      return { issues: [issue('classify.bad_model', { file, reason: `links.${link}.weights has ${entry.weights.length} values, not ${FEATURE_NAMES.length}` }, { file })] };
    }
  }
  return { value: model, issues: [] };
}

/**
 * The assessment's weights and cut points are data (data/assess/weights.json),
 * validated here with zod at the edge and mapped once to `AssessConfig`.
 * docs/metrics.md explains and justifies each default.
 *
 * Bad-input behaviour (documented): a weight set that does not sum to 1 is
 * rescaled to sum to 1 and a warning issue `assess.weights_normalised` comes
 * back with the value; a set that sums to 0, a negative weight, cut points out
 * of order or outside [0, 1], and unknown fields are errors (no value).
 */
import { z } from 'zod';
import { issue, type Issue, type Validated } from '../model/index.js';
import { SCORE_INPUTS, type ProximityKind, type ScoreInput } from './assess-vocab.js';

const weight = z.number().finite().min(0, { error: 'a weight is 0 or more' });
const share = z.number().finite().min(0).max(1);
const count = z.number().int().min(0);

const schema = z.strictObject({
  $comment: z.string().optional(),
  version: z.literal(1).describe('format version of this file'),
  weights: z
    .strictObject({
      suppliers: weight.describe('suppliers in the region, log-scaled against the region with most'),
      rca: weight.describe('location quotient against the benchmark, mapped rca/(1+rca)'),
      leaders: weight.describe('leader enterprises in the region, log-scaled'),
      delivered: weight.describe("cases anywhere delivered on the link by the region's enterprises, log-scaled"),
      localSupply: weight.describe("share of the region's case components on the link supplied from the region"),
    })
    .describe('weights of the capability score; rescaled to sum 1 when they do not'),
  tiers: z
    .strictObject({
      adequate: share.describe('lowest score of the adequate tier (below it: weak)'),
      strong: share.describe('lowest score of the strong tier'),
    })
    .describe('score cut points; a cell with no supplier, no local supply and no delivered case is missing whatever its score'),
  specialisationThreshold: z.number().positive().describe('M(r,l) = 1 when rca >= this (1 in the Atlas of Economic Complexity)'),
  roles: z.strictObject({
    chainLeaderMinCasesLed: count.describe('chain leader: a leader that leads at least this many cases as lead integrator ...'),
    chainLeaderMinLinks: count.describe('... or offers at least this many links'),
    backboneMinCasesOnLink: count.describe('backbone: leader flag, or at least this many cases on the link ...'),
    backboneMinLinks: count.describe('... or at least this many links offered'),
    specialisedMaxLinks: count.describe('specialised SME: not a leader, at most this many links offered (focus) ...'),
    specialisedMinCasesOnLink: count.describe('... and at least this many cases on the link (proven)'),
  }),
  relatedness: z.strictObject({
    proximity: z.enum(['colocation', 'cases', 'offerings']).describe('the proximity the quadrants and recommendations use'),
    densityCut: z.union([z.literal('median'), share]).describe("related = density >= this; 'median' = the region's median density over all links"),
  }),
  recommend: z.strictObject({
    substituteBelow: share.describe('substitute when the domestic share of the link is below this'),
    fillMinNationalCases: count.describe('fill also links without local demand when at least this many cases nationwide need them (0: never)'),
    perKind: count.describe('how many of each kind the top recommendations list shows'),
  }),
  targets: z.strictObject({
    weights: z.strictObject({
      leader: weight.describe('leader flag'),
      cases: weight.describe('national cases on the link, log-scaled among the candidates'),
      ties: weight.describe("already delivers in cases together with the region's enterprises"),
      closeness: weight.describe("mean density in the region of the candidate's links"),
    }),
    limit: z.number().int().min(1).describe('targets listed per link'),
    pool: z.number().int().min(1).describe('candidates per link the database preselects by leader flag and national cases'),
  }),
  domesticShare: z.strictObject({
    prefer: z.enum(['observation', 'components']).describe('which source wins when both exist'),
    indicators: z
      .array(z.strictObject({ pattern: z.string().min(1).describe('indicator key; * matches any run of characters'), means: z.enum(['domestic', 'foreign']) }))
      .describe('observations that give a domestic (or foreign) market share of a link, in percent or as a fraction'),
  }),
  observations: z.strictObject({
    lowerIsBetter: z.array(z.string()).describe('observation indicators where a lower value ranks first'),
  }),
});

export type ScoreWeights = Readonly<Record<ScoreInput, number>>;

export interface AssessConfig {
  readonly weights: ScoreWeights;
  readonly tiers: { readonly adequate: number; readonly strong: number };
  readonly specialisationThreshold: number;
  readonly roles: {
    readonly chainLeaderMinCasesLed: number;
    readonly chainLeaderMinLinks: number;
    readonly backboneMinCasesOnLink: number;
    readonly backboneMinLinks: number;
    readonly specialisedMaxLinks: number;
    readonly specialisedMinCasesOnLink: number;
  };
  readonly relatedness: { readonly proximity: ProximityKind; readonly densityCut: 'median' | number };
  readonly recommend: { readonly substituteBelow: number; readonly fillMinNationalCases: number; readonly perKind: number };
  readonly targets: {
    readonly weights: { readonly leader: number; readonly cases: number; readonly ties: number; readonly closeness: number };
    readonly limit: number;
    readonly pool: number;
  };
  readonly domesticShare: {
    readonly prefer: 'observation' | 'components';
    readonly indicators: readonly { readonly pattern: string; readonly means: 'domestic' | 'foreign' }[];
  };
  readonly observations: { readonly lowerIsBetter: readonly string[] };
}

/** The defaults of data/assess/weights.json, for callers (tests, the bench) that use no file. */
const DEFAULTS: AssessConfig = {
  weights: { suppliers: 0.35, rca: 0.15, leaders: 0.2, delivered: 0.15, localSupply: 0.15 },
  tiers: { adequate: 0.3, strong: 0.55 },
  specialisationThreshold: 1,
  roles: { chainLeaderMinCasesLed: 1, chainLeaderMinLinks: 3, backboneMinCasesOnLink: 2, backboneMinLinks: 4, specialisedMaxLinks: 2, specialisedMinCasesOnLink: 1 },
  relatedness: { proximity: 'colocation', densityCut: 'median' },
  recommend: { substituteBelow: 0.5, fillMinNationalCases: 1, perKind: 2 },
  targets: { weights: { leader: 0.3, cases: 0.3, ties: 0.25, closeness: 0.15 }, limit: 10, pool: 60 },
  domesticShare: {
    prefer: 'observation',
    indicators: [{ pattern: '*.domestic_share', means: 'domestic' }, { pattern: '*.foreign_share', means: 'foreign' }],
  },
  observations: { lowerIsBetter: [] },
};
export const DEFAULT_ASSESS_CONFIG: AssessConfig = Object.freeze(DEFAULTS);

/** Rescales a weight set to sum 1; a zero sum is an error, any other sum a warning. */
function normaliseWeights<K extends string>(set: string, weights: Record<K, number>, file: string, issues: Issue[]): Record<K, number> | undefined {
  const keys = Object.keys(weights) as K[];
  const sum = keys.reduce((total, key) => total + weights[key], 0);
  if (sum <= 0) {
    issues.push(issue('assess.weights_zero', { set }, { file, path: set }));
    return undefined;
  }
  if (Math.abs(sum - 1) <= 1e-9) return weights;
  issues.push(issue('assess.weights_normalised', { set, sum: Math.round(sum * 1e6) / 1e6 }, { file, path: set }));
  return Object.fromEntries(keys.map((key) => [key, weights[key] / sum])) as Record<K, number>;
}

/**
 * Validates a parsed config file. `issues` holds the errors when there is no
 * value, and the warnings (rescaled weights) when there is one.
 */
export function parseAssessConfig(input: unknown, file = 'weights.json'): Validated<AssessConfig> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((problem) =>
        issue('assess.config_invalid', { path: problem.path.join('.') || '(root)', reason: problem.message }, { file, path: problem.path.join('.') })),
    };
  }
  const raw = parsed.data;
  const issues: Issue[] = [];
  const errors = () => issues.some((i) => i.code !== 'assess.weights_normalised');
  if (raw.tiers.adequate >= raw.tiers.strong) {
    issues.push(issue('assess.bad_cuts', { reason: `adequate (${raw.tiers.adequate}) must be below strong (${raw.tiers.strong})` }, { file, path: 'tiers' }));
  }
  const weights = normaliseWeights('weights', raw.weights, file, issues);
  const targetWeights = normaliseWeights('targets.weights', raw.targets.weights, file, issues);
  if (!weights || !targetWeights || errors()) return { issues };
  const ordered = Object.fromEntries(SCORE_INPUTS.map((key) => [key, weights[key]])) as Record<ScoreInput, number>;
  return {
    value: {
      weights: ordered,
      tiers: raw.tiers,
      specialisationThreshold: raw.specialisationThreshold,
      roles: raw.roles,
      relatedness: raw.relatedness,
      recommend: raw.recommend,
      targets: { ...raw.targets, weights: targetWeights },
      domesticShare: raw.domesticShare,
      observations: raw.observations,
    },
    issues,
  };
}

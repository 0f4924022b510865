/**
 * The closed vocabularies of the assessment: tiers, enterprise roles, relatedness
 * quadrants, recommendation kinds and the metrics themselves, each with its
 * zh/en label (vega-lite `mark.ts` style: const object, type, guard).
 */
import { vocabularyGuard as guard, type Text } from '../model/index.js';

/** Capability tiers, weakest first (docs/metrics.md, "Tiers"). */
export const Tier = {
  missing: { zh: '缺失', en: 'missing' },
  weak: { zh: '薄弱', en: 'weak' },
  adequate: { zh: '一般', en: 'adequate' },
  strong: { zh: '较强', en: 'strong' },
} as const satisfies Record<string, Text>;
export type Tier = keyof typeof Tier;
export const isTier = guard(Tier);
export const TIER_ORDER: readonly Tier[] = ['missing', 'weak', 'adequate', 'strong'];

/** Roles of an enterprise on one link of the chain (docs/metrics.md, "Enterprise roles"). */
export const Role = {
  chain_leader: { zh: '链主企业', en: 'chain leader' },
  backbone: { zh: '骨干企业', en: 'backbone enterprise' },
  specialised: { zh: '专精特新企业', en: 'specialised SME' },
  supporting: { zh: '配套企业', en: 'supporting supplier' },
} as const satisfies Record<string, Text>;
export type Role = keyof typeof Role;
export const isRole = guard(Role);
export const ROLE_ORDER: readonly Role[] = ['chain_leader', 'backbone', 'specialised', 'supporting'];

/** Feasibility quadrants: presence (revealed specialisation) × relatedness (density). */
export const Quadrant = {
  strength: { zh: '优势（已有且关联）', en: 'strength (present and related)' },
  opportunity: { zh: '机会（未有但关联）', en: 'opportunity (absent but related)' },
  weakness: { zh: '孤立（已有但不关联）', en: 'weakness (present but unrelated)' },
  threat: { zh: '远距（未有且不关联）', en: 'threat (absent and unrelated)' },
} as const satisfies Record<string, Text>;
export type Quadrant = keyof typeof Quadrant;
export const isQuadrant = guard(Quadrant);

/** Recommendation kinds, in the order they are listed (docs/metrics.md, "Recommendations"). */
export const RecommendationKind = {
  fill: { zh: '补链', en: 'fill' },
  cultivate: { zh: '育链', en: 'cultivate' },
  substitute: { zh: '国产替代', en: 'substitute' },
  strengthen: { zh: '强链', en: 'strengthen' },
  extend: { zh: '延链', en: 'extend' },
} as const satisfies Record<string, Text>;
export type RecommendationKind = keyof typeof RecommendationKind;
export const isRecommendationKind = guard(RecommendationKind);
export const RECOMMENDATION_ORDER: readonly RecommendationKind[] = ['fill', 'cultivate', 'substitute', 'strengthen', 'extend'];

/** Which proximity a relatedness figure uses. */
export const ProximityKind = {
  colocation: { zh: '地区共现（RCA，产品空间法）', en: 'co-location of specialisations (RCA, product-space method)' },
  cases: { zh: '案例共现', en: 'co-occurrence in cases' },
  offerings: { zh: '企业供给共现', en: "co-occurrence in enterprises' offerings" },
} as const satisfies Record<string, Text>;
export type ProximityKind = keyof typeof ProximityKind;
export const isProximityKind = guard(ProximityKind);

/** The measured metrics of a (region, link) or (region, segment) cell that are ranked. */
export const Metric = {
  suppliers: { zh: '供给企业数', en: 'suppliers' },
  share: { zh: '占对标供给比重', en: 'share of benchmark suppliers' },
  rca: { zh: '区位商（RCA）', en: 'location quotient (RCA)' },
  leaders: { zh: '龙头企业数', en: 'leaders' },
  demand: { zh: '本地案例需求', en: 'demand in local cases' },
  localSupply: { zh: '本地配套率', en: 'local supply rate' },
  delivered: { zh: '参与交付案例数', en: 'cases delivered' },
  score: { zh: '供给能力得分', en: 'capability score' },
  density: { zh: '关联密度', en: 'density' },
} as const satisfies Record<string, Text>;
export type Metric = keyof typeof Metric;
export const isMetric = guard(Metric);
export const METRICS: readonly Metric[] = ['suppliers', 'share', 'rca', 'leaders', 'demand', 'localSupply', 'delivered', 'score', 'density'];

/** The metrics that enter the capability score, with a weight each in the config. */
export const ScoreInput = {
  suppliers: Metric.suppliers,
  rca: Metric.rca,
  leaders: Metric.leaders,
  delivered: Metric.delivered,
  localSupply: Metric.localSupply,
} as const satisfies Record<string, Text>;
export type ScoreInput = keyof typeof ScoreInput;
export const SCORE_INPUTS: readonly ScoreInput[] = ['suppliers', 'rca', 'leaders', 'delivered', 'localSupply'];

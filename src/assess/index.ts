/** Supply-capability measures and the assessment. Pure: plain data in, plain data out. */
export { measureSupplyOverview } from './supply-overview.js';
export type { SupplyOverview, SegmentSupply, LinkSupply, SupplierOnLink, CaseOnLink } from './supply-overview.js';

export {
  runAssessment, runScenario, compareRegions, rankMetric, rankCompleteness, rankObservation, profilesById,
} from './run-assessment.js';
export type {
  Assessment, AssessmentOptions, RegionAssessment, LinkAssessment, SegmentAssessment, CellMetrics, FeasibilityRow, ScenarioResult,
  ScenarioChange, MatrixCell, RankedRegion,
} from './run-assessment.js';
export { aggregateRows } from './assessment-input.js';
export type {
  AssessmentInput, AssessmentRows, UnitCounts, CellCount, SupplyCount, ComponentCount, OriginCount, PairCount, EnterpriseProfile, CaseProfile,
  SupplierRow, ComponentRow, EnterpriseRow, CaseRow,
} from './assessment-input.js';
export { parseAssessConfig, DEFAULT_ASSESS_CONFIG } from './assess-config.js';
export type { AssessConfig, ScoreWeights } from './assess-config.js';
export {
  Tier, isTier, TIER_ORDER, Role, isRole, ROLE_ORDER, Quadrant, isQuadrant, RecommendationKind, isRecommendationKind, RECOMMENDATION_ORDER,
  ProximityKind, isProximityKind, Metric, isMetric, METRICS, ScoreInput, SCORE_INPUTS,
} from './assess-vocab.js';
export {
  regionKey, regionUniverse, parseBenchmark, resolveBenchmark, cityLikeProvinceCodes, isAssessLevel,
} from './region-universe.js';
export type { AssessLevel, RegionUniverse, Benchmark, BenchmarkSpec, RankGroup } from './region-universe.js';
export { measureUnits } from './measure.js';
export type { UnitMeasures } from './measure.js';
export { scoreUnits, explainScore, logScale, rcaScale, tierOf } from './score.js';
export type { ScoreTable, ScoreInputBreakdown } from './score.js';
export { rankValues, MetricRanks } from './rank.js';
export type { RankTable, RankInfo, CellRank } from './rank.js';
export { relateLinks, colocationProximity, pairProximity, densityOf, medianOf } from './relatedness.js';
export type { Relatedness } from './relatedness.js';
export { roleOf, rolesOnLink, chainHealth } from './chain-health.js';
export type { ChainHealth, RoleEntry, SegmentCompleteness } from './chain-health.js';
export { domesticShareOf, shareObservationsByLink } from './domestic-share.js';
export type { DomesticShare, ShareObservation } from './domestic-share.js';
export { rankTargets } from './targets.js';
export type { Target } from './targets.js';
export type { Recommendation } from './recommend.js';
export type { ObservationFact, SourcedRank } from './observation-facts.js';
export { parseAssumption, applyScenario } from './scenario.js';
export type { Assumption, AppliedAssumption } from './scenario.js';
export { describeRank, ordinalEn, percent, fixed } from './narrate.js';

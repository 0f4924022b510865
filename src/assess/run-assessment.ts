/**
 * The supply-capability assessment of every region of a level, link by link and
 * segment by segment, with the detail of the regions asked about. One entry
 * function, in named phases:
 *
 *   input (counts, profiles, observations)
 *     │
 *   resolve ── the region universe of the level, the benchmark
 *     │
 *   measure ── suppliers, share, rca, leaders, demand, local supply, delivered (all regions × links, segments)
 *     │
 *   score ──── normalise across regions, weighted score, tier, breakdown
 *     │
 *   relate ─── M, proximity (co-location, cases, offerings), density, quadrants
 *     │
 *   rank ───── every metric and observation, nationally and within the group, ties stated
 *     │
 *   recommend ─ chain health, roles, fill / cultivate / substitute / strengthen / extend with targets
 *     ▼
 *   Assessment (plain data; `focus` holds the regions asked about)
 *
 * Pure: no IO. The work is O(regions × links²) after the counts: 31 provinces ×
 * 31 links is small, ~340 cities still is.
 */
import type { Framework, Issue, Region, Text } from '../model/index.js';
import { issue, messages } from '../model/index.js';
import { regionByCode } from '../regions/index.js';
import { DEFAULT_ASSESS_CONFIG, type AssessConfig } from './assess-config.js';
import { METRICS, Tier, type Metric, type ProximityKind, type Quadrant } from './assess-vocab.js';
import type { AssessmentInput, EnterpriseProfile } from './assessment-input.js';
import { chainHealth, rolesOnLink, type ChainHealth, type RoleEntry } from './chain-health.js';
import { domesticShareOf, shareObservationsByLink, type DomesticShare } from './domestic-share.js';
import { measureUnits, type UnitMeasures } from './measure.js';
import { describeRank, percent } from './narrate.js';
import { ObservationRanks, observationFacts, type ObservationFact } from './observation-facts.js';
import { MetricRanks, column, groupMembers, type CellRank } from './rank.js';
import { recommend, topRecommendations, type Recommendation, type RecommendationInputs } from './recommend.js';
import { medianOf, relateLinks, type Relatedness } from './relatedness.js';
import {
  regionUniverse, resolveBenchmark, type AssessLevel, type Benchmark, type BenchmarkSpec, type RegionUniverse,
} from './region-universe.js';
import { applyScenario, type AppliedAssumption, type Assumption } from './scenario.js';
import { explainScore, scoreUnits, tierAt, type ScoreInputBreakdown, type ScoreTable } from './score.js';
import { rankTargets, type Target } from './targets.js';

export interface AssessmentOptions {
  readonly framework: Framework;
  /** Region codes to assess in detail (views, roles, recommendations, targets). */
  readonly focus?: readonly string[];
  readonly benchmark?: BenchmarkSpec;
  readonly config?: AssessConfig;
  /** Overrides the config's proximity for quadrants, recommendations and the ranked density. */
  readonly proximity?: ProximityKind;
}

/** The measured figures of one (region, unit) cell. */
export interface CellMetrics {
  readonly suppliers: number;
  /** suppliers(B ∪ {R}, unit): the denominator of share. */
  readonly benchmarkSuppliers: number;
  readonly nationSuppliers: number;
  readonly unlocatedSuppliers: number;
  readonly share: number;
  readonly rca: number;
  readonly rcaNation: number;
  readonly leaders: number;
  readonly nationLeaders: number;
  readonly demand: number;
  readonly nationalDemand: number;
  readonly localSupply?: number;
  readonly components: { readonly local: number; readonly outside: number; readonly unknown: number };
  readonly delivered: number;
}

export interface LinkAssessment {
  readonly link: string;
  readonly segment: string;
  readonly name: Text;
  readonly position: string;
  readonly metrics: CellMetrics;
  readonly domesticShare: DomesticShare;
  readonly score: number;
  readonly tier: Tier;
  readonly breakdown: readonly ScoreInputBreakdown[];
  readonly ranks: Readonly<Partial<Record<Metric, CellRank>>>;
  /** "1st of 6 in central, 9th of 31 nationwide" for the score. */
  readonly scoreRankText: Text;
  readonly relatedness: {
    /** M(R,L): rcaNation >= the specialisation threshold. */
    readonly present: boolean;
    readonly density: Readonly<Record<ProximityKind, number>>;
    readonly proximity: ProximityKind;
    readonly quadrant: Quadrant;
  };
  readonly suppliers: readonly RoleEntry[];
}

export interface SegmentAssessment {
  readonly segment: string;
  readonly name: Text;
  readonly links: readonly string[];
  readonly metrics: CellMetrics;
  readonly domesticShare?: number;
  readonly score: number;
  readonly tier: Tier;
  readonly breakdown: readonly ScoreInputBreakdown[];
  readonly ranks: Readonly<Partial<Record<Metric, CellRank>>>;
  readonly scoreRankText: Text;
  readonly completeness: number;
}

export interface FeasibilityRow {
  readonly link: string;
  readonly name: Text;
  readonly density: number;
  readonly nationalDemand: number;
  /** nationalDemand / the most cases any link has: attractiveness in [0, 1]. */
  readonly attractiveness: number;
  readonly quadrant: Quadrant;
}

export interface RegionAssessment {
  readonly region: Region;
  readonly level: AssessLevel;
  readonly benchmark: { readonly spec: BenchmarkSpec; readonly label: Text };
  readonly proximity: ProximityKind;
  readonly densityCut: number;
  readonly totals: {
    /** Supplier-link pairs in the region. */
    readonly supplierLinks: number;
    /** Distinct enterprises of the region with a framework offering. */
    readonly enterprises: number;
    readonly cases: number;
    readonly unlocatedSupplierLinks: number;
  };
  readonly summary: Text;
  readonly health: ChainHealth;
  readonly links: readonly LinkAssessment[];
  readonly segments: readonly SegmentAssessment[];
  /** Links the region lacks (no supplier), by density: feasibility against attractiveness. */
  readonly feasibility: readonly FeasibilityRow[];
  readonly facts: readonly ObservationFact[];
  readonly recommendations: readonly Recommendation[];
  readonly top: readonly Recommendation[];
  readonly notes: readonly Issue[];
}

interface UnitPhase {
  readonly measures: UnitMeasures;
  readonly scores: ScoreTable;
  readonly ranks: ReadonlyMap<Metric, readonly MetricRanks[]>;
}

export interface Assessment {
  readonly level: AssessLevel;
  readonly framework: Framework;
  readonly config: AssessConfig;
  readonly universe: RegionUniverse;
  readonly benchmark: Benchmark;
  readonly proximity: ProximityKind;
  readonly links: UnitPhase;
  readonly segments: UnitPhase;
  readonly relatedness: Relatedness;
  readonly observationRanks: ObservationRanks;
  readonly focus: readonly RegionAssessment[];
  readonly issues: readonly Issue[];
}

// ── measure / score / rank for one unit kind ──────────────────────────────

function metricColumn(metric: Metric, m: UnitMeasures, s: ScoreTable, density: Float64Array | undefined, u: number): Float64Array {
  const R = m.regionCount;
  const U = m.units.length;
  switch (metric) {
    case 'score': return column(s.score, R, U, u);
    case 'density': return density ? column(density, R, U, u) : new Float64Array(R).fill(Number.NaN);
    default: return column(m[metric], R, U, u);
  }
}

function rankUnits(universe: RegionUniverse, m: UnitMeasures, s: ScoreTable, density: Float64Array | undefined): Map<Metric, MetricRanks[]> {
  const groups = groupMembers(universe);
  const out = new Map<Metric, MetricRanks[]>();
  for (const metric of METRICS) {
    if (metric === 'density' && !density) continue;
    out.set(metric, m.units.map((_, u) => new MetricRanks(universe, metricColumn(metric, m, s, density, u), groups)));
  }
  return out;
}

function cellMetrics(m: UnitMeasures, r: number, u: number): CellMetrics {
  const cell = r * m.units.length + u;
  const local = m.localSupply[cell] ?? Number.NaN;
  return {
    suppliers: m.suppliers[cell] ?? 0,
    benchmarkSuppliers: m.benchmarkSuppliers[cell] ?? 0,
    nationSuppliers: m.nationSuppliers[u] ?? 0,
    unlocatedSuppliers: m.unlocatedSuppliers[u] ?? 0,
    share: m.share[cell] ?? 0,
    rca: m.rca[cell] ?? 0,
    rcaNation: m.rcaNation[cell] ?? 0,
    leaders: m.leaders[cell] ?? 0,
    nationLeaders: m.nationLeaders[u] ?? 0,
    demand: m.demand[cell] ?? 0,
    nationalDemand: m.nationalDemand[u] ?? 0,
    ...(Number.isNaN(local) ? {} : { localSupply: local }),
    components: { local: m.local[cell] ?? 0, outside: m.outside[cell] ?? 0, unknown: m.unknownSupplier[cell] ?? 0 },
    delivered: m.delivered[cell] ?? 0,
  };
}

function ranksAt(phase: UnitPhase, r: number, u: number): Partial<Record<Metric, CellRank>> {
  const out: Partial<Record<Metric, CellRank>> = {};
  for (const [metric, perUnit] of phase.ranks) {
    const rank = perUnit[u]?.at(r);
    if (rank && (rank.nation || rank.group)) out[metric] = rank;
  }
  return out;
}

function seenRegions(input: AssessmentInput, focus: readonly string[]): Set<string> {
  const seen = new Set<string>(focus);
  for (const counts of [input.links, input.segments]) {
    for (const rows of [counts.supply, counts.demand, counts.delivered, counts.components]) for (const row of rows) if (row.region) seen.add(row.region);
  }
  for (const o of input.observations) seen.add(o.region);
  return seen;
}

// ── the region view ───────────────────────────────────────────────────────

function assessRegion(a: Assessment, input: AssessmentInput, code: string): RegionAssessment {
  const { universe, framework, config, proximity } = a;
  const r = universe.index.get(code);
  const region = regionByCode(code);
  if (r === undefined || !region) throw new Error(`region ${code} is not in the ${a.level} universe`);
  const L = framework.links.length;
  const lm = a.links.measures;
  const density = a.relatedness.density[proximity];
  const densityRow = Float64Array.from({ length: L }, (_, l) => density[r * L + l] ?? 0);
  const cut = config.relatedness.densityCut === 'median' ? medianOf(densityRow) : config.relatedness.densityCut;
  const mine = input.enterprises.filter((e) => e.region === code);
  const names = new Map<string, Text>(input.enterprises.map((e) => [e.id, e.name]));
  const shareObservations = shareObservationsByLink(input.observations, config);
  const regionCases = input.cases.filter((c) => c.region === code);

  const quadrantOf = (present: boolean, related: boolean): Quadrant =>
    present ? (related ? 'strength' : 'weakness') : related ? 'opportunity' : 'threat';

  const links: LinkAssessment[] = framework.links.map((link, u) => {
    const cell = r * L + u;
    const metrics = cellMetrics(lm, r, u);
    const present = a.relatedness.presence[cell] === 1;
    const d = densityRow[u] ?? 0;
    const ranks = ranksAt(a.links, r, u);
    return {
      link: link.id, segment: link.segment, name: link.name, position: link.position, metrics,
      domesticShare: domesticShareOf(link.id, code, {
        domestic: lm.domestic[u] ?? 0, foreign: lm.foreign[u] ?? 0, unknown: lm.unknownOrigin[u] ?? 0,
      }, shareObservations.get(link.id) ?? [], config),
      score: a.links.scores.score[cell] ?? 0,
      tier: tierAt(a.links.scores, cell),
      breakdown: explainScore(lm, a.links.scores, config, r, u),
      ranks,
      scoreRankText: describeRank(ranks.score),
      relatedness: {
        present,
        density: {
          colocation: a.relatedness.density.colocation[cell] ?? 0,
          cases: a.relatedness.density.cases[cell] ?? 0,
          offerings: a.relatedness.density.offerings[cell] ?? 0,
        },
        proximity,
        // Related needs some relatedness: with nothing present (or one link) every density is 0 and so is the median.
        quadrant: quadrantOf(present, d > 0 && d >= cut),
      },
      suppliers: rolesOnLink(mine, link.id, config),
    };
  });

  const sm = a.segments.measures;
  const S = framework.segments.length;
  const health = chainHealth(links.map((l) => ({ link: l.link, segment: l.segment, suppliers: l.metrics.suppliers, demand: l.metrics.demand, tier: l.tier })),
    framework.segments.map((s) => s.id));
  const segments: SegmentAssessment[] = framework.segments.map((segment, u) => {
    const cell = r * S + u;
    const ranks = ranksAt(a.segments, r, u);
    const known = (sm.domestic[u] ?? 0) + (sm.foreign[u] ?? 0);
    return {
      segment: segment.id, name: segment.name, links: framework.links.filter((l) => l.segment === segment.id).map((l) => l.id),
      metrics: cellMetrics(sm, r, u),
      ...(known > 0 ? { domesticShare: (sm.domestic[u] ?? 0) / known } : {}),
      score: a.segments.scores.score[cell] ?? 0,
      tier: tierAt(a.segments.scores, cell),
      breakdown: explainScore(sm, a.segments.scores, config, r, u),
      ranks,
      scoreRankText: describeRank(ranks.score),
      completeness: health.segments[u]?.completeness ?? 0,
    };
  });

  const maxDemand = Math.max(0, ...links.map((l) => l.metrics.nationalDemand));
  const feasibility: FeasibilityRow[] = links
    .filter((l) => l.metrics.suppliers === 0)
    .map((l) => ({
      link: l.link, name: l.name, density: densityRow[framework.links.findIndex((x) => x.id === l.link)] ?? 0, nationalDemand: l.metrics.nationalDemand,
      attractiveness: maxDemand > 0 ? l.metrics.nationalDemand / maxDemand : 0, quadrant: l.relatedness.quadrant,
    }))
    .sort((x, y) => y.density - x.density || y.nationalDemand - x.nationalDemand);

  const linkIndex = new Map(framework.links.map((l, i) => [l.id, i]));
  const targetCache = new Map<string, Target[]>();
  const domestic = input.enterprises.filter((e) => e.originCountry === 'CN');
  const targetsFor = (link: string, domesticOnly = false): Target[] => {
    const key = `${domesticOnly ? 'cn' : 'all'}\u0000${link}`;
    let found = targetCache.get(key);
    if (!found) {
      found = rankTargets(domesticOnly ? domestic : input.enterprises, {
        link, region: code,
        densityOf: (l) => densityRow[linkIndex.get(l) ?? -1] ?? 0,
        nameOf: (id) => names.get(id) ?? { zh: id, en: id },
        regionOf: (c) => (c === undefined ? undefined : regionByCode(c)),
      }, config);
      targetCache.set(key, found);
    }
    return found;
  };
  const cells: RecommendationInputs[] = links.map((l, i) => ({
    link: l.link, segment: l.segment, name: l.name, order: i, tier: l.tier, score: l.score, scoreRank: l.ranks.score ?? {},
    suppliers: l.metrics.suppliers, nationSuppliers: l.metrics.nationSuppliers, demand: l.metrics.demand, nationalDemand: l.metrics.nationalDemand,
    density: densityRow[i] ?? 0, densityCut: cut, quadrant: l.relatedness.quadrant, domesticShare: l.domesticShare,
    ...(l.metrics.localSupply !== undefined ? { localSupply: l.metrics.localSupply } : {}),
    localSuppliers: l.suppliers,
    cases: regionCases.filter((c) => c.links.includes(l.link)).map((c) => ({ id: c.id, title: c.title })),
  }));
  const recommendations = recommend(cells, { config, proximity, targetsFor });

  const notes: Issue[] = [];
  const unlocated = Array.from(lm.unlocatedSuppliers).reduce((t, x) => t + x, 0);
  if (unlocated > 0) notes.push(issue('assess.unlocated', { suppliers: unlocated, level: a.level }));
  const total = lm.regionTotal[r] ?? 0;
  const anyDemand = links.some((l) => l.metrics.demand > 0);
  const anyObservation = input.observations.some((o) => o.region === code);
  if (total === 0 && !anyDemand && !anyObservation) notes.push(issue('assess.region_no_data', { region: region.short.en }));
  if (input.droppedRows > 0) notes.push(issue('assess.unknown_links_dropped', { rows: input.droppedRows }));

  const count = (t: Tier) => links.filter((l) => l.tier === t).length;
  const summary = messages['assess.say.summary']({
    regionZh: region.name.zh, regionEn: region.name.en, present: health.present, links: health.links, completeness: percent(health.completeness),
    strong: count('strong'), adequate: count('adequate'), weak: count('weak'), missing: count('missing'),
    broken: health.broken.length, short: health.short.length, benchmarkZh: a.benchmark.label.zh, benchmarkEn: a.benchmark.label.en,
  });

  return {
    region, level: a.level, benchmark: { spec: a.benchmark.spec, label: a.benchmark.label }, proximity, densityCut: cut,
    totals: {
      supplierLinks: total, enterprises: mine.filter((e) => e.links.length > 0).length, cases: regionCases.length, unlocatedSupplierLinks: unlocated,
    },
    summary, health, links, segments, feasibility,
    facts: observationFacts(code, input.observations, universe, a.observationRanks, (id) => names.get(id)),
    recommendations, top: topRecommendations(recommendations, config.recommend.perKind), notes,
  };
}

/** Runs the whole assessment (see the module docblock for the phases). */
export function runAssessment(input: AssessmentInput, options: AssessmentOptions): Assessment {
  const { framework } = options;
  const config = options.config ?? DEFAULT_ASSESS_CONFIG;
  const focus = options.focus ?? [];
  const proximity = options.proximity ?? config.relatedness.proximity;

  // resolve
  const universe = regionUniverse(input.level, seenRegions(input, focus));
  const benchmark = resolveBenchmark(options.benchmark ?? { kind: 'nation' }, universe);

  // measure
  const linkMeasures = measureUnits(universe, benchmark, framework.links.map((l) => l.id), input.links);
  const segmentMeasures = measureUnits(universe, benchmark, framework.segments.map((s) => s.id), input.segments);

  // score
  const linkScores = scoreUnits(linkMeasures, config);
  const segmentScores = scoreUnits(segmentMeasures, config);

  // relate
  const relatedness = relateLinks(linkMeasures, config.specialisationThreshold, input.cooccurrence);

  // rank
  const links: UnitPhase = { measures: linkMeasures, scores: linkScores, ranks: rankUnits(universe, linkMeasures, linkScores, relatedness.density[proximity]) };
  const segments: UnitPhase = { measures: segmentMeasures, scores: segmentScores, ranks: rankUnits(universe, segmentMeasures, segmentScores, undefined) };
  const observationRanks = new ObservationRanks(universe, input.observations, config.observations.lowerIsBetter);

  const issues: Issue[] = [];
  if (linkMeasures.outsideUniverse.length > 0) {
    issues.push(issue('assess.region_level', { region: linkMeasures.outsideUniverse.slice(0, 5).join(', '), level: input.level }));
  }
  const base: Assessment = {
    level: input.level, framework, config, universe, benchmark, proximity, links, segments, relatedness, observationRanks, focus: [], issues,
  };

  // recommend (the regions asked about)
  return { ...base, focus: focus.map((code) => assessRegion(base, input, code)) };
}

// ── scenarios ─────────────────────────────────────────────────────────────

export interface ScenarioChange {
  readonly unit: string;
  readonly name: Text;
  readonly kind: 'link' | 'segment';
  readonly before: { readonly suppliers: number; readonly score: number; readonly tier: Tier; readonly rank?: CellRank };
  readonly after: { readonly suppliers: number; readonly score: number; readonly tier: Tier; readonly rank?: CellRank };
  readonly text: Text;
}

export interface ScenarioResult {
  readonly applied: readonly AppliedAssumption[];
  readonly before: RegionAssessment;
  readonly after: RegionAssessment;
  /** Links and segments of the region whose suppliers, score, tier or score rank changed. */
  readonly changes: readonly ScenarioChange[];
  readonly completeness: { readonly before: number; readonly after: number };
  readonly issues: readonly Issue[];
}

const rankShort = (rank: CellRank | undefined): Text => {
  const t = describeRank(rank);
  return { zh: t.zh || '—', en: t.en || '—' };
};

function changesBetween(before: RegionAssessment, after: RegionAssessment): ScenarioChange[] {
  const changes: ScenarioChange[] = [];
  const pairs = [
    ...before.links.map((b, i) => ({ kind: 'link' as const, unit: b.link, name: b.name, b, a: after.links[i] })),
    ...before.segments.map((b, i) => ({ kind: 'segment' as const, unit: b.segment, name: b.name, b, a: after.segments[i] })),
  ];
  for (const { kind, unit, name, b, a } of pairs) {
    if (!a) continue;
    const rb = b.ranks.score?.nation?.rank;
    const ra = a.ranks.score?.nation?.rank;
    if (b.metrics.suppliers === a.metrics.suppliers && b.score === a.score && b.tier === a.tier && rb === ra) continue;
    const rbt = rankShort(b.ranks.score);
    const rat = rankShort(a.ranks.score);
    changes.push({
      unit, name, kind,
      before: { suppliers: b.metrics.suppliers, score: b.score, tier: b.tier, ...(b.ranks.score ? { rank: b.ranks.score } : {}) },
      after: { suppliers: a.metrics.suppliers, score: a.score, tier: a.tier, ...(a.ranks.score ? { rank: a.ranks.score } : {}) },
      text: messages['assess.say.scenario']({
        linkZh: name.zh, linkEn: name.en, before: b.score.toFixed(3), after: a.score.toFixed(3),
        tierBeforeZh: Tier[b.tier].zh, tierAfterZh: Tier[a.tier].zh, tierBeforeEn: Tier[b.tier].en, tierAfterEn: Tier[a.tier].en,
        rankBeforeZh: rbt.zh, rankAfterZh: rat.zh, rankBeforeEn: rbt.en, rankAfterEn: rat.en,
      }),
    });
  }
  return changes;
}


/**
 * Runs the assessment of `region` with and without the assumptions and says
 * what changed. The input is not modified. Unknown names give issues and no value.
 */
export function runScenario(
  input: AssessmentInput, options: AssessmentOptions, region: string, assumptions: readonly Assumption[],
): { value?: ScenarioResult; issues: readonly Issue[] } {
  const scenario = applyScenario(input, options.framework, assumptions, region);
  if (!scenario.value) return { issues: scenario.issues };
  const before = runAssessment(input, { ...options, focus: [region] }).focus[0] as RegionAssessment;
  const after = runAssessment(scenario.value.input, { ...options, focus: [region] }).focus[0] as RegionAssessment;
  return {
    value: {
      applied: scenario.value.applied, before, after, changes: changesBetween(before, after),
      completeness: { before: before.health.completeness, after: after.health.completeness }, issues: scenario.issues,
    },
    issues: scenario.issues,
  };
}

// ── views over all regions (compare, rank) ────────────────────────────────

export interface MatrixCell {
  readonly region: string;
  readonly unit: string;
  readonly value: number;
  readonly tier: Tier;
}

/** A metric for chosen regions × every link (or segment): the compare command. */
export function compareRegions(a: Assessment, regions: readonly string[], metric: Metric, kind: 'link' | 'segment'): MatrixCell[] {
  const phase = kind === 'link' ? a.links : a.segments;
  const U = phase.measures.units.length;
  const density = a.relatedness.density[a.proximity];
  const out: MatrixCell[] = [];
  for (const code of regions) {
    const r = a.universe.index.get(code);
    if (r === undefined) continue;
    for (let u = 0; u < U; u++) {
      const cell = r * U + u;
      const value = metric === 'score' ? phase.scores.score[cell] : metric === 'density' ? (kind === 'link' ? density[cell] : Number.NaN) : phase.measures[metric][cell];
      out.push({ region: code, unit: phase.measures.units[u] as string, value: value ?? Number.NaN, tier: tierAt(phase.scores, cell) });
    }
  }
  return out;
}

export interface RankedRegion {
  readonly region: string;
  readonly name: Text;
  readonly value: number;
  readonly rank: CellRank;
  readonly text: Text;
}

/** Every region's value and rank of a metric on one link or segment: the rank command. */
export function rankMetric(a: Assessment, metric: Metric, unit: string, kind: 'link' | 'segment'): RankedRegion[] {
  const phase = kind === 'link' ? a.links : a.segments;
  const u = phase.measures.unitIndex.get(unit);
  const ranks = phase.ranks.get(metric)?.[u ?? -1];
  if (u === undefined || !ranks) return [];
  const values = metricColumn(metric, phase.measures, phase.scores, kind === 'link' ? a.relatedness.density[a.proximity] : undefined, u);
  return rankedRows(a.universe, values, (r) => ranks.at(r));
}

function rankedRows(universe: RegionUniverse, values: ArrayLike<number>, at: (r: number) => CellRank): RankedRegion[] {
  return universe.regions
    .map((region, r) => ({ region: region.code, name: region.short, value: values[r] ?? Number.NaN, rank: at(r) }))
    .filter((row) => row.rank.nation !== undefined)
    .map((row) => ({ ...row, text: describeRank(row.rank) }))
    .sort((x, y) => (x.rank.nation?.rank ?? 0) - (y.rank.nation?.rank ?? 0) || x.region.localeCompare(y.region));
}

/** Chain completeness of every region, ranked. */
export function rankCompleteness(a: Assessment): RankedRegion[] {
  const R = a.universe.regions.length;
  const L = a.links.measures.units.length;
  const values = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let present = 0;
    for (let l = 0; l < L; l++) if ((a.links.measures.suppliers[r * L + l] ?? 0) > 0) present++;
    values[r] = L > 0 ? present / L : 0;
  }
  const ranks = new MetricRanks(a.universe, values, groupMembers(a.universe));
  return rankedRows(a.universe, values, (r) => ranks.at(r));
}

/** Every region's figure of an observation indicator, ranked (rank observations are listed as sourced). */
export function rankObservation(a: Assessment, indicator: string): { key: string; rows: RankedRegion[] }[] {
  return a.observationRanks.table(indicator).map(({ key, observations, ranks }) => {
    const values = new Float64Array(a.universe.regions.length).fill(Number.NaN);
    for (const o of observations) {
      const r = a.universe.index.get(o.region);
      if (r !== undefined) values[r] = o.value;
    }
    return { key, rows: rankedRows(a.universe, values, (r) => ranks.at(r)) };
  });
}

/** Profiles of enterprises, by id (for the CLI's name lookups). */
export function profilesById(input: AssessmentInput): Map<string, EnterpriseProfile> {
  return new Map(input.enterprises.map((e) => [e.id, e]));
}

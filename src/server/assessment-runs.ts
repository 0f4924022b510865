/**
 * Running an assessment from the database: load the counts (src/store), run the
 * pure assessment (src/assess) and shape what `assess`, `compare` and `targets`
 * return. Shared by the CLI and the HTTP API so both give the very same JSON;
 * it lives here because src/server may import store and assess but not cli.
 * Bad flags and parameters become AppErrors (`cli.bad_option` with the option's name).
 */
import type { Framework, Issue, Region } from '../model/index.js';
import { AppError, NATION_CODE } from '../model/index.js';
import { regionByCode } from '../regions/index.js';
import {
  ProximityKind, cityLikeProvinceCodes, parseAssessConfig, compareRegions, isProximityKind, parseBenchmark, rankTargets, runAssessment,
  type AssessConfig, type AssessLevel, type Assessment, type AssessmentInput, type BenchmarkSpec, type LinkAssessment,
  type Metric, type RegionAssessment, type Target,
} from '../assess/index.js';
import { loadAssessmentData, type Database } from '../store/index.js';
import { DEFAULT_ASSESS_CONFIG_FILE, readAssessConfigJson } from '../ingest/index.js';

/** The weights and cut points file (bundled by default), validated; an unreadable or invalid file throws. */
export function loadAssessConfig(file: string | undefined): { config: AssessConfig; warnings: readonly Issue[] } {
  const path = file ?? DEFAULT_ASSESS_CONFIG_FILE;
  const json = readAssessConfigJson(path);
  const unreadable = json.issues[0];
  if (unreadable) throw new AppError('assess.config_unreadable', unreadable.params as { file: string; reason: string }, json.issues);
  const parsed = parseAssessConfig(json.value, path);
  if (!parsed.value) throw new AppError('assess.config_invalid', { path, reason: `${parsed.issues.length} problem(s)` }, parsed.issues);
  return { config: parsed.value, warnings: parsed.issues };
}

export function failWith(issues: readonly Issue[]): never {
  const first = issues[0];
  if (!first) throw new AppError('cli.bad_option', { option: '', reason: 'invalid input' });
  throw new AppError(first.code, first.params, issues);
}

/** The level a region is assessed at: a prefecture-level city at city level, anything else at province level. */
export function levelOf(region: Region): AssessLevel {
  if (region.code === NATION_CODE) throw new AppError('assess.region_level', { region: region.short.en, level: 'province' });
  return region.level === 'city' ? 'city' : 'province';
}

export function benchmarkOf(text: string | undefined, level: AssessLevel): BenchmarkSpec {
  const parsed = parseBenchmark(text, level);
  if (!parsed.value) failWith(parsed.issues);
  return parsed.value;
}

export function proximityOf(text: string | undefined): ProximityKind | undefined {
  if (text === undefined) return undefined;
  if (!isProximityKind(text)) throw new AppError('cli.bad_option', { option: '--proximity', reason: `expected ${Object.keys(ProximityKind).join(', ')}` });
  return text;
}

export function unitLevelOf(text: string | undefined): 'link' | 'segment' {
  if (text === undefined || text === 'link') return 'link';
  if (text === 'segment') return 'segment';
  throw new AppError('cli.bad_option', { option: '--level', reason: 'expected link or segment' });
}

export interface Loaded {
  readonly input: AssessmentInput;
  readonly config: AssessConfig;
  readonly level: AssessLevel;
}

export async function load(
  db: Database, framework: Framework, level: AssessLevel, focus: readonly string[], config: AssessConfig,
  extra: { poolLinks?: readonly string[]; pool?: number; enterprises?: readonly string[] } = {},
): Promise<Loaded> {
  const input = await loadAssessmentData(db, {
    level, links: framework.links.map((l) => ({ id: l.id, segment: l.segment })), cityLikeProvinces: cityLikeProvinceCodes(), focus,
    pool: extra.pool ?? config.targets.pool, ...(extra.poolLinks ? { poolLinks: extra.poolLinks } : {}),
    ...(extra.enterprises ? { enterprises: extra.enterprises } : {}),
  });
  return { input, config, level };
}

/** The assessment of all regions of the level with `region` in detail, and the input it was computed from (reports). */
export async function assessmentFor(
  db: Database, framework: Framework, region: Region, options: { benchmark?: string; proximity?: string; config: AssessConfig },
): Promise<{ input: AssessmentInput; assessment: Assessment; region: RegionAssessment }> {
  const level = levelOf(region);
  const { input } = await load(db, framework, level, [region.code], options.config);
  const proximity = proximityOf(options.proximity);
  const assessment = runAssessment(input, {
    framework, focus: [region.code], benchmark: benchmarkOf(options.benchmark, level), config: options.config, ...(proximity ? { proximity } : {}),
  });
  return { input, assessment, region: assessment.focus[0] as RegionAssessment };
}

/** Builds the assessment of one region (the main job and `assess`). */
export async function buildAssessment(
  db: Database, framework: Framework, region: Region, options: { benchmark?: string; proximity?: string; config: AssessConfig },
): Promise<RegionAssessment> {
  return (await assessmentFor(db, framework, region, options)).region;
}

/** The ranked targets of a link for the focus region: those of its fill or extend recommendation, else ranked the same way for any link. */
export function targetsOf(a: Assessment, input: AssessmentInput, focus: RegionAssessment, link: string, config: AssessConfig): Target[] {
  const fromRecommendation = focus.recommendations.find((r) => r.link === link && (r.kind === 'fill' || r.kind === 'extend'))?.targets;
  return fromRecommendation ? [...fromRecommendation] : rankTargetsDirect(a, input, focus, link, config);
}

function rankTargetsDirect(a: Assessment, input: AssessmentInput, focus: RegionAssessment, link: string, config: AssessConfig): Target[] {
  const index = new Map(a.framework.links.map((l, i) => [l.id, i]));
  const density = (l: string) => focus.links[index.get(l) ?? -1]?.relatedness.density[a.proximity] ?? 0;
  const names = new Map(input.enterprises.map((e) => [e.id, e.name]));
  return rankTargets(input.enterprises, {
    link, region: focus.region.code, densityOf: density, nameOf: (id) => names.get(id) ?? { zh: id, en: id },
    regionOf: (c) => (c === undefined ? undefined : regionByCode(c)),
  }, config);
}

/** The regions × units matrix of one metric (`compare`): every region of one level, against one benchmark. */
export interface CompareMatrix {
  readonly metric: Metric;
  readonly level: 'link' | 'segment';
  readonly benchmark: Assessment['benchmark']['label'];
  readonly regions: readonly { code: string; name: Region['short'] }[];
  readonly rows: readonly {
    unit: string; name: Region['short'];
    cells: readonly { region: string; value: number | null; tier: LinkAssessment['tier'] }[];
  }[];
}

export async function compareMatrix(
  db: Database, framework: Framework, regions: readonly Region[],
  options: { metric: Metric; unitLevel: 'link' | 'segment'; benchmark?: string; proximity?: string; config: AssessConfig },
): Promise<CompareMatrix> {
  if (regions.length === 0) throw new AppError('cli.bad_option', { option: '--regions', reason: 'no region named' });
  const levels = new Set(regions.map(levelOf));
  if (levels.size > 1) throw new AppError('cli.bad_option', { option: '--regions', reason: 'mix of provinces and cities: compare one level at a time' });
  const level = [...levels][0] as AssessLevel;
  const proximity = proximityOf(options.proximity);
  const { input } = await load(db, framework, level, [], options.config);
  const a = runAssessment(input, { framework, benchmark: benchmarkOf(options.benchmark, level), config: options.config, ...(proximity ? { proximity } : {}) });
  const cells = compareRegions(a, regions.map((r) => r.code), options.metric, options.unitLevel);
  const units = options.unitLevel === 'link' ? framework.links.map((l) => ({ id: l.id, name: l.name })) : framework.segments.map((s) => ({ id: s.id, name: s.name }));
  const value = (region: string, unit: string) => cells.find((c) => c.region === region && c.unit === unit);
  return {
    metric: options.metric, level: options.unitLevel, benchmark: a.benchmark.label,
    regions: regions.map((r) => ({ code: r.code, name: r.short })),
    rows: units.map((u) => ({
      unit: u.id, name: u.name,
      cells: regions.map((r) => {
        const c = value(r.code, u.id);
        return { region: r.code, value: c && !Number.isNaN(c.value) ? c.value : null, tier: c?.tier ?? 'missing' };
      }),
    })),
  };
}

/** What `targets` returns: the link's standing in the region and the outside suppliers to attract, ranked. */
export interface LinkTargets {
  readonly region: string;
  readonly link: string;
  readonly tier: LinkAssessment['tier'];
  readonly score: number;
  readonly metrics: LinkAssessment['metrics'];
  readonly density: LinkAssessment['relatedness']['density'];
  readonly quadrant: LinkAssessment['relatedness']['quadrant'];
  readonly targets: readonly Target[];
}

export async function linkTargets(
  db: Database, framework: Framework, region: Region, link: string,
  options: { limit?: number; benchmark?: string; proximity?: string; config: AssessConfig },
): Promise<{ value: LinkTargets; cell: LinkAssessment; proximity: Assessment['proximity'] }> {
  const level = levelOf(region);
  const { limit } = options;
  const base = options.config;
  const config: AssessConfig = limit ? { ...base, targets: { ...base.targets, limit, pool: Math.max(base.targets.pool, limit * 3) } } : base;
  const proximity = proximityOf(options.proximity);
  const { input } = await load(db, framework, level, [region.code], config, { poolLinks: [link] });
  const a = runAssessment(input, { framework, focus: [region.code], benchmark: benchmarkOf(options.benchmark, level), config, ...(proximity ? { proximity } : {}) });
  const focus = a.focus[0] as RegionAssessment;
  const cell = focus.links.find((l) => l.link === link) as LinkAssessment;
  const targets = targetsOf(a, input, focus, link, config);
  return {
    value: { region: region.code, link, tier: cell.tier, score: cell.score, metrics: cell.metrics, density: cell.relatedness.density, quadrant: cell.relatedness.quadrant, targets },
    cell, proximity: a.proximity,
  };
}

/**
 * What the web UI's pages read, shaped from an assessment run and the store:
 * the chain map of a region (segments and links in chain order with tier,
 * score and counts), a link's page (suppliers, leaders, cases, metrics with
 * their inputs, ranks, recommendations, targets) and the indicator panels
 * (observation series with CAGR, single figures, the region's sourced ranks).
 * The figures are the assessment's own — the same run the CLI prints — so a
 * page never disagrees with `chainatlas assess`.
 */
import type { Case, Enterprise, Framework, Observation, Region, Text } from '../model/index.js';
import { NATION_CODE } from '../model/index.js';
import { regionByCode } from '../regions/index.js';
import { computeIndicators } from '../report/index.js';
import type { AssessConfig, Recommendation, RegionAssessment } from '../assess/index.js';
import { listCases, listEnterprises, listObservations, type Database } from '../store/index.js';
import { targetsOf } from './assessment-runs.js';
import type { AssessmentRun } from './assessment-cache.js';

const POSITION_ORDER: Record<string, number> = { upstream: 0, midstream: 1, downstream: 2 };
/** Leaders and cases listed on a link page; the totals say how many there are in all. */
const LIST_LIMIT = 50;

const regionSummary = (r: Region) => ({ code: r.code, level: r.level, name: r.name, short: r.short, ...(r.parent ? { parent: r.parent } : {}) });
const regionName = (code: string | undefined): Text | undefined => (code ? regionByCode(code)?.short : undefined);
const enterpriseName = (e: Enterprise): Text => ({ zh: e.nameZh ?? e.nameEn ?? e.id, en: e.nameEn ?? e.nameZh ?? e.id });
const caseTitle = (c: Case): Text => ({ zh: c.titleZh ?? c.titleEn ?? c.id, en: c.titleEn ?? c.titleZh ?? c.id });

/** The framework's segments, each with its links from upstream to downstream (framework order within a position). */
export function chainMapOf(framework: Framework, run: AssessmentRun) {
  const focus = run.region;
  const cells = new Map(focus.links.map((l) => [l.link, l]));
  const segments = new Map(focus.segments.map((s) => [s.segment, s]));
  return {
    region: regionSummary(focus.region),
    benchmark: focus.benchmark.label,
    summary: focus.summary,
    totals: focus.totals,
    completeness: focus.health.completeness,
    segments: framework.segments.map((segment) => {
      const s = segments.get(segment.id);
      const links = framework.links
        .map((l, order) => ({ l, order }))
        .filter(({ l }) => l.segment === segment.id)
        .sort((a, b) => (POSITION_ORDER[a.l.position] ?? 9) - (POSITION_ORDER[b.l.position] ?? 9) || a.order - b.order)
        .map(({ l }) => {
          const cell = cells.get(l.id);
          const m = cell?.metrics;
          return {
            id: l.id, name: l.name, position: l.position, tier: cell?.tier ?? 'missing', score: cell?.score ?? 0,
            scoreRankText: cell?.scoreRankText, localSuppliers: m?.suppliers ?? 0, nationalSuppliers: m?.nationSuppliers ?? 0,
            leaders: m?.leaders ?? 0, cases: m?.demand ?? 0, nationalCases: m?.nationalDemand ?? 0,
          };
        });
      return { id: segment.id, name: segment.name, tier: s?.tier ?? 'missing', score: s?.score ?? 0, completeness: s?.completeness ?? 0, links };
    }),
  };
}

/** Everything the link page shows for one region and link. The link id must be the framework's (the route resolves it). */
export async function linkPageOf(db: Database, framework: Framework, run: AssessmentRun, linkId: string, config: AssessConfig) {
  const focus = run.region;
  const link = framework.links.find((l) => l.id === linkId);
  const cell = focus.links.find((l) => l.link === linkId);
  if (!link || !cell) throw new Error(`link ${linkId} is not in the assessment`);
  const segment = framework.segments.find((s) => s.id === link.segment);
  const [leaders, cases] = await Promise.all([
    listEnterprises(db, { link: linkId, leader: true, limit: LIST_LIMIT }),
    listCases(db, { link: linkId, limit: LIST_LIMIT }),
  ]);
  const inFocus = (province?: string, city?: string) => province === focus.region.code || city === focus.region.code;
  return {
    region: regionSummary(focus.region),
    link: { id: link.id, name: link.name, position: link.position, scope: link.scope },
    segment: { id: link.segment, name: segment?.name ?? { zh: link.segment, en: link.segment } },
    tier: cell.tier, score: cell.score, scoreRankText: cell.scoreRankText,
    metrics: cell.metrics, breakdown: cell.breakdown, ranks: cell.ranks, domesticShare: cell.domesticShare, relatedness: cell.relatedness,
    localSuppliers: cell.suppliers,
    nationalLeaders: {
      total: leaders.total,
      items: leaders.items.map((e) => ({
        id: e.id, name: enterpriseName(e), province: e.province, provinceName: regionName(e.province), local: inFocus(e.province, e.city),
      })),
    },
    cases: {
      total: cases.total,
      items: cases.items.map((c) => ({
        id: c.id, title: caseTitle(c), year: c.year, customer: c.customer, customerProvince: c.customerProvince,
        provinceName: regionName(c.customerProvince), local: inFocus(c.customerProvince, c.customerCity),
      })),
    },
    recommendations: focus.recommendations.filter((r) => r.link === linkId),
    targets: targetsOf(run.assessment, run.input, focus, linkId, config),
  };
}

const within = (region: Region | undefined, code: string) => {
  if (!region) return true;
  if (code === NATION_CODE || code === region.code) return true;
  return regionByCode(code)?.parent === region.code;
};

const observationView = (o: Observation) => ({
  indicator: o.indicator, label: { zh: o.labelZh ?? o.labelEn ?? o.indicator, en: o.labelEn ?? o.labelZh ?? o.indicator },
  region: o.region, regionName: regionName(o.region) ?? { zh: o.region, en: o.region }, link: o.link, period: o.period, value: o.value,
  unit: o.unit, rankWithin: o.rankWithin, note: o.note, source: o.source,
});

/**
 * The sourced figures of a region (its own, its cities' and the nation's; every region's without one):
 * series of two or more years with growth and CAGR, the single figures, and — for an assessed
 * region — its figures with their ranks as the assessment states them.
 */
export async function indicatorsOf(db: Database, region: Region | undefined, run: AssessmentRun | undefined) {
  const all = (await listObservations(db, {})).items.filter((o) => within(region, o.region));
  const series = computeIndicators(all);
  const inSeries = new Set(series.flatMap((s) => s.points.map((p) => p.observation)));
  return {
    region: region ? regionSummary(region) : undefined,
    series: series.map((s) => ({
      key: s.key, indicator: s.indicator, label: s.label, region: s.region, regionName: regionName(s.region) ?? { zh: s.region, en: s.region },
      link: s.link, unit: s.unit, years: s.years, cagr: s.cagr, projected: s.projected,
      stated: s.stated ? { value: s.stated.value, source: s.stated.observation.source } : undefined, difference: s.difference,
      points: s.points.map((p) => ({ period: p.period, year: p.year, value: p.value, projected: p.projected, source: p.observation.source })),
    })),
    figures: all.filter((o) => !inSeries.has(o)).map(observationView),
    facts: run?.region.facts ?? [],
  };
}

/**
 * A region's assessment with its long lists cut to their first `limit` entries
 * (in the assessment's own order: backbone and leaders first), each cut list
 * with its full length beside it (`suppliersTotal`, `localSuppliersTotal`,
 * `casesTotal`). The figures are untouched. On a national universe a
 * province's full lists run to megabytes; the full ones stay on the link pages
 * and in `chainatlas assess --json`, or here with `suppliers=all`.
 */
export function assessmentView(region: RegionAssessment, limit: number | 'all'): unknown {
  if (limit === 'all') return region;
  const cut = <T>(list: readonly T[]) => list.slice(0, limit);
  const recommendation = (r: Recommendation) => ({
    ...r,
    evidence: { ...r.evidence, cases: cut(r.evidence.cases), casesTotal: r.evidence.cases.length },
    ...(r.localSuppliers ? { localSuppliers: cut(r.localSuppliers), localSuppliersTotal: r.localSuppliers.length } : {}),
  });
  return {
    ...region,
    links: region.links.map((l) => ({ ...l, suppliers: cut(l.suppliers), suppliersTotal: l.suppliers.length })),
    recommendations: region.recommendations.map(recommendation),
    top: region.top.map(recommendation),
  };
}

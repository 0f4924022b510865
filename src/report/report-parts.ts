/**
 * The pieces both outlines are made of: a writer that picks the language, says
 * catalog sentences and numbers footnotes; the tables (each also a workbook
 * sheet) and the charts built from the assessment. Pure: every figure comes
 * from the ReportInput, every sentence from src/model/messages.ts.
 */
import type { Lang, Observation, Text } from '../model/index.js';
import { ComponentRole, NATION_CODE, Position, messages, pick } from '../model/index.js';
import {
  ProximityKind, Quadrant, RecommendationKind, Role, TIER_ORDER, Tier, describeRank, fixed, percent,
  type CellRank, type LinkAssessment, type Metric, type Recommendation,
} from '../assess/index.js';
import type { Block, ParagraphBlock, Run, TableBlock, TableCell, TableColumn } from './document.js';
import type { ChainMapChart, HeatmapChart, RadarChart, RankBarChart, ScatterChart, SeriesChart } from './chart-spec.js';
import { computeIndicators, type ComputedIndicator } from './indicators.js';
import type { ReportInput } from './report-input.js';
import { L, type LabelKey } from './report-vocab.js';

type Messages = typeof messages;
type SayCode = { [K in keyof Messages]: K extends `report.${string}` | `assess.say.${string}` ? K : never }[keyof Messages];

/** Language, sentences, labels and footnotes for one report. */
export class Writer {
  private readonly notes = new Map<string, { number: number; text: string }>();

  constructor(readonly lang: Lang, readonly input: ReportInput) {}

  t(text: Partial<Text> | undefined): string {
    return pick(text, this.lang);
  }

  label(key: LabelKey): string {
    return L[key][this.lang];
  }

  say<C extends SayCode>(code: C, ...params: Parameters<Messages[C]>): string {
    const message = messages[code] as (...p: Parameters<Messages[C]>) => Text;
    return message(...params)[this.lang];
  }

  /** The footnote for a text (one number per distinct text). */
  note(text: string): number {
    let found = this.notes.get(text);
    if (!found) {
      found = { number: this.notes.size + 1, text };
      this.notes.set(text, found);
    }
    return found.number;
  }

  /** The footnote citing an observation's source. */
  sourceNote(o: { source?: string; note?: string }): number | undefined {
    if (!o.source && !o.note) return undefined;
    return this.note(this.say('report.say.footnote', { source: o.source ?? '—', note: o.note ?? '' }));
  }

  footnotes(): { number: number; text: string }[] {
    return [...this.notes.values()];
  }

  place(code: string | undefined, country?: string): string {
    if (code === undefined) return country && country !== 'CN' ? country : this.label('unknown');
    return this.t(this.input.places[code]) || code;
  }

  rank(rank: CellRank | undefined): string {
    return this.t(describeRank(rank));
  }

  tier(tier: Tier): string {
    return Tier[tier][this.lang];
  }

  /** Names joined as the language writes a list. */
  join(names: readonly string[], limit = 8): string {
    const shown = names.slice(0, limit);
    const more = names.length - shown.length;
    if (this.lang === 'zh') return shown.join('、') + (more > 0 ? `等${names.length}个` : '');
    return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
  }

  /** The same phrase in both languages (for messages that take zh and en parameters). */
  both(f: (w: Writer) => string): Text {
    return { zh: f(new Writer('zh', this.input)), en: f(new Writer('en', this.input)) };
  }

  linkName(id: string): string {
    return this.t(this.input.assessment.framework.links.find((l) => l.id === id)?.name) || id;
  }
}

// ── blocks ────────────────────────────────────────────────────────────────

export const para = (...runs: (Run | string)[]): ParagraphBlock => ({
  kind: 'paragraph', runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});

export function column(w: Writer, key: LabelKey, type: TableColumn['type'] = 'text', digits?: number): TableColumn {
  return { label: w.label(key), type, ...(digits !== undefined ? { digits } : {}) };
}

export function table(
  id: string, title: string, columns: readonly TableColumn[], rows: readonly (readonly TableCell[])[],
  extra: { sheet?: string; highlight?: readonly number[]; note?: string } = {},
): TableBlock {
  return { kind: 'table', id, title, columns, rows, ...extra };
}

const num = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);

/** A number as an analyst writes it in running text. */
export function figure(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 1 ? 2 : 4 });
}

/** "more than", "about", "projection" from an observation's note. */
export function qualifierOf(o: Observation): 'more_than' | 'about' | 'projection' | '' {
  const note = (o.note ?? '').toLowerCase();
  if (note.startsWith('more than')) return 'more_than';
  if (note.startsWith('about')) return 'about';
  if (note.includes('projection')) return 'projection';
  return '';
}

/** A sentence stating an observation, with its footnote. */
export function observationRuns(w: Writer, o: Observation, withPlace = false): Run[] {
  const label = { zh: o.labelZh ?? o.labelEn ?? o.indicator, en: o.labelEn ?? o.labelZh ?? o.indicator };
  const firm = o.enterpriseId !== undefined ? w.input.enterprises.find((e) => e.id === o.enterpriseId)?.name ?? { zh: o.enterpriseId, en: o.enterpriseId } : undefined;
  const place = withPlace && o.region !== NATION_CODE ? w.place(o.region) : '';
  const named = {
    zh: `${place}${label.zh}${firm ? `（${firm.zh}）` : ''}`,
    en: `${place ? `${place}: ` : ''}${label.en}${firm ? ` (${firm.en})` : ''}`,
  };
  const text = w.say('report.say.observation', {
    labelZh: named.zh, labelEn: named.en, qualifier: qualifierOf(o), value: figure(o.value), unit: o.unit === 'rank' ? '' : o.unit, period: o.period,
  });
  const note = w.sourceNote(o);
  return [{ text, ...(note !== undefined ? { note } : {}) }];
}

// ── charts ────────────────────────────────────────────────────────────────

export const tierLabels = (w: Writer): Record<Tier, string> =>
  Object.fromEntries(TIER_ORDER.map((t) => [t, w.tier(t)])) as Record<Tier, string>;

export function chainMap(w: Writer): ChainMapChart {
  const { region, assessment } = w.input;
  return {
    kind: 'chain-map',
    root: w.t(assessment.framework.name),
    segments: region.segments.map((s) => ({
      name: w.t(s.name), tier: s.tier,
      links: region.links.filter((l) => l.segment === s.segment).map((l) => ({ name: w.t(l.name), tier: l.tier })),
    })),
    tiers: tierLabels(w),
  };
}

/** Regions of the level in a stable order: the assessed region's group first, then by code. */
function regionOrder(w: Writer): number[] {
  const { assessment } = w.input;
  return assessment.universe.regions.map((_, i) => i);
}

export function scoreHeatmap(w: Writer): HeatmapChart {
  const { assessment, region } = w.input;
  const L = assessment.links.measures.units.length;
  const order = regionOrder(w);
  const cells: [number, number, number][] = [];
  order.forEach((r, c) => {
    for (let l = 0; l < L; l++) cells.push([c, l, assessment.links.scores.score[r * L + l] ?? 0]);
  });
  const focus = order.findIndex((r) => assessment.universe.regions[r]?.code === region.region.code);
  return {
    kind: 'heatmap',
    columns: order.map((r) => w.t(assessment.universe.regions[r]?.short)),
    rows: assessment.framework.links.map((l) => w.t(l.name)),
    cells, min: 0, max: 1, valueName: w.label('score'), format: 'score',
    ...(focus >= 0 ? { highlightColumn: focus } : {}),
  };
}

export function segmentRankBar(w: Writer, segment: string): RankBarChart {
  const { assessment, region } = w.input;
  const S = assessment.segments.measures.units.length;
  const u = assessment.segments.measures.unitIndex.get(segment) ?? 0;
  const rows = assessment.universe.regions.map((r, i) => ({ code: r.code, name: w.t(r.short), value: assessment.segments.scores.score[i * S + u] ?? 0 }))
    .sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
  return {
    kind: 'rank-bar', categories: rows.map((r) => r.name), values: rows.map((r) => r.value),
    highlight: rows.findIndex((r) => r.code === region.region.code), valueName: w.label('score'),
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export function segmentRadar(w: Writer): RadarChart {
  const { assessment, region } = w.input;
  const S = assessment.segments.measures.units.length;
  const R = assessment.universe.regions.length;
  const columns = region.segments.map((_, u) => Array.from({ length: R }, (_, r) => assessment.segments.scores.score[r * S + u] ?? 0));
  return {
    kind: 'radar',
    indicators: region.segments.map((s) => ({ name: w.t(s.name), max: 1 })),
    series: [
      { name: w.t(region.region.short), values: region.segments.map((s) => s.score) },
      { name: w.label('nationMedian'), values: columns.map(median) },
      { name: w.label('nationBest'), values: columns.map((c) => Math.max(0, ...c)) },
    ],
  };
}

export function feasibilityScatter(w: Writer): ScatterChart {
  const { region } = w.input;
  return {
    kind: 'scatter', xName: w.label('density'), yName: w.label('nationalDemand'),
    points: region.feasibility.map((f) => ({ name: w.t(f.name), x: f.density, y: f.nationalDemand, group: w.t(Quadrant[f.quadrant]).replace(/[（(].*$/, '') })),
    xCut: region.densityCut, xCutName: w.label('densityCut'),
  };
}

export function seriesChart(w: Writer, s: ComputedIndicator): SeriesChart {
  return {
    kind: 'series', name: w.t(s.label), unit: s.unit,
    points: s.points.map((p) => ({ period: p.period, value: p.value, projected: p.projected })),
    annotation: w.say('report.say.series_annotation', {
      cagr: percent(s.cagr, 1), firstYear: s.first.year, lastYear: s.last.year, stated: s.stated ? `${s.stated.value}%` : '',
    }),
    projectedName: w.label('projected'),
  };
}

// ── indicators ────────────────────────────────────────────────────────────

/** The computed series relevant to the report: the nation's and the region's own. */
export function reportIndicators(w: Writer): ComputedIndicator[] {
  const code = w.input.region.region.code;
  return computeIndicators(w.input.observations).filter((s) => s.region === NATION_CODE || s.region === code);
}

/** The sentences on one series: its CAGR with the period, and the stated rate beside it. */
export function seriesRuns(w: Writer, s: ComputedIndicator): Run[] {
  const label = { zh: s.label.zh, en: s.label.en };
  const base = {
    labelZh: (s.region !== NATION_CODE ? w.place(s.region) : '') + label.zh, labelEn: label.en,
    first: figure(s.first.value), firstYear: s.first.year, last: figure(s.last.value), lastYear: s.last.year, unit: s.unit,
  };
  const runs: Run[] = [];
  const firstNote = w.sourceNote(s.first.observation);
  if (s.cagr === undefined) runs.push({ text: w.say('report.say.series_no_cagr', base), ...(firstNote !== undefined ? { note: firstNote } : {}) });
  else runs.push({ text: w.say('report.say.series', { ...base, cagr: percent(s.cagr, 1), years: s.years, projected: s.projected }), ...(firstNote !== undefined ? { note: firstNote } : {}) });
  if (s.stated && s.cagr !== undefined) {
    const note = w.sourceNote(s.stated.observation);
    runs.push({ text: ' ' });
    runs.push({
      text: w.say('report.say.series_stated', {
        stated: `${s.stated.value}%`, computed: percent(s.cagr, 2), differs: s.difference !== undefined,
        difference: fixed(Math.abs(s.difference ?? 0), 2), source: s.stated.observation.source ?? '—',
      }),
      strong: s.difference !== undefined,
      ...(note !== undefined ? { note } : {}),
    });
  }
  return runs;
}

export function indicatorTable(w: Writer, series: readonly ComputedIndicator[]): TableBlock {
  return table('computed-indicators', w.label('sheetIndicators'), [
    column(w, 'indicator'), column(w, 'label'), column(w, 'region'), column(w, 'unit'), column(w, 'firstPeriod'), column(w, 'firstValue', 'number'),
    column(w, 'lastPeriod'), column(w, 'lastValue', 'number'), column(w, 'years', 'integer'), column(w, 'cagrComputed', 'percent', 2),
    column(w, 'cagrStated', 'percent', 1), column(w, 'difference', 'number', 2), column(w, 'note'),
  ], series.map((s) => [
    s.indicator, w.t(s.label), w.place(s.region), s.unit, s.first.period, s.first.value, s.last.period, s.last.value, s.years, num(s.cagr),
    s.stated ? s.stated.value / 100 : null, num(s.difference),
    [s.projected ? w.label('projected') : '', ...s.growth.map((g) => w.say('report.say.growth_step', { fromYear: g.from.year, toYear: g.to.year, rate: percent(g.rate, 1) }))]
      .filter(Boolean).join(w.lang === 'zh' ? '；' : '; '),
  ]), { sheet: w.label('sheetIndicators') });
}

// ── tables that are also sheets ──────────────────────────────────────────

/** The link's local suppliers with roles; the first 40 (an Excel cell holds at most 32,767 characters). */
const roleList = (w: Writer, l: LinkAssessment) =>
  l.suppliers.slice(0, 40).map((s) => `${w.t(s.name)}（${w.t(Role[s.role])}）`).join(w.lang === 'zh' ? '；' : '; ')
  + (l.suppliers.length > 40 ? (w.lang === 'zh' ? `；等${l.suppliers.length}家` : `; and ${l.suppliers.length - 40} more`) : '');

export function matrixTable(w: Writer): TableBlock {
  const { region } = w.input;
  return table('assessment-matrix', w.label('sheetMatrix'), [
    column(w, 'linkId'), column(w, 'link'), column(w, 'segment'), column(w, 'position'), column(w, 'tier'), column(w, 'score', 'number', 3),
    column(w, 'rankNation', 'integer'), column(w, 'rankGroup', 'integer'), column(w, 'rank'), column(w, 'suppliers', 'integer'),
    column(w, 'benchmarkSuppliers', 'integer'), column(w, 'nationSuppliers', 'integer'), column(w, 'share', 'percent', 1), column(w, 'rca', 'number', 2),
    column(w, 'rcaNation', 'number', 2), column(w, 'leaders', 'integer'), column(w, 'nationLeaders', 'integer'), column(w, 'demand', 'integer'),
    column(w, 'nationalDemand', 'integer'), column(w, 'localSupply', 'percent', 0), column(w, 'delivered', 'integer'), column(w, 'domesticShare', 'percent', 0),
    column(w, 'domesticSource'), column(w, 'density', 'number', 3), column(w, 'quadrant'), column(w, 'roles'),
  ], region.links.map((l) => [
    l.link, w.t(l.name), w.t(region.segments.find((s) => s.segment === l.segment)?.name), w.t(Position[l.position as keyof typeof Position]),
    w.tier(l.tier), l.score, l.ranks.score?.nation?.rank ?? null, l.ranks.score?.group?.rank ?? null, w.rank(l.ranks.score),
    l.metrics.suppliers, l.metrics.benchmarkSuppliers, l.metrics.nationSuppliers, l.metrics.share, l.metrics.rca, l.metrics.rcaNation,
    l.metrics.leaders, l.metrics.nationLeaders, l.metrics.demand, l.metrics.nationalDemand, num(l.metrics.localSupply), l.metrics.delivered,
    num(l.domesticShare.value), l.domesticShare.source === 'observation' ? l.domesticShare.observation?.indicator ?? '' : l.domesticShare.source,
    l.relatedness.density[l.relatedness.proximity], w.t(Quadrant[l.relatedness.quadrant]), roleList(w, l),
  ]), { sheet: w.label('sheetMatrix') });
}

export function scoresTable(w: Writer): TableBlock {
  const { assessment } = w.input;
  const L = assessment.links.measures.units.length;
  return table('scores-by-region', w.label('sheetScores'), [
    column(w, 'regionCode'), column(w, 'region'), ...assessment.framework.links.map((l) => ({ label: w.t(l.name), type: 'number' as const, digits: 3 })),
  ], assessment.universe.regions.map((r, i) => [
    r.code, w.t(r.short), ...assessment.framework.links.map((_, l) => assessment.links.scores.score[i * L + l] ?? 0),
  ]), { sheet: w.label('sheetScores'), highlight: [assessment.universe.regions.findIndex((r) => r.code === w.input.region.region.code)] });
}

const RANKED: readonly Metric[] = ['score', 'suppliers', 'share', 'rca', 'leaders', 'demand', 'localSupply', 'delivered', 'density'];

export function ranksTable(w: Writer): TableBlock {
  const { region } = w.input;
  const rows: TableCell[][] = [];
  const metricName = (m: Metric) => ({ score: L.score, suppliers: L.suppliers, share: L.share, rca: L.rca, leaders: L.leaders, demand: L.demand, localSupply: L.localSupply, delivered: L.delivered, density: L.density })[m][w.lang];
  for (const unit of [...region.segments.map((s) => ({ id: s.segment, name: s.name, ranks: s.ranks })), ...region.links.map((l) => ({ id: l.link, name: l.name, ranks: l.ranks }))]) {
    for (const metric of RANKED) {
      const rank = unit.ranks[metric];
      if (!rank) continue;
      rows.push([unit.id, w.t(unit.name), metricName(metric), rank.nation?.rank ?? null, rank.nation?.of ?? null, rank.nation?.tied ?? null,
        rank.group?.rank ?? null, rank.group?.of ?? null, w.rank(rank)]);
    }
  }
  return table('ranks', w.label('sheetRanks'), [
    column(w, 'linkId'), column(w, 'link'), column(w, 'metric'), column(w, 'rankNation', 'integer'), column(w, 'of', 'integer'), column(w, 'tied', 'integer'),
    column(w, 'rankGroup', 'integer'), column(w, 'of', 'integer'), column(w, 'rank'),
  ], rows, { sheet: w.label('sheetRanks') });
}

export function recommendationTable(w: Writer, recs: readonly Recommendation[], id = 'recommendations', sheet = true): TableBlock {
  return table(id, w.label('sheetRecommendations'), [
    column(w, 'kind'), column(w, 'linkId'), column(w, 'link'), column(w, 'tier'), column(w, 'score', 'number', 2), column(w, 'demand', 'integer'),
    column(w, 'nationalDemand', 'integer'), column(w, 'recommendation'), column(w, 'rule'),
  ], recs.map((r) => [
    w.t(RecommendationKind[r.kind]), r.link, w.t(r.name), w.tier(r.evidence.tier), r.evidence.score, r.evidence.demand, r.evidence.nationalDemand, w.t(r.text), r.rule,
  ]), sheet ? { sheet: w.label('sheetRecommendations') } : {});
}

/** Targets of recommendations: the full sheet, or (`compact`) the columns a printed page has room for. */
export function targetTable(
  w: Writer, recs: readonly Recommendation[], options: { id?: string; sheet?: boolean; limit?: number; compact?: boolean } = {},
): TableBlock {
  const { id = 'targets', sheet = true, limit = Infinity, compact = false } = options;
  const rows = recs.flatMap((r) => (r.targets ?? []).slice(0, limit).map((t) => {
    const row: TableCell[] = [w.t(r.name), t.rank, w.t(t.name), w.place(t.region), t.leader ? w.label('yes') : w.label('no'), t.casesOnLink, t.ties.cases, t.closeness, t.score];
    return compact ? row : [w.t(RecommendationKind[r.kind]), ...row, w.t(t.reason)];
  }));
  const columns = [
    column(w, 'link'), column(w, 'targetRank', 'integer'), column(w, 'enterprise'), column(w, 'headquarters'), column(w, 'leader'),
    column(w, 'casesOnLink', 'integer'), column(w, 'ties', 'integer'), column(w, 'closeness', 'number', 2), column(w, 'score', 'number', 2),
  ];
  return table(id, w.label('sheetTargets'), compact ? columns : [column(w, 'kind'), ...columns, column(w, 'reason')], rows,
    sheet ? { sheet: w.label('sheetTargets') } : {});
}

export function industryName(w: Writer, code: string | undefined): string {
  if (!code) return w.label('unknown');
  const sections = w.input.assessment.framework.industries?.sections ?? [];
  for (const s of sections) {
    if (s.code === code) return w.t(s.name);
    const d = s.divisions.find((x) => x.code === code);
    if (d) return w.t(d.name);
  }
  return code;
}

export function casesTable(w: Writer): TableBlock {
  const rows: TableCell[][] = [];
  for (const { case: c, components } of w.input.cases) {
    const title = w.t({ zh: c.titleZh ?? c.titleEn ?? c.id, en: c.titleEn ?? c.titleZh ?? c.id });
    const place = c.customerCity ?? c.customerProvince;
    const base: TableCell[] = [c.id, title, c.customer ?? '', w.place(place), industryName(w, c.industryCode), c.year ?? null, c.source ?? ''];
    if (components.length === 0) rows.push([...base, '', '', '', '', '', '']);
    for (const k of components) {
      rows.push([...base, k.link, w.linkName(k.link), w.t(k.supplier) || k.supplierName || w.label('unknown'),
        w.t(ComponentRole[k.role]),
        w.place(k.supplierCity ?? k.supplierProvince), k.evidence ?? '']);
    }
  }
  return table('cases-components', w.label('sheetCases'), [
    column(w, 'caseId'), column(w, 'caseTitle'), column(w, 'customer'), column(w, 'region'), column(w, 'industry'), column(w, 'year', 'integer'), column(w, 'source'),
    column(w, 'linkId'), column(w, 'link'), column(w, 'supplier'), column(w, 'role'), column(w, 'headquarters'), column(w, 'evidence'),
  ], rows, { sheet: w.label('sheetCases') });
}

export function observationsTable(w: Writer): TableBlock {
  return table('observations', w.label('sheetObservations'), [
    column(w, 'indicator'), column(w, 'label'), column(w, 'region'), column(w, 'link'), column(w, 'enterprise'), column(w, 'period'),
    column(w, 'value', 'number', 2), column(w, 'unit'), column(w, 'note'), column(w, 'source'),
  ], w.input.observations.map((o) => [
    o.indicator, w.t({ zh: o.labelZh ?? o.indicator, en: o.labelEn ?? o.indicator }), w.place(o.region), o.link ? w.linkName(o.link) : '',
    o.enterpriseId ? w.t(w.input.enterprises.find((e) => e.id === o.enterpriseId)?.name) || o.enterpriseId : '',
    o.period, o.value, o.unit, o.note ?? '', o.source ?? '',
  ]), { sheet: w.label('sheetObservations') });
}

const ENTITY_WORDS: Readonly<Record<string, Text>> = {
  enterprises: { zh: '企业', en: 'enterprises' }, offerings: { zh: '供给', en: 'offerings' }, cases: { zh: '案例', en: 'cases' },
  components: { zh: '方案构成', en: 'components' }, observations: { zh: '观测', en: 'observations' },
};

export function sourcesTable(w: Writer): TableBlock {
  const entities = Object.keys(ENTITY_WORDS);
  return table('sources', w.label('sheetSources'), [
    column(w, 'source'), column(w, 'sourceKind'), ...entities.map((e) => ({ label: w.t(ENTITY_WORDS[e]), type: 'integer' as const })), column(w, 'records', 'integer'),
  ], w.input.sources.map((s) => [
    s.source, s.kind ?? '', ...entities.map((e) => s.records[e] ?? 0), Object.values(s.records).reduce((t, x) => t + x, 0),
  ]), { sheet: w.label('sheetSources') });
}

export function frameworkTable(w: Writer): TableBlock {
  const { region, assessment } = w.input;
  return table('framework', w.label('sheetFramework'), [
    column(w, 'segment'), column(w, 'linkId'), column(w, 'link'), column(w, 'position'), column(w, 'tier'), column(w, 'suppliers', 'integer'), column(w, 'nationSuppliers', 'integer'),
  ], region.links.map((l) => [
    w.t(assessment.framework.segments.find((s) => s.id === l.segment)?.name), l.link, w.t(l.name), w.t(Position[l.position as keyof typeof Position]),
    w.tier(l.tier), l.metrics.suppliers, l.metrics.nationSuppliers,
  ]), { sheet: w.label('sheetFramework') });
}

/** The method appendix: formulas with the weights and cut points in force. */
export function methodBlocks(w: Writer): Block[] {
  const c = w.input.assessment.config;
  const inputName = (k: keyof typeof c.weights) => ({ suppliers: L.suppliers, rca: L.rca, leaders: L.leaders, delivered: L.delivered, localSupply: L.localSupply })[k][w.lang];
  const weights = (Object.keys(c.weights) as (keyof typeof c.weights)[]).map((k) => `${inputName(k)} ${fixed(c.weights[k])}`);
  const cut = c.relatedness.densityCut;
  const proximity = ProximityKind[w.input.assessment.proximity];
  return [
    para(w.say('report.say.method_score', { weightsZh: weights.join('、'), weightsEn: weights.join(', ') })),
    para(w.say('report.say.method_tiers', { adequate: fixed(c.tiers.adequate), strong: fixed(c.tiers.strong) })),
    para(w.say('report.say.method_rca')),
    para(w.say('report.say.method_density', {
      threshold: fixed(c.specialisationThreshold, 1),
      cutZh: `${cut === 'median' ? '本地区各环节关联密度的中位数' : fixed(cut)}（${proximity.zh}）`,
      cutEn: `${cut === 'median' ? "the median of the region's densities" : fixed(cut)} (${proximity.en})`,
    })),
    para(w.say('report.say.method_targets', {
      leader: fixed(c.targets.weights.leader), cases: fixed(c.targets.weights.cases), ties: fixed(c.targets.weights.ties), closeness: fixed(c.targets.weights.closeness),
    })),
    para(w.say('report.say.method_cagr')),
  ];
}

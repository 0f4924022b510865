/**
 * The report document of one region, in one language, from the assessment and
 * its records. Two outlines:
 *
 *   default        follows the published analysis of Jiangxi's industrial internet chain:
 *                  summary of findings → background and national status (observations,
 *                  growth and CAGR) → the chain framework → one section per segment
 *                  (region vs nation: suppliers, leaders, cases, indicators, tier, rank) →
 *                  recommendations (general, per segment, with targets) → appendices
 *                  (cases and their decomposition, data sources, method and formulas)
 *   chain-leader   the "four maps, five lists" of the chain-leader system (chain-leader.ts)
 *
 * Every sentence is a catalog message filled with the figures of the input; nothing
 * is pasted from elsewhere. Pure: plain data in, a ReportDocument out.
 */
import type { Lang } from '../model/index.js';
import { ComponentRole, NATION_CODE, Position, messages, pick } from '../model/index.js';
import { ROLE_ORDER, RECOMMENDATION_ORDER, RecommendationKind, Role, Tier, fixed, percent, type SegmentAssessment } from '../assess/index.js';
import type { Block, ReportDocument, Run, Section, TableBlock } from './document.js';
import type { Outline } from './document.js';
import {
  Writer, casesTable, chainMap, column, feasibilityScatter, figure, frameworkTable, indicatorTable, industryName, matrixTable, methodBlocks,
  observationRuns, observationsTable, para, ranksTable, recommendationTable, reportIndicators, scoreHeatmap, scoresTable, segmentRadar,
  segmentRankBar, seriesChart, seriesRuns, sourcesTable, table, targetTable,
} from './report-parts.js';
import type { ReportInput } from './report-input.js';
import { buildChainLeaderSections, chainLeaderSheets } from './chain-leader.js';

export interface BuildReportOptions {
  readonly lang: Lang;
  readonly outline?: Outline;
  /** Cases shown in the appendix (all are in the workbook). */
  readonly caseLimit?: number;
}

/** Names listed in running text before "and N more". */
const NAMES_SHOWN = 24;

const section = (id: string, number: string, title: string, blocks: readonly Block[], sections: readonly Section[] = []): Section =>
  ({ id, number, title, blocks, sections });

// ── 1 summary ─────────────────────────────────────────────────────────────

function segmentTable(w: Writer, id: string): TableBlock {
  const { region } = w.input;
  return table(id, w.label('segment'), [
    column(w, 'segment'), column(w, 'tier'), column(w, 'score', 'number', 2), column(w, 'rank'), column(w, 'completeness', 'percent', 0),
    column(w, 'suppliers', 'integer'), column(w, 'nationSuppliers', 'integer'), column(w, 'demand', 'integer'),
  ], region.segments.map((s) => [
    w.t(s.name), w.tier(s.tier), s.score, w.rank(s.ranks.score) || '—', s.completeness, s.metrics.suppliers, s.metrics.nationSuppliers, s.metrics.demand,
  ]));
}

function summarySection(w: Writer): Section {
  const { region } = w.input;
  const sorted = [...region.segments].sort((a, b) => b.score - a.score || a.segment.localeCompare(b.segment));
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  const blocks: Block[] = [para(w.t(region.summary))];
  if (best && worst && best !== worst) {
    const one = (s: SegmentAssessment) => ({ name: s.name, score: fixed(s.score), tier: Tier[s.tier], rank: w.both((x) => x.rank(s.ranks.score)) });
    const b = one(best);
    const x = one(worst);
    blocks.push(para(w.say('report.say.segment_extremes', {
      bestZh: b.name.zh, bestEn: b.name.en, bestScore: b.score, bestTierZh: b.tier.zh, bestTierEn: b.tier.en, bestRankZh: b.rank.zh, bestRankEn: b.rank.en,
      worstZh: x.name.zh, worstEn: x.name.en, worstScore: x.score, worstTierZh: x.tier.zh, worstTierEn: x.tier.en, worstRankZh: x.rank.zh, worstRankEn: x.rank.en,
    })));
  }
  const names = (ids: readonly string[]) => ({ zh: ids.map((id) => pick(linkNameText(w, id), 'zh')).join('、'), en: ids.map((id) => pick(linkNameText(w, id), 'en')).join(', ') });
  const strong = region.links.filter((l) => l.tier === 'strong').map((l) => l.link);
  const items: Run[][] = [];
  for (const [kind, ids] of [['strong', strong], ['broken', region.health.broken], ['short', region.health.short], ['weak', region.health.weak]] as const) {
    const n = names(ids);
    items.push([{ text: w.say('report.say.key_links', { kind, count: ids.length, namesZh: n.zh, namesEn: n.en }) }]);
  }
  const cut = w.input.assessment.config.recommend.substituteBelow;
  const low = region.links.filter((l) => l.domesticShare.value !== undefined && l.domesticShare.value < cut);
  items.push([{
    text: w.say('report.say.key_substitute', {
      count: low.length, cut: percent(cut),
      itemsZh: low.map((l) => `${l.name.zh}（${percent(l.domesticShare.value)}）`).join('、'),
      itemsEn: low.map((l) => `${l.name.en} (${percent(l.domesticShare.value)})`).join(', '),
    }),
  }]);
  const count = (k: RecommendationKind) => region.recommendations.filter((r) => r.kind === k).length;
  items.push([{ text: w.say('report.say.key_recommendations', { fill: count('fill'), cultivate: count('cultivate'), substitute: count('substitute'), strengthen: count('strengthen'), extend: count('extend') }) }]);
  blocks.push({ kind: 'list', items });
  blocks.push(segmentTable(w, 'summary-segments'));
  blocks.push({
    kind: 'chart', id: 'segment-radar', title: `${w.t(region.region.short)} · ${w.label('score')}`, chart: segmentRadar(w),
    caption: w.say('report.say.radar', { regionZh: region.region.short.zh, regionEn: region.region.short.en }),
  });
  return section('summary', '1', w.label('summary'), blocks);
}

const linkNameText = (w: Writer, id: string) => w.input.assessment.framework.links.find((l) => l.id === id)?.name ?? { zh: id, en: id };

// ── 2 background ──────────────────────────────────────────────────────────

function backgroundSection(w: Writer): Section {
  const { region, observations, assessment, sources } = w.input;
  const nation = observations.filter((o) => o.region === NATION_CODE && !/cagr$/i.test(o.indicator));
  const series = reportIndicators(w);
  const intro = para(w.say('report.say.data_basis', {
    regionZh: region.region.short.zh, regionEn: region.region.short.en, segments: assessment.framework.segments.length, links: assessment.framework.links.length,
    nationSuppliers: region.links.reduce((t, l) => t + l.metrics.nationSuppliers, 0), cases: w.input.caseTotal ?? w.input.cases.length,
    observations: observations.length, sources: sources.length,
  }));
  // General figures (no link) first, then those on links in framework order.
  const order = new Map(assessment.framework.links.map((l, i) => [l.id, i]));
  const ordered = [...nation].sort((a, b) => (a.link === undefined ? -1 : order.get(a.link) ?? 999) - (b.link === undefined ? -1 : order.get(b.link) ?? 999));
  const national = section('national', '2.1', w.label('national'), [{ kind: 'list', items: ordered.map((o) => observationRuns(w, o)) }]);
  const growthBlocks: Block[] = [];
  for (const s of series) {
    growthBlocks.push(para(...seriesRuns(w, s)));
    growthBlocks.push({ kind: 'chart', id: `series-${s.key.replace(/\W+/g, '-')}`, title: `${w.t(s.label)}（${s.unit}）`, chart: seriesChart(w, s) });
  }
  if (series.length > 0) growthBlocks.push(indicatorTable(w, series));
  const growth = section('growth', '2.2', w.label('growth'), growthBlocks);
  const facts = region.facts.map((f): Run[] => {
    const note = w.sourceNote({ ...(f.source !== undefined ? { source: f.source } : {}), ...(f.note !== undefined ? { note: f.note } : {}) });
    return [{ text: w.t(f.text), ...(note !== undefined ? { note } : {}) }];
  });
  const regional = section('regional', '2.3', `${w.label('regional')}：${w.t(region.region.short)}`.replace('：', w.lang === 'zh' ? '：' : ': '),
    facts.length > 0 ? [{ kind: 'list', items: facts }] : [para(w.label('noData'))]);
  return section('background', '2', w.label('background'), [intro], [national, growth, regional]);
}

// ── 3 framework ───────────────────────────────────────────────────────────

function frameworkSection(w: Writer): Section {
  const { assessment, region } = w.input;
  const fw = assessment.framework;
  const by = (p: keyof typeof Position) => fw.links.filter((l) => l.position === p).length;
  const blocks: Block[] = [
    para(w.say('report.say.framework', {
      segments: fw.segments.length, links: fw.links.length, upstream: by('upstream'), midstream: by('midstream'), downstream: by('downstream'),
      nameZh: fw.name.zh, nameEn: fw.name.en,
    })),
    { kind: 'chart', id: 'chain-map', title: `${w.label('chainMap')} · ${w.t(region.region.short)}`, chart: chainMap(w) },
    frameworkTable(w),
    {
      kind: 'chart', id: 'score-heatmap', title: `${w.label('sheetScores')}`, chart: scoreHeatmap(w),
      caption: w.say('report.say.heatmap', { regions: assessment.universe.regions.length, links: fw.links.length, regionZh: region.region.short.zh, regionEn: region.region.short.en }),
    },
  ];
  const sub: Section[] = fw.views.map((view, i) => section(`view-${view.id}`, `3.${i + 1}`, `${w.label('views')}：${w.t(view.name)}`.replace('：', w.lang === 'zh' ? '：' : ': '), [
    para(w.say('report.say.view', { viewZh: view.name.zh, viewEn: view.name.en, layers: view.layers.length })),
    table(`view-${view.id}-table`, w.t(view.name), [column(w, 'layer'), column(w, 'links')],
      view.layers.map((layer) => [w.t(layer.name), w.join(layer.links.map((id) => w.linkName(id)), 99)])),
  ]));
  return section('framework', '3', w.label('framework'), blocks, sub);
}

// ── 4… segments ───────────────────────────────────────────────────────────

function segmentSection(w: Writer, s: SegmentAssessment, number: string): Section {
  const { region, enterprises, observations } = w.input;
  const links = region.links.filter((l) => l.segment === s.segment);
  const ids = new Set(links.map((l) => l.link));
  const m = s.metrics;
  const rank = w.both((x) => x.rank(s.ranks.score));
  const blocks: Block[] = [para(w.say('report.say.segment', {
    regionZh: region.region.short.zh, regionEn: region.region.short.en, suppliers: m.suppliers, nation: m.nationSuppliers,
    present: links.filter((l) => l.metrics.suppliers > 0).length, links: links.length, score: fixed(s.score), tierZh: Tier[s.tier].zh, tierEn: Tier[s.tier].en,
    rankZh: rank.zh, rankEn: rank.en, demand: m.demand,
    nationalDemand: m.nationalDemand, localSupply: percent(m.localSupply), leaders: m.leaders, nationLeaders: m.nationLeaders,
  }))];
  blocks.push(table(`segment-${s.segment}-links`, w.t(s.name), [
    column(w, 'link'), column(w, 'tier'), column(w, 'score', 'number', 2), column(w, 'rankNation'), column(w, 'suppliers', 'integer'),
    column(w, 'nationSuppliers', 'integer'), column(w, 'leaders', 'integer'), column(w, 'nationLeaders', 'integer'), column(w, 'demand', 'integer'),
    column(w, 'nationalDemand', 'integer'), column(w, 'localSupply', 'percent', 0), column(w, 'domesticShare', 'percent', 0),
  ], links.map((l) => [
    w.t(l.name), w.tier(l.tier), l.score, l.tier === 'missing' ? '—' : w.rank(l.ranks.score) || '—', l.metrics.suppliers, l.metrics.nationSuppliers,
    l.metrics.leaders, l.metrics.nationLeaders, l.metrics.demand, l.metrics.nationalDemand, l.metrics.localSupply ?? null, l.domesticShare.value ?? null,
  ])));

  // Suppliers and leaders.
  const local = new Map<string, { name: { zh: string; en: string }; role: (typeof ROLE_ORDER)[number] }>();
  for (const l of links) {
    for (const e of l.suppliers) {
      const seen = local.get(e.id);
      if (!seen || ROLE_ORDER.indexOf(e.role) < ROLE_ORDER.indexOf(seen.role)) local.set(e.id, { name: e.name, role: e.role });
    }
  }
  const localList = [...local.values()].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.zh.localeCompare(b.name.zh, 'zh'));
  const people: Block[] = [para(w.say('report.say.segment_local', {
    count: localList.length,
    // At national scale a segment has thousands of local firms: the first ones by role, and how many in all.
    namesZh: localList.slice(0, NAMES_SHOWN).map((e) => `${e.name.zh}（${Role[e.role].zh}）`).join('、') + (localList.length > NAMES_SHOWN ? `等${localList.length}家` : ''),
    namesEn: localList.slice(0, NAMES_SHOWN).map((e) => `${e.name.en} (${Role[e.role].en})`).join(', ') + (localList.length > NAMES_SHOWN ? ` and ${localList.length - NAMES_SHOWN} more` : ''),
  }))];
  const leaders = enterprises.filter((e) => e.leader && e.links.some((l) => ids.has(l)))
    .map((e) => ({ e, cases: e.links.filter((l) => ids.has(l)).reduce((t, l) => t + (e.casesByLink[l] ?? 0), 0) }))
    .sort((a, b) => b.cases - a.cases || a.e.id.localeCompare(b.e.id)).slice(0, 12);
  const placed = leaders.map(({ e }) => ({ name: e.name, place: w.both((x) => x.place(e.province, e.originCountry)) }));
  people.push(para(w.say('report.say.segment_leaders', {
    count: leaders.length,
    namesZh: placed.map((e) => `${e.name.zh}（${e.place.zh}）`).join('、'),
    namesEn: placed.map((e) => `${e.name.en} (${e.place.en})`).join(', '),
  })));

  // Cases and indicators.
  const cases = w.input.cases.filter((c) => c.components.some((k) => ids.has(k.link)));
  const title = (c: (typeof cases)[number], lang: Lang) => (lang === 'zh' ? c.case.titleZh ?? c.case.titleEn : c.case.titleEn ?? c.case.titleZh) ?? c.case.id;
  const evidence: Block[] = [para(w.say('report.say.segment_cases', {
    count: cases.length, titlesZh: cases.slice(0, 8).map((c) => `“${title(c, 'zh')}”`).join('、'), titlesEn: cases.slice(0, 8).map((c) => `"${title(c, 'en')}"`).join(', '),
  }))];
  const onSegment = (o: { link?: string; indicator: string }) => (o.link !== undefined && ids.has(o.link)) || (o.link === undefined && o.indicator.startsWith(`${s.segment}.`));
  const facts = region.facts.filter(onSegment);
  const factKeys = new Set(facts.map((f) => `${f.indicator}\u0000${f.region}\u0000${f.period}`));
  const nationalFigures = observations.filter((o) => onSegment(o) && o.region === NATION_CODE && !/cagr$/i.test(o.indicator)
    && !factKeys.has(`${o.indicator}\u0000${o.region}\u0000${o.period}`));
  const series = reportIndicators(w).filter((x) => onSegment({ indicator: x.indicator, ...(x.link !== undefined ? { link: x.link } : {}) }));
  const items: Run[][] = [
    ...facts.map((f): Run[] => {
      const note = w.sourceNote({ ...(f.source !== undefined ? { source: f.source } : {}), ...(f.note !== undefined ? { note: f.note } : {}) });
      return [{ text: w.t(f.text), ...(note !== undefined ? { note } : {}) }];
    }),
    ...nationalFigures.map((o) => observationRuns(w, o)),
    ...series.map((x) => seriesRuns(w, x)),
  ];
  evidence.push(para(w.say('report.say.segment_indicators', { count: items.length })));
  if (items.length > 0) evidence.push({ kind: 'list', items });
  evidence.push({
    kind: 'chart', id: `segment-${s.segment}-ranks`, title: `${w.t(s.name)} · ${w.label('score')}`, chart: segmentRankBar(w, s.segment),
    caption: w.say('report.say.rank_bar', {
      regionZh: region.region.short.zh, regionEn: region.region.short.en,
      rankZh: rank.zh, rankEn: rank.en,
    }),
  });
  return section(`segment-${s.segment}`, number, w.t(s.name), blocks, [
    section(`segment-${s.segment}-suppliers`, `${number}.1`, w.label('suppliersAndLeaders'), people),
    section(`segment-${s.segment}-evidence`, `${number}.2`, w.label('casesAndIndicators'), evidence),
  ]);
}

// ── recommendations ───────────────────────────────────────────────────────

function recommendationsSection(w: Writer, number: string): Section {
  const { region, assessment } = w.input;
  const weakest = [...region.health.segments].sort((a, b) => a.completeness - b.completeness || a.segment.localeCompare(b.segment))[0];
  const weakName = assessment.framework.segments.find((s) => s.id === weakest?.segment)?.name ?? { zh: '—', en: '—' };
  const general: Block[] = [para(w.say('report.say.general_completeness', {
    completeness: percent(region.health.completeness), present: region.health.present, links: region.health.links, weakZh: weakName.zh, weakEn: weakName.en,
  }))];
  const items: Run[][] = [];
  for (const kind of RECOMMENDATION_ORDER) {
    const recs = region.recommendations.filter((r) => r.kind === kind);
    if (recs.length === 0) continue;
    items.push([{ text: w.say('report.say.general', { kind, count: recs.length, namesZh: recs.map((r) => r.name.zh).join('、'), namesEn: recs.map((r) => r.name.en).join(', ') }) }]);
  }
  if (items.length > 0) general.push({ kind: 'list', items });
  if (region.feasibility.length > 0) {
    general.push({
      kind: 'chart', id: 'feasibility', title: `${w.label('density')} × ${w.label('attractiveness')}`, chart: feasibilityScatter(w),
      caption: w.say('report.say.scatter', { count: region.feasibility.length, cut: fixed(region.densityCut) }),
    });
  }
  const perSegment = assessment.framework.segments.map((s, i) => {
    const recs = region.recommendations.filter((r) => r.segment === s.id);
    const blocks: Block[] = recs.length === 0 ? [para(w.say('report.say.no_recommendations'))]
      : [{ kind: 'list', items: recs.map((r) => [{ text: w.lang === 'zh' ? `【${RecommendationKind[r.kind].zh}】` : `[${RecommendationKind[r.kind].en}] `, strong: true }, { text: w.t(r.text) }]) }];
    const withTargets = recs.filter((r) => (r.targets ?? []).length > 0 && (r.kind === 'fill' || r.kind === 'extend'));
    if (withTargets.length > 0) {
      blocks.push({ ...targetTable(w, withTargets, { id: `targets-${s.id}`, sheet: false, limit: 5, compact: true }), title: `${w.t(s.name)} · ${w.label('targets')}` });
    }
    return section(`recommendations-${s.id}`, `${number}.2.${i + 1}`, w.t(s.name), blocks);
  });
  return section('recommendations', number, w.label('recommendations'), [], [
    section('recommendations-general', `${number}.1`, w.label('general'), general),
    section('recommendations-segments', `${number}.2`, w.label('perSegment'), [], perSegment),
  ]);
}


// ── appendices ────────────────────────────────────────────────────────────

function caseSections(w: Writer, limit: number): Section[] {
  return w.input.cases.slice(0, limit).map(({ case: c, components }, i) => {
    const suppliers = new Set(components.map((k) => k.supplierId ?? k.supplierName ?? '?'));
    const links = new Set(components.map((k) => k.link));
    const place = w.both((x) => x.place(c.customerCity ?? c.customerProvince));
    const industry = w.both((x) => industryName(x, c.industryCode));
    const blocks: Block[] = [para(w.say('report.say.case', {
      customer: c.customer ?? '', placeZh: place.zh, placeEn: place.en, industryZh: industry.zh, industryEn: industry.en,
      year: c.year !== undefined ? String(c.year) : '—', components: components.length, links: links.size, suppliers: suppliers.size, source: c.source ?? '—',
    }))];
    if (c.outcomes.length > 0) {
      blocks.push({ kind: 'list', items: c.outcomes.map((o) => [{ text: `${w.t({ zh: o.kpiZh ?? o.kpiEn ?? '', en: o.kpiEn ?? o.kpiZh ?? '' })} ${o.change > 0 ? '+' : ''}${figure(o.change)}${o.unit}` }]) });
    }
    blocks.push(table(`case-${i + 1}`, w.t({ zh: c.titleZh ?? c.id, en: c.titleEn ?? c.id }), [
      column(w, 'link'), column(w, 'supplier'), column(w, 'headquarters'), column(w, 'role'), column(w, 'evidence'),
    ], components.map((k) => [
      w.linkName(k.link), w.t(k.supplier) || k.supplierName || w.label('unknown'), w.place(k.supplierCity ?? k.supplierProvince),
      w.t(ComponentRole[k.role]), k.evidence ?? '',
    ])));
    return section(`case-${i + 1}`, `A.${i + 1}`, w.t({ zh: c.titleZh ?? c.titleEn ?? c.id, en: c.titleEn ?? c.titleZh ?? c.id }), blocks);
  });
}

function appendixSection(w: Writer, caseLimit: number): Section {
  const total = w.input.caseTotal ?? w.input.cases.length;
  const shown = Math.min(caseLimit, w.input.cases.length);
  return section('appendix', '', w.label('appendix'), [], [
    section('appendix-cases', 'A', w.label('cases'), [para(w.say('report.say.cases_shown', { shown, total }))], caseSections(w, caseLimit)),
    section('appendix-sources', 'B', w.label('sources'), [para(w.say('report.say.sources', { count: w.input.sources.length })), sourcesTable(w)]),
    section('appendix-method', 'C', w.label('method'), methodBlocks(w)),
  ]);
}

// ── the document ──────────────────────────────────────────────────────────

export function buildReport(input: ReportInput, options: BuildReportOptions): ReportDocument {
  const lang = options.lang;
  const outline = options.outline ?? 'default';
  const w = new Writer(lang, input);
  const { region, assessment } = input;
  const caseLimit = options.caseLimit ?? 100;
  let sections: Section[];
  let sheets: TableBlock[];
  if (outline === 'chain-leader') {
    sections = buildChainLeaderSections(w);
    sheets = chainLeaderSheets(w);
  } else {
    const segments = region.segments.map((s, i) => segmentSection(w, s, String(4 + i)));
    const recNumber = String(4 + region.segments.length);
    sections = [summarySection(w), backgroundSection(w), frameworkSection(w), ...segments, recommendationsSection(w, recNumber), appendixSection(w, caseLimit)];
    sheets = [
      matrixTable(w), scoresTable(w), ranksTable(w), recommendationTable(w, region.recommendations), targetTable(w, region.recommendations),
      casesTable(w), observationsTable(w), indicatorTable(w, reportIndicators(w)), sourcesTable(w), frameworkTable(w),
    ];
  }
  const title = messages['report.title']({ regionZh: region.region.name.zh, regionEn: region.region.name.en, chainZh: assessment.framework.name.zh, chainEn: assessment.framework.name.en });
  return {
    lang, outline,
    title: pick(title, lang),
    subtitle: pick(messages['report.subtitle']({ outline }), lang),
    meta: [w.say('report.meta', {
      level: region.level, benchmarkZh: region.benchmark.label.zh, benchmarkEn: region.benchmark.label.en, date: input.date,
      observations: input.observations.length, cases: input.caseTotal ?? input.cases.length, enterprises: region.totals.enterprises,
    }), ...(input.dataLabel ? [input.dataLabel] : [])],
    region: { code: region.region.code, name: w.t(region.region.name) },
    sections,
    footnotes: w.footnotes(),
    sheets,
    labels: { contents: w.label('contents'), notes: w.label('notes'), page: w.label('page'), chart: w.label('chart'), table: w.label('table') },
  };
}

/**
 * The report document model on the default dataset: the outline of the published
 * analysis (and of the chain-leader format), and the numbers in it checked
 * against the assessment output and the observations it was built from — never
 * against figures typed into the test.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from '../src/model/index.js';
import { RecommendationKind, Tier, describeRank, fixed, percent } from '../src/assess/index.js';
import {
  allSections, blocksOf, buildReport, compoundGrowth, computeIndicators, renderChartSvg, type ReportDocument, type ReportInput, type TableBlock,
} from '../src/report/index.js';
import { L } from '../src/report/report-vocab.js';
import { defaultReportInput } from './report-fixture.js';

let input: ReportInput;
let close: () => void;
let zh: ReportDocument;
let en: ReportDocument;

before(async () => {
  ({ input, close } = await defaultReportInput());
  zh = buildReport(input, { lang: 'zh' });
  en = buildReport(input, { lang: 'en' });
});
after(() => close());

const text = (doc: ReportDocument) => allSections(doc.sections).flatMap((s) => [s.title, ...s.blocks.flatMap((b) =>
  b.kind === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : b.kind === 'list' ? b.items.map((i) => i.map((r) => r.text).join('')) : [])]).join('\n');
const sheet = (doc: ReportDocument, name: string): TableBlock => {
  const found = doc.sheets.find((s) => s.sheet === name);
  assert.ok(found, `sheet ${name}`);
  return found;
};

test('default outline: summary, background, framework, one section per segment, recommendations, appendices', () => {
  const top = zh.sections.map((s) => s.id);
  const segments = input.region.segments.map((s) => `segment-${s.segment}`);
  assert.deepEqual(top, ['summary', 'background', 'framework', ...segments, 'recommendations', 'appendix']);
  assert.deepEqual(zh.sections.map((s) => s.number), ['1', '2', '3', ...segments.map((_, i) => String(4 + i)), String(4 + segments.length), '']);
  const ids = allSections(zh.sections).map((s) => s.id);
  for (const id of ['national', 'growth', 'regional', 'recommendations-general', 'recommendations-segments', 'appendix-cases', 'appendix-sources', 'appendix-method']) {
    assert.ok(ids.includes(id), id);
  }
  assert.equal(zh.sections[0]?.title, L.summary.zh);
  assert.equal(en.sections[0]?.title, L.summary.en);
  for (const [i, s] of input.region.segments.entries()) assert.equal(zh.sections[3 + i]?.title, s.name.zh);
  // One appendix section per case, and the title names the region.
  assert.equal(allSections(zh.sections).filter((s) => /^A\.\d+$/.test(s.number)).length, input.cases.length);
  assert.ok(zh.title.includes(input.region.region.name.zh));
});

test('summary and segment sections state the assessment\'s own figures', () => {
  const body = text(zh);
  assert.ok(body.includes(input.region.summary.zh), 'the assessment summary');
  const segmentTable = blocksOf(zh, 'table').find((t) => t.id === 'summary-segments');
  assert.ok(segmentTable);
  input.region.segments.forEach((s, i) => {
    const row = segmentTable.rows[i] ?? [];
    assert.equal(row[0], s.name.zh);
    assert.equal(row[1], Tier[s.tier].zh);
    assert.equal(row[2], s.score);
    assert.equal(row[4], s.completeness);
    assert.equal(row[5], s.metrics.suppliers);
    assert.equal(row[6], s.metrics.nationSuppliers);
  });
  for (const s of input.region.segments) {
    const section = zh.sections.find((x) => x.id === `segment-${s.segment}`);
    const first = section?.blocks[0];
    assert.equal(first?.kind, 'paragraph');
    const sentence = first?.kind === 'paragraph' ? first.runs.map((r) => r.text).join('') : '';
    assert.ok(sentence.includes(`本地供给企业${s.metrics.suppliers}家（全国${s.metrics.nationSuppliers}家）`), sentence);
    assert.ok(sentence.includes(`得分${fixed(s.score)}，档次${Tier[s.tier].zh}`), sentence);
    const rank = describeRank(s.ranks.score).zh;
    if (rank) assert.ok(sentence.includes(rank), `${sentence} has ${rank}`);
  }
  // Every link's tier in the summary lists comes from the assessment.
  const strong = input.region.links.filter((l) => l.tier === 'strong');
  assert.ok(body.includes(`较强环节${strong.length}个`));
  for (const l of strong) assert.ok(body.includes(l.name.zh));
});

test('workbook sheets carry the assessment: matrix, scores by region, ranks, recommendations, targets, cases, observations, sources', () => {
  const matrix = sheet(zh, L.sheetMatrix.zh);
  assert.equal(matrix.rows.length, input.region.links.length);
  input.region.links.forEach((l, i) => {
    const row = matrix.rows[i] ?? [];
    assert.equal(row[0], l.link);
    assert.equal(row[5], l.score);
    assert.equal(row[9], l.metrics.suppliers);
    assert.equal(row[13], l.metrics.rca);
  });
  const scores = sheet(zh, L.sheetScores.zh);
  const a = input.assessment;
  const L_ = a.framework.links.length;
  assert.equal(scores.rows.length, a.universe.regions.length);
  const r = a.universe.index.get(input.region.region.code) as number;
  assert.deepEqual(scores.rows[r]?.slice(2), a.framework.links.map((_, l) => a.links.scores.score[r * L_ + l]));
  assert.deepEqual(scores.highlight, [r]);
  const recs = sheet(zh, L.sheetRecommendations.zh);
  assert.equal(recs.rows.length, input.region.recommendations.length);
  assert.deepEqual(recs.rows.map((x) => x[0]), input.region.recommendations.map((x) => RecommendationKind[x.kind].zh));
  const targets = sheet(zh, L.sheetTargets.zh);
  assert.equal(targets.rows.length, input.region.recommendations.reduce((t, x) => t + (x.targets?.length ?? 0), 0));
  const cases = sheet(zh, L.sheetCases.zh);
  assert.equal(cases.rows.length, input.cases.reduce((t, c) => t + Math.max(1, c.components.length), 0));
  assert.equal(sheet(zh, L.sheetObservations.zh).rows.length, input.observations.length);
  assert.equal(sheet(zh, L.sheetSources.zh).rows.length, input.sources.length);
  const ranks = sheet(zh, L.sheetRanks.zh);
  const edge = input.region.links.find((l) => l.link === 'automation.edge');
  const edgeScore = ranks.rows.find((x) => x[0] === 'automation.edge' && x[2] === L.score.zh);
  assert.equal(edgeScore?.[3], edge?.ranks.score?.nation?.rank);
});

test('computed CAGR from the observation series, with the stated rate beside it and the difference said', () => {
  const series = computeIndicators(input.observations).find((s) => s.indicator === 'security.market_size' && s.region === 'CN');
  assert.ok(series, 'the security market size is a series');
  const points = input.observations.filter((o) => o.indicator === 'security.market_size').sort((x, y) => x.period.localeCompare(y.period));
  const first = points[0];
  const last = points[points.length - 1];
  assert.ok(first && last);
  const years = Number(last.period) - Number(first.period);
  assert.equal(series.years, years);
  assert.equal(series.cagr, compoundGrowth(first.value, last.value, years));
  assert.ok(Math.abs((series.cagr ?? 0) - ((last.value / first.value) ** (1 / years) - 1)) < 1e-12);
  const stated = input.observations.find((o) => o.indicator === 'security.market_cagr');
  assert.equal(series.stated?.value, stated?.value);
  assert.ok(series.difference !== undefined, 'computed and stated differ at the stated precision');
  assert.ok(Math.abs((series.difference ?? 0) - ((series.cagr ?? 0) * 100 - (stated?.value ?? 0))) < 1e-9);
  const growth = allSections(zh.sections).find((s) => s.id === 'growth');
  const said = growth?.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : [])).join('\n') ?? '';
  assert.ok(said.includes(`${first.period}—${last.period}年年均复合增长率为${percent(series.cagr, 1)}`), said);
  assert.ok(said.includes(`${stated?.value}%`) && said.includes(percent(series.cagr, 2)), 'both figures shown');
  assert.ok(said.includes(`相差${fixed(Math.abs(series.difference ?? 0), 2)}个百分点`), 'the difference is not hidden');
  const chart = blocksOf(zh, 'chart').find((c) => c.chart.kind === 'series' && c.chart.name.includes('网络安全'));
  assert.ok(chart, 'a time-series chart of the security market');
  // A projection is flagged, a zero start has no CAGR.
  const projected = computeIndicators(input.observations).find((s) => s.indicator === 'intelligence.market_size');
  assert.equal(projected?.projected, true);
  assert.equal(compoundGrowth(0, 5, 2), undefined);
});

test('footnotes carry the sources of the observations cited', () => {
  const runs = allSections(zh.sections).flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.runs] : b.kind === 'list' ? b.items : [])).flat());
  const cited = new Set(runs.flatMap((r) => (r.note !== undefined ? [r.note] : [])));
  assert.ok(cited.size > 0);
  assert.deepEqual([...cited].sort((a, b) => a - b), zh.footnotes.map((f) => f.number), 'every footnote is cited and every citation exists');
  for (const f of zh.footnotes) assert.match(f.text, /^来源：/);
});

test('chain-leader outline: four maps and five lists from the same assessment', () => {
  const doc = buildReport(input, { lang: 'zh', outline: 'chain-leader' });
  assert.deepEqual(doc.sections.map((s) => s.id), ['maps', 'lists']);
  assert.deepEqual(doc.sections[0]?.sections.map((s) => s.id), ['map-chain', 'map-distribution', 'map-application', 'map-technology']);
  assert.deepEqual(doc.sections[1]?.sections.map((s) => s.id), ['list-enterprises', 'list-projects', 'list-clusters', 'list-problems', 'list-policies']);
  const kinds = blocksOf(doc, 'chart').map((c) => c.chart.kind);
  assert.deepEqual(kinds, ['chain-map', 'heatmap', 'heatmap', 'heatmap', 'board']);
  const tables = new Map(blocksOf(doc, 'table').map((t) => [t.id, t]));
  const local = new Set(input.region.links.flatMap((l) => l.suppliers.map((s) => s.id)));
  assert.equal(tables.get('list-enterprises')?.rows.length, local.size);
  assert.equal(tables.get('list-projects')?.rows.length, input.cases.length);
  const h = input.region.health;
  assert.equal(tables.get('list-problems')?.rows.length, h.broken.length + h.short.length + h.weak.length);
  assert.equal(tables.get('list-policies-table')?.rows.length, input.region.recommendations.length);
  assert.ok(doc.sheets.some((s) => s.sheet === L.enterpriseList.zh) && doc.sheets.some((s) => s.sheet === L.problemList.zh));
});

test('English report: titles and generated sentences are English', () => {
  assert.equal(en.title, messages['report.title']({
    regionZh: input.region.region.name.zh, regionEn: input.region.region.name.en, chainZh: input.assessment.framework.name.zh, chainEn: input.assessment.framework.name.en,
  }).en);
  for (const s of allSections(en.sections)) {
    if (!/^A\.\d+$/.test(s.number)) assert.doesNotMatch(s.title, /[\u4e00-\u9fff]/, `${s.id}: ${s.title}`);
  }
  assert.ok(text(en).includes(input.region.summary.en));
});

test('every chart renders to SVG (ECharts server-side), without script', async () => {
  for (const doc of [zh, buildReport(input, { lang: 'en', outline: 'chain-leader' })]) {
    for (const c of blocksOf(doc, 'chart')) {
      const svg = (await renderChartSvg(c.chart)).svg;
      assert.match(svg, /^<svg[^>]+viewBox=/, c.id);
      assert.doesNotMatch(svg, /<script|<foreignObject/i, c.id);
    }
  }
});

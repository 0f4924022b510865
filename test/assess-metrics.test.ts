/**
 * The assessment's figures on the hand-built data of assess-fixture.ts. Every
 * expected value is worked out here by hand from the fixture's rows (the
 * comments show the arithmetic); none is copied from the code's output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_ASSESS_CONFIG, aggregateRows, runAssessment, type Assessment, type LinkAssessment, type RegionAssessment,
} from '../src/assess/index.js';
import { BJ, FRAMEWORK, HB, HN, JX, ROWS } from './assess-fixture.js';

const EPS = 1e-12;
const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= EPS, `${what}: ${actual} ≠ ${expected}`);

const input = aggregateRows(FRAMEWORK, 'province', ROWS);
const assessment: Assessment = runAssessment(input, { framework: FRAMEWORK, focus: [JX, BJ, HB, HN] });
const view = (code: string): RegionAssessment => assessment.focus.find((f) => f.region.code === code) as RegionAssessment;
const cell = (code: string, link: string): LinkAssessment => view(code).links.find((l) => l.link === link) as LinkAssessment;

// Supplier matrix (distinct enterprises by headquarters; e6 has none and is left out):
//        a1 a2 b1 | total
//   JX    2  1  0 |   3
//   HB    0  1  1 |   2
//   BJ    1  0  2 |   3
//   HN    1  0  0 |   1
//   N     4  2  3 |   9
test('suppliers, share and the location quotient follow the Balassa form over supplier-link pairs', () => {
  assert.equal(cell(JX, 'a1').metrics.suppliers, 2);
  assert.equal(cell(JX, 'a1').metrics.nationSuppliers, 4);
  assert.equal(cell(JX, 'a1').metrics.unlocatedSuppliers, 1, 'e6 is reported apart');
  close(cell(JX, 'a1').metrics.share, 2 / 4, 'share JX a1');
  close(cell(JX, 'a1').metrics.rca, (2 / 3) / (4 / 9), 'rca JX a1 = 3/2');
  close(cell(JX, 'a2').metrics.rca, (1 / 3) / (2 / 9), 'rca JX a2 = 3/2');
  assert.equal(cell(JX, 'b1').metrics.rca, 0, 'no supplier: rca 0');
  close(cell(HB, 'a2').metrics.rca, (1 / 2) / (2 / 9), 'rca HB a2 = 9/4');
  close(cell(HB, 'b1').metrics.rca, (1 / 2) / (3 / 9), 'rca HB b1 = 3/2');
  close(cell(BJ, 'a1').metrics.rca, (1 / 3) / (4 / 9), 'rca BJ a1 = 3/4');
  close(cell(BJ, 'b1').metrics.rca, (2 / 3) / (3 / 9), 'rca BJ b1 = 2');
  close(cell(HN, 'a1').metrics.rca, (1 / 1) / (4 / 9), 'rca HN a1 = 9/4');
  // A region with nothing: 0, never NaN.
  assert.equal(view(JX).links.every((l) => Number.isFinite(l.metrics.rca)), true);
  assert.equal(cell(JX, 'a1').metrics.leaders, 0);
  assert.equal(cell(HB, 'b1').metrics.leaders, 1, 'e3');
  assert.equal(cell(BJ, 'b1').metrics.leaders, 1, 'e5 (e4 is no leader)');
});

test('demand, local supply (unknown suppliers apart), delivered cases and domestic share', () => {
  // JX's cases: c1 {a1 e1, a2 e3, b1 unnamed}, c2 {a1 e2}.
  assert.equal(cell(JX, 'a1').metrics.demand, 2);
  assert.equal(cell(JX, 'a2').metrics.demand, 1);
  assert.equal(cell(JX, 'b1').metrics.demand, 1);
  assert.equal(cell(JX, 'a1').metrics.nationalDemand, 3, 'c1 c2 c3');
  assert.equal(cell(JX, 'b1').metrics.nationalDemand, 3, 'c1 c3 c4 (c4 has no known customer region)');
  assert.equal(cell(JX, 'a1').metrics.localSupply, 1, 'e1 and e2 are local: 2/2');
  assert.equal(cell(JX, 'a2').metrics.localSupply, 0, 'e3 is from Hubei: 0/1');
  assert.equal(cell(JX, 'b1').metrics.localSupply, undefined, 'only an unnamed supplier: no rate');
  assert.deepEqual(cell(JX, 'b1').metrics.components, { local: 0, outside: 0, unknown: 1 });
  assert.equal(cell(BJ, 'a1').metrics.localSupply, 0, "c3's a1 comes from e1 in Jiangxi");
  assert.equal(cell(JX, 'a1').metrics.delivered, 3, 'c1 (e1), c2 (e2), c3 (e1)');
  assert.equal(cell(BJ, 'b1').metrics.delivered, 2, 'c3 (e4), c4 (e5)');
  // b1 components: c1 unnamed (unknown), c3 e4 DE (foreign), c4 e5 CN (domestic) → 1/2.
  const b1 = cell(JX, 'b1').domesticShare;
  assert.equal(b1.source, 'components');
  assert.equal(b1.value, 1 / 2);
  assert.deepEqual(b1.components, { domestic: 1, foreign: 1, unknown: 1, share: 1 / 2 });
  // a1 has a sourced foreign share of 90 %: the observation wins over the components (all CN).
  const a1 = cell(JX, 'a1').domesticShare;
  assert.equal(a1.source, 'observation');
  close(a1.value as number, 1 - 0.9, 'domestic share a1');
  assert.equal(a1.components.share, 1);
});

// Scores, default weights suppliers .35, rca .15, leaders .2, delivered .15, local supply .15.
// Maxima over regions: suppliers a1 2, a2 1, b1 2; leaders a1 0, a2 1, b1 1; delivered a1 3, a2 1, b1 2.
test('scores: log-scaled counts, rca/(1+rca), local supply rate, absent inputs spread; tiers at 0.3 and 0.55', () => {
  const ln = Math.log;
  const w = DEFAULT_ASSESS_CONFIG.weights;
  assert.deepEqual(w, { suppliers: 0.35, rca: 0.15, leaders: 0.2, delivered: 0.15, localSupply: 0.15 });
  // JX a1: ln3/ln3 = 1; rca 3/2 → 0.6; leaders max 0 → 0; delivered ln4/ln4 = 1; local supply 1.
  close(cell(JX, 'a1').score, 0.35 * 1 + 0.15 * 0.6 + 0.2 * 0 + 0.15 * 1 + 0.15 * 1, 'JX a1 = 0.74');
  assert.equal(cell(JX, 'a1').tier, 'strong');
  // JX a2: 1; 0.6; leaders 0 of 1; delivered 1 of 1 (c4 by e2); local supply 0.
  close(cell(JX, 'a2').score, 0.35 + 0.15 * 0.6 + 0 + 0.15 * 1 + 0.15 * 0, 'JX a2 = 0.59');
  assert.equal(cell(JX, 'a2').tier, 'strong');
  // JX b1: nothing, local supply absent → 0 and missing.
  assert.equal(cell(JX, 'b1').score, 0);
  assert.equal(cell(JX, 'b1').tier, 'missing');
  // BJ a1: ln2/ln3; rca 3/4 → 3/7; leaders 0; delivered 0; local supply 0.
  close(cell(BJ, 'a1').score, 0.35 * (ln(2) / ln(3)) + 0.15 * (3 / 7), 'BJ a1 ≈ 0.2851');
  assert.equal(cell(BJ, 'a1').tier, 'weak');
  // HN a1: ln2/ln3; rca 9/4 → 9/13; no cases, so local supply is absent and the weights sum to 0.85.
  close(cell(HN, 'a1').score, (0.35 * (ln(2) / ln(3)) + 0.15 * (9 / 13)) / 0.85, 'HN a1 ≈ 0.382');
  assert.equal(cell(HN, 'a1').tier, 'adequate');
  // HB a2: 1; 9/13; 1; 1 (c1 by e3); local supply absent.
  close(cell(HB, 'a2').score, (0.35 + 0.15 * (9 / 13) + 0.2 + 0.15) / 0.85, 'HB a2 ≈ 0.9457');
  // BJ b1: 1; rca 2 → 2/3; 1; 1; local supply 1 (c3 by e4).
  close(cell(BJ, 'b1').score, 0.35 + 0.15 * (2 / 3) + 0.2 + 0.15 + 0.15, 'BJ b1 = 0.95');
  // The breakdown says the same, input by input.
  const hn = cell(HN, 'a1').breakdown;
  const local = hn.find((b) => b.input === 'localSupply');
  assert.equal(local?.effectiveWeight, 0);
  assert.equal(local?.raw, undefined);
  close(hn.reduce((t, b) => t + b.contribution, 0), cell(HN, 'a1').score, 'contributions sum to the score');
  close(hn.find((b) => b.input === 'suppliers')?.effectiveWeight as number, 0.35 / 0.85, 'spread weight');
});

test('ranks: competition ranking with ties, nationally (31 provinces) and within the NBS group', () => {
  // Score on a1: JX 0.74, HN 0.382, BJ 0.285, the 28 others 0.
  const jx = cell(JX, 'a1').ranks.score;
  assert.deepEqual(jx?.nation, { rank: 1, of: 31, tied: 1 });
  assert.deepEqual(cell(HN, 'a1').ranks.score?.nation, { rank: 2, of: 31, tied: 1 });
  assert.deepEqual(cell(BJ, 'a1').ranks.score?.nation, { rank: 3, of: 31, tied: 1 });
  assert.deepEqual(cell(HB, 'a1').ranks.score?.nation, { rank: 4, of: 31, tied: 28 });
  // Central: Shanxi, Anhui, Jiangxi, Henan, Hubei, Hunan → JX 1st, HN 2nd, four tied at 0 share 3rd.
  assert.equal(jx?.group?.group, 'central');
  assert.deepEqual({ rank: jx?.group?.rank, of: jx?.group?.of, tied: jx?.group?.tied }, { rank: 1, of: 6, tied: 1 });
  const hb = cell(HB, 'a1').ranks.score?.group;
  assert.deepEqual({ rank: hb?.rank, of: hb?.of, tied: hb?.tied }, { rank: 3, of: 6, tied: 4 });
  // Suppliers on a1: JX 2; BJ and HN 1 (tied 2nd); 28 at 0 share 4th.
  assert.deepEqual(cell(BJ, 'a1').ranks.suppliers?.nation, { rank: 2, of: 31, tied: 2 });
  assert.deepEqual(cell(HN, 'a1').ranks.suppliers?.nation, { rank: 2, of: 31, tied: 2 });
  assert.equal(cell(JX, 'a1').scoreRankText.en, '1st of 6 in central, 1st of 31 nationwide');
  assert.equal(cell(HB, 'a1').scoreRankText.en, '=3rd of 6 in central (4 tied), =4th of 31 nationwide (28 tied)');
  assert.equal(cell(HB, 'a1').scoreRankText.zh, '中部6个中并列第3（4个并列），全国31个中并列第4（28个并列）');
  // Local supply is ranked only among regions that have a rate: JX 1, BJ 0 on a1.
  assert.deepEqual(cell(JX, 'a1').ranks.localSupply?.nation, { rank: 1, of: 2, tied: 1 });
  assert.deepEqual(cell(BJ, 'a1').ranks.localSupply?.nation, { rank: 2, of: 2, tied: 1 });
});

// M (rca >= 1): JX a1 a2; HB a2 b1; BJ b1; HN a1. Ubiquity: a1 2, a2 2, b1 2.
// φ(a1,a2) = 1 (JX) / 2; φ(a1,b1) = 0 / 2; φ(a2,b1) = 1 (HB) / 2. Diagonal 0 (py-ecomplexity).
test('relatedness: co-location proximity and density as in py-ecomplexity, plus case and offering proximities', () => {
  const r = assessment.relatedness;
  const L = 3;
  const phi = (p: Float64Array, a: number, b: number) => p[a * L + b];
  assert.deepEqual(Array.from(r.ubiquity), [2, 2, 2]);
  assert.deepEqual([phi(r.proximity.colocation, 0, 1), phi(r.proximity.colocation, 0, 2), phi(r.proximity.colocation, 1, 2)], [0.5, 0, 0.5]);
  assert.deepEqual([phi(r.proximity.colocation, 0, 0), phi(r.proximity.colocation, 1, 1)], [0, 0], 'diagonal 0');
  // d(JX,a1) = (M a2·½ + M b1·0) / (½ + 0) = 1; d(JX,a2) = (½ + 0) / (½ + ½) = ½; d(JX,b1) = (0·0 + 1·½) / (0 + ½) = 1.
  assert.deepEqual(Object.values(view(JX).links.map((l) => l.relatedness.density.colocation)), [1, 0.5, 1]);
  // BJ (M: b1): a1 0/½ = 0; a2 (½)/1 = ½; b1 (a1 0·0 + a2 0·½)/½ = 0.
  assert.deepEqual(view(BJ).links.map((l) => l.relatedness.density.colocation), [0, 0.5, 0]);
  // Cases: c1 {a1 a2 b1}, c2 {a1}, c3 {a1 b1}, c4 {a2 b1}: needing a1 3, a2 2, b1 3; both a1a2 1, a1b1 2, a2b1 2.
  // φc(a1,a2) = 1/max(3,2); φc(a1,b1) = 2/max(3,3); φc(a2,b1) = 2/max(2,3).
  assert.deepEqual([phi(r.proximity.cases, 0, 1), phi(r.proximity.cases, 0, 2), phi(r.proximity.cases, 1, 2)], [1 / 3, 2 / 3, 2 / 3]);
  // Offerings: a1 by e1 e2 e4 e6 e7 (5), a2 by e2 e3 (2), b1 by e3 e4 e5 (3); both a1a2 e2, a1b1 e4, a2b1 e3.
  assert.deepEqual([phi(r.proximity.offerings, 0, 1), phi(r.proximity.offerings, 0, 2), phi(r.proximity.offerings, 1, 2)], [1 / 5, 1 / 5, 1 / 3]);
  // Case density of b1 for JX: (1·⅔ + 1·⅔) / (⅔ + ⅔) = 1; of a1: (1·⅓ + 0·⅔) / (⅓ + ⅔) = ⅓.
  close(cell(JX, 'b1').relatedness.density.cases, 1, 'case density JX b1');
  close(cell(JX, 'a1').relatedness.density.cases, 1 / 3, 'case density JX a1');
  // Quadrants for JX: median density of [1, ½, 1] is 1.
  assert.equal(view(JX).densityCut, 1);
  assert.deepEqual(view(JX).links.map((l) => l.relatedness.quadrant), ['strength', 'weakness', 'opportunity']);
});

test('segments roll the counts up with distinct enterprises and cases', () => {
  const a = view(JX).segments.find((s) => s.segment === 'A');
  const b = view(JX).segments.find((s) => s.segment === 'B');
  // Segment suppliers: JX A {e1 e2} 2, B 0; HB A 1, B 1; BJ A 1, B 2; HN A 1 → N = 8, A 5, B 3.
  assert.equal(a?.metrics.suppliers, 2);
  assert.equal(a?.metrics.nationSuppliers, 5);
  close(a?.metrics.rca as number, (2 / 2) / (5 / 8), 'rca JX A = 8/5');
  assert.equal(a?.metrics.demand, 2, 'c1 and c2');
  assert.equal(b?.metrics.demand, 1);
  assert.equal(a?.completeness, 1);
  assert.equal(b?.completeness, 0);
  assert.equal(b?.tier, 'missing');
});

test('chain health and roles', () => {
  const h = view(JX).health;
  close(h.completeness, 2 / 3, 'JX completeness');
  assert.deepEqual([h.broken, h.short, h.weak, h.missing], [['b1'], ['a2'], [], ['b1']]);
  assert.deepEqual(view(BJ).health.weak, ['a1']);
  // e1: 1 link, 2 cases on a1 (c1, c3) → backbone. e2: 2 links, 1 case on a1 → specialised.
  assert.deepEqual(cell(JX, 'a1').suppliers.map((s) => [s.id, s.role]), [['e1', 'backbone'], ['e2', 'specialised']]);
  // e5: leader that leads c4 → chain leader. e4: 2 links, no case on a1 → supporting; 1 case on b1 → specialised.
  assert.deepEqual(cell(BJ, 'b1').suppliers.map((s) => [s.id, s.role]), [['e5', 'chain_leader'], ['e4', 'specialised']]);
  assert.deepEqual(cell(BJ, 'a1').suppliers.map((s) => [s.id, s.role]), [['e4', 'supporting']]);
  // e3: leader, leads nothing, 2 links → backbone.
  assert.deepEqual(cell(HB, 'b1').suppliers.map((s) => [s.id, s.role]), [['e3', 'backbone']]);
});

test('recommendations follow the rules, and fill targets are ranked with their reasons', () => {
  const recs = view(JX).recommendations.map((r) => [r.kind, r.link]);
  assert.deepEqual(recs, [['fill', 'b1'], ['substitute', 'a1'], ['strengthen', 'a1'], ['strengthen', 'a2']]);
  const fill = view(JX).recommendations[0];
  assert.deepEqual(fill?.evidence.cases.map((c) => c.id), ['c1']);
  // Candidates on b1 outside JX: e3 (HB, leader, 0 cases on b1, tie via c1 with e1), e4 (BJ, 1 case, tie via c3 with e1),
  // e5 (BJ, leader, 1 case, tie via c4 with e2). Max cases 1, max ties 1.
  // Closeness = mean JX density over its links: e3 (a2 ½, b1 1) ¾; e4 (a1 1, b1 1) 1; e5 (b1) 1.
  // Score = .3 leader + .3 ln(1+cases)/ln2 + .25 ln(1+ties)/ln2 + .15 closeness:
  //   e5 .3 + .3 + .25 + .15 = 1; e4 0 + .3 + .25 + .15 = .7; e3 .3 + 0 + .25 + .1125 = .6625.
  const targets = fill?.targets ?? [];
  assert.deepEqual(targets.map((t) => t.id), ['e5', 'e4', 'e3']);
  close(targets[0]?.score as number, 1, 'e5');
  close(targets[1]?.score as number, 0.7, 'e4');
  close(targets[2]?.score as number, 0.6625, 'e3');
  assert.deepEqual(targets[2]?.ties.partners.map((p) => p.id), ['e1']);
  assert.match(targets[0]?.reason.en ?? '', /^#1 \(score 1\.00\): E5 Co \(Beijing\), a leader, 1 national case/);
  assert.match(targets[0]?.reason.zh ?? '', /^第1位（得分1\.00）：戊公司（北京），龙头企业/);
  // The generated text carries the figures.
  assert.match(fill?.text.en ?? '', /0 local supplier\(s\) \(3 nationwide\), tier missing; 1 local and 3 national case\(s\)/);
  const substitute = view(JX).recommendations[1];
  assert.match(substitute?.text.en ?? '', /domestic share 10% \(observation software\.x\.foreign_share: foreign share 90% \(a lower bound\)/);
});

test('observations: sourced ranks are shown as stated, figures ranked among regions with data', () => {
  const facts = view(JX).facts;
  const sourced = facts.find((f) => f.indicator === 'ident.construction_rank');
  assert.equal(sourced?.kind, 'sourced_rank');
  assert.deepEqual(sourced?.sourcedRanks?.map((s) => [s.within, s.rank, s.of]), [['central', 1, 6], ['nation', 9, 31]]);
  assert.equal(sourced?.text.en, 'construction ranking: 1st of 6 in central, 9th of 31 nationwide (as sourced, not recomputed: test §1)');
  const nodes = facts.find((f) => f.indicator === 'ident.secondary_nodes');
  // JX 13, HB 13, HN 5: JX and HB tie for 1st of 3 (nation and central alike).
  assert.deepEqual(nodes?.rank?.nation, { rank: 1, of: 3, tied: 2 });
  close(nodes?.national?.share as number, 13 / 284, 'share of the nation');
  assert.deepEqual(cell(HN, 'b1').metrics.suppliers, 0);
});

test('benchmark: specialisation against the central region (the assessed region always in it)', () => {
  const central = runAssessment(input, { framework: FRAMEWORK, focus: [JX, BJ], benchmark: { kind: 'group', group: 'central' } });
  const jx = central.focus[0] as RegionAssessment;
  // Central suppliers: JX (2,1,0), HB (0,1,1), HN (1,0,0): a1 3, a2 2, b1 1; total 6.
  const a1 = jx.links[0] as LinkAssessment;
  assert.equal(a1.metrics.benchmarkSuppliers, 3);
  close(a1.metrics.share, 2 / 3, 'share of central');
  close(a1.metrics.rca, (2 / 3) / (3 / 6), 'rca vs central = 4/3');
  close(a1.metrics.rcaNation, 3 / 2, 'rca vs nation unchanged');
  // Beijing is not central: its benchmark is central plus itself: a1 3 + 1, total 6 + 3.
  const bj = central.focus[1]?.links[0] as LinkAssessment;
  assert.equal(bj.metrics.benchmarkSuppliers, 4);
  close(bj.metrics.rca, (1 / 3) / (4 / 9), 'rca BJ vs central ∪ BJ');
  assert.equal(jx.benchmark.label.en, 'the central region');
});

test('city level: cities are the regions, municipalities stand for their own city', () => {
  const city = runAssessment(aggregateRows(FRAMEWORK, 'city', ROWS), { framework: FRAMEWORK, focus: ['360100', BJ] });
  const nanchang = city.focus[0] as RegionAssessment;
  assert.equal(nanchang.links[0]?.metrics.suppliers, 1, 'e1 only (e2 is in Jiujiang)');
  assert.equal(nanchang.links[0]?.metrics.demand, 1, 'c1 (c2 has no customer city)');
  assert.equal(city.focus[1]?.links[2]?.metrics.suppliers, 2, 'Beijing at city level: e4, e5');
  assert.equal(nanchang.links[0]?.ranks.score?.group?.group, JX, 'a city ranks within its province');
});

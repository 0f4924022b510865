/**
 * Properties of the assessment over random data (fast-check, seeded), the
 * documented bad-input behaviour, the config edge and scenarios.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Framework, Link } from '../src/model/index.js';
import {
  DEFAULT_ASSESS_CONFIG, aggregateRows, applyScenario, parseAssessConfig, parseAssumption, rankValues, rankTargets, runAssessment,
  runScenario, type AssessmentRows, type Assumption, type RegionAssessment, type SupplierRow,
} from '../src/assess/index.js';
import { provinces } from '../src/regions/index.js';
import { BJ, FRAMEWORK, HB, JX, ROWS } from './assess-fixture.js';

const SEED = 20240601;
const PROVINCES = provinces().filter((p) => p.group).map((p) => p.code);

const rowsArbitrary = fc.record({
  suppliers: fc.array(fc.record({
    enterprise: fc.integer({ min: 0, max: 40 }), link: fc.constantFrom('a1', 'a2', 'b1'), province: fc.constantFrom(...PROVINCES.slice(0, 8)),
  }), { maxLength: 60 }),
  leaders: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 10 }),
  components: fc.array(fc.record({
    case: fc.integer({ min: 0, max: 15 }), link: fc.constantFrom('a1', 'a2', 'b1'), supplier: fc.option(fc.integer({ min: 0, max: 40 })),
    customer: fc.option(fc.constantFrom(...PROVINCES.slice(0, 8))),
  }), { maxLength: 40 }),
});

interface Generated {
  suppliers: { enterprise: number; link: string; province: string }[];
  leaders: number[];
  components: { case: number; link: string; supplier: number | null; customer: string | null }[];
}

/** Plain rows from generated data: an enterprise keeps the province of its first row. */
function rowsOf(g: Generated): AssessmentRows {
  const home = new Map<number, string>();
  for (const s of g.suppliers) if (!home.has(s.enterprise)) home.set(s.enterprise, s.province);
  const leaders = new Set(g.leaders);
  const ids = [...new Set([...home.keys(), ...g.components.flatMap((c) => (c.supplier === null ? [] : [c.supplier]))])];
  return {
    enterprises: ids.map((i) => ({ id: `g${i}`, nameEn: `G${i}`, leader: leaders.has(i), originCountry: i % 3 === 0 ? 'US' : 'CN', ...(home.has(i) ? { province: home.get(i) } : {}) })),
    suppliers: g.suppliers.map((s) => ({ enterpriseId: `g${s.enterprise}`, link: s.link, province: home.get(s.enterprise), leader: leaders.has(s.enterprise) })),
    components: g.components.map((c) => ({
      caseId: `k${c.case}`, link: c.link, ...(c.customer ? { customerProvince: c.customer } : {}), ...(c.supplier !== null ? { supplierId: `g${c.supplier}` } : {}),
      role: 'component_supplier' as const,
    })),
    observations: [],
  };
}

test('property: every score is in [0, 1] and every figure is finite', () => {
  fc.assert(fc.property(rowsArbitrary, (g) => {
    const a = runAssessment(aggregateRows(FRAMEWORK, 'province', rowsOf(g as Generated)), { framework: FRAMEWORK, focus: PROVINCES.slice(0, 3) });
    for (const score of a.links.scores.score) assert.ok(score >= 0 && score <= 1);
    for (const score of a.segments.scores.score) assert.ok(score >= 0 && score <= 1);
    for (const view of a.focus) {
      for (const l of view.links) {
        for (const v of [l.metrics.rca, l.metrics.share, l.score, ...Object.values(l.relatedness.density)]) assert.ok(Number.isFinite(v));
        assert.ok(l.metrics.share <= 1);
      }
    }
  }), { seed: SEED, numRuns: 150 });
});

test('property: adding a supplier in R never lowers R\'s suppliers, share or leaders, and R is no longer missing there', () => {
  fc.assert(fc.property(rowsArbitrary, fc.constantFrom('a1', 'a2', 'b1'), fc.constantFrom(...PROVINCES.slice(0, 8)), fc.boolean(), (g, link, region, leader) => {
    const rows = rowsOf(g as Generated);
    const added: SupplierRow = { enterpriseId: 'new-one', link, province: region, leader };
    const more: AssessmentRows = {
      ...rows, suppliers: [...rows.suppliers, added], enterprises: [...rows.enterprises, { id: 'new-one', province: region, leader, originCountry: 'CN' }],
    };
    const before = runAssessment(aggregateRows(FRAMEWORK, 'province', rows), { framework: FRAMEWORK, focus: [region] }).focus[0] as RegionAssessment;
    const after = runAssessment(aggregateRows(FRAMEWORK, 'province', more), { framework: FRAMEWORK, focus: [region] }).focus[0] as RegionAssessment;
    before.links.forEach((b, i) => {
      const a = after.links[i];
      assert.ok(a);
      assert.ok(a.metrics.suppliers >= b.metrics.suppliers);
      assert.ok(a.metrics.leaders >= b.metrics.leaders);
      assert.ok(a.metrics.share >= b.metrics.share - 1e-12, `share ${b.metrics.share} → ${a.metrics.share}`);
      if (b.link === link) {
        assert.equal(a.metrics.suppliers, b.metrics.suppliers + 1);
        assert.notEqual(a.tier, 'missing');
      }
    });
  }), { seed: SEED, numRuns: 150 });
});

test('the location quotient is not monotone in a region\'s own suppliers (documented in docs/metrics.md)', () => {
  // R has one supplier, on L; the nation has 2 on L and 10 pairs: rca = (1/1)/(2/10) = 5.
  // One more in R on L: (2/2)/(3/11) = 11/3 < 5. Specialisation saturates: R was already all L.
  const framework: Framework = FRAMEWORK;
  const base: SupplierRow[] = [
    { enterpriseId: 'r1', link: 'a1', province: JX, leader: false },
    { enterpriseId: 'o1', link: 'a1', province: HB, leader: false },
    ...Array.from({ length: 8 }, (_, i): SupplierRow => ({ enterpriseId: `o${i + 2}`, link: i % 2 ? 'a2' : 'b1', province: BJ, leader: false })),
  ];
  const rows = (suppliers: SupplierRow[]): AssessmentRows => ({ suppliers, components: [], observations: [], enterprises: suppliers.map((s) => ({ id: s.enterpriseId, province: s.province, leader: false })) });
  const rca = (suppliers: SupplierRow[]) => (runAssessment(aggregateRows(framework, 'province', rows(suppliers)), { framework, focus: [JX] }).focus[0]?.links[0]?.metrics.rca ?? Number.NaN);
  assert.equal(rca(base), 5);
  assert.ok(Math.abs(rca([...base, { enterpriseId: 'r2', link: 'a1', province: JX, leader: false }]) - 11 / 3) < 1e-12);
});

test('property: ranks — position is a permutation, rank = 1 + strictly better, ties share a rank', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }), (values) => {
    const codes = values.map((_, i) => String(i).padStart(3, '0'));
    const t = rankValues(values, codes);
    const positions = Array.from(t.position).sort((a, b) => a - b);
    assert.deepEqual(positions, values.map((_, i) => i + 1));
    values.forEach((v, i) => {
      assert.equal(t.rank[i], 1 + values.filter((w) => w > v).length);
      assert.equal(t.tied[i], values.filter((w) => w === v).length);
      assert.ok((t.rank[i] as number) <= (t.position[i] as number));
    });
    assert.equal(t.of, values.length);
  }), { seed: SEED, numRuns: 300 });
});

test('bad input: a region with no data is all missing, with a note and no NaN', () => {
  const a = runAssessment(aggregateRows(FRAMEWORK, 'province', ROWS), { framework: FRAMEWORK, focus: ['540000'] });
  const tibet = a.focus[0] as RegionAssessment;
  assert.deepEqual(tibet.links.map((l) => l.tier), ['missing', 'missing', 'missing']);
  assert.equal(tibet.health.completeness, 0);
  assert.ok(tibet.notes.some((n) => n.code === 'assess.region_no_data'));
  assert.ok(!JSON.stringify(tibet).includes('null'), 'no NaN or null in the view');
  assert.ok(tibet.links.every((l) => l.relatedness.quadrant === 'threat'), 'density 0 everywhere is not "related"');
  assert.ok(!tibet.recommendations.some((r) => r.kind === 'extend'));
  // Nothing is needed there, so nothing is filled; b1 and a1 are needed nationally → fill from the national universe.
  assert.ok(tibet.recommendations.filter((r) => r.kind === 'fill').every((r) => r.evidence.demand === 0 && r.evidence.nationalDemand >= 1));
});

test('bad input: a link with no supplier anywhere gives rca 0, share 0, tier missing everywhere and no targets', () => {
  const c9: Link = { id: 'c9', segment: 'B', name: { zh: '空', en: 'empty' }, position: 'upstream', scope: { zh: '', en: '' }, keywords: [], negatives: [] };
  const framework: Framework = { ...FRAMEWORK, links: [...FRAMEWORK.links, c9] };
  const input = aggregateRows(framework, 'province', ROWS);
  const a = runAssessment(input, { framework, focus: [JX] });
  const empty = a.focus[0]?.links.find((l) => l.link === 'c9');
  assert.deepEqual([empty?.metrics.rca, empty?.metrics.share, empty?.tier, empty?.metrics.nationSuppliers], [0, 0, 'missing', 0]);
  assert.deepEqual(empty?.ranks.score?.nation, { rank: 1, of: 31, tied: 31 }, 'all 31 tied at 0');
  assert.deepEqual(rankTargets(input.enterprises, { link: 'c9', region: JX, densityOf: () => 0, nameOf: (id) => ({ zh: id, en: id }), regionOf: () => undefined }, DEFAULT_ASSESS_CONFIG), []);
});

test('bad input: all regions tied rank 1st of 31 (31 tied)', () => {
  const rows: AssessmentRows = {
    suppliers: PROVINCES.map((p, i) => ({ enterpriseId: `t${i}`, link: 'a1', province: p, leader: false })),
    enterprises: PROVINCES.map((p, i) => ({ id: `t${i}`, province: p, leader: false })), components: [], observations: [],
  };
  const a = runAssessment(aggregateRows(FRAMEWORK, 'province', rows), { framework: FRAMEWORK, focus: [JX] });
  const a1 = a.focus[0]?.links[0];
  assert.deepEqual(a1?.ranks.suppliers?.nation, { rank: 1, of: 31, tied: 31 });
  assert.deepEqual(a1?.ranks.score?.nation, { rank: 1, of: 31, tied: 31 });
  assert.equal(a1?.metrics.rca, 1, 'everyone is all a1: rca 1');
  assert.equal(a1?.scoreRankText.en, '=1st of 6 in central (6 tied), =1st of 31 nationwide (31 tied)');
});

test('bad input: a framework with one link — rca 1 where present, proximity and density 0', () => {
  const framework: Framework = { ...FRAMEWORK, segments: [FRAMEWORK.segments[0] as Framework['segments'][number]], links: [FRAMEWORK.links[0] as Link] };
  const a = runAssessment(aggregateRows(framework, 'province', ROWS), { framework, focus: [JX, '540000'] });
  const jx = a.focus[0]?.links[0];
  assert.equal(jx?.metrics.rca, 1);
  assert.deepEqual(Array.from(a.relatedness.proximity.colocation), [0]);
  assert.equal(jx?.relatedness.density.colocation, 0);
  assert.equal(jx?.relatedness.quadrant, 'weakness', 'present, but nothing to be related to');
  assert.equal(a.focus[1]?.links[0]?.metrics.rca, 0);
  assert.equal(a.focus[1]?.links[0]?.relatedness.quadrant, 'threat');
});

test('config: weights not summing to 1 are rescaled with a warning; zero, negative or unknown fields are errors', () => {
  const raw = JSON.parse(JSON.stringify({
    version: 1, weights: { suppliers: 0.7, rca: 0.3, leaders: 0.4, delivered: 0.3, localSupply: 0.3 }, tiers: { adequate: 0.3, strong: 0.55 },
    specialisationThreshold: 1, roles: DEFAULT_ASSESS_CONFIG.roles, relatedness: DEFAULT_ASSESS_CONFIG.relatedness,
    recommend: DEFAULT_ASSESS_CONFIG.recommend, targets: DEFAULT_ASSESS_CONFIG.targets, domesticShare: DEFAULT_ASSESS_CONFIG.domesticShare,
    observations: DEFAULT_ASSESS_CONFIG.observations,
  })) as Record<string, unknown>;
  const scaled = parseAssessConfig(raw);
  assert.deepEqual(scaled.issues.map((i) => [i.code, i.params]), [['assess.weights_normalised', { set: 'weights', sum: 2 }]]);
  assert.deepEqual(scaled.value?.weights, { suppliers: 0.35, rca: 0.15, leaders: 0.2, delivered: 0.15, localSupply: 0.15 });
  const zero = parseAssessConfig({ ...raw, weights: { suppliers: 0, rca: 0, leaders: 0, delivered: 0, localSupply: 0 } });
  assert.equal(zero.value, undefined);
  assert.deepEqual(zero.issues.map((i) => i.code), ['assess.weights_zero']);
  const negative = parseAssessConfig({ ...raw, weights: { suppliers: -1, rca: 0, leaders: 0, delivered: 0, localSupply: 1 } });
  assert.equal(negative.value, undefined);
  assert.deepEqual(negative.issues.map((i) => [i.code, i.path]), [['assess.config_invalid', 'weights.suppliers']]);
  const unknown = parseAssessConfig({ ...raw, wieghts: {} });
  assert.equal(unknown.value, undefined);
  assert.equal(unknown.issues[0]?.code, 'assess.config_invalid');
  const cuts = parseAssessConfig({ ...raw, tiers: { adequate: 0.6, strong: 0.5 } });
  assert.equal(cuts.value, undefined);
  assert.deepEqual(cuts.issues.map((i) => i.code), ['assess.bad_cuts', 'assess.weights_normalised']);
});

test('the bundled config file is valid and equals the documented defaults', async () => {
  const { readAssessConfigJson } = await import('../src/ingest/index.js');
  const parsed = parseAssessConfig(readAssessConfigJson().value);
  assert.deepEqual(parsed.issues, []);
  assert.deepEqual(parsed.value, { ...DEFAULT_ASSESS_CONFIG });
});

test('scenario: attracting e5 to Jiangxi fills b1 without touching the input', () => {
  const input = aggregateRows(FRAMEWORK, 'province', ROWS);
  const frozen = JSON.stringify(input);
  const parsed = parseAssumption('attract：e5@江西');
  assert.ok(parsed.value);
  const result = runScenario(input, { framework: FRAMEWORK }, JX, [parsed.value]);
  assert.ok(result.value);
  assert.equal(JSON.stringify(input), frozen, 'the input is unchanged');
  const b1 = result.value.changes.find((c) => c.unit === 'b1');
  assert.deepEqual([b1?.before.suppliers, b1?.after.suppliers, b1?.before.tier], [0, 1, 'missing']);
  // After: b1 suppliers JX 1, HB 1, BJ 2 (e5 stays); N 10, JX total 4 → rca (1/4)/(4/10) = 5/8 → 5/13;
  // leaders 1 of max 1; delivered 0; no local supply rate → (.35 ln2/ln3 + .15·5/13 + .2) / .85.
  const expected = (0.35 * (Math.log(2) / Math.log(3)) + 0.15 * (5 / 13) + 0.2) / 0.85;
  assert.ok(Math.abs((b1?.after.score ?? 0) - expected) < 1e-12);
  assert.equal(b1?.after.tier, 'strong');
  assert.deepEqual(result.value.completeness, { before: 2 / 3, after: 1 });
  assert.ok(result.value.after.links[2]?.suppliers.some((s) => s.id === 'e5@360000' && s.hypothetical));
});

test('scenario: bad assumptions are errors, no-ops are warnings', () => {
  const input = aggregateRows(FRAMEWORK, 'province', ROWS);
  const apply = (...texts: string[]) => applyScenario(input, FRAMEWORK, texts.map((t) => parseAssumption(t).value as Assumption), JX);
  assert.deepEqual(parseAssumption('move:e1').issues.map((i) => i.code), ['assess.bad_assumption']);
  assert.deepEqual(parseAssumption('offer:e1').issues.map((i) => i.code), ['assess.bad_assumption']);
  assert.deepEqual(apply('attract:nobody').issues.map((i) => [i.code, i.params]), [['assess.unknown_enterprise', { id: 'nobody' }]]);
  const badLink = apply('new:江西:a3');
  assert.equal(badLink.value, undefined);
  assert.deepEqual(badLink.issues.map((i) => [i.code, (i.params as unknown as { suggestions: string[] }).suggestions]), [['assess.unknown_link', ['a1', 'a2']]]);
  assert.deepEqual(apply('new:Atlantis:a1').issues.map((i) => i.code), ['region.unknown']);
  const noop = apply('offer:e2:a1');
  assert.ok(noop.value);
  assert.deepEqual(noop.issues.map((i) => i.code), ['assess.assumption_noop']);
  assert.deepEqual(apply('attract:e1@江西').issues.map((i) => i.code), ['assess.assumption_noop']);
  // A city at province level counts for its province, with a warning.
  const city = apply('new:南昌:b1:leader');
  assert.deepEqual(city.issues.map((i) => i.code), ['assess.region_level']);
  assert.equal(city.value?.applied[0]?.region, JX);
});

/**
 * The assessment on the default dataset: the store's SQL counts agree with the
 * reference aggregation of rows read straight from the dataset's JSON files,
 * and Jiangxi's results agree with what the paper states where it states
 * something checkable. The CLI commands run end to end on the same database.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importFiles, loadFramework, readDatasetManifest } from '../src/ingest/index.js';
import { Database, loadAssessmentData } from '../src/store/index.js';
import { resolveRegion } from '../src/regions/index.js';
import {
  aggregateRows, cityLikeProvinceCodes, runAssessment, type AssessmentInput, type AssessmentRows, type RegionAssessment,
} from '../src/assess/index.js';
import type { Observation } from '../src/model/index.js';

type Json = Record<string, unknown>;
const manifest = readDatasetManifest();
const records = (entity: string): Json[] =>
  manifest.files.flatMap((file) => ((JSON.parse(readFileSync(file, 'utf8')) as Record<string, Json[]>)[entity] ?? []));
const framework = loadFramework();
const JX = '360000';

const province = (text: unknown) => (typeof text === 'string' ? resolveRegion(text, { level: 'province' }).value?.code : undefined);
const city = (text: unknown, within: unknown) =>
  typeof text === 'string' && typeof within === 'string' ? resolveRegion(text, { level: 'city', within }).value?.code : undefined;

/** Rows read from the JSON files with nothing of ChainAtlas between but the region resolver. */
function rowsFromFiles(observations: readonly Observation[]): AssessmentRows {
  const enterprises = records('enterprises').map((e) => ({
    id: String(e.id), nameZh: e.name_zh as string | undefined, nameEn: e.name_en as string | undefined,
    province: province(e.province), city: city(e.city, e.province), leader: e.leader === true, originCountry: e.origin_country as string | undefined,
    kind: e.kind as string | undefined,
  }));
  const byId = new Map(enterprises.map((e) => [e.id, e]));
  const cases = new Map(records('cases').map((c) => [String(c.id), c]));
  return {
    enterprises,
    suppliers: records('offerings').map((o) => {
      const e = byId.get(String(o.enterprise_id));
      return { enterpriseId: String(o.enterprise_id), link: String(o.link), province: e?.province, city: e?.city, leader: e?.leader === true };
    }),
    components: records('components').map((k) => {
      const c = cases.get(String(k.case_id)) ?? {};
      return {
        caseId: String(k.case_id), link: String(k.link), customerProvince: province(c.customer_province),
        customerCity: city(c.customer_city, c.customer_province), ...(k.supplier_id ? { supplierId: String(k.supplier_id) } : {}),
        role: k.role as 'lead_integrator' | 'component_supplier',
      };
    }),
    cases: [...cases.values()].map((c) => ({ id: String(c.id), titleZh: c.title_zh as string, titleEn: c.title_en as string })),
    observations,
  };
}

let dir = '';
let dbFile = '';
let db: Database;
let stored: AssessmentInput;
let jiangxi: RegionAssessment;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainatlas-assess-'));
  dbFile = join(dir, 'x.duckdb');
  db = (await Database.open(dbFile)).db;
  const report = await importFiles(db, manifest.files, { framework });
  assert.equal(report.committed, true);
  stored = await loadAssessmentData(db, {
    level: 'province', links: framework.links.map((l) => ({ id: l.id, segment: l.segment })), cityLikeProvinces: cityLikeProvinceCodes(), focus: [JX], pool: 60,
  });
  jiangxi = runAssessment(stored, { framework, focus: [JX] }).focus[0] as RegionAssessment;
});

after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const sorted = <T>(rows: readonly T[]) => [...rows].map((r) => JSON.stringify(r)).sort();

test('SQL aggregation equals the reference aggregation of the JSON files, at province and city level', async () => {
  for (const level of ['province', 'city'] as const) {
    const fromSql = level === 'province' ? stored : await loadAssessmentData(db, {
      level, links: framework.links.map((l) => ({ id: l.id, segment: l.segment })), cityLikeProvinces: cityLikeProvinceCodes(), focus: [], pool: 60,
    });
    const reference = aggregateRows(framework, level, rowsFromFiles(fromSql.observations));
    for (const unit of ['links', 'segments'] as const) {
      for (const part of ['supply', 'demand', 'delivered', 'components', 'origins'] as const) {
        assert.deepEqual(sorted(fromSql[unit][part] as unknown[]), sorted(reference[unit][part] as unknown[]), `${level} ${unit}.${part}`);
      }
    }
    assert.deepEqual(sorted(fromSql.cooccurrence.cases), sorted(reference.cooccurrence.cases), `${level} case pairs`);
    assert.deepEqual(sorted(fromSql.cooccurrence.offerings), sorted(reference.cooccurrence.offerings), `${level} offering pairs`);
    assert.equal(fromSql.droppedRows, 0);
  }
  // Profiles of Jiangxi's enterprises agree too (partners: the store keeps those in the focus region).
  const reference = aggregateRows(framework, 'province', rowsFromFiles(stored.observations));
  for (const e of stored.enterprises.filter((x) => x.region === JX)) {
    const r = reference.enterprises.find((x) => x.id === e.id);
    assert.deepEqual({ ...e, partners: [] }, { ...r, partners: [] }, e.id);
    assert.deepEqual(e.partners, r?.partners.filter((p) => p.region === JX), `${e.id} partners`);
  }
  // And the whole assessment of Jiangxi is the same from either input, targets aside (the store preselects candidates).
  const fromRows = runAssessment(reference, { framework, focus: [JX] }).focus[0] as RegionAssessment;
  assert.deepEqual(fromRows.links.map((l) => [l.link, l.score, l.tier, l.ranks]), jiangxi.links.map((l) => [l.link, l.score, l.tier, l.ranks]));
});

test('paper: Jiangxi\'s identification ranks are shown as sourced facts, not recomputed', () => {
  const construction = jiangxi.facts.find((f) => f.indicator === 'ident.construction_rank');
  assert.equal(construction?.kind, 'sourced_rank');
  assert.deepEqual(construction?.sourcedRanks?.map((s) => [s.within, s.rank, s.of]), [['central', 1, 6], ['nation', 9, 31]]);
  assert.match(construction?.text.en ?? '', /1st of 6 in central, 9th of 31 nationwide \(as sourced, not recomputed: ZhangSunHu2023 §3\.2\)/);
  assert.match(construction?.text.zh ?? '', /中部6个中第1，全国31个中第9/);
  const connected = jiangxi.facts.find((f) => f.indicator === 'ident.connected_enterprises_rank');
  assert.deepEqual(connected?.sourcedRanks?.map((s) => [s.within, s.rank, s.of]), [['central', 2, 6]]);
  const nodes = jiangxi.facts.find((f) => f.indicator === 'ident.secondary_nodes');
  assert.equal(nodes?.value, 13);
  assert.ok(Math.abs((nodes?.national?.share ?? 0) - 13 / 284) < 1e-12, '13 of the 284 secondary nodes');
  const firms = jiangxi.facts.find((f) => f.indicator === 'ident.connected_enterprises');
  assert.equal(firms?.value, 2224);
});

test('paper: R&D design software shows a low domestic share, from the sourced foreign share, and a substitute recommendation', () => {
  const rd = jiangxi.links.find((l) => l.link === 'platform.software.rd');
  assert.equal(rd?.domesticShare.source, 'observation');
  assert.equal(rd?.domesticShare.observation?.indicator, 'software.rd.foreign_share');
  assert.ok(Math.abs((rd?.domesticShare.value ?? 1) - 0.1) < 1e-12, 'foreign vendors hold more than 90 %');
  const substitute = jiangxi.recommendations.find((r) => r.kind === 'substitute' && r.link === 'platform.software.rd');
  assert.ok(substitute);
  assert.ok((substitute.targets ?? []).length > 0 && (substitute.targets ?? []).every((t) => t.originCountry === 'CN'), 'domestic suppliers to prefer');
  assert.match(substitute.text.zh, /国内企业份额10%/);
});

test('paper: links with no Jiangxi supplier are missing or weak, with fill targets drawn from the national universe', () => {
  const absent = jiangxi.links.filter((l) => l.metrics.suppliers === 0);
  assert.ok(absent.length > 0);
  for (const l of absent) assert.ok(l.tier === 'missing' || l.tier === 'weak', `${l.link} is ${l.tier}`);
  const needed = absent.filter((l) => l.metrics.demand > 0 || l.metrics.nationalDemand > 0);
  assert.ok(needed.some((l) => l.link === 'network.ident.node'));
  for (const l of needed) {
    const fill = jiangxi.recommendations.find((r) => r.kind === 'fill' && r.link === l.link);
    assert.ok(fill, `${l.link} has a fill recommendation`);
    assert.ok((fill.targets ?? []).length > 0, `${l.link} has targets`);
    for (const t of fill.targets ?? []) assert.notEqual(t.region, JX, `${t.id} is outside Jiangxi`);
  }
  // The identification node (the paper's 13 secondary nodes, no Jiangxi supplier in the data) is a broken link.
  assert.ok(jiangxi.health.broken.includes('network.ident.node'));
  const node = jiangxi.recommendations.find((r) => r.kind === 'fill' && r.link === 'network.ident.node');
  assert.ok(node?.targets?.some((t) => t.id === 'caict'), 'CAICT, operator of the national top-level node, is a candidate');
  // Where Jiangxi's operators supply (5G, factory network, edge, situational awareness) the tier is adequate or strong.
  for (const link of ['network.5g', 'network.factory', 'automation.edge', 'security.operations']) {
    const l = jiangxi.links.find((x) => x.link === link);
    assert.ok(l?.tier === 'strong' || l?.tier === 'adequate', `${link} is ${l?.tier}`);
  }
});

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, [join(process.cwd(), 'dist/src/cli/main.js'), '--db', dbFile, '--lang', 'en', ...args], { maxBuffer: 64 * 1024 * 1024 });

test('CLI: assess, compare, targets, rank and a scenario, as JSON on a pipe', async () => {
  db.close();
  try {
    const assess = JSON.parse((await cli('assess', '--region', '江西')).stdout) as RegionAssessment;
    assert.equal(assess.region.code, JX);
    assert.equal(assess.links.length, 31);
    assert.ok(assess.top.length > 0);
    const compare = JSON.parse((await cli('compare', '--regions', '江西,湖北,湖南')).stdout) as { rows: { cells: unknown[] }[] };
    assert.equal(compare.rows.length, 31);
    assert.equal(compare.rows[0]?.cells.length, 3);
    const targets = JSON.parse((await cli('targets', '--region', '江西', '--link', 'network.ident.node')).stdout) as { targets: { id: string }[] };
    assert.ok(targets.targets.some((t) => t.id === 'caict'));
    const rank = JSON.parse((await cli('rank', '--indicator', 'ident.construction_rank')).stdout) as { sourced: unknown[] };
    assert.equal(rank.sourced.length, 2);
    const scenario = JSON.parse((await cli('assess', '--assume', 'attract:caict@江西')).stdout) as { changes: { unit: string; before: { tier: string }; after: { tier: string } }[] };
    const node = scenario.changes.find((c) => c.unit === 'network.ident.node');
    assert.deepEqual([node?.before.tier, node?.after.tier !== 'missing'], ['missing', true]);
    await assert.rejects(cli('assess', '--assume', 'attract:nobody-at-all'), (error: { code: number; stderr: string }) =>
      error.code === 1 && /no enterprise nobody-at-all/.test(error.stderr));
    await assert.rejects(cli('rank', '--indicator', 'scor'), (error: { code: number; stderr: string }) => error.code === 1 && /did you mean score/.test(error.stderr));
  } finally {
    db = (await Database.open(dbFile)).db;
  }
});

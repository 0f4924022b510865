/**
 * The HTTP API on the default dataset, driven with `app.inject()` (no network):
 * every endpoint answers what the store and assessment functions return for
 * the same filters; bad input gets 400 with field paths, unknown ids and
 * routes 404, oversized bodies 413, a failing database 500 without internals;
 * SQL in a filter is a search string, markup in a name stays text; the OpenAPI
 * document lists every route. Messages are checked against the catalog.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { importFiles, loadFramework, readDatasetManifest } from '../src/ingest/index.js';
import { Database, getCaseReview, getEnterprise, listCases, listEnterprises, listObservations, tableCounts } from '../src/store/index.js';
import { resolveRegion } from '../src/regions/index.js';
import { messages, type Framework, type Region } from '../src/model/index.js';
import {
  API_ROUTES, assessmentFor, compareMatrix, createServer, linkTargets, loadAssessConfig, openApiPath, type ErrorBody,
} from '../src/server/index.js';

const framework: Framework = loadFramework();
const config = loadAssessConfig(undefined).config;
let dir = '';
let db: Database;
let app: FastifyInstance;
/** The server runs without auth here (server-auth.test.ts covers sign-in); writes still need its CSRF token. */
let csrf = '';

/** What JSON makes of a value: the reply is compared with this, not with the live object. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const region = (text: string): Region => {
  const found = resolveRegion(text).value;
  assert.ok(found, text);
  return found;
};

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const reply = await app.inject({ method: 'GET', url, headers });
  return { status: reply.statusCode, body: reply.json() };
}

function errorOf(body: unknown): ErrorBody['error'] {
  const e = (body as ErrorBody).error;
  assert.ok(e && typeof e.code === 'string' && typeof e.message === 'string' && Array.isArray(e.details), JSON.stringify(body));
  return e;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainatlas-server-'));
  ({ db } = await Database.open(join(dir, 'api.duckdb')));
  const report = await importFiles(db, readDatasetManifest().files, { framework });
  assert.equal(report.committed, true);
  app = createServer({ db, framework, config, auth: { mode: 'none' } });
  await app.ready();
  csrf = (await app.inject({ method: 'GET', url: '/api/auth/me' })).json<{ csrfToken: string }>().csrfToken;
});

after(async () => {
  await app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('health and framework', async () => {
  const health = await get('/api/health');
  assert.equal(health.status, 200);
  assert.equal((health.body as { status: string }).status, 'ok');
  const fw = await get('/api/framework');
  assert.equal(fw.status, 200);
  assert.deepEqual(fw.body, asJson(framework));
});

test('regions resolve as the resolver does; an unknown one is a 400 at query.q', async () => {
  for (const q of ['江西', 'Jiangxi', '36', '南昌']) {
    const r = await get(`/api/regions/resolve?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, asJson(region(q)));
  }
  const bad = await get(`/api/regions/resolve?q=${encodeURIComponent('不存在的地方')}`);
  assert.equal(bad.status, 400);
  const e = errorOf(bad.body);
  assert.equal(e.code, 'region.unknown');
  assert.equal(e.details[0]?.path, 'query.q');
  const missing = await get('/api/regions/resolve');
  assert.equal(missing.status, 400);
  assert.deepEqual(errorOf(missing.body).details.map((d) => d.path), ['query.q']);
});

test('enterprises: list and filters agree with listEnterprises; one enterprise with getEnterprise; unknown id 404', async () => {
  const all = await get('/api/enterprises');
  assert.equal(all.status, 200);
  assert.deepEqual(all.body, asJson(await listEnterprises(db, { limit: 50, offset: 0 })));

  const link = framework.links[0];
  const segment = framework.segments[0];
  assert.ok(link && segment);
  const filtered = await get(`/api/enterprises?region=${encodeURIComponent('江西')}&leader=false&limit=5&offset=1`);
  assert.deepEqual(filtered.body, asJson(await listEnterprises(db, { region: '360000', leader: false, limit: 5, offset: 1 })));
  const byLink = await get(`/api/enterprises?link=${encodeURIComponent(link.name.zh)}&segment=${segment.id}&kind=ict&search=${encodeURIComponent('华为')}`);
  assert.deepEqual(byLink.body, asJson(await listEnterprises(db, { link: link.id, segment: segment.id, kind: 'ict', search: '华为', limit: 50, offset: 0 })));
  const leaders = await get('/api/enterprises?leader=true&limit=1000');
  const expected = await listEnterprises(db, { leader: true, limit: 1000, offset: 0 });
  assert.ok(expected.total > 0);
  assert.deepEqual(leaders.body, asJson(expected));

  const first = expected.items[0];
  assert.ok(first);
  const one = await get(`/api/enterprises/${encodeURIComponent(first.id)}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.body, asJson(await getEnterprise(db, first.id)));

  const unknown = await get('/api/enterprises/no-such-firm', { 'accept-language': 'en' });
  assert.equal(unknown.status, 404);
  const e = errorOf(unknown.body);
  assert.equal(e.code, 'server.not_found');
  assert.equal(e.message, messages['server.not_found']({ kind: 'enterprise', id: 'no-such-firm' }).en);
});

test('offerings: filtered by link, segment, enterprise, region and status, counted as the tables count them', async () => {
  type OfferingPage = { total: number; items: { enterpriseId: string; link: string }[] };
  const count = async (sql: string, params: Record<string, string> = {}) => Number((await db.one(sql, params))?.n ?? 0);
  const confirmedOnLink = await count(
    "SELECT count(*)::INTEGER AS n FROM offerings WHERE link = 'platform.integrated' AND coalesce(status, 'confirmed') = 'confirmed'");
  assert.ok(confirmedOnLink > 0);
  const byLink = (await get(`/api/offerings?link=${encodeURIComponent('综合型平台')}&limit=1000`)).body as OfferingPage;
  assert.equal(byLink.total, confirmedOnLink);
  assert.equal(byLink.items.length, confirmedOnLink);
  assert.ok(byLink.items.every((o) => o.link === 'platform.integrated'));

  const jiangxi = await count(`SELECT count(*)::INTEGER AS n FROM offerings o JOIN enterprises e ON e.id = o.enterprise_id
    WHERE (e.province = '360000' OR e.city = '360000') AND o.link LIKE 'security.%' AND coalesce(o.status, 'confirmed') = 'confirmed'`);
  const bySegment = (await get(`/api/offerings?segment=security&region=${encodeURIComponent('江西')}`)).body as OfferingPage;
  assert.equal(bySegment.total, jiangxi);

  const all = await count('SELECT count(*)::INTEGER AS n FROM offerings');
  assert.equal(((await get('/api/offerings?status=all&limit=0')).body as OfferingPage).total, all);
  const firm = byLink.items[0]?.enterpriseId as string;
  const ofFirm = (await get(`/api/offerings?enterprise=${encodeURIComponent(firm)}&status=all`)).body as OfferingPage;
  assert.equal(ofFirm.total, await count('SELECT count(*)::INTEGER AS n FROM offerings WHERE enterprise_id = $firm', { firm }));

  const page2 = (await get('/api/offerings?status=all&limit=5&offset=5')).body as OfferingPage;
  const first10 = (await get('/api/offerings?status=all&limit=10')).body as OfferingPage;
  assert.deepEqual(page2.items, first10.items.slice(5, 10));
  const injected = await get(`/api/offerings?enterprise=${encodeURIComponent("x' OR '1'='1")}`);
  assert.equal((injected.body as OfferingPage).total, 0);
  const bad = await get('/api/offerings?link=no.such.link&status=maybe');
  assert.equal(bad.status, 400);
});

test('cases and observations agree with listCases, getCase and listObservations', async () => {
  const jx = await get(`/api/cases?region=${encodeURIComponent('江西')}&limit=10`);
  assert.equal(jx.status, 200);
  const expected = await listCases(db, { region: '360000', limit: 10, offset: 0 });
  assert.ok(expected.total > 0);
  assert.deepEqual(jx.body, asJson(expected));
  // The default dataset's cases carry no year (the sources do not date them); the filter still goes through.
  const year = (await listCases(db, {})).items.find((c) => c.year !== undefined)?.year ?? 2023;
  const byYear = await get(`/api/cases?year=${year}&search=${encodeURIComponent('平台')}`);
  assert.deepEqual(byYear.body, asJson(await listCases(db, { year, search: '平台', limit: 50, offset: 0 })));
  const first = expected.items[0];
  assert.ok(first);
  const one = await get(`/api/cases/${encodeURIComponent(first.id)}`);
  assert.deepEqual(one.body, asJson(await getCaseReview(db, first.id)));
  assert.equal((await get('/api/cases/no-such-case')).status, 404);

  const observations = await get(`/api/observations?indicator=ident.&region=${encodeURIComponent('江西')}`);
  assert.equal(observations.status, 200);
  assert.deepEqual(observations.body, asJson(await listObservations(db, { indicator: 'ident.', region: '360000', limit: 200, offset: 0 })));
  const all = await get('/api/observations?limit=1000');
  assert.deepEqual(all.body, asJson(await listObservations(db, { limit: 1000, offset: 0 })));
});

interface AssessedLists {
  links: { link: string; suppliers: unknown[]; suppliersTotal?: number }[];
  recommendations: { evidence: { cases: unknown[]; casesTotal?: number }; localSuppliers?: unknown[]; localSuppliersTotal?: number }[];
  top: unknown[];
}

test('assessment, compare and targets are what the assessment runs give', async () => {
  const jiangxi = region('江西');
  const full = asJson((await assessmentFor(db, framework, jiangxi, { config })).region) as AssessedLists;
  const assessed = await get(`/api/assessments/${encodeURIComponent('江西')}?suppliers=all`);
  assert.equal(assessed.status, 200);
  assert.deepEqual(assessed.body, full);
  // By default the lists are cut (to none), each with its full length beside it; every figure is the same.
  const compact = (await get(`/api/assessments/${encodeURIComponent('江西')}`)).body as AssessedLists;
  const one = (await get(`/api/assessments/${encodeURIComponent('江西')}?suppliers=1`)).body as AssessedLists;
  assert.ok(full.links.some((l) => l.suppliers.length > 1), 'some link of Jiangxi has more than one supplier');
  full.links.forEach((l, i) => {
    const { suppliers, ...figures } = l;
    assert.deepEqual(compact.links[i], { ...figures, suppliers: [], suppliersTotal: suppliers.length }, l.link);
    assert.deepEqual(one.links[i]?.suppliers, suppliers.slice(0, 1), l.link);
  });
  full.recommendations.forEach((r, i) => {
    assert.equal(compact.recommendations[i]?.evidence.casesTotal, r.evidence.cases.length);
    assert.deepEqual(one.recommendations[i]?.evidence.cases, r.evidence.cases.slice(0, 1));
    if (r.localSuppliers) assert.equal(compact.recommendations[i]?.localSuppliersTotal, r.localSuppliers.length);
  });
  assert.deepEqual({ ...compact, links: [], recommendations: [], top: [] }, { ...full, links: [], recommendations: [], top: [] });
  const bad = await get(`/api/assessments/${encodeURIComponent('江西')}?suppliers=lots`);
  assert.equal(bad.status, 400);

  const regions = ['江西', '湖北', '湖南'].map(region);
  const matrix = asJson(await compareMatrix(db, framework, regions, { metric: 'suppliers', unitLevel: 'link', config }));
  const compared = await get(`/api/compare?regions=${encodeURIComponent('江西,湖北,湖南')}&metric=suppliers`);
  assert.equal(compared.status, 200);
  assert.deepEqual(compared.body, matrix);
  const posted = await app.inject({ method: 'POST', url: '/api/compare', headers: { 'x-csrf-token': csrf }, payload: { regions: ['江西', '湖北', '湖南'], metric: 'suppliers' } });
  assert.equal(posted.statusCode, 200);
  assert.deepEqual(posted.json(), matrix);

  const link = framework.links[0];
  assert.ok(link);
  const targets = await get(`/api/targets/${encodeURIComponent('江西')}/${link.id}?limit=5`);
  assert.equal(targets.status, 200);
  assert.deepEqual(targets.body, asJson((await linkTargets(db, framework, jiangxi, link.id, { config, limit: 5 })).value));
});

test('validation errors carry field paths, in zh by default and en on request', async () => {
  const bad = await get('/api/enterprises?limit=-1&offset=x&kind=bogus&leader=maybe');
  assert.equal(bad.status, 400);
  const e = errorOf(bad.body);
  assert.equal(e.code, 'server.invalid_request');
  assert.deepEqual(e.details.map((d) => d.path).sort(), ['query.kind', 'query.leader', 'query.limit', 'query.offset']);
  assert.equal(e.message, messages['server.invalid_request']({ count: 4 }).zh);
  const offset = e.details.find((d) => d.path === 'query.offset');
  assert.notEqual(offset?.message, messages['server.missing_field']().zh, 'a bad value is not a missing one');
  const missing = await get('/api/compare');
  assert.deepEqual(errorOf(missing.body).details, [{ path: 'query.regions', message: messages['server.missing_field']().zh }]);
  const en = await get('/api/enterprises?limit=-1', { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' });
  assert.equal(errorOf(en.body).message, messages['server.invalid_request']({ count: 1 }).en);
  const zh = await get('/api/enterprises?limit=-1', { 'accept-language': 'fr, zh-CN;q=0.8, en;q=0.7' });
  assert.equal(errorOf(zh.body).message, messages['server.invalid_request']({ count: 1 }).zh);

  const place = await get(`/api/enterprises?region=${encodeURIComponent('火星')}`);
  assert.equal(place.status, 400);
  assert.equal(errorOf(place.body).details[0]?.path, 'query.region');
  const link = await get('/api/cases?link=no-such-link');
  assert.equal(link.status, 400);
  assert.equal(errorOf(link.body).code, 'ingest.unknown_link');
  assert.equal(errorOf(link.body).details[0]?.path, 'query.link');
  const nation = await get('/api/assessments/CN');
  assert.equal(nation.status, 400);
  assert.equal(errorOf(nation.body).code, 'assess.region_level');
  const targets = await get(`/api/targets/${encodeURIComponent('江西')}/nope`);
  assert.equal(errorOf(targets.body).details[0]?.path, 'params.link');
  const body = await app.inject({ method: 'POST', url: '/api/compare', headers: { 'x-csrf-token': csrf }, payload: { regions: ['江西', 7], metric: 'height' } });
  assert.equal(body.statusCode, 400);
  assert.deepEqual(errorOf(body.json()).details.map((d) => d.path).sort(), ['body.metric', 'body.regions[1]']);
});

test('malformed JSON and wrong content types are 400, bodies over the limit 413, unknown routes 404', async () => {
  const malformed = await app.inject({ method: 'POST', url: '/api/compare', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, payload: '{"regions": [' });
  assert.equal(malformed.statusCode, 400);
  assert.equal(errorOf(malformed.json()).code, 'server.malformed_json');
  assert.equal(errorOf(malformed.json()).details[0]?.path, 'body');
  const text = await app.inject({ method: 'POST', url: '/api/compare', headers: { 'content-type': 'text/plain', 'x-csrf-token': csrf }, payload: 'regions=江西' });
  assert.equal(text.statusCode, 400);
  assert.equal(errorOf(text.json()).code, 'server.unsupported_media_type');
  assert.equal(errorOf(text.json()).details[0]?.path, 'headers.content-type');

  const huge = await app.inject({ method: 'POST', url: '/api/compare', headers: { 'x-csrf-token': csrf }, payload: { regions: Array.from({ length: 20_000 }, () => '江西') } });
  assert.equal(huge.statusCode, 413);
  assert.equal(errorOf(huge.json()).code, 'server.body_too_large');

  const route = await get('/api/nothing-here');
  assert.equal(route.status, 404);
  assert.equal(errorOf(route.body).code, 'server.route_not_found');
});

test('SQL in a filter is only text: normal results, and the table survives', async () => {
  const before = (await tableCounts(db)).enterprises;
  assert.ok(before !== undefined && before > 0);
  for (const attack of ["'; DROP TABLE enterprises; --", "x' OR '1'='1", '%', '_']) {
    const r = await get(`/api/enterprises?search=${encodeURIComponent(attack)}`);
    assert.equal(r.status, 200, attack);
    assert.deepEqual(r.body, asJson(await listEnterprises(db, { search: attack, limit: 50, offset: 0 })));
    const cases = await get(`/api/cases?search=${encodeURIComponent(attack)}`);
    assert.equal(cases.status, 200);
    assert.equal((await get(`/api/enterprises/${encodeURIComponent(attack)}`)).status, 404);
    assert.equal((await get(`/api/observations?indicator=${encodeURIComponent(attack)}`)).status, 200);
  }
  assert.equal((await get(`/api/enterprises?search=${encodeURIComponent("'; DROP TABLE enterprises; --")}`)).body && (await tableCounts(db)).enterprises, before);
});

test('a <script> in a stored name comes back as JSON text, unchanged', async () => {
  const name = '<script>alert("x")</script>赣州测试公司';
  const file = join(dir, 'probe.json');
  writeFileSync(file, JSON.stringify({ enterprises: [{ id: 'probe-xss', name_zh: name, province: '江西', source: 'test' }] }));
  const report = await importFiles(db, [file], { framework });
  assert.equal(report.committed, true, JSON.stringify(report.issues));
  const reply = await app.inject({ method: 'GET', url: '/api/enterprises/probe-xss' });
  assert.equal(reply.statusCode, 200);
  assert.match(String(reply.headers['content-type']), /^application\/json/);
  assert.equal(reply.headers['x-content-type-options'], 'nosniff');
  assert.equal((reply.json() as { enterprise: { nameZh: string } }).enterprise.nameZh, name);
  const listed = await get(`/api/enterprises?search=${encodeURIComponent('<script>')}`);
  assert.deepEqual((listed.body as { items: { nameZh: string }[] }).items.map((e) => e.nameZh), [name]);
});

test('a failing database is a 500 without internals', async () => {
  const other = await Database.open(join(dir, 'closed.duckdb'));
  const broken = createServer({ db: other.db, framework, config, auth: { mode: 'none' } });
  other.db.close();
  const reply = await broken.inject({ method: 'GET', url: '/api/enterprises', headers: { 'accept-language': 'en' } });
  assert.equal(reply.statusCode, 500);
  assert.deepEqual(reply.json(), { error: { code: 'server.internal', message: messages['server.internal']().en, details: [] } });
  await broken.close();
});

test('the OpenAPI document lists every route with its parameters and responses', async () => {
  const r = await get('/api/openapi.json');
  assert.equal(r.status, 200);
  const doc = r.body as { openapi: string; paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; responses: Record<string, unknown> }>> };
  assert.equal(doc.openapi, '3.1.0');
  const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
  assert.deepEqual(listed, API_ROUTES.map((x) => `${x.method} ${openApiPath(x.url)}`).sort());
  for (const expected of ['/api/health', '/api/framework', '/api/regions/resolve', '/api/enterprises', '/api/enterprises/{id}', '/api/cases', '/api/cases/{id}',
    '/api/observations', '/api/assessments/{region}', '/api/compare', '/api/targets/{region}/{link}', '/api/openapi.json']) {
    assert.ok(doc.paths[expected]?.get, expected);
  }
  const names = (path: string) => (doc.paths[path]?.get?.parameters ?? []).filter((p) => p.in !== undefined).map((p) => p.name);
  assert.deepEqual(names('/api/enterprises').sort(), ['kind', 'leader', 'limit', 'link', 'offset', 'region', 'search', 'segment']);
  assert.deepEqual(names('/api/targets/{region}/{link}').slice(0, 2), ['region', 'link']);
  assert.ok(doc.paths['/api/enterprises/{id}']?.get?.responses['404']);
  assert.ok(doc.paths['/api/compare']?.post?.responses['413']);
});

test('answers are checked against their response schema as the JSON they become: a mismatch is a fault, not an answer', async () => {
  const { checkedResponse, route } = await import('../src/server/route-spec.js');
  const { z } = await import('zod');
  const spec = route({
    method: 'GET', url: '/x', summary: 'x', response: z.object({ total: z.number().int(), at: z.string() }), handle: () => undefined,
  });
  const value = { total: 3, at: new Date(Date.UTC(2026, 0, 1)) };
  assert.equal(checkedResponse(spec, value), value, 'a Date goes out as text, which the schema wants');
  assert.throws(() => checkedResponse(spec, { total: 'three', at: 'now' }), /GET \/x does not match its schema: total/);
  assert.throws(() => checkedResponse(spec, { at: 'now' }), /total/);
});

test("a second connection's open transaction is not seen by the first until it commits; closing it leaves the database open", async () => {
  const other = await db.connectAgain();
  const count = async () => Number((await db.one("SELECT count(*)::INTEGER AS n FROM enterprises WHERE id = 'isolation-probe'"))?.n ?? 0);
  try {
    await other.run('BEGIN TRANSACTION');
    await other.run("INSERT INTO enterprises (id, name_zh) VALUES ('isolation-probe', '隔离测试')");
    assert.equal(Number((await other.one("SELECT count(*)::INTEGER AS n FROM enterprises WHERE id = 'isolation-probe'"))?.n), 1);
    assert.equal(await count(), 0, 'not seen before the commit');
    await other.run('ROLLBACK');
    assert.equal(await count(), 0);
  } finally {
    other.close();
  }
  assert.equal((await get('/api/health')).status, 200, 'the server still has its database');
});

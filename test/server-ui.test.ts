/**
 * The web UI's read endpoints and the serving of its build, with `app.inject()`:
 * the chain map and link page carry the assessment's own figures; concurrent
 * assessments of different regions do not disturb each other; a cached run is
 * dropped by `dataChanged()` so an import shows on the next request; the build
 * is served with immutable hashed assets, a revalidated index.html with a
 * content security policy, and index.html for client-side routes only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { importFiles, loadFramework, readDatasetManifest } from '../src/ingest/index.js';
import { Database } from '../src/store/index.js';
import { resolveRegion } from '../src/regions/index.js';
import { assessmentFor, createServer, dataChanged, dataVersion, loadAssessConfig } from '../src/server/index.js';

const framework = loadFramework();
const config = loadAssessConfig(undefined).config;
let dir = '';
let db: Database;
let app: FastifyInstance;
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainatlas-ui-'));
  ({ db } = await Database.open(join(dir, 'ui.duckdb')));
  assert.equal((await importFiles(db, readDatasetManifest().files, { framework })).committed, true);
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
  app = createServer({ db, framework, config, webRoot: web, auth: { mode: 'none' } });
  await app.ready();
});
after(async () => {
  await app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: encodeURI(url), headers });

test('the chain map lists every link once, upstream before downstream, with the assessment\'s tier and counts', async () => {
  const expected = (await assessmentFor(db, framework, resolveRegion('江西').value!, { config })).region;
  const reply = await get('/api/chain-map/江西');
  assert.equal(reply.statusCode, 200);
  const map = reply.json() as { segments: { id: string; links: { id: string; position: string; tier: string; localSuppliers: number; cases: number }[] }[] };
  assert.deepEqual(map.segments.map((s) => s.id), framework.segments.map((s) => s.id));
  const links = map.segments.flatMap((s) => s.links);
  assert.deepEqual(links.map((l) => l.id).sort(), framework.links.map((l) => l.id).sort());
  const order = ['upstream', 'midstream', 'downstream'];
  for (const s of map.segments) {
    const positions = s.links.map((l) => order.indexOf(l.position));
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b), s.id);
  }
  for (const l of links) {
    const cell = expected.links.find((c) => c.link === l.id)!;
    assert.deepEqual([l.tier, l.localSuppliers, l.cases], [cell.tier, cell.metrics.suppliers, cell.metrics.demand], l.id);
  }
});

test('the link page carries the metrics, inputs, suppliers and recommendations of the assessment', async () => {
  const expected = (await assessmentFor(db, framework, resolveRegion('36').value!, { config })).region;
  const cell = expected.links.find((l) => l.link === 'network.5g')!;
  const reply = await get('/api/links/5G专网与工厂外网?region=Jiangxi');
  assert.equal(reply.statusCode, 200);
  const page = reply.json() as Record<string, unknown>;
  assert.deepEqual(page.metrics, asJson(cell.metrics));
  assert.deepEqual(page.breakdown, asJson(cell.breakdown));
  assert.deepEqual(page.localSuppliers, asJson(cell.suppliers));
  assert.deepEqual(page.recommendations, asJson(expected.recommendations.filter((r) => r.link === 'network.5g')));
  const missing = await get('/api/links/network.5g');
  assert.equal(missing.statusCode, 400);
  assert.equal((missing.json() as { error: { details: { path: string }[] } }).error.details[0]?.path, 'query.region');
});

test('indicators: the security market series has the computed CAGR beside the stated 42.3 %', async () => {
  const reply = await get('/api/indicators?region=江西');
  const body = reply.json() as { series: { indicator: string; cagr: number; stated?: { value: number } }[]; figures: { region: string }[]; facts: unknown[] };
  const security = body.series.find((s) => s.indicator === 'security.market_size');
  assert.ok(security);
  assert.ok(Math.abs(security.cagr - ((27.2 / 13.4) ** 0.5 - 1)) < 1e-12);
  assert.equal(security.stated?.value, 42.3);
  assert.ok(body.figures.some((f) => f.region === '360500'), 'a city of Jiangxi (Xinyu) is included');
  assert.ok(body.facts.length > 0);
});

test('assessments of different regions asked at once each get their own figures', async () => {
  const regions = ['36', '42', '43', '44'];
  const alone = [];
  for (const r of regions) alone.push((await get(`/api/assessments/${r}?benchmark=central`)).json());
  dataChanged(db);
  const together = await Promise.all(regions.map((r) => get(`/api/assessments/${r}?benchmark=central`)));
  assert.deepEqual(together.map((r) => r.json()), alone);
});

test('dataChanged drops the cached runs: an import shows on the next request', async () => {
  const before = (await get('/api/chain-map/36')).json() as { segments: { links: { id: string; localSuppliers: number }[] }[] };
  const count = (map: typeof before) => map.segments.flatMap((s) => s.links).find((l) => l.id === 'security.device')!.localSuppliers;
  const file = join(dir, 'offerings.csv');
  writeFileSync(join(dir, 'enterprises.csv'), 'id,name_zh,province\nui-new-firm,新设备安全公司,江西\n');
  writeFileSync(file, 'enterprise_id,link,product\nui-new-firm,security.device,终端安全\n');
  assert.equal((await importFiles(db, [join(dir, 'enterprises.csv'), file], { framework })).committed, true);
  assert.equal(count((await get('/api/chain-map/36')).json() as typeof before), count(before), 'cached until told');
  const version = dataVersion(db);
  assert.equal(dataChanged(db), version + 1);
  assert.equal(count((await get('/api/chain-map/36')).json() as typeof before), count(before) + 1);
});

test('heavy reads are kept finished: an ETag answered with 304, gzip when accepted, and a new answer after a change', async () => {
  const first = await get('/api/chain-map/36');
  const etag = String(first.headers.etag);
  assert.match(etag, /^"[\w-]+"$/);
  assert.equal(first.headers.vary, 'accept-encoding');
  const again = await get('/api/chain-map/36', { 'if-none-match': etag });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  const zipped = await get('/api/chain-map/36', { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(zipped.rawPayload).toString(), first.body);
  assert.equal((await get('/api/chain-map/36', { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'], undefined);
  // Another region, another answer; the same ETag only for the same text.
  assert.notEqual((await get('/api/chain-map/42')).headers.etag, etag);
  // A change to the data: the stored answer is not sent again (the same figures give the same ETag back).
  writeFileSync(join(dir, 'enterprises-2.csv'), 'id,name_zh,province\nui-cache-firm,缓存测试公司,江西\n');
  writeFileSync(join(dir, 'offerings-2.csv'), 'enterprise_id,link,product\nui-cache-firm,security.device,主机加固\n');
  assert.equal((await importFiles(db, [join(dir, 'enterprises-2.csv'), join(dir, 'offerings-2.csv')], { framework })).committed, true);
  dataChanged(db);
  const changed = await get('/api/chain-map/36', { 'if-none-match': etag });
  assert.equal(changed.statusCode, 200);
  assert.notEqual(changed.headers.etag, etag);
});

test('the web build: hashed assets immutable, index.html revalidated with a CSP, client routes get index.html, /api stays JSON', async () => {
  const asset = await get('/assets/app-abc123.js');
  assert.equal(asset.statusCode, 200);
  assert.match(String(asset.headers['cache-control']), /immutable/);
  const index = await get('/');
  assert.equal(index.headers['cache-control'], 'no-cache');
  assert.match(String(index.headers['content-security-policy']), /default-src 'self'/);
  const route = await get('/links/network.5g?region=36', { accept: 'text/html' });
  assert.equal(route.statusCode, 200);
  assert.match(route.body, /<div id="root">/);
  assert.equal(route.headers['cache-control'], 'no-cache');
  const missingFile = await get('/assets/gone-123.js');
  assert.equal(missingFile.statusCode, 404);
  const api = await get('/api/nope', { accept: 'text/html' });
  assert.equal(api.statusCode, 404);
  assert.equal((api.json() as { error: { code: string } }).error.code, 'server.route_not_found');
});

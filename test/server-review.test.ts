/**
 * Case review over HTTP against a real database: GET /api/cases/:id gives the
 * version and each component's review fields with evidence offsets into the
 * case text; accept, reject, re-link and add go through review.ts (decisions
 * with who and when, in the audit trail) and bump the version; a stale
 * version is a 409 with the current one, and of two concurrent edits on one
 * version exactly one wins; a re-run of the classifier keeps the decisions.
 * Markup in a note comes back as JSON text; emoji are stored verbatim and
 * lone surrogates refused; SQL in filters is only text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decomposeStoredCases, registryMentionFinder } from '../src/ingest/index.js';
import { loadClassifier } from '../src/ingest/index.js';
import { getCaseReview, listCases, tableCounts, type CaseReview } from '../src/store/index.js';
import { dataVersion } from '../src/server/index.js';
import { errorOf, framework, startServer, type Client, type TestServer } from './server-helpers.js';

let server: TestServer;
let analyst: Client;
let caseId = '';

const caseUrl = () => `/api/cases/${encodeURIComponent(caseId)}`;
const componentUrl = (id: string) => `${caseUrl()}/components/${encodeURIComponent(id)}`;

before(async () => {
  server = await startServer();
  // Classified components (with evidence) for the Jiangxi cases, as `chainatlas decompose --all` writes them.
  const { classifier } = loadClassifier(framework, {});
  await decomposeStoredCases(server.db, classifier, registryMentionFinder);
  const cases = await listCases(server.db, { region: '360000' });
  for (const c of cases.items) {
    const review = await getCaseReview(server.db, c.id);
    if (review?.components.some((k) => k.method === 'classified' && k.evidence.length > 0)) {
      caseId = c.id;
      break;
    }
  }
  assert.ok(caseId, 'a case with classified components');
  analyst = await server.client('analyst');
});
after(async () => server.close());

async function current(): Promise<CaseReview> {
  const r = await analyst.get(caseUrl());
  assert.equal(r.status, 200);
  return r.body as CaseReview;
}

test('GET /api/cases/:id: the version and every component with its review fields and evidence offsets', async () => {
  const review = await current();
  assert.equal(typeof review.version, 'number');
  const classified = review.components.find((k) => k.method === 'classified' && k.evidence.length > 0);
  assert.ok(classified);
  assert.equal(classified.linkId, classified.link);
  assert.ok(['confirmed', 'uncertain', 'rejected'].includes(classified.status));
  assert.ok(Array.isArray(classified.alternatives));
  for (const span of classified.evidence) {
    assert.ok(['title_zh', 'description_zh', 'title_en', 'description_en'].includes(span.field), span.field);
    const field = ({ title_zh: 'titleZh', description_zh: 'descriptionZh', title_en: 'titleEn', description_en: 'descriptionEn' } as const)[span.field as 'title_zh'];
    const text = review.case[field] ?? '';
    assert.equal(text.slice(span.start, span.end), span.text, 'the offsets point at the evidence in the case text');
  }
  const ids = review.components.map((k) => k.id);
  assert.equal(new Set(ids).size, ids.length, 'component ids are unique');
});

test('reject, accept and add: who and when recorded, the version bumps, the audit trail has them', async () => {
  const start = await current();
  const target = start.components.find((k) => k.method === 'classified') ?? start.components[0];
  assert.ok(target);
  const dataBefore = dataVersion(server.db);
  const rejected = await analyst.send('PATCH', componentUrl(target.id), { payload: { version: start.version, status: 'rejected', note: 'not in this case' } });
  assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
  assert.ok(dataVersion(server.db) > dataBefore, 'a review edit makes the cached assessments stale');
  const after1 = rejected.body as CaseReview;
  assert.ok(after1.version > start.version);
  const decided = after1.components.find((k) => k.id === target.id);
  assert.equal(decided?.status, 'rejected');
  assert.equal(decided?.decidedBy, 'analyst');
  assert.ok(decided?.decidedAt && !Number.isNaN(Date.parse(decided.decidedAt)));
  assert.equal(decided?.note, 'not in this case');

  const accepted = await analyst.send('PATCH', componentUrl(target.id), { payload: { version: after1.version, status: 'confirmed' } });
  assert.equal(accepted.status, 200);
  assert.equal((accepted.body as CaseReview).components.find((k) => k.id === target.id)?.status, 'confirmed');

  const link = framework.links.find((l) => !start.components.some((k) => k.linkId === l.id));
  assert.ok(link);
  const added = await analyst.send('POST', `${caseUrl()}/components`, {
    payload: { version: (accepted.body as CaseReview).version, linkId: link.name.zh, supplierName: '赣州某传感器公司', note: '现场调研' },
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const withNew = (added.body as CaseReview).components.find((k) => k.linkId === link.id);
  assert.deepEqual([withNew?.method, withNew?.status, withNew?.supplierName, withNew?.decidedBy], ['manual', 'confirmed', '赣州某传感器公司', 'analyst']);
  const again = await analyst.send('POST', `${caseUrl()}/components`, {
    payload: { version: (added.body as CaseReview).version, linkId: link.id, supplierName: '赣州某传感器公司' },
  });
  assert.equal(again.status, 409);
  assert.equal(errorOf(again.body).code, 'review.component_exists');

  const admin = await server.client('admin');
  const audit = await admin.get(`/api/audit?user=analyst&targetKind=component`);
  const actions = (audit.body as { items: { action: string; ip?: string }[] }).items.map((e) => e.action);
  assert.deepEqual(actions.slice(0, 3).sort(), ['accept', 'add', 'reject']);
  assert.ok((audit.body as { items: { ip?: string }[] }).items[0]?.ip, 'the address is recorded');
});

test('re-linking a component: the old one stays rejected and a re-run of the classifier does not bring it back', async () => {
  const start = await current();
  const target = start.components.find((k) => k.method === 'classified' && k.status !== 'rejected');
  assert.ok(target, 'a classified component to move');
  const to = framework.links.find((l) => !start.components.some((k) => k.linkId === l.id));
  assert.ok(to);
  const moved = await analyst.send('PATCH', componentUrl(target.id), { payload: { version: start.version, linkId: to.id } });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  const after1 = moved.body as CaseReview;
  assert.equal(after1.components.find((k) => k.id === target.id)?.status, 'rejected');
  assert.equal(after1.components.find((k) => k.linkId === to.id)?.method, 'manual');

  const { classifier } = loadClassifier(framework, {});
  await decomposeStoredCases(server.db, classifier, registryMentionFinder, { caseIds: [caseId] });
  const rerun = await current();
  assert.equal(rerun.components.find((k) => k.id === target.id)?.status, 'rejected', 'the decision holds');
  assert.equal(rerun.components.find((k) => k.linkId === to.id)?.status, 'confirmed');
  assert.ok(rerun.version > after1.version, 'the classifier run is a change of the case too');
});

test('a stale version is a 409 with the current one; two concurrent edits on one version: one 200, one 409', async () => {
  const start = await current();
  const [a, b] = start.components.filter((k) => k.status !== 'rejected');
  assert.ok(a && b);
  const stale = await analyst.send('PATCH', componentUrl(a.id), { payload: { version: start.version - 1, status: 'confirmed' } });
  assert.equal(stale.status, 409);
  const e = errorOf(stale.body);
  assert.equal(e.code, 'server.version_conflict');
  assert.equal(e.current, start.version);
  assert.equal(e.details[0]?.current, start.version);

  const other = await server.client('analyst');
  const replies = await Promise.all([
    analyst.send('PATCH', componentUrl(a.id), { payload: { version: start.version, status: 'rejected', note: 'first' } }),
    other.send('PATCH', componentUrl(b.id), { payload: { version: start.version, status: 'rejected', note: 'second' } }),
  ]);
  assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409]);
  const now = await current();
  const notes = now.components.filter((k) => k.note === 'first' || k.note === 'second');
  assert.equal(notes.length, 1, 'only the winner was written');
});

test('bad edits: 400 with field paths, 404 for an unknown case or component', async () => {
  const start = await current();
  const bad = await analyst.send('PATCH', componentUrl(start.components[0]?.id ?? 'x'), { payload: { version: 'one', status: 'maybe', supplierId: 'a', supplierName: 'b' } });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorOf(bad.body).details.map((d) => d.path).sort(), ['body.status', 'body.version']);
  const both = await analyst.send('POST', `${caseUrl()}/components`, { payload: { version: start.version, linkId: 'x', supplierId: 'a', supplierName: 'b' } });
  assert.deepEqual(errorOf(both.body).details.map((d) => d.path), ['body.supplierName']);
  const link = await analyst.send('POST', `${caseUrl()}/components`, { payload: { version: start.version, linkId: 'no-such-link' } });
  assert.equal(link.status, 400);
  assert.equal(errorOf(link.body).details[0]?.path, 'body.linkId');
  const supplier = await analyst.send('POST', `${caseUrl()}/components`, { payload: { version: start.version, linkId: framework.links[0]?.id, supplierId: 'no-such-firm' } });
  assert.equal(supplier.status, 400);
  assert.equal(errorOf(supplier.body).details[0]?.path, 'body.supplierId');
  assert.equal((await analyst.send('PATCH', componentUrl('bm90LWEta2V5'), { payload: { version: start.version, status: 'confirmed' } })).status, 404);
  assert.equal((await analyst.send('POST', '/api/cases/no-such-case/components', { payload: { version: 0, linkId: framework.links[0]?.id } })).status, 404);
  assert.equal((await current()).version, start.version, 'nothing changed');
});

test('a <script> in a note comes back verbatim as JSON text; emoji are kept; lone surrogates are refused', async () => {
  const start = await current();
  const target = start.components[0];
  assert.ok(target);
  const note = '<script>alert("x")</script> 备注 🏭👩‍🔧 e\u0301';
  const saved = await analyst.send('PATCH', componentUrl(target.id), { payload: { version: start.version, note } });
  assert.equal(saved.status, 200);
  const reread = await analyst.get(caseUrl());
  assert.match(String(reread.headers['content-type']), /^application\/json/);
  assert.equal(reread.headers['x-content-type-options'], 'nosniff');
  assert.equal((reread.body as CaseReview).components.find((k) => k.id === target.id)?.note, note);
  assert.ok(!reread.raw.includes('<script>') || reread.raw.includes('"<script>alert(\\"x\\")</script>'), 'inside a JSON string');

  const lone = await analyst.send('PATCH', componentUrl(target.id), {
    payload: `{"version": ${(reread.body as CaseReview).version}, "note": "bad \\ud800 text"}`, headers: { 'content-type': 'application/json' },
  });
  assert.equal(lone.status, 400);
  assert.equal(errorOf(lone.body).code, 'server.lone_surrogate');
  assert.equal(errorOf(lone.body).details[0]?.path, 'body.note');
});

test('SQL in filters and ids is only text: no rows or 404, the tables intact', async () => {
  const before = await tableCounts(server.db);
  for (const attack of ["'; DROP TABLE cases; --", "x' OR '1'='1", "1; DELETE FROM users"]) {
    const listed = await analyst.get(`/api/cases?search=${encodeURIComponent(attack)}`);
    assert.equal(listed.status, 200);
    assert.equal((listed.body as { total: number }).total, 0);
    assert.equal((await analyst.get(`/api/cases/${encodeURIComponent(attack)}`)).status, 404);
    const admin = await server.client('admin');
    const audit = await admin.get(`/api/audit?user=${encodeURIComponent(attack)}&action=${encodeURIComponent(attack)}`);
    assert.equal(audit.status, 200);
    assert.equal((audit.body as { total: number }).total, 0);
    assert.equal((await admin.send('PATCH', `/api/users/${encodeURIComponent(attack)}`, { payload: { disabled: true } })).status, 404);
  }
  assert.deepEqual(await tableCounts(server.db), before);
  assert.equal((await analyst.get('/api/auth/me')).status, 200, 'users and sessions intact');
});

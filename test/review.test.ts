/**
 * The review layer: classified records never overwrite what a person decided,
 * decisions are logged with who and when, uncertain and rejected assignments
 * do not count in the supply figures, the queue puts the most consequential
 * first, and merging two records of one firm moves everything hanging off it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, loadFramework } from '../src/ingest/index.js';
import {
  Database, decide, getEnterprise, mergeEnterprises, readSupplierLinks, reviewQueue, saveClassifiedOfferings, type ClassifiedOffering,
} from '../src/store/index.js';

const framework = loadFramework();

/** A database with three enterprises (two in Jiangxi, one in Hubei) and one manual offering. */
async function smallDatabase(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-review-'));
  const file = join(dir, 'data.json');
  writeFileSync(file, JSON.stringify({
    enterprises: [
      { id: 'jx-a', name_zh: '江西甲自动化有限公司', province: '江西', kind: 'automation_vendor' },
      { id: 'jx-b', name_zh: '江西乙软件有限公司', province: '江西', kind: 'software_vendor', leader: true },
      { id: 'hb-c', name_zh: '湖北丙科技有限公司', province: '湖北', kind: 'ict', aliases: ['丙科技'] },
      { id: 'hb-c-dup', name_zh: '湖北丙科技股份有限公司', province: '湖北', credit_code: undefined, aliases: ['丙科'] },
    ],
    offerings: [
      { enterprise_id: 'jx-a', link: 'automation.controller', method: 'manual', source_kind: 'curated' },
      { enterprise_id: 'hb-c', link: 'automation.controller', method: 'manual', source_kind: 'curated' },
      { enterprise_id: 'hb-c-dup', link: 'automation.sensor', method: 'manual', source_kind: 'curated' },
    ],
  }));
  const { db } = await Database.open(join(dir, 'x.duckdb'));
  const report = await importFiles(db, [file], { framework });
  assert.deepEqual(report.issues, []);
  return db;
}

const classified = (enterpriseId: string, link: string, status: ClassifiedOffering['status'], confidence = 0.6): ClassifiedOffering => ({
  enterpriseId, link, status, confidence, alternatives: [], evidence: `${link}@0-3`,
});

async function offeringsOf(db: Database, id: string) {
  return db.all(`SELECT link, method, status, reviewed, decided_by FROM offerings WHERE enterprise_id = $id ORDER BY link`, { id });
}

test('classified offerings are written beside manual ones, never over them, and only confirmed ones count', async () => {
  const db = await smallDatabase();
  try {
    const counts = await saveClassifiedOfferings(db, ['jx-a', 'jx-b'], [
      classified('jx-a', 'automation.controller', 'confirmed'), // a manual offering holds this place
      classified('jx-a', 'automation.actuator', 'uncertain'),
      classified('jx-b', 'platform.software.production', 'confirmed', 0.9),
    ]);
    assert.deepEqual(counts, { written: 2, keptDecided: 1 });
    const a = await offeringsOf(db, 'jx-a');
    assert.deepEqual(a.map((r) => [r.link, r.method, r.status]), [
      ['automation.actuator', 'classified', 'uncertain'],
      ['automation.controller', 'manual', null],
    ]);
    const links = await readSupplierLinks(db);
    const pairs = links.map((l) => `${l.enterpriseId}|${l.link}`);
    assert.ok(pairs.includes('jx-b|platform.software.production'), 'a confirmed classified offering counts');
    assert.ok(!pairs.includes('jx-a|automation.actuator'), 'an uncertain one waits for review');
  } finally {
    db.close();
  }
});

test('re-classifying never overwrites a decision; stale undecided assignments go', async () => {
  const db = await smallDatabase();
  try {
    await saveClassifiedOfferings(db, ['jx-a', 'jx-b'], [
      classified('jx-a', 'automation.actuator', 'uncertain'),
      classified('jx-a', 'automation.sensor', 'uncertain'),
      classified('jx-b', 'platform.software.production', 'uncertain'),
    ]);
    await decide(db, { kind: 'offering', enterpriseId: 'jx-a', link: 'automation.actuator' }, 'reject', 'analyst-1', 'makes gearboxes only');
    await decide(db, { kind: 'offering', enterpriseId: 'jx-b', link: 'platform.software.production' }, 'accept', 'analyst-2');
    await decide(db, { kind: 'offering', enterpriseId: 'jx-b', link: 'platform.software.management' }, 'add', 'analyst-2');

    // The classifier now finds the rejected link confidently again, and no longer finds automation.sensor.
    const counts = await saveClassifiedOfferings(db, ['jx-a', 'jx-b'], [
      classified('jx-a', 'automation.actuator', 'confirmed', 0.95),
      classified('jx-b', 'platform.software.production', 'uncertain', 0.55),
    ]);
    assert.deepEqual(counts, { written: 0, keptDecided: 2 });
    assert.deepEqual((await offeringsOf(db, 'jx-a')).map((r) => [r.link, r.status, r.reviewed, r.decided_by]), [
      ['automation.actuator', 'rejected', true, 'analyst-1'],
      ['automation.controller', null, null, null],
    ], 'the rejection stands and the stale sensor guess is gone');
    assert.deepEqual((await offeringsOf(db, 'jx-b')).map((r) => [r.link, r.method, r.status, r.reviewed]), [
      ['platform.software.management', 'manual', 'confirmed', true],
      ['platform.software.production', 'classified', 'confirmed', true],
    ]);
    const log = await db.all(`SELECT decided_by, action, target_kind, note, decided_at IS NOT NULL AS timed FROM decisions ORDER BY decided_at, action`);
    assert.deepEqual(log.map((r) => [r.decided_by, r.action, r.target_kind, r.timed]), [
      ['analyst-1', 'reject', 'offering', true],
      ['analyst-2', 'accept', 'offering', true],
      ['analyst-2', 'add', 'offering', true],
    ]);
    assert.equal(log[0]?.note, 'makes gearboxes only');
  } finally {
    db.close();
  }
});

test('the review queue puts first the decision that changes a region most', async () => {
  const db = await smallDatabase();
  try {
    await saveClassifiedOfferings(db, ['jx-a', 'jx-b', 'hb-c'], [
      // Hubei already has a confirmed controller supplier (hb-c itself is manual there); Jiangxi has jx-a.
      classified('hb-c', 'automation.sensor', 'uncertain', 0.55),
      // Jiangxi has no edge supplier: the first would turn a missing link into a present one; jx-b is a leader.
      classified('jx-b', 'automation.edge', 'uncertain', 0.65),
      classified('jx-a', 'automation.edge', 'uncertain', 0.52),
    ]);
    const queue = await reviewQueue(db);
    assert.deepEqual(queue.map((i) => `${i.subject}|${i.link}`), ['jx-b|automation.edge', 'jx-a|automation.edge', 'hb-c|automation.sensor']);
    assert.equal(queue[0]?.regionCount, 0);
    assert.equal(queue[2]?.regionCount, 1, 'hb-c-dup already supplies sensors in Hubei');
    assert.ok((queue[0]?.consequence ?? 0) > (queue[1]?.consequence ?? 0));
  } finally {
    db.close();
  }
});

test('merging two records of one firm moves its offerings, keeps the old id as an alias and still finds it', async () => {
  const db = await smallDatabase();
  try {
    await mergeEnterprises(db, 'hb-c-dup', 'hb-c', 'analyst-1');
    const kept = await getEnterprise(db, 'hb-c');
    assert.ok(kept);
    assert.deepEqual(kept.offerings.map((o) => o.link).sort(), ['automation.controller', 'automation.sensor']);
    for (const alias of ['hb-c-dup', '湖北丙科技股份有限公司', '丙科', '丙科技']) assert.ok(kept.enterprise.aliases.includes(alias), alias);
    const byOldId = await getEnterprise(db, 'hb-c-dup');
    assert.equal(byOldId?.enterprise.id, 'hb-c');
    const left = await db.one(`SELECT count(*)::INTEGER AS n FROM enterprises WHERE id = 'hb-c-dup'`);
    assert.equal(left?.n, 0);
    const log = await db.one(`SELECT action, decided_by FROM decisions`);
    assert.deepEqual([log?.action, log?.decided_by], ['merge', 'analyst-1']);
  } finally {
    db.close();
  }
});

/**
 * Decomposing the default dataset's cases: components carry evidence that points
 * into the case text, suppliers are resolved against the registry (never
 * guessed), the analyst's manual decomposition is never overwritten, reviewed
 * decisions survive a second run, and the automatic decomposition is compared
 * with the manual one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier, decomposeCase, jiebaSegmenter } from '../src/classify/index.js';
import { decomposeStoredCases, importFiles, loadFramework, readDatasetManifest, registryMentionFinder } from '../src/ingest/index.js';
import { Database, decide, decideSupplierMatch, getCase, listEnterprises, listSupplierMatches } from '../src/store/index.js';

type Json = Record<string, unknown>;
const framework = loadFramework();
const classifier = Classifier.create(framework, { segmenter: jiebaSegmenter });
const manifest = readDatasetManifest();
const records = (entity: string): Json[] =>
  manifest.files.flatMap((file) => ((JSON.parse(readFileSync(file, 'utf8')) as Record<string, Json[]>)[entity] ?? []));

async function defaultDatabase(): Promise<Database> {
  const { db } = await Database.open(join(mkdtempSync(join(tmpdir(), 'chainatlas-decompose-')), 'x.duckdb'));
  const report = await importFiles(db, manifest.files, { framework });
  assert.equal(report.committed, true);
  return db;
}

const manualRows = async (db: Database) =>
  db.all(`SELECT * EXCLUDE (import_id) FROM components WHERE method = 'manual' ORDER BY ALL`);

test('every case decomposes into components whose evidence is the case text itself', async () => {
  const db = await defaultDatabase();
  try {
    const find = registryMentionFinder((await listEnterprises(db)).items);
    for (const item of records('cases')) {
      const stored = (await getCase(db, String(item.id)))?.case;
      assert.ok(stored);
      const d = decomposeCase(stored, classifier, find);
      for (const component of d.components) {
        assert.ok(framework.links.some((l) => l.id === component.link));
        assert.ok(component.confidence >= 0.5 && component.confidence <= 1, `${d.caseId} ${component.link}`);
        for (const piece of component.evidence.split('; ')) {
          const match = /^(\w+):(.+)@(\d+)-(\d+)$/.exec(piece);
          assert.ok(match, piece);
          const text = stored[match[1] as 'descriptionZh'] as string;
          const words = text.slice(Number(match[3]), Number(match[4]));
          assert.ok(words.length > 0, piece);
          // The words found normalise to the keyword (case and width aside; an English keyword also matches its plural).
          const found = words.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
          const term = match[2]?.normalize('NFKC').toLowerCase() ?? '';
          assert.ok([term, `${term}s`, `${term}es`].includes(found), `${piece}: ${found}`);
        }
      }
      for (const m of d.mentions) assert.equal(stored[m.field]?.slice(m.start, m.end), m.text);
    }
  } finally {
    db.close();
  }
});

test('suppliers named in a case resolve to the registry; the customer is not a supplier', async () => {
  const db = await defaultDatabase();
  try {
    const report = await decomposeStoredCases(db, classifier, registryMentionFinder, { caseIds: ['jx-xinlianxin-uav-grid-inspection', 'jx-longqi-5g-smart-factory'] });
    const uav = report.cases.find((c) => c.caseId === 'jx-xinlianxin-uav-grid-inspection');
    const edge = uav?.decomposition.components.find((c) => c.link === 'automation.edge');
    assert.equal(edge?.supplierId, 'china-unicom-jiangxi', 'the paper lists this case under Jiangxi Unicom');
    const longqi = report.cases.find((c) => c.caseId === 'jx-longqi-5g-smart-factory');
    const suppliers = new Set(longqi?.decomposition.components.map((c) => c.supplierId));
    assert.deepEqual([...suppliers], ['china-mobile-jiangxi']);
    assert.ok(longqi?.decomposition.mentions.every((m) => !m.text.includes('龙旗')), 'the customer is not taken for a supplier');
  } finally {
    db.close();
  }
});

test('decompose never touches the manual decomposition, and a reviewed decision survives the next run', async () => {
  const db = await defaultDatabase();
  try {
    const manualBefore = await manualRows(db);
    const first = await decomposeStoredCases(db, classifier, registryMentionFinder);
    assert.deepEqual(await manualRows(db), manualBefore, 'manual components are unchanged');
    // Every link the analyst placed in a case is kept out of the classified rows.
    const overlap = await db.one(`SELECT count(*)::INTEGER AS n FROM components c JOIN components m
      ON m.case_id = c.case_id AND m.link = c.link AND m.method = 'manual' WHERE c.method = 'classified'`);
    assert.equal(overlap?.n, 0);
    assert.equal(first.written + first.keptDecided, first.cases.reduce((n, c) => n + c.decomposition.components.length, 0));

    const classified = await db.all(`SELECT case_id, link FROM components WHERE method = 'classified' ORDER BY case_id, link`);
    assert.ok(classified.length > 0, 'the classifier adds links the manual decomposition lacks');
    const target = classified[0] as { case_id: string; link: string };
    await decide(db, { kind: 'component', caseId: target.case_id, link: target.link }, 'reject', 'analyst-1');

    const second = await decomposeStoredCases(db, classifier, registryMentionFinder);
    const rows = await db.all(`SELECT status, reviewed, decided_by FROM components WHERE case_id = $c AND link = $l`, { c: target.case_id, l: target.link });
    assert.deepEqual(rows.map((r) => [r.status, r.reviewed, r.decided_by]), [['rejected', true, 'analyst-1']], 'one row, still rejected');
    assert.equal(second.keptDecided, first.keptDecided + 1);
    assert.deepEqual(await manualRows(db), manualBefore);
  } finally {
    db.close();
  }
});

test('an unknown company name is kept as a raw name for review, never guessed; confirming it links the component', async () => {
  const db = await defaultDatabase();
  try {
    await db.run(`INSERT INTO cases (id, title_zh, customer, customer_province, description_zh, outcomes)
      VALUES ('t-1', '测试案例', '某客户', '360000', '江西瑞思智控科技有限公司为该企业部署边缘计算网关和MES制造执行系统。', NULL)`);
    const report = await decomposeStoredCases(db, classifier, registryMentionFinder, { caseIds: ['t-1'] });
    const item = report.cases[0];
    assert.deepEqual(item?.unmatched, ['江西瑞思智控科技有限公司']);
    const links = item?.decomposition.components.map((c) => [c.link, c.supplierId, c.supplierName]);
    assert.deepEqual(links?.sort(), [
      ['automation.edge', undefined, '江西瑞思智控科技有限公司'],
      ['platform.software.production', undefined, '江西瑞思智控科技有限公司'],
    ]);
    const waiting = await listSupplierMatches(db, ['unmatched']);
    assert.deepEqual(waiting.map((m) => [m.caseId, m.mention]), [['t-1', '江西瑞思智控科技有限公司']]);
    // The analyst knows the firm as another record's subsidiary: confirming points the components at it.
    await decideSupplierMatch(db, 't-1', '江西瑞思智控科技有限公司', 'china-unicom-jiangxi', 'analyst-1');
    const after = await db.all(`SELECT DISTINCT supplier_id, supplier_name FROM components WHERE case_id = 't-1'`);
    assert.deepEqual(after.map((r) => [r.supplier_id, r.supplier_name]), [['china-unicom-jiangxi', null]]);
  } finally {
    db.close();
  }
});

test('the automatic decomposition is compared with the manual one, case by case', async () => {
  const db = await defaultDatabase();
  try {
    const report = await decomposeStoredCases(db, classifier, registryMentionFinder);
    const manual = new Map<string, Set<string>>();
    for (const c of records('components')) {
      const set = manual.get(String(c.case_id)) ?? new Set<string>();
      set.add(String(c.link));
      manual.set(String(c.case_id), set);
    }
    let found = 0;
    let total = 0;
    for (const item of report.cases) {
      const expected = manual.get(item.caseId);
      assert.ok(expected, item.caseId);
      const automatic = new Set(item.decomposition.components.map((c) => c.link));
      const hits = [...expected].filter((l) => automatic.has(l)).length;
      assert.equal(item.comparison?.recall, hits / expected.size, item.caseId);
      found += hits;
      total += expected.size;
    }
    assert.equal(report.comparison?.recall, found / total);
    assert.ok((report.comparison?.recall ?? 0) >= RECALL_FLOOR, `recall ${report.comparison?.recall}`);
  } finally {
    db.close();
  }
});

/** The automatic decomposition must find at least this share of the paper's manual links (measured: see docs/classifier.md). */
const RECALL_FLOOR = 0.8;

/**
 * Classifying the stored enterprises: offerings derived from descriptions, the
 * industry code as a second opinion that lifts weak evidence to review but never
 * assigns a link alone, and re-runs that replace only undecided guesses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier, classifyEnterprise, industryCandidates, jiebaSegmenter } from '../src/classify/index.js';
import { classifyFile, classifyStoredEnterprises, databaseSink, importFiles, loadFramework, readIndustryLinks } from '../src/ingest/index.js';
import { parseFramework } from '../src/framework/index.js';
import { Database, decide } from '../src/store/index.js';

const framework = loadFramework();
const classifier = Classifier.create(framework, { segmenter: jiebaSegmenter });
const industries = readIndustryLinks(framework);

test('the industry table names only framework links, and the longest listed prefix of a code applies', () => {
  const known = new Set(framework.links.map((l) => l.id));
  for (const links of industries.values()) for (const link of links) assert.ok(known.has(link), link);
  assert.deepEqual(industryCandidates(industries, '4011'), industries.get('4011'));
  // 4019 is not listed: its group 401 applies; 4 alone is no code.
  assert.deepEqual(industryCandidates(industries, '4019'), industries.get('401'));
  assert.deepEqual(industryCandidates(industries, '40'), industries.get('40'));
  assert.deepEqual(industryCandidates(industries, '01'), []);
  assert.deepEqual(industryCandidates(industries, undefined), []);
});

test('an industry code lifts a link with some evidence to uncertain, and never adds one without evidence', () => {
  // Another chain, so that the rule is tested apart from the shipped keywords: one weak word is not enough alone.
  const chain = parseFramework({
    id: 'test-chain', version: '1', name: { zh: '测试链', en: 'Test chain' },
    segments: [{ id: 'ctl', name: { zh: '控制', en: 'Control' } }],
    links: [{
      id: 'ctl.device', segment: 'ctl', name: { zh: '控制设备', en: 'Control devices' }, position: 'upstream', threshold: 2,
      keywords: [{ term: '控制器', weight: 1 }, { term: 'PLC', weight: 3 }],
    }],
  }, 'test-chain.json').value;
  assert.ok(chain);
  const small = Classifier.create(chain);
  const table = new Map([['4011', ['ctl.device']]]);
  const base = { id: 'x', aliases: [], leader: false, extra: {}, description: '公司提供控制器配套服务' };
  assert.equal(small.classify(base.description).links[0]?.status, 'rejected', 'the text alone does not reach the threshold');
  assert.deepEqual(classifyEnterprise({ ...base, industryCode: '01' }, small, table), []);
  const lifted = classifyEnterprise({ ...base, industryCode: '4011' }, small, table);
  assert.deepEqual(lifted.map((a) => [a.link, a.status, a.byIndustry]), [['ctl.device', 'uncertain', true]]);
  // A strong text needs no industry, and a firm whose text says nothing of the chain gets no link from its industry.
  assert.deepEqual(classifyEnterprise({ ...base, description: 'PLC与控制器' }, small, table).map((a) => [a.link, a.byIndustry]), [['ctl.device', false]]);
  assert.deepEqual(classifyEnterprise({ ...base, description: '公司经营办公用品批发', industryCode: '4011' }, small, table), []);
});

test('stored enterprises are classified into offerings; decided ones stay and a re-run changes nothing else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-classify-'));
  const file = join(dir, 'enterprises.json');
  writeFileSync(file, JSON.stringify({
    enterprises: [
      { id: 'e-mes', name_zh: '江西甲软件有限公司', province: '江西', description: '主营MES制造执行系统、WMS仓储管理系统和ERP企业资源计划软件' },
      { id: 'e-drive', name_zh: '江西乙电气有限公司', province: '江西', description: '变频器、伺服驱动器、PLC可编程控制器的研发与销售' },
      { id: 'e-none', name_zh: '江西丙食品有限公司', province: '江西', description: '饼干、糖果和饮料的生产销售' },
      { id: 'e-empty', name_zh: '江西丁贸易有限公司', province: '江西' },
    ],
  }));
  const { db } = await Database.open(join(dir, 'x.duckdb'));
  try {
    assert.equal((await importFiles(db, [file], { framework })).committed, true);
    const first = await classifyStoredEnterprises(db, classifier, industries);
    assert.equal(first.enterprises, 4);
    assert.equal(first.withText, 3);
    const links = async (id: string) =>
      (await db.all(`SELECT link FROM offerings WHERE enterprise_id = $id AND status <> 'rejected' ORDER BY link`, { id })).map((r) => r.link);
    const mes = await links('e-mes');
    for (const link of ['platform.software.production', 'platform.software.management']) assert.ok(mes.includes(link), link);
    const drive = await links('e-drive');
    for (const link of ['automation.actuator', 'automation.controller']) assert.ok(drive.includes(link), link);
    assert.deepEqual(await links('e-none'), []);
    assert.deepEqual(await links('e-empty'), []);

    await decide(db, { kind: 'offering', enterpriseId: 'e-drive', link: 'automation.controller' }, 'reject', 'analyst-1');
    const snapshot = await db.all(`SELECT enterprise_id, link, status, confidence, reviewed FROM offerings ORDER BY ALL`);
    const second = await classifyStoredEnterprises(db, classifier, industries);
    assert.equal(second.keptDecided, 1);
    assert.deepEqual(await db.all(`SELECT enterprise_id, link, status, confidence, reviewed FROM offerings ORDER BY ALL`), snapshot);
  } finally {
    db.close();
  }
});

test('a classified file goes into the database: firms matched by credit code or name, decisions kept, unknown firms counted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-classify-db-'));
  const stored = join(dir, 'stored.json');
  writeFileSync(stored, JSON.stringify({
    enterprises: [
      { id: 'e-1', name_zh: '江西甲电气有限公司', province: '江西', credit_code: '91360100MA35ABCD1R' },
      { id: 'e-2', name_zh: '江西乙软件有限公司', province: '江西' },
    ],
  }));
  const registry = join(dir, 'registry.csv');
  writeFileSync(registry, [
    '企业名称,统一社会信用代码,经营范围',
    '江西甲电气有限公司（新名称）,91360100MA35ABCD1R,变频器、伺服驱动器、PLC可编程控制器',
    '江西乙软件有限公司,,MES制造执行系统、ERP企业资源计划软件',
    '江西丙不在库有限公司,,工业防火墙、态势感知平台',
  ].join('\n'));
  const { db } = await Database.open(join(dir, 'x.duckdb'));
  try {
    assert.equal((await importFiles(db, [stored], { framework })).committed, true);
    const first = await classifyFile(registry, { framework, sink: databaseSink(db).sink, threads: 1 });
    assert.equal(first.completed, true);
    const rejected = await decide(db, { kind: 'offering', enterpriseId: 'e-2', link: 'platform.software.management' }, 'reject', 'analyst-1');
    assert.equal(rejected.changed, 1, 'the first run placed e-2 on management software');
    const { sink, counts } = databaseSink(db);
    const report = await classifyFile(registry, { framework, sink, threads: 1 });
    assert.equal(report.completed, true);
    const rows = await db.all(`SELECT enterprise_id, link, method, status FROM offerings ORDER BY ALL`);
    const links = (id: string) => rows.filter((r) => r.enterprise_id === id && r.status !== 'rejected').map((r) => r.link);
    for (const link of ['automation.actuator', 'automation.controller']) assert.ok(links('e-1').includes(link), `e-1 by credit code: ${link}`);
    assert.ok(links('e-2').includes('platform.software.production'), 'e-2 by name');
    assert.ok(rows.some((r) => r.enterprise_id === 'e-2' && r.link === 'platform.software.management' && r.status === 'rejected'), 'the rejection stands');
    assert.ok(counts.keptDecided >= 1);
    assert.ok(counts.unknownEnterprise >= 2, 'the firm the database lacks is counted, not added');
    assert.equal(rows.filter((r) => !['e-1', 'e-2'].includes(String(r.enterprise_id))).length, 0);
  } finally {
    db.close();
  }
});

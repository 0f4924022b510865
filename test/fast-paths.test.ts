/**
 * The import's fast paths against the plain code they stand for (copied here as
 * the reference, as it was before the fast paths): the same result on any input
 * drawn from the characters that matter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkCreditCode } from '../src/ingest/credit-code.js';
import { isBlank, nfkc, startsWithFormula } from '../src/ingest/fast-text.js';
import { readCreditCode, readDate, readMoney } from '../src/ingest/parse-cell.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function referenceCheckCreditCode(code: string): string | undefined {
  if (code.length !== 18) return 'length';
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const value = ALPHABET.indexOf(code[i] as string);
    if (value < 0) return 'characters';
    if (i < 17) sum += value * (WEIGHTS[i] as number);
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'region';
  return code[17] === ALPHABET[(31 - (sum % 31)) % 31] ? undefined : 'check_digit';
}

const MONEY_UNITS: Record<string, number> = {
  '元': 1, '人民币': 1, '元人民币': 1, 'yuan': 1, 'cny': 1, 'rmb': 1,
  '万': 1e4, '万元': 1e4, '万人民币': 1e4, '万元人民币': 1e4, '亿': 1e8, '亿元': 1e8, '亿元人民币': 1e8,
};
const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

function referenceMoney(raw: string, headerUnit?: string): unknown {
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, '');
  const match = /^([+-]?[\d,]+(?:\.\d+)?)(.*)$/.exec(text);
  if (!match) return { ok: false, code: 'ingest.not_number' };
  const digits = (match[1] as string).normalize('NFKC').trim().replace(/\s+/g, '');
  if (!NUMBER.test(digits)) return { ok: false, code: 'ingest.not_number' };
  const unit = (match[2] || headerUnit || '元').toLowerCase();
  const factor = MONEY_UNITS[unit];
  if (factor === undefined) return { ok: false, code: 'ingest.bad_unit', unit };
  return { ok: true, value: Number(digits.replace(/,/g, '')) * factor };
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1800 && y <= 2100;
}

function referenceDate(raw: string): string | undefined {
  const text = raw.normalize('NFKC').trim();
  const ymd = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    return validDate(y, m, d) ? `${ymd[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : undefined;
  }
  const year = text.replace(/年$/, '');
  return /^\d{4}$/.test(year) && Number(year) >= 1900 && Number(year) <= 2100 ? String(Number(year)) : undefined;
}

const from = (chars: readonly string[], maxLength = 20) => fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));
const DIGITS = '0123456789'.split('');
const SOME_TEXT = [...DIGITS, ' ', '\u3000', '\t', ',', '.', '-', '+', '万', '元', '亿', '人', '民', '币', 'Y', 'u', 'a', 'n', 'c', 'y', '５', '萬', '年', '月', '日', '/', 'T', ':', '=', 'A', 'Z', 'I', 'O', '\u00a0', '\ufeff', '江'];

test('readMoney: the fast path gives what the general path gives', () => {
  const money = fc.oneof(
    from(SOME_TEXT),
    fc.tuple(from(DIGITS, 12), fc.constantFrom(...Object.keys(MONEY_UNITS), 'YUAN', 'constructor', '', '万元 ')).map(([d, u]) => d + u),
  );
  fc.assert(fc.property(money, fc.constantFrom(undefined, '万元', 'yuan'), (raw, unit) => {
    const got = readMoney(raw, unit);
    const want = referenceMoney(raw, unit) as { ok: boolean; value?: number; code?: string; unit?: string };
    assert.equal(got.ok, want.ok, raw);
    if (got.ok) assert.ok(Object.is(got.value, want.value), raw);
    else assert.equal(got.code, want.code, raw);
  }), { numRuns: 20_000 });
});

test('readDate: the fast path gives what the general path gives', () => {
  const date = fc.oneof(
    from(SOME_TEXT),
    fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  );
  fc.assert(fc.property(date, (raw) => {
    const got = readDate(raw);
    assert.equal(got.ok ? got.value : undefined, referenceDate(raw), raw);
  }), { numRuns: 20_000 });
});

test('credit codes: table lookups and the plain-code path change nothing', () => {
  const chars = [...ALPHABET.split(''), 'I', 'O', 'S', 'V', 'Z', 'a', 'x', ' ', '-', '０', 'Ａ', '\u0130'];
  const code = fc.oneof(from(chars, 20), fc.array(fc.constantFrom(...chars), { minLength: 18, maxLength: 18 }).map((a) => a.join('')));
  fc.assert(fc.property(code, (raw) => {
    assert.equal(checkCreditCode(raw), referenceCheckCreditCode(raw), raw);
    const normalised = raw.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '');
    const got = readCreditCode(raw);
    assert.equal(got.ok, referenceCheckCreditCode(normalised) === undefined, raw);
    if (got.ok) assert.equal(got.value, normalised);
  }), { numRuns: 20_000 });
});

test('text helpers equal the plain forms', () => {
  const text = fc.oneof(fc.string(), from(SOME_TEXT), fc.string({ unit: 'binary' }));
  fc.assert(fc.property(text, (raw) => {
    assert.equal(nfkc(raw), raw.normalize('NFKC'));
    assert.equal(isBlank(raw), raw.trim() === '');
    assert.equal(startsWithFormula(raw), raw.trimStart().startsWith('='));
  }), { numRuns: 20_000 });
});

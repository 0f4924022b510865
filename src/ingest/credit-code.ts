/**
 * Unified social credit code (GB 32100-2015): 18 characters from a 31-letter
 * alphabet (digits and capitals without I, O, S, V, Z), whose last character is a
 * mod-31 check over the first 17, and whose characters 3–8 are an administrative
 * division code. Only the standard's own check digit is verified: the embedded
 * organisation code's older mod-11 check is not applied uniformly to codes issued
 * since 2015, so checking it would reject real firms.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'characters' | 'region' | 'check_digit';

/** Each character's value in the alphabet, by character code (-1: not in it). */
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export function checkCreditCode(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return 'length';
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const c = code.charCodeAt(i);
    const value = c < 128 ? (VALUES[c] as number) : -1;
    if (value < 0) return 'characters';
    if (i < 17) sum += value * (WEIGHTS[i] as number);
  }
  // Characters 3–8: six decimal digits.
  for (let i = 2; i < 8; i++) if (code.charCodeAt(i) < 0x30 || code.charCodeAt(i) > 0x39) return 'region';
  const expected = ALPHABET[(31 - (sum % 31)) % 31];
  return code[17] === expected ? undefined : 'check_digit';
}

/** Appends the right check digit to 17 characters: used to make valid test data. */
export function withCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

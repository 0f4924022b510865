/**
 * Password hashing with node's built-in scrypt (RFC 7914), a memory-hard KDF:
 * a 16-byte random salt per password, cost N = 2^15, r = 8, p = 1 (32 MiB and
 * roughly 0.1 s per hash on a laptop core — OWASP's minimum for scrypt is
 * N = 2^17 with r = 8 at 128 MiB; 2^15 keeps sign-in quick on a small server
 * and is stated in each hash, so it can be raised later without breaking old
 * ones). Stored as `scrypt$N$r$p$salt$hash` (base64url); compared with
 * `timingSafeEqual`. An unknown user is checked against a dummy hash, so a
 * failed sign-in takes as long whether or not the name exists.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
export const MIN_PASSWORD_LENGTH = 8;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem: scrypt needs 128 · N · r bytes; node's default ceiling (32 MiB) is just too small for N = 2^15, r = 8.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_COST);
  const { N, r, p } = SCRYPT_COST;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

// Checked when there is no stored hash to check against (an unknown or disabled user).
let dummyHash: Promise<string> | undefined;

/** Whether `password` matches `stored`; with no stored hash, the same work against a dummy one, and false. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const hash = stored ?? (await (dummyHash ??= hashPassword(randomBytes(12).toString('hex'))));
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected) && stored !== undefined;
}

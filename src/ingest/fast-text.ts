/**
 * String operations of the import's hot path, in forms that skip work a million
 * rows would otherwise repeat: each gives exactly the result of the plain form
 * it replaces (named in its comment).
 */

/**
 * `text.normalize('NFKC')`, without calling ICU for text made only of ASCII and
 * CJK Unified Ideographs (U+4E00–U+9FFF): none of those characters has a
 * compatibility or canonical decomposition, nor composes with a neighbour, so
 * such text is already in NFKC. Full-width forms, compatibility ideographs and
 * the rest take the normal path.
 */
export function nfkc(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && (c < 0x4e00 || c > 0x9fff)) return text.normalize('NFKC');
  }
  return text;
}

// JavaScript's \s is exactly the set String.prototype.trim removes (WhiteSpace and LineTerminator).
const NON_SPACE = /\S/;

/** `text.trim() === ''`, without making the trimmed copy. */
export function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  // A printable ASCII first character is never trimmed.
  if (c > 0x20 && c < 0x7f) return false;
  return !NON_SPACE.test(text);
}

/** `text.trimStart().startsWith('=')`, without making the trimmed copy. */
export function startsWithFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x3d) return true;
  if (c > 0x20 && c < 0x7f) return false;
  return text.trimStart().startsWith('=');
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. A cell
 * cut from a block of the file keeps the whole block alive as long as it lives
 * (V8 slices); a value kept for the whole import (a duplicate-check key, an
 * issue's value) is detached first so that the file's text can be collected.
 */
export function detach(text: string): string {
  // JSON.parse builds a fresh flat string, and the round trip is exact for every string (lone surrogates included).
  return JSON.parse(JSON.stringify(text)) as string;
}

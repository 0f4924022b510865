/**
 * Chinese word segmentation (jieba, through @node-rs/jieba and its bundled
 * dictionary) as a Segmenter: word boundaries of a normalised text. The
 * dictionary loads once, on first use (about 0.2 s).
 *
 * jieba cuts a text into blocks at the characters its word pattern excludes
 * (spaces among them), segments each block alone and makes each space a word
 * of its own: it is space-local (see Segmenter), which the classifier uses to
 * segment only the runs that need it (test/classify-equivalence.test.ts checks it).
 * Results are kept for short texts (see `cache`): the same text always cuts the same.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from './lexicon.js';

let jieba: Jieba | undefined;

/**
 * Boundaries of the short texts cut so far. The runs the classifier asks for are
 * mostly phrases that recur from firm to firm (business scopes are written from a
 * catalogue of standard phrases): a lookup is far cheaper than a call into jieba.
 * Bounded: emptied when full.
 */
const cache = new Map<string, readonly number[]>();
const CACHE_ENTRIES = 50_000;
const CACHED_LENGTH = 64;

function cut(text: string): readonly number[] {
  jieba ??= Jieba.withDict(dict);
  const boundaries = [0];
  let at = 0;
  for (const word of jieba.cut(text, false)) {
    at += word.length;
    boundaries.push(at);
  }
  return boundaries;
}

function segment(text: string): readonly number[] {
  if (text.length > CACHED_LENGTH) return cut(text);
  let boundaries = cache.get(text);
  if (!boundaries) {
    if (cache.size >= CACHE_ENTRIES) cache.clear();
    boundaries = cut(text);
    cache.set(text, boundaries);
  }
  return boundaries;
}

export const jiebaSegmenter: Segmenter = Object.assign(segment, { spaceLocal: true });

/**
 * Chinese word segmentation (jieba, through @node-rs/jieba and its bundled
 * dictionary) as a Segmenter: word boundaries of a normalised text. The
 * dictionary loads once, on first use (about 0.2 s).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from './lexicon.js';

let jieba: Jieba | undefined;

export const jiebaSegmenter: Segmenter = (text) => {
  jieba ??= Jieba.withDict(dict);
  const boundaries = [0];
  let at = 0;
  for (const word of jieba.cut(text, false)) {
    at += word.length;
    boundaries.push(at);
  }
  return boundaries;
};

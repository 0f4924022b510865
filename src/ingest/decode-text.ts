/**
 * Streaming text decoding for CSV files in UTF-8 (with or without BOM) or
 * GB18030/GBK, detected from the bytes. The file's encoding is that of its first
 * non-ASCII line; a later line in the other encoding is reported as a mixed
 * encoding with its line number, as is a line that is valid in neither.
 * Lines are split on LF, which never occurs inside a GB18030 or UTF-8 multibyte sequence.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { createRequire } from 'node:module';
import type { Issue } from '../model/index.js';
import { issue } from '../model/index.js';

let iconv: typeof import('iconv-lite') | undefined;
/**
 * GB18030 bytes as text, through iconv-lite loaded on first need: most files are
 * UTF-8, and loading it costs each classification thread some 20 ms of its start.
 */
function gb18030(bytes: Buffer): string {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  return iconv.decode(bytes, 'gb18030');
}

export type TextEncoding = 'utf-8' | 'gb18030';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LF = 0x0a;

/**
 * Valid UTF-8 to text, as `new TextDecoder('utf-8').decode(bytes)` gives it (a
 * leading byte-order mark dropped), but several times faster on Chinese text:
 * ICU's converter to UTF-16 and a copy beat the decoder on Node 20. ASCII is
 * copied as is.
 */
function decodeUtf8(bytes: Buffer, decoder: TextDecoder): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (isAscii(body)) return body.toString('latin1');
  try {
    return transcode(body, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    // A Node built without ICU has no transcode.
    return decoder.decode(bytes);
  }
}

export interface DecodeState {
  encoding?: TextEncoding;
  readonly issues: Issue[];
}

/** Decodes a byte stream into text chunks, checking each line's encoding. */
export async function* decodeText(chunks: AsyncIterable<Buffer>, file: string, state: DecodeState): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8');
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let first = true;

  function decodeBlock(block: Buffer): string {
    // Fast path: a whole block in the file's encoding (or plain ASCII) is decoded at once.
    if (state.encoding !== 'gb18030' && isUtf8(block)) {
      if (!state.encoding && !isAscii(block)) state.encoding = 'utf-8';
      line += countLines(block);
      return decodeUtf8(block, utf8);
    }
    const parts: string[] = [];
    let start = 0;
    while (start < block.length) {
      let end = block.indexOf(LF, start);
      end = end < 0 ? block.length : end + 1;
      parts.push(decodeLine(block.subarray(start, end)));
      if (block[end - 1] === LF) line++;
      start = end;
    }
    return parts.join('');
  }

  function decodeLine(bytes: Buffer): string {
    if (isAscii(bytes)) return bytes.toString('latin1');
    const validUtf8 = isUtf8(bytes);
    if (!state.encoding) state.encoding = validUtf8 ? 'utf-8' : 'gb18030';
    if (state.encoding === 'utf-8') {
      if (validUtf8) return decodeUtf8(bytes, utf8);
      const asGb = gb18030(bytes);
      state.issues.push(
        asGb.includes('\ufffd')
          ? issue('ingest.undecodable', { encoding: 'UTF-8' }, { file, row: line })
          : issue('ingest.mixed_encoding', {}, { file, row: line }),
      );
      return asGb;
    }
    if (validUtf8) {
      state.issues.push(issue('ingest.mixed_encoding', {}, { file, row: line }));
      return decodeUtf8(bytes, utf8);
    }
    const text = gb18030(bytes);
    if (text.includes('\ufffd')) state.issues.push(issue('ingest.undecodable', { encoding: 'GB18030' }, { file, row: line }));
    return text;
  }

  for await (const chunk of chunks) {
    let bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      first = false;
      if (bytes.subarray(0, 3).equals(UTF8_BOM)) {
        bytes = bytes.subarray(3);
        state.encoding = 'utf-8';
      }
    }
    const cut = bytes.lastIndexOf(LF);
    if (cut < 0) {
      carry = bytes;
      continue;
    }
    carry = Buffer.from(bytes.subarray(cut + 1));
    yield decodeBlock(bytes.subarray(0, cut + 1));
  }
  if (carry.length > 0) yield decodeBlock(carry);
}

function countLines(block: Buffer): number {
  let n = 0;
  let i = block.indexOf(LF);
  while (i >= 0) {
    n++;
    i = block.indexOf(LF, i + 1);
  }
  return n;
}

async function* oneChunk(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

/** Decodes one buffer held whole (a slice of a file cut at line ends), as decodeText decodes a stream. */
export function decodeBuffer(bytes: Buffer, file: string, state: DecodeState): AsyncGenerator<string> {
  return decodeText(oneChunk(bytes), file, state);
}

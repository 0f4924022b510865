/**
 * Finished JSON answers of the heavy read routes (a region's assessment, its
 * chain map, a link page), kept per URL and language while the data has not
 * changed: a repeated request is answered with the stored text and its ETag,
 * without building or serialising the value again, and a client that sends
 * the ETag back gets 304; one that accepts gzip gets the text compressed once,
 * when it was stored (a province's assessment shrinks about tenfold). Entries carry the data version they were made under
 * (assessment-cache.ts's `dataVersion`): one made before a change is never sent.
 *
 * Bounded by entry count and by total size (the largest assessments are
 * megabytes); the least recently used go first.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

interface Entry {
  readonly version: number;
  readonly body: string;
  readonly gzipped: Buffer;
  readonly etag: string;
}

const MAX_ENTRIES = 256;
const MAX_TOTAL_CHARS = 64 * 1024 * 1024;

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private totalChars = 0;

  /** The stored answer for `key` made under `version`, if any (and marks it recently used). */
  get(key: string, version: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.remove(key);
    if (entry.version !== version) return undefined;
    this.insert(key, entry);
    return entry;
  }

  /** Serialises `value`, stores it under `key` and `version`, and returns the entry. */
  put(key: string, version: number, value: unknown): Entry {
    const body = JSON.stringify(value);
    const entry = { version, body, gzipped: gzipSync(body), etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    this.remove(key);
    if (body.length <= MAX_TOTAL_CHARS) this.insert(key, entry);
    while (this.entries.size > MAX_ENTRIES || this.totalChars > MAX_TOTAL_CHARS) this.remove(this.entries.keys().next().value as string);
    return entry;
  }

  private insert(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.totalChars += entry.body.length + entry.gzipped.length;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalChars -= entry.body.length + entry.gzipped.length;
  }
}

/** Whether an If-None-Match header names `etag` (a list, or `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

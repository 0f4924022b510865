/**
 * Uploaded import files between the check and the commit. An upload is saved
 * under the server's own temporary folder with a random id (never the name
 * the client sent, which only names the file inside that folder), checked
 * (imports.ts), and kept until it is committed, replaced by newer ones past
 * the limit, or the server stops. Known limit: pending uploads live in this
 * process only; a restarted server has forgotten them (the file is uploaded again).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { EntityKind, Issue } from '../model/index.js';

export interface UploadedFile {
  /** The name the client gave, cleaned to a plain file name. */
  readonly fileName: string;
  /** Where it is saved. */
  readonly path: string;
  readonly dir: string;
  readonly id: string;
  /** The other (text) fields of the form. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface PendingImport {
  readonly upload: UploadedFile;
  readonly entity?: EntityKind;
  readonly issues: readonly Issue[];
  readonly rejectsFiles: readonly string[];
  readonly by: string;
  committed: boolean;
}

/** Uploads kept at once; the oldest goes first. */
const MAX_PENDING = 50;

/** A name safe to create inside our folder: no directories, no control characters, not empty, not hidden. */
export function safeFileName(name: string): string {
  const plain = basename(name.replace(/\\/g, '/')).replace(/[\p{Cc}/]/gu, '').trim().replace(/^\.+/, '');
  return (plain || 'upload').slice(-200);
}

export class UploadStore {
  private root: string | undefined;
  private readonly pending = new Map<string, PendingImport>();

  /** Saves a file stream (the multipart limit ends it with an error when too large: the partial file goes). */
  async save(stream: Readable, fileName: string, fields: Record<string, string>): Promise<UploadedFile> {
    this.root ??= mkdtempSync(join(tmpdir(), 'chainatlas-uploads-'));
    const id = randomBytes(12).toString('base64url');
    const dir = join(this.root, id);
    mkdirSync(dir);
    const name = safeFileName(fileName);
    const path = join(dir, name);
    try {
      await pipeline(stream, createWriteStream(path));
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return { fileName: name, path, dir, id, fields };
  }

  keep(entry: PendingImport): void {
    this.pending.set(entry.upload.id, entry);
    for (const [id, old] of this.pending) {
      if (this.pending.size <= MAX_PENDING) break;
      this.pending.delete(id);
      rmSync(old.upload.dir, { recursive: true, force: true });
    }
  }

  get(id: string): PendingImport | undefined {
    return this.pending.get(id);
  }

  discard(upload: UploadedFile): void {
    rmSync(upload.dir, { recursive: true, force: true });
  }

  /** After a request: an upload its handler did not keep goes. */
  release(upload: UploadedFile): void {
    if (!this.pending.has(upload.id)) this.discard(upload);
  }

  /** Removes every upload (the server is closing). */
  dispose(): void {
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
    this.pending.clear();
  }
}

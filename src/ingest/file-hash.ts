/**
 * SHA-256 of a file, for the import log. A large file is hashed on a worker
 * thread, so that hashing runs beside the reading of its rows instead of after
 * it; a small one in this thread, where a worker would cost more than it saves.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Files at least this large are hashed on a worker thread. */
const WORKER_BYTES = 32 * 1024 * 1024;

// CommonJS, as `eval: true` workers run: hashes workerData (a path) and posts the hex digest.
const HASH_WORKER = `
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const hash = createHash('sha256');
createReadStream(workerData)
  .on('data', (chunk) => hash.update(chunk))
  .on('error', (error) => { throw error; })
  .on('end', () => parentPort.postMessage(hash.digest('hex')));
`;

async function hashHere(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function hashOnWorker(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: path });
    worker.once('message', (digest: string) => resolve(digest));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`file hash worker stopped (${code})`)));
  });
}

/**
 * Starts hashing the file and returns the digest's promise, already marked as
 * handled: a failure surfaces where the promise is awaited, not as an unhandled rejection.
 */
export function startFileHash(path: string): Promise<string> {
  let large = false;
  try {
    large = statSync(path).size >= WORKER_BYTES;
  } catch {
    // Unreadable: hashing here reports the error where it is awaited.
  }
  const digest = large ? hashOnWorker(path) : hashHere(path);
  digest.catch(() => undefined);
  return digest;
}

/**
 * `chainatlas serve` end to end: the real process on a free port (port 0),
 * answering over the network what `chainatlas assess --json` and
 * `targets --json` print for the same database, then stopping on SIGTERM
 * with exit code 0. A bad --port is a usage error before anything listens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const env = { ...process.env, CHAINATLAS_LANG: 'en' };

function cli(dbFile: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [CLI, '--db', dbFile, '--json', ...args], { cwd: ROOT, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('serve answers what assess --json and targets --json print, and stops cleanly on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-serve-'));
  const dbFile = join(dir, 'x.duckdb');
  try {
    assert.equal(cli(dbFile, ['init']).status, 0);
    const assessed = cli(dbFile, ['assess', '--region', '江西']);
    assert.equal(assessed.status, 0, assessed.stderr);
    const targets = cli(dbFile, ['targets', '--region', '江西', '--link', 'platform.integrated', '--limit', '3']);
    assert.equal(targets.status, 0, targets.stderr);

    const child = spawn(process.execPath, [CLI, '--db', dbFile, 'serve', '--port', '0', '--no-auth'], { cwd: ROOT, env });
    let stderr = '';
    const address = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(stderr);
        if (found) resolve(found[0]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    try {
      const health = await fetch(`${address}/api/health`);
      assert.equal(health.status, 200);
      const api = await fetch(`${address}/api/assessments/${encodeURIComponent('江西')}`);
      assert.equal(api.status, 200);
      assert.deepEqual(await api.json(), JSON.parse(assessed.stdout));
      const t = await fetch(`${address}/api/targets/${encodeURIComponent('江西')}/platform.integrated?limit=3`);
      assert.deepEqual(await t.json(), JSON.parse(targets.stdout));
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve refuses a bad --port', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-serve-'));
  try {
    const r = cli(join(dir, 'x.duckdb'), ['serve', '--port', 'eighty']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /--port/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

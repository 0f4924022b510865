/**
 * `chainatlas serve` end to end: the real process on a free port (port 0),
 * answering over the network what `chainatlas assess --json` and
 * `targets --json` print for the same database, then stopping on SIGTERM
 * with exit code 0. A bad --port is a usage error before anything listens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * `serve --port 0` (or `start`) as a real process: the address it prints, what it wrote to stderr by then, and a
 * stop that expects exit code 0 on SIGTERM.
 */
async function startServe(
  dbFile: string, args: readonly string[], command: 'serve' | 'start' = 'serve',
): Promise<{ address: string; stderr: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, '--db', dbFile, command, '--port', '0', ...args], { cwd: ROOT, env });
  let stderr = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(stderr);
      if (found) resolve(found[0]);
    });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${stderr}`)));
  });
  return {
    address,
    stderr,
    stop: async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
    },
  };
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

    const { address, stop } = await startServe(dbFile, ['--no-auth']);
    try {
      const health = await fetch(`${address}/api/health`);
      assert.equal(health.status, 200);
      const api = await fetch(`${address}/api/assessments/${encodeURIComponent('江西')}?suppliers=all`);
      assert.equal(api.status, 200);
      assert.deepEqual(await api.json(), JSON.parse(assessed.stdout));
      const t = await fetch(`${address}/api/targets/${encodeURIComponent('江西')}/platform.integrated?limit=3`);
      assert.deepEqual(await t.json(), JSON.parse(targets.stdout));
    } finally {
      await stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('start on a folder without a database creates it from the default dataset, then serves the web app and the API', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-start-'));
  const dbFile = join(dir, 'new.duckdb');
  try {
    const { address, stderr, stop } = await startServe(dbFile, [], 'start');
    try {
      assert.match(stderr, /web app/);
      // No user yet: the quick start serves this machine without sign-in, and says how to add the first admin.
      assert.match(stderr, /no sign-in \(this machine only\)/);
      assert.match(stderr, /users add <username> --role admin/);
      const page = await fetch(`${address}/chain/360000`, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/);
      const map = await fetch(`${address}/api/chain-map/36`);
      const body = (await map.json()) as { segments: { links: unknown[] }[] };
      assert.equal(body.segments.flatMap((s) => s.links).length, 31, 'the default dataset was loaded and assessed');
    } finally {
      await stop();
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

function cliWithInput(dbFile: string, args: readonly string[], input: string) {
  const result = spawnSync(process.execPath, [CLI, '--db', dbFile, '--json', ...args], { cwd: ROOT, encoding: 'utf8', env, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('serve without users says how to create the first admin; --no-auth is refused off loopback', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-serve-'));
  const dbFile = join(dir, 'x.duckdb');
  try {
    assert.equal(cli(dbFile, ['init', '--empty']).status, 0);
    const none = cli(dbFile, ['serve', '--port', '0']);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /users add <username> --role admin/);
    const open = cli(dbFile, ['serve', '--port', '0', '--no-auth', '--host', '0.0.0.0']);
    assert.equal(open.status, 1);
    assert.match(open.stderr, /--no-auth works on a loopback address only/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('users add|list|passwd|disable from the CLI, then sign-in over the network with that admin', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-serve-'));
  const dbFile = join(dir, 'x.duckdb');
  try {
    assert.equal(cli(dbFile, ['init', '--empty']).status, 0);
    const added = cliWithInput(dbFile, ['users', 'add', 'Chief', '--role', 'admin', '--display-name', '管理员', '--password-stdin'], 'first password 1\n');
    assert.equal(added.status, 0, added.stderr);
    assert.deepEqual(JSON.parse(added.stdout), { username: 'chief', displayName: '管理员', role: 'admin' });
    assert.equal(cliWithInput(dbFile, ['users', 'add', 'chief', '--role', 'admin', '--password-stdin'], 'another pw 2\n').status, 1, 'exists');
    assert.match(cliWithInput(dbFile, ['users', 'add', 'v', '--role', 'viewer', '--password-stdin'], 'x\n').stderr, /invalid username/);
    assert.match(cliWithInput(dbFile, ['users', 'add', 'viewer1', '--role', 'boss', '--password-stdin'], 'long enough\n').stderr, /--role/);
    assert.match(cliWithInput(dbFile, ['users', 'add', 'viewer1', '--role', 'viewer', '--password-stdin'], 'short\n').stderr, /at least 8/);
    const noTty = cliWithInput(dbFile, ['users', 'add', 'viewer1', '--role', 'viewer'], '');
    assert.equal(noTty.status, 1);
    assert.match(noTty.stderr, /--password-stdin/);
    assert.equal(cliWithInput(dbFile, ['users', 'add', 'viewer1', '--role', 'viewer', '--password-stdin'], 'viewer password\n').status, 0);
    assert.equal(cliWithInput(dbFile, ['users', 'passwd', 'chief', '--password-stdin'], 'second password 2\n').status, 0);
    assert.equal(cli(dbFile, ['users', 'disable', 'viewer1']).status, 0);
    const listed = JSON.parse(cli(dbFile, ['users', 'list']).stdout) as { username: string; role: string; disabled: boolean }[];
    assert.deepEqual(listed.map((u) => [u.username, u.role, u.disabled]), [['chief', 'admin', false], ['viewer1', 'viewer', true]]);

    const csv = join(dir, 'enterprises.csv');
    writeFileSync(csv, 'id,name_zh,province,source\ncli-firm-1,抚州测试公司,江西,test\n');
    assert.equal(cli(dbFile, ['import', csv]).status, 0);
    const { address, stop } = await startServe(dbFile, []);
    try {
      assert.equal((await fetch(`${address}/api/enterprises`)).status, 401);
      const post = (password: string) => fetch(`${address}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chief', password }),
      });
      assert.equal((await post('first password 1')).status, 401, 'the old password no longer works');
      const login = await post('second password 2');
      assert.equal(login.status, 200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const users = await fetch(`${address}/api/users`, { headers: { cookie } });
      assert.equal(users.status, 200);
      const audit = (await (await fetch(`${address}/api/audit?action=user.`, { headers: { cookie } })).json()) as { items: { action: string; username: string }[] };
      assert.ok(audit.items.length >= 4 && audit.items.every((e) => e.username.startsWith('cli:')), 'CLI changes are audited');
      const imports = (await (await fetch(`${address}/api/audit?action=import.commit`, { headers: { cookie } })).json()) as { items: { username: string; after: { files: string[] } }[] };
      assert.deepEqual(imports.items.map((e) => [e.username.startsWith('cli:'), e.after.files]), [[true, ['enterprises.csv']]], 'a CLI import is audited');
      const out = await fetch(`${address}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
      assert.equal(out.status, 204);
    } finally {
      await stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The browser tests' bench: a database made by `chainatlas init` in a temp
 * folder, the real server (`createServer()`, web build included) listening on
 * an ephemeral port, and Debian's Chromium driven by playwright-core with a
 * fresh profile. Everything runs offline: a request that leaves 127.0.0.1
 * fails the test that made it. The server asks for sign-in, as on a team
 * server: an analyst is created with `chainatlas users add` and signs in
 * through the page's form before a test begins.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createServer, DEFAULT_WEB_ROOT, hasWebApp } from '../src/server/index.js';
import { Database } from '../src/store/index.js';
import { loadFramework } from '../src/ingest/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/report/index.js';

const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

export interface Bench {
  readonly dir: string;
  readonly dbFile: string;
  readonly url: string;
  readonly db: Database;
  readonly app: FastifyInstance;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests the page made to anywhere but the server. */
  readonly outside: string[];
  /** Errors the page's scripts threw. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/** The account the tests sign in with (made by the CLI, as the first users of a team server are). */
export const ANALYST = { username: 'analyst1', password: 'correct horse 1', role: 'analyst' } as const;

/** Signs in through the sign-in page the app shows to a caller without a session. */
export async function signIn(page: Page, url: string, account: { username: string; password: string } = ANALYST): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/用户名|User name/).fill(account.username);
  await page.getByLabel(/密码|Password/).fill(account.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByText(account.username).first().waitFor();
}

export async function openBench(options: { prepare?: (dbFile: string) => Promise<void> | void; signIn?: boolean } = {}): Promise<Bench> {
  if (!hasWebApp(DEFAULT_WEB_ROOT)) throw new Error(`no web build in ${DEFAULT_WEB_ROOT}: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-e2e-'));
  const dbFile = join(dir, 'x.duckdb');
  const init = spawnSync(process.execPath, [CLI, '--db', dbFile, 'init'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
  const user = spawnSync(process.execPath, [CLI, '--db', dbFile, 'users', 'add', ANALYST.username, '--role', ANALYST.role, '--password-stdin'], {
    encoding: 'utf8', input: `${ANALYST.password}\n`,
  });
  if (user.status !== 0) throw new Error(`users add failed: ${user.stderr}`);
  await options.prepare?.(dbFile);
  const { db } = await Database.open(dbFile);
  const app = createServer({ db, framework: loadFramework() });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const profile = join(dir, 'profile');
  mkdirSync(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 }, acceptDownloads: true, locale: 'zh-CN',
  });
  const outside: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(url) || target.startsWith('data:') || target.startsWith('blob:')) return route.continue();
    outside.push(target);
    return route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  if (options.signIn !== false) await signIn(page, url);
  return {
    dir, dbFile, url, db, app, context, page, outside, pageErrors,
    async close() {
      await context.close();
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where screenshots go when CHAINATLAS_WRITE_SCREENSHOTS names a folder (docs/images), else nowhere. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.CHAINATLAS_WRITE_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, name), fullPage: false });
}

/** Reads `read()` until it equals `expected` (the page may still be fetching), then returns it; after the timeout, the last value read. */
export async function settled<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/**
 * One bench for a test file: opened before its tests (handed to `use`), and closed after them, checking that no
 * page reached outside the server or threw.
 */
export function benchForFile(use: (bench: Bench) => void, options: Parameters<typeof openBench>[0] = {}): void {
  let bench: Bench | undefined;
  before(async () => {
    bench = await openBench(options);
    use(bench);
  });
  after(async () => {
    if (!bench) return;
    try {
      assert.deepEqual(bench.outside, [], 'no request leaves the server');
      assert.deepEqual(bench.pageErrors, [], 'no script error');
    } finally {
      await bench.close();
    }
  });
}

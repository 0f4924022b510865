/**
 * What the server tests share: a real DuckDB file in a temp folder loaded with
 * the default dataset, a server with local accounts and a clock the tests move,
 * users of each role created through the store (as `users add` does), and a
 * client that signs in and sends its cookie and CSRF token like the web app.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { importFiles, loadFramework, readDatasetManifest } from '../src/ingest/index.js';
import { Database, insertUser, type Role } from '../src/store/index.js';
import type { Framework } from '../src/model/index.js';
import { createServer, hashPassword, loadAssessConfig, SESSION_COOKIE, type ErrorBody, type ServerOptions } from '../src/server/index.js';

export const framework: Framework = loadFramework();
export const config = loadAssessConfig(undefined).config;
export const PASSWORD = 'correct horse battery';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, unknown>;
  readonly raw: string;
}

export class Client {
  cookie = '';
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  async send(method: InjectOptions['method'], url: string, options: { payload?: unknown; headers?: Record<string, string>; csrf?: string | false } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}), ...options.headers };
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const reply = await this.app.inject({ method, url, headers, ...(options.payload !== undefined ? { payload: options.payload as string } : {}) });
    const isJson = String(reply.headers['content-type'] ?? '').startsWith('application/json');
    return { status: reply.statusCode, body: isJson ? reply.json() : undefined, headers: reply.headers, raw: reply.body };
  }

  get = (url: string, headers: Record<string, string> = {}) => this.send('GET', url, { headers });

  async login(username: string, password = PASSWORD): Promise<Reply> {
    const reply = await this.send('POST', '/api/auth/login', { payload: { username, password } });
    const setCookie = [reply.headers['set-cookie']].flat().find((c) => typeof c === 'string' && c.startsWith(`${SESSION_COOKIE}=`)) as string | undefined;
    if (reply.status === 200 && setCookie) {
      this.cookie = setCookie.slice(SESSION_COOKIE.length + 1).split(';')[0] ?? '';
      this.csrf = (reply.body as { csrfToken: string }).csrfToken;
    }
    return reply;
  }
}

export function errorOf(body: unknown): ErrorBody['error'] {
  const e = (body as ErrorBody).error;
  assert.ok(e && typeof e.code === 'string' && typeof e.message === 'string' && Array.isArray(e.details), JSON.stringify(body));
  return e;
}

export interface TestServer {
  readonly dir: string;
  readonly db: Database;
  readonly app: FastifyInstance;
  /** Moves the server's clock forward. */
  advance(ms: number): void;
  /** A signed-in client of a user with the role (users `viewer`, `analyst`, `admin`). */
  client(role?: Role): Promise<Client>;
  close(): Promise<void>;
}

export async function startServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-server-'));
  const { db } = await Database.open(join(dir, 'api.duckdb'));
  const report = await importFiles(db, readDatasetManifest().files, { framework });
  assert.equal(report.committed, true);
  const passwordHash = await hashPassword(PASSWORD);
  for (const role of ['viewer', 'analyst', 'admin'] as const) await insertUser(db, { username: role, displayName: `${role} 用户`, role, passwordHash });
  let offset = 0;
  const app = createServer({ db, framework, config, ...options, auth: { now: () => new Date(Date.now() + offset), ...options.auth } });
  await app.ready();
  return {
    dir, db, app,
    advance: (ms) => { offset += ms; },
    client: async (role) => {
      const c = new Client(app);
      if (role) assert.equal((await c.login(role)).status, 200);
      return c;
    },
    close: async () => {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

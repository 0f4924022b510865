/**
 * `chainatlas serve` (and `start`, after preparing the database): the web app
 * and the HTTP API (src/server) on a port, with the database
 * open until the process is stopped (Ctrl-C or SIGTERM), then closed cleanly.
 * Binds to 127.0.0.1 by default. Sign-in needs a user: with none in the
 * database it says how to create the first admin and does not start (the
 * CLI cannot add one while the server holds the database). `--no-auth` makes
 * every request the local admin, and is refused on any address but loopback.
 */
import type { Framework } from '../model/index.js';
import { AppError, messages } from '../model/index.js';
import { countUsers, type Database } from '../store/index.js';
import { assertNoAuthHost, createServer, DEFAULT_WEB_ROOT, hasWebApp, isLoopback } from '../server/index.js';
import type { Output } from './output.js';
import { assessConfig } from './assess-commands.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  config?: string;
  /** commander's `--no-auth`: false when given. */
  auth?: boolean;
  /**
   * `start` (the quick start): with no user yet and a loopback address, serve without sign-in for the one local
   * user, saying how to add accounts, rather than refusing to start.
   */
  openWhenNoUsers?: boolean;
}

export const DEFAULT_PORT = 5173;
export const DEFAULT_HOST = '127.0.0.1';

export async function runServe(db: Database, framework: Framework, options: ServeOptions, out: Output): Promise<number> {
  const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('cli.bad_option', { option: '--port', reason: 'expected a port number 0–65535' });
  const host = options.host ?? DEFAULT_HOST;
  let noAuth = options.auth === false;
  if (noAuth) assertNoAuthHost(host);
  else if ((await countUsers(db)) === 0) {
    out.note(messages['auth.no_users']({ db: db.file })[out.lang]);
    if (!options.openWhenNoUsers || !isLoopback(host)) return 1;
    noAuth = true;
  }
  const app = createServer({ db, framework, config: assessConfig(options.config, out), logErrors: true, auth: { mode: noAuth ? 'none' : 'accounts' } });
  const address = await app.listen({ port, host });
  const web = hasWebApp(DEFAULT_WEB_ROOT);
  const open = noAuth ? { zh: '，无需登录（仅本机）', en: ', no sign-in (this machine only)' } : { zh: '', en: '' };
  out.note(out.lang === 'zh'
    ? `ChainAtlas 已启动：${web ? `${address}/ （网页应用），` : ''}接口 ${address}/api（文档 ${address}/api/openapi.json）${open.zh}，按 Ctrl-C 停止`
    : `ChainAtlas on ${web ? `${address}/ (web app), ` : ''}API ${address}/api (document: ${address}/api/openapi.json)${open.en}; Ctrl-C stops it`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  return 0;
}

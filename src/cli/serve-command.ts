/**
 * `chainatlas serve` (and `start`, after preparing the database): the web app
 * and the HTTP API (src/server) on a port, with the database
 * open until the process is stopped (Ctrl-C or SIGTERM), then closed cleanly.
 * Binds to 127.0.0.1 by default: there is no authentication yet, so exposing
 * it on a network (--host 0.0.0.0) is the operator's explicit choice.
 */
import type { Framework } from '../model/index.js';
import { AppError } from '../model/index.js';
import type { Database } from '../store/index.js';
import { createServer, DEFAULT_WEB_ROOT, hasWebApp } from '../server/index.js';
import type { Output } from './output.js';
import { assessConfig } from './assess-commands.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  config?: string;
}

export const DEFAULT_PORT = 5173;
export const DEFAULT_HOST = '127.0.0.1';

export async function runServe(db: Database, framework: Framework, options: ServeOptions, out: Output): Promise<number> {
  const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('cli.bad_option', { option: '--port', reason: 'expected a port number 0–65535' });
  const host = options.host ?? DEFAULT_HOST;
  const app = createServer({ db, framework, config: assessConfig(options.config, out), logErrors: true });
  const address = await app.listen({ port, host });
  const web = hasWebApp(DEFAULT_WEB_ROOT);
  out.note(out.lang === 'zh'
    ? `ChainAtlas 已启动：${web ? `${address}/ （网页应用），` : ''}接口 ${address}/api（文档 ${address}/api/openapi.json），按 Ctrl-C 停止`
    : `ChainAtlas on ${web ? `${address}/ (web app), ` : ''}API ${address}/api (document: ${address}/api/openapi.json); Ctrl-C stops it`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  return 0;
}

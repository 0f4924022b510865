/**
 * `createServer()`: the HTTP API as a Fastify instance, not yet listening, so
 * tests drive it with `app.inject()` and `chainatlas serve` calls `listen()`.
 *
 *   request ── Fastify parses JSON (bodyLimit; other content types refused)
 *   │          route table (routes.ts): zod-validated params / query / body
 *   │          → store queries and assessment runs, the CLI's own functions
 *   reply ──── the value as JSON; or one error handler (http-errors.ts):
 *              AppError → status + { error: { code, message, details } }
 *
 * Read-only for now: no auth, no write endpoints (they come with roles, CSRF
 * and version checks). The database is opened and closed by the caller.
 * Beside /api it serves the web UI's build (web-app.ts) when there is one.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Framework } from '../model/index.js';
import type { Database } from '../store/index.js';
import type { AssessConfig } from '../assess/index.js';
import { loadAssessConfig } from './assessment-runs.js';
import { AppError } from '../model/index.js';
import { errorBody, languageOf, statusOf, toAppError } from './http-errors.js';
import { buildOpenApi } from './openapi.js';
import { ROUTES } from './routes.js';
import { DEFAULT_WEB_ROOT, hasWebApp, registerWebApp } from './web-app.js';

export interface ServerOptions {
  readonly db: Database;
  readonly framework: Framework;
  /** Weights and cut points (default: the bundled file). */
  readonly config?: AssessConfig;
  /** Largest request body in bytes (default 64 KiB); larger ones get 413. */
  readonly bodyLimit?: number;
  /** Log server errors (500s, with their stack) to stderr; default off (tests). Nothing else is logged. */
  readonly logErrors?: boolean;
  readonly version?: string;
  /** The web UI's build to serve beside the API (default `web/dist` of the package, when built); false: the API alone. */
  readonly webRoot?: string | false;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;

export function createServer(options: ServerOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const config = options.config ?? loadAssessConfig(undefined).config;
  const version = options.version ?? '0.1.0';
  const app = Fastify({ bodyLimit, logger: options.logErrors ? { level: 'error', stream: process.stderr } : false });
  // JSON only: without the text parser a text/plain body is refused like any other non-JSON type.
  app.removeContentTypeParser('text/plain');

  let openApi: Record<string, unknown> | undefined;
  const document = () => (openApi ??= buildOpenApi(ROUTES, version));

  for (const r of ROUTES) {
    app.route({
      method: r.method,
      url: r.url,
      handler: async (request) => r.handle(
        { params: request.params, query: request.query, body: request.body },
        { db: options.db, framework: options.framework, config, version, lang: languageOf(request.headers['accept-language']), openApi: document },
      ),
    });
  }

  // JSON is never to be sniffed into HTML by a browser.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const appPage = webRoot !== false && hasWebApp(webRoot) ? registerWebApp(app, webRoot) : undefined;

  app.setNotFoundHandler((request, reply) => {
    const page = appPage?.(request, reply);
    if (page) return page;
    throw new AppError('server.route_not_found', { method: request.method, url: request.url.split('?')[0] ?? '' });
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, bodyLimit, request.headers['content-type']);
    const status = statusOf(appError);
    if (status >= 500) request.log.error(error);
    return reply.status(status).type('application/json; charset=utf-8').send(errorBody(appError, languageOf(request.headers['accept-language'])));
  });
  return app;
}

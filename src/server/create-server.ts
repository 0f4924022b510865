/**
 * `createServer()`: the HTTP API as a Fastify instance, not yet listening, so
 * tests drive it with `app.inject()` and `chainatlas serve` calls `listen()`.
 *
 *   request ── Fastify parses JSON (bodyLimit) or multipart (uploadLimit); other types refused
 *   │          auth (auth.ts): session cookie → user; 401 / CSRF 403 / role 403 per the route's access
 *   │          route table (api-routes.ts): zod-validated params / query / body
 *   │          → store queries, review edits, imports and reports: the CLI's own functions;
 *   │          every request that is not a GET runs in the write queue (one writer at a time)
 *   reply ──── the value as JSON, or a file as a download; or one error handler
 *              (http-errors.ts): AppError → status + { error: { code, message, details } }
 *
 * The database is opened and closed by the caller. Beside /api it serves the
 * web UI's build (web-app.ts) when there is one.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { Framework } from '../model/index.js';
import { AppError, issue } from '../model/index.js';
import type { Database } from '../store/index.js';
import type { AssessConfig } from '../assess/index.js';
import { loadAssessConfig } from './assessment-runs.js';
import { errorBody, languageOf, statusOf, toAppError } from './http-errors.js';
import { buildOpenApi } from './openapi.js';
import { DEFAULT_WEB_ROOT, hasWebApp, registerWebApp } from './web-app.js';
import { API_ROUTES } from './api-routes.js';
import { FileReply, checkedResponse, type ApiRoute, type RouteContext, type SessionControl } from './route-spec.js';
import { Authenticator, CSRF_HEADER, SESSION_COOKIE, isLoopback, type AuthOptions, type Identity } from './auth.js';
import { UploadStore, type UploadedFile } from './uploads.js';
import { WriteQueue } from './write-queue.js';
import { contentDisposition } from './downloads.js';
import { dataChanged, dataVersion } from './assessment-cache.js';
import { ResponseCache, acceptsGzip, matchesEtag } from './response-cache.js';

export interface ServerOptions {
  readonly db: Database;
  readonly framework: Framework;
  /** Weights and cut points (default: the bundled file). */
  readonly config?: AssessConfig;
  /** Largest JSON request body in bytes (default 64 KiB); larger ones get 413. */
  readonly bodyLimit?: number;
  /** Largest uploaded import file in bytes (default 20 MiB); larger ones get 413. */
  readonly uploadLimit?: number;
  /** Sign-in and sessions (default: local accounts). */
  readonly auth?: AuthOptions;
  /** Log server errors (500s, with their stack) to stderr; default off (tests). Nothing else is logged. */
  readonly logErrors?: boolean;
  readonly version?: string;
  /** The web UI's build to serve beside the API (default `web/dist` of the package, when built); false: the API alone. */
  readonly webRoot?: string | false;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;
export const DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024;

/** Where in a JSON value a string holds an unpaired surrogate (JSON's \ud800 escapes allow it; it is not Unicode text). */
function loneSurrogateAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = loneSurrogateAt(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = loneSurrogateAt(key, path) ?? loneSurrogateAt(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The multipart form of an upload route: its one file saved to disk, its text fields beside it. */
async function readUpload(request: FastifyRequest, uploads: UploadStore): Promise<UploadedFile | undefined> {
  const fields: Record<string, string> = {};
  let saved: UploadedFile | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || saved) {
        part.file.resume();
        continue;
      }
      saved = await uploads.save(part.file, part.filename, fields);
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return saved ? { ...saved, fields } : undefined;
}

function secureCookie(request: FastifyRequest): boolean {
  // Browsers keep a Secure cookie off plain http; on loopback (the local app) plain http is the normal case.
  return !(request.protocol === 'http' && isLoopback(request.hostname));
}

function sessionControl(auth: Authenticator, identity: Identity, request: FastifyRequest, reply: FastifyReply): SessionControl {
  return {
    ...(identity.csrfToken ? { csrfToken: identity.csrfToken } : {}),
    signIn: async (username, password) => {
      const session = await auth.signIn(username, password, request.ip);
      if (auth.mode === 'accounts') {
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie(request), maxAge: Math.floor(auth.sessionMs / 1000),
        });
      }
      return { user: session.user, csrfToken: session.csrfToken };
    },
    signOut: async () => {
      await auth.signOut(identity, request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookie(request) });
    },
  };
}

export function createServer(options: ServerOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const config = options.config ?? loadAssessConfig(undefined).config;
  const version = options.version ?? '0.1.0';
  const app = Fastify({ bodyLimit, logger: options.logErrors ? { level: 'error', stream: process.stderr } : false });
  // JSON and multipart only: without the text parser a text/plain body is refused like any other type.
  app.removeContentTypeParser('text/plain');
  app.register(cookie);
  app.register(multipart, { limits: { fileSize: uploadLimit, files: 1, fields: 10, fieldSize: 1000, parts: 20 } });

  const writes = new WriteQueue();
  let writeDb: Promise<Database> | undefined;
  const writeConnection = () => (writeDb ??= options.db.connectAgain());
  const auth = new Authenticator(options.db, writes, options.auth);
  const uploads = new UploadStore();
  let openApi: Record<string, unknown> | undefined;
  const document = () => (openApi ??= buildOpenApi(API_ROUTES, version));

  // Who is calling, settled before the body is read: a caller without the right is refused without parsing what it sent.
  const identities = new WeakMap<FastifyRequest, Identity>();
  const admit = async (r: ApiRoute, request: FastifyRequest) => {
    const identity = await auth.identify(request.cookies[SESSION_COOKIE]);
    const csrf = request.headers[CSRF_HEADER];
    auth.authorize(r.access, identity, request.method, typeof csrf === 'string' ? csrf : undefined);
    identities.set(request, identity);
  };

  const answer = async (r: ApiRoute, request: FastifyRequest, reply: FastifyReply) => {
    const identity = identities.get(request) ?? {};
    const contentType = request.headers['content-type'] ?? '';
    if (!r.multipart && request.isMultipart()) {
      throw new AppError('server.unsupported_media_type', { type: contentType }, [issue('server.unsupported_media_type', { type: contentType }, { path: 'headers.content-type' })]);
    }
    const surrogate = loneSurrogateAt(request.body, 'body');
    if (surrogate) throw new AppError('server.lone_surrogate', {}, [issue('server.lone_surrogate', {}, { path: surrogate })]);
    // The upload is read before the write queue, so a slow client holds up no one else's writes.
    const upload = r.multipart ? await readUpload(request, uploads) : undefined;
    // Writes go through a connection of their own, one at a time (the write queue): a read on the main connection
    // never sees a write's transaction before it commits, and an import's scratch tables stay the import's.
    const db = request.method === 'GET' ? options.db : await writeConnection();
    const ctx: RouteContext = {
      db, framework: options.framework, config, version, lang: languageOf(request.headers['accept-language']), openApi: document,
      ...(identity.user ? { user: identity.user } : {}), ip: request.ip, session: sessionControl(auth, identity, request, reply), uploads,
    };
    const run = () => r.handle({ params: request.params, query: request.query, body: request.body, ...(upload ? { upload } : {}) }, ctx);
    try {
      if (request.method === 'GET') return checkedResponse(r, await run());
      try {
        return checkedResponse(r, await writes.run(run));
      } finally {
        // A write may end sessions or change users (a sign-out, a user disabled): no remembered lookup outlives it.
        auth.forgetSessions();
        // An analyst's write (a review edit, an import) changes what the assessments are computed from.
        if (r.access === 'analyst') dataChanged(options.db);
      }
    } finally {
      if (upload) uploads.release(upload);
    }
  };

  // Heavy reads: the finished JSON text per URL and language, while the data is unchanged (response-cache.ts).
  const responses = new ResponseCache();
  const cachedAnswer = async (r: ApiRoute, request: FastifyRequest, reply: FastifyReply) => {
    const key = `${request.url}\u0000${languageOf(request.headers['accept-language'])}`;
    const version = dataVersion(options.db);
    const entry = responses.get(key, version) ?? responses.put(key, version, await answer(r, request, reply));
    reply.header('etag', entry.etag).header('vary', 'accept-encoding');
    if (matchesEtag(request.headers['if-none-match'], entry.etag)) return reply.status(304).send();
    reply.status(r.status).type('application/json; charset=utf-8');
    if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(entry.gzipped);
    return reply.send(entry.body);
  };

  for (const r of API_ROUTES) {
    app.route({
      method: r.method,
      url: r.url,
      onRequest: async (request) => admit(r, request),
      handler: async (request, reply) => {
        if (r.cached) return cachedAnswer(r, request, reply);
        const value = await answer(r, request, reply);
        reply.status(r.status);
        if (value instanceof FileReply) return reply.type(value.contentType).header('content-disposition', contentDisposition(value)).send(value.body);
        return r.status === 204 ? reply.send() : value;
      },
    });
  }

  app.addHook('onSend', async (request, reply, payload) => {
    // JSON is never to be sniffed into HTML by a browser; answers about a session are never cached (the web
    // app's files set their own caching: web-app.ts).
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.addHook('onClose', async () => {
    await uploads.dispose();
    (await writeDb)?.close();
  });

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const appPage = webRoot !== false && hasWebApp(webRoot) ? registerWebApp(app, webRoot) : undefined;

  app.setNotFoundHandler((request, reply) => {
    const page = appPage?.(request, reply);
    if (page) return page;
    throw new AppError('server.route_not_found', { method: request.method, url: request.url.split('?')[0] ?? '' });
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, { body: bodyLimit, upload: uploadLimit }, request.headers['content-type']);
    const status = statusOf(appError);
    if (status >= 500) request.log.error(error);
    if (status === 429) reply.header('retry-after', String((appError.params as { seconds?: number }).seconds ?? 60));
    return reply.status(status).type('application/json; charset=utf-8').send(errorBody(appError, languageOf(request.headers['accept-language'])));
  });
  return app;
}

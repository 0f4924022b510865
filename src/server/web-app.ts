/**
 * Serving the web UI's build (`web/dist`, made by `vite build`) beside the API.
 *
 *   /assets/…     hashed file names: cached for a year, immutable
 *   /index.html   and every other file: revalidated on each load (no-cache)
 *   /chain/36 …   any other GET outside /api and /assets that accepts HTML: the
 *                 app's index.html, so client-side routes (/links/network.5g) are real URLs
 *
 * The HTML gets a content security policy that allows this origin only: the
 * app ships everything it needs (scripts, styles, the province map), so a
 * page never loads anything from elsewhere.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PACKAGE_ROOT } from '../ingest/index.js';

export const DEFAULT_WEB_ROOT = join(PACKAGE_ROOT, 'web', 'dist');

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

function headersFor(reply: FastifyReply, path: string): void {
  const hashed = /[/\\]assets[/\\]/.test(path);
  reply.header('cache-control', hashed ? IMMUTABLE : 'no-cache');
  if (path.endsWith('.html')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
}

/** True when `root` holds a build of the app. */
export const hasWebApp = (root: string): boolean => existsSync(join(root, 'index.html'));

/** Serves the build in `root`; returns the fallback for requests no route knows (undefined when it is not an app page). */
export function registerWebApp(app: FastifyInstance, root: string): (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined {
  void app.register(fastifyStatic, {
    root, prefix: '/', index: 'index.html', cacheControl: false, dotfiles: 'ignore', redirect: false,
    setHeaders: (reply, path) => headersFor(reply, path),
  });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api'
      && !path.startsWith('/assets/') && /text\/html|\*\/\*/.test(request.headers.accept ?? '*/*');
    if (!wantsPage) return undefined;
    headersFor(reply, 'index.html');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the route table: zod v4's
 * `z.toJSONSchema()` turns each route's schemas into parameters, the request
 * body and responses, and `.describe()` texts become their descriptions. JSON
 * Schema 2020-12 is OpenAPI 3.1's own dialect, so the schemas go in as they are.
 * Each operation names who may call it (public, or the least role) in its
 * description and, unless public, the session cookie as its security; writes
 * document the x-csrf-token header. Known limit: response schemas name the
 * main fields only (see api-schemas.ts).
 */
import { z } from 'zod';
import type { ApiRoute } from './route-spec.js';
import { CSRF_HEADER, SESSION_COOKIE } from './auth.js';
import { errorResponse } from './api-schemas.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

const STATUS_TEXT: Record<number, string> = {
  400: 'invalid request: field paths in error.details', 401: 'not signed in (auth.required) or wrong credentials (auth.invalid_credentials)',
  403: 'CSRF token missing or wrong (auth.csrf), or a role too low (auth.forbidden)', 404: 'not found', 409: 'conflict: a stale version (server.version_conflict, error.current) or a duplicate',
  413: 'request body or upload over the limit', 429: 'too many failed sign-ins: wait (Retry-After)', 500: 'server error (no internals shown)',
};

const ACCESS_TEXT: Record<ApiRoute['access'], string> = {
  public: 'Access: anyone (no sign-in).',
  viewer: 'Access: any signed-in user (viewer, analyst or admin).',
  analyst: 'Access: analyst or admin.',
  admin: 'Access: admin only.',
};

function successResponse(r: ApiRoute): Record<string, unknown> {
  if (r.status === 204) return { description: 'done (no content)' };
  if (r.produces) {
    return {
      description: 'the file, as an attachment (Content-Disposition with an RFC 5987 filename*)',
      content: Object.fromEntries(r.produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    };
  }
  return { description: r.status === 201 ? 'created' : 'OK', ...(r.response ? { content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } } : {}) };
}

function requestBody(r: ApiRoute): Record<string, unknown> {
  if (r.multipart) {
    const schema = jsonSchema(r.multipart, 'input');
    const file = schema.properties?.file;
    if (file) schema.properties = { ...schema.properties, file: { ...file, type: 'string', format: 'binary' } };
    return { requestBody: { required: true, content: { 'multipart/form-data': { schema } } } };
  }
  return r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {};
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

/** `/api/enterprises/:id` → `/api/enterprises/{id}`. */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: propertySchema };
  });
}

export function buildOpenApi(routes: readonly ApiRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  for (const r of routes) {
    const guarded = r.access !== 'public';
    const writes = r.method !== 'GET';
    const statuses = [...new Set([400, ...(guarded ? [401, 403] : []), ...r.errors, 500])].sort((a, b) => a - b);
    const operation = {
      summary: r.summary,
      description: `${ACCESS_TEXT[r.access]}${guarded && writes ? ` Needs the ${CSRF_HEADER} header (the csrfToken of the session).` : ''}`,
      'x-access': r.access,
      ...(guarded ? { security: [{ session: [] }] } : { security: [] }),
      operationId: `${r.method.toLowerCase()}${openApiPath(r.url).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      parameters: [
        ...parameters(r.params, 'path'), ...parameters(r.query, 'query'), { $ref: '#/components/parameters/AcceptLanguage' },
        ...(guarded && writes ? [{ $ref: '#/components/parameters/CsrfToken' }] : []),
      ],
      ...requestBody(r),
      responses: {
        [r.status]: successResponse(r),
        ...Object.fromEntries(statuses.map((status) => [status, { description: STATUS_TEXT[status] ?? String(status), content: errorContent }])),
      },
    };
    const path = openApiPath(r.url);
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ChainAtlas API', version,
      description: 'Industry-chain supply-capability mapping: enterprises, cases, observations and assessments by region; case review, imports, reports, users. '
        + 'Sign in with POST /api/auth/login; roles: viewer (reads) < analyst (edits, imports, reports) < admin (users, audit log).',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorResponse, 'output') },
      parameters: {
        AcceptLanguage: { name: 'Accept-Language', in: 'header', required: false, description: 'zh (default) or en: the language of error messages', schema: { type: 'string' } },
        CsrfToken: { name: CSRF_HEADER, in: 'header', required: true, description: 'the csrfToken from sign-in or GET /api/auth/me', schema: { type: 'string' } },
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'the session cookie set by POST /api/auth/login (HttpOnly, SameSite=Strict)' },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the route table: zod v4's
 * `z.toJSONSchema()` turns each route's schemas into parameters, the request
 * body and responses, and `.describe()` texts become their descriptions. JSON
 * Schema 2020-12 is OpenAPI 3.1's own dialect, so the schemas go in as they are.
 * Known limit: response schemas name the main fields only (see api-schemas.ts).
 */
import { z } from 'zod';
import type { ApiRoute } from './routes.js';
import { errorResponse } from './api-schemas.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

const STATUS_TEXT: Record<number, string> = {
  400: 'invalid request: field paths in error.details', 404: 'not found', 413: 'request body over the limit', 500: 'server error (no internals shown)',
};

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
    const statuses = [...new Set([400, ...r.errors, 500])].sort((a, b) => a - b);
    const operation = {
      summary: r.summary,
      operationId: `${r.method.toLowerCase()}${openApiPath(r.url).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query'), { $ref: '#/components/parameters/AcceptLanguage' }],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } },
        ...Object.fromEntries(statuses.map((status) => [status, { description: STATUS_TEXT[status] ?? String(status), content: errorContent }])),
      },
    };
    const path = openApiPath(r.url);
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ChainAtlas API', version, description: 'Industry-chain supply-capability mapping: enterprises, cases, observations and assessments by region.' },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorResponse, 'output') },
      parameters: {
        AcceptLanguage: { name: 'Accept-Language', in: 'header', required: false, description: 'zh (default) or en: the language of error messages', schema: { type: 'string' } },
      },
    },
  };
}

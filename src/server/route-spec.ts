/**
 * What a route is: method, path, who may call it, the zod schemas of what
 * comes in and goes out, and the handler. `route()` keeps a spec's types for
 * its handler and erases them for the table the server registers and the
 * OpenAPI document is generated from. Handlers get validated input and a
 * context: the database and framework, the signed-in user, the session
 * controls (sign-in routes), the upload store (imports) and the clock.
 */
import type { z } from 'zod';
import type { Framework, Lang } from '../model/index.js';
import type { Database, Role } from '../store/index.js';
import type { AssessConfig } from '../assess/index.js';
import { validationError } from './http-errors.js';
import type { SessionUser } from './auth.js';
import type { UploadedFile, UploadStore } from './uploads.js';

/** Who may call a route: anyone, or a signed-in user with at least this role. */
export type Access = 'public' | Role;

/** Sign-in and sign-out for the request being answered (they set and clear the cookie). */
export interface SessionControl {
  signIn(username: string, password: string): Promise<{ user: SessionUser; csrfToken: string }>;
  signOut(): Promise<void>;
  /** The CSRF token of the current session (or of the server, without auth). */
  readonly csrfToken?: string;
}

export interface RouteContext {
  readonly db: Database;
  readonly framework: Framework;
  readonly config: AssessConfig;
  readonly version: string;
  readonly lang: Lang;
  /** The OpenAPI document (built once from the route table). */
  readonly openApi: () => unknown;
  /** The signed-in user; always there on a route that is not public. */
  readonly user?: SessionUser;
  readonly ip: string;
  readonly session: SessionControl;
  readonly uploads: UploadStore;
}

export interface RawInput {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
  /** A multipart route: the file saved to disk and the other fields. */
  readonly upload?: UploadedFile;
}

/** A file to send as a download instead of JSON. */
export class FileReply {
  constructor(
    readonly contentType: string,
    /** The name the browser saves it under (any script; sent RFC 5987-encoded). */
    readonly fileName: string,
    readonly body: Buffer | string,
    /** A plain ASCII name for clients that do not read `filename*`. */
    readonly asciiName: string = fileName.replace(/[^\x20-\x7e]/g, '_'),
  ) {}
}

/** A route with its types erased: what the server registers and the OpenAPI builder reads. */
export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** Fastify form: `/api/enterprises/:id`. */
  readonly url: string;
  readonly summary: string;
  readonly access: Access;
  /** The status of a success (200 unless said). */
  readonly status: number;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body is multipart/form-data with a `file` field (and these other text fields). */
  readonly multipart?: z.ZodType;
  readonly response?: z.ZodType;
  /** Download routes: the content types of the file. */
  readonly produces?: readonly string[];
  /** Statuses besides the success this route can answer with (400 and 500 always; 401 and 403 follow from access). */
  readonly errors: readonly number[];
  /** A heavy read whose answer depends only on the URL, the language and the data: kept finished (response-cache.ts). */
  readonly cached: boolean;
  readonly handle: (input: RawInput, ctx: RouteContext) => Promise<unknown>;
}

interface Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  readonly method: ApiRoute['method'];
  readonly url: string;
  readonly summary: string;
  /** Default: viewer. */
  readonly access?: Access;
  readonly status?: number;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly multipart?: z.ZodType;
  readonly response?: z.ZodType;
  readonly produces?: readonly string[];
  readonly errors?: readonly number[];
  readonly cached?: boolean;
  readonly handle: (
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B>; upload?: UploadedFile }, ctx: RouteContext,
  ) => Promise<unknown> | unknown;
}

function parsed<T extends z.ZodType>(where: string, schema: T | undefined, value: unknown): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw validationError(where, result.error, value ?? {});
  return result.data;
}

export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: Spec<P, Q, B>): ApiRoute {
  return {
    method: spec.method, url: spec.url, summary: spec.summary, access: spec.access ?? 'viewer', status: spec.status ?? 200, errors: spec.errors ?? [],
    cached: spec.cached ?? false,
    ...(spec.response ? { response: spec.response } : {}), ...(spec.produces ? { produces: spec.produces } : {}),
    ...(spec.params ? { params: spec.params } : {}), ...(spec.query ? { query: spec.query } : {}), ...(spec.body ? { body: spec.body } : {}),
    ...(spec.multipart ? { multipart: spec.multipart } : {}),
    handle: async (raw, ctx) => spec.handle({
      params: parsed('params', spec.params, raw.params), query: parsed('query', spec.query, raw.query), body: parsed('body', spec.body, raw.body),
      ...(raw.upload ? { upload: raw.upload } : {}),
    }, ctx),
  };
}

/**
 * A route's answer checked against its response schema, as the JSON it becomes (dates as text and so on): an
 * answer that does not match is a server fault (500, logged with the mismatch), never sent as if it were right.
 */
export function checkedResponse(r: ApiRoute, value: unknown): unknown {
  if (!r.response || value instanceof FileReply || value === undefined) return value;
  const checked = r.response.safeParse(JSON.parse(JSON.stringify(value)));
  if (!checked.success) {
    const where = checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`the answer of ${r.method} ${r.url} does not match its schema: ${where}`);
  }
  return value;
}


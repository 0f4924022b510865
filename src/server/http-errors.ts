/**
 * The one way an error leaves the HTTP API. Everything thrown in a route —
 * an AppError from a lower layer, a zod validation failure, one of Fastify's
 * own (bad JSON, wrong content type, body over the limit) or a bug — becomes
 * an AppError here, and one table maps its code to a status. The body is
 * always `{ error: { code, message, details: [{ path, message }] } }`, in the
 * reader's language (Accept-Language, Chinese by default). A 500 never carries
 * a stack trace or the original message.
 */
import type { z } from 'zod';
import { AppError, formatLocation, issue, issueText, isLang, type Issue, type Lang, type MessageCode } from '../model/index.js';

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
  /** A version conflict: the version now. */
  readonly current?: number;
}

export interface ErrorBody {
  readonly error: {
    readonly code: string; readonly message: string; readonly details: readonly ErrorDetail[];
    /** A version conflict (409): the case's version now. */
    readonly current?: number;
  };
}

/** Codes that are the caller's fault or a missing thing; any other code is the server's (500). */
const STATUS: Partial<Record<MessageCode, number>> = {
  'server.invalid_request': 400,
  'server.malformed_json': 400,
  'server.unsupported_media_type': 400,
  'server.body_too_large': 413,
  'server.not_found': 404,
  'server.route_not_found': 404,
  'region.unknown': 400,
  'region.ambiguous': 400,
  'ingest.unknown_link': 400,
  'cli.bad_option': 400,
  'assess.region_level': 400,
  'assess.unknown_segment': 400,
  'assess.unknown_indicator': 400,
  'assess.metric_needs_unit': 400,
  'assess.bad_benchmark': 400,
  'assess.unknown_link': 400,
  'ingest.unknown_enterprise': 400,
  'server.lone_surrogate': 400,
  'server.upload_missing': 400,
  'server.upload_too_large': 413,
  'server.version_conflict': 409,
  'review.component_exists': 409,
  'import.has_problems': 400,
  'import.already_committed': 409,
  'import.not_committed': 409,
  'import.no_rejects': 404,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.csrf': 403,
  'auth.forbidden': 403,
  'auth.too_many_attempts': 429,
  'auth.user_exists': 409,
  'auth.unknown_user': 404,
  'auth.last_admin': 409,
};

export function statusOf(error: AppError): number {
  return STATUS[error.code] ?? 500;
}

/** The first of zh / en that Accept-Language names (by q value); Chinese when it names neither. */
export function languageOf(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((t) => isLang(t.lang) && t.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked[0]?.lang;
  return isLang(first) ? first : 'zh';
}

/** `query.limit`, `body.regions[2]` — a zod path under where it came from. */
function pathOf(where: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), where);
}

/** A zod failure as issues with field paths; the expectation is zod's own wording, the frame is the catalog's. */
export function validationError(where: string, error: z.ZodError, input: unknown): AppError {
  const valueAt = (path: readonly PropertyKey[]) =>
    path.reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined), input);
  const issues: Issue[] = error.issues.map((i) => {
    const path = pathOf(where, i.path);
    if (i.code === 'invalid_type' && valueAt(i.path) === undefined) return issue('server.missing_field', {}, { path });
    return issue('server.invalid_field', { expected: i.message.replace(/^Invalid input: /, '') }, { path });
  });
  return new AppError('server.invalid_request', { count: issues.length }, issues);
}

/** An error raised where a field was read (an unknown region in `query.region`): the same error, placed at the field. */
export function atField(path: string, error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const placed = error.issues.length > 0 ? error.issues.map((i) => ({ ...i, path })) : [issue(error.code, error.params, { path })];
  return new AppError(error.code, error.params, placed);
}

interface FastifyLikeError {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message?: string;
}

/** Anything thrown, as an AppError: Fastify's request errors by their code, everything unknown as `server.internal`. */
export function toAppError(error: unknown, limits: { body: number; upload: number }, contentType: string | undefined): AppError {
  if (error instanceof AppError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('server.body_too_large', { limit: limits.body });
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('server.upload_too_large', { limit: limits.upload }, [issue('server.upload_too_large', { limit: limits.upload }, { path: 'body.file' })]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('server.unsupported_media_type', { type: contentType ?? '', expected: 'multipart/form-data' },
        [issue('server.unsupported_media_type', { type: contentType ?? '', expected: 'multipart/form-data' }, { path: 'headers.content-type' })]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('server.unsupported_media_type', { type: contentType ?? '' }, [issue('server.unsupported_media_type', { type: contentType ?? '' }, { path: 'headers.content-type' })]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('server.malformed_json', { reason: e.message ?? '' }, [issue('server.malformed_json', { reason: e.message ?? '' }, { path: 'body' })]);
    default:
      if (e.statusCode === 400 && error instanceof SyntaxError) {
        return new AppError('server.malformed_json', { reason: error.message }, [issue('server.malformed_json', { reason: error.message }, { path: 'body' })]);
      }
      return new AppError('server.internal', {});
  }
}

export function errorBody(error: AppError, lang: Lang): ErrorBody {
  const details = error.issues.map((i) => ({ path: i.path ?? formatLocation(i, lang), message: issueText(i)[lang] }));
  if (error.code === 'server.version_conflict') {
    const { current } = error.params as { current: number };
    return { error: { code: error.code, message: error.text(lang), details: [{ path: 'body.version', message: error.text(lang), current }], current } };
  }
  return { error: { code: error.code, message: error.text(lang), details } };
}

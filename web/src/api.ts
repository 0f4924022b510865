/**
 * The one way the UI talks to the server: JSON over /api, same origin, with the
 * session cookie; every non-GET carries the session's CSRF token. Errors arrive
 * as the API's `{ error: { code, message, details } }` and become an ApiError
 * whose message is already in the reader's language (Accept-Language).
 */
import { getLang } from './i18n';

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token;
};

async function failure(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: ErrorDetail[] } };
    if (body.error?.code) return new ApiError(response.status, body.error.code, body.error.message ?? body.error.code, body.error.details ?? [], body);
  } catch {
    // Not the API's error body (a proxy, a crash page): fall through to the status line.
  }
  return new ApiError(response.status, `http.${response.status}`, `${response.status} ${response.statusText}`);
}

export async function request(method: string, url: string, body?: BodyInit | object): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': getLang(), accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData || typeof body === 'string' || body instanceof Blob) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  if (!response.ok) throw await failure(response);
  return response;
}

export async function getJson<T>(url: string): Promise<T> {
  return (await request('GET', url)).json() as Promise<T>;
}

export async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: object | FormData): Promise<T> {
  const response = await request(method, url, body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A URL with its query string, dropping empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The file name a download response names (Content-Disposition), else the fallback. */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** Saves a response body as a file through the browser's download. */
export async function saveDownload(response: Response, fallback: string): Promise<string> {
  const name = fileNameOf(response, fallback);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

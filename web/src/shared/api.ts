// The one way the web faces talk to the server: JSON over /api/v1 with the session cookie.
//
// - Unsafe methods (POST, PUT, PATCH, DELETE) carry X-CSRF-Token, the value of the
//   tierdesk_csrf cookie the sign-in set (the session cookie itself is HttpOnly).
// - Errors are application/problem+json; they become an ApiError with the detail and the
//   per-field messages (the server sends errors as [{field, message}]; a {field: message} object
//   is accepted too).
// - A 401 means the session is gone: the browser goes to /signin?next=<where it was>.

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const API_BASE = '/api/v1';
export const CSRF_COOKIE = 'tierdesk_csrf';

export interface ApiOptions {
  ifMatch?: string;
  signal?: AbortSignal;
  idempotencyKey?: string;
  /** Do not redirect to /signin on 401 (the sign-in form itself, where 401 = wrong password). */
  noAuthRedirect?: boolean;
}

export class ApiError extends Error {
  status: number;
  type: string;
  title: string;
  detail: string;
  errors: Record<string, string>;
  /** Seconds from the Retry-After header (429, 503), when the server sent one. */
  retryAfter?: number;
  /** The whole problem document, for extensions (e.g. a statement link). */
  body: Record<string, unknown>;

  constructor(status: number, problem: Record<string, unknown>, retryAfter?: number) {
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`;
    const detail = typeof problem.detail === 'string' ? problem.detail : '';
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.type = typeof problem.type === 'string' ? problem.type : '';
    this.title = title;
    this.detail = detail;
    this.errors = parseFieldErrors(problem.errors);
    this.retryAfter = retryAfter;
    this.body = problem;
  }

  /** The last path segment of the problem type: "/problems/csrf" -> "csrf". */
  get slug(): string {
    const parts = this.type.split('/');
    return parts[parts.length - 1] ?? '';
  }
}

/** errors as [{field, message}] (the server) or {field: message}. */
export function parseFieldErrors(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (item && typeof item === 'object') {
        const field = (item as Record<string, unknown>).field;
        const message = (item as Record<string, unknown>).message;
        if (typeof field === 'string' && typeof message === 'string') {
          out[field] = out[field] ? `${out[field]}; ${message}` : message;
        }
      }
    }
  } else if (raw && typeof raw === 'object') {
    for (const [field, message] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof message === 'string') out[field] = message;
    }
  }
  return out;
}

/** A cookie's value from document.cookie, or '' (outside a browser too). */
export function readCookie(name: string): string {
  if (typeof document === 'undefined' || typeof document.cookie !== 'string') return '';
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return '';
}

export function isUnsafe(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/** The sign-in address that comes back to the current page afterwards. */
export function signInUrl(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return `/signin?next=${encodeURIComponent(here)}`;
}

let redirecting = false;

function redirectToSignIn(): void {
  if (redirecting || typeof window === 'undefined') return;
  // Already on a sign-in page: stay there (its own form shows the error).
  const path = window.location.pathname;
  if (path === '/signin' || path === '/reset') return;
  redirecting = true;
  window.location.assign(signInUrl());
}

/** Reset the one-shot redirect latch (tests). */
export function resetRedirectLatch(): void {
  redirecting = false;
}

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const when = Date.parse(header);
  if (Number.isFinite(when)) return Math.max(0, Math.round((when - Date.now()) / 1000));
  return undefined;
}

async function problemFrom(response: Response): Promise<ApiError> {
  let problem: Record<string, unknown> = {};
  const type = response.headers.get('Content-Type') ?? '';
  try {
    if (type.includes('json')) {
      const parsed: unknown = await response.json();
      if (parsed && typeof parsed === 'object') problem = parsed as Record<string, unknown>;
    } else {
      const text = await response.text();
      if (text) problem = { detail: text.slice(0, 500) };
    }
  } catch {
    // an unreadable body: the status says enough
  }
  return new ApiError(response.status, problem, retryAfterSeconds(response));
}

function buildHeaders(method: Method, hasJsonBody: boolean, opts?: ApiOptions): Headers {
  const headers = new Headers({ Accept: 'application/json' });
  if (hasJsonBody) headers.set('Content-Type', 'application/json');
  if (isUnsafe(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers.set('X-CSRF-Token', csrf);
  }
  if (opts?.ifMatch) headers.set('If-Match', opts.ifMatch);
  if (opts?.idempotencyKey) headers.set('Idempotency-Key', opts.idempotencyKey);
  return headers;
}

async function send(method: Method, path: string, init: RequestInit, opts?: ApiOptions): Promise<Response> {
  const url = path.startsWith('/api/') ? path : `${API_BASE}${path.startsWith('/') ? '' : '/'}${path}`;
  const response = await fetch(url, { ...init, method, credentials: 'same-origin', signal: opts?.signal });
  if (response.ok) return response;
  const error = await problemFrom(response);
  if (response.status === 401 && !opts?.noAuthRedirect && !path.startsWith('/auth/login')) {
    redirectToSignIn();
  }
  throw error;
}

async function parseBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  return JSON.parse(text) as T;
}

export async function api<T>(method: Method, path: string, body?: unknown, opts?: ApiOptions): Promise<T> {
  const hasBody = body !== undefined;
  const response = await send(
    method,
    path,
    { headers: buildHeaders(method, hasBody, opts), body: hasBody ? JSON.stringify(body) : undefined },
    opts,
  );
  return parseBody<T>(response);
}

/** GET with the entity tag to send back as If-Match (the ETag header, else "v<version>"). */
export async function apiWithEtag<T>(path: string, opts?: ApiOptions): Promise<{ data: T; etag: string }> {
  const response = await send('GET', path, { headers: buildHeaders('GET', false, opts) }, opts);
  const data = await parseBody<T>(response);
  let etag = response.headers.get('ETag') ?? '';
  if (!etag && data && typeof data === 'object' && typeof (data as { version?: unknown }).version === 'number') {
    etag = `"v${(data as unknown as { version: number }).version}"`;
  }
  return { data, etag };
}

/** The If-Match value for an object that carries its version (what the server's ETag says). */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** A multipart POST (attachments), with the CSRF header; the browser sets the boundary. */
export async function upload<T>(path: string, form: FormData, opts?: ApiOptions): Promise<T> {
  const headers = buildHeaders('POST', false, opts);
  const response = await send('POST', path, { headers, body: form }, opts);
  return parseBody<T>(response);
}

/** A random Idempotency-Key for one user action (kept across its retries). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Query string from a record, skipping empty values: {a:1,b:''} -> "?a=1". */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

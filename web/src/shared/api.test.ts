import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, apiWithEtag, parseFieldErrors, query, resetRedirectLatch, upload } from './api';

type Call = { url: string; init: RequestInit };
let calls: Call[];
let assign: ReturnType<typeof vi.fn>;

function respond(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(status === 204 ? null : text, { status, headers });
}

function mockFetch(...answers: Response[]) {
  const queue = [...answers];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const next = queue.shift();
      if (!next) throw new Error('unexpected fetch');
      return next;
    }),
  );
}

beforeEach(() => {
  calls = [];
  assign = vi.fn();
  resetRedirectLatch();
  vi.stubGlobal('document', { cookie: 'tierdesk_device=zzz; tierdesk_csrf=tok%2Ben; other=1' });
  vi.stubGlobal('window', { location: { pathname: '/portal/tickets/7', search: '?tab=files', assign } });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const header = (c: Call, name: string) => new Headers(c.init.headers).get(name);

describe('api', () => {
  it('GET sends no CSRF header and parses JSON under /api/v1', async () => {
    mockFetch(respond(200, { id: 7 }, { 'Content-Type': 'application/json' }));
    const data = await api<{ id: number }>('GET', '/tickets/7');
    expect(data).toEqual({ id: 7 });
    expect(calls[0]!.url).toBe('/api/v1/tickets/7');
    expect(calls[0]!.init.method).toBe('GET');
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect(header(calls[0]!, 'X-CSRF-Token')).toBeNull();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('%s sends X-CSRF-Token from the cookie', async (method) => {
    mockFetch(respond(200, { ok: true }));
    await api(method, '/tickets/7', method === 'DELETE' ? undefined : { status: 'resolved' });
    expect(header(calls[0]!, 'X-CSRF-Token')).toBe('tok+en');
  });

  it('sends JSON, If-Match and Idempotency-Key', async () => {
    mockFetch(respond(200, {}));
    await api('PATCH', '/tickets/7', { status: 'open' }, { ifMatch: '"v3"', idempotencyKey: 'k-1' });
    expect(header(calls[0]!, 'Content-Type')).toBe('application/json');
    expect(header(calls[0]!, 'If-Match')).toBe('"v3"');
    expect(header(calls[0]!, 'Idempotency-Key')).toBe('k-1');
    expect(calls[0]!.init.body).toBe('{"status":"open"}');
  });

  it('answers undefined for 204', async () => {
    mockFetch(respond(204));
    expect(await api('DELETE', '/users/3')).toBeUndefined();
  });

  it('turns a problem into an ApiError with detail and field errors', async () => {
    mockFetch(
      respond(
        422,
        {
          type: '/problems/validation',
          title: 'The request is not valid',
          status: 422,
          detail: 'the request is not valid',
          errors: [
            { field: 'subject', message: 'is required' },
            { field: 'fields.subscription_id', message: 'is not a GUID' },
          ],
        },
        { 'Content-Type': 'application/problem+json' },
      ),
    );
    const error = await api('POST', '/tickets', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(422);
    expect(e.slug).toBe('validation');
    expect(e.detail).toBe('the request is not valid');
    expect(e.errors).toEqual({ subject: 'is required', 'fields.subscription_id': 'is not a GUID' });
    expect(assign).not.toHaveBeenCalled();
  });

  it('keeps problem extensions (the quote to accept) and Retry-After', async () => {
    mockFetch(
      respond(422, { type: '/problems/charges-not-accepted', detail: 'accept', quote: { currency: 'KRW', hourly_rate: 150000 } }, { 'Content-Type': 'application/problem+json' }),
      respond(429, { type: '/problems/too-many-requests', detail: 'slow down' }, { 'Content-Type': 'application/problem+json', 'Retry-After': '42' }),
    );
    const a = (await api('POST', '/tickets', {}).catch((e: unknown) => e)) as ApiError;
    expect(a.slug).toBe('charges-not-accepted');
    expect(a.body.quote).toEqual({ currency: 'KRW', hourly_rate: 150000 });
    const b = (await api('POST', '/auth/login', {}).catch((e: unknown) => e)) as ApiError;
    expect(b.status).toBe(429);
    expect(b.retryAfter).toBe(42);
  });

  it('a 401 sends the browser to /signin with next = the current path and query', async () => {
    mockFetch(respond(401, { type: '/problems/unauthenticated', detail: 'sign in' }, { 'Content-Type': 'application/problem+json' }));
    await expect(api('GET', '/me')).rejects.toBeInstanceOf(ApiError);
    expect(assign).toHaveBeenCalledWith('/signin?next=%2Fportal%2Ftickets%2F7%3Ftab%3Dfiles');
  });

  it('a 401 of the sign-in itself (wrong password) does not redirect', async () => {
    mockFetch(respond(401, { type: '/problems/unauthenticated', detail: 'wrong' }, { 'Content-Type': 'application/problem+json' }));
    const e = (await api('POST', '/auth/login', { email: 'a', password: 'b', session: 'cookie' }).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(401);
    expect(assign).not.toHaveBeenCalled();
  });

  it('a 403 csrf problem is an error, not a redirect', async () => {
    mockFetch(respond(403, { type: '/problems/csrf', title: 'Forbidden', detail: 'missing token' }, { 'Content-Type': 'application/problem+json' }));
    const e = (await api('POST', '/tickets', {}).catch((x: unknown) => x)) as ApiError;
    expect(e.slug).toBe('csrf');
    expect(assign).not.toHaveBeenCalled();
  });

  it('a non-JSON error body still gives an ApiError', async () => {
    mockFetch(respond(502, 'Bad gateway', { 'Content-Type': 'text/plain' }));
    const e = (await api('GET', '/me').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(502);
    expect(e.detail).toBe('Bad gateway');
  });

  it('apiWithEtag returns the ETag header, or "v<version>"', async () => {
    mockFetch(respond(200, { id: 1, version: 4 }, { ETag: '"v4"' }), respond(200, { id: 2, version: 9 }));
    expect((await apiWithEtag('/tickets/1')).etag).toBe('"v4"');
    expect((await apiWithEtag('/users/2')).etag).toBe('"v9"');
  });

  it('upload posts the form with CSRF and lets the browser set the multipart type', async () => {
    mockFetch(respond(201, { id: 5 }));
    const form = new FormData();
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    expect(await upload('/tickets/7/attachments', form)).toEqual({ id: 5 });
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.body).toBe(form);
    expect(header(calls[0]!, 'X-CSRF-Token')).toBe('tok+en');
    expect(header(calls[0]!, 'Content-Type')).toBeNull();
  });
});

describe('helpers', () => {
  it('parses field errors of either shape', () => {
    expect(parseFieldErrors({ email: 'taken' })).toEqual({ email: 'taken' });
    expect(parseFieldErrors([{ field: 'a', message: 'x' }, { field: 'a', message: 'y' }])).toEqual({ a: 'x; y' });
    expect(parseFieldErrors(undefined)).toEqual({});
  });

  it('builds query strings without empty values', () => {
    expect(query({ status: 'open', q: '', cursor: undefined, limit: 50 })).toBe('?status=open&limit=50');
    expect(query({})).toBe('');
  });
});

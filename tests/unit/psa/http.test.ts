/**
 * src/psa/http.ts without a network: Retry-After in both forms, Link headers, transient 5xx retries,
 * and errors that carry neither URL nor response body.
 */
import { PsaCredentialRejectedError, PsaUnavailableError } from '../../../src/psa/errors';
import { createPsaHttp, nextLink, retryAfterMs } from '../../../src/psa/http';

test('Retry-After is read as seconds or as an HTTP date', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  expect(retryAfterMs('7', now)).toBe(7000);
  expect(retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
  expect(retryAfterMs('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  expect(retryAfterMs('soon', now)).toBeUndefined();
  expect(retryAfterMs(null, now)).toBeUndefined();
});

test('the next link is found among several relations, and only rel next counts', () => {
  const header = '<https://cw.example/x?page=1>; rel="first", <https://cw.example/x?page=2&a=b,c>; rel="next", <https://cw.example/x?page=9>; rel="last"';
  expect(nextLink(header)).toBe('https://cw.example/x?page=2&a=b,c');
  expect(nextLink('<https://cw.example/x?page=1>; rel="first", <https://cw.example/x?page=3>; rel="prev"')).toBeNull();
  expect(nextLink('<https://cw.example/x?page=4>; rel=next')).toBe('https://cw.example/x?page=4');
  expect(nextLink(null)).toBeNull();
});

function scripted(statuses: number[], body = '{"ok":true}'): { transport: (url: string, init: RequestInit) => Promise<Response>; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    transport: async (url) => {
      calls.push(url);
      const status = statuses[Math.min(calls.length - 1, statuses.length - 1)] ?? 200;
      return new Response(status === 204 ? null : body, { status });
    }
  };
}

test('502, 503 and 504 are retried with backoff, within the bound', async () => {
  const { transport, calls } = scripted([503, 502, 200]);
  const waits: number[] = [];
  const http = createPsaHttp('halo', transport, { sleep: async (ms) => void waits.push(ms) }, ['HALO_CLIENT_SECRET']);
  await expect(http.call('https://halo.example/api/agent')).resolves.toMatchObject({ status: 200, body: { ok: true } });
  expect(calls.length).toBe(3);
  expect(waits).toEqual([1000, 2000]);
});

test('errors carry no URL, query or body', async () => {
  const url = 'https://syncro.example/api/v1/users?api_key=super-secret-value';
  const rejected = createPsaHttp('syncro', scripted([401], '{"error":"super-secret-value is wrong"}').transport, {}, ['SYNCRO_API_KEY']);
  const failing = createPsaHttp('syncro', scripted([500], '{"error":"super-secret-value"}').transport, {}, ['SYNCRO_API_KEY']);
  const notJson = createPsaHttp('syncro', scripted([200], '<html>super-secret-value</html>').transport, {}, ['SYNCRO_API_KEY']);

  const errors = await Promise.all([rejected, failing, notJson].map((http) => http.call(url).then(() => undefined, (error: unknown) => error as Error)));
  expect(errors[0]).toBeInstanceOf(PsaCredentialRejectedError);
  expect(errors[1]).toBeInstanceOf(PsaUnavailableError);
  expect(errors[2]).toBeInstanceOf(PsaUnavailableError);
  for (const error of errors) {
    expect(error?.message).not.toContain('super-secret-value');
    expect(error?.message).not.toContain('syncro.example');
  }
});

test('a transport that throws is PsaUnavailableError', async () => {
  const http = createPsaHttp('autotask', async () => Promise.reject(new Error('ECONNREFUSED 10.0.0.1 Secret=abc')), {}, ['AUTOTASK_SECRET']);
  const error = await http.call('https://at.example/x').then(
    () => undefined,
    (caught: unknown) => caught as Error
  );
  expect(error).toBeInstanceOf(PsaUnavailableError);
  expect(error?.message).toBe('Autotask PSA is unavailable: it could not be reached. Try again later.');
});

import { retryAfterSeconds } from '../http/retryAfter';
import { PsaCredentialRejectedError, PsaUnavailableError } from './errors';
import type { PsaRequestOptions, PsaSource, PsaTransport } from './types';

/**
 * The HTTP plumbing every connector shares: a timeout per request (body included), bounded retries
 * on 429 honouring Retry-After (seconds or HTTP date) and on 502/503/504 with backoff, 401/403 as
 * PsaCredentialRejectedError, anything else unexpected as PsaUnavailableError. Errors never carry the
 * URL, a header or a response body, so no credential can leak through them; nothing here logs.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 4;
export const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;

export interface PsaReply {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when the body was empty. */
  body: unknown;
}

export interface PsaCall {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Statuses that mean "credential rejected" for this call (default 401 and 403). */
  rejectStatuses?: readonly number[];
  /** The wording of the rejection, after the PSA's name (default "rejected the configured credentials"). */
  rejectedReason?: string;
  /** Statuses answered as a reply (body parsed when possible) instead of thrown, e.g. 404 for a vanished record. */
  tolerateStatuses?: readonly number[];
}

export interface PsaHttp {
  call(url: string, call?: PsaCall): Promise<PsaReply>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createPsaHttp(
  source: PsaSource,
  transport: PsaTransport,
  options: PsaRequestOptions,
  credentialVariables: readonly string[]
): PsaHttp {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const sleep = options.sleep ?? realSleep;

  async function once(url: string, call: PsaCall): Promise<{ status: number; headers: Headers; text: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await transport(url, {
        method: call.method ?? 'GET',
        headers: { Accept: 'application/json', ...call.headers },
        body: call.body,
        signal: controller.signal,
        redirect: 'error'
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch {
      if (controller.signal.aborted) throw new PsaUnavailableError(source, `it did not answer within ${timeoutMs} ms`);
      throw new PsaUnavailableError(source, 'it could not be reached');
    } finally {
      clearTimeout(timer);
    }
  }

  async function call(url: string, call: PsaCall = {}): Promise<PsaReply> {
    const rejectStatuses = call.rejectStatuses ?? [401, 403];
    for (let attempt = 0; ; attempt++) {
      const reply = await once(url, call);
      const { status } = reply;
      if (rejectStatuses.includes(status)) {
        throw new PsaCredentialRejectedError(source, { status, variables: credentialVariables, reason: call.rejectedReason });
      }
      const throttled = status === 429;
      const transient = status === 502 || status === 503 || status === 504;
      if (throttled || transient) {
        if (attempt >= maxRetries) {
          throw new PsaUnavailableError(source, throttled ? `it kept limiting requests after ${maxRetries} retries` : 'it kept failing', status);
        }
        const asked = retryAfterMs(reply.headers.get('retry-after'));
        const delay = asked ?? Math.min(1000 * 2 ** attempt, maxRetryAfterMs);
        if (delay > maxRetryAfterMs) {
          throw new PsaUnavailableError(source, `it asked to wait ${Math.ceil(delay / 1000)} s before the next request`, status);
        }
        await sleep(delay);
        continue;
      }
      if (call.tolerateStatuses?.includes(status)) return { status, headers: reply.headers, body: parseJsonOrNull(reply.text) };
      if (status < 200 || status > 299) throw new PsaUnavailableError(source, 'it answered with an unexpected status', status);
      return { status, headers: reply.headers, body: parseJson(source, reply.text) };
    }
  }

  return { call };
}

function parseJson(source: PsaSource, text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PsaUnavailableError(source, 'it answered with something other than JSON');
  }
}

function parseJsonOrNull(text: string): unknown {
  try {
    return text.trim() === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** Retry-After as milliseconds (whole seconds: src/http/retryAfter.ts); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  const seconds = retryAfterSeconds(header, now);
  return seconds === undefined ? undefined : seconds * 1000;
}

/** The target of `rel="next"` in an RFC 8288 Link header, or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const match of header.matchAll(/<([^>]*)>([^,]*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '')?.[1] ?? '';
    if (rel.toLowerCase().split(/\s+/).includes('next')) return match[1] ?? null;
  }
  return null;
}

/** Refuses to follow a paging link to another origin than the one the credentials were meant for. */
export function assertSameOrigin(source: PsaSource, link: string, base: string): URL {
  let target: URL;
  try {
    target = new URL(link, base);
  } catch {
    throw new PsaUnavailableError(source, 'its paging link is not a valid URL');
  }
  if (target.origin !== new URL(base).origin) throw new PsaUnavailableError(source, 'its paging link points at another host');
  return target;
}

/** A trimmed string, or null when absent, not a string or empty. */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Joins the parts of a name that are present. */
export function joinName(...parts: unknown[]): string | null {
  const name = parts.map(cleanText).filter((part): part is string => part !== null).join(' ');
  return name === '' ? null : name;
}

/** The page size to request: the caller's, clamped to 1..max, or the documented maximum. */
export function pageSizeWithin(requested: number | undefined, max: number): number {
  if (requested === undefined || !Number.isFinite(requested)) return max;
  return Math.min(max, Math.max(1, Math.floor(requested)));
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

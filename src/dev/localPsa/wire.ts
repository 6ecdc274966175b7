import type { IncomingMessage, ServerResponse } from 'node:http';

/** The HTTP plumbing of the local PSA fakes. */

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body; undefined sends no body. */
  body?: unknown;
}

export interface LocalRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

const MAX_BODY = 64 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

export function header(request: LocalRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A query parameter looked up case-insensitively (the PSAs' servers are not case-sensitive). */
export function param(url: URL, name: string): string | null {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}

export function intParam(url: URL, name: string, fallback: number): number {
  const value = Number(param(url, name));
  return param(url, name) !== null && Number.isInteger(value) ? value : fallback;
}

export function boolParam(url: URL, name: string, fallback: boolean): boolean {
  const value = param(url, name)?.toLowerCase();
  return value === undefined ? fallback : value === 'true' || value === '1';
}

/** Keeps only the listed top-level fields (case-insensitively), always with `id`. */
export function project(record: Record<string, unknown>, fields: readonly string[] | undefined): Record<string, unknown> {
  if (!fields || fields.length === 0) return record;
  const wanted = new Set(['id', ...fields.map((field) => field.trim().toLowerCase())]);
  return Object.fromEntries(Object.entries(record).filter(([key]) => wanted.has(key.toLowerCase())));
}

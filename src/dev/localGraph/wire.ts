import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQueryError } from './properties';

/**
 * The local Graph's HTTP wire format: replies with Graph's headers and error bodies, JSON request
 * bodies, case-insensitive query options, and the opaque tokens carried by nextLinks and deltaLinks.
 */

export const GRAPH_ORIGIN = 'https://graph.microsoft.com';
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** What a route answers; written to the socket by `writeReply`. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** Graph's error body: `{ error: { code, message } }` (writeReply adds innerError). */
export function graphError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { error: { code, message } }, headers };
}

/** A thrown GraphQueryError as its reply, anything else as a 500 generalException. */
export function errorReply(error: unknown): Reply {
  return error instanceof GraphQueryError
    ? graphError(error.status, error.code, error.message)
    : graphError(500, 'generalException', error instanceof Error ? error.message : String(error));
}

export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw new GraphQueryError(400, 'Request_BadRequest', 'The skip token is not valid.');
  }
}

/** Query parameters by lower-cased name (OData system query options are case-insensitive). */
export function queryOf(url: URL): Map<string, string> {
  const query = new Map<string, string>();
  for (const [key, value] of url.searchParams) query.set(key.toLowerCase(), value);
  return query;
}

/** A query string encoding each value like graph-client callers do, in a stable order. */
export function queryString(params: [string, string | undefined][]): string {
  const parts = params.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The request's JSON body; undefined when empty; 400/413 as GraphQueryError. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new GraphQueryError(413, 'RequestEntityTooLarge', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphQueryError(400, 'BadRequest', 'Unable to read JSON request payload.');
  }
}

/** Writes a reply as Graph does: request-id and client-request-id headers, innerError in error bodies. */
export function writeReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const requestId = randomUUID();
  const clientRequestId = String(req.headers['client-request-id'] ?? requestId);
  const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId, ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, { ...headers, 'content-length': '0' });
    res.end();
    return;
  }
  const body = reply.body as { error?: Record<string, unknown> };
  if (body.error) {
    body.error.innerError = { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': clientRequestId };
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...headers, 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

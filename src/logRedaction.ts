import { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What no log line may carry, at any level: the one redaction every log line goes through (src/logger.ts
 * applies it to the message, to every field at any depth, and to child bindings; callers that log a URL
 * also call `redactUrl` themselves, so the intent is visible where URLs are logged).
 *
 * Redacted in any text:
 * - query strings and `#name=value` fragments (tab tokens in `access_token`, the history export `token`,
 *   the consent `state`, Teams' `tempauth` download tokens, Graph `$skiptoken`s): every value, keeping
 *   the parameter names;
 * - path secrets: `/invite/<secret>`, `/reports/<companyId>/<token>`;
 * - anything JWT-shaped (`eyJ…` in two or three dot-separated parts: Bot Framework and Entra tokens, and the
 *   app's own signed tokens, whose JSON body starts the same way), `Bearer …` and `Basic …` credentials;
 * - 43-character base64url words: the shape of every 256-bit secret the app issues (invitation secrets,
 *   report tokens) and of an HMAC-SHA256 signature (mixed case with a digit, - or _);
 * - `AccountKey=…`-style secrets of connection strings.
 * Fields whose name says they hold a credential (authorization, cookie, password, secret, token, key, ...)
 * are replaced whole, wherever they sit.
 */
export const REDACTED = '[redacted]';

const SECRET_FIELD = new Set(
  [
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'password',
    'pwd',
    'secret',
    'clientsecret',
    'client_secret',
    'token',
    'accesstoken',
    'access_token',
    'refreshtoken',
    'refresh_token',
    'idtoken',
    'id_token',
    'reporttoken',
    'apikey',
    'api_key',
    'x-api-key',
    'key',
    'privatekey',
    'signingkey',
    'tempauth',
    'sig',
    'signature',
    'ocp-apim-subscription-key'
  ].map((name) => name.toLowerCase())
);

/** A character that can be part of a URL (unquoted, unspaced); of a query (no fragment); of a path segment. */
const URL_CHAR = "[^\\s\"'<>`]";
const QUERY_CHAR = "[^\\s\"'<>`#]";
const SEGMENT = "[^\\s\"'<>`/?#]";

const RULES: [RegExp, string | ((...groups: string[]) => string)][] = [
  // Credentials with a scheme: "Bearer eyJ...", "Basic dXNlcj..." (16 characters or more, so that prose
  // such as "Basic settings" stays).
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  // Anything JWT-shaped, and the app's signed tokens (base64url JSON body + signature).
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g, REDACTED],
  // Path secrets: the invitation secret, the import report token.
  [new RegExp(`(/invite/)${SEGMENT}+`, 'g'), `$1${REDACTED}`],
  [new RegExp(`(/reports/${SEGMENT}+/)${SEGMENT}+`, 'g'), `$1${REDACTED}`],
  // Query strings, attached to whatever precedes them: every value, the names kept.
  [new RegExp(`(?<=[^\\s?])\\?(${QUERY_CHAR}+)`, 'g'), (_m, query) => `?${redactQuery(query)}`],
  // Fragments that carry values (#devToken=...).
  [new RegExp(`#(${URL_CHAR}*=${URL_CHAR}*)`, 'g'), (_m, fragment) => `#${redactQuery(fragment)}`],
  // Connection-string secrets.
  [/\b(AccountKey|SharedAccessKey|SharedAccessSignature|ClientSecret|Password|Pwd)=([^;&\s"']+)/gi, (_m, name) => `${name}=${REDACTED}`],
  // A bare 43-character base64url word with upper and lower case letters and a digit, - or _ (a 256-bit
  // secret or an HMAC has them all but about once in 8 000; a camel-case identifier has no digit).
  [/(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, REDACTED]
];

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      if (equals < 0) return part === '' ? part : REDACTED;
      const name = part.slice(0, equals);
      return `${/^[\w.$[\]%-]{1,40}$/.test(name) ? name : REDACTED}=${REDACTED}`;
    })
    .join('&');
}

/** Every secret the app knows the shape of, taken out of a piece of text. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement as (...args: string[]) => string);
  }
  return out;
}

/** A request URL or path as it may be logged: no query values, no path secrets. */
export function redactUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : redactText(url);
}

const MAX_DEPTH = 8;

function isSecretField(name: string): boolean {
  return SECRET_FIELD.has(name.toLowerCase());
}

function summariseError(error: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.constructor?.name ?? error.name, message: error.message, stack: error.stack };
  for (const key of Object.keys(error)) {
    if (!(key in out)) out[key] = (error as unknown as Record<string, unknown>)[key];
  }
  // An Error's own `cause` is not enumerable.
  if (error.cause !== undefined) out.cause = error.cause;
  return redactFields(out, seen, depth) as Record<string, unknown>;
}

/**
 * A copy of a log object with every secret taken out: credential fields replaced whole, every string
 * through `redactText`, errors, requests and responses first reduced to what a log needs (errors keep
 * their type, message, stack, cause and own fields; requests their method, URL and headers).
 */
export function redactFields(value: unknown, seen: WeakSet<object> = new WeakSet(), depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth > MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return summariseError(value, seen, depth + 1);
    if (value instanceof IncomingMessage) {
      return redactFields({ method: value.method, url: value.url, headers: value.headers }, seen, depth + 1);
    }
    if (value instanceof ServerResponse) {
      return redactFields({ statusCode: value.statusCode, headers: value.getHeaders() }, seen, depth + 1);
    }
    if (value instanceof URL) return redactText(value.href);
    if (value instanceof Headers) return redactFields(Object.fromEntries(value.entries()), seen, depth + 1);
    if (value instanceof Date) return value;
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    if (value instanceof Map) return redactFields(Object.fromEntries(value), seen, depth + 1);
    if (value instanceof Set) return redactFields([...value], seen, depth + 1);
    if (Array.isArray(value)) return value.map((item) => redactFields(item, seen, depth + 1));
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return redactFields(toJSON.call(value), seen, depth + 1);
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      out[key] = isSecretField(key) && field !== undefined && field !== null ? REDACTED : redactFields(field, seen, depth + 1);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

import type { LocalUser } from './types';

/** A request the local Graph refuses, with Graph's status, code and message. */
export class GraphQueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

/** The user properties the local Graph knows, in Graph's spelling. */
export const USER_PROPERTIES = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'mobilePhone',
  'accountEnabled',
  'userType',
  'businessPhones',
  'officeLocation',
  'preferredLanguage',
  'department'
] as const;
export type UserProperty = (typeof USER_PROPERTIES)[number];

/** What GET /users returns without $select (Graph's default set: no accountEnabled, no userType). */
export const DEFAULT_USER_PROPERTIES: readonly UserProperty[] = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id'
];

const BY_LOWER = new Map<string, UserProperty>(USER_PROPERTIES.map((p) => [p.toLowerCase(), p]));

function property(name: string): UserProperty {
  const known = BY_LOWER.get(name.trim().toLowerCase());
  if (!known) {
    throw new GraphQueryError(400, 'Request_BadRequest', `Could not find a property named '${name.trim()}' on type 'microsoft.graph.user'.`);
  }
  return known;
}

/** The $select list, or null when absent. */
export function parseSelect(value: string | null): UserProperty[] | null {
  if (value === null || value.trim() === '') return null;
  const props = value.split(',').map(property);
  return [...new Set(props)];
}

export function valueOf(user: LocalUser, prop: UserProperty): unknown {
  const value = user[prop];
  if (prop === 'businessPhones') return value ?? [];
  return value ?? null;
}

/** The user as Graph would serialise it: the selected properties (id always), or the default set. */
export function project(user: LocalUser, select: readonly UserProperty[] | null): Record<string, unknown> {
  const props = select ?? DEFAULT_USER_PROPERTIES;
  const out: Record<string, unknown> = {};
  for (const prop of props) out[prop] = valueOf(user, prop);
  if (!('id' in out)) out.id = user.id;
  return out;
}

// ---------------------------------------------------------------------------------------------
// $filter: startswith/endswith, eq/ne, and/or/not, parentheses.

type Predicate = (user: LocalUser) => boolean;

interface Token {
  kind: 'word' | 'string' | 'punct' | 'number';
  text: string;
}

function tokenizeFilter(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw invalidFilter(text);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ kind: 'string', text: value });
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_./$-]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    } else if (/[0-9-]/.test(c)) {
      const match = /^-?[0-9a-fA-F-]+/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: match[0] });
      i += match[0].length;
    } else {
      throw invalidFilter(text);
    }
  }
  return tokens;
}

function invalidFilter(text: string): GraphQueryError {
  return new GraphQueryError(400, 'BadRequest', `Invalid filter clause: syntax error in '${text}'.`);
}

const ADVANCED_ONLY = new Set(['endswith']);

/**
 * Parses a users $filter. `advanced` is true with ConsistencyLevel: eventual and $count=true; without
 * it endswith is refused like Graph does. String comparisons are case-insensitive, as in Entra ID.
 */
export function parseFilter(text: string, advanced: boolean): Predicate {
  const tokens = tokenizeFilter(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (word: string) => peek()?.kind === 'word' && peek().text.toLowerCase() === word;
  const expect = (punct: string) => {
    if (peek()?.kind !== 'punct' || peek().text !== punct) throw invalidFilter(text);
    pos++;
  };

  const literal = (): unknown => {
    const token = tokens[pos++];
    if (!token) throw invalidFilter(text);
    if (token.kind === 'string') return token.text;
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'true';
    if (token.kind === 'word' && /^null$/i.test(token.text)) return null;
    if (token.kind === 'number') return token.text;
    throw invalidFilter(text);
  };

  const same = (a: unknown, b: unknown): boolean => {
    if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
    return (a ?? null) === (b ?? null);
  };

  const primary = (): Predicate => {
    const token = peek();
    if (!token) throw invalidFilter(text);
    if (token.kind === 'punct' && token.text === '(') {
      pos++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (token.kind !== 'word') throw invalidFilter(text);
    const fn = token.text.toLowerCase();
    if (fn === 'startswith' || fn === 'endswith') {
      if (ADVANCED_ONLY.has(fn) && !advanced) {
        throw new GraphQueryError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
      }
      pos++;
      expect('(');
      const propToken = tokens[pos++];
      if (propToken?.kind !== 'word') throw invalidFilter(text);
      const prop = property(propToken.text);
      expect(',');
      const value = literal();
      expect(')');
      if (typeof value !== 'string') throw invalidFilter(text);
      const wanted = value.toLowerCase();
      return (user) => {
        const actual = valueOf(user, prop);
        if (typeof actual !== 'string') return false;
        return fn === 'startswith' ? actual.toLowerCase().startsWith(wanted) : actual.toLowerCase().endsWith(wanted);
      };
    }
    pos++;
    const prop = property(token.text);
    const operator = tokens[pos++];
    if (operator?.kind !== 'word' || !/^(eq|ne)$/i.test(operator.text)) throw invalidFilter(text);
    const value = literal();
    const negate = operator.text.toLowerCase() === 'ne';
    return (user) => same(valueOf(user, prop), value) !== negate;
  };

  const unary = (): Predicate => {
    if (isWord('not')) {
      pos++;
      const inner = unary();
      return (user) => !inner(user);
    }
    return primary();
  };

  const andExpr = (): Predicate => {
    const parts = [unary()];
    while (isWord('and')) {
      pos++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0] : (user) => parts.every((p) => p(user));
  };

  const orExpr = (): Predicate => {
    const parts = [andExpr()];
    while (isWord('or')) {
      pos++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? parts[0] : (user) => parts.some((p) => p(user));
  };

  const predicate = orExpr();
  if (pos !== tokens.length) throw invalidFilter(text);
  return predicate;
}

// ---------------------------------------------------------------------------------------------
// $search: "property:text" clauses joined by AND / OR (upper case), parentheses.

/**
 * Graph's tokenisation for $search on displayName: words split on spaces, on a lower→upper case
 * change, between letters and digits, and around symbols; words joined only by symbols also count as
 * one ("hello.world" → hello, world, helloworld). Tokens are compared case-insensitively.
 */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const parts = word.match(/\p{L}+|\p{N}+/gu) ?? [];
    for (const part of parts) {
      for (const piece of part.split(/(?<=\p{Ll})(?=\p{Lu})/u)) tokens.push(piece.toLowerCase());
    }
    const joined = parts.join('').toLowerCase();
    if (parts.length > 1 && /[^\p{L}\p{N}]/u.test(word)) tokens.push(joined);
  }
  return tokens;
}

/**
 * Parses a users $search. displayName clauses match when every token of the searched text is the
 * start of a token of the display name (in any order); other properties match by "starts with",
 * case-insensitively, as Graph documents.
 */
export function parseSearch(text: string): Predicate {
  let pos = 0;
  const fail = () => new GraphQueryError(400, 'Request_UnsupportedQuery', `Syntax error: character '${text[pos] ?? ''}' is not valid at position ${pos} in '${text}'.`);
  const skipSpaces = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };

  const clause = (): Predicate => {
    skipSpaces();
    if (text[pos] !== '"') throw fail();
    pos++;
    let body = '';
    for (;;) {
      if (pos >= text.length) throw fail();
      const c = text[pos];
      if (c === '\\' && (text[pos + 1] === '"' || text[pos + 1] === '\\')) {
        body += text[pos + 1];
        pos += 2;
      } else if (c === '"') {
        pos++;
        break;
      } else {
        body += c;
        pos++;
      }
    }
    const colon = body.indexOf(':');
    if (colon <= 0) {
      throw new GraphQueryError(400, 'Request_UnsupportedQuery', 'Search on all properties is not supported: use "property:text".');
    }
    const prop = property(body.slice(0, colon));
    const wanted = body.slice(colon + 1);
    if (prop === 'displayName') {
      const queryTokens = searchTokens(wanted);
      return (user) => {
        if (queryTokens.length === 0) return false;
        const nameTokens = searchTokens(user.displayName ?? '');
        return queryTokens.every((q) => nameTokens.some((t) => t.startsWith(q)));
      };
    }
    const prefix = wanted.toLowerCase();
    return (user) => {
      const actual = valueOf(user, prop);
      return typeof actual === 'string' && prefix.length > 0 && actual.toLowerCase().startsWith(prefix);
    };
  };

  const primary = (): Predicate => {
    skipSpaces();
    if (text[pos] === '(') {
      pos++;
      const inner = orExpr();
      skipSpaces();
      if (text[pos] !== ')') throw fail();
      pos++;
      return inner;
    }
    return clause();
  };

  const keyword = (word: 'AND' | 'OR'): boolean => {
    skipSpaces();
    if (text.startsWith(word, pos) && /\s|\(|"/.test(text[pos + word.length] ?? '')) {
      pos += word.length;
      return true;
    }
    return false;
  };

  const andExpr = (): Predicate => {
    const parts = [primary()];
    while (keyword('AND')) parts.push(primary());
    return parts.length === 1 ? parts[0] : (user) => parts.every((p) => p(user));
  };

  const orExpr = (): Predicate => {
    const parts = [andExpr()];
    while (keyword('OR')) parts.push(andExpr());
    return parts.length === 1 ? parts[0] : (user) => parts.some((p) => p(user));
  };

  const predicate = orExpr();
  skipSpaces();
  if (pos !== text.length) throw fail();
  return predicate;
}

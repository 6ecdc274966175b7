import { GraphQueryError, property, valueOf, type Predicate } from './properties';

/** $filter on users: startswith/endswith, eq/ne, and/or/not, parentheses (what the import card sends). */

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

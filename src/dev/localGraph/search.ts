import { GraphQueryError, property, valueOf, type Predicate } from './properties';

/** $search on users: "property:text" clauses joined by AND / OR (upper case), parentheses. */

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

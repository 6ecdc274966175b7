/**
 * "Did you mean": the names closest to what a person typed, for a company name that matches nothing
 * ("users of Fabrkam", "archive Nortwind"). Pure and deterministic, so it is table-tested.
 *
 * Names and the typed text are compared as folded words: Unicode compatibility form, no accents, lower
 * case, punctuation as spaces ("Fabrikam, Inc." is "fabrikam inc"). A name is close when the typed
 * text is within a few edits (insert, delete, replace, swap two neighbours) of the whole name, of one of
 * its words, or of its beginning of the same length ("Northwnd Tra" for "Northwind Traders"); the
 * allowance grows with the length of the typed text (one edit per three letters, at most three; none
 * below three letters, where one edit would make everything close).
 */

export interface FuzzyMatchOptions {
  /** At most this many suggestions (default 3). */
  limit?: number;
}

export interface FuzzySuggestion<T> {
  item: T;
  name: string;
  /** Edits between what was typed and the closest part of the name (0 = a part matches exactly). */
  distance: number;
}

/** Folds a name for comparison: NFKD without combining marks, lower case, punctuation as spaces, spaces collapsed. */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Edits allowed for a typed text of this (folded) length. */
export function allowedEdits(length: number): number {
  return Math.min(3, Math.floor(length / 3));
}

/** Optimal string alignment distance (Levenshtein with swaps of neighbours), on code points. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let twoBack: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, twoBack[j - 2] + 1);
      current.push(best);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[t.length];
}

/** How far `typed` (folded) is from the closest part of `name` (folded): the whole, a word, or its beginning. */
export function nameDistance(typed: string, name: string): number {
  if (!typed || !name) return Number.POSITIVE_INFINITY;
  const parts = new Set([name, ...name.split(' '), [...name].slice(0, [...typed].length).join('')]);
  // A typed text of several words is also compared with as many words of the name from its start.
  const typedWords = typed.split(' ').length;
  if (typedWords > 1) parts.add(name.split(' ').slice(0, typedWords).join(' '));
  return Math.min(...[...parts].filter(Boolean).map((part) => editDistance(typed, part)));
}

/**
 * The names close to `typed`, closest first (ties: the shorter distance to the whole name, then
 * alphabetical), at most `limit`. Nothing typed, or nothing close, gives an empty list.
 */
export function closestNames<T>(typed: string, items: readonly T[], nameOf: (item: T) => string, options: FuzzyMatchOptions = {}): FuzzySuggestion<T>[] {
  const wanted = foldName(typed);
  if (!wanted) return [];
  const allowance = allowedEdits([...wanted.replace(/ /g, '')].length);
  return items
    .map((item) => {
      const name = nameOf(item);
      const folded = foldName(name);
      return { item, name, distance: nameDistance(wanted, folded), whole: editDistance(wanted, folded) };
    })
    .filter((s) => s.distance <= allowance)
    .sort((a, b) => a.distance - b.distance || a.whole - b.whole || a.name.localeCompare(b.name))
    .slice(0, options.limit ?? 3)
    .map(({ item, name, distance }) => ({ item, name, distance }));
}

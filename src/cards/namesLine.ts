/**
 * People named in a sentence of a card: "Ann Lee, Bob Ray and Carl Ng", or the first `shown` of them
 * and "and 4 more" when there are more (`total` counts those not even in `names`).
 */
export function namesLine(names: readonly string[], total = names.length, shown = names.length): string {
  const named = names.slice(0, shown);
  const more = total - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

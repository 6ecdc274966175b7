/** A toggle's value as Teams sends it: a boolean, or the toggle's valueOn / valueOff string. */
export const truthy = (value: unknown) => value === true || value === 'true';

/**
 * The inputs of the rows an import card showed: `<pick><id>` toggles and `<email><id>` fields. Keys
 * for rows the card did not show are ignored, so card data cannot reach other rows.
 */
export function shownRowInputs(
  raw: Record<string, unknown>,
  rowIds: string[],
  prefixes: { pick: string; email: string }
): { picks: Record<string, boolean>; emails: Record<string, string> } {
  const picks: Record<string, boolean> = {};
  const emails: Record<string, string> = {};
  for (const id of rowIds) {
    if (`${prefixes.pick}${id}` in raw) picks[id] = truthy(raw[`${prefixes.pick}${id}`]);
    const email = raw[`${prefixes.email}${id}`];
    if (typeof email === 'string') emails[id] = email.slice(0, 254);
  }
  return { picks, emails };
}

import { derivedId } from '../ids';

export { derivedId };

/** The id of a portal user imported from Entra: derived from the object id, so a retried import finds it. */
export function entraUserId(companyId: string, entraObjectId: string): string {
  return derivedId('entra', companyId, entraObjectId.toLowerCase());
}

import { statusOf, type PortalUserView } from '../services/portalUsers/view';
import { localDate } from './localTime';

function backFacts(user: PortalUserView, entraBackAt: string | undefined) {
  return { access: user.access, disabledReason: user.disabledReason, entraBack: true, entraBackAt };
}

/**
 * A user's status as a card's TextBlock shows it: the service's words, with the day someone came back
 * to Entra ID in the viewer's time zone ("Back in Entra ID since Wed, Dec 2, 2026: enable?").
 */
export function cardStatus(user: PortalUserView): string {
  return user.backInEntra ? statusOf(backFacts(user, user.entraBackAt), localDate) : user.status;
}

/** The same in a FactSet, where Teams renders no dates in the viewer's time zone: without the day. */
export function factStatus(user: PortalUserView): string {
  return user.backInEntra ? statusOf(backFacts(user, undefined)) : user.status;
}

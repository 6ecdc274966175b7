import type { LinkChoices } from '../services/staff';
import { MAX_LINK_CHOICES } from '../services/staff/importChoices';
import { renderCard, type AdaptiveCardJson } from './render';

/**
 * "Link to existing staff" for one row of the import card: pick the staff member it is. The card says
 * what the import then does to them: the role stays, the name and email become the source's and
 * follow it from then on (the staff member's own email stays where the source has none).
 */
export function staffImportLinkCard(choices: LinkChoices): AdaptiveCardJson {
  const { person, sourceLabel } = choices;
  const email = choices.email?.trim();
  const after = !email
    ? `the staff member you choose becomes ${person.displayName} and keeps their own email (${sourceLabel} has none for this person)`
    : choices.emailHolder
      ? `the staff member you choose becomes ${person.displayName} and keeps their own email (${email} is ${choices.emailHolder}'s)`
      : `the staff member you choose becomes ${person.displayName}, ${email}`;
  return renderCard('staffImportLink', {
    name: person.displayName,
    facts: [
      { title: 'Email', value: person.email ?? `none in ${sourceLabel}` },
      ...(person.jobTitle ? [{ title: 'Job title', value: person.jobTitle }] : []),
      { title: 'Source', value: sourceLabel }
    ],
    explanation: 'Linking records that this person is the staff member you choose: importing then updates that staff member instead of creating a duplicate, and their role stays as it is.',
    follows: `Name and email will follow ${sourceLabel}: when you import, ${after}, and later changes in ${sourceLabel} reach them at each import.`,
    choices: choices.choices.map((choice) => ({ title: choice.title, value: choice.id })),
    current: choices.current ?? '',
    more: choices.more,
    shown: MAX_LINK_CHOICES,
    linkActions: choices.choices.length ? [{ title: 'Link', data: { sessionId: choices.sessionId, rowId: choices.rowId } }] : [],
    backData: { sessionId: choices.sessionId, rowIds: [], move: 'stay' }
  });
}

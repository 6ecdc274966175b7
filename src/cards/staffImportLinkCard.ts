import type { LinkChoices } from '../services/staff';
import { MAX_LINK_CHOICES } from '../services/staff/importBrowser';
import { renderCard, type AdaptiveCardJson } from './render';

/** "Link to existing staff" for one row of the import card: pick the staff member it is. */
export function staffImportLinkCard(choices: LinkChoices): AdaptiveCardJson {
  const { person } = choices;
  return renderCard('staffImportLink', {
    name: person.displayName,
    facts: [
      { title: 'Email', value: person.email ?? `none in ${choices.sourceLabel}` },
      ...(person.jobTitle ? [{ title: 'Job title', value: person.jobTitle }] : []),
      { title: 'Source', value: choices.sourceLabel }
    ],
    explanation: 'Linking records that this person is the staff member you choose: importing then updates that staff member instead of creating a duplicate, and their role stays as it is.',
    choices: choices.choices.map((choice) => ({ title: choice.title, value: choice.id })),
    current: choices.current ?? '',
    more: choices.more,
    shown: MAX_LINK_CHOICES,
    linkActions: choices.choices.length ? [{ title: 'Link', data: { sessionId: choices.sessionId, rowId: choices.rowId } }] : [],
    backData: { sessionId: choices.sessionId, rowIds: [], move: 'stay' }
  });
}

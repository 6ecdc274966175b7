import type { LinkChoicesView } from '../services/imports/importLinks';
import { LINK_CHOICES_SHOWN } from '../services/imports/importLinks';
import { renderCard, type AdaptiveCardJson } from './render';

/** "Link to…" for one row of the Entra import card: search the company's unlinked portal users, pick the one this person is. */
export function importLinkCard(view: LinkChoicesView): AdaptiveCardJson {
  const { person } = view;
  const base = { companyId: view.companyId, sessionId: view.sessionId, rowIds: [], move: 'stay', rowId: view.rowId };
  return renderCard('importLink', {
    name: person.name,
    companyName: view.companyName,
    facts: [
      { title: 'Email', value: person.email ?? (person.signInName ? `no mailbox (sign-in name ${person.signInName})` : 'none in Entra ID') },
      ...(person.jobTitle ? [{ title: 'Job title', value: person.jobTitle }] : [])
    ],
    explanation:
      'Linking records that this person is the portal user you choose: importing links them instead of creating a duplicate. ' +
      'From then on their name and email follow Entra ID. Only portal users not linked to anyone are listed.',
    search: view.search,
    searchData: base,
    choices: view.choices.map((choice) => ({ title: `${choice.name} \u00b7 ${choice.email} \u00b7 ${choice.status}`, value: choice.id })),
    current: view.current ?? '',
    empty: view.search ? `No unlinked portal user matches "${view.search}".` : 'Every portal user of this company is linked to someone already.',
    more: view.more,
    shown: LINK_CHOICES_SHOWN,
    linkActions: view.choices.length ? [{ title: 'Link', data: { ...base, resolve: 'link' } }] : [],
    backData: base
  });
}

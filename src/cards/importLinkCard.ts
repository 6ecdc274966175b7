import type { ImportAudience, LinkChoicesView } from '../services/imports/view';
import { IMPORT_CARD_WORDS } from './importWords';
import { renderCard, type AdaptiveCardJson } from './render';

/** What the "Link to…" card says, per audience. */
interface LinkWords {
  title(view: LinkChoicesView): string;
  facts(view: LinkChoicesView): { title: string; value: string }[];
  explanation: string;
  /** What the person linked has afterwards (staff: the source's name and email, followed from then on). */
  follows?(view: LinkChoicesView): string;
  /** Where the choices are searched: the search box's label. */
  searchLabel?: string;
  choice: { id: string; label: string; style: 'expanded' | 'filtered'; errorMessage: string; title(choice: LinkChoicesView['choices'][number]): string };
  empty(view: LinkChoicesView): string;
  moreText(shown: number): string;
  /** The data of the "Link" button besides the chosen id: the row and, where the button saves the page too, the page's data. */
  linkData(view: LinkChoicesView, base: object): object;
}

const job = (view: LinkChoicesView) => (view.person.jobTitle ? [{ title: 'Job title', value: view.person.jobTitle }] : []);

const LINK_WORDS: Record<ImportAudience, LinkWords> = {
  client: {
    title: (view) => `Link ${view.person.name} to a portal user of ${view.companyName}`,
    facts: (view) => [{ title: 'Email', value: view.person.email ?? (view.person.signInName ? `no mailbox (sign-in name ${view.person.signInName})` : 'none in Entra ID') }, ...job(view)],
    explanation:
      'Linking records that this person is the portal user you choose: importing links them instead of creating a duplicate. ' +
      'From then on their name and email follow Entra ID. Only portal users not linked to anyone are listed.',
    searchLabel: 'Search portal users by name or email',
    choice: { id: 'linkUserId', label: 'Portal user', style: 'expanded', errorMessage: 'Choose the portal user this person is.', title: (choice) => `${choice.name} \u00b7 ${choice.email} \u00b7 ${choice.status}` },
    empty: (view) => (view.search ? `No unlinked portal user matches "${view.search}".` : 'Every portal user of this company is linked to someone already.'),
    moreText: (shown) => `Only the first ${shown} are listed: search to narrow them down.`,
    linkData: (_view, base) => ({ ...base, resolve: 'link' })
  },
  staff: {
    title: (view) => `Link ${view.person.name} to a staff member`,
    facts: (view) => [{ title: 'Email', value: view.person.email ?? `none in ${view.sourceLabel}` }, ...job(view), { title: 'Source', value: view.sourceLabel }],
    explanation: 'Linking records that this person is the staff member you choose: importing then updates that staff member instead of creating a duplicate, and their role stays as it is.',
    follows: (view) => {
      const email = view.email?.trim();
      const { name } = view.person;
      const after = !email
        ? `the staff member you choose becomes ${name} and keeps their own email (${view.sourceLabel} has none for this person)`
        : view.emailHolder
          ? `the staff member you choose becomes ${name} and keeps their own email (${email} is ${view.emailHolder}'s)`
          : `the staff member you choose becomes ${name}, ${email}`;
      return `Name and email will follow ${view.sourceLabel}: when you import, ${after}, and later changes in ${view.sourceLabel} reach them at each import.`;
    },
    choice: { id: 'staffId', label: 'Staff member', style: 'filtered', errorMessage: 'Choose the staff member to link to.', title: (choice) => `${choice.name}${choice.email ? ` (${choice.email})` : ''}` },
    empty: () => 'No staff member can be linked to this person: everyone is linked to someone of this source already.',
    moreText: (shown) => `Only the first ${shown} staff members are listed.`,
    linkData: (view) => ({ sessionId: view.sessionId, rowId: view.rowId })
  }
};

/** "Link to…" for one row of an import card: pick the portal user or staff member this person is (searched, for a client import). */
export function importLinkCard(view: LinkChoicesView): AdaptiveCardJson {
  const words = LINK_WORDS[view.audience];
  const page = IMPORT_CARD_WORDS[view.audience];
  const scope = page.carriesCompany ? { companyId: view.companyId } : {};
  const back = { ...scope, sessionId: view.sessionId, rowIds: [], move: 'stay' };
  const base = { ...back, rowId: view.rowId };
  return renderCard('importLink', {
    title: words.title(view),
    facts: words.facts(view),
    explanation: words.explanation,
    follows: words.follows?.(view),
    searchLabel: words.searchLabel,
    search: view.search,
    searchData: words.searchLabel ? base : undefined,
    verbs: { search: page.verbs.linkForm, back: page.verbs.page },
    choice: { id: words.choice.id, label: words.choice.label, style: words.choice.style, errorMessage: words.choice.errorMessage },
    choices: view.choices.map((choice) => ({ title: words.choice.title(choice), value: choice.id })),
    current: view.current ?? '',
    empty: words.empty(view),
    more: view.more,
    moreText: words.moreText(view.shown),
    linkActions: view.choices.length ? [{ title: 'Link', verb: page.verbs.linkChoice, data: words.linkData(view, base) }] : [],
    backData: words.searchLabel ? base : back
  });
}

import type { ImportAudience, ImportPageView, ImportRowView } from '../services/imports/view';
import { cardTime, localDateTime } from './localTime';
import { CARD_VERBS } from './verbs';

/** A button of a row, as the audience's verbs spell it: the verb, and what its data adds. */
interface RowVerb {
  verb: string;
  data?: (userId: string) => object;
}

/**
 * A card's own button: `positive` (the one that goes on), `secondary` (in the overflow), `plain`; each
 * with the card's inputs and the page it is on; `detached` sends nothing of the card.
 */
export interface CardButton {
  title: string;
  verb: string;
  kind: 'positive' | 'secondary' | 'plain' | 'detached';
}

/**
 * The words and verbs of the import cards, per audience: everything else about the import page, the
 * "Link to…" card and their rows is one builder (importCard.ts, importLinkCard.ts). The verbs are the
 * two groups of cards/verbs.ts; the titles those the people of each audience know.
 */
export interface ImportCardWords {
  title(view: ImportPageView): string;
  /** The title of a refusal's card. */
  refusedTitle: string;
  /** What a card that is out of date says to do. */
  outOfDate: string;
  allUnlinkedTitle: string;
  roleLabel: string;
  /** The row's details where the source has no email. */
  noEmail(view: ImportPageView): string;
  emailLabel(row: ImportRowView, view: ImportPageView): string;
  empty(view: ImportPageView): string;
  lastSync(iso: string): string;
  /** Whether the card data names the company (a client import's card does; a staff card's company is the MSP's own). */
  carriesCompany: boolean;
  /** The card offers to use sign-in names as emails for everyone without a mailbox. */
  signInNames: boolean;
  /** The colour of a possible match once "Create new" was chosen. */
  choseNewColor: 'Attention' | 'Accent';
  verbs: { page: string; linkForm: string; link: RowVerb; createNew: RowVerb; undo: RowVerb; useSignInName?: RowVerb; linkChoice: string };
  linkTo: string;
  undo: { link: string; createNew: string };
  /** In this order within each kind; the kinds in the order of CardButton's. */
  buttons: CardButton[];
}

const resolve = (value: string) => () => ({ resolve: value });

export const IMPORT_CARD_WORDS: Record<ImportAudience, ImportCardWords> = {
  client: {
    title: (view) => `Import from Microsoft Entra ID: ${view.companyName}`,
    refusedTitle: 'Not possible',
    outOfDate: 'Say "import users for <company>" to start again.',
    allUnlinkedTitle: 'Select all unlinked people (members with an email; guests, disabled and service accounts only when ticked)',
    roleLabel: 'Company role for everyone imported',
    noEmail: () => 'No email in Entra ID',
    emailLabel: (row) => `Email for ${row.name} (no mailbox in Entra ID${row.signInName ? '; their sign-in name is used only once you confirm it' : ''})`,
    empty: (view) => (view.search ? `Nobody in the directory matches "${view.search}".` : 'The directory has nobody to show.'),
    lastSync: (iso) => `last sync {{DATE(${cardTime(iso)}, SHORT)}}`,
    carriesCompany: true,
    signInNames: true,
    choseNewColor: 'Attention',
    verbs: {
      page: CARD_VERBS.import.page,
      linkForm: CARD_VERBS.import.linkForm,
      link: { verb: CARD_VERBS.import.row, data: (userId) => ({ resolve: 'link', userId }) },
      createNew: { verb: CARD_VERBS.import.row, data: resolve('createNew') },
      undo: { verb: CARD_VERBS.import.row, data: resolve('undo') },
      useSignInName: { verb: CARD_VERBS.import.row, data: resolve('useSignInName') },
      linkChoice: CARD_VERBS.import.row
    },
    linkTo: 'Link to\u2026',
    undo: { link: 'Undo', createNew: 'Undo' },
    buttons: [
      { title: 'Review import', verb: CARD_VERBS.import.review, kind: 'positive' },
      { title: 'Save selection', verb: CARD_VERBS.import.page, kind: 'secondary' }
    ]
  },
  staff: {
    title: (view) => `Import staff from ${view.sourceLabel}`,
    refusedTitle: 'Not done',
    outOfDate: 'Say "import staff" to start again.',
    allUnlinkedTitle: 'Select all unlinked people (members with an email; others only when ticked)',
    roleLabel: 'Role for everyone imported (people linked to existing staff keep their role)',
    noEmail: (view) => `No email in ${view.sourceLabel}`,
    emailLabel: (row, view) => `Email for ${row.name} (none in ${view.sourceLabel})`,
    empty: (view) => (view.search ? `Nobody matches "${view.search}".` : `${view.sourceLabel} has no active ${view.peopleWord}.`),
    lastSync: (iso) => `last sync ${localDateTime(iso)}`,
    carriesCompany: false,
    signInNames: false,
    choseNewColor: 'Accent',
    verbs: {
      page: CARD_VERBS.staffImport.page,
      linkForm: CARD_VERBS.staffImport.linkForm,
      link: { verb: CARD_VERBS.staffImport.linkMatch, data: (staffId) => ({ staffId }) },
      createNew: { verb: CARD_VERBS.staffImport.createNew },
      undo: { verb: CARD_VERBS.staffImport.unlink },
      linkChoice: CARD_VERBS.staffImport.link
    },
    linkTo: 'Link to existing staff',
    undo: { link: 'Undo link', createNew: 'Undo "Create new"' },
    buttons: [
      { title: 'Import selected', verb: CARD_VERBS.staffImport.confirm, kind: 'positive' },
      { title: 'Save selection', verb: CARD_VERBS.staffImport.page, kind: 'plain' },
      { title: 'Other sources', verb: CARD_VERBS.staffImport.sources, kind: 'detached' }
    ]
  }
};

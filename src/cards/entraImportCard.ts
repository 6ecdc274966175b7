import { EMAIL_PATTERN } from '../domain/email';
import { COMPANY_ROLE_LABELS } from '../domain/roles';
import type { ImportPageView, ImportRowView } from '../services/imports/importBrowser';
import { cardTime } from './localTime';
import { renderCard, type AdaptiveCardJson } from './render';
import { NOTICE_STYLE, type Notice } from './usersView';
import { CARD_VERBS } from './verbs';

/** Input ids carry the Entra id; the action handler reads picks and emails back from them. */
export const PICK_PREFIX = 'pick_';
export const EMAIL_PREFIX = 'email_';

/**
 * The status is said in words; colour only adds to it, and only colours legible in Teams' default,
 * dark and high-contrast themes (no light green or yellow text).
 */
const STATUS_COLOR: Record<ImportRowView['status'], string> = {
  new: 'Default',
  linked: 'Default',
  willLink: 'Accent',
  matchesExisting: 'Accent',
  emailTaken: 'Attention',
  possibleMatch: 'Attention'
};

/**
 * The Entra import card: one page of the client's directory with a pick box per person, search,
 * "select all unlinked", paging, one role for everyone and whether to invite now. Only the session id
 * and the shown rows' ids ride in the data: the selection lives in the store.
 */
export function entraImportCard(view: ImportPageView, notice?: Notice): AdaptiveCardJson {
  const base = {
    companyId: view.companyId,
    sessionId: view.sessionId,
    rowIds: view.rows.map((row) => row.id),
    autoPicked: view.rows.filter((row) => row.autoPicked).map((row) => row.id)
  };
  const paging = [
    ...(view.hasPrevious ? [{ title: 'Previous page', data: { ...base, move: 'previous' } }] : []),
    ...(view.hasNext ? [{ title: 'Next page', data: { ...base, move: 'next' } }] : [])
  ];
  // A card cannot count ticks live: the summary counts only picks on other pages (which this page's
  // ticks cannot change), and the next step's preview counts everyone.
  const total = view.total === undefined ? [] : [`${view.total} ${view.search ? 'matching' : 'in the directory'}`];
  const elsewhere = view.picksOnOtherPages ? [`${view.picksOnOtherPages} picked on other pages`] : [];
  const all = view.allUnlinked ? ['all unlinked people selected'] : [];
  return renderCard('entraImport', {
    companyName: view.companyName,
    summary: [...total, ...elsewhere, ...all].join(' \u00b7 ') || 'Tick the people to import.',
    notice: notice ? { text: notice.text, style: NOTICE_STYLE[notice.tone] } : undefined,
    search: view.search,
    searchData: { ...base, move: 'search' },
    allUnlinked: view.allUnlinked ? 'true' : 'false',
    useSignInNames: view.useSignInNames ? 'true' : 'false',
    rows: view.rows.map((r) => row(r, base, view.useSignInNames)),
    empty: view.search ? `Nobody in the directory matches "${view.search}".` : 'The directory has nobody to show.',
    emailPattern: EMAIL_PATTERN,
    paging,
    role: view.role ?? '',
    roles: view.roles.map((role) => ({ title: COMPANY_ROLE_LABELS[role], value: role })),
    invite: view.invite ? 'true' : 'false',
    runData: { ...base, move: 'stay' },
    stayData: { ...base, move: 'stay' }
  });
}

/**
 * A row's own actions: a possible match's two choices as buttons (it is not imported until one is
 * pressed); linking by hand, undoing and confirming a sign-in name in the row's overflow menu. Each
 * carries the card's inputs, so what was ticked or typed is kept.
 */
function rowActions(view: ImportRowView, base: object) {
  const data = (resolve: string, extra: object = {}) => ({ ...base, move: 'stay', rowId: view.id, resolve, ...extra });
  const { offers } = view;
  return [
    ...(offers.linkSuggested ? [{ title: `Link to ${offers.linkSuggested.name}`, verb: CARD_VERBS.import.row, mode: 'primary', data: data('link', { userId: offers.linkSuggested.userId }) }] : []),
    ...(offers.createNew ? [{ title: 'Create new', verb: CARD_VERBS.import.row, mode: 'primary', data: data('createNew') }] : []),
    ...(offers.useSignInName && view.signInName ? [{ title: `Use ${view.signInName} as their email`, verb: CARD_VERBS.import.row, mode: 'secondary', data: data('useSignInName') }] : []),
    ...(offers.linkTo ? [{ title: 'Link to…', verb: CARD_VERBS.import.linkForm, mode: 'secondary', data: { ...base, move: 'stay', rowId: view.id } }] : []),
    ...(offers.undo ? [{ title: 'Undo', verb: CARD_VERBS.import.row, mode: 'secondary', data: data('undo') }] : [])
  ];
}

function row(view: ImportRowView, base: object, useSignInNames: boolean) {
  const confirmed = useSignInNames || (view.signInName !== null && view.emailValue === view.signInName);
  const signIn = view.signInName && (confirmed ? `No mailbox in Entra ID: imported as ${view.signInName}, their sign-in name (confirmed)` : `No mailbox in Entra ID (sign-in name ${view.signInName})`);
  const mailbox = view.email ?? (signIn || 'No email in Entra ID');
  const details = [mailbox, view.jobTitle].filter(Boolean).join(' \u00b7 ');
  // The last sync in the viewer's own time zone (Teams formats DATE() in a TextBlock).
  const status = [view.statusText, ...view.marks, ...(view.lastSynced ? [`last sync {{DATE(${cardTime(view.lastSynced)}, SHORT)}}`] : [])].join(' \u00b7 ');
  return {
    pickId: `${PICK_PREFIX}${view.id}`,
    emailId: `${EMAIL_PREFIX}${view.id}`,
    name: view.name,
    picked: view.picked ? 'true' : 'false',
    pickable: view.pickable,
    details,
    statusLine: view.pickable ? status : `${status} \u00b7 cannot be imported`,
    statusColor: STATUS_COLOR[view.status],
    needsEmail: view.needsEmail,
    emailLabel: `Email for ${view.name} (no mailbox in Entra ID${view.signInName ? '; their sign-in name is used only once you confirm it' : ''})`,
    emailValue: view.emailValue,
    emailError: view.emailError,
    actions: rowActions(view, base)
  };
}

import { EMAIL_PATTERN } from '../domain/email';
import type { ImportPageView, ImportRowView } from '../services/imports/view';
import { IMPORT_CARD_WORDS, type ImportCardWords } from './importWords';
import { localDateTime } from './localTime';
import { renderCard, type AdaptiveCardJson } from './render';
import { NOTICE_STYLE, type Notice } from './usersView';

/** Input ids carry the row's id (the source's id of the person); the action handler reads picks and emails back from them. */
export const PICK_PREFIX = 'pick_';
export const EMAIL_PREFIX = 'email_';

/**
 * The status is said in words; colour only adds to it, and only colours legible in Teams' default,
 * dark and high-contrast themes (no light green or yellow text): a possible match nobody decided on is
 * held, in the colour that draws the eye, until someone does.
 */
const STATUS_COLOR: Record<ImportRowView['status'], string> = {
  new: 'Default',
  linked: 'Default',
  willLink: 'Accent',
  matchesExisting: 'Accent',
  emailTaken: 'Attention',
  possibleMatch: 'Attention'
};

/** A card cannot count ticks live: the summary counts only what this page's ticks cannot change, and the review counts everyone. */
function summaryOf(view: ImportPageView): string {
  const { snapshot } = view;
  if (!snapshot) {
    const total = view.total === undefined ? [] : [`${view.total} ${view.search ? 'matching' : 'in the directory'}`];
    const elsewhere = view.picksOnOtherPages ? [`${view.picksOnOtherPages} picked on other pages`] : [];
    const all = view.allUnlinked ? ['all unlinked people selected'] : [];
    return [...total, ...elsewhere, ...all].join(' \u00b7 ') || 'Tick the people to import.';
  }
  const people = `${snapshot.everyone} active ${view.peopleWord}${snapshot.truncated ? ' (the first ones only)' : ''}`;
  const matching = view.search ? ` \u00b7 ${view.total ?? 0} matching` : '';
  const selection = view.picksOnOtherPages ? ` \u00b7 ${view.picksOnOtherPages} more selected, not on this page` : '';
  return `${people}${matching} \u00b7 page ${snapshot.page + 1} of ${snapshot.pages}${selection} \u00b7 read from ${view.sourceLabel} ${localDateTime(snapshot.fetchedAt)}`;
}

/**
 * The import card, for a client company's people and for the MSP's staff alike: one page of the
 * source with a pick box per person, search, "select all unlinked", paging, each row's own decisions,
 * an email input where the source has none, one role for everyone (and for a client import whether to
 * invite now). Only the session id and the shown rows' ids ride in the data: the selection lives in
 * the store. The audiences' words and verbs are importWords.ts.
 */
export function importCard(view: ImportPageView, notice?: Notice): AdaptiveCardJson {
  const words = IMPORT_CARD_WORDS[view.audience];
  const base = {
    ...(words.carriesCompany ? { companyId: view.companyId } : {}),
    sessionId: view.sessionId,
    rowIds: view.rows.map((row) => row.id),
    autoPicked: view.rows.filter((row) => row.autoPicked).map((row) => row.id)
  };
  const paging = [
    ...(view.hasPrevious ? [{ title: 'Previous page', data: { ...base, move: 'previous' } }] : []),
    ...(view.hasNext ? [{ title: 'Next page', data: { ...base, move: 'next' } }] : [])
  ];
  return renderCard('importPage', {
    title: words.title(view),
    summary: summaryOf(view),
    notice: notice ? { text: notice.text, style: NOTICE_STYLE[notice.tone] } : undefined,
    verbs: { page: words.verbs.page },
    search: view.search,
    searchData: { ...base, move: 'search' },
    allUnlinkedTitle: words.allUnlinkedTitle,
    allUnlinked: view.allUnlinked ? 'true' : 'false',
    useSignInNames: words.signInNames ? (view.useSignInNames ? 'true' : 'false') : undefined,
    rows: view.rows.map((row) => rowOf(row, view, words, base)),
    empty: words.empty(view),
    emailPattern: EMAIL_PATTERN,
    paging,
    roleLabel: words.roleLabel,
    role: view.role ?? '',
    roles: view.roles,
    invite: view.invite === undefined ? undefined : view.invite ? 'true' : 'false',
    runData: { ...base, move: 'stay' },
    buttons: Object.fromEntries((['positive', 'secondary', 'plain', 'detached'] as const).map((kind) => [kind, words.buttons.filter((button) => button.kind === kind).map(({ title, verb }) => ({ title, verb }))]))
  });
}

/**
 * A row's own actions: a possible match's two choices as buttons (it is not imported until one is
 * pressed); linking by hand, undoing and confirming a sign-in name in the row's overflow menu. Each
 * carries the card's inputs, so what was ticked or typed is kept.
 */
function rowActions(row: ImportRowView, words: ImportCardWords, base: object) {
  const data = { ...base, move: 'stay', rowId: row.id };
  const { offers } = row;
  const { verbs } = words;
  const button = (title: string, verb: { verb: string; data?: (id: string) => object }, mode: string, id = '') => ({ title, verb: verb.verb, mode, data: { ...data, ...verb.data?.(id) } });
  return [
    ...(offers.linkSuggested ? [button(`Link to ${offers.linkSuggested.name}`, verbs.link, 'primary', offers.linkSuggested.userId)] : []),
    ...(offers.createNew ? [button('Create new', verbs.createNew, 'primary')] : []),
    ...(offers.useSignInName && row.signInName && verbs.useSignInName ? [button(`Use ${row.signInName} as their email`, verbs.useSignInName, 'secondary')] : []),
    ...(offers.linkTo ? [button(words.linkTo, { verb: verbs.linkForm }, 'secondary')] : []),
    ...(offers.undo ? [button(row.status === 'possibleMatch' ? words.undo.createNew : words.undo.link, verbs.undo, 'secondary')] : [])
  ];
}

function rowOf(row: ImportRowView, view: ImportPageView, words: ImportCardWords, base: object) {
  const confirmed = view.useSignInNames || (row.signInName !== null && row.emailValue === row.signInName);
  const signIn = row.signInName && (confirmed ? `No mailbox in Entra ID: imported as ${row.signInName}, their sign-in name (confirmed)` : `No mailbox in Entra ID (sign-in name ${row.signInName})`);
  const details = [row.email ?? (signIn || words.noEmail(view)), row.jobTitle].filter(Boolean).join(' \u00b7 ');
  // The last sync in the viewer's own time zone (Teams formats DATE() and TIME() in a TextBlock).
  const status = [row.statusText, ...row.marks, ...(row.lastSynced ? [words.lastSync(row.lastSynced)] : [])].join(' \u00b7 ');
  return {
    pickId: `${PICK_PREFIX}${row.id}`,
    emailId: `${EMAIL_PREFIX}${row.id}`,
    name: row.name,
    picked: row.picked ? 'true' : 'false',
    pickable: row.pickable,
    details,
    statusLine: row.pickable ? status : `${status} \u00b7 cannot be imported`,
    statusColor: row.status === 'possibleMatch' && row.offers.undo ? words.choseNewColor : STATUS_COLOR[row.status],
    needsEmail: row.needsEmail,
    emailLabel: words.emailLabel(row, view),
    emailValue: row.emailValue,
    emailError: row.emailError,
    actions: rowActions(row, words, base)
  };
}

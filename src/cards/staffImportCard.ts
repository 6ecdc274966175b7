import { EMAIL_PATTERN } from '../domain/email';
import { MSP_ROLE_LABELS } from '../domain/roles';
import type { StaffImportPageView, StaffImportRowView } from '../services/staff';
import { renderCard, type AdaptiveCardJson } from './render';
import { localDateTime } from './localTime';
import { NOTICE_STYLE, type Notice } from './usersView';
import { CARD_VERBS } from './verbs';

/** Input ids carry the source's id of the person; the action handler reads picks and emails back from them. */
export const STAFF_PICK_PREFIX = 'pick_';
export const STAFF_EMAIL_PREFIX = 'email_';

/**
 * Status in words; colour only where something needs a look, in colours legible in every Teams theme:
 * a possible match nobody decided on is held, in the colour that draws the eye, until someone does.
 */
const STATUS_COLOR: Record<StaffImportRowView['status'], string> = {
  new: 'Default',
  linked: 'Default',
  willLink: 'Accent',
  matchesEmail: 'Accent',
  emailTaken: 'Attention',
  possibleMatch: 'Attention'
};

function statusColor(row: StaffImportRowView): string {
  return row.status === 'possibleMatch' && row.choseNew ? 'Accent' : STATUS_COLOR[row.status];
}

/**
 * The staff import card: one page of a source's active people with a pick box each, search, "select all
 * unlinked", paging, "link to existing" per row ("Link to <name>" and "Create new" as its buttons where a
 * staff member looks like the same person), an email input where the source has none, and one role.
 * Only the session id and the shown rows' ids ride in the data: the selection lives in the store.
 */
export function staffImportCard(view: StaffImportPageView, notice?: Notice): AdaptiveCardJson {
  const base = {
    sessionId: view.sessionId,
    rowIds: view.rows.map((row) => row.id),
    autoPicked: view.rows.filter((row) => row.autoPicked).map((row) => row.id)
  };
  const paging = [
    ...(view.page > 0 ? [{ title: 'Previous page', data: { ...base, move: 'previous' } }] : []),
    ...(view.page + 1 < view.pages ? [{ title: 'Next page', data: { ...base, move: 'next' } }] : [])
  ];
  const people = `${view.everyone} active ${view.peopleWord}${view.truncated ? ' (the first ones only)' : ''}`;
  const matching = view.search ? ` \u00b7 ${view.matching} matching` : '';
  // A card cannot count ticks as they happen: it says what is selected beyond the boxes it shows, and
  // "Import selected" answers with a preview naming everyone before anything is done.
  const shown = new Set(view.rows.map((row) => row.id));
  const elsewhere = view.selectedIds.filter((id) => !shown.has(id)).length;
  const selection = elsewhere ? ` \u00b7 ${elsewhere} more selected, not on this page` : '';
  return renderCard('staffImport', {
    sourceLabel: view.sourceLabel,
    summary: `${people}${matching} \u00b7 page ${view.page + 1} of ${view.pages}${selection} \u00b7 read from ${view.sourceLabel} ${localDateTime(view.fetchedAt)}`,
    notice: notice ? { text: notice.text, style: NOTICE_STYLE[notice.tone] } : undefined,
    search: view.search,
    searchData: { ...base, move: 'search' },
    allUnlinked: view.allUnlinked ? 'true' : 'false',
    rows: view.rows.map((row) => rowOf(row, base, view.sourceLabel)),
    empty: view.search ? `Nobody matches "${view.search}".` : `${view.sourceLabel} has no active ${view.peopleWord}.`,
    emailPattern: EMAIL_PATTERN,
    paging,
    role: view.role,
    roles: view.roles.map((role) => ({ title: MSP_ROLE_LABELS[role], value: role })),
    stayData: { ...base, move: 'stay' }
  });
}

function rowOf(view: StaffImportRowView, base: object, sourceLabel: string) {
  const details = [view.email ?? `No email in ${sourceLabel}`, view.jobTitle].filter(Boolean).join(' \u00b7 ');
  const status = [view.statusText, ...view.marks, ...(view.lastSynced ? [`last sync ${localDateTime(view.lastSynced)}`] : [])].join(' \u00b7 ');
  const data = { ...base, move: 'stay', rowId: view.id };
  // A possible match is decided on the row itself: its two buttons; everything else in its overflow menu.
  const actions = [
    ...(view.suggested ? [{ title: `Link to ${view.suggested.name}`, verb: CARD_VERBS.staffImport.linkMatch, mode: 'primary', data: { ...data, staffId: view.suggested.staffId } }] : []),
    ...(view.suggested ? [{ title: 'Create new', verb: CARD_VERBS.staffImport.createNew, mode: 'primary', data }] : []),
    ...(view.canLink ? [{ title: 'Link to existing staff', verb: CARD_VERBS.staffImport.linkForm, mode: 'secondary', data }] : []),
    ...(view.linkedByHand ? [{ title: 'Undo link', verb: CARD_VERBS.staffImport.unlink, mode: 'secondary', data }] : []),
    ...(view.choseNew ? [{ title: 'Undo "Create new"', verb: CARD_VERBS.staffImport.unlink, mode: 'secondary', data }] : [])
  ];
  return {
    pickId: `${STAFF_PICK_PREFIX}${view.id}`,
    emailId: `${STAFF_EMAIL_PREFIX}${view.id}`,
    name: view.name,
    picked: view.picked ? 'true' : 'false',
    details,
    statusLine: status,
    statusColor: statusColor(view),
    needsEmail: view.needsEmail,
    sourceLabel,
    emailValue: view.emailValue,
    problem: view.problem,
    actions
  };
}

import { EMAIL_PATTERN } from '../domain/email';
import { MSP_ROLE_LABELS } from '../domain/roles';
import type { StaffImportPageView, StaffImportRowView } from '../services/staff';
import { renderCard, type AdaptiveCardJson } from './render';
import { NOTICE_STYLE, type Notice } from './usersView';

/** Input ids carry the source's id of the person; the action handler reads picks and emails back from them. */
export const STAFF_PICK_PREFIX = 'pick_';
export const STAFF_EMAIL_PREFIX = 'email_';

const STATUS_COLOR: Record<StaffImportRowView['status'], string> = {
  new: 'Good',
  linked: 'Default',
  willLink: 'Accent',
  matchesEmail: 'Accent',
  emailTaken: 'Warning'
};

/**
 * The staff import card: one page of a source's active people with a pick box each, search, "select all
 * unlinked", paging, "link to existing" per row, an email input where the source has none, and one role.
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
  return renderCard('staffImport', {
    sourceLabel: view.sourceLabel,
    summary: `${people}${matching} \u00b7 page ${view.page + 1} of ${view.pages} \u00b7 ${view.selected} selected \u00b7 read ${view.fetchedAt.slice(0, 16).replace('T', ' ')} UTC`,
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
    importTitle: `Import selected (${view.selected})`,
    stayData: { ...base, move: 'stay' }
  });
}

function rowOf(view: StaffImportRowView, base: object, sourceLabel: string) {
  const details = [view.email ?? `No email in ${sourceLabel}`, view.jobTitle].filter(Boolean).join(' \u00b7 ');
  const status = [view.statusText, ...view.marks, ...(view.lastSynced ? [`last sync ${view.lastSynced.slice(0, 10)}`] : [])].join(' \u00b7 ');
  const actions = [
    ...(view.canLink ? [{ title: 'Link to existing staff', verb: 'staffImport.linkForm', data: { ...base, move: 'stay', rowId: view.id } }] : []),
    ...(view.linkedByHand ? [{ title: 'Undo link', verb: 'staffImport.unlink', data: { ...base, move: 'stay', rowId: view.id } }] : [])
  ];
  return {
    pickId: `${STAFF_PICK_PREFIX}${view.id}`,
    emailId: `${STAFF_EMAIL_PREFIX}${view.id}`,
    name: view.name,
    picked: view.picked ? 'true' : 'false',
    details,
    statusLine: status,
    statusColor: STATUS_COLOR[view.status],
    needsEmail: view.needsEmail,
    sourceLabel,
    emailValue: view.emailValue,
    emailError: view.emailError,
    actions
  };
}

import { randomUUID } from 'node:crypto';
import { EMAIL_PATTERN } from '../domain/email';
import { COMPANY_ROLE_LABELS } from '../domain/roles';
import type { ImportPageView, ImportRowView } from '../services/imports/importBrowser';
import { renderCard, type AdaptiveCardJson } from './render';
import { NOTICE_STYLE, type Notice } from './usersView';

/** Input ids carry the Entra id; the action handler reads picks and emails back from them. */
export const PICK_PREFIX = 'pick_';
export const EMAIL_PREFIX = 'email_';

const STATUS_COLOR: Record<ImportRowView['status'], string> = {
  new: 'Good',
  linked: 'Default',
  matchesExisting: 'Accent',
  emailTaken: 'Warning'
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
  const total = view.total === undefined ? '' : `${view.total} ${view.search ? 'matching' : 'in the directory'} · `;
  return renderCard('entraImport', {
    companyName: view.companyName,
    summary: `${total}${view.picks} picked by hand${view.allUnlinked ? ' · all unlinked people selected' : ''}`,
    notice: notice ? { text: notice.text, style: NOTICE_STYLE[notice.tone] } : undefined,
    search: view.search,
    searchData: { ...base, move: 'search' },
    allUnlinked: view.allUnlinked ? 'true' : 'false',
    rows: view.rows.map(row),
    empty: view.search ? `Nobody in the directory matches "${view.search}".` : 'The directory has nobody to show.',
    emailPattern: EMAIL_PATTERN,
    paging,
    role: view.role ?? '',
    roles: view.roles.map((role) => ({ title: COMPANY_ROLE_LABELS[role], value: role })),
    invite: view.invite ? 'true' : 'false',
    importTitle: view.allUnlinked ? `Import all unlinked${view.picks ? ` and ${view.picks} picked` : ''}` : `Import selected (${view.picks})`,
    runData: { ...base, move: 'stay', idempotencyKey: randomUUID() },
    stayData: { ...base, move: 'stay' }
  });
}

function row(view: ImportRowView) {
  const details = [view.email ?? 'No email in Entra ID', view.jobTitle].filter(Boolean).join(' \u00b7 ');
  const status = [view.statusText, ...view.marks, ...(view.lastSynced ? [`last sync ${view.lastSynced.slice(0, 10)}`] : [])].join(' \u00b7 ');
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
    emailValue: view.emailValue,
    emailError: view.emailError
  };
}

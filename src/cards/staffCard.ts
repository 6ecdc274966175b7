import type { StaffListValue, StaffMemberView } from '../services/staff';
import { renderCard, type AdaptiveCardJson } from './render';
import { localDateTime } from './localTime';
import type { StaffViewState } from './staffView';
import { NOTICE_STYLE, type Notice } from './usersView';
import { CARD_VERBS } from './verbs';

/**
 * Link states in words; colour only for the one that needs doing something about, in the red that stays
 * legible on white, dark and high-contrast backgrounds (never light green or yellow text).
 */
const LINK_COLOR: Record<StaffMemberView['linkStatus'], string> = { linked: 'Default', waiting: 'Default', noEmail: 'Attention' };

/** The staff card: everyone on the MSP's staff with role, source, link status and last sync; change role and remove. */
export function staffCard(input: { mspName: string; list: StaffListValue; view: StaffViewState; notice?: Notice }): AdaptiveCardJson {
  const { list, view } = input;
  const from = list.page * 10 + (list.members.length ? 1 : 0);
  const shown = list.members.length ? `showing ${from}\u2013${from + list.members.length - 1} of ${list.total}` : 'none shown';
  const footer = [
    { title: 'Import staff', verb: CARD_VERBS.staffImport.sources, style: 'positive', data: {} },
    ...(list.page > 0 ? [{ title: 'Previous page', verb: CARD_VERBS.staff.show, style: 'default', data: { view: { search: list.search || undefined, page: list.page - 1 } } }] : []),
    ...(list.page + 1 < list.pages ? [{ title: 'Next page', verb: CARD_VERBS.staff.show, style: 'default', data: { view: { search: list.search || undefined, page: list.page + 1 } } }] : [])
  ];
  return renderCard('staff', {
    title: `Staff of ${input.mspName}`,
    notice: input.notice ? { text: input.notice.text, style: NOTICE_STYLE[input.notice.tone] } : undefined,
    search: list.search,
    searchData: { view: { page: 0 }, applySearch: true },
    summary: `${list.everyone} on the staff, ${list.superAdmins} Super Admin${list.superAdmins === 1 ? '' : 's'}${list.search ? ` \u00b7 ${list.total} matching "${list.search}"` : ''} \u00b7 ${shown}`,
    rows: list.members.map((member) => row(member, view)),
    empty: list.search ? `Nobody on the staff matches "${list.search}".` : 'Nobody is on the staff.',
    footer
  });
}

function row(member: StaffMemberView, view: StaffViewState) {
  const ids = { staffId: member.id, etag: member.etag, view };
  const details = [member.email ?? 'No email', member.jobTitle, `from ${member.sources.join(', ')}`].filter(Boolean).join(' \u00b7 ');
  const linkLine = [member.linkText, member.lastSyncedAt ? `last sync ${localDateTime(member.lastSyncedAt)}` : undefined].filter(Boolean).join(' \u00b7 ');
  // One button on the row (Change role); Remove from staff in the row's overflow menu ("More options"),
  // red only on its confirmation. Neither on the viewer's own row, nor on the last Super Admin's: the row says why.
  const actions = [
    member.can.changeRole ? { title: 'Change role', verb: CARD_VERBS.staff.ask, style: 'default', mode: 'primary', data: { ...ids, operation: 'changeRole' } } : undefined,
    member.can.revoke ? { title: 'Remove from staff', verb: CARD_VERBS.staff.ask, style: 'default', mode: 'secondary', data: { ...ids, operation: 'revoke' } } : undefined
  ].filter((action) => action !== undefined);
  return {
    name: member.isYou ? `${member.displayName} (you)` : member.displayName,
    details,
    linkLine,
    linkColor: LINK_COLOR[member.linkStatus],
    roleLabel: member.roleLabel,
    note: member.withheld,
    actions
  };
}

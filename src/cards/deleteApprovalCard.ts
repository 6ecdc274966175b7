import type { ApprovalCardFacts } from '../services/notifications';
import { UNASSIGNED_RECORD_KINDS, type UnassignedRecordKind } from '../domain/companyDeletion';
import { localDateTime } from './localTime';
import { renderCard, type AdaptiveCardJson } from './render';
import { CARD_VERBS, type CardVerb } from './verbs';

/** Who is looking at an approval card decides what it offers (Universal Actions, refreshed per viewer). */
export type ApprovalViewer = 'everyone' | 'requester' | 'approver' | 'observer';

export const RECORD_KIND_LABELS: Record<UnassignedRecordKind, string> = {
  ticket: 'Tickets',
  asset: 'Assets',
  invoice: 'Invoices',
  kbArticle: 'KB articles',
  quote: 'Quotes',
  project: 'Projects',
  passwordEntry: 'Password entries'
};

function statusOf(facts: ApprovalCardFacts): { status: string; statusColor: string } {
  const { request } = facts;
  const by = request.decidedBy?.displayName ?? 'someone';
  // State in words, in colours every Teams theme keeps legible (no light green or yellow text).
  if (facts.companyState === 'gone' || request.state === 'done') return { status: `Deleted. Approved by ${by}.`, statusColor: 'Default' };
  switch (request.state) {
    case 'pending':
      return { status: `Waiting for a second Super Admin to approve, until ${localDateTime(request.expiresAt)}.`, statusColor: 'Accent' };
    case 'approved':
      return { status: `Approved by ${by}. Deleting\u2026`, statusColor: 'Accent' };
    case 'rejected':
      return { status: `Rejected by ${by}. The company stays archived.`, statusColor: 'Attention' };
    case 'cancelled':
      return { status: `Cancelled${request.note ? `: ${request.note}` : '.'}`, statusColor: 'Default' };
    case 'expired':
      return { status: 'Expired: nobody approved it in time. The company stays archived.', statusColor: 'Default' };
  }
}

export interface ApprovalCardOptions {
  /**
   * The Super Admins' Teams ids: the card then carries `refresh`, so Teams asks the bot for each of
   * them what they see, and everyone else sees the 'everyone' view. Left out on the requester's copy
   * in personal chat, which is theirs alone.
   */
  refreshUserIds?: string[];
  /** Why the last click did nothing, shown above the facts. */
  notice?: string;
}

/** The approval card of a permanent delete, as one viewer sees it. */
export function deleteApprovalCard(facts: ApprovalCardFacts, viewer: ApprovalViewer, options: ApprovalCardOptions = {}): AdaptiveCardJson {
  const { refreshUserIds, notice } = options;
  const { request } = facts;
  const pending = request.state === 'pending' && facts.companyState !== 'gone';
  const ids = { companyId: facts.companyId, requestId: request.id };
  const actions =
    !pending
      ? []
      : viewer === 'requester'
        ? [{ title: 'Cancel my request', verb: 'company.cancelDeleteRequest' satisfies CardVerb, style: 'default', data: ids }]
        : viewer === 'approver'
          ? [
              { title: 'Approve permanent deletion', verb: 'company.approveDelete' satisfies CardVerb, style: 'destructive', data: ids },
              { title: 'Reject', verb: 'company.rejectDelete' satisfies CardVerb, style: 'default', data: ids }
            ]
          : viewer === 'everyone'
            ? [{ title: 'Show my options', verb: CARD_VERBS.approval.refresh, style: 'default', data: ids }]
            : [];
  const explanation = !pending
    ? undefined
    : viewer === 'requester'
      ? 'You asked for this. Another Super Admin must approve it; you can cancel it until then.'
      : viewer === 'approver'
        ? 'Approving deletes the company for good once you click; it cannot be undone. Records listed as kept stay, without their company.'
        : viewer === 'observer'
          ? 'Only a Super Admin other than the requester can approve or reject this.'
          : undefined;
  const card = renderCard('deleteApproval', {
    title: `Permanently delete ${facts.companyName}?`,
    ...statusOf(facts),
    notice,
    progress: pending ? undefined : facts.progress,
    timeline: [
      `Requested on ${localDateTime(request.requestedAt)}`,
      ...(request.decidedAt && request.state !== 'pending' ? [`decided on ${localDateTime(request.decidedAt)}`] : [])
    ].join(', ') + '.',
    facts: [
      { title: 'Company', value: facts.companyName },
      { title: 'Requested by', value: request.requestedBy.displayName },
      ...(request.note && request.state === 'rejected' ? [{ title: 'Note', value: request.note }] : [])
    ],
    kept: UNASSIGNED_RECORD_KINDS.map((kind) => ({ title: RECORD_KIND_LABELS[kind], value: String(request.impact.unassigned[kind]) })),
    deleted: [
      { title: 'Portal users', value: String(request.impact.portalUsers) },
      { title: 'Pending invitations', value: String(request.impact.invitations) },
      { title: 'SLA policies', value: String(request.impact.slaPolicies) }
    ],
    explanation,
    showNote: pending && viewer === 'approver',
    actions
  });
  if (refreshUserIds && (pending || request.state === 'approved')) {
    card.refresh = { action: { type: 'Action.Execute', title: 'Refresh', verb: CARD_VERBS.approval.refresh, data: ids }, userIds: refreshUserIds.slice(0, 60) };
  }
  return card;
}

import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { CompanyIdSchema } from '../../cards/companiesView';
import { deleteApprovalCard, type ApprovalViewer } from '../../cards/deleteApprovalCard';
import { noticeCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import type { DeleteDecision } from '../../services/companies/deletion/decideDelete';
import type { ApprovalCardFacts } from '../../services/notifications';
import { channelRoot, refreshIds } from '../notifications';
import { conversationScope } from '../scope';
import { sharedCardAction } from './cardAction';

const ApprovalData = z.object({
  companyId: CompanyIdSchema,
  requestId: z.string().min(1).max(200),
  note: z.string().max(300).optional()
});

function viewerOf(actor: StaffActor | undefined, facts: ApprovalCardFacts): ApprovalViewer {
  if (!actor) return 'observer';
  if (actor.staffId === facts.request.requestedBy.staffId) return 'requester';
  return actor.role === 'superAdmin' ? 'approver' : 'observer';
}

/** True when the click came from the card the request posted in the approvals channel. */
function onPostedCard(turn: TurnContext, facts: ApprovalCardFacts): boolean {
  const posted = facts.request.card?.reference.conversation?.id;
  const here = channelRoot({ conversation: turn.activity.conversation }).conversation?.id;
  return conversationScope(turn.activity) !== 'personal' && !!posted && posted === here;
}

/**
 * approval.refresh / approve / reject / cancel: the approval card of a permanent delete, wherever it
 * is (the approvals channel, or the requester's copy in personal chat). Security invariants:
 * - who clicks comes from the verified activity; a person who is not staff sees the card and nothing more;
 * - a decision is taken only on the card posted in the approvals channel, never from a personal chat;
 * - the service checks everything else again from the store (role, requester, state, expiry, guards, name).
 *
 * The answer is sent here rather than by teams-ai: a card that carries `refresh` would make teams-ai
 * replace the shared channel message with this one person's view, for everyone, from then on.
 */
export function approvalAction(services: Services, decision: DeleteDecision | undefined) {
  return sharedCardAction(services, ApprovalData, async ({ turn, actor }, data) => {
    const card = await approvalCard(services, turn, actor, decision, data);
    await turn.sendActivity({
      type: 'invokeResponse',
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } }
    });
    return card;
  });
}

async function approvalCard(services: Services, turn: TurnContext, actor: StaffActor | undefined, decision: DeleteDecision | undefined, data: z.infer<typeof ApprovalData>): Promise<AdaptiveCardJson> {
  const facts = await services.companies.deleteRequest(data.companyId, data.requestId);
  if (!facts) {
    return noticeCard({ title: 'Deletion request', tone: 'info', message: 'This deletion request is no longer current. Nothing was changed.' });
  }
  const inChannel = conversationScope(turn.activity) !== 'personal';
  const render = async (current: ApprovalCardFacts, notice?: string) =>
    deleteApprovalCard(current, inChannel || viewerOf(actor, current) === 'requester' ? viewerOf(actor, current) : 'observer', {
      notice,
      refreshUserIds: inChannel ? await refreshIds(await services.companies.approvalViewers(), turn) : undefined
    });

  if (!decision) return render(facts);
  if (decision !== 'cancel' && !onPostedCard(turn, facts)) {
    return render(facts, 'Approve or reject on the approval card in the approvals channel. Nothing was changed.');
  }
  const result = await services.companies.decideDelete({
    actor,
    companyId: data.companyId,
    requestId: data.requestId,
    decision,
    note: data.note,
    payload: data
  });
  if (result.status === 'done') return render(result.value);
  const current = (result.status !== 'refused' && result.current) || (await services.companies.deleteRequest(data.companyId, data.requestId)) || facts;
  return render(current, result.status === 'noop' ? result.message : `${result.message} Nothing was changed.`);
}

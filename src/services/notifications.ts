import type { Stored } from '../store/documents';
import type { DeleteRequest, PostedCard, StaffRef } from '../store/model';
import type { ConversationRefDoc } from '../store/repositories/conversations';

/** What a delete request's approval card shows; the company may be gone by then. */
export interface ApprovalCardFacts {
  companyId: string;
  companyName: string;
  request: DeleteRequest;
  /** The company's state while the request is underway, or 'gone' once deleted. */
  companyState: 'archived' | 'deleting' | 'gone' | 'active';
  /** Set while deleting: the step underway, "2 of 5". */
  progress?: string;
}

export interface PersonalNotice {
  title: string;
  message: string;
  tone: 'done' | 'info' | 'warning' | 'refused';
}

/**
 * What the services tell people outside the turn they are answering: approval cards in the approvals
 * channel and notices in a person's personal chat with the bot. The bot implements it (it renders the
 * cards); every method is best effort and never throws, since the change it reports is already made.
 */
export interface Notifications {
  /** Posts a new request's approval card in the approvals channel; undefined when it could not be posted. */
  postApprovalCard(channel: Stored<ConversationRefDoc>, facts: ApprovalCardFacts): Promise<PostedCard | undefined>;
  /** Brings the posted approval card up to date, in place, for everyone in the channel. */
  updateApprovalCard(card: PostedCard, facts: ApprovalCardFacts): Promise<void>;
  /** Tells a staff member in their personal chat with the bot (when the bot has one with them). */
  tell(person: StaffRef, notice: PersonalNotice): Promise<void>;
}

/** For an app without a bot to speak through (some tests): nothing is told. */
export const SILENT_NOTIFICATIONS: Notifications = {
  postApprovalCard: async () => undefined,
  updateApprovalCard: async () => undefined,
  tell: async () => undefined
};

import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { ConversationRef, PendingAudit } from '../model';
import { clearPendingAudit, createDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { AlreadyExistsError, ConflictError } from '../errors';

export interface ConversationRefDoc extends PendingAudit {
  id: string;
  mspId: string;
  type: 'conversationReference';
  purpose: 'personal' | 'approvalsChannel';
  reference: ConversationRef;
  /** Who set it (approvals channel) or whose chat it is (personal). */
  setBy?: string;
  /** The channel's name as Teams gave it (approvals channel). */
  channelName?: string;
  /** The key of the change that set it last (approvals channel). */
  lastActionKey?: string;
  updatedAt: string;
}

function hash(value: string): string {
  return createHash('sha256').update(value.toLowerCase()).digest('hex');
}

/**
 * Conversation references kept in Cosmos DB: a person's personal chat with the bot (to tell them the
 * outcome of a request) and the MSP's approvals channel.
 */
export class ConversationRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  private personalId(tenantId: string, objectId: string): string {
    return `personal|${this.mspId}|${hash(`${tenantId}|${objectId}`)}`;
  }

  private approvalsId(): string {
    return `approvalsChannel|${this.mspId}`;
  }

  /**
   * Records a person's personal chat. Returns true only the first time, which is when the bot sends
   * its one welcome card.
   */
  async recordPersonalChat(tenantId: string, objectId: string, reference: ConversationRef): Promise<boolean> {
    const id = this.personalId(tenantId, objectId);
    const doc: ConversationRefDoc = {
      id,
      mspId: this.mspId,
      type: 'conversationReference',
      purpose: 'personal',
      reference,
      setBy: objectId,
      updatedAt: new Date().toISOString()
    };
    try {
      await createDocument(this.container, doc);
      return true;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      await this.container.items.upsert(doc);
      return false;
    }
  }

  async personalChat(tenantId: string, objectId: string): Promise<Stored<ConversationRefDoc> | undefined> {
    const id = this.personalId(tenantId, objectId);
    return readDocument<ConversationRefDoc>(this.container, id, id);
  }

  async approvalsChannel(): Promise<Stored<ConversationRefDoc> | undefined> {
    const id = this.approvalsId();
    const doc = await readDocument<ConversationRefDoc>(this.container, id, id);
    return doc && doc.mspId === this.mspId ? doc : undefined;
  }

  /** The approvals channel as it is before anyone set one: no channel, no version (set with a create). */
  unsetApprovalsChannel(): Stored<ConversationRefDoc> {
    return { id: this.approvalsId(), mspId: this.mspId, type: 'conversationReference', purpose: 'approvalsChannel', reference: {}, updatedAt: '', _etag: '' };
  }

  /**
   * Sets the approvals channel with one conditional write on the version read (`next._etag`), or a
   * create when none was set: ConflictError when someone else wrote it first, either way.
   */
  async setApprovalsChannel(next: Stored<ConversationRefDoc>): Promise<Stored<ConversationRefDoc>> {
    const doc = { ...next, id: this.approvalsId(), mspId: this.mspId };
    if (next._etag) return replaceDocument(this.container, doc, doc.id);
    const { _etag: _none, ...created } = doc;
    try {
      return await createDocument(this.container, created);
    } catch (error) {
      if (error instanceof AlreadyExistsError) throw new ConflictError(doc.id);
      throw error;
    }
  }

  clearPendingAudit(doc: Stored<ConversationRefDoc>): Promise<Stored<ConversationRefDoc> | undefined> {
    return clearPendingAudit(this.container, doc, doc.id);
  }

  /** The approvals channel when its audit record is not in the log yet (one point read). */
  async withPendingAudit(): Promise<Stored<ConversationRefDoc>[]> {
    const doc = await this.approvalsChannel();
    return doc?.pendingAudit?.length ? [doc] : [];
  }
}

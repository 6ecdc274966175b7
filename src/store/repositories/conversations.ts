import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { ConversationRef } from '../model';
import { createDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { AlreadyExistsError } from '../errors';

export interface ConversationRefDoc {
  id: string;
  mspId: string;
  type: 'conversationReference';
  purpose: 'personal' | 'approvalsChannel';
  reference: ConversationRef;
  /** Who set it (approvals channel) or whose chat it is (personal). */
  setBy?: string;
  /** The channel's name as Teams gave it (approvals channel). */
  channelName?: string;
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

  /** Sets the approvals channel: a create, or a conditional replace of the version read. */
  async setApprovalsChannel(
    reference: ConversationRef,
    setBy: string,
    channelName: string,
    current: Stored<ConversationRefDoc> | undefined
  ): Promise<Stored<ConversationRefDoc>> {
    const doc: ConversationRefDoc = {
      id: this.approvalsId(),
      mspId: this.mspId,
      type: 'conversationReference',
      purpose: 'approvalsChannel',
      reference,
      setBy,
      channelName,
      updatedAt: new Date().toISOString()
    };
    return current
      ? replaceDocument(this.container, { ...doc, _etag: current._etag }, doc.id)
      : createDocument(this.container, doc);
  }
}

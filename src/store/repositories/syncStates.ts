import type { Container } from '@azure/cosmos';
import { readDocument } from '../documents';

/** Where a company's Entra sync stands: Graph's delta link (only changes since) and the last success. */
export interface SyncStateDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'entraSyncState';
  tenantId: string;
  deltaLink?: string;
  lastSyncAt?: string;
  lastJobId?: string;
}

export class SyncStateRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  private idOf(companyId: string): string {
    return `entraSync-${this.mspId}-${companyId}`;
  }

  async get(companyId: string): Promise<SyncStateDoc | undefined> {
    const doc = await readDocument<SyncStateDoc>(this.container, this.idOf(companyId), companyId);
    return doc && doc.mspId === this.mspId ? doc : undefined;
  }

  /** Written by the one job holding the sync's lease, at the end of a round. */
  async save(state: Omit<SyncStateDoc, 'id' | 'mspId' | 'type'>): Promise<void> {
    await this.container.items.upsert({ ...state, id: this.idOf(state.companyId), mspId: this.mspId, type: 'entraSyncState' as const });
  }
}

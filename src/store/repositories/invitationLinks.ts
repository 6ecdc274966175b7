import type { Container } from '@azure/cosmos';
import { readDocument, type Stored } from '../documents';
import type { InvitationLinkState, LookupDoc } from '../model';
import type { LookupRepository } from './lookups';

/**
 * Invitation links, found by the hash of their secret (never by the secret). The lookup outlives the
 * invitation as a small tombstone that remembers whether the link was used, revoked or replaced, so an
 * old link gets the right page. The user document stays the authority: a link is valid only while the
 * user's pending invitation carries the same hash.
 */
export class InvitationLinkRepository {
  constructor(
    private readonly container: Container,
    private readonly lookups: LookupRepository,
    private readonly mspId: string
  ) {}

  /** Records a new link before the user document points to it. */
  async create(hash: string, companyId: string, userId: string): Promise<void> {
    await this.lookups.claim('invitation', [hash], { companyId, userId, invitationState: 'pending' });
  }

  async find(hash: string): Promise<Stored<LookupDoc> | undefined> {
    return this.lookups.get('invitation', hash);
  }

  /** Marks what became of a link. Best effort: validity never depends on it, only the page shown. */
  async mark(hash: string, state: InvitationLinkState): Promise<void> {
    const id = this.lookups.idOf('invitation', hash);
    const existing = await readDocument<LookupDoc>(this.container, id, id);
    if (!existing || existing.mspId !== this.mspId || existing.invitationState === state) return;
    const { _etag, ...doc } = existing;
    await this.container.items.upsert({ ...doc, invitationState: state });
  }
}

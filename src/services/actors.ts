import type { StaffActor } from '../domain/actor';
import type { Stored } from '../store/documents';
import type { ConversationRef, EntraIdentity, StaffDoc } from '../store/model';
import { ConflictError } from '../store/errors';
import type { Repositories } from '../store/repositories';

/**
 * Turns a verified identity into an actor. MSP staff are identified by their Entra identity in the
 * MSP's own tenant; the same object id from any other tenant is not staff.
 */
export class ActorService {
  constructor(
    private readonly repos: Repositories,
    private readonly mspTenantId: string,
    /** Binds staff imported with an email only, at their first verified message (see StaffIdentityBinder). */
    private readonly binder?: { bindAtFirstMessage(identity: EntraIdentity): Promise<Stored<StaffDoc> | undefined> }
  ) {}

  /**
   * Remembers a person's personal chat with the bot (where notices reach them), from a verified
   * activity. True the first time: the bot then says welcome.
   */
  recordPersonalChat(identity: EntraIdentity, reference: ConversationRef): Promise<boolean> {
    return this.repos.conversations.recordPersonalChat(identity.tenantId, identity.objectId, reference);
  }

  /**
   * `teamsUserId`: the sender's Teams id (29:…) from the same verified activity. It is remembered (one
   * write, the first time or when it changes) so approval cards can refresh for Super Admins.
   */
  async staffActor(identity: EntraIdentity | undefined, displayName?: string, teamsUserId?: string): Promise<StaffActor | undefined> {
    if (!identity || identity.tenantId.toLowerCase() !== this.mspTenantId.toLowerCase()) return undefined;
    const staff = (await this.repos.staff.findByIdentity(identity)) ?? (await this.binder?.bindAtFirstMessage(identity));
    if (!staff) return undefined;
    if (teamsUserId && staff.teamsUserId !== teamsUserId) {
      await this.repos.staff.replace({ ...staff, teamsUserId }).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
    }
    return {
      kind: 'staff',
      mspId: this.repos.mspId,
      staffId: staff.id,
      role: staff.role,
      displayName: displayName || staff.displayName,
      tenantId: identity.tenantId,
      objectId: identity.objectId
    };
  }
}

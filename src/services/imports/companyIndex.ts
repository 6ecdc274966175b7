import type { PortalUserFacts } from '../../domain/entraImport';
import type { Repositories } from '../../store/repositories';
import { entraUserId } from '../../store/ids';
import { emailMatchKey, nameMatchKey } from '../../domain/personMatch';

/** Finds the portal user linked to an Entra user, and learns of users as they are written. */
export interface LinkedUsers {
  find(entraId: string): Promise<PortalUserFacts | undefined>;
  put(user: PortalUserFacts): void;
}

/**
 * Finds linked users by point reads: the id derived from the Entra object id, else the Entra link
 * lookup. For delta syncs, whose cost must follow the number of changes, not the company's size.
 */
export class PointReadLinks implements LinkedUsers {
  constructor(
    private readonly repos: Repositories,
    private readonly companyId: string
  ) {}

  async find(entraId: string): Promise<PortalUserFacts | undefined> {
    const derived = await this.repos.portalUsers.get(this.companyId, entraUserId(this.companyId, entraId));
    if (derived?.entraObjectId?.toLowerCase() === entraId.toLowerCase()) return derived;
    const link = await this.repos.lookups.get('entraObject', this.companyId, entraId);
    const user = link?.userId ? await this.repos.portalUsers.get(this.companyId, link.userId) : undefined;
    return user?.entraObjectId?.toLowerCase() === entraId.toLowerCase() ? user : undefined;
  }

  put(): void {
    // Nothing to remember: the next read finds the written document.
  }
}

/**
 * A company's portal users by Entra object id, by id, by email and by the keys of a possible match
 * (domain/personMatch.ts), read once with one paged query: the import and the sync never query per
 * person. It holds only the fields they compare, and is updated as they write, so a later page sees
 * what an earlier one did.
 */
export class CompanyIndex implements LinkedUsers {
  private readonly byEntraId = new Map<string, PortalUserFacts>();
  private readonly byEmail = new Map<string, PortalUserFacts>();
  private readonly byUserId = new Map<string, PortalUserFacts>();
  /** Match key ('e:' folded email, 'n:' name) → ids of the users with it. */
  private readonly byMatchKey = new Map<string, Set<string>>();

  static async load(repos: Repositories, companyId: string): Promise<CompanyIndex> {
    const index = new CompanyIndex();
    for await (const page of repos.portalUsers.scanFacts(companyId)) for (const user of page) index.put(user);
    return index;
  }

  linked(entraId: string): PortalUserFacts | undefined {
    return this.byEntraId.get(entraId.toLowerCase());
  }

  async find(entraId: string): Promise<PortalUserFacts | undefined> {
    return this.linked(entraId);
  }

  withEmail(email: string | null): PortalUserFacts | undefined {
    return email ? this.byEmail.get(email.toLowerCase()) : undefined;
  }

  byId(userId: string): PortalUserFacts | undefined {
    return this.byUserId.get(userId);
  }

  /** Users with the same folded email or the same normalised name: the candidates of a possible match. */
  similar(name: string, email: string | null): PortalUserFacts[] {
    const ids = new Set([...(email ? (this.byMatchKey.get(`e:${emailMatchKey(email)}`) ?? []) : []), ...(this.byMatchKey.get(`n:${nameMatchKey(name)}`) ?? [])]);
    return [...ids].flatMap((id) => this.byUserId.get(id) ?? []);
  }

  put(user: PortalUserFacts): void {
    const facts: PortalUserFacts = {
      id: user.id,
      displayName: user.displayName,
      email: user.email,
      emailKey: user.emailKey,
      entraObjectId: user.entraObjectId,
      access: user.access,
      disabledReason: user.disabledReason,
      entraBack: user.entraBack,
      role: user.role,
      lastActionKey: user.lastActionKey
    };
    const previous = this.byUserId.get(facts.id);
    if (previous) {
      if (previous.emailKey !== facts.emailKey && this.byEmail.get(previous.emailKey)?.id === facts.id) this.byEmail.delete(previous.emailKey);
      for (const key of matchKeys(previous)) this.byMatchKey.get(key)?.delete(facts.id);
    }
    this.byUserId.set(facts.id, facts);
    this.byEmail.set(facts.emailKey, facts);
    for (const key of matchKeys(facts)) {
      const ids = this.byMatchKey.get(key) ?? new Set<string>();
      ids.add(facts.id);
      this.byMatchKey.set(key, ids);
    }
    if (facts.entraObjectId) this.byEntraId.set(facts.entraObjectId.toLowerCase(), facts);
  }

  /** Entra object ids of everyone linked (lower case). */
  linkedIds(): string[] {
    return [...this.byEntraId.keys()];
  }

  get size(): number {
    return this.byUserId.size;
  }
}

function matchKeys(user: PortalUserFacts): string[] {
  const name = nameMatchKey(user.displayName);
  return [`e:${emailMatchKey(user.email)}`, ...(name ? [`n:${name}`] : [])];
}

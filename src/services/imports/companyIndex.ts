import type { PortalUserFacts } from '../../domain/entraImport';
import type { Repositories } from '../../store/repositories';

/**
 * A company's portal users by Entra object id and by email, read once with one paged query: the import
 * and the sync never query per person. It holds only the fields they compare, and is updated as they
 * write, so a later page sees what an earlier one did.
 */
export class CompanyIndex {
  private readonly byEntraId = new Map<string, PortalUserFacts>();
  private readonly byEmail = new Map<string, PortalUserFacts>();
  private readonly emailOf = new Map<string, string>();

  static async load(repos: Repositories, companyId: string): Promise<CompanyIndex> {
    const index = new CompanyIndex();
    let token: string | undefined;
    do {
      const page = await repos.portalUsers.list(companyId, { pageSize: 1000, continuationToken: token });
      for (const user of page.items) index.put(user);
      token = page.continuationToken;
    } while (token);
    return index;
  }

  linked(entraId: string): PortalUserFacts | undefined {
    return this.byEntraId.get(entraId.toLowerCase());
  }

  withEmail(email: string | null): PortalUserFacts | undefined {
    return email ? this.byEmail.get(email.toLowerCase()) : undefined;
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
      lastActionKey: user.lastActionKey
    };
    const previousEmail = this.emailOf.get(facts.id);
    if (previousEmail && previousEmail !== facts.emailKey) this.byEmail.delete(previousEmail);
    this.emailOf.set(facts.id, facts.emailKey);
    this.byEmail.set(facts.emailKey, facts);
    if (facts.entraObjectId) this.byEntraId.set(facts.entraObjectId.toLowerCase(), facts);
  }

  /** Entra object ids of everyone linked (lower case). */
  linkedIds(): string[] {
    return [...this.byEntraId.keys()];
  }

  get size(): number {
    return this.byEmail.size;
  }
}

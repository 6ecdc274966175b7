import { checkCompanyAcceptsUserChanges } from '../../../domain/companyAccess';
import { authorize } from '../../../domain/permissions';
import { COMPANY_ROLE_LABELS, isCompanyRole } from '../../../domain/roles';
import { rolesToInviteAs } from '../../../domain/userOperations';
import { GraphConsentError } from '../../../graph/errors';
import type { GraphAccess } from '../../../graph/graphAccess';
import type { Stored } from '../../../store/documents';
import type { CompanyDoc } from '../../../store/model';
import type { Repositories } from '../../../store/repositories';
import type { ImportSessionDoc, SourcePerson } from '../../../store/repositories/importSessions';
import type { ConsentLinks } from '../../companies/consent';
import { companyTarget } from '../../portalUsers/operations';
import { statusOf } from '../../portalUsers/view';
import { refusal, type ImportActor, type ImportAnswer } from '../engine/answer';
import type { ImportAudienceDefinition, ImportMatcher, ImportScope, RowRules } from '../engine/audience';
import { directorySource } from '../sources/directory';
import { relationsOf, rowMatchOf } from './relations';

/** How many portal users the "Link to…" card lists for a search. */
export const LINK_CHOICES_SHOWN = 25;

/** A client company open to imports, connected to its tenant. */
export interface ClientScope extends ImportScope {
  company: Stored<CompanyDoc>;
  tenantId: string;
}

/** A client import's rows: "select all unlinked" takes the new members in; a link by hand needs no email; it invites. */
export const CLIENT_ROWS: RowRules = {
  allUnlinkedTakes: ['new'],
  allUnlinkedNeedsEmail: false,
  emailWhenLinkedByHand: false,
  missingEmailOnlyWhenCreating: false,
  linkToWhenLinkedByHand: true,
  createNewNeedsPossibleMatch: false,
  invites: true
};

export interface ClientAudienceDeps {
  repos: Repositories;
  graph: GraphAccess;
  consent: ConsentLinks;
}

/** A company that cannot be read: the connect card, with the consent link for staff who may connect it. */
export async function notConnected(consent: ConsentLinks, actor: ImportActor, company: Stored<CompanyDoc>, reason: string): Promise<ImportAnswer> {
  const mayConnect = authorize(actor, 'company.connect', { mspId: company.mspId, companyId: company.companyId }).ok;
  return {
    kind: 'notConnected',
    companyName: company.name,
    reason,
    consentUrl: mayConnect && actor.kind === 'staff' ? await consent.link(company.companyId, actor.staffId, company.tenantId) : undefined
  };
}

export const consentRevoked = (company: { name: string }) => `Microsoft 365 refused access to ${company.name}'s directory: its admin consent is missing or was revoked.`;

/** The company's portal users, as a card's rows are matched against them and linked to them. */
function portalUserMatcher(deps: ClientAudienceDeps, scope: ClientScope, session: ImportSessionDoc): ImportMatcher {
  const { repos } = deps;
  const { companyId } = scope;
  return {
    async match(people: SourcePerson[]) {
      const relations = await relationsOf({ repos, graph: deps.graph, tenantId: scope.tenantId }, companyId, session, people);
      return new Map([...relations].map(([id, relation]) => [id, rowMatchOf(relation)]));
    },
    async linkRefusal(person, userId) {
      const user = await repos.portalUsers.get(companyId, userId);
      if (!user) return { message: 'That portal user is not one of this company\u2019s (any more). Nothing was changed.' };
      if (user.entraObjectId && user.entraObjectId.toLowerCase() !== person.id.toLowerCase()) return { message: `${user.displayName} is already linked to another Entra ID account. Nothing was changed.` };
      const otherRow = Object.entries(session.links ?? {}).some(([row, linked]) => row !== person.id && linked === user.id);
      return otherRow ? { message: `${user.displayName} is already chosen for another person on this card. Nothing was changed.` } : undefined;
    },
    async linkChoices(person, search) {
      const takenByOtherRows = new Set(Object.entries(session.links ?? {}).filter(([row]) => row !== person.id).map(([, userId]) => userId));
      const found = (await repos.portalUsers.unlinked(companyId, search, LINK_CHOICES_SHOWN + 1 + takenByOtherRows.size)).filter((user) => !takenByOtherRows.has(user.id));
      return {
        search,
        choices: found.slice(0, LINK_CHOICES_SHOWN).map((user) => ({ id: user.id, name: user.displayName, email: user.email, status: statusOf(user) })),
        more: found.length > LINK_CHOICES_SHOWN,
        shown: LINK_CHOICES_SHOWN,
        current: session.links?.[person.id]
      };
    }
  };
}

/**
 * Importing a client company's people from that company's own Entra ID: MSP staff in the bot, or a
 * Client Admin in their own tenant in the tab. The company must be theirs to import into, open to
 * changes and connected; the roles offered are those the actor may give in it.
 */
export function clientAudience(deps: ClientAudienceDeps): ImportAudienceDefinition<ClientScope> {
  const source = (scope: ClientScope, tenantId = scope.tenantId) => directorySource(deps.graph, tenantId, scope.companyName);
  const roles = (actor: ImportActor, scope: ClientScope) => rolesToInviteAs(actor, companyTarget(scope.company));
  return {
    kind: 'client',
    words: { outOfDate: 'This import card is out of date. Say "import users for <company>" to start again.' },
    rules: CLIENT_ROWS,

    async scope(actor, ref) {
      const company = ref.companyId ? await deps.repos.companies.get(ref.companyId) : undefined;
      if (!company) return refusal('That company does not exist (any more).');
      const permission = authorize(actor, 'users.import', { mspId: company.mspId, companyId: company.companyId });
      if (!permission.ok) return refusal(permission.reason);
      const open = checkCompanyAcceptsUserChanges(company);
      if (!open.ok) return refusal(open.reason);
      if (!company.tenantId) return notConnected(deps.consent, actor, company, `${company.name} is not connected to its Microsoft 365 tenant yet.`);
      return { companyId: company.companyId, companyName: company.name, mspId: company.mspId, company, tenantId: company.tenantId };
    },
    sourceToOpen: (scope) => source(scope),
    source: (scope, session) => source(scope, session.tenantId),
    start: (actor, scope) => ({ tenantId: scope.tenantId, role: roles(actor, scope).includes('user') ? 'user' : undefined }),
    fits: (scope, session) => session.tenantId === scope.tenantId,
    matcher: async (scope, session) => portalUserMatcher(deps, scope, session),
    roles: (actor, scope) => roles(actor, scope).map((role) => ({ title: COMPANY_ROLE_LABELS[role], value: role })),
    isRole: isCompanyRole,
    async unreadable(actor, scope, error) {
      return error instanceof GraphConsentError ? notConnected(deps.consent, actor, scope.company, consentRevoked(scope.company)) : undefined;
    },
    audit: { action: 'users.importEntra', companyOf: (scope) => scope.companyId, nameOf: (scope) => scope.companyName }
  };
}

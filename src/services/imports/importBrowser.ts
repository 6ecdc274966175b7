import { mergeSelection } from '../../domain/importSelection';
import { randomUUID } from 'node:crypto';
import type { PortalUserActor, StaffActor } from '../../domain/actor';
import { checkCompanyAcceptsUserChanges } from '../../domain/companyAccess';
import type { EntraPerson, LinkStatus } from '../../domain/entraImport';
import { authorize } from '../../domain/permissions';
import { isCompanyRole, type CompanyRole } from '../../domain/roles';
import { rolesToInviteAs } from '../../domain/userOperations';
import { GraphConsentError } from '../../graph/errors';
import type { GraphAccess } from '../../graph/graphAccess';
import { searchUsers } from '../../graph/users';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import type { Repositories } from '../../store/repositories';
import type { ImportSessionDoc } from '../../store/repositories/importSessions';
import type { ConsentLinks } from '../companies/consent';
import { companyTarget } from '../portalUsers/operations';
import { relationsOf, rowView } from './importRows';
import { toEntraPerson } from './entraPeople';
import { previewImport, type ImportPreviewView } from './importPreview';

export const IMPORT_CARD_PAGE_SIZE = 10;

/** Who browses a directory: staff (the bot's import card), or a client Admin in their own tenant (the tab). */
export type ImportActor = StaffActor | PortalUserActor;

/** A session belongs to the person who opened it: a staff id, or `portalUser:<id>` for the tab. */
export function openerOf(actor: ImportActor): string {
  return actor.kind === 'staff' ? actor.staffId : `portalUser:${actor.userId}`;
}
const SESSION_VALID_MS = 24 * 60 * 60 * 1000;

export interface ImportRowView {
  id: string;
  name: string;
  email: string | null;
  jobTitle: string | null;
  marks: string[];
  /** No mailbox, and the sign-in name the card offers to use as their email once a person confirms it. */
  signInName: string | null;
  status: LinkStatus['status'];
  statusText: string;
  lastSynced?: string;
  picked: boolean;
  /** Shown ticked because "select all unlinked" takes this person in (not picked by hand). */
  autoPicked: boolean;
  /** False for accounts that cannot be imported whatever is picked (disabled in Entra). */
  pickable: boolean;
  /** No email in Entra: the card offers an input for one. */
  needsEmail: boolean;
  emailValue: string;
  emailError?: string;
  /** What the row's own actions offer. */
  offers: RowOffers;
}

/** A row's own actions: link by hand, resolve a possible match, undo that, confirm a sign-in name. */
export interface RowOffers {
  linkTo: boolean;
  /** A possible match: link to them in one click. */
  linkSuggested?: { userId: string; name: string };
  createNew: boolean;
  undo: boolean;
  useSignInName: boolean;
}

export interface ImportPageView {
  sessionId: string;
  companyId: string;
  companyName: string;
  rows: ImportRowView[];
  picks: number;
  /** Of `picks`, those not shown on this page: a count the page's own ticks cannot make stale. */
  picksOnOtherPages: number;
  allUnlinked: boolean;
  useSignInNames: boolean;
  search: string;
  hasPrevious: boolean;
  hasNext: boolean;
  total?: number;
  role?: CompanyRole;
  roles: CompanyRole[];
  invite: boolean;
}

export type ImportCard =
  | { kind: 'page'; view: ImportPageView }
  | { kind: 'notConnected'; companyName: string; reason: string; consentUrl?: string }
  | { kind: 'refused'; message: string };

/** What a card action sends back: the inputs of the rows shown, and where to go next. */
export interface ImportCardInput {
  companyId: string;
  sessionId: string;
  move: 'stay' | 'next' | 'previous' | 'search';
  /** The Entra ids of the rows the card showed, so unticked ones can be told from unseen ones. */
  rowIds: string[];
  /** Rows the card showed ticked by "select all unlinked": unticking one of them leaves that person out. */
  autoPicked?: string[];
  picks: Record<string, boolean>;
  emails: Record<string, string>;
  role?: string;
  invite?: boolean;
  allUnlinked?: boolean;
  /** "Use sign-in names as emails for people without a mailbox". */
  useSignInNames?: boolean;
  search?: string;
}

/**
 * The import card's side of an Entra import: one person browses a client's directory page by page,
 * searches, picks people, and chooses a role. Everything the card sends is checked again: the session
 * must be theirs, the company theirs to import into, the role one they may give.
 */
export class ImportBrowser {
  constructor(
    private readonly repos: Repositories,
    private readonly graph: GraphAccess,
    private readonly consent: ConsentLinks,
    private readonly clock: () => Date
  ) {}

  async open(actor: ImportActor, companyId: string): Promise<ImportCard> {
    const checked = await this.checkCompany(actor, companyId);
    if ('kind' in checked) return checked;
    const { company, tenantId } = checked;
    const now = this.clock();
    const session = await this.repos.importSessions.create({
      id: randomUUID(),
      companyId: company.companyId,
      mspId: company.mspId,
      type: 'importSession',
      staffId: openerOf(actor),
      tenantId,
      search: '',
      back: [],
      current: '',
      picked: [],
      unpicked: [],
      allUnlinked: false,
      emails: {},
      role: rolesToInviteAs(actor, companyTarget(company)).includes('user') ? 'user' : undefined,
      invite: false,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_VALID_MS).toISOString()
    });
    return this.render(actor, company, session);
  }

  /** Applies what the card sent (picks, emails, role, search), moves if asked, and shows the page. */
  async update(actor: ImportActor, input: ImportCardInput): Promise<ImportCard> {
    const loaded = await this.load(actor, input);
    if ('kind' in loaded) return loaded;
    const { company } = loaded;
    let session = loaded.session;
    session = merge(session, input);
    if (input.move === 'search') session = { ...session, search: (input.search ?? '').trim().slice(0, 100), back: [], current: '', next: undefined };
    if (input.move === 'next' && session.next) session = { ...session, back: [...session.back, session.current], current: session.next };
    if (input.move === 'previous' && session.back.length) session = { ...session, current: session.back[session.back.length - 1], back: session.back.slice(0, -1) };
    session = await this.repos.importSessions.replace(session);
    return this.render(actor, company, session);
  }

  /** The session, checked and with the card's last inputs merged, for starting the import. */
  async settle(actor: ImportActor, input: ImportCardInput): Promise<{ session: Stored<ImportSessionDoc>; company: Stored<CompanyDoc> } | ImportCard> {
    const loaded = await this.load(actor, input);
    if ('kind' in loaded) return loaded;
    const session = await this.repos.importSessions.replace(merge(loaded.session, input));
    return { session, company: loaded.company };
  }

  private async load(actor: ImportActor, input: Pick<ImportCardInput, 'companyId' | 'sessionId'>): Promise<{ session: Stored<ImportSessionDoc>; company: Stored<CompanyDoc> } | ImportCard> {
    const checked = await this.checkCompany(actor, input.companyId);
    if ('kind' in checked) return checked;
    const session = await this.repos.importSessions.get(input.companyId, input.sessionId);
    // A session is its opener's alone: another person's id, or an expired one, gets a fresh start.
    if (!session || session.staffId !== openerOf(actor) || Date.parse(session.expiresAt) < this.clock().getTime() || session.tenantId !== checked.tenantId) {
      return { kind: 'refused', message: 'This import card is out of date. Say "import users for <company>" to start again.' };
    }
    return { session, company: checked.company };
  }

  private async checkCompany(actor: ImportActor, companyId: string): Promise<{ company: Stored<CompanyDoc>; tenantId: string } | ImportCard> {
    const company = await this.repos.companies.get(companyId);
    if (!company) return { kind: 'refused', message: 'That company does not exist (any more).' };
    const permission = authorize(actor, 'users.import', { mspId: company.mspId, companyId: company.companyId });
    if (!permission.ok) return { kind: 'refused', message: permission.reason };
    const open = checkCompanyAcceptsUserChanges(company);
    if (!open.ok) return { kind: 'refused', message: open.reason };
    if (!company.tenantId) return this.notConnected(actor, company, `${company.name} is not connected to its Microsoft 365 tenant yet.`);
    return { company, tenantId: company.tenantId };
  }

  /** The preview of what importing the session's selection would do (see importPreview.ts). */
  preview(company: { companyId: string; name: string }, session: ImportSessionDoc & { role: CompanyRole }): Promise<ImportPreviewView> {
    return previewImport({ graph: this.graph, repos: this.repos }, company, session);
  }

  async notConnected(actor: ImportActor, company: Stored<CompanyDoc>, reason: string): Promise<ImportCard> {
    const mayConnect = authorize(actor, 'company.connect', { mspId: company.mspId, companyId: company.companyId }).ok;
    return {
      kind: 'notConnected',
      companyName: company.name,
      reason,
      consentUrl: mayConnect && actor.kind === 'staff' ? await this.consent.link(company.companyId, actor.staffId, company.tenantId) : undefined
    };
  }

  /** The card of the session's current page. */
  async render(actor: ImportActor, company: Stored<CompanyDoc>, session: Stored<ImportSessionDoc>): Promise<ImportCard> {
    let page;
    try {
      page = await searchUsers(this.graph, session.tenantId, session.search, session.current ? { top: IMPORT_CARD_PAGE_SIZE, nextLink: session.current } : { top: IMPORT_CARD_PAGE_SIZE });
    } catch (error) {
      if (error instanceof GraphConsentError) {
        return this.notConnected(actor, company, `Microsoft 365 refused access to ${company.name}'s directory: its admin consent is missing or was revoked.`);
      }
      throw error;
    }
    if (page.nextLink !== session.next) session = await this.repos.importSessions.replace({ ...session, next: page.nextLink });
    const rows = await this.rows(company.companyId, session, page.users.map(toEntraPerson));
    return {
      kind: 'page',
      view: {
        sessionId: session.id,
        companyId: company.companyId,
        companyName: company.name,
        rows,
        picks: session.picked.length,
        picksOnOtherPages: session.picked.filter((id) => !rows.some((row) => row.id === id)).length,
        allUnlinked: session.allUnlinked,
        useSignInNames: session.useSignInNames ?? false,
        search: session.search,
        hasPrevious: session.back.length > 0,
        hasNext: Boolean(page.nextLink),
        total: page.count,
        role: session.role,
        roles: rolesToInviteAs(actor, companyTarget(company)),
        invite: session.invite
      }
    };
  }

  /** The rows of a page: how each person relates to the company's portal users, and what the card offers. */
  async rows(companyId: string, session: ImportSessionDoc, people: EntraPerson[]): Promise<ImportRowView[]> {
    const relations = await relationsOf({ repos: this.repos, graph: this.graph, tenantId: session.tenantId }, companyId, session, people);
    return people.map((person) => rowView(session, person, relations.get(person.id)!));
  }
}

/** Merges a card's inputs into the session (see mergeSelection), with the import's choices. */
function merge(session: Stored<ImportSessionDoc>, input: ImportCardInput): Stored<ImportSessionDoc> {
  return {
    ...session,
    ...mergeSelection(session, input),
    allUnlinked: input.allUnlinked ?? session.allUnlinked,
    useSignInNames: input.useSignInNames ?? session.useSignInNames,
    role: isCompanyRole(input.role) ? input.role : session.role,
    invite: input.invite ?? session.invite
  };
}

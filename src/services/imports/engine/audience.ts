import type { ImportAudienceKind, ImportSessionDoc, SourcePerson } from '../../../store/repositories/importSessions';
import type { ImportSource } from '../sources/source';
import type { ImportCardInput, ImportRole, LinkChoicesView, RoleChoice, RowStatus } from '../view';
import type { ImportActor, ImportAnswer } from './answer';

/** Where an import brings people: the company (for staff, the MSP's own) and the source the session reads. */
export interface ImportScope {
  companyId: string;
  companyName: string;
  mspId: string;
}

/** How a person relates to the people already there, as their row shows it (see view.ts RowStatus). */
export interface RowMatch {
  status: RowStatus;
  statusText: string;
  /** The possible match nobody decided on yet: the row offers "Link to <name>" and "Create new". */
  held?: { id: string; name: string };
  /** "Create new" was chosen for this possible match. */
  createNew: boolean;
  lastSynced?: string;
  /** What the match adds to the row's marks (another account with the same mailbox). */
  marks: string[];
}

/** A refusal: what the person is told, and (when it differs) what the audit record says. */
export interface Refused {
  message: string;
  audited?: string;
}

/** The people already there (portal users, staff), as one card's rows are matched against them. */
export interface ImportMatcher {
  match(people: SourcePerson[]): Promise<Map<string, RowMatch>>;
  /** Why the row may not be linked to `userId`; undefined when it may. */
  linkRefusal(person: SourcePerson, userId: string): Promise<Refused | undefined>;
  /** The row's "Link to…" choices, searched (where the audience searches them). */
  linkChoices(person: SourcePerson, search: string): Promise<Omit<LinkChoicesView, 'sessionId' | 'audience' | 'companyId' | 'companyName' | 'sourceLabel' | 'rowId' | 'person'>>;
}

/**
 * Where the two audiences differ, as data: what "select all unlinked" takes in, when a row asks for an
 * email or offers "Link to…", what "Create new" needs, and whether the import invites.
 */
export interface RowRules {
  /** The statuses "select all unlinked" takes in (a possible match too, once "Create new" was chosen). */
  allUnlinkedTakes: readonly RowStatus[];
  /** …and only with a valid email. */
  allUnlinkedNeedsEmail: boolean;
  /** A row linked by hand still asks for an email where the source has none (staff: the link keeps their own). */
  emailWhenLinkedByHand: boolean;
  /** "Give an email" only for a row that creates someone (staff); else for every row but one linked by hand. */
  missingEmailOnlyWhenCreating: boolean;
  /** "Link to…" is offered on a row linked by hand already (to change it). */
  linkToWhenLinkedByHand: boolean;
  /** "Create new" is refused for a row without a possible match to decide on. */
  createNewNeedsPossibleMatch: boolean;
  /** Whether the import offers portal access now or later (invitations: client imports). */
  invites: boolean;
}

/** The words of a refused or an out-of-date card. */
export interface AudienceWords {
  outOfDate: string;
}

/**
 * One audience of the import engine (engine/browser.ts): who may import, where to, from which source,
 * how a row is matched, which roles are offered, how refusals are audited. The client audience is
 * client/audience.ts, the staff audience staff/audience.ts.
 */
export interface ImportAudienceDefinition<Scope extends ImportScope = ImportScope> {
  kind: ImportAudienceKind;
  words: AudienceWords;
  rules: RowRules;
  /** The scope of a card or an open (the permission checked, the company), or why not. */
  scope(actor: ImportActor, ref: { companyId?: string }): Promise<Scope | ImportAnswer>;
  /** The source an open reads: the client company's directory; the staff source asked for. */
  sourceToOpen(scope: Scope, source: unknown): ImportSource | ImportAnswer;
  /** The source a session reads. */
  source(scope: Scope, session: ImportSessionDoc): ImportSource;
  /** A new session's own fields: the tenant read, the role it starts with. */
  start(actor: ImportActor, scope: Scope): Pick<ImportSessionDoc, 'tenantId' | 'role'>;
  /** Whether a session is still good for this scope (a client company still on the same tenant). */
  fits(scope: Scope, session: ImportSessionDoc): boolean;
  matcher(scope: Scope, session: ImportSessionDoc, source: ImportSource): Promise<ImportMatcher>;
  roles(actor: ImportActor, scope: Scope): RoleChoice[];
  isRole(value: unknown): value is ImportRole;
  /** A card's inputs refused before anything of them is kept (a role above what an import may give). */
  checkInput?(actor: ImportActor, scope: Scope, input: ImportCardInput): Refused | undefined;
  /** What a source that cannot be read means here (the connect card, a source problem); undefined: a bug, thrown again. */
  unreadable(actor: ImportActor, scope: Scope, error: unknown, source: ImportSource): Promise<ImportAnswer | undefined>;
  /** How a refusal is filed: the action, and the company whose history keeps it. */
  audit: { action: 'users.importEntra' | 'staff.import'; companyOf(scope: Scope): string | undefined; nameOf(scope: Scope, session: ImportSessionDoc): string };
}

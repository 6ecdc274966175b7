import { mergeSelection } from '../../domain/importSelection';
import { randomUUID } from 'node:crypto';
import type { StaffActor } from '../../domain/actor';
import { emailProblem } from '../../domain/email';
import { authorize } from '../../domain/permissions';
import type { MspRole } from '../../domain/roles';
import { checkImportRole, DEFAULT_IMPORT_ROLE, IMPORT_ROLES } from '../../domain/staffRoles';
import type { Stored } from '../../store/documents';
import type { StaffImportSource } from '../../store/model';
import type { StaffImportSessionDoc, StaffSourcePerson } from '../../store/repositories/staffImportSessions';
import type { StaffDeps } from './deps';
import { autoSelected, choiceOf, isHeld, previewOf, selection, type StaffImportPreview } from './importPreview';
import { StaffIndex, type StaffMatch } from './matching';
import { isStaffImportSource, STAFF_SOURCE_LABELS, STAFF_SOURCE_PEOPLE, type SourceProblem, type SourceState } from './sources';

export const STAFF_IMPORT_PAGE_SIZE = 10;
const SESSION_VALID_MS = 24 * 60 * 60 * 1000;

export interface StaffImportRowView {
  id: string;
  name: string;
  email: string | null;
  jobTitle: string | null;
  marks: string[];
  status: StaffMatch['status'];
  statusText: string;
  lastSynced?: string;
  picked: boolean;
  /** Ticked because "select all unlinked" takes this person in (not picked by hand). */
  autoPicked: boolean;
  /** No email in the source: the card offers an input for one. */
  needsEmail: boolean;
  emailValue: string;
  /** What keeps this row from being imported as it is (an email to give, a possible match to decide on). */
  problem?: string;
  /** Linked by hand on this card: the card offers "Undo link". */
  linkedByHand: boolean;
  /** The card offers "Link to existing". */
  canLink: boolean;
  /** A possible match nobody decided on: the card offers "Link to <name>" and "Create new". */
  suggested?: { staffId: string; name: string };
  /** "Create new" was chosen despite a possible match: the card offers to undo that. */
  choseNew: boolean;
}

export interface StaffImportPageView {
  sessionId: string;
  source: StaffImportSource;
  sourceLabel: string;
  peopleWord: string;
  rows: StaffImportRowView[];
  /** How many people "Import selected" takes now, and who (the source's ids), as last saved. */
  selected: number;
  selectedIds: string[];
  allUnlinked: boolean;
  search: string;
  page: number;
  pages: number;
  /** People matching the search, and all active people read from the source. */
  matching: number;
  everyone: number;
  truncated: boolean;
  fetchedAt: string;
  role: MspRole;
  roles: MspRole[];
}

export type StaffImportCard =
  | { kind: 'page'; view: StaffImportPageView }
  | { kind: 'problem'; problem: SourceProblem }
  | { kind: 'refused'; message: string };

/** What a card action sends back: the inputs of the rows shown, and where to go next. */
export interface StaffImportInput {
  sessionId: string;
  move: 'stay' | 'next' | 'previous' | 'search';
  /** The ids of the rows the card showed, so unticked ones can be told from unseen ones. */
  rowIds: string[];
  autoPicked?: string[];
  picks: Record<string, boolean>;
  emails: Record<string, string>;
  role?: string;
  allUnlinked?: boolean;
  search?: string;
}

/**
 * The staff import card's side: a Super Admin picks a source, browses its active people, searches,
 * picks, types missing emails and chooses one role (links by hand and possible matches are decided in
 * importChoices.ts, the preview is importPreview.ts). Everything the card sends is checked again: the
 * session must be theirs, every row one of that source's people, the role one an import may give.
 */
export class StaffImportBrowser {
  constructor(private readonly deps: StaffDeps) {}

  /** The sources, and whether each is ready; undefined when the actor may not manage staff. */
  sources(actor: StaffActor): SourceState[] | { refused: string } {
    const permission = authorize(actor, 'staff.manage', { mspId: this.deps.repos.mspId });
    if (!permission.ok) return { refused: permission.reason };
    return this.deps.sources.states();
  }

  async open(actor: StaffActor, source: unknown): Promise<StaffImportCard> {
    const permission = authorize(actor, 'staff.manage', { mspId: this.deps.repos.mspId });
    if (!permission.ok) return { kind: 'refused', message: permission.reason };
    if (!isStaffImportSource(source)) return { kind: 'refused', message: 'That is not a source staff can be imported from.' };
    const read = await this.deps.sources.activePeople(source);
    if ('kind' in read) return { kind: 'problem', problem: read };
    const now = this.deps.clock();
    const session = await this.deps.repos.staffImportSessions.create({
      id: randomUUID(),
      mspId: this.deps.repos.mspId,
      type: 'staffImportSession',
      staffId: actor.staffId,
      source,
      people: read.people,
      truncated: read.truncated,
      fetchedAt: now.toISOString(),
      search: '',
      page: 0,
      picked: [],
      unpicked: [],
      allUnlinked: false,
      emails: {},
      links: {},
      newPeople: [],
      role: DEFAULT_IMPORT_ROLE,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_VALID_MS).toISOString()
    });
    return this.render(actor, session, await this.index(session.source));
  }

  /** Applies what the card sent, moves if asked, and shows the page. */
  async update(actor: StaffActor, input: StaffImportInput): Promise<StaffImportCard> {
    const loaded = await this.settle(actor, input);
    if ('kind' in loaded) return loaded;
    let { session } = loaded;
    if (input.move !== 'stay') {
      const page = input.move === 'search' ? 0 : input.move === 'next' ? session.page + 1 : Math.max(0, session.page - 1);
      session = await this.deps.repos.staffImportSessions.replace({ ...session, page, search: input.move === 'search' ? (input.search ?? '').trim().slice(0, 100) : session.search });
    }
    return this.render(actor, session, loaded.index);
  }

  /** The session with the card's inputs merged and saved, checked as if from a stranger. */
  async settle(actor: StaffActor, input: StaffImportInput): Promise<{ session: Stored<StaffImportSessionDoc>; index: StaffIndex } | StaffImportCard> {
    const loaded = await this.load(actor, input.sessionId);
    if ('kind' in loaded) return loaded;
    const known = new Set(loaded.people.map((person) => person.externalId));
    const foreign = [...input.rowIds, ...Object.keys(input.picks), ...Object.keys(input.emails)].filter((id) => !known.has(id));
    if (foreign.length) return this.foreignRows(actor, input, loaded);
    if (input.role !== undefined) {
      const role = checkImportRole(actor, this.deps.repos.mspId, input.role);
      if (!role.ok) {
        await this.auditRefusal(actor, loaded, input, role.reason);
        return { kind: 'refused', message: `${role.reason} Nothing was changed.` };
      }
    }
    const session = await this.deps.repos.staffImportSessions.replace(merge(loaded, input));
    return { session, index: await this.index(session.source) };
  }

  /** What "Import selected" would do, for the confirmation card. */
  async preview(actor: StaffActor, input: StaffImportInput): Promise<StaffImportPreview | StaffImportCard> {
    const settled = await this.settle(actor, input);
    if ('kind' in settled) return settled;
    return previewOf(settled.session, settled.index);
  }

  async load(actor: StaffActor, sessionId: string): Promise<Stored<StaffImportSessionDoc> | StaffImportCard> {
    const permission = authorize(actor, 'staff.manage', { mspId: this.deps.repos.mspId });
    if (!permission.ok) return { kind: 'refused', message: permission.reason };
    const session = await this.deps.repos.staffImportSessions.get(sessionId);
    // A session is its opener's alone: another person's id, or an expired one, gets a fresh start.
    if (!session || session.staffId !== actor.staffId || Date.parse(session.expiresAt) < this.deps.clock().getTime()) {
      return { kind: 'refused', message: 'This import card is out of date. Say "import staff" to start again.' };
    }
    return session;
  }

  async index(source: StaffImportSource): Promise<StaffIndex> {
    return new StaffIndex(await this.deps.repos.staff.list(), source, this.deps.mspTenantId);
  }

  render(actor: StaffActor, session: Stored<StaffImportSessionDoc>, index: StaffIndex): StaffImportCard {
    const search = session.search.toLowerCase();
    const found = session.people.filter((person) => !search || person.displayName.toLowerCase().includes(search) || (person.email ?? '').toLowerCase().includes(search) || (session.emails[person.externalId] ?? '').toLowerCase().includes(search));
    const pages = Math.max(1, Math.ceil(found.length / STAFF_IMPORT_PAGE_SIZE));
    const page = Math.min(session.page, pages - 1);
    const rows = found.slice(page * STAFF_IMPORT_PAGE_SIZE, (page + 1) * STAFF_IMPORT_PAGE_SIZE).map((person) => this.row(session, index, person));
    const chosen = selection(session, index);
    return {
      kind: 'page',
      view: {
        sessionId: session.id,
        source: session.source,
        sourceLabel: STAFF_SOURCE_LABELS[session.source],
        peopleWord: STAFF_SOURCE_PEOPLE[session.source],
        rows,
        selected: chosen.length,
        selectedIds: chosen.map((entry) => entry.person.externalId),
        allUnlinked: session.allUnlinked,
        search: session.search,
        page,
        pages,
        matching: found.length,
        everyone: session.people.length,
        truncated: session.truncated,
        fetchedAt: session.fetchedAt,
        role: session.role,
        roles: actor.role === 'superAdmin' ? [...IMPORT_ROLES] : []
      }
    };
  }

  private row(session: StaffImportSessionDoc, index: StaffIndex, person: StaffSourcePerson): StaffImportRowView {
    const typed = session.emails[person.externalId];
    const email = typed ?? person.email;
    const match = index.match(person, email, choiceOf(session, person.externalId));
    const autoPicked = !session.picked.includes(person.externalId) && autoSelected(session, person, match, email);
    const picked = session.picked.includes(person.externalId) || autoPicked;
    const needsEmail = !person.email;
    const held = isHeld(match) ? match : undefined;
    const createsNew = match.status === 'new' || (match.status === 'possibleMatch' && match.createNew);
    const problem = typed ? emailProblem(typed) : undefined;
    return {
      id: person.externalId,
      name: person.displayName,
      email: person.email,
      jobTitle: person.jobTitle,
      marks: person.marks,
      status: match.status,
      statusText: index.statusText(match, person, email),
      lastSynced: match.status === 'new' || match.status === 'possibleMatch' ? undefined : match.staff.lastSyncedAt,
      picked,
      autoPicked,
      needsEmail,
      emailValue: typed ?? '',
      problem:
        problem ??
        (needsEmail && picked && !typed && createsNew ? 'Give an email address to import this person.' : undefined) ??
        (held && picked ? `Choose "Link to ${held.staff.displayName}" or "Create new": a possible match is not imported until you do.` : undefined),
      linkedByHand: match.status === 'willLink',
      canLink: match.status !== 'linked' && match.status !== 'willLink',
      suggested: held ? { staffId: held.staff.id, name: held.staff.displayName } : undefined,
      choseNew: match.status === 'possibleMatch' && match.createNew
    };
  }

  /** A card naming people who are not this source's people (another source's, or made up) is refused. */
  async foreignRows(actor: StaffActor, input: Pick<StaffImportInput, 'rowIds'> & Partial<StaffImportInput>, session: StaffImportSessionDoc): Promise<StaffImportCard> {
    const label = STAFF_SOURCE_LABELS[session.source];
    const message = `This card names people who are not among the ${label} ${STAFF_SOURCE_PEOPLE[session.source]} it was opened for. Nothing was changed.`;
    await this.auditRefusal(actor, session, input, message);
    return { kind: 'refused', message };
  }

  async auditRefusal(actor: StaffActor, session: StaffImportSessionDoc, payload: unknown, message: string): Promise<void> {
    await this.deps.audit.record({
      actor,
      surface: 'bot',
      action: 'staff.import',
      target: { kind: 'import', id: session.id, name: STAFF_SOURCE_LABELS[session.source] },
      payload,
      result: 'refused',
      message
    });
  }
}

/** Merges a card's inputs into the session (see mergeSelection), with the import's choices. */
function merge(session: Stored<StaffImportSessionDoc>, input: StaffImportInput): Stored<StaffImportSessionDoc> {
  return {
    ...session,
    ...mergeSelection(session, input),
    allUnlinked: input.allUnlinked ?? session.allUnlinked,
    role: input.role !== undefined && (IMPORT_ROLES as readonly string[]).includes(input.role) ? (input.role as MspRole) : session.role
  };
}

import { randomUUID } from 'node:crypto';
import type { AuditRecorder } from '../../../audit/recorder';
import { mergeSelection } from '../../../domain/importSelection';
import type { Stored } from '../../../store/documents';
import type { AuditSurface } from '../../../store/model';
import type { Repositories } from '../../../store/repositories';
import type { ImportSessionDoc } from '../../../store/repositories/importSessions';
import { searchText, type ImportSource } from '../sources/source';
import type { ImportCardInput, LinkChoicesView } from '../view';
import { isAnswer, openerOf, refusal, type ImportActor, type ImportAnswer, type RowDecision } from './answer';
import type { ImportAudienceDefinition, ImportMatcher, ImportScope, Refused } from './audience';
import { decide, linkChoices } from './decisions';
import { rowView, takenByAllUnlinked } from './rows';

export const IMPORT_CARD_PAGE_SIZE = 10;
const SESSION_VALID_MS = 24 * 60 * 60 * 1000;

/** A session read for its opener, with its scope and source. */
export interface Loaded<Scope extends ImportScope = ImportScope> {
  scope: Scope;
  session: Stored<ImportSessionDoc>;
  source: ImportSource;
}

export interface BrowserDeps {
  repos: Repositories;
  audit: AuditRecorder;
  clock: () => Date;
}

/**
 * The one import browser, for both audiences (engine/audience.ts): a person opens a source, pages and
 * searches it, picks people, types missing emails and chooses a role; the selection lives in the
 * session (store/repositories/importSessions.ts), the card carries only the session id and the ids of
 * the rows it showed. Everything a card sends is checked again: the session must be its opener's, not
 * expired, of this audience and scope, and every row named one of the source's people.
 * A row's own decisions are engine/decisions.ts.
 */
export class ImportBrowser<Scope extends ImportScope = ImportScope> {
  constructor(
    readonly audience: ImportAudienceDefinition<Scope>,
    private readonly deps: BrowserDeps
  ) {}

  async open(actor: ImportActor, ref: { companyId?: string; source?: unknown }): Promise<ImportAnswer> {
    const scope = await this.audience.scope(actor, ref);
    if (isAnswer(scope)) return scope;
    const source = this.audience.sourceToOpen(scope, ref.source);
    if (isAnswer(source)) return source;
    const now = this.deps.clock();
    let start: Pick<ImportSessionDoc, 'position' | 'snapshot'>;
    try {
      start = await source.open(now);
    } catch (error) {
      return this.unreadable(actor, scope, error, source);
    }
    const session = await this.deps.repos.importSessions.create({
      id: randomUUID(),
      companyId: scope.companyId,
      mspId: scope.mspId,
      type: 'importSession',
      audience: this.audience.kind,
      source: source.kind,
      openedBy: openerOf(actor),
      search: '',
      ...start,
      picked: [],
      unpicked: [],
      allUnlinked: false,
      emails: {},
      links: {},
      newPeople: [],
      invite: false,
      ...this.audience.start(actor, scope),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_VALID_MS).toISOString()
    });
    return this.render(actor, { scope, session, source });
  }

  /** Applies what the card sent (picks, emails, choices, search), moves if asked, and shows the page. */
  async update(actor: ImportActor, input: ImportCardInput, surface: AuditSurface = 'bot'): Promise<ImportAnswer> {
    const loaded = await this.checked(actor, input, surface);
    if (isAnswer(loaded)) return loaded;
    let next = this.merge(loaded.session, input);
    if (input.move !== 'stay') next = { ...next, position: loaded.source.move(next, input.move), search: input.move === 'search' ? searchText(input.search) : next.search };
    return this.render(actor, { ...loaded, session: await this.deps.repos.importSessions.replace(next) });
  }

  /** The session with the card's inputs merged and saved, checked as if from a stranger. */
  async settle(actor: ImportActor, input: ImportCardInput, surface: AuditSurface = 'bot'): Promise<Loaded<Scope> | ImportAnswer> {
    const loaded = await this.checked(actor, input, surface);
    if (isAnswer(loaded)) return loaded;
    return { ...loaded, session: await this.deps.repos.importSessions.replace(this.merge(loaded.session, input)) };
  }

  /** The session, its opener's alone: another person's id, an expired one, or another scope's gets a fresh start. */
  async load(actor: ImportActor, ref: { companyId?: string; sessionId: string }): Promise<Loaded<Scope> | ImportAnswer> {
    const scope = await this.audience.scope(actor, ref);
    if (isAnswer(scope)) return scope;
    const session = await this.deps.repos.importSessions.get(scope.companyId, ref.sessionId);
    if (
      !session ||
      session.audience !== this.audience.kind ||
      session.openedBy !== openerOf(actor) ||
      Date.parse(session.expiresAt) < this.deps.clock().getTime() ||
      !this.audience.fits(scope, session)
    ) {
      return refusal(this.audience.words.outOfDate);
    }
    return { scope, session, source: this.audience.source(scope, session) };
  }

  /** The page the session is on: its rows matched against the people already there, and what the card offers. */
  async render(actor: ImportActor, loaded: Loaded<Scope>): Promise<ImportAnswer> {
    const { scope, source } = loaded;
    let { session } = loaded;
    let page;
    try {
      page = await source.page(session, IMPORT_CARD_PAGE_SIZE);
    } catch (error) {
      return this.unreadable(actor, scope, error, source);
    }
    if (JSON.stringify(page.position) !== JSON.stringify(session.position)) session = await this.deps.repos.importSessions.replace({ ...session, position: page.position });
    const matcher = await this.audience.matcher(scope, session, source);
    const matches = await matcher.match(page.people);
    const rows = page.people.map((person) => rowView(session, person, matches.get(person.id)!, this.audience.rules));
    const selected = await this.selected(session, matcher);
    return {
      kind: 'page',
      view: {
        sessionId: session.id,
        audience: this.audience.kind,
        companyId: scope.companyId,
        companyName: scope.companyName,
        sourceLabel: source.label,
        peopleWord: source.peopleWord,
        rows,
        picks: selected.length,
        picksOnOtherPages: selected.filter((id) => !rows.some((row) => row.id === id)).length,
        allUnlinked: session.allUnlinked,
        useSignInNames: session.useSignInNames ?? false,
        search: session.search,
        hasPrevious: page.hasPrevious,
        hasNext: page.hasNext,
        total: page.total,
        snapshot: page.snapshot,
        role: session.role,
        roles: this.audience.roles(actor, scope),
        invite: this.audience.rules.invites ? session.invite : undefined
      }
    };
  }

  /**
   * Who the import takes: those picked by hand, and for a source read once also everyone "select all
   * unlinked" takes in (a directory read page by page is counted by the import itself).
   */
  async selected(session: ImportSessionDoc, matcher: ImportMatcher): Promise<string[]> {
    const people = session.snapshot?.people;
    if (!people) return session.picked;
    const matches = await matcher.match(people);
    return people.filter((person) => session.picked.includes(person.id) || takenByAllUnlinked(session, person, matches.get(person.id)!, this.audience.rules)).map((person) => person.id);
  }

  /** A refusal, audited as the audience files them; nothing of the card's inputs is kept by it. */
  async refuse(actor: ImportActor, loaded: Loaded<Scope>, payload: unknown, refused: Refused, surface: AuditSurface): Promise<ImportAnswer> {
    const { audit } = this.audience;
    await this.deps.audit.record({
      actor,
      surface,
      action: audit.action,
      companyId: audit.companyOf(loaded.scope),
      target: { kind: 'import', id: loaded.session.id, name: audit.nameOf(loaded.scope, loaded.session) },
      payload,
      result: 'refused',
      message: refused.audited ?? refused.message
    });
    return refusal(refused.message);
  }

  /** "Link to…" on a row (engine/decisions.ts). */
  linkChoices(actor: ImportActor, input: ImportCardInput, rowId: string, search: string, surface: AuditSurface = 'bot'): Promise<LinkChoicesView | ImportAnswer> {
    return linkChoices(this, actor, input, rowId, search, surface);
  }

  /** A row's own decision (engine/decisions.ts). */
  decide(actor: ImportActor, input: ImportCardInput, rowId: string, decision: RowDecision, surface: AuditSurface = 'bot'): Promise<ImportAnswer> {
    return decide(this, actor, input, rowId, decision, surface);
  }

  async save(session: Stored<ImportSessionDoc>): Promise<Stored<ImportSessionDoc>> {
    return this.deps.repos.importSessions.replace(session);
  }

  /** The session loaded, and the card's inputs checked (every row one of the source's, the audience's own checks). */
  private async checked(actor: ImportActor, input: ImportCardInput, surface: AuditSurface): Promise<Loaded<Scope> | ImportAnswer> {
    const loaded = await this.load(actor, input);
    if (isAnswer(loaded)) return loaded;
    const strangers = loaded.source.strangers(loaded.session, [...input.rowIds, ...Object.keys(input.picks), ...Object.keys(input.emails)]);
    if (strangers.length) return this.refuse(actor, loaded, input, { message: loaded.source.strangerMessage }, surface);
    const refused = this.audience.checkInput?.(actor, loaded.scope, input);
    if (refused) return this.refuse(actor, loaded, input, refused, surface);
    return loaded;
  }

  /** Merges a card's inputs into the session (see mergeSelection), with the import's choices. */
  private merge(session: Stored<ImportSessionDoc>, input: ImportCardInput): Stored<ImportSessionDoc> {
    return {
      ...session,
      ...mergeSelection(session, input),
      allUnlinked: input.allUnlinked ?? session.allUnlinked,
      useSignInNames: input.useSignInNames ?? session.useSignInNames,
      role: this.audience.isRole(input.role) ? input.role : session.role,
      invite: this.audience.rules.invites ? (input.invite ?? session.invite) : session.invite
    };
  }

  private async unreadable(actor: ImportActor, scope: Scope, error: unknown, source: ImportSource): Promise<ImportAnswer> {
    const answer = await this.audience.unreadable(actor, scope, error, source);
    if (!answer) throw error;
    return answer;
  }
}

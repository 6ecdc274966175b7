import type { AuditEntry } from '../../audit/recorder';
import { mapLimit } from '../../concurrency';
import type { StaffActor } from '../../domain/actor';
import { emailProblem } from '../../domain/email';
import { matchDescription } from '../../domain/personMatch';
import { checkImportRole } from '../../domain/staffRoles';
import { ConflictError } from '../../store/errors';
import type { StaffImportSource } from '../../store/model';
import type { ImportSessionDoc, SourcePerson, StaffImportSummary, StaffImportSummaryRow } from '../../store/repositories/importSessions';
import { isAnswer, refusal, type ImportAnswer } from '../imports/engine/answer';
import type { ImportBrowser } from '../imports/engine/browser';
import { staffIndex, staffRoleOf, staffSourceOf } from './audience';
import type { StaffDeps } from './deps';
import { selection } from './importPreview';
import { skipped, StaffImportWrites, type RowOutcome } from './importWrites';
import type { StaffIndex } from './matching';
import { STAFF_SOURCE_LABELS } from './sources';
import { choiceOf } from './staffMatcher';

/** Most people one import run takes (an MSP's staff is far smaller). */
export const MAX_IMPORT_PEOPLE = 500;
/** A run that crashed is taken up again with the same key after this long. */
const RUN_LEASE_MS = 120_000;
/** Rows written at the same time. */
const CONCURRENCY = 8;
/** Rows kept in the summary. */
const MAX_SUMMARY_ROWS = 200;

export type StaffImportRunResult = { kind: 'done'; summary: StaffImportSummary; sourceLabel: string; sessionId: string; replayed: boolean } | ImportAnswer;

/**
 * Runs a staff import from its card's session. The source is read again first: only people still
 * active there are imported, with their current name, email and title. Per person: already linked ->
 * updated or unchanged; linked by hand or matching a staff member by email -> linked (their role is
 * kept; their name and email follow this source from then on); a possible match nobody decided on ->
 * held (skipped, with the reason); otherwise created with the one role chosen, bound to their Entra
 * identity when the MSP's directory knows their email. Every write is a conditional write or a
 * create-once with an id derived from the source's id, so a double click or a retry does the work
 * once; re-running with nothing changed in the source writes nothing.
 */
export class StaffImportRunner {
  private readonly writes: StaffImportWrites;

  constructor(
    private readonly deps: StaffDeps,
    private readonly browser: ImportBrowser
  ) {
    this.writes = new StaffImportWrites(deps);
  }

  async run(actor: StaffActor, sessionId: string, key: string): Promise<StaffImportRunResult> {
    const loaded = await this.browser.load(actor, { sessionId });
    if (isAnswer(loaded)) return loaded;
    let { session } = loaded;
    const source = staffSourceOf(session);
    const sourceLabel = STAFF_SOURCE_LABELS[source];
    if (session.run?.key === key) {
      if (session.run.state === 'done' && session.run.summary) return { kind: 'done', summary: session.run.summary, sourceLabel, sessionId, replayed: true };
      if (Date.now() - Date.parse(session.run.startedAt) < RUN_LEASE_MS) return refusal('This import is running already. Its summary replaces this card when it ends; say "staff" to see the staff.');
    }
    const role = checkImportRole(actor, this.deps.repos.mspId, session.role);
    if (!role.ok) return refusal(role.reason);

    const index = await staffIndex(this.deps, source);
    const chosen = selection(session, index);
    if (chosen.length === 0) return refusal('Nobody is selected. Tick the people to import, or "Select all unlinked".');
    if (chosen.length > MAX_IMPORT_PEOPLE) return refusal(`At most ${MAX_IMPORT_PEOPLE} people can be imported at once; ${chosen.length} are selected.`);

    // Claim the run with a conditional write: a concurrent click with the same key conflicts here.
    try {
      session = await this.deps.repos.importSessions.replace({ ...session, run: { key, state: 'running', startedAt: this.deps.clock().toISOString() } });
    } catch (error) {
      if (error instanceof ConflictError) return refusal('This card was used at the same moment elsewhere. Nothing more was done; say "staff" to see the staff.');
      throw error;
    }

    const fresh = await this.deps.sources.activePeople(source);
    if ('kind' in fresh) {
      await this.deps.repos.importSessions.replace({ ...session, run: undefined }).catch(() => undefined);
      return { kind: 'problem', problem: fresh };
    }
    const current = new Map(fresh.people.map((person) => [person.id, person]));
    const claims: RunClaims = { staff: new Map(), emails: new Map() };
    const outcomes = await mapLimit(chosen, CONCURRENCY, ({ person, email }) =>
      this.importOne(session, index, claims, current.get(person.id), person, email).catch((error: unknown): RowOutcome => {
        this.deps.logger.error({ err: error, source }, 'staff import row failed');
        return { row: { name: person.displayName, email: email ?? undefined, outcome: 'failed', reason: 'Could not be saved; try again.' } };
      })
    );

    const summary: StaffImportSummary = { created: 0, linked: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, boundNow: 0, rows: [] };
    for (const outcome of outcomes) {
      summary[outcome.row.outcome]++;
      if (outcome.bound) summary.boundNow++;
    }
    summary.rows = outcomes.map((outcome) => outcome.row).sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome] || a.name.localeCompare(b.name)).slice(0, MAX_SUMMARY_ROWS);

    const audits: AuditEntry[] = outcomes.flatMap((outcome) => (outcome.audit ? [{ ...outcome.audit, actor, surface: 'bot' as const, result: 'done' as const, idempotencyKey: key }] : []));
    audits.push({
      actor,
      surface: 'bot',
      action: 'staff.import',
      target: { kind: 'import', id: session.id, name: sourceLabel },
      after: { source, role: session.role, created: summary.created, linked: summary.linked, updated: summary.updated, unchanged: summary.unchanged, skipped: summary.skipped, failed: summary.failed },
      payload: { sessionId, key },
      result: 'done',
      idempotencyKey: key
    });
    await this.deps.audit.recordMany(audits);
    await this.saveSummary(session, key, summary);
    return { kind: 'done', summary, sourceLabel, sessionId, replayed: false };
  }

  private async saveSummary(run: ImportSessionDoc, key: string, summary: StaffImportSummary): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const session = await this.deps.repos.importSessions.get(run.companyId, run.id);
      if (!session) return;
      try {
        await this.deps.repos.importSessions.replace({ ...session, picked: [], unpicked: [], links: {}, newPeople: [], allUnlinked: false, run: { key, state: 'done', startedAt: session.run?.startedAt ?? new Date().toISOString(), summary } });
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  private async importOne(session: ImportSessionDoc, index: StaffIndex, claims: RunClaims, now: SourcePerson | undefined, seen: SourcePerson, typedOrOwnEmail: string | null): Promise<RowOutcome> {
    const source: StaffImportSource = staffSourceOf(session);
    const label = STAFF_SOURCE_LABELS[source];
    if (!now) return skipped(seen, typedOrOwnEmail, `no longer active in ${label}`);
    const person = now;
    // The source's email wins once it has one; a typed email fills a gap only.
    const email = (person.email ?? session.emails[person.id] ?? typedOrOwnEmail)?.trim() ?? null;
    if (email && emailProblem(email)) return skipped(person, email, emailProblem(email) as string);
    // Matched again with the source's current data: the card may have been shown a while ago.
    const effective = index.match(person, email, choiceOf(session, person.id));
    if (effective.status === 'possibleMatch' && !effective.createNew) {
      const who = effective.staff.displayName;
      return skipped(person, email, `held: possible match with ${matchDescription({ displayName: who, email: effective.staff.email ?? null }, effective.reason)}; choose "Link to ${who}" or "Create new" on the import card`);
    }
    const creates = effective.status === 'new' || effective.status === 'possibleMatch';
    // Two people of one import never land on the same staff member or email (checked before any await).
    const staffId = effective.status === 'linked' || effective.status === 'willLink' || effective.status === 'matchesEmail' ? effective.staff.id : undefined;
    const takenBy = staffId ? claims.staff.get(staffId) : email && creates ? claims.emails.get(email.toLowerCase()) : undefined;
    if (takenBy) {
      const what = staffId ? 'matches the same staff member as' : 'has the same email as';
      return skipped(person, email, `${what} ${takenBy}, also in this import`);
    }
    if (staffId) claims.staff.set(staffId, person.displayName);
    if (email && effective.status !== 'emailTaken') claims.emails.set(email.toLowerCase(), person.displayName);
    switch (effective.status) {
      case 'linked':
        return this.writes.update(source, index, effective.staff, person, email);
      case 'willLink':
      case 'matchesEmail':
        return this.writes.link(source, index, effective.staff, person, email, effective.status === 'willLink' ? 'linked by hand' : 'same email');
      case 'emailTaken':
        return skipped(person, email, `the email belongs to ${effective.staff.displayName}, who is linked to another ${source === 'entra' ? 'Microsoft account' : `${label} person`}`);
      case 'possibleMatch':
      case 'new':
        if (!email) return skipped(person, null, 'no email: type one on the card to import this person');
        return this.writes.create(source, staffRoleOf(session), index, person, email);
    }
  }
}

/** Staff members and emails already taken by a person of this run, with that person's name. */
interface RunClaims {
  staff: Map<string, string>;
  emails: Map<string, string>;
}

const ORDER: Record<StaffImportSummaryRow['outcome'], number> = { failed: 0, skipped: 1, created: 2, linked: 3, updated: 4, unchanged: 5 };

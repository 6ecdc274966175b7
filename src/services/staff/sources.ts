import { GraphAccessError, GraphConsentError } from '../../graph/errors';
import type { GraphAccess } from '../../graph/graphAccess';
import { listUsers } from '../../graph/users';
import type { PsaConnectors } from '../../psa/config';
import { PsaCredentialRejectedError, PsaError, PsaNotConfiguredError } from '../../psa/errors';
import { PSA_LABELS, PSA_SOURCES, type PsaSource } from '../../psa/types';
import type { StaffImportSource, StaffSource } from '../../store/model';
import type { SourcePerson } from '../../store/repositories/importSessions';
import type { SourceProblem } from '../imports/engine/answer';
import { toEntraPerson } from '../imports/entraPeople';
import { snapshotSource, type PeopleReader } from '../imports/sources/snapshot';
import { entraMarks, type ImportSource } from '../imports/sources/source';

export type { SourceProblem } from '../imports/engine/answer';

/** Every source staff can be imported from, in the order the card offers them. */
export const STAFF_IMPORT_SOURCES: readonly StaffImportSource[] = ['entra', ...PSA_SOURCES];

export const STAFF_SOURCE_LABELS: Readonly<Record<StaffSource, string>> = {
  configuration: 'Configuration',
  demo: 'Demo data',
  entra: 'Microsoft Entra ID',
  ...PSA_LABELS
};

/** What the PSA calls the people offered. */
export const STAFF_SOURCE_PEOPLE: Readonly<Record<StaffImportSource, string>> = {
  entra: 'users of your own tenant',
  connectwise: 'members',
  halo: 'agents',
  autotask: 'resources',
  syncro: 'technicians'
};

export function isStaffImportSource(value: unknown): value is StaffImportSource {
  return typeof value === 'string' && (STAFF_IMPORT_SOURCES as readonly string[]).includes(value);
}

/** At most this many active people are kept for one import card (an MSP's own staff is far smaller). */
export const MAX_SOURCE_PEOPLE = 5000;

export interface SourceState {
  source: StaffImportSource;
  label: string;
  people: string;
  ready: boolean;
  /** Why not ready: the variables to set, in a sentence. */
  problem?: string;
}

/** The mark of an Entra ID user without a mailbox, whose sign-in name (UPN) is their staff email. */
export const NO_MAILBOX_MARK = 'No mailbox: email from the sign-in name';

/** A source ids only from these characters: they become card input ids (`pick_<id>`). */
const EXTERNAL_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The sources staff are imported from, each behind the import engine's one source interface
 * (imports/sources/source.ts) as a source read once into the session: the MSP's own Entra ID (enabled
 * accounts, read with the same Graph access and account rules as the client import) or a PSA (its
 * connector yields only active people).
 */
export class StaffSources {
  constructor(
    private readonly graph: GraphAccess,
    private readonly mspTenantId: string,
    private readonly psa: PsaConnectors
  ) {}

  states(): SourceState[] {
    const problems = new Map(this.psa.problems.map((problem) => [problem.source, problem]));
    return STAFF_IMPORT_SOURCES.map((source) => {
      const base = { source, label: STAFF_SOURCE_LABELS[source], people: STAFF_SOURCE_PEOPLE[source] };
      if (source === 'entra' || this.psa.available.includes(source)) return { ...base, ready: true };
      const problem = problems.get(source) ?? notConfigured(this.psa, source);
      return { ...base, ready: false, problem: problem?.message ?? `${base.label} is not configured.` };
    });
  }

  /** The source, for the import engine. */
  source(source: StaffImportSource): ImportSource {
    return snapshotSource(this.reader(source));
  }

  reader(source: StaffImportSource): PeopleReader {
    return { kind: source, label: STAFF_SOURCE_LABELS[source], peopleWord: STAFF_SOURCE_PEOPLE[source], readAll: () => (source === 'entra' ? this.entraPeople() : this.psaPeople(source)) };
  }

  /** Every active person of the source (at most MAX_SOURCE_PEOPLE), or why the source cannot be read. */
  async activePeople(source: StaffImportSource): Promise<{ people: SourcePerson[]; truncated: boolean } | SourceProblem> {
    try {
      return await this.reader(source).readAll();
    } catch (error) {
      const problem = toSourceProblem(source, error);
      if (problem) return problem;
      throw error;
    }
  }

  private async entraPeople(): Promise<{ people: SourcePerson[]; truncated: boolean }> {
    const people: SourcePerson[] = [];
    for await (const page of listUsers(this.graph, this.mspTenantId)) {
      for (const user of page) {
        const person = toEntraPerson(user);
        if (!person.accountEnabled || !EXTERNAL_ID.test(person.id)) continue;
        // Staff get no invitations: their email only binds their Teams identity and PSA records, so
        // someone without a mailbox is imported with their sign-in name, and the row says so.
        const email = person.email ?? person.signInName ?? null;
        const marks = [...entraMarks(person), ...(!person.email && email ? [NO_MAILBOX_MARK] : [])];
        people.push({ ...person, email, signInName: null, marks });
        if (people.length > MAX_SOURCE_PEOPLE) return { people: sorted(people).slice(0, MAX_SOURCE_PEOPLE), truncated: true };
      }
    }
    return { people: sorted(people), truncated: false };
  }

  private async psaPeople(source: PsaSource): Promise<{ people: SourcePerson[]; truncated: boolean }> {
    const connector = this.psa.connector(source);
    const people: SourcePerson[] = [];
    for await (const page of connector.listActivePeople()) {
      for (const person of page) {
        // The connectors yield active people only; checked again, as everything from outside is.
        if (!person.active || !EXTERNAL_ID.test(person.externalId)) continue;
        people.push({ id: person.externalId, displayName: person.displayName, email: person.email, jobTitle: person.jobTitle, kind: 'member', accountEnabled: true });
        if (people.length > MAX_SOURCE_PEOPLE) return { people: sorted(people).slice(0, MAX_SOURCE_PEOPLE), truncated: true };
      }
    }
    return { people: sorted(people), truncated: false };
  }
}

function sorted(people: SourcePerson[]): SourcePerson[] {
  return people.sort((a, b) => a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

function notConfigured(psa: PsaConnectors, source: PsaSource): PsaNotConfiguredError | undefined {
  try {
    psa.connector(source);
    return undefined;
  } catch (error) {
    return error instanceof PsaNotConfiguredError ? error : undefined;
  }
}

/** A failure of a source as a card can show it; undefined for errors that are bugs. */
export function toSourceProblem(source: StaffImportSource, error: unknown): SourceProblem | undefined {
  const label = STAFF_SOURCE_LABELS[source];
  if (error instanceof PsaNotConfiguredError) {
    return {
      kind: 'notConfigured',
      source,
      title: `${label} is not configured`,
      message: error.message,
      variables: [...error.missingVariables, ...error.invalidVariables]
    };
  }
  if (error instanceof PsaCredentialRejectedError) {
    return { kind: 'credentialRejected', source, title: `${label} refused the credentials`, message: error.message, variables: variablesIn(error.message) };
  }
  if (error instanceof PsaError) {
    return { kind: 'unavailable', source, title: `${label} is unavailable`, message: error.message, variables: [] };
  }
  if (error instanceof GraphConsentError) {
    return {
      kind: 'notConsented',
      source,
      title: 'No access to your own directory',
      message:
        "Microsoft Entra ID refused access to your own tenant's directory: the app needs admin consent in your tenant (User.Read.All). A Global Administrator grants it in the Entra admin center, App registrations, the app's API permissions, \"Grant admin consent\".",
      variables: []
    };
  }
  if (error instanceof GraphAccessError) {
    return { kind: 'unavailable', source, title: 'Microsoft Graph is unavailable', message: `${error.message} Try again in a moment.`, variables: [] };
  }
  return undefined;
}

/** The configuration variable names a PSA error message mentions. */
function variablesIn(message: string): string[] {
  return [...new Set(message.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g) ?? [])];
}

import { createHash } from 'node:crypto';
import { mapLimit } from '../../../concurrency';
import { decideImport, SKIP_REASONS } from '../../../domain/entraImport';
import type { CompanyRole } from '../../../domain/roles';
import { GraphConsentError, GraphThrottledError } from '../../../graph/errors';
import type { GraphAccess } from '../../../graph/graphAccess';
import { ENTRA_OBJECT_ID, getUser, searchUsers } from '../../../graph/users';
import type { ImportSessionDoc, SourcePerson } from '../../../store/repositories/importSessions';
import type { Repositories } from '../../../store/repositories';
import { possibleMatchText } from '../../../domain/personMatch';
import { chosenEmail } from '../engine/rows';
import { directoryPerson } from '../sources/directory';
import { relationsOf } from './relations';

/** Hand-picked people read from Graph for a preview; more are counted, and checked when the import runs. */
export const PREVIEW_READ_LIMIT = 200;
const READS_IN_FLIGHT = 8;

export interface PreviewPerson {
  name: string;
  email?: string;
  /** Linked: the portal user they are linked to; skipped or failed: why. */
  detail?: string;
}

/**
 * What an import will do, shown before it runs: an Adaptive Card cannot count ticks live, so the
 * confirm step says who will be created, linked, updated and skipped, and why.
 */
export interface ImportPreviewView {
  sessionId: string;
  companyId: string;
  companyName: string;
  role: CompanyRole;
  invite: boolean;
  allUnlinked: boolean;
  /** People in the directory (with allUnlinked). */
  directoryTotal?: number;
  /** People unticked by hand out of "all unlinked". */
  leftOut: number;
  create: PreviewPerson[];
  link: PreviewPerson[];
  update: PreviewPerson[];
  unchanged: PreviewPerson[];
  skip: PreviewPerson[];
  fail: PreviewPerson[];
  /** Hand-picked people beyond PREVIEW_READ_LIMIT, not read for the preview. */
  notRead: number;
  /** Of the selection the preview shows; the confirm button carries it, so a changed selection is shown again. */
  fingerprint: string;
}

/** A short digest of what the session would import, for the confirm button. */
export function selectionFingerprint(session: Pick<ImportSessionDoc, 'picked' | 'unpicked' | 'allUnlinked' | 'emails' | 'links' | 'newPeople' | 'useSignInNames' | 'role' | 'invite'>): string {
  const canonical = JSON.stringify([
    [...session.picked].sort(),
    [...session.unpicked].sort(),
    session.allUnlinked,
    Object.entries(session.emails).sort(([a], [b]) => a.localeCompare(b)),
    Object.entries(session.links ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    [...(session.newPeople ?? [])].sort(),
    session.useSignInNames ?? false,
    session.role ?? '',
    session.invite
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

/**
 * The preview of a session's import: the hand-picked people read one by one from the company's own
 * tenant and decided as the import will decide them (the same rules, on the current portal users);
 * with "all unlinked", the directory's size and who was left out by hand.
 */
export async function previewImport(
  deps: { graph: GraphAccess; repos: Repositories },
  company: { companyId: string; name: string },
  session: ImportSessionDoc & { role: CompanyRole }
): Promise<ImportPreviewView> {
  const view: ImportPreviewView = {
    sessionId: session.id,
    companyId: company.companyId,
    companyName: company.name,
    role: session.role,
    invite: session.invite,
    allUnlinked: session.allUnlinked,
    leftOut: session.allUnlinked ? session.unpicked.length : 0,
    create: [],
    link: [],
    update: [],
    unchanged: [],
    skip: [],
    fail: [],
    notRead: Math.max(0, session.picked.length - PREVIEW_READ_LIMIT),
    fingerprint: selectionFingerprint(session)
  };
  const ids = session.picked.slice(0, PREVIEW_READ_LIMIT);
  const tenantId = session.tenantId ?? '';
  const read = await mapLimit(ids, READS_IN_FLIGHT, (id) => readOne(deps.graph, tenantId, id));
  if (session.allUnlinked) view.directoryTotal = (await searchUsers(deps.graph, tenantId, '', { top: 1 })).count;
  const seen = new Set<string>();
  const people = read.flatMap((item) => ('person' in item ? [item.person] : []));
  const relations = await relationsOf({ repos: deps.repos }, company.companyId, session, people);
  for (const item of read) {
    if (!('person' in item)) {
      view.fail.push({ name: item.id, detail: item.reason });
      continue;
    }
    const { person } = item;
    const { status, createNew } = relations.get(person.id)!;
    const emailOverride = chosenEmail(session, person);
    const decision = decideImport(person, status, { explicit: true, emailOverride, createNew }, seen);
    const shown: PreviewPerson = { name: person.displayName, email: emailOverride ?? person.email ?? undefined };
    switch (decision.kind) {
      case 'create':
        view.create.push(shown);
        break;
      case 'link':
        view.link.push({ ...shown, email: decision.email, detail: 'user' in status ? status.user.displayName : undefined });
        break;
      case 'update':
        view.update.push({ ...shown, detail: [decision.changes.displayName && 'name', decision.changes.email && 'email'].filter(Boolean).join(' and ') });
        break;
      case 'unchanged':
        view.unchanged.push(shown);
        break;
      case 'skip':
        view.skip.push({ ...shown, detail: decision.reason === 'possibleMatch' && status.status === 'possibleMatch' ? possibleMatchText(status.user, status.reason) : SKIP_REASONS[decision.reason] });
        break;
    }
  }
  return view;
}

async function readOne(graph: GraphAccess, tenantId: string, id: string): Promise<{ person: SourcePerson } | { id: string; reason: string }> {
  if (!ENTRA_OBJECT_ID.test(id)) return { id, reason: 'Not an Entra user id.' };
  try {
    const user = await getUser(graph, tenantId, id);
    return user ? { person: directoryPerson(user) } : { id, reason: 'Not found in this company\u2019s Microsoft 365 tenant.' };
  } catch (error) {
    if (error instanceof GraphConsentError || error instanceof GraphThrottledError) throw error;
    return { id, reason: 'Could not be read from Microsoft Entra ID.' };
  }
}

import type { AuditEntry, AuditRecorder } from '../audit/recorder';
import type { Stored } from '../store/documents';
import { ConflictError } from '../store/errors';
import type { AuditDoc, CompanyDoc, PendingAudit, PortalUserDoc, StaffDoc } from '../store/model';
import type { Repositories } from '../store/repositories';
import type { ConversationRefDoc } from '../store/repositories/conversations';

/**
 * A change and its audit record are one write: the changed document carries the record
 * (`pendingAudit`) in the same conditional write, so a crash can never leave a change without its
 * record. Settling appends the record under its own id (a second append finds it there) and clears it
 * with a conditional write; a delete marks the document first and removes it once its record is in.
 * Settling runs right after the change, before the next change of the same document, on start and
 * by the sweeper, so a record the app could not append before it stopped is appended later, once.
 */
interface PendingDeps {
  repos: Repositories;
  audit: AuditRecorder;
}

/** `next` carrying `entry`'s record, after any record an earlier change left pending on `before`. */
export function carrying<T extends PendingAudit>(deps: PendingDeps, next: T, before: PendingAudit | undefined, entry: AuditEntry): T {
  const record = deps.audit.toDoc(entry);
  const earlier = (before?.pendingAudit ?? []).filter((pending) => pending.id !== record.id);
  return { ...next, pendingAudit: [...earlier, record] };
}

/** The document to delete, marked so: it goes once its record is in the log. */
export function deleting<T extends PendingAudit>(deps: PendingDeps, doc: T, entry: AuditEntry): T {
  return { ...carrying(deps, doc, doc, entry), pendingDelete: true };
}

type Kind = 'company' | 'portalUser' | 'staff' | 'approvalsChannel';
type DocOf<K extends Kind> = K extends 'company' ? CompanyDoc : K extends 'portalUser' ? PortalUserDoc : K extends 'staff' ? StaffDoc : ConversationRefDoc;

/**
 * Appends what `doc` carries and clears it (or completes its delete). Returns the document as it is
 * now: undefined once deleted, else the cleared version, or, when someone else cleared or changed it
 * first, the version in the store.
 */
export async function settle<K extends Kind>(deps: PendingDeps, kind: K, doc: Stored<DocOf<K>>): Promise<Stored<DocOf<K>> | undefined> {
  const records: AuditDoc[] = doc.pendingAudit ?? [];
  if (!records.length) return doc;
  await deps.audit.appendAll(records);
  try {
    const cleared = await complete(deps.repos, kind, doc);
    if (cleared !== 'changed') return cleared;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  // Changed meanwhile: that write carried the records on (or settled them) and is settled in turn.
  return storeOf(deps.repos, kind).reread(doc);
}

/** How each kind of document is cleared of its records, deleted when marked so, and read again. */
function storeOf<K extends Kind>(repos: Repositories, kind: K) {
  const stores: { [Key in Kind]: { clear(doc: Stored<DocOf<Key>>): Promise<Stored<DocOf<Key>> | undefined>; delete?(doc: Stored<DocOf<Key>>): Promise<void>; reread(doc: DocOf<Key>): Promise<Stored<DocOf<Key>> | undefined> } } = {
    company: { clear: (doc) => repos.companies.clearPendingAudit(doc), reread: (doc) => repos.companies.get(doc.companyId) },
    portalUser: { clear: (doc) => repos.portalUsers.clearPendingAudit(doc), delete: (doc) => repos.portalUsers.delete(doc), reread: (doc) => repos.portalUsers.get(doc.companyId, doc.id) },
    staff: { clear: (doc) => repos.staff.clearPendingAudit(doc), delete: (doc) => repos.staff.delete(doc), reread: (doc) => repos.staff.get(doc.id) },
    approvalsChannel: { clear: (doc) => repos.conversations.clearPendingAudit(doc), reread: () => repos.conversations.approvalsChannel() }
  };
  return stores[kind] as unknown as (typeof stores)[K];
}

async function complete<K extends Kind>(repos: Repositories, kind: K, doc: Stored<DocOf<K>>): Promise<Stored<DocOf<K>> | undefined | 'changed'> {
  const store = storeOf(repos, kind);
  if (doc.pendingDelete && store.delete) {
    await store.delete(doc);
    return undefined;
  }
  return (await store.clear(doc)) ?? 'changed';
}

/** `doc` as loaded for a change, with whatever an earlier change left pending settled first. */
export async function loadSettled<K extends Kind>(deps: PendingDeps, kind: K, doc: Stored<DocOf<K>> | undefined): Promise<Stored<DocOf<K>> | undefined> {
  return doc?.pendingAudit?.length ? settle(deps, kind, doc) : doc;
}

/** Settles every record left pending (on start and by the sweeper). Returns how many documents it settled. */
export async function settleAllPending(deps: PendingDeps): Promise<number> {
  const { repos } = deps;
  const [companies, users, staff, channels] = await Promise.all([
    repos.companies.withPendingAudit(),
    repos.portalUsers.withPendingAudit(),
    repos.staff.withPendingAudit(),
    repos.conversations.withPendingAudit()
  ]);
  for (const doc of companies) await settle(deps, 'company', doc);
  for (const doc of users) await settle(deps, 'portalUser', doc);
  for (const doc of staff) await settle(deps, 'staff', doc);
  for (const doc of channels) await settle(deps, 'approvalsChannel', doc);
  return companies.length + users.length + staff.length + channels.length;
}

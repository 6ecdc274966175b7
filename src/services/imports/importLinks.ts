import type { AuditRecorder } from '../../audit/recorder';
import type { AuditSurface, CompanyDoc } from '../../store/model';
import type { Stored } from '../../store/documents';
import type { Repositories } from '../../store/repositories';
import type { ImportSessionDoc } from '../../store/repositories/importSessions';
import { ENTRA_OBJECT_ID, getUser } from '../../graph/users';
import type { GraphAccess } from '../../graph/graphAccess';
import { statusOf } from '../portalUsers/view';
import type { EntraPerson } from '../../domain/entraImport';
import { toEntraPerson } from './entraPeople';
import type { ImportActor, ImportBrowser, ImportCard, ImportCardInput } from './importBrowser';

/** How many portal users the "Link to…" card lists for a search. */
export const LINK_CHOICES_SHOWN = 25;

/** What a person decides for one row of the import card. */
export type RowResolution =
  /** "Link to…" (or "Link to <possible match>"): this person is that portal user. */
  | { kind: 'link'; userId: string }
  /** "Create new": a possible match is someone else; importing creates a new portal user. */
  | { kind: 'createNew' }
  /** Takes back a link or a "Create new". */
  | { kind: 'undo' }
  /** Someone without a mailbox: their sign-in name is the email to use (and to invite at). */
  | { kind: 'useSignInName' };

export interface LinkChoicesView {
  sessionId: string;
  companyId: string;
  companyName: string;
  rowId: string;
  person: { name: string; email: string | null; signInName: string | null; jobTitle: string | null };
  search: string;
  /** Portal users not linked to anyone (nor chosen for another row), by name. */
  choices: { id: string; name: string; email: string; status: string }[];
  more: boolean;
  current?: string;
}

export interface ImportLinkDeps {
  repos: Repositories;
  graph: GraphAccess;
  browser: ImportBrowser;
  audit: AuditRecorder;
}

type Loaded = { session: Stored<ImportSessionDoc>; company: Stored<CompanyDoc> };

/**
 * The "Link to…" card of one row: the portal users of the company it may be linked to, searched by
 * name or email. The card's other inputs are saved first, so nothing typed is lost.
 */
export async function linkChoices(deps: ImportLinkDeps, actor: ImportActor, input: ImportCardInput, rowId: string, search: string, surface: AuditSurface): Promise<LinkChoicesView | ImportCard> {
  const settled = await deps.browser.settle(actor, input);
  if ('kind' in settled) return settled;
  const read = await readRow(deps, actor, settled, rowId, surface);
  if (!('person' in read)) return read.refused;
  const { person } = read;
  const { session, company } = settled;
  const text = search.trim().slice(0, 100);
  const takenByOtherRows = new Set(Object.entries(session.links ?? {}).filter(([row]) => row !== rowId).map(([, userId]) => userId));
  const found = (await deps.repos.portalUsers.unlinked(company.companyId, text, LINK_CHOICES_SHOWN + 1 + takenByOtherRows.size)).filter((user) => !takenByOtherRows.has(user.id));
  return {
    sessionId: session.id,
    companyId: company.companyId,
    companyName: company.name,
    rowId,
    person: { name: person.displayName, email: person.email, signInName: person.email ? null : (person.signInName ?? null), jobTitle: person.jobTitle },
    search: text,
    choices: found.slice(0, LINK_CHOICES_SHOWN).map((user) => ({ id: user.id, name: user.displayName, email: user.email, status: statusOf(user) })),
    more: found.length > LINK_CHOICES_SHOWN,
    current: session.links?.[rowId]
  };
}

/**
 * Applies a person's decision for one row, checked as if it came from a stranger: the row must be a
 * user of the company's own tenant, a linked portal user one of this company's, linked to nobody else
 * and chosen for no other row. The card's other inputs are saved with it; the page is shown again.
 */
export async function resolveRow(deps: ImportLinkDeps, actor: ImportActor, input: ImportCardInput, rowId: string, resolution: RowResolution, surface: AuditSurface): Promise<ImportCard> {
  const settled = await deps.browser.settle(actor, input);
  if ('kind' in settled) return settled;
  const read = await readRow(deps, actor, settled, rowId, surface);
  if (!('person' in read)) return read.refused;
  const { person } = read;
  const { company } = settled;
  // A link and an undo take back a "Create new"; a confirmed sign-in name keeps it.
  const newPeople = settled.session.newPeople ?? [];
  const takesBack = resolution.kind === 'link' || resolution.kind === 'undo';
  const session = { ...settled.session, links: { ...settled.session.links }, newPeople: takesBack ? newPeople.filter((id) => id !== rowId) : [...newPeople] };
  const refuse = (message: string) => refusal(deps, actor, settled, { rowId, resolution }, `${message} Nothing was changed.`, surface);
  switch (resolution.kind) {
    case 'link': {
      const user = await deps.repos.portalUsers.get(company.companyId, resolution.userId);
      if (!user) return refuse('That portal user is not one of this company\u2019s (any more).');
      if (user.entraObjectId && user.entraObjectId.toLowerCase() !== person.id.toLowerCase()) return refuse(`${user.displayName} is already linked to another Entra ID account.`);
      const otherRow = Object.entries(session.links).find(([row, userId]) => row !== rowId && userId === user.id);
      if (otherRow) return refuse(`${user.displayName} is already chosen for another person on this card.`);
      session.links[rowId] = user.id;
      break;
    }
    case 'createNew':
      delete session.links[rowId];
      if (!session.newPeople.includes(rowId)) session.newPeople.push(rowId);
      break;
    case 'undo':
      delete session.links[rowId];
      break;
    case 'useSignInName':
      if (person.email || !person.signInName) return refuse(`${person.displayName} has ${person.email ? 'a mailbox' : 'no sign-in name that reads as an address'}.`);
      session.emails = { ...session.emails, [rowId]: person.signInName };
      break;
  }
  if (resolution.kind !== 'undo' && !session.picked.includes(rowId)) session.picked = [...session.picked, rowId];
  const saved = await deps.repos.importSessions.replace(session);
  return deps.browser.render(actor, company, saved);
}

/** The row's person, read from the company's own tenant: an id that is not one of its users is refused. */
async function readRow(deps: ImportLinkDeps, actor: ImportActor, loaded: Loaded, rowId: string, surface: AuditSurface): Promise<{ person: EntraPerson } | { refused: ImportCard }> {
  const user = ENTRA_OBJECT_ID.test(rowId) ? await getUser(deps.graph, loaded.session.tenantId, rowId) : undefined;
  if (!user) return { refused: await refusal(deps, actor, loaded, { rowId }, `That person is not in ${loaded.company.name}\u2019s Microsoft Entra ID. Nothing was changed.`, surface) };
  return { person: toEntraPerson(user) };
}

async function refusal(deps: ImportLinkDeps, actor: ImportActor, loaded: Loaded, payload: unknown, message: string, surface: AuditSurface): Promise<ImportCard> {
  await deps.audit.record({ actor, surface, action: 'users.importEntra', companyId: loaded.company.companyId, target: { kind: 'import', id: loaded.session.id, name: loaded.company.name }, payload, result: 'refused', message });
  return { kind: 'refused', message };
}


import { randomUUID } from 'node:crypto';
import { COMPANY_ROLE_LABELS } from '../domain/roles';
import type { ImportPreviewView, PreviewPerson } from '../services/imports/client/preview';
import { renderCard, type AdaptiveCardJson } from './render';
import { NOTICE_STYLE, type Notice } from './usersView';

/** People named per section; the rest are counted. */
const SHOWN_PER_SECTION = 25;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function lines(people: PreviewPerson[], line: (p: PreviewPerson) => string): string[] {
  const shown = people.slice(0, SHOWN_PER_SECTION).map(line);
  return people.length > SHOWN_PER_SECTION ? [...shown, `and ${people.length - SHOWN_PER_SECTION} more`] : shown;
}

const withEmail = (p: PreviewPerson) => (p.email ? `${p.name} \u00b7 ${p.email}` : p.name);

/**
 * The import's confirm step. An Adaptive Card cannot count the ticks on it live, so "Review import"
 * leads here: who will be created, linked, updated or skipped and why, with one confirm button whose
 * count is right. The button carries the selection's fingerprint: a selection changed since (on
 * another card) is previewed again instead of imported unseen.
 */
export function importPreviewCard(view: ImportPreviewView, notice?: Notice): AdaptiveCardJson {
  const base = { companyId: view.companyId, sessionId: view.sessionId, rowIds: [] as string[], move: 'stay' };
  const sections = [
    { title: `Will be created (${view.create.length})`, people: lines(view.create, withEmail) },
    { title: `Will be linked to an existing portal user (${view.link.length})`, explanation: 'Same email address: the portal user is kept and linked to Entra ID, not duplicated.', people: lines(view.link, (p) => `${withEmail(p)} \u2192 ${p.detail ?? 'portal user'}`) },
    { title: `Already linked, updated from Entra ID (${view.update.length})`, people: lines(view.update, (p) => `${p.name}: ${p.detail ?? 'changed'} follows Entra ID`) },
    { title: `Already linked, nothing to do (${view.unchanged.length})`, people: lines(view.unchanged, (p) => p.name) },
    { title: `Will be skipped (${view.skip.length})`, people: lines(view.skip, (p) => `${p.name}: ${p.detail ?? ''}`.trim()) },
    { title: `Cannot be read (${view.fail.length})`, people: lines(view.fail, (p) => `${p.name}: ${p.detail ?? ''}`.trim()) }
  ].filter((section) => section.people.length > 0);
  if (view.notRead) sections.push({ title: `Picked by hand, checked when the import runs (${view.notRead})`, people: [plural(view.notRead, 'more person', 'more people')] });

  const acting = view.create.length + view.link.length + view.update.length + view.notRead;
  const confirmTitle = view.allUnlinked
    ? 'Import all unlinked people'
    : view.create.length + view.link.length + view.notRead > 0
      ? `Import ${plural(view.create.length + view.link.length + view.notRead, 'person', 'people')}`
      : `Update ${plural(view.update.length, 'person', 'people')}`;
  const access = view.invite ? 'portal access now (each gets an invitation)' : 'no portal access yet (invite them later)';
  const allUnlinked = view.allUnlinked
    ? [
        `Everyone in the directory who is not linked yet${view.directoryTotal !== undefined ? ` (${plural(view.directoryTotal, 'person', 'people')} in the directory)` : ''}: members with an email are created, or linked to the portal user with their email address. Guests, disabled and service accounts are left out unless picked by hand`,
        view.leftOut ? `${plural(view.leftOut, 'person', 'people')} unticked by hand ${view.leftOut === 1 ? 'is' : 'are'} left out too` : undefined
      ].filter(Boolean).join('. ') + '. This runs in the background; its card shows the progress.'
    : undefined;
  const nothing = !view.allUnlinked && acting === 0 ? 'Nobody picked can be imported: see why above. Go back to change the selection.' : undefined;
  return renderCard('importPreview', {
    companyName: view.companyName,
    choices: `Role for everyone imported: ${COMPANY_ROLE_LABELS[view.role]} \u00b7 ${access}`,
    notice: notice ? { text: notice.text, style: NOTICE_STYLE[notice.tone] } : undefined,
    allUnlinked,
    sections,
    nothing,
    confirm: view.allUnlinked || acting > 0 ? [{ title: confirmTitle, data: { ...base, idempotencyKey: randomUUID(), fingerprint: view.fingerprint } }] : [],
    backData: base
  });
}

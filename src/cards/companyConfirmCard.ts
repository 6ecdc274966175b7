import { randomUUID } from 'node:crypto';
import type { CompanyView } from '../services/companies/view';
import type { CompaniesViewState } from './companiesView';
import { localDateTime } from './localTime';
import { renderCard, type AdaptiveCardJson } from './render';
import type { CardVerb } from './verbs';

/**
 * "Archived 22/11/2026 10:00 by Alex Wilber": the date and time in the viewer's own time zone (Adaptive
 * Cards' DATE and TIME functions in a TextBlock, which need the instant without fractions of a second).
 */
export function archivedLine(company: Pick<CompanyView, 'archivedAt' | 'archivedBy'>): string | undefined {
  if (!company.archivedAt) return undefined;
  return `Archived ${localDateTime(company.archivedAt)}${company.archivedBy ? ` by ${company.archivedBy}` : ''}`;
}

/** The archive and restore confirmations. The confirm button carries a new idempotency key: a double click acts once. */
export function companyConfirmCard(input: { company: CompanyView; portalUsers: number; operation: 'archive' | 'restore'; view: CompaniesViewState }): AdaptiveCardJson {
  const { company, operation } = input;
  const archiving = operation === 'archive';
  return renderCard('companyConfirm', {
    question: archiving ? `Archive ${company.name}?` : `Restore ${company.name}?`,
    facts: [
      { title: 'Company', value: company.name },
      { title: 'State', value: company.stateLabel },
      archiving ? { title: 'Portal users with access', value: String(input.portalUsers) } : { title: 'Portal users', value: `${input.portalUsers}, access paused` },
      { title: 'Microsoft 365', value: company.tenantId ? 'Connected' : 'Not connected' },
      ...(company.archiveReason ? [{ title: 'Reason', value: company.archiveReason }] : [])
    ],
    archived: archivedLine(company),
    explanation: archiving
      ? 'Its portal users can no longer sign in ("Portal access is paused") and it is hidden from lists, pickers and syncs; no one can add, invite or import people to it. Nothing is deleted: restore gives everything back exactly as it was.'
      : 'Its portal users get back exactly the access they had before it was archived, and it appears in lists, pickers and syncs again.',
    askReason: archiving,
    confirmTitle: archiving ? 'Archive' : 'Restore',
    confirmVerb: archiving ? ('company.archive' satisfies CardVerb) : ('company.restore' satisfies CardVerb),
    confirmStyle: archiving ? 'destructive' : 'positive',
    confirmData: { companyId: company.id, etag: company.etag, view: input.view, idempotencyKey: randomUUID() },
    cancelData: { view: input.view }
  });
}

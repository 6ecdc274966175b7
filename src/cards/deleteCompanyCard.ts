import { randomUUID } from 'node:crypto';
import type { DeletePreview } from '../services/companies/deletion/requestDelete';
import { UNASSIGNED_RECORD_KINDS } from '../domain/companyDeletion';
import type { CompaniesViewState } from './companiesView';
import { RECORD_KIND_LABELS } from './deleteApprovalCard';
import { renderCard, type AdaptiveCardJson } from './render';

/**
 * The typed-name card of a permanent delete: the full impact with counts, and a required input whose
 * regex matches only the company's exact name, so the card does not submit until it is typed exactly.
 * The submit carries the version shown: the server records the request against that version only.
 */
export function deleteCompanyCard(preview: DeletePreview, view: CompaniesViewState): AdaptiveCardJson {
  const { impact } = preview;
  return renderCard('deleteCompany', {
    companyName: preview.company.name,
    channelName: preview.approvalsChannelName ?? 'the approvals channel',
    validHours: preview.validHours,
    kept: UNASSIGNED_RECORD_KINDS.map((kind) => ({ title: RECORD_KIND_LABELS[kind], value: String(impact.unassigned[kind]) })),
    deleted: [
      { title: 'Portal users', value: String(impact.portalUsers) },
      { title: 'Pending invitations', value: String(impact.invitations) },
      { title: 'SLA policies', value: String(impact.slaPolicies) }
    ],
    namePattern: preview.namePattern,
    submitData: { companyId: preview.company.id, etag: preview.company.etag, idempotencyKey: randomUUID(), view },
    cancelData: { view }
  });
}

import { randomUUID } from 'node:crypto';
import { renderCard, type AdaptiveCardJson } from './render';
import type { CompaniesViewState } from './companiesView';
import type { CardVerb } from './verbs';

export interface CompanyFormValues {
  name: string;
  website: string;
  phone: string;
}

/**
 * The add-company and rename forms, validated on the card (a name is required) and again on the server;
 * after a refusal the form comes back with the values typed and the reason under each field. The submit
 * key is kept across such round trips so the change happens once.
 */
export function companyFormCard(input: {
  mode: 'add' | 'rename';
  view: CompaniesViewState;
  /** Rename: the company and the version shown. */
  company?: { id: string; name: string; etag: string };
  values?: Partial<CompanyFormValues>;
  error?: string;
  fieldErrors?: Record<string, string>;
  idempotencyKey?: string;
}): AdaptiveCardJson {
  const adding = input.mode === 'add';
  const values = { name: input.company?.name ?? '', website: '', phone: '', ...input.values };
  const idempotencyKey = input.idempotencyKey ?? randomUUID();
  return renderCard('companyForm', {
    title: adding ? 'Add a company' : `Rename ${input.company?.name ?? ''}`,
    error: input.error,
    fieldErrors: input.fieldErrors ?? {},
    values,
    withDetails: adding,
    submitTitle: adding ? 'Add company' : 'Rename',
    submitVerb: adding ? ('company.add' satisfies CardVerb) : ('company.rename' satisfies CardVerb),
    submitData: adding ? { view: input.view, idempotencyKey } : { view: input.view, idempotencyKey, companyId: input.company?.id, etag: input.company?.etag },
    cancelData: { view: input.view }
  });
}

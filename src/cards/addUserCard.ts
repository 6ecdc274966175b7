import { randomUUID } from 'node:crypto';
import { EMAIL_PATTERN } from '../domain/email';
import { COMPANY_ROLE_LABELS, type CompanyRole } from '../domain/roles';
import { renderCard, type AdaptiveCardJson } from './render';
import type { UsersViewState } from './usersView';

export interface AddUserValues {
  name: string;
  email: string;
  phone: string;
  role: string;
  invite: boolean;
}

/**
 * The add-user form, validated on the card (required fields, email pattern) and again on the server;
 * after a refusal it comes back with the values typed and the reason under each field. After a possible
 * match it comes back with the question and an "Add as a new person anyway" toggle (its value the match's
 * id, checked again by the server). The submit key is kept across such round trips so the add happens once.
 */
export function addUserCard(input: {
  companyName: string;
  roles: CompanyRole[];
  view: UsersViewState;
  values?: Partial<AddUserValues>;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** The existing person the new one may be: asked about, with the choice to add anyway. */
  possibleMatch?: { id: string; text: string };
  idempotencyKey?: string;
}): AdaptiveCardJson {
  const values = { name: '', email: '', phone: '', role: input.roles.includes('user') ? 'user' : input.roles[0] ?? '', invite: true, ...input.values };
  return renderCard('addUser', {
    companyName: input.companyName,
    error: input.error,
    fieldErrors: input.fieldErrors ?? {},
    possibleMatch: input.possibleMatch,
    values: { ...values, invite: values.invite ? 'true' : 'false' },
    emailPattern: EMAIL_PATTERN,
    roles: input.roles.map((role) => ({ title: COMPANY_ROLE_LABELS[role], value: role })),
    submitData: { view: input.view, idempotencyKey: input.idempotencyKey ?? randomUUID() },
    cancelData: { view: input.view }
  });
}

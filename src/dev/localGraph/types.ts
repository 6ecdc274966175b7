/** A user of a local tenant, with the properties the local Graph serves. */
export interface LocalUser {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  /** null for an account without a mailbox (unlicensed, service account). */
  mail: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
  mobilePhone: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  businessPhones?: string[];
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  department?: string | null;
}

/**
 * Users generated on demand, so that a tenant of 100 000 costs no memory: `userAt(i)` builds the
 * i-th user, and ids ascend strictly with i (the local Graph pages by id).
 */
export interface LazyUsers {
  readonly count: number;
  idAt(index: number): string;
  userAt(index: number): LocalUser;
}

export type LocalUserSource = readonly LocalUser[] | LazyUsers;

export interface LocalTenant {
  tenantId: string;
  displayName: string;
  /** Whether the tenant's administrator consented to the app (403 for every request otherwise). */
  consented: boolean;
  users: LocalUserSource;
}

/** A mail that the local Graph accepted through sendMail. */
export interface SentMail {
  tenantId: string;
  /** The sending mailbox's address (its `mail`). */
  from: string;
  to: { address: string; name?: string }[];
  subject: string;
  /** The body's content (HTML when contentType is HTML). */
  html: string;
  contentType: string;
  saveToSentItems: boolean;
  sentAt: string;
}

/** One request the local Graph answered, for tests. */
export interface LocalGraphRequest {
  method: string;
  /** The path without the query, e.g. /v1.0/users. */
  path: string;
  /** The path with its query, as received. */
  url: string;
  tenantId?: string;
  status: number;
  at: string;
}

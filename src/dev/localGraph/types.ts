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

/** A user added through the control API (`POST /_local/tenants/{tenantId}/users`). */
export interface NewLocalUser {
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  /** Default true. */
  accountEnabled?: boolean;
  /** Default 'Member'. */
  userType?: 'Member' | 'Guest';
  jobTitle?: string | null;
  givenName?: string | null;
  surname?: string | null;
  mobilePhone?: string | null;
  /** An object id to use (a GUID; a removed user's id restores it); a new random one otherwise. */
  id?: string;
}

/** Changes to a user through the control API (`PATCH /_local/tenants/{tenantId}/users/{id}`). */
export type LocalUserChanges = Partial<Omit<LocalUser, 'id'>>;

/** What `mutate` did to one user; each change is recorded for delta. */
export type MutationKind = 'renamed' | 'emailChanged' | 'disabled' | 'removed';

export interface MutatedUser {
  id: string;
  kind: MutationKind;
}

/** `GET /_local/stats`. */
export interface LocalGraphStats {
  /** Graph requests answered since the local Graph started (control requests not counted). */
  requests: number;
  /** The resident set size of the process serving the local Graph. */
  rssBytes: number;
}

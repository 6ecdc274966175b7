import type { LocalUser } from './types';

/**
 * The user properties the local Graph knows and how a user is serialised: `$select` parsing and
 * projection, shared by /users, /users/{id} and /users/delta, and the error type of every query
 * option the local Graph refuses.
 */

/** A request the local Graph refuses, with Graph's status, code and message. */
export class GraphQueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

/** The user properties the local Graph knows, in Graph's spelling. */
export const USER_PROPERTIES = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'mobilePhone',
  'accountEnabled',
  'userType',
  'businessPhones',
  'officeLocation',
  'preferredLanguage',
  'department'
] as const;
export type UserProperty = (typeof USER_PROPERTIES)[number];

/** What GET /users returns without $select (Graph's default set: no accountEnabled, no userType). */
export const DEFAULT_USER_PROPERTIES: readonly UserProperty[] = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id'
];

const BY_LOWER = new Map<string, UserProperty>(USER_PROPERTIES.map((p) => [p.toLowerCase(), p]));

export function property(name: string): UserProperty {
  const known = BY_LOWER.get(name.trim().toLowerCase());
  if (!known) {
    throw new GraphQueryError(400, 'Request_BadRequest', `Could not find a property named '${name.trim()}' on type 'microsoft.graph.user'.`);
  }
  return known;
}

/** The $select list, or null when absent. */
export function parseSelect(value: string | null): UserProperty[] | null {
  if (value === null || value.trim() === '') return null;
  const props = value.split(',').map(property);
  return [...new Set(props)];
}

export function valueOf(user: LocalUser, prop: UserProperty): unknown {
  const value = user[prop];
  if (prop === 'businessPhones') return value ?? [];
  return value ?? null;
}

/** The user as Graph would serialise it: the selected properties (id always), or the default set. */
export function project(user: LocalUser, select: readonly UserProperty[] | null): Record<string, unknown> {
  const props = select ?? DEFAULT_USER_PROPERTIES;
  const out: Record<string, unknown> = {};
  for (const prop of props) out[prop] = valueOf(user, prop);
  if (!('id' in out)) out.id = user.id;
  return out;
}

/** A users query option ($filter, $search) compiled to a test of one user. */
export type Predicate = (user: LocalUser) => boolean;

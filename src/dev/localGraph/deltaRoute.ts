import { DEFAULT_USER_PROPERTIES, parseSelect, project, valueOf, type UserProperty } from './properties';
import type { TenantStore } from './store';
import { decodeToken, encodeToken, GRAPH_ORIGIN, graphError, queryOf, type Reply } from './wire';

/**
 * GET /v1.0/users/delta: a first round of every user (pages of `pageSize`, then a deltaLink), and
 * from a deltaLink the net changes since it: changed users with their changed and non-null
 * properties, removed ones as `{ id, @removed: { reason } }`. `$deltatoken=latest` gives a deltaLink
 * without a first round; links of an expired generation answer 410 resyncRequired.
 */

interface DeltaToken {
  t: string;
  g: number;
  /** 'i': first round in id order after `a`; 'c': changes in (s, u] from offset `o`; 'd': a deltaLink since `s`. */
  p: 'i' | 'c' | 'd';
  s: number;
  u?: number;
  a?: string;
  o?: number;
  sel: UserProperty[] | null;
}

/** Properties tracked by a delta round started without $select: Graph's default set. */
const DEFAULT_TRACKED = DEFAULT_USER_PROPERTIES;

export function delta(store: TenantStore, url: URL, pageSize: number): Reply {
  const query = queryOf(url);
  const skip = query.get('$skiptoken');
  const deltaToken = query.get('$deltatoken');
  let state: DeltaToken;
  if (skip !== undefined || deltaToken !== undefined) {
    if (deltaToken === 'latest') {
      return { status: 200, body: deltaBody([], deltaLinkFor(store, store.seq, parseSelect(query.get('$select') ?? null))) };
    }
    state = decodeToken<DeltaToken>((skip ?? deltaToken) as string);
    if (state.t !== store.tenantId || state.g !== store.deltaGeneration) {
      return graphError(410, 'resyncRequired', 'The delta token is no longer valid; the application must reset its sync state.');
    }
  } else {
    state = { t: store.tenantId, g: store.deltaGeneration, p: 'i', s: store.seq, sel: parseSelect(query.get('$select') ?? null) };
  }
  return state.p === 'i' ? firstRound(store, state, pageSize) : changesRound(store, state, pageSize);
}

function firstRound(store: TenantStore, state: DeltaToken, pageSize: number): Reply {
  const value: Record<string, unknown>[] = [];
  let lastId: string | undefined;
  let more = false;
  for (const user of store.usersAfter(state.a)) {
    if (value.length === pageSize) {
      more = true;
      break;
    }
    value.push(project(user, state.sel));
    lastId = user.id;
  }
  if (more) return { status: 200, body: deltaBody(value, undefined, nextDeltaLink({ ...state, a: lastId })) };
  return { status: 200, body: deltaBody(value, deltaLinkFor(store, state.s, state.sel)) };
}

/** A deltaLink starts a round of changes since its sequence number, up to now. */
function changesRound(store: TenantStore, state: DeltaToken, pageSize: number): Reply {
  const since = state.s;
  const upto = state.p === 'd' ? store.seq : (state.u as number);
  const offset = state.p === 'd' ? 0 : (state.o ?? 0);
  const tracked = new Set<string>(state.sel ?? DEFAULT_TRACKED);
  const changes = store
    .changesBetween(since, upto)
    .filter((change) => change.kind === 'remove' || change.props === 'all' || [...change.props].some((p) => tracked.has(p)));
  const value: Record<string, unknown>[] = [];
  for (const change of changes.slice(offset, offset + pageSize)) {
    const user = store.get(change.id);
    if (change.kind === 'remove' || !user) {
      value.push({ '@odata.type': '#microsoft.graph.user', id: change.id, '@removed': { reason: change.reason ?? 'changed' } });
      continue;
    }
    // Graph includes changed properties (also when set to null) and unchanged ones that have a value.
    const item: Record<string, unknown> = {};
    for (const prop of state.sel ?? DEFAULT_TRACKED) {
      const v = valueOf(user, prop);
      if (v !== null || change.props === 'all' || change.props.has(prop)) item[prop] = v;
    }
    item.id = user.id;
    value.push(item);
  }
  if (offset + pageSize < changes.length) {
    return { status: 200, body: deltaBody(value, undefined, nextDeltaLink({ ...state, p: 'c', s: since, u: upto, o: offset + pageSize })) };
  }
  return { status: 200, body: deltaBody(value, deltaLinkFor(store, upto, state.sel)) };
}

function deltaLinkFor(store: TenantStore, seq: number, sel: UserProperty[] | null): string {
  const token: DeltaToken = { t: store.tenantId, g: store.deltaGeneration, p: 'd', s: seq, sel };
  return `${GRAPH_ORIGIN}/v1.0/users/delta?$deltatoken=${encodeToken(token)}`;
}

function nextDeltaLink(state: DeltaToken): string {
  return `${GRAPH_ORIGIN}/v1.0/users/delta?$skiptoken=${encodeToken(state)}`;
}

function deltaBody(value: Record<string, unknown>[], deltaLink?: string, nextLink?: string): Record<string, unknown> {
  return {
    '@odata.context': `${GRAPH_ORIGIN}/v1.0/$metadata#users`,
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    ...(deltaLink ? { '@odata.deltaLink': deltaLink } : {}),
    value
  };
}

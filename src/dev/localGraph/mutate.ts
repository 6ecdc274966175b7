import { seededRandom } from './random';
import type { LocalTenantControl } from './store';
import { SURNAMES } from './synthetic';
import type { LocalUser, MutatedUser, MutationKind } from './types';

/**
 * Changes a share of a tenant's users the way a month in a real tenant does, for delta sync tests
 * and the benchmark: renamed (a new surname), email changed, disabled, removed (deleted, restorable:
 * delta reason 'changed'), in equal parts. Deterministic: the same tenant state, percent and seed
 * change the same users the same way. Every change is recorded for the tenant's delta queries.
 */

const KINDS: readonly MutationKind[] = ['renamed', 'emailChanged', 'disabled', 'removed'];

export interface MutateOptions {
  /** The share of the tenant's current users to change, 0–100 (rounded to whole users). */
  percent: number;
  seed: number;
}

export function mutateTenant(tenant: LocalTenantControl, options: MutateOptions): { changed: MutatedUser[] } {
  const { percent, seed } = options;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`percent must be a number from 0 to 100, got ${String(percent)}`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${String(seed)}`);

  const total = tenant.count();
  const wanted = Math.round((total * percent) / 100);
  const random = seededRandom(`mutate|${tenant.tenantId}|${seed}`);
  // Floyd's sampling: `wanted` distinct positions out of `total`, each with the order it was drawn in.
  const drawn = new Map<number, number>();
  for (let j = total - wanted; j < total; j++) {
    const t = Math.floor(random() * (j + 1));
    drawn.set(drawn.has(t) ? j : t, drawn.size);
  }

  const picked: { user: LocalUser; order: number }[] = [];
  let position = 0;
  for (const user of tenant.users()) {
    const order = drawn.get(position++);
    if (order !== undefined) picked.push({ user, order });
    if (picked.length === wanted) break;
  }

  const changed: MutatedUser[] = [];
  const tag = `m${(seed >>> 0).toString(36)}`;
  for (const { user, order } of picked) {
    let kind = KINDS[order % KINDS.length];
    // Disabling a disabled account would change nothing; rename it instead.
    if (kind === 'disabled' && !user.accountEnabled) kind = 'renamed';
    if (kind === 'renamed') tenant.update(user.id, renamed(user, random));
    else if (kind === 'emailChanged') tenant.update(user.id, { mail: changedMail(user, tag) });
    else if (kind === 'disabled') tenant.disable(user.id);
    else tenant.remove(user.id);
    changed.push({ id: user.id, kind });
  }
  return { changed };
}

/** A new surname (marriage, correction), or "(renamed)" for an account without a person's name. */
function renamed(user: LocalUser, random: () => number): Partial<LocalUser> {
  if (!user.givenName) return { displayName: `${user.displayName} (renamed)` };
  let surname = SURNAMES[Math.floor(random() * SURNAMES.length)] as string;
  if (surname === user.surname) surname = SURNAMES[(SURNAMES.indexOf(surname as (typeof SURNAMES)[number]) + 1) % SURNAMES.length];
  return { displayName: `${user.givenName} ${surname}`, surname };
}

/** A new address in the same domain: `local.<tag>@domain` (given a mailbox if it had none). */
function changedMail(user: LocalUser, tag: string): string {
  const source = user.mail ?? user.userPrincipalName;
  const at = source.lastIndexOf('@');
  const local = source.slice(0, at).replace(/#EXT#$/i, '').replace(/[^A-Za-z0-9._-]/g, '') || 'user';
  return `${local}.${tag}@${source.slice(at + 1)}`;
}

import { asciiName, hash32, seedOf } from './random';
import { GIVEN_NAMES, JOB_TITLES, SURNAMES } from './synthetic';
import type { LazyUsers, LocalTenant, LocalUser } from './types';

/**
 * Generated tenants of any size for the benchmark and for tests that need many users: nothing is
 * stored (user i is built from i and the seed each time it is read), so a tenant of a million users
 * costs what one of ten does. Users look like a company's staff: enabled Members with a mailbox in
 * the tenant's domain, names from many languages, a job title, some a mobile phone; about 1 % have
 * no mailbox, 1 % are guests (`…#EXT#@<tenant>.onmicrosoft.com`, mail at their own company) and 1 % are
 * disabled, so that an import has skips to count. Ids ascend with the index (the local Graph pages by
 * id) and differ between tenants and seeds.
 */

export interface SyntheticTenantOptions {
  tenantId: string;
  users: number;
  /** The tenant's mail domain, e.g. benchmark-corp.example. */
  domain: string;
  seed: number;
  /** Default true. */
  consented?: boolean;
  /** Default "<domain> (<users> users)". */
  displayName?: string;
}

export function syntheticTenant(options: SyntheticTenantOptions): LocalTenant {
  return {
    tenantId: options.tenantId,
    displayName: options.displayName ?? `${options.domain} (${options.users} users)`,
    consented: options.consented ?? true,
    users: new SeededUsers(options.tenantId, options.users, options.domain, options.seed)
  };
}

const PARTNER_DOMAINS = ['partner.example', 'litware.example', 'adventure-works.example', 'tailwind.example'] as const;

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(8, '0').slice(-digits);
}

/** The users of a synthetic tenant (LazyUsers: `userAt(i)` builds user i). */
export class SeededUsers implements LazyUsers {
  private readonly seed: number;

  constructor(
    readonly tenantId: string,
    readonly count: number,
    readonly domain: string,
    seed: number
  ) {
    if (!Number.isInteger(count) || count < 0 || count > 0xffffffff) throw new Error(`Bad synthetic user count ${count}`);
    if (!Number.isSafeInteger(seed)) throw new Error(`Bad synthetic tenant seed ${seed}`);
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) throw new Error(`Bad synthetic tenant domain ${domain}`);
    this.seed = seedOf(`synthetic-tenant|${tenantId.toLowerCase()}|${seed}`);
  }

  /** `iiiiiiii-hhhh-4hhh-8hhh-hhhhhhhhhhhh`: the index in hex, then hashes of the seed and index. */
  idAt(index: number): string {
    const a = hash32(this.seed, index);
    const b = hash32(a, index);
    const c = hash32(b, index);
    return `${hex(index, 8)}-${hex(a, 4)}-4${hex(a >>> 16, 3)}-8${hex(b, 3)}-${hex(b >>> 12, 4)}${hex(c, 8)}`;
  }

  userAt(index: number): LocalUser {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`No synthetic user ${index}`);
    const h = hash32(this.seed ^ 0x5bd1e995, index);
    // One bucket in a hundred each: no mailbox, guest, disabled.
    const bucket = hash32(this.seed ^ 0x27d4eb2d, index) % 100;
    const givenName = GIVEN_NAMES[h % GIVEN_NAMES.length];
    const surname = SURNAMES[(h >>> 8) % SURNAMES.length];
    const local = `${asciiName(givenName)}.${asciiName(surname)}.${index + 1}`;
    const guest = bucket === 1;
    const partner = PARTNER_DOMAINS[(h >>> 24) % PARTNER_DOMAINS.length];
    const onMicrosoft = `${this.domain.split('.')[0]}.onmicrosoft.com`;
    return {
      id: this.idAt(index),
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      mail: bucket === 0 ? null : guest ? `${local}@${partner}` : `${local}@${this.domain}`,
      userPrincipalName: guest ? `${local}_${partner}#EXT#@${onMicrosoft}` : `${local}@${this.domain}`,
      jobTitle: JOB_TITLES[(h >>> 16) % JOB_TITLES.length],
      mobilePhone: (h >>> 20) % 3 === 0 ? `+1 555 ${String(index % 10000).padStart(4, '0')}` : null,
      accountEnabled: bucket !== 2,
      userType: guest ? 'Guest' : 'Member'
    };
  }
}

/**
 * The PSA connector layer: the MSP's own technicians as its PSA knows them (ConnectWise Manage members,
 * Halo PSA agents, Autotask resources, Syncro users), read-only, for importing MSP staff.
 *
 * Each connector speaks its PSA's documented REST API (see the header of each connector file for the
 * sources) and yields pages of people. Only active people are yielded: every connector filters
 * server-side where the API can, and always again client-side.
 */

export type PsaSource = 'connectwise' | 'halo' | 'autotask' | 'syncro';

export const PSA_SOURCES: readonly PsaSource[] = ['connectwise', 'halo', 'autotask', 'syncro'];

/** The product names shown on cards and in messages. */
export const PSA_LABELS: Readonly<Record<PsaSource, string>> = {
  connectwise: 'ConnectWise Manage',
  halo: 'Halo PSA',
  autotask: 'Autotask PSA',
  syncro: 'Syncro'
};

export interface PsaPerson {
  source: PsaSource;
  /** The PSA's own id of the person (member id, agent id, resource id, user id), as a string. */
  externalId: string;
  displayName: string;
  /** The PSA's primary email, trimmed; null when the PSA has none (or an empty one). */
  email: string | null;
  jobTitle: string | null;
  active: boolean;
}

export interface PsaConnector {
  source: PsaSource;
  label: string;
  /**
   * Every active person, a page at a time, following the PSA's paging to the end.
   * Throws PsaCredentialRejectedError or PsaUnavailableError (src/psa/errors.ts).
   */
  listActivePeople(): AsyncGenerator<PsaPerson[]>;
}

/** A `fetch`-like function; the default is the global fetch. Tests pass one that reaches a local fake. */
export type PsaTransport = (url: string, init: RequestInit) => Promise<Response>;

/** Request behaviour shared by every connector. */
export interface PsaRequestOptions {
  /** Milliseconds one HTTP request may take before it is abandoned. Default 30 000. */
  timeoutMs?: number;
  /** How many times a 429 (or 503 with Retry-After) is retried before giving up. Default 4. */
  maxRetries?: number;
  /** The longest Retry-After honoured, in milliseconds; a longer one gives up at once. Default 120 000. */
  maxRetryAfterMs?: number;
  /** Records per page requested, within the PSA's documented maximum (default: that maximum). Syncro sets its own page size. */
  pageSize?: number;
  /** Waits between retries; tests pass a recorder. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AutotaskSettings } from '../../psa/autotask';
import type { ConnectWiseSettings } from '../../psa/connectwise';
import type { HaloSettings } from '../../psa/halo';
import type { SyncroSettings } from '../../psa/syncro';
import { PSA_SOURCES, type PsaSource } from '../../psa/types';
import { autotaskRoute, type AutotaskCredentials } from './autotask';
import { connectWiseRoute, type ConnectWiseCredentials } from './connectwise';
import { haloRoute, HaloTokens, type HaloCredentials } from './halo';
import { demoPsaPeople, type LocalPsaPerson } from './people';
import { syncroRoute, type SyncroCredentials } from './syncro';
import { json, readBody, writeReply, type LocalRequest, type Reply } from './wire';

export { demoPsaPeople, PLAYGROUND_TECHNICIANS, type LocalPsaPerson } from './people';

/**
 * Local fakes of the four PSAs' REST APIs for tests and embedded mode: one HTTP server on 127.0.0.1
 * (port 0), one path prefix per PSA (/connectwise, /halo, /autotask, /syncro), each answering the
 * documented request and response shapes the connectors in src/psa use (see each route file).
 * Product code reaches it only through the settings' URLs; nothing here is used in production.
 */

export interface LocalPsaCredentials {
  connectwise: ConnectWiseCredentials;
  halo: HaloCredentials;
  autotask: AutotaskCredentials;
  syncro: SyncroCredentials;
}

export interface LocalPsaRequest {
  source: PsaSource;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface LocalPsaOptions {
  /** Per PSA; default demoPsaPeople(). */
  people?: Partial<Record<PsaSource, LocalPsaPerson[]>>;
  /** Users per page of Syncro's users list (Syncro decides it; default 10). */
  syncroPerPage?: number;
}

export interface LocalPsa {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** Per PSA, the address its settings start from (ConnectWise site, Halo URL, Autotask zone lookup, Syncro API). */
  readonly baseUrls: Readonly<Record<PsaSource, string>>;
  readonly credentials: LocalPsaCredentials;
  /** Connector settings that reach this fake with the right credentials (Autotask through zone discovery). */
  settings(): { connectwise: ConnectWiseSettings; halo: HaloSettings; autotask: AutotaskSettings; syncro: SyncroSettings };
  /** The PSA environment variables (src/psa/config.ts) for this fake; Autotask with AUTOTASK_ZONE_URL. */
  env(): Record<string, string>;
  setPeople(source: PsaSource, people: LocalPsaPerson[]): void;
  people(source: PsaSource): LocalPsaPerson[];
  /** The PSA's next `count` requests answer 429 with `Retry-After: retryAfterSeconds`. */
  throttleNext(source: PsaSource, count: number, retryAfterSeconds: number): void;
  /** The PSA's next `count` requests are answered only after `ms` milliseconds. */
  delayNext(source: PsaSource, count: number, ms: number): void;
  /** Makes every Halo access token issued so far invalid (the next API call gets 401). */
  expireHaloTokens(): void;
  /** The requests answered, oldest first (no headers and no api_key value, so no credential). */
  requests(source?: PsaSource): LocalPsaRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

const CREDENTIALS: LocalPsaCredentials = {
  connectwise: {
    companyId: 'contosoit',
    publicKey: 'local-cw-public-7Hq2',
    privateKey: 'local-cw-private-Xm93kP',
    clientId: '0b1c2d3e-4f50-4a61-8b72-c3d4e5f60718'
  },
  halo: { tenant: 'contosoit', clientId: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6b', clientSecret: 'local-halo-secret-Qw8Zt1' },
  autotask: { username: 'apiuser@contoso-it.example', secret: 'local-at-secret-Lp4Vn7', integrationCode: 'LOCALINTEGRATIONCODE7Q' },
  syncro: { subdomain: 'contosoit', apiKey: 'local-syncro-key-T5e9Wd' }
};

function sorted(people: LocalPsaPerson[]): LocalPsaPerson[] {
  return [...people].sort((a, b) => a.id - b.id).map((person) => ({ ...person }));
}

export async function startLocalPsa(options: LocalPsaOptions = {}): Promise<LocalPsa> {
  const demo = demoPsaPeople();
  const stores = new Map<PsaSource, LocalPsaPerson[]>(PSA_SOURCES.map((source) => [source, sorted(options.people?.[source] ?? demo[source])]));
  const throttles = new Map<PsaSource, { count: number; seconds: number }>();
  const delays = new Map<PsaSource, { count: number; ms: number }>();
  const tokens = new HaloTokens();
  const syncroPerPage = options.syncroPerPage ?? 10;
  const waiting = new Set<() => void>();
  let log: LocalPsaRequest[] = [];
  let origin = '';

  /** A delay that close() cuts short, so no timer outlives the server. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiting.add(done);
    });
  }

  function route(source: PsaSource, request: LocalRequest, rest: string[]): Reply {
    const throttle = throttles.get(source);
    if (throttle && throttle.count > 0) {
      throttle.count -= 1;
      return json(429, { message: 'Too many requests' }, { 'Retry-After': String(throttle.seconds) });
    }
    const people = stores.get(source) ?? [];
    switch (source) {
      case 'connectwise':
        return connectWiseRoute(request, rest, origin, people, CREDENTIALS.connectwise);
      case 'halo':
        return haloRoute(request, rest, people, CREDENTIALS.halo, tokens);
      case 'autotask':
        return autotaskRoute(request, rest, origin, people, CREDENTIALS.autotask);
      case 'syncro':
        return syncroRoute(request, rest, people, CREDENTIALS.syncro, syncroPerPage);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const source = PSA_SOURCES.find((candidate) => candidate === segments[0]);
    if (!source) {
      writeReply(res, json(404, { message: 'No local PSA at this path' }));
      return;
    }
    let reply: Reply;
    try {
      const request: LocalRequest = { method: req.method ?? 'GET', url, headers: req.headers, body: await readBody(req) };
      reply = route(source, request, segments.slice(1));
    } catch (error) {
      reply = json(500, { message: (error as Error).message });
    }
    const delay = delays.get(source);
    if (delay && delay.count > 0) {
      delay.count -= 1;
      await pause(delay.ms);
    }
    const query = Object.fromEntries(url.searchParams);
    if ('api_key' in query) query.api_key = '[redacted]';
    log.push({ source, method: req.method ?? 'GET', path: url.pathname, query, status: reply.status });
    if (!res.destroyed) writeReply(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) writeReply(res, json(500, { message: 'local PSA failure' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseUrls: Record<PsaSource, string> = {
    connectwise: `${origin}/connectwise`,
    halo: `${origin}/halo`,
    autotask: `${origin}/autotask/atservicesrest`,
    syncro: `${origin}/syncro/api/v1`
  };

  return {
    origin,
    baseUrls,
    credentials: CREDENTIALS,
    settings: () => ({
      connectwise: { site: baseUrls.connectwise, ...CREDENTIALS.connectwise },
      halo: { url: baseUrls.halo, ...CREDENTIALS.halo },
      autotask: { ...CREDENTIALS.autotask, zoneLookupUrl: baseUrls.autotask },
      syncro: { ...CREDENTIALS.syncro, apiUrl: baseUrls.syncro }
    }),
    env: () => ({
      CONNECTWISE_SITE: baseUrls.connectwise,
      CONNECTWISE_COMPANY_ID: CREDENTIALS.connectwise.companyId,
      CONNECTWISE_PUBLIC_KEY: CREDENTIALS.connectwise.publicKey,
      CONNECTWISE_PRIVATE_KEY: CREDENTIALS.connectwise.privateKey,
      CONNECTWISE_CLIENT_ID: CREDENTIALS.connectwise.clientId,
      HALO_URL: baseUrls.halo,
      HALO_TENANT: CREDENTIALS.halo.tenant,
      HALO_CLIENT_ID: CREDENTIALS.halo.clientId,
      HALO_CLIENT_SECRET: CREDENTIALS.halo.clientSecret,
      AUTOTASK_USERNAME: CREDENTIALS.autotask.username,
      AUTOTASK_SECRET: CREDENTIALS.autotask.secret,
      AUTOTASK_INTEGRATION_CODE: CREDENTIALS.autotask.integrationCode,
      AUTOTASK_ZONE_URL: baseUrls.autotask,
      SYNCRO_SUBDOMAIN: CREDENTIALS.syncro.subdomain,
      SYNCRO_API_KEY: CREDENTIALS.syncro.apiKey,
      SYNCRO_API_URL: baseUrls.syncro
    }),
    setPeople: (source, people) => {
      stores.set(source, sorted(people));
    },
    people: (source) => sorted(stores.get(source) ?? []),
    throttleNext: (source, count, retryAfterSeconds) => {
      throttles.set(source, { count, seconds: retryAfterSeconds });
    },
    delayNext: (source, count, ms) => {
      delays.set(source, { count, ms });
    },
    expireHaloTokens: () => tokens.expireAll(),
    requests: (source) => log.filter((entry) => source === undefined || entry.source === source).map((entry) => ({ ...entry, query: { ...entry.query } })),
    clearRequests: () => {
      log = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const done of [...waiting]) done();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })
  };
}

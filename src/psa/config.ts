import { z } from 'zod';
import { createAutotaskConnector, type AutotaskSettings } from './autotask';
import { createConnectWiseConnector, type ConnectWiseSettings } from './connectwise';
import { PsaNotConfiguredError } from './errors';
import { createHaloConnector, type HaloSettings } from './halo';
import { createSyncroConnector, type SyncroSettings } from './syncro';
import { PSA_SOURCES, type PsaConnector, type PsaRequestOptions, type PsaSource, type PsaTransport } from './types';
import { PSA_VARIABLES, variablesOf, type PsaVariableName } from './variables';

export { PSA_VARIABLES, variablesOf, type PsaVariable, type PsaVariableName } from './variables';

/**
 * PSA settings from environment variables. Separate from src/config.ts and optional: a PSA counts as
 * configured only when all its required variables are set and valid; none set means "not configured";
 * some set means a configuration error that names what is missing or wrong (never a value).
 */

export interface PsaSettingsBySource {
  connectwise: ConnectWiseSettings;
  halo: HaloSettings;
  autotask: AutotaskSettings;
  syncro: SyncroSettings;
}

export type PsaEnv = Readonly<Record<string, string | undefined>>;

type PsaState<S extends PsaSource> =
  | { kind: 'configured'; settings: PsaSettingsBySource[S] }
  | { kind: 'absent' | 'partial'; error: PsaNotConfiguredError };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An absolute https URL (http only for this machine, i.e. the local fakes), without query or fragment. */
const serviceUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) && !url.search && !url.hash;
  } catch {
    return false;
  }
});
const token = z.string().regex(/^[A-Za-z0-9_.-]+$/);
const text = z.string().min(1);

const schemas = {
  connectwise: z.object({
    CONNECTWISE_SITE: z.string().transform((site) => (/^https?:\/\//i.test(site) ? site : `https://${site}`)).pipe(serviceUrl),
    CONNECTWISE_CODEBASE: token.optional(),
    CONNECTWISE_COMPANY_ID: text,
    CONNECTWISE_PUBLIC_KEY: text,
    CONNECTWISE_PRIVATE_KEY: text,
    CONNECTWISE_CLIENT_ID: text
  }),
  halo: z.object({ HALO_URL: serviceUrl, HALO_TENANT: token.optional(), HALO_CLIENT_ID: text, HALO_CLIENT_SECRET: text }),
  autotask: z.object({ AUTOTASK_USERNAME: text, AUTOTASK_SECRET: text, AUTOTASK_INTEGRATION_CODE: text, AUTOTASK_ZONE_URL: serviceUrl.optional() }),
  syncro: z.object({
    SYNCRO_SUBDOMAIN: z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i),
    SYNCRO_API_KEY: text,
    SYNCRO_API_URL: serviceUrl.optional()
  })
};

function toSettings<S extends PsaSource>(source: S, values: Record<string, string | undefined>): PsaSettingsBySource[S] {
  const v = (name: PsaVariableName): string | undefined => values[name];
  const need = (name: PsaVariableName): string => values[name] as string;
  const settings: PsaSettingsBySource = {
    connectwise: {
      site: need('CONNECTWISE_SITE'),
      codebase: v('CONNECTWISE_CODEBASE'),
      companyId: need('CONNECTWISE_COMPANY_ID'),
      publicKey: need('CONNECTWISE_PUBLIC_KEY'),
      privateKey: need('CONNECTWISE_PRIVATE_KEY'),
      clientId: need('CONNECTWISE_CLIENT_ID')
    },
    halo: { url: need('HALO_URL'), tenant: v('HALO_TENANT'), clientId: need('HALO_CLIENT_ID'), clientSecret: need('HALO_CLIENT_SECRET') },
    autotask: {
      username: need('AUTOTASK_USERNAME'),
      secret: need('AUTOTASK_SECRET'),
      integrationCode: need('AUTOTASK_INTEGRATION_CODE'),
      zoneUrl: v('AUTOTASK_ZONE_URL')
    },
    syncro: { subdomain: need('SYNCRO_SUBDOMAIN'), apiKey: need('SYNCRO_API_KEY'), apiUrl: v('SYNCRO_API_URL') }
  };
  return settings[source];
}

function readState<S extends PsaSource>(source: S, env: PsaEnv): PsaState<S> {
  const names = variablesOf(source);
  const given = new Map<PsaVariableName, string>();
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) given.set(name, value);
  }
  const required = names.filter((name) => PSA_VARIABLES[name].required);
  if (given.size === 0) return { kind: 'absent', error: new PsaNotConfiguredError(source, { missing: required, partial: false }) };

  const missing = required.filter((name) => !given.has(name));
  const parsed = schemas[source].safeParse(Object.fromEntries(given));
  // Only the variable's name is kept from a validation issue, never the value or zod's message.
  const invalid = parsed.success
    ? []
    : [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))].filter((name) => given.has(name as PsaVariableName));
  if (missing.length > 0 || invalid.length > 0 || !parsed.success) {
    return { kind: 'partial', error: new PsaNotConfiguredError(source, { missing, invalid, partial: true }) };
  }
  return { kind: 'configured', settings: toSettings(source, parsed.data as Record<string, string | undefined>) };
}

/** Every PSA's state: configured with its settings, absent, or partly configured. */
export function readPsaConfiguration(env: PsaEnv): { [S in PsaSource]: PsaState<S> } {
  return { connectwise: readState('connectwise', env), halo: readState('halo', env), autotask: readState('autotask', env), syncro: readState('syncro', env) };
}

/**
 * The settings of every configured PSA. Throws the PsaNotConfiguredError of the first partly configured
 * PSA (createPsaConnectors(env).problems lists them all).
 */
export function psaSettings(env: PsaEnv): Partial<PsaSettingsBySource> {
  const states = readPsaConfiguration(env);
  const settings: Partial<Record<PsaSource, unknown>> = {};
  for (const source of PSA_SOURCES) {
    const state = states[source];
    if (state.kind === 'partial') throw state.error;
    if (state.kind === 'configured') settings[source] = state.settings;
  }
  return settings as Partial<PsaSettingsBySource>;
}

export interface PsaConnectors {
  /** The PSAs whose required variables are all set and valid. */
  available: PsaSource[];
  /** One error per partly configured PSA, naming what is missing or invalid. */
  problems: PsaNotConfiguredError[];
  /** The PSA's connector; throws PsaNotConfiguredError (naming the variables to set) unless available. */
  connector(source: PsaSource): PsaConnector;
}

export function createPsaConnectors(env: PsaEnv, transport?: PsaTransport, options: PsaRequestOptions = {}): PsaConnectors {
  const states = readPsaConfiguration(env);
  const available = PSA_SOURCES.filter((source) => states[source].kind === 'configured');
  const problems = PSA_SOURCES.flatMap((source) => {
    const state = states[source];
    return state.kind === 'partial' ? [state.error] : [];
  });
  const made = new Map<PsaSource, PsaConnector>();

  function build(source: PsaSource): PsaConnector {
    const state = states[source];
    if (state.kind !== 'configured') throw state.error;
    const send = transport ?? fetch;
    switch (source) {
      case 'connectwise':
        return createConnectWiseConnector(state.settings as ConnectWiseSettings, send, options);
      case 'halo':
        return createHaloConnector(state.settings as HaloSettings, send, options);
      case 'autotask':
        return createAutotaskConnector(state.settings as AutotaskSettings, send, options);
      case 'syncro':
        return createSyncroConnector(state.settings as SyncroSettings, send, options);
    }
  }

  return {
    available,
    problems,
    connector(source) {
      const existing = made.get(source);
      if (existing) return existing;
      const connector = build(source);
      made.set(source, connector);
      return connector;
    }
  };
}

/**
 * The PSA variables that are set (empty counts as unset). A partly configured PSA adds one problem line
 * naming what to set, never a value.
 */
export function readPsaEnv(env: PsaEnv, problems: string[]): Partial<Record<PsaVariableName, string>> {
  const psaEnv: Partial<Record<PsaVariableName, string>> = {};
  for (const name of Object.keys(PSA_VARIABLES) as PsaVariableName[]) {
    const value = env[name]?.trim();
    if (value) psaEnv[name] = value;
  }
  for (const state of Object.values(readPsaConfiguration(psaEnv))) {
    if (state.kind === 'partial') problems.push(state.error.message);
  }
  return psaEnv;
}

/** The optional PSA variables (staff imports), with what each is, for README's configuration table. */
export const PSA_VARIABLE_DESCRIPTIONS = Object.fromEntries(
  (Object.keys(PSA_VARIABLES) as PsaVariableName[]).map((name) => [name, `optional (staff import): ${PSA_VARIABLES[name].description}`])
) as Record<PsaVariableName, string>;

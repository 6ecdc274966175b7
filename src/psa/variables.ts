import type { PsaSource } from './types';

/**
 * Every PSA configuration variable with what it is (README's configuration table is written from
 * this). `secret` values are never logged or put in a message; `required` ones must all be set for
 * the PSA to count as configured.
 */
export interface PsaVariable {
  source: PsaSource;
  required: boolean;
  secret: boolean;
  description: string;
}

export const PSA_VARIABLES = {
  CONNECTWISE_SITE: {
    source: 'connectwise',
    required: true,
    secret: false,
    description: 'the ConnectWise Manage (PSA) API host, e.g. https://api-na.myconnectwise.net or your on-premise server'
  },
  CONNECTWISE_CODEBASE: {
    source: 'connectwise',
    required: false,
    secret: false,
    description: 'optional: the codebase in the API path (default v4_6_release)'
  },
  CONNECTWISE_COMPANY_ID: {
    source: 'connectwise',
    required: true,
    secret: false,
    description: 'the ConnectWise company id (the one typed at sign-in)'
  },
  CONNECTWISE_PUBLIC_KEY: {
    source: 'connectwise',
    required: true,
    secret: true,
    description: "the public key of an API member's API key (System > Members > API Members)"
  },
  CONNECTWISE_PRIVATE_KEY: { source: 'connectwise', required: true, secret: true, description: 'the private key of that API key' },
  CONNECTWISE_CLIENT_ID: {
    source: 'connectwise',
    required: true,
    secret: true,
    description: 'the integration clientId GUID from the ConnectWise developer portal (sent as the clientId header)'
  },
  HALO_URL: {
    source: 'halo',
    required: true,
    secret: false,
    description: 'the Halo PSA instance address, e.g. https://yourcompany.halopsa.com (auth at /auth, API at /api)'
  },
  HALO_TENANT: { source: 'halo', required: false, secret: false, description: 'optional: the tenant name of a hosted Halo instance' },
  HALO_CLIENT_ID: {
    source: 'halo',
    required: true,
    secret: false,
    description: 'the client id of a Halo API application using Client ID and Secret (Services), with at least read:agents'
  },
  HALO_CLIENT_SECRET: { source: 'halo', required: true, secret: true, description: "that Halo API application's client secret" },
  AUTOTASK_USERNAME: { source: 'autotask', required: true, secret: false, description: 'the user name of an Autotask API user (API-only security level)' },
  AUTOTASK_SECRET: { source: 'autotask', required: true, secret: true, description: "that API user's secret" },
  AUTOTASK_INTEGRATION_CODE: {
    source: 'autotask',
    required: true,
    secret: true,
    description: "that API user's API tracking identifier (sent as the ApiIntegrationCode header)"
  },
  AUTOTASK_ZONE_URL: {
    source: 'autotask',
    required: false,
    secret: false,
    description: 'optional: the zone API address, e.g. https://webservices5.autotask.net/ATServicesRest (default: looked up with zoneInformation)'
  },
  SYNCRO_SUBDOMAIN: { source: 'syncro', required: true, secret: false, description: 'the Syncro subdomain, e.g. yourcompany for yourcompany.syncromsp.com' },
  SYNCRO_API_KEY: {
    source: 'syncro',
    required: true,
    secret: true,
    description: 'a Syncro API token (Admin > API Tokens) with permission to read users'
  },
  SYNCRO_API_URL: {
    source: 'syncro',
    required: false,
    secret: false,
    description: 'optional: the API address (default https://<SYNCRO_SUBDOMAIN>.syncromsp.com/api/v1)'
  }
} as const satisfies Record<string, PsaVariable>;

export type PsaVariableName = keyof typeof PSA_VARIABLES;

/** The variables of one PSA, required ones first, in table order. */
export function variablesOf(source: PsaSource): PsaVariableName[] {
  const names = (Object.keys(PSA_VARIABLES) as PsaVariableName[]).filter((name) => PSA_VARIABLES[name].source === source);
  return [...names.filter((name) => PSA_VARIABLES[name].required), ...names.filter((name) => !PSA_VARIABLES[name].required)];
}

/** The variables named when a PSA rejects its credentials. */
export const CREDENTIAL_VARIABLES: Readonly<Record<PsaSource, readonly PsaVariableName[]>> = {
  connectwise: ['CONNECTWISE_COMPANY_ID', 'CONNECTWISE_PUBLIC_KEY', 'CONNECTWISE_PRIVATE_KEY', 'CONNECTWISE_CLIENT_ID'],
  halo: ['HALO_CLIENT_ID', 'HALO_CLIENT_SECRET', 'HALO_TENANT'],
  autotask: ['AUTOTASK_USERNAME', 'AUTOTASK_SECRET', 'AUTOTASK_INTEGRATION_CODE'],
  syncro: ['SYNCRO_API_KEY']
};

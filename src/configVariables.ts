import { PSA_VARIABLE_DESCRIPTIONS } from './psa/config';
import { CONTAINER_SPEC } from './store/containerSpec';

/* The environment variables the app reads, each with what it is: the messages of config.ts and README's table say it. */

/** Every production variable with what it is, so that each message says what to set. */
export const PRODUCTION_VARIABLES = {
  COSMOS_ENDPOINT: 'the Azure Cosmos DB account endpoint, e.g. https://<account>.documents.azure.com:443/',
  COSMOS_KEY: 'optional: the Cosmos DB account key; leave it out to use the managed identity (recommended)',
  COSMOS_DATABASE: `optional: the database name (default ${CONTAINER_SPEC.database})`,
  MSP_TENANT_ID: "the MSP's Microsoft Entra tenant id",
  MSP_NAME: "optional: the MSP's name as shown on cards",
  SUPER_ADMIN_OBJECT_ID: "the Entra object id of the first Super Admin, in the MSP's tenant",
  SUPER_ADMIN_NAME: "optional: the first Super Admin's display name",
  AAD_APP_CLIENT_ID: 'the client id of the multi-tenant Entra app used for tab sign-in and Graph',
  AAD_APP_CLIENT_SECRET: "the Entra app's client secret (or set AAD_APP_CERTIFICATE_PATH)",
  AAD_APP_CERTIFICATE_PATH: "path to the Entra app's PEM certificate with private key (or set AAD_APP_CLIENT_SECRET)",
  BOT_ID: 'the bot registration app id: the client id of its managed identity or single-tenant app',
  BOT_TYPE: 'the bot registration type: UserAssignedMsi or SingleTenant',
  BOT_TENANT_ID: 'the tenant id of the bot registration',
  BOT_PASSWORD: 'the client secret of a SingleTenant bot registration (not used with UserAssignedMsi)',
  MANAGED_IDENTITY_CLIENT_ID: 'optional: client id of the user-assigned managed identity for Cosmos DB (default BOT_ID)',
  PUBLIC_URL: 'the public https address of this app, e.g. https://msp-portal.azurewebsites.net',
  MAIL_SENDER: "the MSP mailbox invitations are sent from, e.g. portal@contoso.com (the Entra app's Mail.Send is limited to it)"
} as const;

export type ProductionVariable = keyof typeof PRODUCTION_VARIABLES;

export const SHARED_VARIABLES = {
  PORT: 'the port to listen on (default 3978)',
  LOG_LEVEL: 'fatal, error, warn, info, debug or trace (default info)',
  INVITATION_VALID_DAYS: 'days an invitation link stays valid (default 7, 1 to 30)',
  INVITATIONS_PER_PERSON_PER_DAY: 'invitations one person can be sent in 24 hours (default 5)',
  INVITATIONS_PER_COMPANY_PER_HOUR: 'invitations one company can send in an hour (default 200)',
  SYNC_INTERVAL_MINUTES: 'minutes between scheduled Entra ID syncs of every connected company (default 60; 0 turns them off)',
  DELETE_APPROVAL_HOURS: 'hours a permanent-delete request waits for approval before it expires (default 24, 1 to 168)'
} as const;

export const EMBEDDED_VARIABLES = {
  EMBEDDED_DATA_DIR: 'embedded mode: folder for the store journal and snapshot (default .data)',
  PLAYGROUND: 'embedded mode: "off" starts the app without the Agents Playground',
  PLAYGROUND_PORT: 'embedded mode: port of the Agents Playground (default 56150)',
  PLAYGROUND_USER: 'embedded mode: name or email of the playground person to chat as (default: its current user)'
} as const;

/** Every variable the app reads, for README's configuration table. */
export const ALL_VARIABLES = { ...PRODUCTION_VARIABLES, ...SHARED_VARIABLES, ...EMBEDDED_VARIABLES, ...PSA_VARIABLE_DESCRIPTIONS };

import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readPsaEnv, type PsaVariableName } from './psa/config';
import { CONTAINER_SPEC } from './store/containerSpec';
import { PRODUCTION_VARIABLES, type ProductionVariable } from './configVariables';

export { ALL_VARIABLES, PRODUCTION_VARIABLES, type ProductionVariable } from './configVariables';

/**
 * Configuration, validated once at start-up.
 *
 * With none of the production variables set the app runs in embedded mode (in-process Cosmos-compatible
 * store, demo MSP, Agents Playground). As soon as any production variable is set, all required ones
 * must be: a partial production configuration stops with the list of what is missing or wrong, and
 * never falls back to embedded mode.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
export type LogLevelName = z.infer<typeof LogLevel>;

export interface InvitationSettings {
  validDays: number;
  perPersonPerDay: number;
  perCompanyPerHour: number;
}

export interface SharedConfig {
  port: number;
  logLevel: LogLevelName;
  invitations: InvitationSettings;
  syncIntervalMinutes: number;
  deleteApprovalHours: number;
  /**
   * The PSA variables that are set (src/psa/variables.ts), for importing staff: a PSA counts only when
   * all its required ones are; some of them set is a configuration problem. Secrets: never logged.
   */
  psaEnv: Partial<Record<PsaVariableName, string>>;
}

export interface EmbeddedConfig extends SharedConfig {
  mode: 'embedded';
  dataDir: string;
  playground: { enabled: boolean; port: number; user?: string };
}

export interface ProductionConfig extends SharedConfig {
  mode: 'production';
  publicUrl: string;
  mspTenantId: string;
  mspName: string;
  mailSender: string;
  superAdmin: { objectId: string; displayName: string };
  cosmos: { endpoint: string; key?: string; databaseId: string; managedIdentityClientId?: string };
  entraApp: { clientId: string; clientSecret?: string; certificatePath?: string };
  bot: { appId: string; appType: 'UserAssignedMSI' | 'SingleTenant'; tenantId: string; password?: string };
}

export type AppConfig = EmbeddedConfig | ProductionConfig;

/** Thrown with one line per missing or malformed variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Empty values count as unset, so that an empty line in an env file does not switch modes. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const shared = readShared(env, problems);
  const productionSet = (Object.keys(PRODUCTION_VARIABLES) as ProductionVariable[]).filter((name) => read(env, name));
  const config = productionSet.length === 0 ? readEmbedded(env, shared, problems) : readProduction(env, shared, problems);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function readShared(env: Env, problems: string[]): SharedConfig {
  const port = readPort(env, 'PORT', 3978, problems);
  const level = LogLevel.safeParse(read(env, 'LOG_LEVEL') ?? 'info');
  if (!level.success) problems.push(`LOG_LEVEL must be one of ${LogLevel.options.join(', ')}; got "${read(env, 'LOG_LEVEL')}"`);
  return {
    port,
    logLevel: level.success ? level.data : 'info',
    invitations: {
      validDays: readWholeNumber(env, 'INVITATION_VALID_DAYS', 7, 1, 30, problems),
      perPersonPerDay: readWholeNumber(env, 'INVITATIONS_PER_PERSON_PER_DAY', 5, 1, 100, problems),
      perCompanyPerHour: readWholeNumber(env, 'INVITATIONS_PER_COMPANY_PER_HOUR', 200, 1, 100000, problems)
    },
    syncIntervalMinutes: readWholeNumber(env, 'SYNC_INTERVAL_MINUTES', 60, 0, 10080, problems),
    deleteApprovalHours: readWholeNumber(env, 'DELETE_APPROVAL_HOURS', 24, 1, 168, problems),
    psaEnv: readPsaEnv(env, problems)
  };
}

function readWholeNumber(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const parsed = z.coerce.number().int().min(min).max(max).safeParse(raw);
  if (!parsed.success) {
    problems.push(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
    return fallback;
  }
  return parsed.data;
}

function readPort(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} must be a port number between 0 and 65535; got "${raw}"`);
    return fallback;
  }
  return port;
}

function readEmbedded(env: Env, shared: SharedConfig, problems: string[]): EmbeddedConfig {
  const playground = read(env, 'PLAYGROUND');
  if (playground !== undefined && !['on', 'off'].includes(playground)) {
    problems.push(`PLAYGROUND must be "on" or "off"; got "${playground}"`);
  }
  return {
    ...shared,
    mode: 'embedded',
    dataDir: path.resolve(read(env, 'EMBEDDED_DATA_DIR') ?? '.data'),
    playground: {
      enabled: playground !== 'off',
      port: readPort(env, 'PLAYGROUND_PORT', 56150, problems),
      user: read(env, 'PLAYGROUND_USER')
    }
  };
}

/** Schema of one required variable, with the message that names it and says what it is. */
function requiredVar(name: ProductionVariable, form = '') {
  return z.string({ required_error: `Missing ${name}: ${PRODUCTION_VARIABLES[name]}${form}` });
}

function guidVar(name: ProductionVariable) {
  return requiredVar(name, ' (a GUID)')
    .refine((v) => GUID.test(v), (v) => ({ message: `${name} must be a GUID, ${PRODUCTION_VARIABLES[name]}; got "${v}"` }))
    .transform((v) => v.toLowerCase());
}

function httpsVar(name: ProductionVariable) {
  return requiredVar(name)
    .refine(isHttpsUrl, (v) => ({ message: `${name} must be an https:// URL, ${PRODUCTION_VARIABLES[name]}; got "${v}"` }))
    .transform((v) => v.replace(/\/+$/, ''));
}

const BotType = z
  .string({ required_error: `Missing BOT_TYPE: ${PRODUCTION_VARIABLES.BOT_TYPE}` })
  .transform((v, ctx) => {
    switch (v.toLowerCase()) {
      case 'userassignedmsi':
        return 'UserAssignedMSI' as const;
      case 'singletenant':
        return 'SingleTenant' as const;
      case 'multitenant':
        ctx.addIssue({ code: 'custom', message: 'BOT_TYPE MultiTenant is not supported: Azure no longer creates multi-tenant bots. Use UserAssignedMsi or SingleTenant.' });
        return z.NEVER;
      default:
        ctx.addIssue({ code: 'custom', message: `BOT_TYPE must be UserAssignedMsi or SingleTenant; got "${v}"` });
        return z.NEVER;
    }
  });

const ProductionSchema = z
  .object({
    COSMOS_ENDPOINT: httpsVar('COSMOS_ENDPOINT'),
    COSMOS_KEY: z.string().optional(),
    COSMOS_DATABASE: z.string().default(CONTAINER_SPEC.database),
    MSP_TENANT_ID: guidVar('MSP_TENANT_ID'),
    MSP_NAME: z.string().default('Your service provider'),
    SUPER_ADMIN_OBJECT_ID: guidVar('SUPER_ADMIN_OBJECT_ID'),
    SUPER_ADMIN_NAME: z.string().default('Super Admin'),
    AAD_APP_CLIENT_ID: guidVar('AAD_APP_CLIENT_ID'),
    AAD_APP_CLIENT_SECRET: z.string().optional(),
    AAD_APP_CERTIFICATE_PATH: z
      .string()
      .refine(existsSync, (v) => ({ message: `AAD_APP_CERTIFICATE_PATH names a file that does not exist: "${v}"` }))
      .optional(),
    BOT_ID: guidVar('BOT_ID'),
    BOT_TYPE: BotType,
    BOT_TENANT_ID: guidVar('BOT_TENANT_ID'),
    BOT_PASSWORD: z.string().optional(),
    MANAGED_IDENTITY_CLIENT_ID: z
      .string()
      .refine((v) => GUID.test(v), (v) => ({ message: `MANAGED_IDENTITY_CLIENT_ID must be a GUID; got "${v}"` }))
      .optional(),
    PUBLIC_URL: httpsVar('PUBLIC_URL'),
    MAIL_SENDER: requiredVar('MAIL_SENDER', ' (an email address)').refine(
      (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
      (v) => ({ message: `MAIL_SENDER must be an email address, ${PRODUCTION_VARIABLES.MAIL_SENDER}; got "${v}"` })
    )
  });

/** Rules across variables; parsed on their own so that they are reported together with the others. */
const CredentialRules = z
  .object({
    AAD_APP_CLIENT_SECRET: z.string().optional(),
    AAD_APP_CERTIFICATE_PATH: z.string().optional(),
    BOT_TYPE: z.string().optional(),
    BOT_PASSWORD: z.string().optional()
  })
  .superRefine((env, ctx) => {
    if (!env.AAD_APP_CLIENT_SECRET && !env.AAD_APP_CERTIFICATE_PATH) {
      ctx.addIssue({
        code: 'custom',
        message: "Missing AAD_APP_CLIENT_SECRET or AAD_APP_CERTIFICATE_PATH: the Entra app's client secret, or the path to its PEM certificate with private key"
      });
    }
    if (env.BOT_TYPE?.toLowerCase() === 'singletenant' && !env.BOT_PASSWORD) {
      ctx.addIssue({ code: 'custom', message: `Missing BOT_PASSWORD: ${PRODUCTION_VARIABLES.BOT_PASSWORD}` });
    }
  });

function readProduction(env: Env, shared: SharedConfig, problems: string[]): ProductionConfig {
  const values = Object.fromEntries((Object.keys(PRODUCTION_VARIABLES) as ProductionVariable[]).map((name) => [name, read(env, name)]));
  const parsed = ProductionSchema.safeParse(values);
  const rules = CredentialRules.safeParse(values);
  if (!parsed.success || !rules.success) {
    problems.push(...(parsed.error?.issues ?? []).map((issue) => issue.message));
    problems.push(...(rules.error?.issues ?? []).map((issue) => issue.message));
    return undefined as never;
  }
  const v = parsed.data;
  return {
    ...shared,
    mode: 'production',
    publicUrl: v.PUBLIC_URL,
    mspTenantId: v.MSP_TENANT_ID,
    mspName: v.MSP_NAME,
    mailSender: v.MAIL_SENDER,
    superAdmin: { objectId: v.SUPER_ADMIN_OBJECT_ID, displayName: v.SUPER_ADMIN_NAME },
    cosmos: {
      endpoint: v.COSMOS_ENDPOINT,
      key: v.COSMOS_KEY,
      databaseId: v.COSMOS_DATABASE,
      managedIdentityClientId: v.MANAGED_IDENTITY_CLIENT_ID ?? (v.BOT_TYPE === 'UserAssignedMSI' ? v.BOT_ID : undefined)
    },
    entraApp: { clientId: v.AAD_APP_CLIENT_ID, clientSecret: v.AAD_APP_CLIENT_SECRET, certificatePath: v.AAD_APP_CERTIFICATE_PATH },
    bot: { appId: v.BOT_ID, appType: v.BOT_TYPE, tenantId: v.BOT_TENANT_ID, password: v.BOT_PASSWORD }
  };
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

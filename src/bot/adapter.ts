import {
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions
} from 'botbuilder';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';

/** The bot registration, from configuration. */
export interface BotRegistration {
  appId: string;
  /** Azure no longer creates multi-tenant bots: a user-assigned managed identity or a single-tenant app. */
  appType: 'UserAssignedMSI' | 'SingleTenant';
  tenantId: string;
  /** Client secret of a SingleTenant registration; a managed identity has none. */
  password?: string;
}

/**
 * The Bot Framework endpoints the adapter trusts. Production uses Microsoft's (the botbuilder
 * defaults); tests point all eight at a local OpenID issuer to exercise the real JWT path.
 */
export type BotFrameworkEndpoints = Pick<
  ConfigurationBotFrameworkAuthenticationOptions,
  | 'ToBotFromChannelOpenIdMetadataUrl'
  | 'ToBotFromChannelTokenIssuer'
  | 'ToBotFromEmulatorOpenIdMetadataUrl'
  | 'ToChannelFromBotLoginUrl'
  | 'ToChannelFromBotOAuthScope'
  | 'OAuthUrl'
  | 'CallerId'
  | 'ValidateAuthority'
>;

export interface AdapterOptions {
  endpoints?: BotFrameworkEndpoints;
  /** Credentials for outgoing calls; tests pass one that needs no token service. */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/**
 * With a registration, inbound auth is on: CloudAdapter verifies the Bot Framework JWT of every
 * request (signature from the OpenID metadata's keys, issuer, audience = app id, service URL claim)
 * and answers 401 before any of our code runs. Without one (embedded mode, the Agents Playground),
 * inbound auth is off.
 */
export function createBotAdapter(registration: BotRegistration | undefined, options: AdapterOptions = {}): TeamsAdapter {
  if (!registration) return new TeamsAdapter({});
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: registration.appId,
    MicrosoftAppType: registration.appType,
    MicrosoftAppTenantId: registration.tenantId,
    MicrosoftAppPassword: registration.password,
    ...options.endpoints
  };
  return new VerifyingTeamsAdapter(
    settings,
    options.credentialsFactory ??
      new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: registration.appId,
        MicrosoftAppType: registration.appType,
        MicrosoftAppTenantId: registration.tenantId,
        MicrosoftAppPassword: registration.password
      })
  );
}

/** The errors jsonwebtoken throws for a token that fails verification (bad signature, not yet valid, ...). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder answers 401 only for its own AuthenticationError; a forged signature under a published key
 * id, or a token not valid yet, surfaces as a jsonwebtoken error and would be answered 500. Every token
 * that fails verification is refused with 401 here, before any turn logic runs.
 */
class VerifyingTeamsAdapter extends TeamsAdapter {
  protected override async processActivity(
    auth: string & AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>
  ): Promise<InvokeResponse | undefined> {
    try {
      return await super.processActivity(auth, activity, logic);
    } catch (error) {
      if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
        throw new AuthenticationError(`Unauthorized: ${error.message}`, 401);
      }
      throw error;
    }
  }
}

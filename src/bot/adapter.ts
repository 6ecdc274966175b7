import {
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions
} from 'botbuilder';
import type { Activity, InvokeResponse, Request, Response, TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';

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

/** The only channel this bot serves. */
export const TEAMS_CHANNEL_ID = 'msteams';

/** Seconds a sender is asked to wait when the Bot Framework's signing keys cannot be fetched. */
export const METADATA_RETRY_AFTER_SECONDS = 30;

/**
 * With a registration, inbound auth is on: CloudAdapter verifies the Bot Framework JWT of every
 * request (signature from the OpenID metadata's keys, issuer, audience = app id, service URL claim)
 * and answers 401 before any of our code runs. Without one (embedded mode, the Agents Playground),
 * inbound auth is off. In both, only Microsoft Teams activities are served (see `GuardedTeamsAdapter`).
 */
export function createBotAdapter(registration: BotRegistration | undefined, options: AdapterOptions = {}, logger?: Logger): TeamsAdapter {
  if (!registration) return new GuardedTeamsAdapter({}, undefined, logger);
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: registration.appId,
    MicrosoftAppType: registration.appType,
    MicrosoftAppTenantId: registration.tenantId,
    MicrosoftAppPassword: registration.password,
    ...options.endpoints
  };
  return new GuardedTeamsAdapter(
    settings,
    options.credentialsFactory ??
      new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: registration.appId,
        MicrosoftAppType: registration.appType,
        MicrosoftAppTenantId: registration.tenantId,
        MicrosoftAppPassword: registration.password
      }),
    logger
  );
}

/** The errors jsonwebtoken throws for a token that fails verification (bad signature, not yet valid, ...). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * Whether authentication failed because the signing keys could not be had, not because of the token:
 * botbuilder fetches the OpenID metadata and its JWKS with node-fetch (a network failure or a body that
 * is not JSON is a `FetchError`), and answers a non-2xx status of either with an AuthenticationError of
 * status 500 ("Failed to load openID config: 500", "Failed to load Keys: 503").
 */
function isMetadataUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'FetchError') return true;
  return error instanceof AuthenticationError && error.statusCode === 500 && /^Failed to load (openID config|Keys)\b/.test(error.message);
}

type Logic = (context: TurnContext) => Promise<void>;
/** The arguments of `process` on a WebSocket (TypeScript takes the last overload: the streaming one). */
type StreamingProcessArgs = Parameters<TeamsAdapter['process']>;

/**
 * The bot's adapter. Before any turn logic runs (no turn state read or written, no reply, no audit):
 * - the request is authenticated (with a registration; the Agents Playground's embedded mode has none).
 *   Every token that fails verification is 401: botbuilder answers 401 only for its own
 *   AuthenticationError, while a forged signature under a published key id or a token not valid yet
 *   surfaces as a jsonwebtoken error that it would answer 500.
 * - when the Bot Framework's OpenID metadata (or its JWKS) cannot be fetched, the request is answered
 *   503 with `Retry-After` (Teams retries), not 500 and not 401: the token may be fine. The outage is
 *   logged once, a warning when it starts and an info line when a token verifies again.
 * - INVARIANT: only activities whose channelId is `msteams` are served; any other channel is 403. A bot
 *   registration's token can be valid for other channels (Azure enables Web Chat on every bot, and its
 *   key endorsements name them), and the app's identity rules (tenant id, `aadObjectId`) hold for Teams
 *   only. The Agents Playground, started with `-c msteams`, sends `msteams` on every activity, so
 *   embedded mode keeps working under the same rule.
 */
class GuardedTeamsAdapter extends TeamsAdapter {
  private outageSince?: number;

  constructor(
    settings: ConfigurationBotFrameworkAuthenticationOptions,
    credentialsFactory: ServiceClientCredentialsFactory | undefined,
    private readonly logger?: Logger
  ) {
    super(settings, credentialsFactory);
  }

  override process(req: Request, res: Response, logic: Logic): Promise<void>;
  override process(...args: StreamingProcessArgs): Promise<void>;
  override process(req: Request, resOrSocket: Response | StreamingProcessArgs[1], logicOrHead: Logic | StreamingProcessArgs[2], maybeLogic?: Logic): Promise<void> {
    if (maybeLogic) return super.process(req, resOrSocket as StreamingProcessArgs[1], logicOrHead as StreamingProcessArgs[2], maybeLogic);
    return super.process(req, withRetryAfterOn503(resOrSocket as Response), logicOrHead as Logic);
  }

  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: Logic
  ): Promise<InvokeResponse | undefined> {
    let authenticated: AuthenticateRequestResult;
    if (typeof auth === 'string') {
      try {
        authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, auth);
      } catch (error) {
        return this.refusal(error);
      }
      this.metadataReachable();
    } else {
      authenticated = auth;
    }
    // The invariant: Microsoft Teams only (see the class comment). Checked after authentication, so an
    // unauthenticated sender still gets 401, and before the turn, so nothing runs for another channel.
    if (activity.channelId !== TEAMS_CHANNEL_ID) {
      this.logger?.info({ channelId: String(activity.channelId ?? '').slice(0, 40), activityType: activity.type }, 'activity from a channel other than Microsoft Teams refused');
      return { status: 403, body: 'Forbidden: this bot serves Microsoft Teams (channel msteams) only.' };
    }
    try {
      return await super.processActivity(authenticated, activity, logic);
    } catch (error) {
      // botbuilder would print the error to the console and send its message back; it goes to the app's
      // log (redacted) instead, and the sender learns nothing of it.
      this.logger?.error({ err: error, activityType: activity.type }, 'bot request failed');
      return { status: 500, body: 'Internal server error.' };
    }
  }

  /**
   * The answer to a request whose authentication threw: 503 while the keys cannot be fetched, 401 for a
   * token that fails verification, 500 (logged, not echoed) for anything else.
   */
  private refusal(error: unknown): InvokeResponse {
    if (isMetadataUnavailable(error)) {
      this.metadataUnreachable(error as Error);
      return { status: 503, body: 'Service unavailable: the Bot Framework signing keys cannot be fetched now; retry later.' };
    }
    if (error instanceof AuthenticationError || (error instanceof Error && TOKEN_ERRORS.has(error.name))) {
      const message = error instanceof AuthenticationError ? error.message : `Unauthorized: ${error.message}`;
      this.logger?.debug({ reason: message }, 'bot request refused: not authenticated');
      return { status: 401, body: message };
    }
    this.logger?.error({ err: error }, 'bot request failed: authentication broke');
    return { status: 500, body: 'Internal server error.' };
  }

  private metadataUnreachable(error: Error): void {
    if (this.outageSince !== undefined) return;
    this.outageSince = Date.now();
    this.logger?.warn(
      { reason: error.message, retryAfterSeconds: METADATA_RETRY_AFTER_SECONDS },
      'Bot Framework OpenID metadata unreachable: bot requests are answered 503 until the signing keys can be fetched'
    );
  }

  private metadataReachable(): void {
    if (this.outageSince === undefined) return;
    const seconds = Math.round((Date.now() - this.outageSince) / 1000);
    this.outageSince = undefined;
    this.logger?.info({ outageSeconds: seconds }, 'Bot Framework tokens verify again: bot requests are served');
  }
}

/** CloudAdapter writes the status itself; a 503 (signing keys unavailable) also says when to retry. */
function withRetryAfterOn503(res: Response): Response {
  return {
    socket: res.socket,
    end: (...args: unknown[]) => res.end(...args),
    header: (name: string, value: unknown) => res.header(name, value),
    send: (...args: unknown[]) => res.send(...args),
    status: (code: number) => {
      if (code === 503) res.header('Retry-After', String(METADATA_RETRY_AFTER_SECONDS));
      return res.status(code);
    }
  };
}

import {
  type Activity,
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  StatusCodes,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type ConnectorClient, type ConnectorFactory } from 'botframework-connector';
import { chooseLocale, languageTagOf, type LocaleSetting, appStrings } from '../i18n/locale';
import type { Logger } from '../logging/logger';
import type { HandledActivities } from './handled-activities';
import type { RateLimit, RateLimits } from '../limits/rate-limits';
import type { ServiceMetrics } from '../telemetry/service-metrics';
import { CountTurns } from './count-turns';
import { AdmitTurns, TurnNotStarted } from './admit-turns';
import { invokeMessageActivity } from './invoke-answers';
import { limitSubjectOf } from '../limits/turn-limits';


/** The bot's identity in Entra ID, as the Bot Framework needs it. */
export interface BotIdentity {
  appId: string;
  password?: string;
  type: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';
  tenantId?: string;
  /** Where the Bot Connector's signing keys are described: Microsoft's unless set (a national cloud, a test stand-in). */
  openIdMetadataUrl?: string;
}

/**
 * The Bot Framework adapter. With a bot identity configured it rejects any request without a valid
 * Bot Framework token (401). Without one it accepts anonymous requests, as the Agents Playground sends
 * them: config allows that only with NODE_ENV=development, and the server then listens on loopback only.
 */
export function createAdapter(
  config: { bot?: BotIdentity; locale: LocaleSetting },
  handled: HandledActivities,
  rateLimits: RateLimits,
  turnLimit: RateLimit,
  logger: Logger,
  metrics: ServiceMetrics,
  /** The card an anonymous turn came from (anonymous-turns.ts), or undefined for an ordinary turn. */
  anonymousObjectOf: (activity: Activity) => string | undefined,
): CloudAdapter {
  const adapter = new CloudAdapter(refuseForgedTokens(new ConfigurationBotFrameworkAuthentication(authenticationOptions(config)), logger));

  adapter.use(new CountTurns(metrics));
  adapter.use(
    new AdmitTurns({
      rateLimits,
      handled,
      subjectOf: (activity) => anonymousObjectOf(activity) ?? limitSubjectOf(activity),
      limit: turnLimit,
      claimsNothing: (activity) => anonymousObjectOf(activity) !== undefined,
      locale: config.locale,
      logger,
    }),
  );

  adapter.onTurnError = async (context, error) => {
    // The error's name only: messages of connector and parser errors can quote what a person sent.
    logger.error({ event: 'turn.error', activityType: context.activity.type, error: (error as Error)?.name }, 'turn failed');
    const t = appStrings(chooseLocale(config.locale, languageTagOf(context.activity)));
    // A turn that never started changed nothing and can say so; any other failure may have come after a commit.
    const text = error instanceof TurnNotStarted ? t.errors.unavailable : t.errors.internal;
    // A card action's client waits for the invoke's answer (without one Teams shows only an error): the text is it.
    const reply = context.activity.type === ActivityTypes.Invoke ? invokeMessageActivity(text) : text;
    await context.sendActivity(reply).catch(() => undefined);
  };
  return adapter;
}

function authenticationOptions(config: { bot?: BotIdentity }): ConfigurationBotFrameworkAuthenticationOptions {
  return config.bot
    ? {
        MicrosoftAppId: config.bot.appId,
        MicrosoftAppPassword: config.bot.password ?? '',
        MicrosoftAppType: config.bot.type,
        MicrosoftAppTenantId: config.bot.tenantId ?? '',
        // Naming one endpoint makes botbuilder take all of them as given: the others are the public cloud's.
        ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
      }
    : {};
}

/** jsonwebtoken's verdicts on a token: each one a refusal, not a fault. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder answers a token with a bad signature, or an `alg: none` one naming a published key, with 500:
 * jsonwebtoken's error passes its checks unconverted. Those are refusals (401) like every other bad token;
 * a failure to fetch the signing keys stays a fault (500), so the Bot Connector tries again.
 */
function refuseForgedTokens(auth: ConfigurationBotFrameworkAuthentication, logger: Logger): ConfigurationBotFrameworkAuthentication {
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      const refused = isRefusal(error, logger);
      if (refused && !(error instanceof AuthenticationError)) throw new AuthenticationError('Unauthorized. Invalid token.', StatusCodes.UNAUTHORIZED);
      throw error;
    }
  };
  return auth;
}

/** Whether an authentication error is a verdict on the token (a refusal) rather than a fault; logged by its kind. */
function isRefusal(error: unknown, logger: Logger): boolean {
  const name = (error as Error)?.name;
  const refused = error instanceof AuthenticationError || TOKEN_ERRORS.has(name);
  logger.warn({ event: refused ? 'bot.unauthenticated' : 'bot.authentication-failed', error: name }, 'bot request not authenticated');
  return refused;
}

/**
 * Checks a bot request's Authorization header before its body is read: a token signed by a published key
 * endorsed for Teams, with the Bot Connector's issuer, this bot as audience, within its lifetime. True for a good
 * token, false for a refusal; a fault (the signing keys could not be fetched) throws. The adapter checks the token
 * again with the activity, its service URL included.
 */
export function createBotTokenCheck(config: { bot?: BotIdentity }, logger: Logger): (authorization: string | undefined) => Promise<boolean> {
  const auth = new ConfigurationBotFrameworkAuthentication(authenticationOptions(config));
  return async (authorization) => {
    try {
      await auth.authenticateStreamingRequest(authorization ?? '', 'msteams');
      return true;
    } catch (error) {
      if (isRefusal(error, logger)) return false;
      throw error;
    }
  };
}

/**
 * The adapter for proactive sends by the delivery engine. Its connector clients do not retry on their own:
 * the Azure pipeline under botbuilder would repeat a 429 or 5xx up to three times, unseen by the engine's
 * pacing and outside its count of tries. The engine decides every retry.
 */
export function createProactiveAdapter(config: { bot?: BotIdentity }): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(authenticationOptions(config));
  const createFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (claims) => {
    const factory = createFactory(claims);
    return {
      create: async (serviceUrl: string, audience?: string) => withoutPipelineRetries(await factory.create(serviceUrl, audience)),
    } as ConnectorFactory;
  };
  return new CloudAdapter(auth);
}

/** Name of @azure/core-rest-pipeline's default retry policy, which every ConnectorClient carries. */
const PIPELINE_RETRY_POLICY = 'defaultRetryPolicy';

function withoutPipelineRetries(client: ConnectorClient): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } }).client?.pipeline;
  if (!pipeline) throw new Error('ConnectorClient without a pipeline: botbuilder changed; check createProactiveAdapter');
  pipeline.removePolicy({ name: PIPELINE_RETRY_POLICY });
  return client;
}

import { z } from 'zod';
import { DEFAULT_MIX_POLICY, type MixPolicy, type RetentionPolicy, type WorkshopRetentionPolicy } from '../shared/policies';
import type { EntraSettings } from '../platform/http/tab-auth';
import type { TelemetrySettings } from '../platform/telemetry/telemetry';
import type { StorageSettings } from '../platform/database/open-database';
import type { BotIdentity } from '../platform/teams/adapter';
import { TEAMS_LIMITS } from '../platform/delivery/teams-limits';
import { sampleSeedsIn } from './sample-seeds';

/**
 * All configuration, read once from the environment and validated.
 * Errors name the setting, so an operator knows what to fix without reading code.
 */

const botType = z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']);

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(emptyAsUndefined, z.string().trim().optional());

const signalKey = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, {
      message: 'must be 32 random bytes in base64 (make one with: openssl rand -base64 32)',
    })
    .optional(),
);

/** The samplers the Azure Monitor distro knows; microsoft.rate_limited (5 traces a second) when unset. */
const TRACE_SAMPLERS = [
  'microsoft.rate_limited',
  'microsoft.fixed_percentage',
  'always_on',
  'always_off',
  'trace_id_ratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_trace_id_ratio',
] as const;
/** Samplers whose argument is a share of traces, 0 to 1 (the rate-limited one takes traces per second). */
const RATIO_SAMPLERS: ReadonlySet<string> = new Set(['microsoft.fixed_percentage', 'trace_id_ratio', 'parentbased_trace_id_ratio']);

const environmentSchema = z.object({
  // Unset means production: a forgotten setting must never open the bot endpoint to anonymous requests.
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production']).default('production')),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3978)),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.data')),
  SEED_DIR: optionalText,
  BOT_ID: optionalText,
  BOT_PASSWORD: optionalText,
  BOT_TYPE: z.preprocess(emptyAsUndefined, botType.default('SingleTenant')),
  BOT_TENANT_ID: optionalText,
  BOT_OPENID_METADATA_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  SIGNAL_KEY: signalKey,
  SIGNAL_KEY_PREVIOUS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
      .refine((keys) => keys.every((k) => Buffer.from(k, 'base64').length === 32), {
        message: 'must be a comma-separated list of 32-byte base64 keys',
      })
      .optional(),
  ),
  RETENTION_COUNTED_TEXT_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(30)),
  RETENTION_COUNTED_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(730)),
  RETENTION_CLOSED_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(365)),
  RETENTION_OPEN_IDLE_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(30).max(3650).default(730)),
  LOCALE: z.preprocess(emptyAsUndefined, z.enum(['auto', 'nl', 'en']).default('auto')),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  WORKSHOP_TIME_ZONE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((zone) => isTimeZone(zone), { message: 'must be an IANA time zone such as Europe/Amsterdam' })
      .default('Europe/Amsterdam'),
  ),
  RETENTION_WORKSHOP_PEOPLE_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(30)),
  RETENTION_WORKSHOP_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(730)),
  DUO_ANSWER_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(24 * 14).default(48)),
  PUBLIC_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .url()
      .regex(/^https?:\/\/[^/]+$/, { message: 'must be the scheme and host only, e.g. https://sociaalveilig.example.nl' })
      .optional(),
  ),
  TAB_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().uuid().optional()),
  TAB_APP_ID_URI: z.preprocess(emptyAsUndefined, z.string().regex(/^api:\/\/[^/]+\/[0-9a-f-]{36}$/, { message: 'must be api://<domain>/<client id>' }).optional()),
  TAB_TENANT_ID: optionalText,
  TAB_JWKS_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  OUTBOX_POLL_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(50).max(60_000).default(2000)),
  DELIVERY_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(256).default(16)),
  DELIVERY_MAX_ATTEMPTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(20).default(6)),
  DELIVERY_TENANT_RPS: z.preprocess(emptyAsUndefined, z.coerce.number().min(1).max(10_000).default(TEAMS_LIMITS.tenantPerSecond)),
  DELIVERY_CLAIM_LEASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(4).max(600).default(20)),
  DELIVERY_SEND_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(600).default(30)),
  SHUTDOWN_GRACE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(120_000).default(25_000)),
  MIX_BATCH_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(DEFAULT_MIX_POLICY.batchSize)),
  ADVICE_RISE_FACTOR: z.preprocess(emptyAsUndefined, z.coerce.number().min(1.1).max(10).default(1.5)),
  TEAMS_APP_ID: z.preprocess(emptyAsUndefined, z.string().uuid().optional()),
  MIX_MAX_DELAY_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(7 * 24 * 60).default(DEFAULT_MIX_POLICY.maxDelayMs / 60_000)),
  LIMIT_TURNS_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(60)),
  LIMIT_SIGNALS_PER_HOUR: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(5)),
  LIMIT_API_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(120)),
  LIMIT_API_PER_IP_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1000)),
  TRUSTED_PROXY_HOPS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(5).default(0)),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/(^|;)\s*InstrumentationKey=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*(;|$)/i, {
        message: "must be the Application Insights resource's connection string (InstrumentationKey=…;IngestionEndpoint=…)",
      })
      .optional(),
  ),
  // Read by the Azure Monitor distro itself; checked here so that a typo stops the start instead of being ignored.
  OTEL_TRACES_SAMPLER: z.preprocess(emptyAsUndefined, z.enum(TRACE_SAMPLERS).optional()),
  OTEL_TRACES_SAMPLER_ARG: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).optional()),
});

export type Environment = z.infer<typeof environmentSchema>;

/** Every setting the service reads from its environment. */
export const SETTING_NAMES = Object.keys(environmentSchema.shape) as ReadonlyArray<keyof Environment>;

/** Abuse limits, counted in the database so they hold across replicas; the windows are fixed. */
export interface AbuseLimits {
  /** Messages and card actions one person may send the bot in a minute. */
  turnsPerMinute: number;
  /** Signals one person may raise in an hour. */
  signalsPerHour: number;
  /** Tab API calls one signed-in person may make in a minute. */
  apiPerMinute: number;
  /** Tab API calls (signed in or not) from one address in a minute. */
  apiPerIpPerMinute: number;
}

export interface Config {
  mode: 'development' | 'production';
  port: number;
  storage: StorageSettings;
  /** Absent only in development: the bot endpoint then accepts unauthenticated requests, on loopback only. */
  bot?: BotIdentity;
  /** Absent only outside production; the signal store then uses a development key in `dataDir`. */
  signalKey?: Buffer;
  /** Keys before the last rotation: still read, never written. */
  signalKeyPrevious: Buffer[];
  /** PGlite's files, and the development signal key when SIGNAL_KEY is unset. */
  dataDir: string;
  /** A ministry's own sociale kaart, pool and counsellors (required in production); unset, the bundled sample data. */
  seedDir?: string;
  retention: RetentionPolicy;
  /** "auto" follows each person's Teams locale; "nl" or "en" pins one language for everyone. */
  locale: Environment['LOCALE'];
  logLevel: Environment['LOG_LEVEL'];
  shutdownGraceMs: number;
  /** How often the outbox looks for messages to send (and scheduled jobs for due work). */
  outboxPollMs: number;
  delivery: {
    /** Proactive messages in flight at once per replica. */
    concurrency: number;
    /** Tries before a proactive message is marked failed. */
    maxAttempts: number;
    /** Teams' limit per app per tenant (50); only a stand-in connector (the benchmark) warrants another figure. */
    tenantRps: number;
    /** A claimed message whose replica died is taken over after this (a living replica renews its claims). */
    claimLeaseSeconds: number;
    /** A request to the Bot Connector that takes longer has failed; it is tried again (it may have arrived: in doubt). */
    sendTimeoutSeconds: number;
  };
  workshops: {
    /** Wall-clock time of planning forms and cards. */
    timeZone: string;
    /** Hours a facilitator has to answer a request before the next one is asked. */
    duoAnswerHours: number;
    retention: WorkshopRetentionPolicy;
  };
  /**
   * Pro-active advice to network coordinators: a closed quarter's count for an organisation and topic at least this
   * many times the quarter before's (both at least 5).
   */
  adviceRiseFactor: number;
  /** The Teams app's id (the manifest's), for links from a card into the tab; absent, cards name the tab in words. */
  teamsAppId?: string;
  /** The service's public address, for links in cards (calendar files); in development the local one. */
  publicBaseUrl?: string;
  /** Tab SSO: tokens for this app in this tenant. Absent: development sign-in in development, no API in production. */
  tab?: EntraSettings;
  /** Absent: no telemetry, and none of its SDK is loaded. */
  telemetry?: TelemetrySettings;
  limits: AbuseLimits;
  /**
   * The mixer (domain/mixing): anonymous signals, anonymous replies and evaluations are published in batches of at
   * least `batchSize`, or after a random delay of at most `maxDelayMs`.
   */
  mix: MixPolicy;
  /**
   * Proxies in front of the service that append the client's address to X-Forwarded-For (App Service's front
   * end: 1). 0 trusts no header and takes the connection's address, so nobody can claim another address.
   */
  trustedProxyHops: number;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Below this, a batch is too small to hide in: production refuses it (development may use 1 to see signals at once). */
const MIN_PRODUCTION_BATCH = 3;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  let bot: BotIdentity | undefined;
  if (e.BOT_ID) {
    bot = { appId: e.BOT_ID, password: e.BOT_PASSWORD, type: e.BOT_TYPE, tenantId: e.BOT_TENANT_ID, openIdMetadataUrl: e.BOT_OPENID_METADATA_URL };
    if (e.BOT_TYPE === 'MultiTenant') {
      problems.push('BOT_TYPE: new multi-tenant bot registrations are refused by Azure; use SingleTenant or UserAssignedMSI');
    }
    if (e.BOT_TYPE === 'SingleTenant' && !e.BOT_PASSWORD) {
      problems.push('BOT_PASSWORD: required when BOT_TYPE is SingleTenant');
    }
    if (!e.BOT_TENANT_ID) problems.push('BOT_TENANT_ID: required when BOT_ID is set');
  } else if (e.BOT_PASSWORD || e.BOT_TENANT_ID || e.BOT_OPENID_METADATA_URL) {
    problems.push('BOT_ID: required when BOT_PASSWORD, BOT_TENANT_ID or BOT_OPENID_METADATA_URL is set');
  }

  if (e.NODE_ENV === 'production') {
    if (!bot) problems.push('BOT_ID: required in production (the bot endpoint must authenticate every request)');
    if (!e.SIGNAL_KEY) problems.push('SIGNAL_KEY: required in production (free text is encrypted at rest with it)');
    if (e.PUBLIC_BASE_URL?.startsWith('http://')) problems.push('PUBLIC_BASE_URL: must be https in production (calendar links carry a token)');
    if (e.BOT_OPENID_METADATA_URL && !e.BOT_OPENID_METADATA_URL.startsWith('https://')) {
      problems.push('BOT_OPENID_METADATA_URL: must be https in production (it names the keys every bot token is checked with)');
    }
    if (!e.DATABASE_URL) {
      problems.push('DATABASE_URL: required in production (PGlite is for one process on one machine; replicas need PostgreSQL)');
    }
    if (e.MIX_BATCH_SIZE < MIN_PRODUCTION_BATCH) {
      problems.push(`MIX_BATCH_SIZE: at least ${MIN_PRODUCTION_BATCH} in production (an anonymous signal hides among this many)`);
    }
    // The bundled samples' people and phone numbers are fictional: someone in danger must never be shown them.
    const sample = e.SEED_DIR ? sampleSeedsIn(e.SEED_DIR) : undefined;
    if (!e.SEED_DIR) {
      problems.push('SEED_DIR: required in production (the folder with your own sociale-kaart.json, facilitators.json and counsellors.json; the bundled samples are fictional)');
    } else if (sample) {
      problems.push(`SEED_DIR: ${sample}, which is fictional; production needs your own files`);
    }
  }
  let tab: EntraSettings | undefined;
  const tabTenant = e.TAB_TENANT_ID ?? e.BOT_TENANT_ID;
  if (e.TAB_CLIENT_ID || e.TAB_APP_ID_URI) {
    if (!e.TAB_CLIENT_ID || !e.TAB_APP_ID_URI) problems.push('TAB_CLIENT_ID and TAB_APP_ID_URI: set both for tab sign-in');
    else if (!e.TAB_APP_ID_URI.endsWith(`/${e.TAB_CLIENT_ID}`)) problems.push('TAB_APP_ID_URI: must end with the TAB_CLIENT_ID');
    else if (!tabTenant) problems.push('TAB_TENANT_ID: required for tab sign-in (or set BOT_TENANT_ID)');
    else
      tab = {
        tenantId: tabTenant,
        clientId: e.TAB_CLIENT_ID,
        appIdUri: e.TAB_APP_ID_URI,
        jwksUrl: e.TAB_JWKS_URL ?? `https://login.microsoftonline.com/${tabTenant}/discovery/v2.0/keys`,
      };
  }
  if (e.OTEL_TRACES_SAMPLER && RATIO_SAMPLERS.has(e.OTEL_TRACES_SAMPLER) && (e.OTEL_TRACES_SAMPLER_ARG ?? 0) > 1) {
    problems.push(`OTEL_TRACES_SAMPLER_ARG: must be a share from 0 to 1 with ${e.OTEL_TRACES_SAMPLER}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode: e.NODE_ENV,
    port: e.PORT,
    storage: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
    bot,
    signalKey: e.SIGNAL_KEY ? Buffer.from(e.SIGNAL_KEY, 'base64') : undefined,
    signalKeyPrevious: (e.SIGNAL_KEY_PREVIOUS ?? []).map((k) => Buffer.from(k, 'base64')),
    dataDir: e.DATA_DIR,
    seedDir: e.SEED_DIR,
    retention: {
      countedTextDays: e.RETENTION_COUNTED_TEXT_DAYS,
      countedDays: e.RETENTION_COUNTED_DAYS,
      closedDays: e.RETENTION_CLOSED_DAYS,
      openIdleDays: e.RETENTION_OPEN_IDLE_DAYS,
    },
    locale: e.LOCALE,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    outboxPollMs: e.OUTBOX_POLL_MS,
    delivery: {
      concurrency: e.DELIVERY_CONCURRENCY,
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      tenantRps: e.DELIVERY_TENANT_RPS,
      claimLeaseSeconds: e.DELIVERY_CLAIM_LEASE_SECONDS,
      sendTimeoutSeconds: e.DELIVERY_SEND_TIMEOUT_SECONDS,
    },
    workshops: {
      timeZone: e.WORKSHOP_TIME_ZONE,
      duoAnswerHours: e.DUO_ANSWER_HOURS,
      retention: { peopleDays: e.RETENTION_WORKSHOP_PEOPLE_DAYS, days: e.RETENTION_WORKSHOP_DAYS },
    },
    publicBaseUrl: e.PUBLIC_BASE_URL ?? (e.NODE_ENV === 'development' ? `http://localhost:${e.PORT}` : undefined),
    tab,
    limits: {
      turnsPerMinute: e.LIMIT_TURNS_PER_MINUTE,
      signalsPerHour: e.LIMIT_SIGNALS_PER_HOUR,
      apiPerMinute: e.LIMIT_API_PER_MINUTE,
      apiPerIpPerMinute: e.LIMIT_API_PER_IP_PER_MINUTE,
    },
    mix: { batchSize: e.MIX_BATCH_SIZE, maxDelayMs: e.MIX_MAX_DELAY_MINUTES * 60_000 },
    adviceRiseFactor: e.ADVICE_RISE_FACTOR,
    teamsAppId: e.TEAMS_APP_ID,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    telemetry: e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING } : undefined,
  };
}

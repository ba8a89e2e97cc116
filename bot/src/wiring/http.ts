import type { Server } from 'restify';
import type { Config } from '../config/config';
import { anonymousObjectOf } from '../features/signals';
import { mountCalendarRoute } from '../features/workshops';
import { latestMigrationVersion } from '../platform/database/migrate';
import { mountDevSignIn } from '../platform/http/dev-sign-in';
import { mountApi } from '../platform/http/router';
import { createServer } from '../platform/http/server';
import { DevelopmentTabAuthenticator, EntraTabAuthenticator, type TabAuthenticator, UnconfiguredTabAuthenticator } from '../platform/http/tab-auth';
import type { Logger } from '../platform/logging/logger';
import { createAdapter, createBotTokenCheck } from '../platform/teams/adapter';
import { apiRoutes } from './api-routes';
import type { Features } from './features';
import type { PlatformParts } from './platform-parts';
import { SociaalVeiligBot } from './sociaal-veilig-bot';

/** The HTTP server: the bot endpoint, the tab API, the calendar links and the tab itself. */
export async function createHttp(
  config: Config,
  parts: PlatformParts,
  features: Features,
  logger: Logger,
  options: { tabDir?: string; stopping: () => boolean },
) {
  const { db, handled, rateLimits, turnsLimit, requestLimits, installations, metrics } = parts;
  const { kaart, desk, staff, facilitators, pool, insights, network, networkCoordinators, workshops, materials, workshopTokens, signalFlow, myDataFlow, workshopFlow, cardTokens } = features;
  const adapter = createAdapter(config, handled, rateLimits, turnsLimit, logger, metrics, (activity) => anonymousObjectOf(activity, cardTokens));
  const bot = new SociaalVeiligBot({ installations, signalFlow, myDataFlow, workshopFlow, locale: config.locale, logger });
  // Tab sign-in: Entra tokens when configured; otherwise a development sign-in, which production never has, nor a
  // service with a bot identity (it listens on every interface, perhaps behind a public tunnel).
  const devAuthenticator = !config.tab && !config.bot && config.mode === 'development' ? new DevelopmentTabAuthenticator() : undefined;
  const tabAuthenticator: TabAuthenticator = config.tab ? new EntraTabAuthenticator(config.tab) : (devAuthenticator ?? new UnconfiguredTabAuthenticator());
  if (!config.tab && config.mode === 'production') logger.warn({ event: 'tab.unconfigured' }, 'TAB_CLIENT_ID not set: the tab API answers 401');
  const latestMigration = await latestMigrationVersion();
  return createServer({
    adapter,
    bot,
    storageKind: db.kind,
    ready: async () => {
      if (options.stopping()) return false;
      const { rows } = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      return (rows[0]?.version ?? 0) >= latestMigration;
    },
    logger,
    locale: config.locale,
    production: config.mode === 'production',
    checkBotToken: config.bot ? createBotTokenCheck(config, logger) : undefined,
    routes: [
      (s) => mountCalendarRoute(s, { workshops, programmes: features.programmes, tokens: workshopTokens, locale: config.locale, limits: requestLimits, logger }),
      ...(devAuthenticator ? [(s: Server) => mountDevSignIn(s, devAuthenticator, config.locale)] : []),
      (s) =>
        mountApi(s, apiRoutes({ kaart, desk, staff, facilitators, pool, insights, network, networkCoordinators, workshops, materials }), {
          authenticator: tabAuthenticator,
          // A counsellor needs the Entra app role (the tenant's admins assign it); the database only says which
          // inboxes they read. So the coordinator, who keeps that list in the tab, cannot make anyone a counsellor.
          rolesOf: async (aad) => ((await facilitators.byAad(aad)) ? ['facilitator'] : []),
          locale: config.locale,
          limits: requestLimits,
          logger,
        }),
    ],
    tabDir: options.tabDir,
  });
}

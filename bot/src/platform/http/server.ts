import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify, { type Server } from 'restify';
import { z } from 'zod';
import type { LocaleSetting } from '../i18n/locale';
import { projectRoot } from '../project-root';
import type { StorageKind } from '../database/database';
import type { Logger } from '../logging/logger';
import { MAX_API_BODY_BYTES } from './router';
import { jsonBody, limitBodies, refuseRequest } from './body-limits';
import { answerInApiShape } from './error-answers';
import { InFlight } from './in-flight';
import { securityHeaders } from './security-headers';

/** The built tab; `npm run build` puts it here. */
export const TAB_DIST_DIR = path.join(projectRoot(), 'tab', 'dist');

/**
 * Teams' own activities stay under ~100 KB, but a forged or pasted 10 MB text must still get a clear
 * answer in the chat (too long, nothing stored) rather than a bare 413 that the person never sees:
 * the bot endpoint reads up to 12 MiB, and only after the bearer token has been checked when a bot identity is
 * configured.
 */
export const MAX_ACTIVITY_BYTES = 12 * 1024 * 1024;

/**
 * What botbuilder reads of an activity before any code of ours runs, and throws on (a 500) when it is not there
 * or not text: its own check for a missing type comes after the throw.
 */
const ACTIVITY_ENVELOPE = z.object({ type: z.string(), serviceUrl: z.string().optional() });

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  storageKind: StorageKind;
  /** Readiness: the database answers and holds every migration, and the service is not shutting down. */
  ready: () => Promise<boolean>;
  logger: Logger;
  locale: LocaleSetting;
  production: boolean;
  /**
   * With a bot identity: checks an activity's Authorization header before its body is read (true: a good token).
   * Absent only without a bot identity (development on loopback), when the endpoint takes anonymous requests.
   */
  checkBotToken?: (authorization: string | undefined) => Promise<boolean>;
  /** Further routes (the API), each mounting itself. */
  routes?: Array<(server: Server) => void>;
  tabDir?: string;
}

export interface AppServer {
  server: Server;
  inFlight: InFlight;
  /** The service is stopping: from now on every request is answered 503 and its connection closed. */
  refuseNewRequests(): void;
}

export function createServer(deps: ServerDependencies): AppServer {
  const server = restify.createServer({
    name: 'sociaal-veilig',
    handleUncaughtExceptions: false,
    log: deps.logger.child({ component: 'http' }) as never,
  });
  const inFlight = new InFlight();

  // pre, not use: restify runs `use` handlers only for matched routes, and a 404 needs headers too.
  server.pre(securityHeaders(deps.production));
  // Stopping, the listener refuses new connections, but a client keeps sending on one it holds open: refused
  // too, and closed, so the stop waits only for the turns under way.
  let refusing = false;
  server.pre((_req, res, next) => {
    if (!refusing) return next();
    res.setHeader('connection', 'close');
    res.json(503, { status: 'stopping' });
    return next(false);
  });
  // Every other route takes at most an API form, or nothing at all.
  server.pre(limitBodies((path) => (path === '/api/messages' ? MAX_ACTIVITY_BYTES : MAX_API_BODY_BYTES), deps.locale));
  const checkBotToken = deps.checkBotToken;

  server.post(
    '/api/messages',
    (req, res, next) => {
      if (!checkBotToken) return next();
      // The adapter checks the token again with the activity; checking it first means a request without a good
      // one is refused before a byte of a body of up to 12 MiB is read.
      void checkBotToken(req.header('authorization')).then(
        (good) => {
          if (good) return next();
          refuseRequest(req, res, 401, deps.locale);
          return next(false);
        },
        (error: Error) => {
          // Not a verdict on the token (the signing keys could not be fetched): a fault, so the Bot Connector retries.
          deps.logger.warn({ event: 'bot.authentication-failed', error: error.name }, 'bot token could not be checked');
          refuseRequest(req, res, 500, deps.locale);
          return next(false);
        },
      );
    },
    jsonBody(MAX_ACTIVITY_BYTES, deps.locale),
    (req, res, next) => {
      if (ACTIVITY_ENVELOPE.safeParse(req.body).success) return next();
      answerInApiShape(req, res, 400, deps.locale);
      return next(false);
    },
    async (req, res) => {
      await inFlight.track(deps.adapter.process(req, res, (context) => deps.bot.run(context)));
    },
  );

  // Liveness: the process answers. Readiness (below) asks the database, so a load balancer can take a replica
  // out while its database is unreachable without restarting it.
  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok', storage: deps.storageKind });
    return next();
  });

  server.get('/readyz', async (_req, res) => {
    const ready = await deps.ready().catch(() => false);
    res.json(ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready' });
  });

  for (const mount of deps.routes ?? []) mount(server);
  mountTab(server, deps.tabDir ?? TAB_DIST_DIR, deps.logger);

  server.on('restifyError', (req, res, err, callback) => {
    deps.logger.warn({ event: 'http.error', status: err.statusCode, route: req.getRoute()?.path }, 'request failed');
    if (!res.headersSent) answerInApiShape(req, res, typeof err.statusCode === 'number' ? err.statusCode : 500, deps.locale);
    return callback();
  });
  return {
    server,
    inFlight,
    refuseNewRequests: () => {
      refusing = true;
    },
  };
}

/** Short addresses the app manifest names (website, privacy, terms), pointing into the built tab. */
const REDIRECTS: Record<string, string> = {
  '/': '/tab/',
  '/tab': '/tab/',
  '/privacy': '/tab/privacy.html',
  '/terms': '/tab/terms.html',
};

function mountTab(server: Server, tabDir: string, logger: Logger): void {
  if (!existsSync(path.join(tabDir, 'index.html'))) {
    logger.warn({ event: 'tab.missing', tabDir }, 'tab not built: run npm run build');
  }
  for (const [from, to] of Object.entries(REDIRECTS)) {
    server.get(from, (_req, res, next) => {
      // 302: a permanent redirect would be cached by browsers beyond our control.
      res.redirect(302, to, next);
    });
  }
  server.get(
    '/tab/*',
    restify.plugins.serveStaticFiles(tabDir, {
      maxAge: 0,
      setHeaders: (res, file) => {
        // Hashed asset names can be cached for good; index.html must always be fresh.
        const immutable = path.relative(tabDir, file).startsWith(`assets${path.sep}`);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
}

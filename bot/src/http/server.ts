import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify, { type Server } from 'restify';
import { projectRoot } from '../project-root';
import type { StorageKind } from '../storage/database';
import type { Logger } from '../logging/logger';
import { InFlight } from './in-flight';
import { securityHeaders } from './security-headers';

/** The built tab; `npm run build` puts it here. */
export const TAB_DIST_DIR = path.join(projectRoot(), 'tab', 'dist');

/** Bot Framework activities are small; Teams refuses messages over ~100 KB anyway. */
const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  storageKind: StorageKind;
  logger: Logger;
  production: boolean;
  tabDir?: string;
}

export interface AppServer {
  server: Server;
  inFlight: InFlight;
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
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    await inFlight.track(deps.adapter.process(req, res, (context) => deps.bot.run(context)));
  });

  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok', storage: deps.storageKind });
    return next();
  });

  mountTab(server, deps.tabDir ?? TAB_DIST_DIR, deps.logger);

  server.on('restifyError', (req, res, err, callback) => {
    deps.logger.warn({ event: 'http.error', status: err.statusCode, route: req.getRoute()?.path }, 'request failed');
    return callback();
  });
  return { server, inFlight };
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

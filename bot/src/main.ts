import { ConfigError, loadConfig } from './config/config';
import { startApp } from './app';
import { createLogger } from './logging/logger';

/** The service entry point, as production runs it (`npm run serve`). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const app = await startApp(config, logger);
  logger.info(
    { event: 'service.ready', port: app.port, storage: app.db.kind, mode: config.mode, ms: Date.now() - started },
    `Sociaal Veilig listening on http://localhost:${app.port}`,
  );

  const shutdown = (signal: string) => {
    logger.info({ event: 'service.stopping', signal }, 'stopping');
    app.stop().then(
      () => {
        logger.info({ event: 'service.stopped' }, 'stopped');
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ event: 'service.stop.failed', error: error.message }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: Error) => {
  process.stderr.write(`Sociaal Veilig failed to start: ${error.message}\n`);
  process.exit(1);
});

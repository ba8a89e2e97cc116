import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './platform/logging/logger';
import { startTelemetry } from './platform/telemetry/telemetry';

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
  // Telemetry first: its instrumentations patch http and pg as the app loads them, so the app comes after.
  const telemetry = await startTelemetry(config.telemetry);
  const { startApp } = await import('./app');
  const app = await startApp(config, logger);
  logger.info(
    { event: 'service.ready', port: app.port, storage: app.db.kind, mode: config.mode, telemetry: telemetry.exporter, ms: Date.now() - started },
    `Sociaal Veilig listening on http://localhost:${app.port}`,
  );

  const shutdown = (signal: string) => {
    logger.info({ event: 'service.stopping', signal }, 'stopping');
    app.stop().then(
      async () => {
        // After the app: the spans and metrics of the stop itself go out too.
        await telemetry.shutdown();
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

import type { IncomingMessage } from 'node:http';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { Span } from '@opentelemetry/api';
import { redactSpan } from './redaction';

/** Traces and metrics to Azure Monitor (Application Insights). */
export interface TelemetrySettings {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: the resource's key and its ingestion endpoint. */
  connectionString: string;
}

export interface Telemetry {
  exporter: 'azure-monitor' | 'off';
  /** Sends what is still buffered and stops; waits at most FLUSH_TIMEOUT_MS, so a stop is never held up. */
  shutdown(): Promise<void>;
}

/** App Service stops a container soon after SIGTERM; an unreachable ingestion endpoint must not use that time up. */
export const FLUSH_TIMEOUT_MS = 5_000;

type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];

/**
 * Starts the Azure Monitor OpenTelemetry distro, before the modules it instruments (http, pg) are loaded:
 * main.ts loads the app only after this. Without settings nothing of it is loaded, and the service's metrics
 * (service-metrics.ts) go to OpenTelemetry's no-op meter.
 */
export async function startTelemetry(settings: TelemetrySettings | undefined): Promise<Telemetry> {
  if (!settings) return { exporter: 'off', shutdown: () => Promise.resolve() };
  // Statsbeat reports the SDK's own use and health to a Microsoft-owned resource outside this tenant: off.
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
  // The "cloud role" that names the service in Application Insights.
  process.env.OTEL_SERVICE_NAME ??= 'sociaal-veilig';
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor(azureMonitorOptions(settings));
  return {
    exporter: 'azure-monitor',
    shutdown: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
        shutdownAzureMonitor()
          .catch(() => undefined)
          .finally(() => {
            clearTimeout(timer);
            resolve();
          });
      }),
  };
}

function azureMonitorOptions(settings: TelemetrySettings): AzureMonitorOpenTelemetryOptions {
  // The distro types these as the base InstrumentationConfig and hands them whole to the HTTP and pg
  // instrumentations, which read the fields below; hence plain objects rather than literals in place.
  const http = { enabled: true, applyCustomAttributesOnSpan: nameByRoute };
  // Only queries of a traced request: the outbox and the scheduler poll every few seconds, and each poll would
  // otherwise be a trace of its own. Connections from the pool are no operation worth a span.
  const postgreSql = { enabled: true, requireParentSpan: true, ignoreConnectSpans: true };
  const off = { enabled: false };
  return {
    azureMonitorExporterOptions: { connectionString: settings.connectionString },
    enableLiveMetrics: false,
    browserSdkLoaderOptions: { enabled: false },
    instrumentationOptions: { http, postgreSql, azureSdk: off, mongoDb: off, mySql: off, redis: off, redis4: off },
    // Runs after the distro's own processor (standard metrics) and before the exporter's batch.
    spanProcessors: [redactingProcessor],
  };
}

const redactingProcessor: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (span) => redactSpan(span),
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * Names a request the service served by its restify route ("GET /api/signals/:id"), not its address, which may
 * hold an id or a token. restify adds getRoute() to every IncomingMessage; outgoing requests have none.
 */
function nameByRoute(span: Span, request: unknown): void {
  const route = routeOf(request);
  if (!route) return;
  span.setAttribute('http.route', route);
  span.updateName(`${(request as IncomingMessage).method ?? 'GET'} ${route}`);
}

function routeOf(request: unknown): string | undefined {
  const getRoute = (request as { getRoute?: () => { path?: unknown } | undefined }).getRoute;
  const path = typeof getRoute === 'function' ? getRoute.call(request)?.path : undefined;
  return typeof path === 'string' ? path : undefined;
}

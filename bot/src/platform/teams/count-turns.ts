import type { Middleware, TurnContext } from 'botbuilder';
import type { ServiceMetrics } from '../telemetry/service-metrics';

/**
 * Counts and times every turn by its activity type (telemetry). The first middleware, so a turn that fails
 * before it starts (the database down at the de-duplication claim) counts as failed too.
 */
export class CountTurns implements Middleware {
  constructor(private readonly metrics: ServiceMetrics) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = performance.now();
    try {
      await next();
      this.metrics.turn(context.activity.type, 'ok', performance.now() - started);
    } catch (error) {
      this.metrics.turn(context.activity.type, 'failed', performance.now() - started);
      throw error;
    }
  }
}

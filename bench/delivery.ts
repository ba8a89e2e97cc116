import { openDatabase } from '../bot/src/platform/database/open-database';
import { TEAMS_LIMITS } from '../bot/src/platform/delivery/teams-limits';
import { ConnectorStandIn } from '../tests/support/connector-stand-in';
import { seedReminderRound } from '../tests/support/reminder-round';
import { type ServiceProcess, startServiceProcess } from '../tests/support/service-process';
import { round, rssMb } from './measure';

const TENANT = '00000000-0000-4000-8000-00000000be4c';

export interface DeliveryResult {
  scenario: string;
  messages: number;
  seconds: number;
  /** Accepted requests per second over the round, as a fraction of the stand-in's tenant limit. */
  rateOfLimit: number;
  /** The same over the middle 80% of the accepted requests: without each process's warm-up and the tail. */
  steadyRateOfLimit: number;
  throttled429: number;
  faults5xx: number;
  lost: number;
  duplicated: number;
  /** Limits the stand-in's own log shows exceeded (0 expected). */
  windowsExceeded: number;
  /** Whether a CPU hog ran beside the round (bench/measure.ts, cpuHog). */
  busyMachine: boolean;
  /** Each service process's resident memory at the round's end, in MB. */
  rssMb: Array<number | null>;
}

/**
 * One reminder round of `count` messages to `count` people, each in their own chat, through two service
 * processes on one PostgreSQL database against the stand-in connector, whose tenant limit is `tenantRps`
 * (scaled up from Teams' 50 so the run stays short). Optionally with injected 5xx faults, or with one
 * process killed (SIGKILL) halfway and started again.
 */
export async function deliveryRound(
  databaseUrl: string,
  o: { scenario: string; count: number; tenantRps: number; faultRate?: number; killHalfway?: boolean; busyMachine?: boolean },
): Promise<DeliveryResult> {
  const connector = await new ConnectorStandIn().start();
  connector.limits = { tenantPerSecond: o.tenantRps, conversation: TEAMS_LIMITS.conversation };
  connector.faultRate = o.faultRate ?? 0;
  const env = {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '100',
    DELIVERY_TENANT_RPS: String(o.tenantRps),
    DELIVERY_CONCURRENCY: '32',
    // A killed replica's claims return after 5 s here (20 s by default), to keep the benchmark short.
    DELIVERY_CLAIM_LEASE_SECONDS: '5',
  };
  const processes: ServiceProcess[] = [await startServiceProcess(env), await startServiceProcess(env)];
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl });
  try {
    const t0 = performance.now();
    await seedReminderRound(db, { count: o.count, serviceUrl: connector.serviceUrl, tenantId: TENANT });
    const delivered = () => connector.deliveries().size;
    if (o.killHalfway) {
      await connector.until(() => connector.received.length >= o.count / 2, 120_000);
      processes[0]!.child.kill('SIGKILL');
      await processes[0]!.stop();
      processes[0] = await startServiceProcess(env);
    }
    await connector.until(() => delivered() >= o.count, 300_000);
    const seconds = (performance.now() - t0) / 1000;
    const rss = processes.map((p) => rssMb(p.child.pid));
    // Anything still on its way (a second copy) arrives now or not at all.
    await new Promise((r) => setTimeout(r, 1000));
    const accepted = connector.log.filter((r) => r.status < 300).map((r) => r.at);
    const perConversation = connector.deliveries();
    const spanS = (accepted[accepted.length - 1]! - accepted[0]!) / 1000;
    return {
      scenario: o.scenario,
      messages: o.count,
      seconds: round(seconds, 1),
      rateOfLimit: round((accepted.length - 1) / spanS / o.tenantRps, 3),
      steadyRateOfLimit: steadyRate(accepted) / o.tenantRps,
      throttled429: connector.log.filter((r) => r.status === 429).length,
      faults5xx: connector.log.filter((r) => r.status >= 500).length,
      lost: o.count - perConversation.size,
      duplicated: [...perConversation.values()].filter((n) => n > 1).length,
      windowsExceeded: connector.exceeded(connector.limits).length,
      busyMachine: o.busyMachine ?? false,
      rssMb: rss,
    };
  } finally {
    await db.close();
    await Promise.all(processes.map((p) => p.stop()));
    await connector.stop();
  }
}

/** Requests per second between the 10th and the 90th percentile of the arrival times. */
function steadyRate(times: number[]): number {
  const from = Math.floor(times.length * 0.1);
  const to = Math.floor(times.length * 0.9);
  return round(((to - from) / (times[to]! - times[from]!)) * 1000, 1);
}

import { ConnectorStandIn } from './connector-stand-in';
import { type ServiceProcess, startServiceProcess } from './service-process';
import { type StoreFixture, tempPostgres } from './storages';

/**
 * Two real service processes on one fresh PostgreSQL, started together (migrations and seeds meet on one database, as
 * replicas do), with a Bot Connector stand-in: the replicas a capacity race runs through. Call inside a describe.
 */
export function useTwoProcesses() {
  const race = {
    store: undefined as unknown as StoreFixture,
    connector: undefined as unknown as ConnectorStandIn,
    services: [] as ServiceProcess[],
    /** The database's address, for reading what the race left. */
    url: () => (race.store.storage.kind === 'postgres' ? race.store.storage.url : ''),
    /** An activity posted to one process as the Bot Connector would; the reply's body parsed. */
    async post(port: number, activity: object): Promise<{ status: number; body: any }> {
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
  beforeAll(async () => {
    race.store = await tempPostgres();
    race.connector = await new ConnectorStandIn().start();
    const env = { DATABASE_URL: race.url(), SIGNAL_KEY: Buffer.alloc(32, 7).toString('base64'), OUTBOX_POLL_MS: '200' };
    race.services.push(...(await Promise.all([startServiceProcess(env), startServiceProcess(env)])));
  });
  afterAll(async () => {
    await Promise.all(race.services.map((s) => s.stop()));
    await race.connector?.stop();
    await race.store?.dispose();
  });
  return race;
}

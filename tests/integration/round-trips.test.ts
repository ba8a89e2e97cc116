import { Client } from 'pg';
import { RoundTripProxy } from '../../bench/round-trips';
import { postgresDescribe } from '../support/storages';

/** The bench's count of a service's database round trips, checked against what the pg driver really sends. */
postgresDescribe('Round-trip counting')('counting a client\'s round trips through a proxy in front of PostgreSQL', () => {
  it('counts a statement without parameters, one with, and a transaction of one statement as 1, 1 and 3', async () => {
    const url = process.env.DATABASE_URL!;
    const proxy = await new RoundTripProxy(new URL(url).hostname, Number(new URL(url).port || 5432)).start();
    const client = new Client({ connectionString: proxy.urlFor(url) });
    try {
      await client.connect();
      const counted = async (work: () => Promise<unknown>) => {
        const before = proxy.count;
        await work();
        return proxy.count - before;
      };
      expect(await counted(() => client.query('SELECT 1'))).toBe(1);
      expect(await counted(() => client.query('SELECT $1::int AS n', [2]))).toBe(1);
      expect(
        await counted(async () => {
          await client.query('BEGIN');
          await client.query('SELECT $1::text', ['x']);
          await client.query('COMMIT');
        }),
      ).toBe(3);
    } finally {
      await client.end();
      await proxy.stop();
    }
  });
});

import { type StoreFactory, tempPglite, tempPostgres } from './temp-stores';

export { type StoreFactory, type StoreFixture, tempPglite, tempPostgres } from './temp-stores';

/**
 * `describe.each` input: the stores every storage test runs against, PGlite always, PostgreSQL when
 * DATABASE_URL is set (CI sets it).
 */
export function storesUnderTest(): Array<[string, StoreFactory]> {
  const stores: Array<[string, StoreFactory]> = [['pglite', tempPglite]];
  if (process.env.DATABASE_URL) stores.push(['postgres', tempPostgres]);
  else if (process.env.CI === 'true') throw new Error('CI must set DATABASE_URL so PostgreSQL is tested');
  else process.stdout.write('PostgreSQL tests skipped: DATABASE_URL is not set (CI sets it).\n');
  return stores;
}

/**
 * `describe` for tests that need a PostgreSQL server itself (replicas, a proxy in front of it): run when
 * DATABASE_URL is set, skipped with a printed reason on a machine without it, and an error under CI, which sets it.
 */
export function postgresDescribe(what: string): jest.Describe {
  if (process.env.DATABASE_URL) return describe;
  if (process.env.CI === 'true') throw new Error(`CI must set DATABASE_URL: ${what} runs on PostgreSQL`);
  process.stdout.write(`${what} skipped: DATABASE_URL is not set (CI sets it).\n`);
  return describe.skip;
}

import { ConfigError, loadConfig } from '../../bot/src/config/config';

const key = Buffer.alloc(32, 7).toString('base64');
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://sv@db.example.org:5432/sv',
  BOT_ID: '11111111-1111-4111-8111-111111111111',
  BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  SIGNAL_KEY: key,
};

/** Problems reported for `env`, as written (NODE_ENV unset means production). */
function problemsOfExactly(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** Problems reported for `env` in development, unless it names another NODE_ENV. */
const problemsOf = (env: Record<string, string>) => problemsOfExactly({ NODE_ENV: 'development', ...env });

describe('configuration', () => {
  it('is production when NODE_ENV is unset, and then refuses to run without identity, key and PostgreSQL', () => {
    expect(problemsOfExactly({})).toEqual([
      expect.stringMatching(/^BOT_ID: required in production/),
      expect.stringMatching(/^SIGNAL_KEY: required in production/),
      expect.stringMatching(/^DATABASE_URL: required in production/),
    ]);
    expect(problemsOfExactly({ NODE_ENV: 'test' })).toEqual([expect.stringMatching(/^NODE_ENV: /)]);
  });

  it('has development defaults: port 3978, PGlite in ./.data, no bot identity', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config).toMatchObject({ mode: 'development', port: 3978, storage: { kind: 'pglite', dataDir: './.data' } });
    expect(config.bot).toBeUndefined();
  });

  it('follows the Teams locale unless LOCALE pins one', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).locale).toBe('auto');
    expect(loadConfig({ NODE_ENV: 'development', LOCALE: 'nl' }).locale).toBe('nl');
    expect(problemsOf({ LOCALE: 'de' })).toEqual([expect.stringMatching(/^LOCALE: /)]);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://u@h:5432/db' }).storage).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });

  it('treats empty settings as unset', () => {
    expect(loadConfig({ NODE_ENV: 'development', PORT: '', DATABASE_URL: ' ', BOT_ID: '' }).storage.kind).toBe('pglite');
  });

  it('names the setting in every error', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problemsOf({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual([expect.stringMatching(/^DATABASE_URL: .*postgres/)]);
    expect(problemsOf({ SIGNAL_KEY: 'short' })).toEqual([expect.stringMatching(/^SIGNAL_KEY: .*32 random bytes/)]);
    expect(problemsOf({ NODE_ENV: 'staging' })).toEqual([expect.stringMatching(/^NODE_ENV: /)]);
  });

  it('starts in production with bot credentials and a signal key', () => {
    const config = loadConfig(production);
    expect(config.mode).toBe('production');
    expect(config.bot).toMatchObject({ appId: production.BOT_ID, type: 'SingleTenant', tenantId: production.BOT_TENANT_ID });
    expect(config.signalKey).toHaveLength(32);
  });

  it('refuses production without bot credentials or SIGNAL_KEY, naming both', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z' });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^BOT_ID: required in production/), expect.stringMatching(/^SIGNAL_KEY: required in production/)]),
    );
    const { SIGNAL_KEY: _omitted, ...noKey } = production;
    expect(problemsOf(noKey)).toEqual([expect.stringMatching(/^SIGNAL_KEY/)]);
  });

  it('needs a secret for a single-tenant bot, none for a managed identity, and refuses multi-tenant', () => {
    const { BOT_PASSWORD: _p, ...noSecret } = production;
    expect(problemsOf(noSecret)).toEqual([expect.stringMatching(/^BOT_PASSWORD: /)]);
    expect(problemsOf({ ...noSecret, BOT_TYPE: 'UserAssignedMSI' })).toEqual([]);
    expect(problemsOf({ ...production, BOT_TYPE: 'MultiTenant' })).toEqual([expect.stringMatching(/^BOT_TYPE: .*multi-tenant/)]);
  });

  it('reads previous signal keys for rotation and names a bad one', () => {
    expect(loadConfig({ NODE_ENV: 'development', SIGNAL_KEY_PREVIOUS: `${key}, ${key}` }).signalKeyPrevious).toHaveLength(2);
    expect(loadConfig({ NODE_ENV: 'development' }).signalKeyPrevious).toEqual([]);
    expect(problemsOf({ SIGNAL_KEY_PREVIOUS: `${key},short` })).toEqual([expect.stringMatching(/^SIGNAL_KEY_PREVIOUS: /)]);
  });

  it('refuses half an identity', () => {
    expect(problemsOf({ BOT_PASSWORD: 'x' })).toEqual([expect.stringMatching(/^BOT_ID: /)]);
    expect(problemsOf({ BOT_ID: 'x', BOT_PASSWORD: 'y' })).toEqual([expect.stringMatching(/^BOT_TENANT_ID: /)]);
  });
});

import { ConfigError, loadConfig } from '../../bot/src/config/config';

const key = Buffer.alloc(32, 7).toString('base64');
const production = {
  NODE_ENV: 'production',
  BOT_ID: '11111111-1111-4111-8111-111111111111',
  BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  SIGNAL_KEY: key,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has development defaults: port 3978, PGlite in ./.data, no bot identity', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'development', port: 3978, storage: { kind: 'pglite', dataDir: './.data' } });
    expect(config.bot).toBeUndefined();
  });

  it('follows the Teams locale unless LOCALE pins one', () => {
    expect(loadConfig({}).locale).toBe('auto');
    expect(loadConfig({ LOCALE: 'nl' }).locale).toBe('nl');
    expect(problemsOf({ LOCALE: 'de' })).toEqual([expect.stringMatching(/^LOCALE: /)]);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).storage).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });

  it('treats empty settings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ', BOT_ID: '' }).storage.kind).toBe('pglite');
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
    const problems = problemsOf({ NODE_ENV: 'production' });
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
    expect(loadConfig({ SIGNAL_KEY_PREVIOUS: `${key}, ${key}` }).signalKeyPrevious).toHaveLength(2);
    expect(loadConfig({}).signalKeyPrevious).toEqual([]);
    expect(problemsOf({ SIGNAL_KEY_PREVIOUS: `${key},short` })).toEqual([expect.stringMatching(/^SIGNAL_KEY_PREVIOUS: /)]);
  });

  it('refuses half an identity', () => {
    expect(problemsOf({ BOT_PASSWORD: 'x' })).toEqual([expect.stringMatching(/^BOT_ID: /)]);
    expect(problemsOf({ BOT_ID: 'x', BOT_PASSWORD: 'y' })).toEqual([expect.stringMatching(/^BOT_TENANT_ID: /)]);
  });
});

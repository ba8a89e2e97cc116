import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../bot/src/config/config';

const key = Buffer.alloc(32, 7).toString('base64');
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://sv@db.example.org:5432/sv',
  BOT_ID: '11111111-1111-4111-8111-111111111111',
  BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  SIGNAL_KEY: key,
  SEED_DIR: '/srv/sociaal-veilig/seeds',
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
      expect.stringMatching(/^SEED_DIR: required in production/),
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
    expect(problemsOf({ BOT_OPENID_METADATA_URL: 'https://login.botframework.example/v1/.well-known/openidconfiguration' })).toEqual([
      expect.stringMatching(/^BOT_ID: /),
    ]);
  });

  it('checks bot tokens against Microsoft\'s keys unless BOT_OPENID_METADATA_URL names others (https in production)', () => {
    expect(loadConfig(production).bot?.openIdMetadataUrl).toBeUndefined();
    const national = 'https://login.botframework.azure.example/v1/.well-known/openidconfiguration';
    expect(loadConfig({ ...production, BOT_OPENID_METADATA_URL: national }).bot?.openIdMetadataUrl).toBe(national);
    expect(problemsOf({ ...production, BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration' })).toEqual([
      expect.stringMatching(/^BOT_OPENID_METADATA_URL: must be https/),
    ]);
    expect(problemsOf({ ...production, BOT_OPENID_METADATA_URL: 'not a url' })).toEqual([expect.stringMatching(/^BOT_OPENID_METADATA_URL: /)]);
  });

  it('has abuse limits with defaults, each a setting', () => {
    expect(loadConfig(production)).toMatchObject({
      limits: { turnsPerMinute: 60, signalsPerHour: 5, apiPerMinute: 120, apiPerIpPerMinute: 1000 },
      trustedProxyHops: 0,
    });
    const set = loadConfig({ ...production, LIMIT_TURNS_PER_MINUTE: '30', LIMIT_SIGNALS_PER_HOUR: '3', LIMIT_API_PER_MINUTE: '90', LIMIT_API_PER_IP_PER_MINUTE: '5000', TRUSTED_PROXY_HOPS: '1' });
    expect(set).toMatchObject({ limits: { turnsPerMinute: 30, signalsPerHour: 3, apiPerMinute: 90, apiPerIpPerMinute: 5000 }, trustedProxyHops: 1 });
    for (const name of ['LIMIT_TURNS_PER_MINUTE', 'LIMIT_SIGNALS_PER_HOUR', 'LIMIT_API_PER_MINUTE', 'LIMIT_API_PER_IP_PER_MINUTE']) {
      expect(problemsOf({ [name]: '0' })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
      expect(problemsOf({ [name]: 'many' })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
    }
    expect(problemsOf({ TRUSTED_PROXY_HOPS: '-1' })).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS: /)]);
  });

  it('sends telemetry to Azure Monitor only with a connection string, and checks the sampler settings the distro reads', () => {
    expect(loadConfig(production).telemetry).toBeUndefined();
    expect(loadConfig({ ...production, APPLICATIONINSIGHTS_CONNECTION_STRING: ' ' }).telemetry).toBeUndefined();
    const connectionString = 'InstrumentationKey=3f0e6a52-9c1d-4b7e-8a2f-6d5c4b3a2910;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
    expect(loadConfig({ ...production, APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).telemetry).toEqual({ connectionString });
    expect(problemsOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/' })).toEqual([
      expect.stringMatching(/^APPLICATIONINSIGHTS_CONNECTION_STRING: must be the Application Insights/),
    ]);
    expect(problemsOf({ OTEL_TRACES_SAMPLER: 'microsoft.fixed_percentage', OTEL_TRACES_SAMPLER_ARG: '0.25' })).toEqual([]);
    expect(problemsOf({ OTEL_TRACES_SAMPLER: 'microsoft.rate_limited', OTEL_TRACES_SAMPLER_ARG: '20' })).toEqual([]);
    expect(problemsOf({ OTEL_TRACES_SAMPLER: 'sometimes' })).toEqual([expect.stringMatching(/^OTEL_TRACES_SAMPLER: /)]);
    expect(problemsOf({ OTEL_TRACES_SAMPLER_ARG: 'half' })).toEqual([expect.stringMatching(/^OTEL_TRACES_SAMPLER_ARG: /)]);
    expect(problemsOf({ OTEL_TRACES_SAMPLER: 'trace_id_ratio', OTEL_TRACES_SAMPLER_ARG: '5' })).toEqual([
      expect.stringMatching(/^OTEL_TRACES_SAMPLER_ARG: must be a share from 0 to 1/),
    ]);
  });
});

describe('SEED_DIR in production: a ministry\'s own files, never the fictional samples', () => {
  const root = path.resolve(__dirname, '..', '..');
  const samples = path.join(root, 'bot', 'src', 'samples');
  let own: string;
  beforeEach(() => {
    own = mkdtempSync(path.join(tmpdir(), 'sv-seeds-'));
  });
  afterEach(() => rmSync(own, { recursive: true, force: true }));

  it('refuses to start without it, naming the setting and what belongs in it', () => {
    const { SEED_DIR: _unset, ...withoutSeeds } = production;
    expect(problemsOfExactly(withoutSeeds)).toEqual([expect.stringMatching(/^SEED_DIR: required in production \(the folder with your own sociale-kaart\.json/)]);
    expect(problemsOfExactly({ ...withoutSeeds, SEED_DIR: '  ' })).toEqual([expect.stringMatching(/^SEED_DIR: required in production/)]);
  });

  it.each([
    ['the samples\' folder', () => samples],
    ['the samples\' folder, relative to the working directory', () => path.relative(process.cwd(), samples)],
    ['the samples\' folder through a detour', () => path.join(samples, '..', 'samples')],
    ['the samples as the build copies them into dist/', () => path.join(root, 'dist', 'bot', 'src', 'samples')],
  ])('refuses %s', (_what, dir) => {
    expect(problemsOfExactly({ ...production, SEED_DIR: dir() })).toEqual([expect.stringMatching(/^SEED_DIR: .* is the folder of the bundled sample data, which is fictional/)]);
  });

  it('refuses a folder of its own that holds a sample file, even reformatted', () => {
    copyFileSync(path.join(samples, 'counsellors.json'), path.join(own, 'counsellors.json'));
    expect(problemsOfExactly({ ...production, SEED_DIR: own })).toEqual([expect.stringMatching(/^SEED_DIR: .*counsellors\.json holds the bundled sample counsellors\.json/)]);
    rmSync(path.join(own, 'counsellors.json'));
    const kaart = JSON.parse(readFileSync(path.join(samples, 'sociale-kaart.json'), 'utf8')) as unknown;
    writeFileSync(path.join(own, 'sociale-kaart.json'), JSON.stringify(kaart));
    expect(problemsOfExactly({ ...production, SEED_DIR: own })).toEqual([expect.stringMatching(/sociale-kaart\.json holds the bundled sample/)]);
  });

  it('takes a folder with files of its own, and development still runs on the samples', () => {
    writeFileSync(path.join(own, 'counsellors.json'), '{"counsellors": []}');
    expect(loadConfig({ ...production, SEED_DIR: own }).seedDir).toBe(own);
    expect(loadConfig({ NODE_ENV: 'development' }).seedDir).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'development', SEED_DIR: samples }).seedDir).toBe(samples);
  });
});

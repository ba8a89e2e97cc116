import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { Client } from 'pg';
import { loadConfig, SETTING_NAMES } from '../../bot/src/config/config';
import { FLUSH_TIMEOUT_MS } from '../../bot/src/platform/telemetry/telemetry';
import { SECRETS } from '../../scripts/ensure-secrets';

/**
 * Azure cannot be reached from here, so the deployment is checked by construction, the way the toolkit reads it
 * (`@microsoft/teamsfx-core`): each project file against the toolkit's own schema for its `version:`; every
 * ${{VAR}} a step, a manifest or a parameters file uses has a non-empty value by the time the step runs (the
 * toolkit leaves an empty one unreplaced, and arm/deploy then fails); what teamsapp.yml passes to the Bicep exists
 * there and what it reads back is produced; and what the service needs in production is what the Bicep sets.
 * `bicep build` checks the Bicep itself (it needs the Bicep CLI, which needs the network).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Step {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  version: string;
  provision?: Step[];
  deploy?: Step[];
  publish?: Step[];
}
interface Template {
  path: string;
  parameters: string;
}

const projectOf = (file: string) => load(read(file)) as ProjectFile;
const project = projectOf('teamsapp.yml');
const provision = project.provision!;
const armSteps = provision.filter((s) => s.uses === 'arm/deploy');
const templatesOf = (step: Step) => step.with!.templates as Template[];
const allTemplates = armSteps.flatMap(templatesOf);
const mainTemplate = allTemplates.find((t) => t.path === './infra/azure.bicep')!;
const bicep = read('infra/azure.bicep');
const parametersOf = (t: Template) => JSON.parse(read(t.parameters)) as { parameters: Record<string, { value: unknown }> };

/** `param name type [= default]` at the start of a line; decorators sit on the lines above. */
const bicepParams = (text: string) => [...text.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => ({ name: m[1]!, required: !m[2] }));
const bicepOutputs = (text: string) => [...text.matchAll(/^output (\w+) \w+ = /gm)].map((m) => m[1]!);
const placeholders = (text: string) => [...new Set([...text.matchAll(/\$\{\{([A-Za-z0-9_]+)\}\}/g)].map((m) => m[1]!))];

/** An environment file's keys with their values, as the toolkit reads them (comments and blank lines skipped). */
function environment(file: string): Map<string, string> {
  return new Map([...read(file).matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** The files a step reads placeholders from, besides its own arguments. */
function filesReadBy(step: Step): string[] {
  const w = step.with ?? {};
  if (step.uses === 'arm/deploy') return templatesOf(step).map((t) => t.parameters);
  if (step.uses === 'aadApp/update') return [w.manifestPath as string];
  if (['teamsApp/validateManifest', 'teamsApp/zipAppPackage'].includes(step.uses)) return [w.manifestPath as string, 'appPackage/en.json'];
  return [];
}

/** What a step makes for itself when it has no value: aadApp/update the scope's id (teamsfx-core, buildAadManifest). */
const madeBy = (step: Step) => (step.uses === 'aadApp/update' ? ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'] : []);

/** What a step writes to the environment: its writeToEnvironmentFile, or for arm/deploy the templates' outputs. */
function writtenBy(step: Step): string[] {
  if (step.uses === 'arm/deploy') return templatesOf(step).flatMap((t) => bicepOutputs(read(t.path)));
  return [...madeBy(step), ...Object.values(step.writeToEnvironmentFile ?? {})];
}

/**
 * Walks a project file's stages in order, as the toolkit runs them, and lists every placeholder that would have no
 * value where it is used. `given` are the values the environment file gives; `asked` the built-ins the toolkit asks
 * for when empty (and writes); `filledIn` those the environment file tells the developer to fill in.
 */
function unresolved(file: ProjectFile, given: Map<string, string>, options: { asked?: string[]; filledIn?: string[]; secrets?: string[] } = {}): string[] {
  const known = new Set([...[...given].filter(([, v]) => v !== '').map(([k]) => k), ...(options.asked ?? []), ...(options.filledIn ?? []), ...(options.secrets ?? [])]);
  const missing: string[] = [];
  for (const stage of ['provision', 'deploy', 'publish'] as const) {
    for (const step of file[stage] ?? []) {
      madeBy(step).forEach((v) => known.add(v));
      const used = [...placeholders(JSON.stringify(step)), ...filesReadBy(step).flatMap((f) => placeholders(read(f)))];
      // APP_NAME_SUFFIX is the one the toolkit replaces even when empty.
      for (const v of used) if (!known.has(v) && !(v === 'APP_NAME_SUFFIX' && given.has(v))) missing.push(`${stage} ${step.uses}: ${v}`);
      writtenBy(step).forEach((v) => known.add(v));
    }
  }
  return [...new Set(missing)];
}

describe('the project files, against the toolkit\'s own schema for their version', () => {
  const source = JSON.parse(read('tests/support/toolkit-schema/source.json')) as { package: string; version: string };
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validatorFor = (version: string) => {
    const file = `tests/support/toolkit-schema/${version}/yaml.schema.json`;
    if (!existsSync(path.join(ROOT, file))) throw new Error(`no schema for version ${version} from ${source.package} ${source.version}: add it (tests/support/toolkit-schema/README.md)`);
    return ajv.compile(JSON.parse(read(file)));
  };

  it.each(['teamsapp.yml', 'teamsapp.local.yml', 'm365agents.playground.yml'])('%s is valid', (file) => {
    const content = projectOf(file);
    const validate = validatorFor(content.version);
    expect({ file, valid: validate(content), errors: validate.errors ?? null }).toEqual({ file, valid: true, errors: null });
    // The editor hint names the same schema version.
    expect(read(file)).toContain(`$schema=https://aka.ms/m365-agents-toolkits/${content.version}/yaml.schema.json`);
  });

  it('catches what the toolkit would refuse: a misspelt argument, an unknown action, another version', () => {
    const validate = validatorFor('v1.11');
    const broken = (change: (p: ProjectFile) => void) => {
      const copy = structuredClone(project);
      change(copy);
      return validate(copy);
    };
    expect(
      broken((p) => {
        p.provision!.find((s) => s.uses === 'arm/deploy')!.with!.bicepVersion = 'v0.47.16';
      }),
    ).toBe(false);
    expect(broken((p) => (p.provision![0]!.uses = 'teamsApp/creat'))).toBe(false);
    expect(broken((p) => (p.version = 'v1.8'))).toBe(false);
  });
});

describe('teamsapp.yml: the stops an admin met before anything reached Azure', () => {
  const env = environment('env/.env.dev');

  it('gives every ${{VAR}} of every step a non-empty value before the step runs, or a step that writes it first', () => {
    expect(unresolved(project, env, { asked: ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'] })).toEqual([]);
  });

  it('finds the unresolved ones: an empty RESOURCE_SUFFIX, a parameter no step writes', () => {
    expect(unresolved(project, new Map([...env, ['RESOURCE_SUFFIX', '']]), { asked: ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'] })).toEqual(
      expect.arrayContaining(['provision arm/deploy: RESOURCE_SUFFIX']),
    );
    const withoutKeyVaultStep = { ...project, provision: provision.filter((s) => !(s.uses === 'arm/deploy' && templatesOf(s)[0]!.path.includes('key-vault'))) };
    expect(unresolved(withoutKeyVaultStep, env, { asked: ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'] })).toEqual(
      expect.arrayContaining(['provision script: KEY_VAULT_RESOURCE_ID', 'provision arm/deploy: KEY_VAULT_NAME']),
    );
  });

  it('names a resource base of 3 to 16 lowercase letters and digits', () => {
    const base = (parametersOf(mainTemplate).parameters.resourceBaseName!.value as string).replace('${{RESOURCE_SUFFIX}}', env.get('RESOURCE_SUFFIX')!);
    expect(base).toMatch(/^[a-z0-9]{3,16}$/);
    expect(parametersOf(allTemplates[0]!).parameters.resourceBaseName).toEqual(parametersOf(mainTemplate).parameters.resourceBaseName);
  });

  it('downloads a pinned Bicep CLI for every Bicep template instead of relying on a `bicep` on the PATH', () => {
    for (const step of armSteps) {
      expect(templatesOf(step).every((t) => t.path.endsWith('.bicep'))).toBe(true);
      expect(step.with!.bicepCliVersion).toMatch(/^v\d+\.\d+\.\d+$/);
    }
    // One version throughout, the one the guide names.
    expect(new Set(armSteps.map((s) => s.with!.bicepCliVersion)).size).toBe(1);
    expect(read('docs/DEPLOYMENT.md')).toContain(String(armSteps[0]!.with!.bicepCliVersion));
  });

  it('creates every Entra app with its service principal, in every project file', () => {
    for (const file of ['teamsapp.yml', 'teamsapp.local.yml']) {
      const creates = (projectOf(file).provision ?? []).filter((s) => s.uses === 'aadApp/create');
      expect(creates.length).toBeGreaterThan(0);
      for (const step of creates) expect({ file, name: step.with!.name, sp: step.with!.generateServicePrincipal }).toEqual({ file, name: step.with!.name, sp: true });
    }
  });
});

describe('teamsapp.yml and the Bicep templates agree', () => {
  it.each(allTemplates.map((t) => [t.path, t] as const))('%s: files exist, every parameter passed is declared and every required one passed', (_path, t) => {
    expect(existsSync(path.join(ROOT, t.path))).toBe(true);
    const declared = bicepParams(read(t.path));
    const passed = Object.keys(parametersOf(t).parameters);
    expect(passed.filter((p) => !declared.some((d) => d.name === p))).toEqual([]);
    expect(declared.filter((d) => d.required && !passed.includes(d.name)).map((d) => d.name)).toEqual([]);
  });

  it('deploys the Key Vault before the secrets are made, and both before the resources that read them', () => {
    const index = (match: (s: Step) => boolean) => provision.findIndex(match);
    const vault = index((s) => s.uses === 'arm/deploy' && templatesOf(s)[0]!.path === './infra/key-vault.bicep');
    const secrets = index((s) => s.uses === 'script' && /ensure-secrets/.test(String(s.with!.run)));
    const build = index((s) => s.uses === 'cli/runNpmCommand' && s.with!.args === 'run build:service');
    const resources = index((s) => s.uses === 'arm/deploy' && templatesOf(s)[0]!.path === './infra/azure.bicep');
    expect([vault, build, secrets, resources].every((i) => i >= 0)).toBe(true);
    expect(vault < secrets && build < secrets && secrets < resources).toBe(true);
    expect(provision[secrets]!.env).toEqual({ KEY_VAULT_RESOURCE_ID: '${{KEY_VAULT_RESOURCE_ID}}' });
    expect(read('scripts/ensure-secrets.ts')).toContain('process.env.KEY_VAULT_RESOURCE_ID');
  });

  it('writes every Bicep output to the environment file, where a line shows it', () => {
    const env = read('env/.env.dev');
    for (const t of allTemplates) for (const output of bicepOutputs(read(t.path))) expect(env).toMatch(new RegExp(`^${output}=`, 'm'));
  });

  it('passes no secret through a parameters file or the environment: the templates read them from Key Vault', () => {
    for (const t of allTemplates) {
      expect(read(t.path)).not.toMatch(/@secure\(\)\nparam/);
      expect(placeholders(read(t.parameters)).filter((v) => v.startsWith('SECRET_'))).toEqual([]);
    }
    // No Key Vault secret is a resource of any template: none is written by a provision.
    for (const file of ['infra/azure.bicep', 'infra/key-vault.bicep', 'infra/modules/postgres.bicep', 'infra/modules/network.bicep']) {
      expect({ file, secrets: read(file).match(/Microsoft\.KeyVault\/vaults\/secrets/g) }).toEqual({ file, secrets: null });
    }
    expect(bicep).toMatch(/resource vault 'Microsoft\.KeyVault\/vaults@[\d-]+' existing = \{\n {2}name: keyVaultName\n\}/);
    expect(bicep).toContain("administratorLoginPassword: vault.getSecret('postgres-admin-password')");
    expect(read('infra/key-vault.bicep')).toContain('enabledForTemplateDeployment: true');
    expect(read('.gitignore')).toMatch(/^env\/\.env\.\*\.user$/m);
  });

  it('makes exactly the secrets the app reads in Key Vault; the optional previous key only when the env file says it is there', () => {
    const referenced = [...bicep.matchAll(/secretReference\(keyVaultName, '([a-z-]+)'\)/g)].map((m) => m[1]!);
    const getSecret = [...bicep.matchAll(/getSecret\('([a-z-]+)'\)/g)].map((m) => m[1]!);
    expect(new Set([...referenced, ...getSecret].filter((n) => n !== 'signal-key-previous'))).toEqual(new Set(SECRETS.map((s) => s.name)));
    expect(bicep).toMatch(/previousSignalKeysInVault == 'true' \? \[\{ name: 'SIGNAL_KEY_PREVIOUS', value: secretReference\(keyVaultName, 'signal-key-previous'\) \}\] : \[\]/);
  });
});

/** The app settings the template writes itself, name and Bicep expression. */
const fixedSettings = new Map([...bicep.slice(bicep.indexOf('var fixedSettings'), bicep.indexOf('var adminSettings')).matchAll(/\{ name: '([A-Za-z_]+)', value: (.+) \}/g)].map((m) => [m[1]!, m[2]!]));
const serviceSettings = parametersOf(mainTemplate).parameters.serviceSettings!.value as Record<string, string>;
/** Settings the service reads that production leaves at their defaults, each for a reason. */
const NOT_IN_PRODUCTION: Record<string, string> = {
  PORT: 'App Service sets it',
  DATA_DIR: 'PGlite only',
  BOT_PASSWORD: 'the bot is a managed identity',
  BOT_OPENID_METADATA_URL: 'national clouds and tests only',
  TAB_JWKS_URL: 'tests only',
  SIGNAL_KEY_PREVIOUS: 'a Key Vault reference, set by previousSignalKeysInVault',
};

describe('infra/azure.bicep gives the service what it needs, and keeps what the admin set', () => {
  const env = environment('env/.env.dev');
  /** The production environment as App Service would give it, with stand-ins for what only Azure knows. */
  const productionEnvironment = () => ({
    ...Object.fromEntries(Object.entries(serviceSettings).map(([name, value]) => [name, value.replace(/\$\{\{(\w+)\}\}/, (_m, v: string) => env.get(v)!)])),
    NODE_ENV: 'production',
    BOT_ID: '11111111-1111-4111-8111-111111111111',
    BOT_TYPE: 'UserAssignedMSI',
    BOT_TENANT_ID: '22222222-2222-4222-8222-222222222222',
    SIGNAL_KEY: Buffer.alloc(32, 3).toString('base64'),
    DATABASE_URL: 'postgres://sociaalveilig@sv.postgres.database.azure.com:5432/sociaalveilig?sslmode=require',
    TAB_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
    TAB_APP_ID_URI: 'api://sociaalvdev-abc.azurewebsites.net/33333333-3333-4333-8333-333333333333',
    TAB_TENANT_ID: '44444444-4444-4444-8444-444444444444',
    PUBLIC_BASE_URL: 'https://sociaalvdev-abc.azurewebsites.net',
    TRUSTED_PROXY_HOPS: '1',
  });

  it('sets every setting the service reads: by the template, from the env file, or left at its default for a stated reason', () => {
    const covered = new Set([...fixedSettings.keys(), ...Object.keys(serviceSettings), ...Object.keys(NOT_IN_PRODUCTION)]);
    expect(SETTING_NAMES.filter((name) => !covered.has(name))).toEqual([]);
    // The admin's settings are the service's own, none of them one the template decides.
    expect(Object.keys(serviceSettings).filter((name) => !(SETTING_NAMES as readonly string[]).includes(name))).toEqual([]);
    expect(Object.keys(serviceSettings).filter((name) => fixedSettings.has(name))).toEqual([]);
  });

  it('takes each admin setting from the env file, by its own name, with a value the service accepts in production', () => {
    for (const [name, value] of Object.entries(serviceSettings)) expect({ name, value }).toEqual({ name, value: `\${{${name}}}` });
    const config = loadConfig(productionEnvironment());
    expect(config).toMatchObject({ mode: 'production', seedDir: env.get('SEED_DIR'), locale: env.get('LOCALE'), limits: { turnsPerMinute: Number(env.get('LIMIT_TURNS_PER_MINUTE')) } });
  });

  it('puts the admin settings into the app settings, after the template\'s own', () => {
    expect(bicep).toContain('var adminSettings = [for setting in items(serviceSettings): { name: setting.key, value: setting.value }]');
    expect(bicep).toContain('appSettings: concat(fixedSettings, adminSettings, rotationSettings)');
  });

  it('reads the secrets as versionless Key Vault references, and the database password through PGPASSWORD', () => {
    expect(fixedSettings.get('SIGNAL_KEY')).toBe("secretReference(keyVaultName, 'signal-key')");
    expect(fixedSettings.get('PGPASSWORD')).toBe("secretReference(keyVaultName, 'postgres-admin-password')");
    expect(bicep).toContain("func secretReference(vaultName string, secretName string) string => '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'");
    expect(fixedSettings.get('DATABASE_URL')).toMatch(/^'postgres:\/\/\$\{postgresAdmin\}@\$\{postgres\.outputs\.host\}:5432\/\$\{databaseName\}\?sslmode=require'$/);
    expect(bicep).toMatch(/keyVaultReferenceIdentity: identity\.id/);
  });

  it('connects node-postgres with the password from PGPASSWORD when the URL has none', () => {
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = 'from-key-vault';
    try {
      const client = new Client({ connectionString: 'postgres://sociaalveilig@db.example:5432/sociaalveilig?sslmode=require' });
      expect(client.password).toBe('from-key-vault');
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }
  });

  it('accepts tab tokens of the Microsoft 365 tenant the Entra app was made in, not the subscription\'s', () => {
    expect(fixedSettings.get('TAB_TENANT_ID')).toBe('m365TenantId');
    expect(parametersOf(mainTemplate).parameters.m365TenantId).toEqual({ value: '${{AAD_APP_TENANT_ID}}' });
    expect(provision.find((s) => s.uses === 'aadApp/create')!.writeToEnvironmentFile!.tenantId).toBe('AAD_APP_TENANT_ID');
    expect(bicep).not.toMatch(/TAB_TENANT_ID.*subscription\(\)/);
    // The tab's App ID URI is the one aad.manifest.json sets: api://<BOT_DOMAIN>/<client id>.
    expect(read('aad.manifest.json')).toContain('api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}');
    expect(fixedSettings.get('TAB_APP_ID_URI')).toBe("'api://${names.site}.azurewebsites.net/${tabClientId}'");
  });

  it('runs Node 22 LTS, two instances or more, health check, HTTPS only, the start command', () => {
    expect(bicep).toMatch(/linuxFxVersion: 'NODE\|22-lts'/);
    expect(Number(env.get('INSTANCE_COUNT'))).toBeGreaterThanOrEqual(2);
    expect(bicep).toMatch(/capacity: int\(instanceCount\)/);
    const days = Number(env.get('POSTGRES_BACKUP_RETENTION_DAYS'));
    expect(days >= 7 && days <= 35).toBe(true);
    expect(bicep).toMatch(/healthCheckPath: '\/healthz'/);
    expect(bicep).toMatch(/httpsOnly: true/);
    expect(bicep).toMatch(/appCommandLine: 'npm run serve'/);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
    expect(pkg.scripts.serve).toBeDefined();
    expect(pkg.engines.node).toBe('>=22');
    expect(read('.ci/run')).toMatch(/^NODE_VERSION=22\.\d+\.\d+$/m);
  });

  it('registers the bot with a user-assigned managed identity and the Teams channel, never a new multi-tenant app', () => {
    expect(bicep).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bicep).not.toMatch(/MultiTenant/);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(bicep).toMatch(/endpoint: 'https:\/\/\$\{site\.properties\.defaultHostName\}\/api\/messages'/);
    expect(env.get('BOT_LOCATION')).toMatch(/^(global|westeurope)$/);
  });

  it('trusts exactly the one proxy in front, App Service\'s front end, for the client address of the per-address limit', () => {
    expect(fixedSettings.get('TRUSTED_PROXY_HOPS')).toBe("'1'");
    expect(loadConfig({ NODE_ENV: 'development', TRUSTED_PROXY_HOPS: '1' }).trustedProxyHops).toBe(1);
  });

  it('turns telemetry on with the Application Insights connection string, and leaves App Service\'s own agent off', () => {
    expect(fixedSettings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe('insights.properties.ConnectionString');
    expect(bicep).not.toContain('ApplicationInsightsAgent_EXTENSION_VERSION');
    expect(bicep).toMatch(/WorkspaceResourceId: logs\.id/);
  });

  it('gives a stopping instance more time than the service takes to finish its turns and flush its telemetry', () => {
    expect(fixedSettings.get('WEBSITES_CONTAINER_STOP_TIME_LIMIT')).toBe('string(int(serviceSettings.SHUTDOWN_GRACE_MS) / 1000 + 15)');
    const grace = Number(env.get('SHUTDOWN_GRACE_MS'));
    const stopLimitSeconds = Math.floor(grace / 1000) + 15;
    expect(stopLimitSeconds * 1000).toBeGreaterThanOrEqual(grace + FLUSH_TIMEOUT_MS + 5_000);
    expect(stopLimitSeconds).toBeLessThanOrEqual(120);
  });

  it('keeps private networking off by default, and when on closes PostgreSQL and Key Vault to the internet', () => {
    expect(env.get('PRIVATE_NETWORKING')).toBe('false');
    expect(bicep).toMatch(/module network 'modules\/network\.bicep' = if \(privately\)/);
    expect(bicep).toMatch(/virtualNetworkSubnetId: privately \? network\.outputs\.appSubnetId : null/);
    expect(read('infra/modules/postgres.bicep')).toContain("network: { publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled' }");
    expect(read('infra/modules/postgres.bicep')).toMatch(/resource fromAzure .* = if \(!privateNetworking\)/);
    expect(read('infra/key-vault.bicep')).toContain("defaultAction: privateNetworking == 'true' ? 'Deny' : 'Allow'");
  });
});

describe('teamsapp.yml deploys one built artefact', () => {
  const deploy = project.deploy!;

  it('builds once, stages dist/, tab/dist/, the seeds and the production dependencies, and uploads only that', () => {
    expect(deploy.map((s) => [s.uses, s.with!.args ?? s.with!.artifactFolder])).toEqual([
      ['cli/runNpmCommand', 'ci --no-audit --no-fund'],
      ['cli/runNpmCommand', 'run build'],
      ['cli/runNpmCommand', 'run stage'],
      ['azureAppService/zipDeploy', '.deploy'],
    ]);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.stage).toBe('node dist/scripts/stage-deploy.js');
    expect(read('.gitignore')).toMatch(/^\.deploy\/$/m);
    expect(fixedSettings.get('WEBSITE_RUN_FROM_PACKAGE')).toBe("'1'");
    expect(fixedSettings.get('SCM_DO_BUILD_DURING_DEPLOYMENT')).toBe("'false'");
  });
});

it('m365agents.playground.yml needs no value at all', () => {
  expect(unresolved(projectOf('m365agents.playground.yml'), environment('env/.env.playground'))).toEqual([]);
});

describe('teamsapp.local.yml: real Teams with the service on this machine', () => {
  const local = projectOf('teamsapp.local.yml');
  const env = environment('env/.env.local');
  const written = local.deploy!.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!.with as { target: string; envs: Record<string, string> };

  it('resolves every ${{VAR}} once the developer has filled in the tunnel, as env/.env.local asks', () => {
    expect(unresolved(local, env, { filledIn: ['BOT_DOMAIN', 'BOT_ENDPOINT'], secrets: [] })).toEqual([]);
    expect(read('env/.env.local')).toMatch(/BOT_DOMAIN=abc123-3978\.euw\.devtunnels\.ms/);
  });

  it('writes the settings the service reads (TAB_*, PUBLIC_BASE_URL), and nothing it does not', () => {
    expect(written.target).toBe('./.localConfigs');
    expect(Object.keys(written.envs).filter((name) => !(SETTING_NAMES as readonly string[]).includes(name))).toEqual([]);
    expect(written.envs).toMatchObject({
      NODE_ENV: 'development',
      TAB_CLIENT_ID: '${{AAD_APP_CLIENT_ID}}',
      TAB_APP_ID_URI: 'api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}',
      TAB_TENANT_ID: '${{AAD_APP_TENANT_ID}}',
      PUBLIC_BASE_URL: '${{BOT_ENDPOINT}}',
    });
  });

  it('gives, filled in and loaded by `npm run serve:teams`, a development service with bot and tab sign-in and no development sign-in', () => {
    const values: Record<string, string> = {
      BOT_ID: '55555555-5555-4555-8555-555555555555',
      SECRET_BOT_PASSWORD: 'a-secret',
      BOT_TENANT_ID: '66666666-6666-4666-8666-666666666666',
      AAD_APP_CLIENT_ID: '77777777-7777-4777-8777-777777777777',
      AAD_APP_TENANT_ID: '66666666-6666-4666-8666-666666666666',
      BOT_DOMAIN: 'abc123-3978.euw.devtunnels.ms',
      BOT_ENDPOINT: 'https://abc123-3978.euw.devtunnels.ms',
    };
    const filled = Object.fromEntries(Object.entries(written.envs).map(([k, v]) => [k, String(v).replace(/\$\{\{(\w+)\}\}/g, (_m, name: string) => values[name]!)]));
    const config = loadConfig(filled);
    expect(config.mode).toBe('development');
    expect(config.bot).toMatchObject({ appId: values.BOT_ID, type: 'SingleTenant' });
    expect(config.tab).toMatchObject({ clientId: values.AAD_APP_CLIENT_ID, appIdUri: `api://${values.BOT_DOMAIN}/${values.AAD_APP_CLIENT_ID}`, tenantId: values.AAD_APP_TENANT_ID });
    expect(config.publicBaseUrl).toBe(values.BOT_ENDPOINT);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts['serve:teams']).toMatch(/node --env-file=\.localConfigs (--\S+ )*dist\/bot\/src\/main\.js/);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '../../bot/src/config/config';
import { FLUSH_TIMEOUT_MS } from '../../bot/src/telemetry/telemetry';

/**
 * Azure cannot be reached from here, so the deployment is checked by construction: what teamsapp.yml passes
 * to infra/azure.bicep exists there, what it reads back is produced, and every ${{VAR}} a step, a manifest or
 * the parameters file uses has a source. `az bicep build --file infra/azure.bicep` checks the Bicep itself.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  provision: Step[];
  deploy: Step[];
  publish: Step[];
}

const project = load(read('teamsapp.yml')) as ProjectFile;
const bicep = read('infra/azure.bicep');
const armStep = project.provision.find((s) => s.uses === 'arm/deploy')!;
const template = (armStep.with!.templates as Array<{ path: string; parameters: string }>)[0]!;
const parametersFile = JSON.parse(read(template.parameters)) as { parameters: Record<string, { value: unknown }> };

/** `param name type [= default]` at the start of a line; decorators sit on the lines above. */
const bicepParams = [...bicep.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => ({ name: m[1]!, required: !m[2] }));
const bicepOutputs = [...bicep.matchAll(/^output (\w+) \w+ = /gm)].map((m) => m[1]!);
const placeholders = (text: string) => [...text.matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]!);

/** Keys an environment file defines, and SECRET_ names it documents in comments (they live in .env.<env>.user). */
function environmentKeys(file: string): Set<string> {
  const text = read(file);
  return new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
}

const written = (steps: Step[]) => steps.flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {}));

describe('teamsapp.yml and infra/azure.bicep agree (checked offline)', () => {
  it('points arm/deploy at files that exist', () => {
    expect(existsSync(path.join(ROOT, template.path))).toBe(true);
    expect(existsSync(path.join(ROOT, template.parameters))).toBe(true);
  });

  it('passes only parameters the template declares, and every one it requires', () => {
    const declared = new Set(bicepParams.map((p) => p.name));
    const passed = Object.keys(parametersFile.parameters);
    expect(passed.filter((p) => !declared.has(p))).toEqual([]);
    expect(bicepParams.filter((p) => p.required && !passed.includes(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('has a source for every ${{VAR}} in the parameters file: the environment file, or a step before arm/deploy', () => {
    const before = project.provision.slice(0, project.provision.indexOf(armStep));
    const known = new Set([...environmentKeys('env/.env.dev'), ...written(before)]);
    expect(placeholders(read(template.parameters)).filter((v) => !known.has(v))).toEqual([]);
  });

  it('produces, as Bicep outputs, everything the later steps and the manifests read that nothing else writes', () => {
    const produced = new Set([...written([...project.provision, ...project.deploy, ...project.publish])]);
    const env = read('env/.env.dev');
    // Set by the deployer or the toolkit itself, with a value or empty to be asked.
    const given = new Set([...env.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].filter((m) => !/^(BOT_|AZURE_APP_SERVICE)/.test(m[1]!)).map((m) => m[1]!));
    const used = new Set([
      ...placeholders(JSON.stringify(project.deploy) + JSON.stringify(project.publish)),
      ...placeholders(JSON.stringify(project.provision.slice(project.provision.indexOf(armStep) + 1))),
      ...placeholders(read('aad.manifest.json')),
      ...placeholders(read('appPackage/manifest.json')),
    ]);
    const needed = [...used].filter((v) => !produced.has(v) && !given.has(v)).sort();
    expect(needed).toEqual(['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ID']);
    expect(needed.filter((v) => !bicepOutputs.includes(v))).toEqual([]);
    // And the environment file has a line for each output, so they are visible where the toolkit writes them.
    for (const output of bicepOutputs) expect(env).toMatch(new RegExp(`^${output}=`, 'm'));
  });

  it('keeps secrets out of the repository: the parameters file takes them from SECRET_ variables, the template marks them @secure', () => {
    for (const [name, { value }] of Object.entries(parametersFile.parameters)) {
      if (/key|password|secret/i.test(name)) expect({ name, value }).toEqual({ name, value: expect.stringMatching(/^\$\{\{SECRET_[A-Z_]+\}\}$/) });
    }
    for (const name of ['signalKey', 'postgresAdminPassword']) expect(bicep).toMatch(new RegExp(`@secure\\(\\)\\nparam ${name} string`));
    expect(read('.gitignore')).toMatch(/^env\/\.env\.\*\.user$/m);
  });

  it('builds what the issue and the app need: two or more instances, health check, HTTPS only, Node 20, the start command', () => {
    expect(bicep).toMatch(/@minValue\(2\)\nparam instanceCount int = 2/);
    expect(bicep).toMatch(/capacity: instanceCount/);
    expect(bicep).toMatch(/healthCheckPath: '\/healthz'/);
    expect(bicep).toMatch(/httpsOnly: true/);
    expect(bicep).toMatch(/linuxFxVersion: 'NODE\|20-lts'/);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(bicep).toMatch(/appCommandLine: 'npm run serve'/);
    expect(scripts.serve).toBeDefined();
  });

  it('registers the bot with a user-assigned managed identity and the Teams channel, never a new multi-tenant app', () => {
    expect(bicep).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bicep).not.toMatch(/MultiTenant/);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(bicep).toMatch(/endpoint: 'https:\/\/\$\{site\.properties\.defaultHostName\}\/api\/messages'/);
  });

  it('gives the app exactly the settings its config requires in production, secrets as Key Vault references', () => {
    const settings = new Map([...bicep.matchAll(/\{ name: '([A-Z_]+)', value: (.+) \}/g)].map((m) => [m[1]!, m[2]!]));
    for (const name of ['NODE_ENV', 'BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'SIGNAL_KEY', 'DATABASE_URL', 'TAB_CLIENT_ID', 'TAB_APP_ID_URI', 'PUBLIC_BASE_URL']) {
      expect({ name, set: settings.has(name) }).toEqual({ name, set: true });
    }
    expect(settings.get('NODE_ENV')).toBe("'production'");
    expect(settings.get('SIGNAL_KEY')).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=/);
    expect(settings.get('DATABASE_URL')).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=/);
    expect(bicep).toMatch(/keyVaultReferenceIdentity: identity\.id/);
    // The tab's App ID URI is the one aad.manifest.json sets: api://<BOT_DOMAIN>/<client id>.
    expect(read('aad.manifest.json')).toContain('api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}');
    expect(settings.get('TAB_APP_ID_URI')).toBe("'api://${names.site}.azurewebsites.net/${tabClientId}'");
  });

  it('trusts exactly the one proxy in front, App Service\'s front end, for the client address of the per-address limit', () => {
    const settings = new Map([...bicep.matchAll(/\{ name: '([A-Z_]+)', value: (.+) \}/g)].map((m) => [m[1]!, m[2]!]));
    expect(settings.get('TRUSTED_PROXY_HOPS')).toBe("'1'");
    expect(loadConfig({ NODE_ENV: 'development', TRUSTED_PROXY_HOPS: '1' }).trustedProxyHops).toBe(1);
  });

  it('turns telemetry on with the Application Insights connection string, and leaves App Service\'s own agent off (the service instruments itself)', () => {
    const settings = new Map([...bicep.matchAll(/\{ name: '([A-Za-z_]+)', value: (.+) \}/g)].map((m) => [m[1]!, m[2]!]));
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe('insights.properties.ConnectionString');
    expect(settings.has('ApplicationInsightsAgent_EXTENSION_VERSION')).toBe(false);
    expect(bicep).toMatch(/WorkspaceResourceId: logs\.id/);
  });

  it('gives a stopping instance more time than the service takes to finish its turns and flush its telemetry', () => {
    const settings = new Map([...bicep.matchAll(/\{ name: '([A-Z_]+)', value: (.+) \}/g)].map((m) => [m[1]!, m[2]!]));
    const stopLimitSeconds = Number(settings.get('WEBSITES_CONTAINER_STOP_TIME_LIMIT')?.replace(/'/g, ''));
    const { shutdownGraceMs } = loadConfig({ NODE_ENV: 'development' });
    expect(stopLimitSeconds * 1000).toBeGreaterThanOrEqual(shutdownGraceMs + FLUSH_TIMEOUT_MS + 5_000);
    expect(stopLimitSeconds).toBeLessThanOrEqual(120);
  });
});

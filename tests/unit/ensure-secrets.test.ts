import { existsSync, readFileSync, statSync } from 'node:fs';
import { type Az, ensureSecrets, SECRETS, SecretsError } from '../../scripts/ensure-secrets';

const VAULT = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-sv/providers/Microsoft.KeyVault/vaults/sociaalvdevkvabc';

/**
 * A stand-in for the Azure CLI in front of Resource Manager: `az resource show --ids` answers from `stored` (exit 3
 * and Resource Manager's message when absent, as az does), `az rest --method put` stores the body it reads from the
 * file named after `@`. Every call is recorded with its arguments, and the body file as it was during the call.
 */
function azStandIn(stored: Map<string, string>, fail?: { show?: string }) {
  const calls: Array<{ args: string[]; body?: string; mode?: number }> = [];
  const az: Az = (args) => {
    const call: (typeof calls)[number] = { args };
    calls.push(call);
    if (args[0] === 'resource' && args[1] === 'show') {
      if (fail?.show) return { status: 1, stdout: '', stderr: fail.show };
      const id = args[args.indexOf('--ids') + 1]!;
      return stored.has(id) ? { status: 0, stdout: `${id}\n`, stderr: '' } : { status: 3, stdout: '', stderr: `ERROR: (ResourceNotFound) The Resource '${id}' was not found.` };
    }
    if (args[0] === 'rest' && args[args.indexOf('--method') + 1] === 'put') {
      const url = new URL(args[args.indexOf('--url') + 1]!);
      const file = args[args.indexOf('--body') + 1]!.replace(/^@/, '');
      call.body = readFileSync(file, 'utf8');
      call.mode = statSync(file).mode & 0o777;
      stored.set(url.pathname, (JSON.parse(call.body) as { properties: { value: string } }).properties.value);
      return { status: 0, stdout: '', stderr: '' };
    }
    return { status: 2, stdout: '', stderr: `unexpected az ${args.join(' ')}` };
  };
  return { az, calls };
}

describe('the secrets a provision makes in Key Vault (scripts/ensure-secrets.ts)', () => {
  it('makes each one that is absent: a 32-byte SIGNAL_KEY and a PostgreSQL password of all four character kinds', () => {
    const stored = new Map<string, string>();
    const { az } = azStandIn(stored);
    expect(ensureSecrets(VAULT, az)).toEqual({ 'signal-key': 'created', 'postgres-admin-password': 'created' });
    expect(Buffer.from(stored.get(`${VAULT}/secrets/signal-key`)!, 'base64')).toHaveLength(32);
    const databasePassword = stored.get(`${VAULT}/secrets/postgres-admin-password`)!;
    for (const kind of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(databasePassword).toMatch(kind);
    expect(databasePassword.length).toBeGreaterThanOrEqual(32);
  });

  it('never overwrites one that exists: a rotated key stays rotated, a provision after provision changes nothing', () => {
    const stored = new Map([[`${VAULT}/secrets/signal-key`, 'the key after a rotation']]);
    const { az, calls } = azStandIn(stored);
    expect(ensureSecrets(VAULT, az)).toEqual({ 'signal-key': 'kept', 'postgres-admin-password': 'created' });
    expect(stored.get(`${VAULT}/secrets/signal-key`)).toBe('the key after a rotation');
    const databasePassword = stored.get(`${VAULT}/secrets/postgres-admin-password`);

    calls.length = 0;
    expect(ensureSecrets(VAULT, az)).toEqual({ 'signal-key': 'kept', 'postgres-admin-password': 'kept' });
    expect(stored.get(`${VAULT}/secrets/postgres-admin-password`)).toBe(databasePassword);
    expect(calls.filter((c) => c.args[0] === 'rest')).toEqual([]);
  });

  it('passes a value to az in a file only this user may read, removed afterwards, never on the command line', () => {
    const stored = new Map<string, string>();
    const { az, calls } = azStandIn(stored);
    ensureSecrets(VAULT, az);
    const puts = calls.filter((c) => c.args[0] === 'rest');
    expect(puts).toHaveLength(SECRETS.length);
    for (const put of puts) {
      const value = (JSON.parse(put.body!) as { properties: { value: string } }).properties.value;
      expect(put.args.join(' ')).not.toContain(value);
      expect(put.mode).toBe(0o600);
      expect(existsSync(put.args[put.args.indexOf('--body') + 1]!.slice(1))).toBe(false);
    }
    // Each through Resource Manager, which Contributor on the resource group may do.
    expect(puts.map((p) => p.args[p.args.indexOf('--url') + 1])).toEqual(SECRETS.map((s) => `https://management.azure.com${VAULT}/secrets/${s.name}?api-version=2023-07-01`));
  });

  it('stops, creating nothing, when az cannot tell whether a secret exists (not signed in, no access)', () => {
    const stored = new Map<string, string>();
    const { az, calls } = azStandIn(stored, { show: "ERROR: Please run 'az login' to setup account." });
    expect(() => ensureSecrets(VAULT, az)).toThrow(/could not tell whether .*signal-key exists .*az login/);
    expect(calls.filter((c) => c.args[0] === 'rest')).toEqual([]);
    expect(stored.size).toBe(0);
  });

  it.each(['', 'sociaalvdevkvabc', `${VAULT}/secrets/signal-key`])('refuses "%s" as the vault id, asking az nothing', (id) => {
    const { az, calls } = azStandIn(new Map());
    expect(() => ensureSecrets(id, az)).toThrow(SecretsError);
    expect(calls).toEqual([]);
  });
});

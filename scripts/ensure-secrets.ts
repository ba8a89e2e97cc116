import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Makes the secrets the service needs in its Key Vault, each only when it is not there yet; one that exists is
 * left exactly as it is, so a provision never undoes a rotation. Run by teamsapp.yml between key-vault.bicep and
 * azure.bicep, with the Azure CLI (`az login`). It works through Azure Resource Manager (the vault's secrets as
 * resources), so Contributor on the resource group suffices; a value goes to `az` in a file readable by this user
 * only, never on a command line.
 */

export interface SecretSpec {
  name: string;
  /** A fresh value, made only when the secret is absent. */
  make(): string;
}

export const SECRETS: readonly SecretSpec[] = [
  // 32 random bytes, base64: SIGNAL_KEY (bot/src/config/config.ts).
  { name: 'signal-key', make: () => randomBytes(32).toString('base64') },
  // PostgreSQL wants three of upper case, lower case, digits and other characters: the prefix has all four.
  { name: 'postgres-admin-password', make: () => `Sv1-${randomBytes(24).toString('base64url')}` },
];

export interface AzResult {
  status: number | null;
  stdout: string;
  stderr: string;
}
export type Az = (args: string[]) => AzResult;

const API_VERSION = '2023-07-01';
/** How `az` says a resource does not exist: exit code 3, or Resource Manager's error code in its message. */
const NOT_FOUND = /\((ResourceNotFound|SecretNotFound|NotFound)\)|Not Found/;

export class SecretsError extends Error {
  override readonly name = 'SecretsError';
}

/** Whether the secret exists; anything but a clear yes or no (not signed in, no access) stops everything. */
function exists(az: Az, id: string): boolean {
  const shown = az(['resource', 'show', '--ids', id, '--api-version', API_VERSION, '--query', 'id', '--output', 'tsv']);
  if (shown.status === 0) return true;
  if (shown.status === 3 || NOT_FOUND.test(shown.stderr)) return false;
  throw new SecretsError(`az could not tell whether ${id} exists (exit ${shown.status}): ${shown.stderr.trim() || 'no message'}`);
}

function create(az: Az, id: string, value: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'sv-secret-'));
  const body = path.join(dir, 'body.json');
  try {
    writeFileSync(body, JSON.stringify({ properties: { value } }), { mode: 0o600 });
    const put = az(['rest', '--method', 'put', '--url', `https://management.azure.com${id}?api-version=${API_VERSION}`, '--body', `@${body}`, '--output', 'none']);
    if (put.status !== 0) throw new SecretsError(`az could not create ${id} (exit ${put.status}): ${put.stderr.trim() || 'no message'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Per secret, what happened: 'kept' (it existed) or 'created'. */
export function ensureSecrets(vaultId: string, az: Az, secrets: readonly SecretSpec[] = SECRETS): Record<string, 'kept' | 'created'> {
  if (!/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/i.test(vaultId)) {
    throw new SecretsError(`KEY_VAULT_RESOURCE_ID must be the vault's resource id (/subscriptions/…/providers/Microsoft.KeyVault/vaults/…), not "${vaultId}"`);
  }
  const outcome: Record<string, 'kept' | 'created'> = {};
  for (const secret of secrets) {
    const id = `${vaultId}/secrets/${secret.name}`;
    if (exists(az, id)) outcome[secret.name] = 'kept';
    else {
      create(az, id, secret.make());
      outcome[secret.name] = 'created';
    }
  }
  return outcome;
}

/** `az` itself; on Windows it is az.cmd, which only a shell starts (and the shell splits unquoted arguments). */
const azCli: Az = (args) => {
  const windows = process.platform === 'win32';
  const run = spawnSync('az', windows ? args.map((a) => `"${a}"`) : args, { encoding: 'utf8', shell: windows });
  if (run.error) throw new SecretsError(`the Azure CLI (az) did not run: ${run.error.message}; install it and run az login`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

if (require.main === module) {
  try {
    const outcome = ensureSecrets(process.env.KEY_VAULT_RESOURCE_ID ?? '', azCli);
    for (const [name, what] of Object.entries(outcome)) process.stdout.write(`${name}: ${what === 'kept' ? 'exists, left as it is' : 'created'}\n`);
  } catch (error) {
    process.stderr.write(`ensure-secrets: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

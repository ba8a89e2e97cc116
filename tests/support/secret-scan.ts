import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where a secret seems to be: never the text itself, so a report of it leaks nothing. */
export interface SecretFinding {
  file: string;
  line: number;
  kind: string;
}

/** Secrets by their shape, wherever they are. Placeholders (`${…}`, `%s`) and empty values do not match. */
const SHAPES: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  { kind: 'Azure storage or Service Bus key', pattern: /\b(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,}/ },
  { kind: 'Azure SAS signature', pattern: /[?&]sig=[A-Za-z0-9%+/]{30,}/ },
  // Entra ID client secrets since 2022: three characters, a digit, "Q~", then 31 to 34 more.
  { kind: 'Entra ID client secret', pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/ },
  // Placeholder words (user:secret@, user:password@) are how tests and docs show the shape; anything else is not.
  { kind: 'password in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`$]+:(?!(?:secret|password|pass|changeme|example|x+|\*+)@)[^\s@/'"`${}]{3,}@/i },
  { kind: 'password in a connection string', pattern: /\b(?:Password|Pwd)\s*=\s*[^;\s'"`${}<>]{3,}/i },
  // A signed JWT (an unsigned `alg: none` one, as the tests use to be refused, has an empty third part).
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/ },
  { kind: 'SIGNAL_KEY with a value', pattern: /\bSIGNAL_KEY(?:_PREVIOUS)?['"]?\s*[=:]\s*['"]?[A-Za-z0-9+/]{42,43}={0,2}/ },
  { kind: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/ },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b|_authToken\s*=\s*[^\s$]{8,}/ },
  { kind: 'AWS access key', pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  { kind: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
];

/** Names of settings that hold a secret: in an environment file they must stay empty. */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|CONNECTION_STRING|(?:^|_)KEY(?:$|_)/i;

/** Files that must never be committed, whatever they hold: local environments and key stores. */
const NEVER_COMMITTED: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  // The toolkit's env/.env.<name> templates are committed; .env and the .user files beside them hold values.
  { kind: 'environment file that git must ignore', pattern: /(?:^|\/)\.env(?:\.[^/]*)?\.user$|(?:^|\/)\.env$/ },
  { kind: 'key or certificate file', pattern: /\.(?:pem|pfx|p12|key|jks|keystore)$|(?:^|\/)id_(?:rsa|ecdsa|ed25519)$/i },
];

/** Large generated files with hashes that look random by design, and nothing written by hand. */
const SKIPPED = new Set(['package-lock.json']);

export function scanText(file: string, text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const envFile = /(?:^|\/)\.env(?:\.[^/]+)?$/.test(file);
  text.split('\n').forEach((content, index) => {
    for (const { kind, pattern } of SHAPES) if (pattern.test(content)) findings.push({ file, line: index + 1, kind });
    // A commented-out assignment with a value is committed just the same.
    const assignment = envFile ? /^\s*(?:#\s*)?(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(content) : null;
    if (assignment && SECRET_NAME.test(assignment[1]!) && assignment[2]!.replace(/^['"]|['"]$/g, '').trim() !== '') {
      findings.push({ file, line: index + 1, kind: 'secret with a value in an environment file' });
    }
  });
  return findings;
}

/** True for content with a NUL byte near the start: images, archives; they are not read as text. */
const isBinary = (content: Buffer) => content.subarray(0, 8000).includes(0);

/**
 * Every file git would commit from `root`: the tracked ones and the untracked ones it does not ignore (so a
 * secret is found before `git add -A` takes it), scanned for secrets by shape and for files never to commit.
 */
export function scanRepository(root: string): SecretFinding[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 64 * 1024 * 1024 })
    .toString()
    .split('\0')
    .filter(Boolean);
  const findings: SecretFinding[] = [];
  for (const file of new Set(listed)) {
    for (const { kind, pattern } of NEVER_COMMITTED) if (pattern.test(file)) findings.push({ file, line: 0, kind });
    const full = path.join(root, file);
    // A file deleted in the work tree but not yet in the index is not committed again.
    if (SKIPPED.has(path.basename(file)) || !existsSync(full) || !statSync(full).isFile()) continue;
    const content = readFileSync(full);
    if (!isBinary(content)) findings.push(...scanText(file, content.toString('utf8')));
  }
  return findings;
}

import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { projectRoot } from '../../bot/src/platform/project-root';
import { scanRepository, scanText } from '../support/secret-scan';

const ROOT = projectRoot();

describe('secrets in the repository', () => {
  it('holds none: no key, secret, token, password or signal key in any file git would commit', () => {
    expect(scanRepository(ROOT)).toEqual([]);
  });

  it('keeps the environment templates free of values for secrets, and commits no local environment file', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'env'], { cwd: ROOT }).toString().split('\n').filter(Boolean);
    expect(files.filter((f) => /\.env\.[a-z]+$/.test(f)).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.endsWith('.user'))).toEqual([]);
    for (const file of files) expect({ file, findings: scanText(file, readFileSync(path.join(ROOT, file), 'utf8')) }).toEqual({ file, findings: [] });
    // git ignores where the toolkit writes the values.
    const ignored = execFileSync('git', ['check-ignore', 'env/.env.dev.user', 'env/.env.local.user', '.env'], { cwd: ROOT }).toString().split('\n').filter(Boolean);
    expect(ignored).toEqual(['env/.env.dev.user', 'env/.env.local.user', '.env']);
  });
});

describe('the secret scan', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'sv-secrets-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  const alnum = (n: number) => Array.from(randomBytes(n), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');
  // Every secret below is made as the test runs, so this file holds none for the scan of the repository to find.
  const planted = async (): Promise<Array<[kind: string, file: string, content: string]>> => [
    ['private key', 'bot/keys.ts', `export const key = \`${generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' })}\`;`],
    ['Azure storage or Service Bus key', 'infra/storage.txt', `DefaultEndpointsProtocol=https;AccountName=sv;${'Account'}Key=${randomBytes(64).toString('base64')};`],
    ['Azure SAS signature', 'docs/link.md', `https://sv.blob.core.windows.net/c/f?sv=2022-11-02&${'sig'}=${encodeURIComponent(randomBytes(32).toString('base64'))}`],
    ['Entra ID client secret', 'scripts/deploy.sh', `az login --service-principal -p '${alnum(3)}8${'Q~'}${alnum(34)}'`],
    ['password in a URL', 'bench/config.ts', `const url = 'postgres://${'admin'}:${alnum(12)}@db.example.org:5432/sv';`],
    ['password in a connection string', 'infra/app.json', `{"db": "Server=db.example.org;User Id=sv;${'Password'}=${alnum(12)};"}`],
    ['JSON Web Token', 'tests/fixture.ts', `const token = '${await new SignJWT({ oid: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(randomBytes(32))}';`],
    ['SIGNAL_KEY with a value', 'README.md', `Set ${'SIGNAL'}_KEY=${randomBytes(32).toString('base64')} and start.`],
    ['GitHub token', '.ci/token', `${'gh'}p_${alnum(36)}`],
    ['npm token', '.npmrc', `//registry.npmjs.org/:_${'auth'}Token=${'npm'}_${alnum(36)}`],
    ['AWS access key', 'bench/aws.ts', `const id = '${'AK'}IA${alnum(16).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}';`],
    ['Slack token', 'docs/chat.md', `${'xo'}xb-${alnum(12)}-${alnum(12)}`],
    ['secret with a value in an environment file', 'env/.env.dev', `TEAMSFX_ENV=dev\n${'SECRET'}_SIGNAL_KEY=${alnum(20)}`],
    ['secret with a value in an environment file', 'env/.env.local', `# SECRET_BOT_${'PASSWORD'}=${alnum(20)}`],
    ['environment file that git must ignore', 'env/.env.dev.user', 'TEAMSFX_ENV=dev'],
    ['environment file that git must ignore', '.env', 'PORT=3978'],
    ['key or certificate file', 'certs/bot.pem', 'certificate'],
  ];

  it('finds every kind of planted secret, in tracked files and in untracked ones git would take', async () => {
    const plants = await planted();
    plants.forEach(([, file, content], i) => {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), content);
      // Half of them committed to the index, half only lying in the work tree.
      if (i % 2 === 0) execFileSync('git', ['add', '--', file], { cwd: repo });
    });
    const findings = scanRepository(repo);
    for (const [kind, file] of plants) expect({ file, kinds: findings.filter((f) => f.file === file).map((f) => f.kind) }).toEqual({ file, kinds: expect.arrayContaining([kind]) });
    // A finding says where, never what.
    for (const [, , content] of plants.filter(([, , c]) => c.length > 40)) expect(JSON.stringify(findings)).not.toContain(content.slice(-16));
  });

  it('leaves alone what is no secret: placeholders, empty settings, fictional test values, unsigned tokens, ignored files', () => {
    const clean = [
      "value: 'postgres://${postgresAdmin}:${uriComponent(postgresAdminPassword)}@${host}:5432/sv'",
      "printf 'SECRET_SIGNAL_KEY=%s\\n' \"$(openssl rand -base64 32)\" >> env/.env.dev.user",
      "bot: { appId: '11111111-1111-4111-8111-111111111111', password: 'not-a-real-secret' }",
      "SIGNAL_KEY: Buffer.alloc(32, 7).toString('base64'),",
      "'Bearer eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.'",
      'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test',
      "'http.url': 'https://user:secret@login.microsoftonline.com/tenant/oauth2/v2.0/token'",
      'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:1/',
    ].join('\n');
    expect(scanText('infra/azure.bicep', clean)).toEqual([]);
    expect(scanText('env/.env.dev', '# Their names:\n#   SECRET_SIGNAL_KEY=\nSECRET_POSTGRES_ADMIN_PASSWORD=\nBOT_ID=53560000-0000-4000-8000-000000000002')).toEqual([]);
    writeFileSync(path.join(repo, '.gitignore'), 'ignored/\n');
    mkdirSync(path.join(repo, 'ignored'), { recursive: true });
    writeFileSync(path.join(repo, 'ignored', 'local.ts'), `${'gh'}p_${alnum(36)}`);
    expect(scanRepository(repo).filter((f) => f.file.startsWith('ignored/'))).toEqual([]);
  });
});

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEV_ONLY, stage, StageError } from '../../scripts/stage-deploy';

const SAMPLES = path.resolve(__dirname, '..', '..', 'bot', 'src', 'samples');

/** A built project in miniature: the files stage() takes, and the ones it must leave behind. */
function builtProject(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sv-stage-'));
  const file = (name: string, text = 'x') => {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  };
  for (const name of ['dist/bot/src/main.js', 'dist/scripts/reencrypt.js', 'tab/dist/index.html', 'tab/dist/assets/index.js', 'package.json', 'package-lock.json', 'seeds/counsellors.json']) file(name);
  for (const name of ['bot/src/main.ts', 'tab/src/App.tsx', 'tests/unit/a.test.ts', 'docs/DEPLOYMENT.md', 'env/.env.dev', 'env/.env.dev.user', '.localConfigs', 'dist/bench/run.js', 'node_modules/jest/index.js', '.data/pglite/x']) file(name);
  return root;
}

/** Every file under `dir`, relative to it. */
const filesIn = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();

describe('the deployed artefact (scripts/stage-deploy.ts)', () => {
  let root: string;
  let out: string;
  beforeEach(() => {
    root = builtProject();
    out = path.join(root, '.deploy');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const installs: string[] = [];
  const fakeInstall = (dir: string) => {
    installs.push(dir);
    mkdirSync(path.join(dir, 'node_modules', 'restify'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'restify', 'index.js'), 'x');
  };

  it('holds the built service and tab, the package files, the seeds and the production dependencies, and nothing else', () => {
    const staged = stage(root, out, 'seeds', fakeInstall);
    expect(filesIn(out)).toEqual(
      ['dist/bot/src/main.js', 'dist/scripts/reencrypt.js', 'node_modules/restify/index.js', 'package-lock.json', 'package.json', 'seeds/counsellors.json', 'tab/dist/assets/index.js', 'tab/dist/index.html'].sort(),
    );
    expect(installs.at(-1)).toBe(out);
    expect(staged).toEqual({ dir: out, files: 8, bytes: 8 });
  });

  it('starts from an empty folder every time', () => {
    mkdirSync(out);
    writeFileSync(path.join(out, 'left-over.js'), 'x');
    stage(root, out, 'seeds', fakeInstall);
    expect(existsSync(path.join(out, 'left-over.js'))).toBe(false);
  });

  it('leaves an absolute SEED_DIR to the server', () => {
    stage(root, out, '/home/site/seeds', fakeInstall);
    expect(existsSync(path.join(out, 'seeds'))).toBe(false);
  });

  it.each([
    ['without a build', () => rmSync(path.join(root, 'tab', 'dist'), { recursive: true }), 'seeds', /tab\/dist\/index\.html is missing: run npm run build first/],
    ['with a SEED_DIR that is not there', () => undefined, 'own-seeds', /SEED_DIR is own-seeds, but there is no such folder/],
    ['with the sample data as its seeds', () => cpSync(SAMPLES, path.join(root, 'seeds'), { recursive: true }), 'seeds', /^SEED_DIR: .*holds the bundled sample .*fictional/],
  ])('refuses to stage %s', (_what, change, seedDir, message) => {
    change();
    expect(() => stage(root, out, seedDir, fakeInstall)).toThrow(StageError);
    expect(() => stage(root, out, seedDir, fakeInstall)).toThrow(message);
  });

  it('refuses an artefact with a development package in it', () => {
    const withDevPackages = (dir: string) => {
      fakeInstall(dir);
      mkdirSync(path.join(dir, 'node_modules', DEV_ONLY[0]!), { recursive: true });
    };
    expect(() => stage(root, out, 'seeds', withDevPackages)).toThrow(new RegExp(`development packages in the artefact: ${DEV_ONLY[0]}`));
  });
});

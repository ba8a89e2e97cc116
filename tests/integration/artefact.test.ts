import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../bot/src/platform/project-root';
import { DEV_ONLY, installProduction, stage, type Staged } from '../../scripts/stage-deploy';
import { message } from '../support/activities';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { startServiceProcess } from '../support/service-process';

jest.setTimeout(600_000);

const ROOT = projectRoot();
const RECORD_LOADED_MODULES = path.join(__dirname, '..', 'support', 'record-loaded-modules.cjs');
/** What the whole project folder weighed when it was deployed as it was (node_modules with every dev package). */
const WHOLE_PROJECT_BYTES = 690e6;

/**
 * The artefact `npm run stage` builds from this (built) project, with its real production dependencies from the
 * lock file, run on its own: it must hold everything the service needs and nothing of the development set.
 */
describe('the deployed artefact, staged from this project and run on its own', () => {
  let dir: string;
  let staged: Staged;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sv-artefact-'));
    staged = stage(ROOT, path.join(dir, 'app'), undefined, installProduction);
    process.stdout.write(`artefact: ${(staged.bytes / 1e6).toFixed(1)} MB in ${staged.files} files\n`);
    connector = await new ConnectorStandIn().start();
  });
  afterAll(async () => {
    await connector?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is a fraction of the project, without any development package', async () => {
    expect(staged.bytes).toBeLessThan(WHOLE_PROJECT_BYTES / 2);
    const lock = JSON.parse(await readFile(path.join(staged.dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devPackages = Object.entries(lock.packages).filter(([, p]) => p.dev).map(([name]) => name);
    expect(devPackages.length).toBeGreaterThan(0);
    const present = [...devPackages, ...DEV_ONLY.map((n) => `node_modules/${n}`)].filter((name) => existsSync(path.join(staged.dir, name)));
    expect(present).toEqual([]);
  });

  it('starts from the artefact alone, answers a turn and serves the tab, loading no module from outside it', async () => {
    const file = path.join(dir, 'loaded-modules.txt');
    const service = await startServiceProcess(
      { DATA_DIR: path.join(dir, 'data'), NODE_OPTIONS: `--require ${RECORD_LOADED_MODULES}`, LOADED_MODULES_FILE: file },
      path.join(staged.dir, 'dist', 'bot', 'src', 'main.js'),
    );
    try {
      const base = `http://127.0.0.1:${service.port}`;
      const tab = await fetch(`${base}/tab/`);
      expect(tab.status).toBe(200);
      expect(await tab.text()).toContain('<div id="root">');
      const turn = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message({ serviceUrl: connector.serviceUrl }, 'hallo')),
      });
      expect(turn.status).toBe(200);
    } finally {
      await service.stop();
    }
    const loaded = (await readFile(file, 'utf8')).split('\n').filter((m) => path.isAbsolute(m));
    expect(loaded.length).toBeGreaterThan(100);
    expect(loaded.filter((m) => m !== RECORD_LOADED_MODULES && !m.startsWith(`${staged.dir}${path.sep}`))).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sampleSeedsIn } from '../bot/src/config/sample-seeds';
import { projectRoot } from '../bot/src/platform/project-root';

/**
 * `npm run stage`: the artefact that goes to App Service, in .deploy/, from a built project (`npm run build`):
 * the built service (dist/bot, dist/scripts for `npm run reencrypt`), the built tab, the seed folder SEED_DIR names,
 * package.json and package-lock.json, and the production dependencies installed from the lock file. Nothing else:
 * no sources, tests or development packages (Fluent UI, vite, jest, playwright-core stay behind).
 */

/** Development packages that would betray a staging that took the whole node_modules. */
export const DEV_ONLY = ['typescript', 'jest', 'vite', '@fluentui/react-components', 'playwright-core', '@microsoft/m365agentsplayground', 'react'];

export class StageError extends Error {
  override readonly name = 'StageError';
}

export interface Staged {
  dir: string;
  bytes: number;
  files: number;
}

function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += lstatSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

/**
 * Stages the artefact from `root` into `out` (emptied first). `seedDir` is SEED_DIR as the service will read it: a
 * relative folder is copied in (it must exist, and hold no sample data); an absolute one is left to the server.
 */
export function stage(root: string, out: string, seedDir: string | undefined, install: (dir: string) => void): Staged {
  for (const built of ['dist/bot/src/main.js', 'tab/dist/index.html']) {
    if (!existsSync(path.join(root, built))) throw new StageError(`${built} is missing: run npm run build first`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const copy = (from: string) => cpSync(path.join(root, from), path.join(out, from), { recursive: true });
  ['dist/bot', 'dist/scripts', 'tab/dist', 'package.json', 'package-lock.json'].forEach(copy);
  if (seedDir && !path.isAbsolute(seedDir)) {
    if (!existsSync(path.join(root, seedDir))) throw new StageError(`SEED_DIR is ${seedDir}, but there is no such folder: put your own seed files there (docs/DEPLOYMENT.md)`);
    const sample = sampleSeedsIn(path.join(root, seedDir));
    if (sample) throw new StageError(`SEED_DIR: ${sample}, which is fictional; production refuses it`);
    copy(seedDir);
  }
  install(out);
  const present = DEV_ONLY.filter((name) => existsSync(path.join(out, 'node_modules', name)));
  if (present.length > 0) throw new StageError(`development packages in the artefact: ${present.join(', ')}`);
  return { dir: out, ...sizeOf(out) };
}

/**
 * The production dependencies exactly as locked, without their install scripts (none of them needs one), from
 * npm's cache where it has them.
 */
export function installProduction(dir: string): void {
  const run = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) throw new StageError(`npm ci --omit=dev failed in ${dir}`);
}

if (require.main === module) {
  try {
    const root = projectRoot();
    const staged = stage(root, path.join(root, '.deploy'), process.env.SEED_DIR?.trim() || undefined, installProduction);
    process.stdout.write(`staged ${path.relative(process.cwd(), staged.dir) || '.'}: ${(staged.bytes / 1e6).toFixed(1)} MB in ${staged.files} files\n`);
  } catch (error) {
    process.stderr.write(`stage: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

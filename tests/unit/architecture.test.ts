import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layout's rule (docs/ARCHITECTURE.md, "One room per feature"), checked on every import the compiler sees:
 * - `shared/` (what the service and the tab both speak) imports only `shared/`;
 * - `platform/` imports `platform/` and `shared/`, never a feature;
 * - a feature imports `platform/`, `shared/`, its own files, and another feature only through that feature's
 *   `index.ts`; so does the wiring (`app.ts`, `main.ts`, `config/`, `wiring/`, `reencrypt.ts`);
 * - the tab imports from the service only `shared/`;
 * - `samples/` is data (the fictional seeds), read by the features that seed from it.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'bot', 'src');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });

/** Every relative import of a file (values and types, re-exports and dynamic imports), as paths from the repository. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((i) => i.fileName).filter((name) => name.startsWith('.')).map((name) => path.relative(ROOT, path.resolve(path.dirname(file), name)));
}

type Place = { area: 'shared' | 'platform' | 'samples' | 'wiring' | 'tab' } | { area: 'feature'; feature: string; isIndex: boolean };

function placeOf(fromRoot: string): Place | null {
  const inSrc = path.relative(path.relative(ROOT, SRC), fromRoot);
  if (inSrc.startsWith('..')) return fromRoot.startsWith(`tab${path.sep}`) ? { area: 'tab' } : null;
  const [top, feature, ...rest] = inSrc.split(path.sep);
  if (top === 'shared' || top === 'platform' || top === 'samples') return { area: top };
  if (top === 'features' && feature) return { area: 'feature', feature, isIndex: rest.length === 0 || (rest.length === 1 && /^index(\.ts)?$/.test(rest[0]!)) };
  return { area: 'wiring' };
}

/** Why an import from `from` to `to` breaks the rule, or null when it keeps it. */
function breach(from: Place, to: Place): string | null {
  if (to.area === 'wiring' && from.area !== 'wiring') return 'only the wiring may import the wiring';
  if (to.area === 'samples') return from.area === 'feature' || from.area === 'wiring' ? null : 'only a feature or the wiring reads the samples';
  switch (from.area) {
    case 'samples':
      return 'samples/ holds data only';
    case 'shared':
      return to.area === 'shared' ? null : 'shared/ imports only shared/';
    case 'platform':
      return to.area === 'shared' || to.area === 'platform' ? null : 'platform/ imports no feature';
    case 'tab':
      return to.area === 'shared' || to.area === 'tab' ? null : 'the tab imports only shared/ from the service';
    default:
      if (to.area !== 'feature') return null;
      if (from.area === 'feature' && from.feature === to.feature) return null;
      return to.isIndex ? null : `another feature's files are reached only through features/${to.feature}/index.ts`;
  }
}

function breaches(files: string[]): string[] {
  return files.flatMap((file) => {
    const fromRoot = path.relative(ROOT, file);
    const from = placeOf(fromRoot);
    if (!from) return [];
    return importsOf(file).flatMap((target) => {
      const to = placeOf(target);
      const why = to && breach(from, to);
      return why ? [`${fromRoot} → ${target}: ${why}`] : [];
    });
  });
}

describe('the layout: one room per feature, on a platform', () => {
  it('every import in bot/src and tab/src keeps the rule', () => {
    expect(breaches([...sourceFiles(SRC), ...sourceFiles(path.join(ROOT, 'tab', 'src'))])).toEqual([]);
  });

  it('finds each kind of breach (so the rule above cannot pass by seeing nothing)', () => {
    const at = (p: string) => placeOf(path.join('bot', 'src', p))!;
    expect(breach(at('platform/http/server.ts'), at('features/signals/index.ts'))).toMatch(/no feature/);
    expect(breach(at('shared/signal-vocabulary.ts'), at('platform/i18n/locale.ts'))).toMatch(/only shared/);
    expect(breach(at('features/desk/signal-desk.ts'), at('features/signals/signal-service.ts'))).toMatch(/index\.ts/);
    expect(breach(at('app.ts'), at('features/signals/signal-service.ts'))).toMatch(/index\.ts/);
    expect(breach(at('features/signals/signal-flow.ts'), at('app.ts'))).toMatch(/wiring/);
    expect(breach(placeOf(path.join('tab', 'src', 'App.tsx'))!, at('platform/i18n/dates.ts'))).toMatch(/tab/);
    expect(breach(at('platform/cards/templates.ts'), at('samples/counsellors.json'))).toMatch(/samples/);
    expect(breach(at('features/desk/signal-desk.ts'), at('features/signals/index.ts'))).toBeNull();
    expect(breach(at('features/signals/signal-flow.ts'), at('features/signals/mixing/mixer.ts'))).toBeNull();
    expect(sourceFiles(SRC).length).toBeGreaterThan(100);
  });
});

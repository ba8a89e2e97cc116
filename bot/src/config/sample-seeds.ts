import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { projectRoot } from '../platform/project-root';

/** The bundled sample data (fictional people and numbers): in the sources, and as tsc copies it into dist/. */
const SAMPLE_DIRS = [path.join('bot', 'src', 'samples'), path.join('dist', 'bot', 'src', 'samples')];
const SAMPLE_FILES = ['sociale-kaart.json', 'facilitators.json', 'counsellors.json'];

const real = (dir: string) => (existsSync(dir) ? realpathSync(dir) : path.resolve(dir));

/** The file's JSON, or undefined when it is missing or no JSON (loading the seeds reports that). */
function jsonOf(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Why a SEED_DIR holds the bundled sample data rather than a ministry's own, or undefined when it does not: it is
 * the samples' folder, or one of its files holds the same data as a sample file. Production refuses both: the samples'
 * people and phone numbers are fictional.
 */
export function sampleSeedsIn(seedDir: string): string | undefined {
  const root = projectRoot();
  const dir = real(seedDir);
  const samples = SAMPLE_DIRS.map((sample) => path.join(root, sample)).filter((sample) => existsSync(sample));
  if (samples.some((sample) => real(sample) === dir)) return `${seedDir} is the folder of the bundled sample data`;
  for (const name of SAMPLE_FILES) {
    const own = jsonOf(path.join(dir, name));
    if (own !== undefined && samples.some((sample) => isDeepStrictEqual(own, jsonOf(path.join(sample, name))))) {
      return `${path.join(seedDir, name)} holds the bundled sample ${name}`;
    }
  }
  return undefined;
}

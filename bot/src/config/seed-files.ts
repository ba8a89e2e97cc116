import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { seededSocialeKaart, type SocialeKaart, socialeKaartSchema } from '../features/kaart';
import { type CounsellorSeed, counsellorSeedSchema, seededCounsellors } from '../features/desk';
import { type FacilitatorSeed, facilitatorSeedSchema, seededFacilitators } from '../features/pool';

/** What a start loads into the database; a kind left out is not seeded at all. */
export interface Seeds {
  kaart?: SocialeKaart;
  facilitators?: FacilitatorSeed;
  counsellors?: CounsellorSeed;
}

/** The files a SEED_DIR may hold, in the formats of the bundled ones in bot/src/samples/. */
export const SEED_FILES = { kaart: 'sociale-kaart.json', facilitators: 'facilitators.json', counsellors: 'counsellors.json' } as const;

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/**
 * The seeds: without a folder the bundled sample data (fictional people and contacts, for trying the app);
 * with one, a ministry's own files, each validated as a whole before anything is written, and a file that is
 * not there seeds nothing of its kind.
 */
export function loadSeeds(dir?: string): Seeds {
  if (!dir) return { kaart: seededSocialeKaart(), facilitators: seededFacilitators(), counsellors: seededCounsellors() };
  if (!existsSync(dir)) throw new SeedError(`SEED_DIR: ${dir} does not exist`);
  return {
    kaart: read(dir, SEED_FILES.kaart, socialeKaartSchema),
    facilitators: read(dir, SEED_FILES.facilitators, facilitatorSeedSchema),
    counsellors: read(dir, SEED_FILES.counsellors, counsellorSeedSchema),
  };
}

function read<T>(dir: string, name: string, schema: z.ZodType<T>): T | undefined {
  const file = path.join(dir, name);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SeedError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new SeedError(`${file} does not match the format of bot/src/samples/${name}:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}

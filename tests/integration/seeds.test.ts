import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../bot/src/platform/database/database';
import { openDatabase } from '../../bot/src/platform/database/open-database';
import { seedCounsellors, seededCounsellors } from '../../bot/src/features/desk/seed-counsellors';
import { seedFacilitators, seededFacilitators } from '../../bot/src/features/pool/seed-facilitators';
import { loadSeeds, SEED_FILES, SeedError } from '../../bot/src/config/seed-files';
import { seedSocialeKaart, seededSocialeKaart } from '../../bot/src/features/kaart/seed-sociale-kaart';
import { SocialeKaartRepository } from '../../bot/src/features/kaart/sociale-kaart-repository';
import { type StoreFixture, storesUnderTest } from '../support/storages';

jest.setTimeout(60_000);

const count = async (db: Database, table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

describe.each(storesUnderTest())('seeds on %s', (_kind, createStore) => {
  let store: StoreFixture;
  let db: Database;

  beforeEach(async () => {
    store = await createStore();
    db = await openDatabase(store.storage);
  });
  afterEach(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('go in once: a place the coordinator removed, or an inbox seat taken away, does not come back at the next start', async () => {
    const kaart = seededSocialeKaart();
    await seedSocialeKaart(db);
    await seedCounsellors(db);
    const removed = kaart.referrals[3]!.id;
    expect(await new SocialeKaartRepository(db).removeReferral(removed)).toBe(true);
    await db.query('DELETE FROM counsellors WHERE aad_object_id = $1', [seededCounsellors().counsellors[0]!.aadObjectId]);
    const seats = await count(db, 'counsellors');

    await seedSocialeKaart(db);
    await seedCounsellors(db);
    expect((await new SocialeKaartRepository(db).referrals()).map((r) => r.id)).not.toContain(removed);
    expect(await count(db, 'referrals')).toBe(kaart.referrals.length - 1);
    expect(await count(db, 'counsellors')).toBe(seats);
  });

  it('add what an upgrade brings, once, also when two replicas start together', async () => {
    const kaart = seededSocialeKaart();
    await seedSocialeKaart(db);
    const added = { ...kaart.referrals[0]!, id: 'nieuw-in-deze-versie' };
    const upgraded = { ...kaart, referrals: [...kaart.referrals, added] };
    await Promise.all([seedSocialeKaart(db, upgraded), seedSocialeKaart(db, upgraded)]);
    expect(await count(db, 'referrals')).toBe(kaart.referrals.length + 1);
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM seeded WHERE kind = 'referral'`)).rows[0]!.n).toBe(kaart.referrals.length + 1);
  });

  it('gives a facilitator seeded once their availability once', async () => {
    const one = { facilitators: [seededFacilitators().facilitators[0]!] };
    await seedSocialeKaart(db);
    await seedFacilitators(db, 'Europe/Amsterdam', one);
    const slots = await count(db, 'facilitator_availability');
    expect(slots).toBeGreaterThan(0);
    await seedFacilitators(db, 'Europe/Amsterdam', one);
    expect(await count(db, 'facilitator_availability')).toBe(slots);
  });
});

describe('SEED_DIR', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sv-seeds-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('unset: the bundled sample data, all three kinds', () => {
    const seeds = loadSeeds(undefined);
    expect(seeds.kaart?.referrals.length).toBe(seededSocialeKaart().referrals.length);
    expect(seeds.facilitators?.facilitators).toHaveLength(11);
    expect(seeds.counsellors?.counsellors.length).toBeGreaterThan(0);
  });

  it('set: a ministry\'s own files, and a kind without a file is not seeded (no fictional people)', async () => {
    const own = seededSocialeKaart();
    own.referrals = own.referrals.slice(0, 2);
    await writeFile(path.join(dir, SEED_FILES.kaart), JSON.stringify(own));
    const seeds = loadSeeds(dir);
    expect(seeds.kaart?.referrals.map((r) => r.id)).toEqual(own.referrals.map((r) => r.id));
    expect(seeds.facilitators).toBeUndefined();
    expect(seeds.counsellors).toBeUndefined();
  });

  it('refuses a folder that is not there, a file that is not JSON, or one in another format, naming the file and the field', async () => {
    expect(() => loadSeeds(path.join(dir, 'nergens'))).toThrow(/SEED_DIR: .*nergens does not exist/);
    await writeFile(path.join(dir, SEED_FILES.counsellors), '{ niet json');
    expect(() => loadSeeds(dir)).toThrow(SeedError);
    expect(() => loadSeeds(dir)).toThrow(/counsellors\.json: not valid JSON/);
    await writeFile(path.join(dir, SEED_FILES.counsellors), JSON.stringify({ counsellors: [{ aadObjectId: 'geen-guid', displayName: 'X', organisation: 'bzk', roles: ['hr'] }] }));
    expect(() => loadSeeds(dir)).toThrow(/counsellors\.json does not match[\s\S]*counsellors\.0\.aadObjectId/);
  });
});

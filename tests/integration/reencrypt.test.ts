import { randomBytes } from 'node:crypto';
import type { ActivityOptions } from '../support/activities';
import { keyIdOf } from '../../bot/src/platform/crypto/field-crypto';
import { reencryptAll } from '../../bot/src/reencrypt';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { KeyRingWorkshopSealing } from '../../bot/src/features/workshops/workshop-sealing';
import { eventually } from '../support/eventually';
import { EnvelopeSealing } from '../../bot/src/features/signals/mixing/envelope-sealing';
import { useBotHarness } from '../support/bot-harness';
import { caseCodeOn } from '../support/card-reading';
import { TEST_SIGNAL_KEY } from '../support/service';
import { storesUnderTest } from '../support/storages';
import { workshopSteps } from '../support/workshop-steps';

jest.setTimeout(90_000);

describe.each(storesUnderTest())('key rotation: resealing under a new SIGNAL_KEY on %s', (_kind, createStore) => {
  // Batches of two and no delay: a third signal waits in the mixer, as an envelope to reseal too.
  const h = useBotHarness(createStore, () => ({ mix: { batchSize: 2, maxDelayMs: 7 * 24 * 60 * 60 * 1000 } }));

  it('reseals every sealed value under the new key, readable without the old one, and a second run changes nothing', async () => {
    const db = h.service.app.db;
    const chat = h.newChat();
    const receipt = await h.submitIn(chat, { ...(await h.openForm(chat, 'bzk')), category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Er wordt steeds over mij gelachen.' });
    await h.submitIn(chat, { ...(await h.openForm(chat, 'bzk')), category: 'pesten', wish: 'alleen-laten-weten', anonymity: 'anoniem' });
    const waiting = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mix_envelopes')).rows[0]!.n;
    await eventually(async () => expect(await waiting()).toBe(0));
    await h.submitIn(chat, { ...(await h.openForm(chat, 'bzk')), category: 'uitsluiting', wish: 'alleen-laten-weten', anonymity: 'anoniem' });
    expect(await waiting()).toBe(1);
    const channel: ActivityOptions = { serviceUrl: h.connector.serviceUrl, conversationId: `19:rotate-${Math.random()}@thread.tacv2`, conversationType: 'channel', userId: '29:manager', aadObjectId: 'aad-manager-rotate' };
    const { workshopId } = await workshopSteps(h).plan(channel, { note: 'Het team had een zwaar jaar.' });

    const newKey = randomBytes(32);
    const rotated = new KeyRing(newKey, [TEST_SIGNAL_KEY]);
    const first = await reencryptAll(db, rotated);
    expect(first.resealed['signals.description_sealed']).toBeGreaterThanOrEqual(1);
    expect(first.resealed['signals.reply_route_sealed']).toBeGreaterThanOrEqual(1);
    expect(first.resealed['signals.case_code_sealed']).toBeGreaterThanOrEqual(1);
    expect(first.resealed['workshops.note_sealed']).toBeGreaterThanOrEqual(1);
    expect(first.resealed['mix_envelopes.envelope_sealed']).toBe(1);
    // The waiting envelope opens under the new key alone, and the mixer publishes it.
    const [envelope] = (await db.query<{ id: string; envelope_sealed: string }>('SELECT id, envelope_sealed FROM mix_envelopes')).rows;
    expect(new EnvelopeSealing(new KeyRing(newKey)).open(envelope!.envelope_sealed, envelope!.id)).toMatchObject({ kind: 'signal', category: 'uitsluiting' });

    // Every sealed value now names the new key, and opens with the new key alone.
    const { rows: signals } = await db.query<{ id: string; description_sealed: string; reply_route_sealed: string; case_code_sealed: string }>(
      'SELECT id, description_sealed, reply_route_sealed, case_code_sealed FROM signals WHERE description_sealed IS NOT NULL',
    );
    const newOnly = new KeyRing(newKey);
    for (const s of signals) {
      expect(keyIdOf(s.description_sealed)).toBe(rotated.currentId);
      expect(keyIdOf(s.reply_route_sealed)).toBe(rotated.currentId);
      expect(keyIdOf(s.case_code_sealed)).toBe(rotated.currentId);
    }
    const texts = signals.map((s) => new KeyRingSignalSealing(newOnly).openText(s.description_sealed, s.id));
    expect(texts).toContain('Er wordt steeds over mij gelachen.');
    // The counsellor still sees the code the reporter holds.
    const codes = signals.map((s) => new KeyRingSignalSealing(newOnly).openCaseCode(s.case_code_sealed, s.id));
    expect(codes).toContain(caseCodeOn(receipt));
    const { rows: workshops } = await db.query<{ note_sealed: string }>('SELECT note_sealed FROM workshops WHERE id = $1', [workshopId]);
    expect(new KeyRingWorkshopSealing(newOnly).openNote(workshops[0]!.note_sealed, workshopId!)).toBe('Het team had een zwaar jaar.');

    // Nothing sealed is left out of the rotation: every *_sealed column of the schema is one it went through.
    const { rows: sealedColumns } = await db.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name LIKE '%\\_sealed' ORDER BY 1`,
    );
    expect(Object.keys(first.resealed).sort()).toEqual(sealedColumns.map((c) => c.name));

    const second = await reencryptAll(db, rotated);
    expect(Object.values(second.resealed).every((n) => n === 0)).toBe(true);
    expect(second.current).toBeGreaterThanOrEqual(3);
  });
});

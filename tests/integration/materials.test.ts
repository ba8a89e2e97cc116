import { nl } from '../support/strings';
import { useBotHarness } from '../support/bot-harness';
import { textsOf } from '../support/card-reading';
import { EntraStandIn } from '../support/entra-stand-in';
import { storesUnderTest } from '../support/storages';
import { workshopSteps } from '../support/workshop-steps';

jest.setTimeout(90_000);

const entra = new EntraStandIn();
beforeAll(() => entra.start());
afterAll(() => entra.stop());

const COORDINATOR = '0e000000-0000-4000-8000-0000000000c1';
const EMPLOYEE = '0e000000-0000-4000-8000-0000000000e1';

const handout = { title: 'Handout: het gesprek na de film', kind: 'handout', url: 'https://www.rijksoverheid.nl/handout-sociale-veiligheid.pdf', durationMinutes: null, language: 'nl', audience: 'gemengd' };
const film = { title: 'Korte film: de vergadering', kind: 'film', url: 'https://www.youtube.com/watch?v=voorbeeld', durationMinutes: 6, language: 'nl', audience: 'mt-leidinggevenden' };

describe.each(storesUnderTest())('the facilitators\' material on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore, () => ({ tab: entra.tabSettings }));
  const w = workshopSteps(h);
  const call = async (path: string, token: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${h.service.base}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'nl-NL', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const count = async () => (await h.service.app.db.query<{ n: number }>('SELECT (SELECT count(*) FROM materials) + (SELECT count(*) FROM workshop_materials) AS n')).rows[0]!.n;

  it('lets the coordinator keep the library, refusing a bad entry field by field and changing nothing', async () => {
    const coordinator = await entra.token(COORDINATOR, { roles: ['Coordinator'] });
    const added = await call('/api/materials', coordinator, { method: 'POST', body: handout });
    expect(added.status).toBe(201);
    const before = await count();
    for (const bad of [
      { ...handout, url: 'http://example.org/handout.pdf' },
      { ...handout, url: 'javascript:alert(1)' },
      { ...handout, title: '' },
      { ...handout, title: 'x'.repeat(121) },
      { ...handout, kind: 'boek' },
      { ...handout, durationMinutes: 0 },
      { ...handout, audience: 'iedereen' },
      { ...handout, extra: true },
    ]) {
      const refused = await call('/api/materials', coordinator, { method: 'POST', body: bad });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBeTruthy();
    }
    expect(await count()).toBe(before);
    const renamed = await call(`/api/materials/${added.body.id}`, coordinator, { method: 'PUT', body: { ...handout, title: 'Handout: na de film' } });
    expect(renamed.status).toBe(200);
    expect((await call('/api/materials', coordinator)).body.materials.map((m: any) => m.title)).toContain('Handout: na de film');
    // Nobody else keeps it: an employee may not even read it; a facilitator may read it, not change it.
    expect((await call('/api/materials', await entra.token(EMPLOYEE))).status).toBe(403);
    expect((await call('/api/materials', await entra.token(EMPLOYEE), { method: 'POST', body: handout })).status).toBe(403);
    expect((await call(`/api/materials/${added.body.id}`, coordinator, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/api/materials/${added.body.id}`, coordinator, { method: 'DELETE' })).status).toBe(404);
  });

  it('lets a facilitator attach material to a workshop they facilitate, and its participants get the handouts with the evaluation', async () => {
    const coordinator = await entra.token(COORDINATOR, { roles: ['Coordinator'] });
    const sheet = (await call('/api/materials', coordinator, { method: 'POST', body: handout })).body;
    const movie = (await call('/api/materials', coordinator, { method: 'POST', body: film })).body;
    const channel = w.channel();
    const { workshopId } = await w.plan(channel);
    const duo = await w.duo(workshopId!);
    for (const m of duo) await w.invoke(w.facilitator(m.aad_object_id), 'duo.accept', { workshopId, facilitatorId: m.facilitator_id });
    const participant = w.person(channel, 61);
    await w.invoke(participant, 'workshop.register', { workshopId, version: 1 });

    const facilitator = await entra.token(duo[0]!.aad_object_id);
    expect((await call('/api/materials', facilitator)).status).toBe(200);
    expect((await call('/api/materials', facilitator, { method: 'POST', body: handout })).status).toBe(403);
    const before = await count();
    // Material not in the library: refused whole, nothing attached.
    const unknown = await call(`/api/planning/workshops/${workshopId}/materials`, facilitator, { method: 'PUT', body: { materialIds: [sheet.id, '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11'] } });
    expect(unknown.status).toBe(400);
    expect(await count()).toBe(before);
    // A facilitator of another workshop learns nothing of this one.
    const stranger = (await h.service.app.db.query<{ aad_object_id: string }>('SELECT aad_object_id FROM facilitators WHERE aad_object_id IS NOT NULL AND NOT (aad_object_id = ANY($1::text[])) LIMIT 1', [duo.map((m) => m.aad_object_id)])).rows[0]!;
    expect((await call(`/api/planning/workshops/${workshopId}/materials`, await entra.token(stranger.aad_object_id), { method: 'PUT', body: { materialIds: [sheet.id] } })).status).toBe(404);
    const attached = await call(`/api/planning/workshops/${workshopId}/materials`, facilitator, { method: 'PUT', body: { materialIds: [sheet.id, movie.id, sheet.id] } });
    expect(attached.status).toBe(200);
    expect(attached.body.materials.map((m: any) => m.id).sort()).toEqual([sheet.id, movie.id].sort());
    // The same list again is the same list.
    await call(`/api/planning/workshops/${workshopId}/materials`, facilitator, { method: 'PUT', body: { materialIds: [movie.id, sheet.id] } });
    expect((await h.service.app.db.query('SELECT 1 FROM workshop_materials WHERE workshop_id = $1', [workshopId])).rows).toHaveLength(2);

    h.connector.clear();
    await h.service.app.db.query(`UPDATE workshops SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [workshopId]);
    await h.service.app.db.query(`UPDATE workshop_jobs SET due_at = now() - interval '1 second' WHERE workshop_id = $1 AND kind = 'evaluation'`, [workshopId]);
    const evaluation = () => h.connector.received.find((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices.evaluation));
    await h.connector.until(() => evaluation() !== undefined);
    const links = (evaluation()!.activity.attachments![0]!.content as any).actions.filter((a: any) => a.type === 'Action.OpenUrl');
    // The handout, not the film: a film is shown in the workshop.
    expect(links).toEqual([{ type: 'Action.OpenUrl', title: handout.title, url: handout.url }]);
  });
});

import { en, nl } from '../support/strings';
import { MAX_ACTIVITY_BYTES } from '../../bot/src/platform/http/server';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEAMS_FRAME_ANCESTORS } from '../../bot/src/platform/http/security-headers';
import { type ActivityOptions, botInstalled, botJoined, mention, message, submit, teamsActivity } from '../support/activities';
import { ConnectorStandIn, type RecordedActivity } from '../support/connector-stand-in';
import { type StoreFixture, storesUnderTest } from '../support/storages';
import { startService } from '../support/service';

jest.setTimeout(60_000);

import { cardOf, textsOf } from '../support/card-reading';

describe.each(storesUnderTest())('the bot over HTTP on %s', (kind, createStore) => {
  let store: StoreFixture;
  let connector: ConnectorStandIn;
  let service: Awaited<ReturnType<typeof startService>>;
  let tabDir: string;
  let personal: ActivityOptions;

  beforeAll(async () => {
    store = await createStore();
    connector = await new ConnectorStandIn().start();
    tabDir = await mkdtemp(path.join(tmpdir(), 'sv-tab-'));
    await writeFile(path.join(tabDir, 'index.html'), '<!doctype html><title>Sociaal Veilig tab</title>');
    service = await startService(store.storage, {}, tabDir);
  });
  afterAll(async () => {
    await service?.app.stop();
    await connector?.stop();
    await store?.dispose();
    await rm(tabDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    connector.clear();
    connector.delayMs = 0;
    personal = { serviceUrl: connector.serviceUrl, conversationId: `a:personal-${Math.random()}` };
  });

  /** Sends one activity and returns what the bot sent back. */
  async function turn(activity: object, expectReplies = 1): Promise<RecordedActivity[]> {
    const res = await service.post(activity);
    expect(res.status).toBe(200);
    // CloudAdapter answers only after the turn's sends are done: what arrived, arrived.
    if (expectReplies === 0) {
      expect(connector.received).toEqual([]);
      return [];
    }
    return connector.waitFor(expectReplies);
  }

  it('listens on loopback only while it has no bot identity', () => {
    expect(service.app.host).toBe('127.0.0.1');
  });

  it('answers /healthz with the storage in use', async () => {
    const res = await fetch(`${service.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: kind });
  });

  it('answers /readyz with 200 when every migration is applied, and 503 when the database lacks one', async () => {
    const ready = await fetch(`${service.base}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready' } });
    const { rows } = await service.app.db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1');
    await service.app.db.query('DELETE FROM schema_migrations WHERE version = $1', [rows[0]!.version]);
    try {
      const behind = await fetch(`${service.base}/readyz`);
      expect({ status: behind.status, body: await behind.json() }).toEqual({ status: 503, body: { status: 'not-ready' } });
    } finally {
      await service.app.db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [rows[0]!.version, rows[0]!.name]);
    }
  });

  it('greets in Dutch with the welcome card on "hallo"', async () => {
    const [reply] = await turn(message(personal, 'hallo'));
    expect(reply!.conversationId).toBe(personal.conversationId);
    const card = cardOf(reply);
    expect(card.type).toBe('AdaptiveCard');
    expect(textsOf(card)).toContain(nl.welcome.intro);
    expect(textsOf(card)).toContain(nl.welcome.privacy);
    expect(card.actions.map((a: any) => a.title)).toEqual(['Iets aankaarten', 'Met iemand praten', 'Workshops', 'Mijn gegevens']);
  });

  it('speaks English to an English Teams client', async () => {
    const [reply] = await turn(message({ ...personal, locale: 'en-US' }, 'help'));
    expect(textsOf(cardOf(reply))).toContain(en.welcome.intro);
  });

  it('speaks one language from the welcome on: an install as the Playground sends it, then a message', async () => {
    // The Playground's shapes: its installationUpdate names en-US (as a locale and in clientInfo), its
    // conversationUpdate names no locale at all, and every message says en-US.
    const english = { ...personal, locale: 'en-US' };
    const installed = { ...botInstalled(english), entities: [{ type: 'clientInfo', locale: 'en-US' }] };
    const [welcome] = await turn(installed);
    connector.clear();
    // One welcome per install: the conversationUpdate that comes with it says nothing.
    await turn(botJoined(english), 0);
    const [next] = await turn(message(english, 'hallo'));
    expect([welcome, next].map((reply) => textsOf(cardOf(reply)).includes(en.welcome.intro))).toEqual([true, true]);
  });

  it('takes the language from Teams\' clientInfo when an activity has no locale of its own', async () => {
    const { locale: _none, ...activity } = message(personal, 'help', { entities: [{ type: 'clientInfo', locale: 'en-GB' }] });
    const [reply] = await turn(activity);
    expect(textsOf(cardOf(reply))).toContain(en.welcome.intro);
  });

  it('speaks Dutch to an English client when LOCALE pins Dutch', async () => {
    // A store of its own: two PGlite instances must never open one data directory.
    const pinnedStore = await createStore();
    const pinned = await startService(pinnedStore.storage, { locale: 'nl' });
    try {
      const res = await pinned.post(message({ ...personal, locale: 'en-US' }, 'hello'));
      expect(res.status).toBe(200);
      const [reply] = await connector.waitFor(1);
      expect(textsOf(cardOf(reply))).toContain(nl.welcome.intro);
    } finally {
      await pinned.app.stop();
      await pinnedStore.dispose();
    }
  });

  it('shows the menu with a notice for text it does not understand', async () => {
    const [reply] = await turn(message(personal, 'wat is dit?'));
    expect(textsOf(cardOf(reply))).toContain(nl.errors.notUnderstood);
  });

  it('answers the Workshops button with my registrations and the open Rijk-wide workshops', async () => {
    const [reply] = await turn(submit(personal, { action: 'capability.workshops' }));
    const card = cardOf(reply);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(textsOf(card)).toContain(nl.workshop.listTitle);
    expect(textsOf(card)).toContain(nl.workshop.noneMine);
  });

  it('refuses a forged or stale submit with a clear Dutch message and changes nothing', async () => {
    const before = await service.app.db.query('SELECT (SELECT count(*) FROM mix_envelopes) AS s, (SELECT count(*) FROM installations) AS i');
    for (const value of [{ action: 'drop table' }, { action: 42 }, { nothing: true }, ['menu'], 'menu']) {
      connector.clear();
      const [reply] = await turn(submit(personal, value));
      expect(reply!.activity.text).toBe(nl.errors.invalidSubmit);
    }
    const after = await service.app.db.query('SELECT (SELECT count(*) FROM mix_envelopes) AS s, (SELECT count(*) FROM installations) AS i');
    expect(after.rows).toEqual(before.rows);
  });

  it('greets once on install and remembers where it is installed, without the person\'s name', async () => {
    const [reply] = await turn(botInstalled(personal));
    expect(textsOf(cardOf(reply))).toContain(nl.welcome.intro);
    const { rows } = await service.app.db.query<{ scope: string; aad_object_id: string; reference: any }>(
      'SELECT scope, aad_object_id, reference FROM installations WHERE conversation_id = $1',
      [personal.conversationId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ scope: 'personal', aad_object_id: 'aad-user-1' });
    expect(rows[0]!.reference.serviceUrl).toBe(connector.serviceUrl);
    expect(JSON.stringify(rows[0]!.reference)).not.toContain('Fictieve Collega');
  });

  it('handles an activity that Teams delivers twice only once', async () => {
    const activity = message(personal, 'hallo');
    await turn(activity);
    const res = await service.post(activity);
    expect(res.status).toBe(200);
    expect(connector.received).toHaveLength(1);
  });

  describe('in a channel', () => {
    let channel: ActivityOptions;
    beforeEach(() => {
      channel = { serviceUrl: connector.serviceUrl, conversationId: `19:channel-${Math.random()}@thread.tacv2`, conversationType: 'channel' };
    });

    it('stays silent when not mentioned', async () => {
      await turn(message(channel, 'hallo allemaal'), 0);
    });

    it('answers a mention with help that fits a channel', async () => {
      const [reply] = await turn(mention(channel, 'help'));
      const card = cardOf(reply);
      expect(textsOf(card)).toContain(nl.channelHelp.title);
      expect(textsOf(card)).toContain('persoonlijke chat');
      expect(card.actions ?? []).toEqual([]);
    });

    it('greets the team with channel help when installed there', async () => {
      const [reply] = await turn(botInstalled(channel));
      expect(textsOf(cardOf(reply))).toContain(nl.channelHelp.title);
    });

    it.each(['iets aankaarten', 'melden', 'met iemand praten', 'mijn gegevens'])(
      'keeps "%s" out of the channel: it points to a personal chat instead',
      async (text) => {
        const [reply] = await turn(mention(channel, text));
        expect(textsOf(cardOf(reply))).toContain(nl.channelHelp.personal);
      },
    );

    it('forgets a team when the app is uninstalled there, and keeps no installer in its address', async () => {
      await turn(botInstalled(channel));
      const { rows } = await service.app.db.query<{ reference: any }>('SELECT reference FROM installations WHERE conversation_id = $1', [channel.conversationId]);
      expect(rows[0]!.reference.user).toBeUndefined();
      connector.clear();
      await turn(teamsActivity(channel, { type: 'installationUpdate', action: 'remove' }), 0);
      const after = await service.app.db.query('SELECT 1 FROM installations WHERE conversation_id = $1', [channel.conversationId]);
      expect(after.rows).toEqual([]);
    });

    it('answers "workshop plannen" with a planning card whose form only the organiser is shown', async () => {
      const [reply] = await turn(mention(channel, 'workshop plannen'));
      const card = cardOf(reply);
      expect(textsOf(card)).toContain(nl.workshop.planStartTitle);
      // Each viewer's own view comes by refresh; the card itself names nobody.
      expect(card.refresh.userIds).toBeUndefined();
      expect(JSON.stringify(card)).not.toContain('29:user-1');
      expect(card.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'workshop.planView' });
    });
  });

  it('serves the tab under /tab/ with a CSP that lets only Teams frame it', async () => {
    const res = await fetch(`${service.base}/tab/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Sociaal Veilig tab');
    const csp = res.headers.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
    expect(ancestors.sort()).toEqual(["'self'", ...TEAMS_FRAME_ANCESTORS].sort());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${service.base}/tab/nope.js`)).status).toBe(404);
  });

  it.each([
    ['/', '/tab/'],
    ['/tab', '/tab/'],
    ['/privacy', '/tab/privacy.html'],
    ['/terms', '/tab/terms.html'],
  ])('sends the manifest address %s on to %s (temporary redirect)', async (from, to) => {
    const res = await fetch(`${service.base}${from}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(to);
  });

  it('refuses a body that is not JSON, or too large, and handles nothing', async () => {
    const notJson = await fetch(`${service.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hallo' });
    expect(notJson.status).toBe(415);
    expect(notJson.headers.get('x-content-type-options')).toBe('nosniff');
    const huge = await service.post(message(personal, 'x'.repeat(MAX_ACTIVITY_BYTES)));
    expect(huge.status).toBe(413);
    expect(connector.received).toEqual([]);
  });
});

describe('with a bot identity configured', () => {
  let store: StoreFixture;
  let service: Awaited<ReturnType<typeof startService>>;
  beforeAll(async () => {
    store = await storesUnderTest()[0]![1]();
    service = await startService(store.storage, {
      bot: { appId: '11111111-1111-4111-8111-111111111111', password: 'x', type: 'SingleTenant', tenantId: '22222222-2222-4222-8222-222222222222' },
    });
  });
  afterAll(async () => {
    await service?.app.stop();
    await store?.dispose();
  });

  it('refuses a request without a Bot Framework token (401) and handles nothing', async () => {
    const connector = await new ConnectorStandIn().start();
    try {
      const res = await service.post(message({ serviceUrl: connector.serviceUrl }, 'hallo'));
      expect(res.status).toBe(401);
      expect(connector.received).toEqual([]);
    } finally {
      await connector.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes a turn in flight, then stops listening and closes the database', async () => {
    const store = await storesUnderTest()[0]![1]();
    const connector = await new ConnectorStandIn().start();
    const service = await startService(store.storage);
    try {
      connector.delayMs = 1000;
      const held = connector.nextArrival();
      const inFlight = service.post(message({ serviceUrl: connector.serviceUrl }, 'hallo'));
      await held;
      const stopped = service.app.stop();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(connector.received).toHaveLength(1);
      await stopped;
      await expect(fetch(`${service.base}/healthz`)).rejects.toThrow();
      await expect(service.app.db.query('SELECT 1')).rejects.toThrow();
    } finally {
      await connector.stop();
      await store.dispose();
    }
  });
});

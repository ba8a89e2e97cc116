import { en, nl } from '../support/strings';
import { type ActivityOptions, cardAction, message, teamsActivity } from '../support/activities';
import { BotFrameworkStandIn } from '../support/bot-framework-stand-in';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { startService } from '../support/service';
import { type StoreFixture, storesUnderTest } from '../support/storages';

jest.setTimeout(90_000);

/**
 * The bot endpoint with a bot identity, as in production: tokens are checked against the signing keys of a
 * local stand-in for the Bot Framework (BOT_OPENID_METADATA_URL), exactly as botbuilder checks the real
 * ones: issuer, audience (the bot's app id), lifetime, signature by a published key, the key's endorsement
 * for the activity's channel, and the `serviceurl` claim against the activity's service URL.
 */
describe.each(storesUnderTest())('the bot endpoint with a bot identity on %s', (_kind, createStore) => {
  let store: StoreFixture;
  let botFramework: BotFrameworkStandIn;
  let connector: ConnectorStandIn;
  let service: Awaited<ReturnType<typeof startService>>;
  const logLines: string[] = [];

  beforeAll(async () => {
    store = await createStore();
    botFramework = await new BotFrameworkStandIn().start();
    connector = await new ConnectorStandIn().start();
    service = await startService(
      store.storage,
      {
        mode: 'production',
        bot: botFramework.botSettings,
      },
      undefined,
      logLines,
    );
  });
  afterAll(async () => {
    await service?.app.stop();
    await connector?.stop();
    await botFramework?.stop();
    await store?.dispose();
  });

  const chat = (): ActivityOptions => ({ serviceUrl: connector.serviceUrl, conversationId: `a:auth-${Math.random()}` });
  /** What an accepted activity leaves behind, and what a refused one must not. */
  const traces = async () =>
    (
      await service.app.db.query<{ handled: number; installations: number; state: number; limits: number }>(
        `SELECT (SELECT count(*) FROM handled_activities)::int AS handled, (SELECT count(*) FROM installations)::int AS installations,
                (SELECT count(*) FROM mix_envelopes)::int AS state, (SELECT count(*) FROM rate_limits)::int AS limits`,
      )
    ).rows[0]!;
  const installed = (options: ActivityOptions) => teamsActivity(options, { type: 'installationUpdate', action: 'add' });
  const post = (activity: object, token?: string) => service.post(activity, token === undefined ? {} : { authorization: `Bearer ${token}` });

  it('accepts an activity with a token as the Bot Connector signs it, and processes it', async () => {
    const options = chat();
    const before = await traces();
    const res = await post(installed(options), await botFramework.token(connector.serviceUrl));
    expect(res.status).toBe(200);
    const { rows } = await service.app.db.query('SELECT 1 FROM installations WHERE conversation_id = $1', [options.conversationId]);
    expect(rows).toHaveLength(1);
    expect(await traces()).toMatchObject({ handled: before.handled + 1, installations: before.installations + 1 });
    expect(botFramework.fetches).toMatchObject({ metadata: expect.any(Number), keys: expect.any(Number) });
    expect(botFramework.fetches.keys).toBeGreaterThan(0);
  });

  it('answers an accepted card action (an invoke) in the invoke response, in the person\'s language', async () => {
    const token = await botFramework.token(connector.serviceUrl);
    const res = await post(cardAction({ ...chat(), locale: 'en-US' }, 'no.such.verb', {}), token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: en.errors.invalidSubmit });
  });

  describe('refuses with 401, and processes nothing', () => {
    let consoleError: jest.SpyInstance;
    // botbuilder writes every refusal with its stack to stderr (console.error); that is its noise, not ours.
    beforeAll(() => (consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)));
    afterAll(() => consoleError.mockRestore());

    const now = () => Math.floor(Date.now() / 1000);
    it.each<[string, (serviceUrl: string) => Promise<string | undefined> | string | undefined]>([
      ['no token', () => undefined],
      ['a malformed token', () => 'not-a-token'],
      ['a token signed by a key the Bot Framework never published (under a published key id)', (url) => botFramework.token(url, { signWith: 'stranger' })],
      ['a token signed by a published key that is endorsed for another channel', (url) => botFramework.token(url, { signWith: 'webchat' })],
      ['a token for another bot (audience)', (url) => botFramework.token(url, { aud: '00000000-0000-4000-8000-0000000000ff' })],
      ['a token from another issuer', (url) => botFramework.token(url, { iss: 'https://api.botframework.example' })],
      ['an expired token (beyond the five minutes of clock skew allowed)', (url) => botFramework.token(url, { exp: now() - 3600, nbf: now() - 7200 })],
      ['a token not valid yet', (url) => botFramework.token(url, { nbf: now() + 3600, exp: now() + 7200 })],
      ['a token for another service URL than the activity names', () => botFramework.token('https://smba.trafficmanager.net/emea/')],
      ['an unsigned token (alg: none)', (url) => botFramework.unsigned(url)],
      ['an unsigned token (alg: none) naming the published key', (url) => botFramework.unsigned(url, 'bf-teams')],
      ['an HMAC token keyed with the published public key (HS256)', (url) => botFramework.hmacWithPublicKey(url)],
    ])('%s', async (_what, tokenFor) => {
      const before = await traces();
      connector.clear();
      for (const activity of [installed(chat()), message(chat(), 'hallo'), cardAction(chat(), 'workshop.register', {})]) {
        const res = await post(activity, await tokenFor(connector.serviceUrl));
        expect(res.status).toBe(401);
      }
      expect(await traces()).toEqual(before);
      expect(connector.received).toEqual([]);
    });

    it('logs each refusal by its kind only, without the token', async () => {
      const token = await botFramework.token(connector.serviceUrl, { signWith: 'stranger' });
      await post(installed(chat()), token);
      const refusals = logLines.filter((l) => l.includes('"bot.unauthenticated"'));
      expect(refusals.length).toBeGreaterThan(0);
      expect(logLines.join('\n')).not.toContain(token.split('.')[1]!);
    });
  });

  it('still speaks Dutch by default: the refusals changed nothing for the next accepted turn', async () => {
    const res = await post(cardAction(chat(), 'no.such.verb', {}), await botFramework.token(connector.serviceUrl));
    expect(((await res.json()) as { value: string }).value).toBe(nl.errors.invalidSubmit);
  });
});

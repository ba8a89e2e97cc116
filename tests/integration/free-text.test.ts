import { nl } from '../support/strings';
import { type ActivityOptions, message, submit } from '../support/activities';
import { actionData, cardOf, textsOf } from '../support/card-reading';
import { ConnectorStandIn, type RecordedActivity } from '../support/connector-stand-in';
import { changedTables, domainTables, everyRowAsText, fingerprinter } from '../support/db-fingerprint';
import { startService } from '../support/service';
import { type StoreFixture, storesUnderTest } from '../support/storages';

jest.setTimeout(60_000);

/**
 * Someone types their story instead of pressing a button (issue 16, item 14): they get a warm answer and an
 * offer to raise it with that text. The text goes nowhere they did not ask it to: not into the database, not
 * into a log line, only into the card's data and, when they ask, into the form's text box.
 */
describe.each(storesUnderTest())('a story typed in the chat on %s', (_kind, createStore) => {
  const STORY = 'Mijn leidinggevende schreeuwt tegen me waar het hele team bij is.';
  let store: StoreFixture;
  let connector: ConnectorStandIn;
  let service: Awaited<ReturnType<typeof startService>>;
  const logLines: string[] = [];
  let chat: ActivityOptions;

  beforeAll(async () => {
    store = await createStore();
    connector = await new ConnectorStandIn().start();
    service = await startService(store.storage, {}, undefined, logLines);
  });
  afterAll(async () => {
    await service?.app.stop();
    await connector?.stop();
    await store?.dispose();
  });
  beforeEach(() => {
    connector.clear();
    chat = { serviceUrl: connector.serviceUrl, conversationId: `a:personal-${Math.random()}` };
  });

  async function turn(activity: object): Promise<RecordedActivity> {
    expect((await service.post(activity)).status).toBe(200);
    const [reply] = await connector.waitFor(1);
    connector.clear();
    return reply!;
  }

  it('is answered warmly, carried to the form on request, and stored and logged nowhere on the way', async () => {
    // Inzicht's snapshots are written by the service's own schedule, not by a turn: left out of "nothing changed".
    const tables = (await domainTables(service.app.db)).filter((name) => name !== 'insight_snapshots');
    const fingerprint = fingerprinter(service.app.db, tables);
    const before = await fingerprint();
    const linesBefore = logLines.length;

    const story = cardOf(await turn(message(chat, STORY)));
    expect(textsOf(story)).toContain(nl.story.title);
    expect(textsOf(story)).not.toContain(STORY);
    const offer = actionData(story, 'capability.signal');
    expect(offer).toEqual({ action: 'capability.signal', description: STORY });

    // "Ja, aankaarten": the start card, whose "no danger" button carries the text on.
    const start = cardOf(await turn(submit(chat, offer)));
    expect(textsOf(start)).toContain(nl.signal.dangerQuestion);
    const next = actionData(start, 'signal.form');
    expect(next).toMatchObject({ description: STORY });

    // The organisation chosen: the form, with the story in its text box for the person to read and change.
    const form = cardOf(await turn(submit(chat, { ...next, organisation: 'bzk' })));
    const box = (form.body as Array<{ id?: string; value?: string }>).find((e) => e.id === 'description');
    expect(box?.value).toBe(STORY);

    // Three turns, and nothing of it kept: no domain table changed, no row of any table (bookkeeping included)
    // holds a word of the story, and no log line does.
    expect(changedTables(before, await fingerprint())).toEqual([]);
    expect(await everyRowAsText(service.app.db)).not.toContain('schreeuwt');
    const logged = logLines.slice(linesBefore).join('\n');
    expect(logged).toContain('conversation.story');
    expect(logged).not.toContain('schreeuwt');
  });

  it('answers a stray word with the menu, not with an offer to raise it', async () => {
    expect(textsOf(cardOf(await turn(message(chat, 'wat is dit?'))))).toContain(nl.errors.notUnderstood);
  });

  it('refuses a forged carried text over the form limit with its own message, and changes nothing', async () => {
    const fingerprint = fingerprinter(service.app.db, await domainTables(service.app.db));
    const before = await fingerprint();
    const reply = await turn(submit(chat, { action: 'capability.signal', description: 'x'.repeat(2001) }));
    expect(reply.activity.text).toBe(nl.signal.descriptionTooLong);
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });
});
